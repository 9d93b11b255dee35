import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useNavigate } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { cachedDashboardView, pageData } from '../presenters/dashboard-scope.server'
import { presentasiView } from '../presenters/presentasi.server'
import type { CellView } from '../presenters/dashboard-views.server'
import type { CompletenessView } from '../presenters/completeness.server'
import { chartDrawer } from '../components/charts/draw.server'
import { DemoBanner, PeriodErrors, PredikatBadge } from '../components/dashboard/banners'
import { RouteError } from '../components/route-error'
import { PredikatCounts } from '../components/dashboard/predikat-counts'
import { Heatmap } from '../components/charts/heatmap'
import { RadarStrategi } from '../components/charts/radar-strategi'
import type { ChartImageView } from '../components/charts/chart-figure'
import dashboardStyles from '../styles/dashboard.css'
import presentasiStyles from '../styles/presentasi.css'
import { followThroughView } from '../presenters/actions.server'
import { FollowThroughSlide } from '../components/actions/follow-through-slide'
import { now } from '../utils/clock.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: dashboardStyles },
  { rel: 'stylesheet', href: presentasiStyles },
]

export const meta: MetaFunction = () => [{ title: 'Presentasi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const db = getDb()
  const view = await cachedDashboardView(db, 'presentasi', user, new URL(request.url), (base) => presentasiView(db, base, chartDrawer))
  if (!view) throw new Response('Belum ada data organisasi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return { view: pageData(view)!, followThrough: await followThroughView(db, view.opd.id, view.period, now()) }
}

interface Slide {
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

function slideFromHash(hash: string, count: number): number | null {
  const m = /^#slide-(\d+)$/.exec(hash)
  if (!m) return null
  const n = Number(m[1])
  return n >= 1 && n <= count ? n : null
}

export default function Presentasi() {
  const { view: v, followThrough } = useLoaderData<typeof loader>()
  const navigate = useNavigate()
  const exitTo = `/?${v.query}`

  const slides: Slide[] = [
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
  const count = slides.length

  // null until hydrated: the server and the first client render are the same long page of
  // sections (which is also what a browser without JavaScript shows).
  const [current, setCurrent] = useState<number | null>(null)
  const liveRef = useRef<HTMLParagraphElement>(null)

  const go = useCallback(
    (n: number) => {
      const next = Math.min(Math.max(1, n), count)
      setCurrent(next)
      // keep the slide in the URL so a reload stays on it (replaceState keeps the router's state)
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#slide-${next}`)
    },
    [count],
  )

  useEffect(() => {
    setCurrent(slideFromHash(window.location.hash, count) ?? 1)
    const onHash = () => {
      const n = slideFromHash(window.location.hash, count)
      if (n) setCurrent(n)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [count])

  useEffect(() => {
    if (current === null) return
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return
      const target = e.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          e.preventDefault()
          go(current + 1)
          break
        case 'ArrowLeft':
        case 'PageUp':
          e.preventDefault()
          go(current - 1)
          break
        case 'Home':
          e.preventDefault()
          go(1)
          break
        case 'End':
          e.preventDefault()
          go(count)
          break
        case 'Escape':
          e.preventDefault()
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
          navigate(exitTo)
          break
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [current, count, go, navigate, exitTo])

  useEffect(() => {
    if (current === null) return
    const el = document.getElementById(`slide-${current}`)
    el?.focus({ preventScroll: true })
    window.scrollTo(0, 0)
  }, [current])

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    else void document.documentElement.requestFullscreen?.().catch(() => undefined)
  }

  return (
    <div className={`presentasi${current !== null ? ' is-slides' : ''}`} data-slide={current ?? ''}>
      <h1 className="sr-only">Presentasi kinerja {v.opd.shortName ?? v.opd.name}, {v.periodLabel}</h1>
      <p className="sr-only" aria-live="polite" ref={liveRef}>
        {current !== null ? `Slide ${current} dari ${count}: ${slides[current - 1]!.title}` : ''}
      </p>
      {current === null ? (
        <div className="slides-intro">
          <DemoBanner show={v.isDemo} />
          <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
          <p>
            Mode presentasi untuk rapat evaluasi, {v.periodLabel}. Dengan JavaScript, halaman ini tampil sebagai slide layar penuh (tombol ← → Home End, Esc untuk keluar).
          </p>
          <nav aria-label="Daftar slide">
            <ol>
              {slides.map((s, i) => (
                <li key={s.key}>
                  <a href={`#slide-${i + 1}`}>{s.title}</a>
                </li>
              ))}
            </ol>
          </nav>
        </div>
      ) : null}
      {slides.map((s, i) => {
        const n = i + 1
        const active = current === n
        return (
          <section
            key={s.key}
            id={`slide-${n}`}
            className={`slide${active ? ' active' : ''}`}
            aria-roledescription="slide"
            aria-labelledby={`slide-${n}-title`}
            tabIndex={-1}
            hidden={current !== null && !active ? true : undefined}
          >
            <header className="slide-head">
              <h2 id={`slide-${n}-title`}>{s.title}</h2>
              <span className="slide-org">{v.opd.shortName ?? v.opd.name}</span>
            </header>
            <div className="slide-body" tabIndex={0}>
              {s.body}
            </div>
            <footer className="slide-nav">
              <a
                href={`#slide-${Math.max(1, n - 1)}`}
                className="slide-btn"
                aria-disabled={n === 1 ? true : undefined}
                onClick={(e) => {
                  if (current === null) return
                  e.preventDefault()
                  go(n - 1)
                }}
              >
                ‹ Sebelumnya
              </a>
              <span className="slide-count">
                Slide {n} dari {count}
              </span>
              <a
                href={`#slide-${Math.min(count, n + 1)}`}
                className="slide-btn"
                aria-disabled={n === count ? true : undefined}
                onClick={(e) => {
                  if (current === null) return
                  e.preventDefault()
                  go(n + 1)
                }}
              >
                Berikutnya ›
              </a>
              <button type="button" className="slide-btn" onClick={toggleFullscreen}>
                Layar penuh
              </button>
              <Link to={exitTo} className="slide-btn">
                Keluar (Esc)
              </Link>
            </footer>
          </section>
        )
      })}
    </div>
  )
}

type View = ReturnType<typeof useLoaderData<typeof loader>>['view']

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

export function ErrorBoundary() {
  return <RouteError />
}
