// The beranda's sections: the first steps when there is no Renstra yet, the headline cards, the
// aspect × strategy matrix with its roll-ups, the charts, and the completeness of entry.
import { Link } from '@remix-run/react'
import type { BerandaView } from '../../presenters/beranda.server'
import { BarUnit } from '../charts/bar-unit'
import { Heatmap } from '../charts/heatmap'
import { RadarStrategi } from '../charts/radar-strategi'
import { TrendStrategi } from '../charts/trend-strategi'
import { PredikatBadge } from './banners'
import { Completeness } from './completeness'
import { PredikatCounts } from './predikat-counts'
import { RollupTable } from './score-summary'

type View = Omit<BerandaView, 'chartSvgs'>

/** No indicator yet: who does what next, by role. */
export function RenstraEmptyNote({ canPlan, canAdmin }: { canPlan: boolean; canAdmin: boolean }) {
  return (
    <div className="banner banner-warn" role="note">
      <strong>Belum ada indikator Renstra untuk periode ini.</strong>{' '}
      {canPlan ? (
        <>
          Susun Renstra di <Link to="/renstra/kelola">Kelola Renstra</Link> atau impor di <Link to="/impor/renstra">Impor Renstra</Link>.
        </>
      ) : canAdmin ? (
        <>
          Lengkapi unit di <Link to="/admin/organisasi">Organisasi</Link> dan buat akun perencanaan di <Link to="/admin/pengguna">Pengguna</Link>; perencanaan lalu menyusun
          Renstra.
        </>
      ) : (
        'Subbagian Perencanaan menyusunnya di Kelola Renstra; skor tampil setelah realisasi dilaporkan.'
      )}
    </div>
  )
}

/** Overall capaian, indicators per predikat, and what needs attention. */
export function OverallCards({ v }: { v: View }) {
  return (
    <div className="grid kpi-grid">
      <section className="card kpi-card" aria-labelledby="h-overall">
        <h2 id="h-overall">Capaian keseluruhan</h2>
        <p className="kpi-score">
          <span className="kpi" data-testid="overall-score">
            {v.overall.text}
          </span>
        </p>
        <p>
          <PredikatBadge predikatKey={v.overall.predikatKey} label={v.overall.predikatLabel} />
        </p>
        <p className="muted">
          Rata-rata tertimbang capaian {v.overall.scoredCount} dari {v.overall.indicatorCount} indikator (capaian dibatasi {v.cap}%).
        </p>
      </section>
      <section className="card" aria-labelledby="h-predikat">
        <h2 id="h-predikat">Indikator per predikat</h2>
        <PredikatCounts counts={v.predikatCounts} />
      </section>
      <section className="card" aria-labelledby="h-flags">
        <h2 id="h-flags">Perlu perhatian</h2>
        <p>
          <strong className="count">{v.flaggedCellCount}</strong> sel matriks ({v.cellFlagCount} alasan) perlu perhatian, serta{' '}
          <strong className="count">{v.indicatorFlags.length}</strong> catatan pada indikator.
        </p>
        {v.indicatorFlags.length ? (
          <ul className="plain-list">
            {v.indicatorFlags.slice(0, 6).map((f, i) => (
              <li key={i}>
                <span aria-hidden="true">⏱</span> <strong>{f.indicatorCode}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <Link to={`/perlu-perhatian?${v.query}`}>Lihat semua yang perlu perhatian</Link>
        </p>
      </section>
    </div>
  )
}

/** The aspect × strategy matrix with the roll-ups per strategy and per aspect. */
export function MatrixSection({ v }: { v: View }) {
  return (
    <section className="card" aria-labelledby="h-matrix">
      <h2 id="h-matrix">Matriks aspek × strategi</h2>
      <p className="muted no-print">
        Warna menunjukkan predikat; skor, predikat dan alasan perhatian selalu tertulis. Pilih sel untuk melihat indikator di baliknya dan mencatat hasil rapat.
      </p>
      <Heatmap cells={v.cells} aspects={v.aspects} strategies={v.strategies} caption={`Skor strategi per aspek, ${v.periodLabel}`} />
      <div className="grid grid-2 rollups">
        <RollupTable caption="Skor per strategi (semua aspek)" headLabel="Strategi" rows={v.byStrategy.map((s) => ({ ...s, key: s.strategy }))} />
        <RollupTable caption="Skor per aspek (semua strategi)" headLabel="Aspek" rows={v.byAspect.map((a) => ({ ...a, key: a.aspect }))} />
      </div>
    </section>
  )
}

/** The radar per aspect, the score per bidang and the trend of the strategies. */
export function ChartsSection({ v }: { v: View }) {
  return (
    <>
      <section className="card" aria-labelledby="h-radar">
        <h2 id="h-radar">Lima strategi per aspek</h2>
        <div className="grid grid-3 radar-grid">
          {v.radar.map((r, i) => (
            <RadarStrategi key={r.aspect} chart={v.charts.radar[i]!} data={r.data} threshold={v.threshold} />
          ))}
        </div>
      </section>

      <div className="grid grid-2 chart-pair">
        <section className="card" aria-labelledby="h-unit">
          <h2 id="h-unit">Skor per bidang</h2>
          <BarUnit chart={v.charts.byUnit} data={v.byUnit} />
        </section>
        <section className="card" aria-labelledby="h-trend">
          <h2 id="h-trend">Tren skor strategi</h2>
          <TrendStrategi chart={v.charts.trend} data={v.trend} />
        </section>
      </div>
    </>
  )
}

/** Completeness of entry per bidang, per quarter. */
export function CompletenessSection({ v }: { v: View }) {
  return (
    <section className="card" aria-labelledby="h-completeness">
      <h2 id="h-completeness">Kelengkapan entri per bidang</h2>
      {v.completeness.map((c) => (
        <Completeness key={`${c.year}-${c.quarter}`} view={c} />
      ))}
    </section>
  )
}
