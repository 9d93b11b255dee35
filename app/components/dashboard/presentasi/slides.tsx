// The slides of the presentation: the summary, the heatmap, one radar per aspect, the flagged
// cells (two per slide), the follow-through of the last meeting, and entry completeness.
import type { ReactNode } from 'react'
import type { PresentasiView } from '../../../presenters/presentasi.server'
import type { CellView } from '../../../presenters/dashboard-views.server'
import type { CompletenessView } from '../../../presenters/completeness.server'
import type { FollowThroughView } from '../../../presenters/actions.server'
import type { ChartImageView } from '../../charts/chart-figure'
import { Heatmap } from '../../charts/heatmap'
import { RadarStrategi } from '../../charts/radar-strategi'
import { FollowThroughSlide } from '../../actions/follow-through-slide'
import { PredikatBadge } from '../banners'
import { PredikatCounts } from '../predikat-counts'

/** The presentation's view as the page receives it (without the drawn SVG documents). */
export type View = Omit<PresentasiView, 'chartSvgs'>

export interface Slide {
  key: string
  title: string
  body: ReactNode
}

const FLAGS_PER_SLIDE = 2

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Every slide in order, with its title (also the list shown without JavaScript). */
export function buildSlides(v: View, followThrough: FollowThroughView): Slide[] {
  return [
    {
      key: 'ringkasan',
      title: `Evaluasi kinerja strategi — ${v.periodLabel}`,
      body: <SummarySlide v={v} />,
    },
    {
      key: 'matriks',
      title: `Matriks aspek × strategi — ${v.periodLabel}`,
      body: (
        <Heatmap
          cells={v.cells}
          aspects={v.aspects}
          strategies={v.strategies.map((s) => ({ ...s, label: s.label.replace(/^Strategi /, '') }))}
          caption="⚠ perlu perhatian · ≠ penilaian rapat tidak sejalan dengan skor"
          linkCells={false}
          compact
          className="slide-heatmap"
        />
      ),
    },
    ...v.radar.map((r, i) => ({
      key: `aspek-${r.aspect}`,
      title: `Aspek ${r.name}`,
      body: <AspectSlide radar={r} chart={v.charts.slideRadar[i]!} cells={v.cells[i]!} threshold={v.threshold} />,
    })),
    ...(v.flagged.length
      ? chunk(v.flagged, FLAGS_PER_SLIDE).map((group, i, all) => ({
          key: `perhatian-${i + 1}`,
          title: `Perlu perhatian${all.length > 1 ? ` (${i + 1} dari ${all.length})` : ''}`,
          body: <FlaggedSlide cells={group} />,
        }))
      : [{ key: 'perhatian', title: 'Perlu perhatian', body: <p className="slide-lead">Tidak ada sel yang perlu perhatian pada periode ini.</p> }]),
    { key: 'tindak-lanjut', title: 'Tindak lanjut rapat sebelumnya', body: <FollowThroughSlide v={followThrough} /> },
    ...v.completeness.map((c) => ({
      key: `kelengkapan-${c.year}-${c.quarter}`,
      title: `Kelengkapan entri ${c.label}`,
      body: <CompletenessSlide c={c} />,
    })),
  ]
}

function SummarySlide({ v }: { v: View }) {
  return (
    <div className="slide-summary">
      <div className="slide-kpi">
        <p className="slide-kpi-label">Capaian keseluruhan</p>
        <p className="slide-kpi-value">{v.overall.text}</p>
        <p>
          <PredikatBadge predikatKey={v.overall.predikatKey} label={v.overall.predikatLabel} />
        </p>
        <p>
          {v.overall.scoredCount} dari {v.overall.indicatorCount} indikator dinilai
        </p>
      </div>
      <div>
        <p className="slide-kpi-label">Indikator per predikat</p>
        <PredikatCounts counts={v.predikatCounts} />
        <p className="slide-lead">
          <span aria-hidden="true">⚠</span> {v.flagged.length} sel matriks perlu perhatian
          {v.flagged.length ? `: ${v.flagged.map((c) => `${c.aspectLabel} × ${c.strategyLabel.replace(/^Strategi /, '')}`).join(', ')}` : ''}
        </p>
      </div>
      {v.isDemo ? <p className="slide-demo">Data demo: angka rekaan untuk demonstrasi.</p> : null}
    </div>
  )
}

function AspectSlide({ radar, chart, cells, threshold }: { radar: View['radar'][number]; chart: ChartImageView; cells: CellView[]; threshold: number | null }) {
  return (
    <div className="slide-aspect">
      <RadarStrategi chart={chart} data={radar.data} threshold={threshold} />
      <ul className="slide-cells">
        {cells.map((c) => (
          <li key={c.strategy} className={c.flags.length ? 'flagged' : undefined}>
            <span className="slide-cell-name">{c.strategyLabel.replace(/^Strategi /, '')}</span> <strong>{c.text}</strong>{' '}
            <PredikatBadge predikatKey={c.predikatKey} label={c.predikatLabel} />
            {c.flags.length ? (
              <span className="slide-flag">
                {' '}
                <span aria-hidden="true">⚠</span> perlu perhatian
              </span>
            ) : null}
            {c.note ? <span className="slide-note"> · rapat: {c.note.judgementLabel}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

function FlaggedSlide({ cells }: { cells: CellView[] }) {
  return (
    <div className="slide-flagged">
      {cells.map((c) => (
        <article key={`${c.aspect}-${c.strategy}`}>
          <h3>
            <span aria-hidden="true">⚠</span> {c.aspectLabel} × {c.strategyLabel.replace(/^Strategi /, '')}: {c.text} ({c.predikatLabel})
          </h3>
          <ul>
            {c.flags.map((f, i) => (
              <li key={i}>{f.reason}</li>
            ))}
          </ul>
          <p>
            <strong>Rekomendasi rapat:</strong> {c.note?.rekomendasi ?? 'belum dicatat'}
            {c.note ? ` (penilaian: ${c.note.judgementLabel})` : ''}
          </p>
          {c.disagreement ? (
            <p className="disagreement">
              <span aria-hidden="true">≠</span> {c.disagreement}
            </p>
          ) : null}
        </article>
      ))}
    </div>
  )
}

function CompletenessSlide({ c }: { c: CompletenessView }) {
  return (
    <div className="slide-completeness">
      <p className="slide-lead">
        Batas waktu {c.deadlineText} {c.pastDeadline ? '(sudah lewat)' : '(belum jatuh tempo)'} · {c.totals.reported} dari {c.totals.total} indikator dilaporkan
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Bidang</th>
            <th scope="col" className="num">
              Dilaporkan
            </th>
            <th scope="col">Terlambat</th>
            <th scope="col" className="num">
              Belum / draf
            </th>
            <th scope="col" className="num">
              Menunggu rilis
            </th>
          </tr>
        </thead>
        <tbody>
          {c.units.map((u) => {
            const late = u.items.filter((i) => i.state === 'terlambat' || i.state === 'terlambat_dientri')
            return (
              <tr key={u.unitId}>
                <th scope="row">{u.unitName}</th>
                <td className="num">
                  {u.reported} / {u.total}
                </td>
                <td>{late.length ? late.map((i) => i.code).join(', ') : '–'}</td>
                <td className="num">{u.pending}</td>
                <td className="num">{u.waitingRelease}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
