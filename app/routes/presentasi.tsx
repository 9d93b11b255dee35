import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { cachedDashboardView, pageData } from '../presenters/dashboard-scope.server'
import { presentasiView } from '../presenters/presentasi.server'
import { chartDrawer } from '../components/charts/draw.server'
import { DemoBanner, PeriodErrors } from '../components/dashboard/banners'
import { RouteError } from '../components/route-error'
import { buildSlides } from '../components/dashboard/presentasi/slides'
import { SlideFrame } from '../components/dashboard/presentasi/slide-frame'
import { useSlides } from '../components/dashboard/presentasi/use-slides'
import dashboardStyles from '../styles/dashboard.css'
import presentasiStyles from '../styles/presentasi.css'
import { followThroughView } from '../presenters/actions.server'
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

export default function Presentasi() {
  const { view: v, followThrough } = useLoaderData<typeof loader>()
  const exitTo = `/?${v.query}`

  const slides = buildSlides(v, followThrough)
  const count = slides.length

  const { current, go, toggleFullscreen, liveRef } = useSlides(count, exitTo)

  return (
    <div className={`presentasi${current !== null ? ' is-slides' : ''}`} data-slide={current ?? ''}>
      <h1 className="sr-only">
        Presentasi kinerja {v.opd.shortName ?? v.opd.name}, {v.periodLabel}
      </h1>
      <p className="sr-only" aria-live="polite" ref={liveRef}>
        {current !== null ? `Slide ${current} dari ${count}: ${slides[current - 1]!.title}` : ''}
      </p>
      {current === null ? (
        <div className="slides-intro">
          <DemoBanner show={v.isDemo} />
          <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
          <p>Mode presentasi untuk rapat evaluasi, {v.periodLabel}. Dengan JavaScript, halaman ini tampil sebagai slide layar penuh (tombol ← → Home End, Esc untuk keluar).</p>
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
      {slides.map((s, i) => (
        <SlideFrame
          key={s.key}
          slide={s}
          n={i + 1}
          count={count}
          current={current}
          org={v.opd.shortName ?? v.opd.name}
          go={go}
          toggleFullscreen={toggleFullscreen}
          exitTo={exitTo}
        />
      ))}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
