import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { cachedDashboardView } from '../presenters/dashboard-scope.server'
import { flaggedView } from '../presenters/perlu-perhatian.server'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors, PredikatBadge } from '../components/dashboard/banners'
import { PrintButton } from '../components/dashboard/print-button'
import { RouteError } from '../components/route-error'
import dashboardStyles from '../styles/dashboard.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction = () => [{ title: 'Perlu perhatian — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const db = getDb()
  const view = await cachedDashboardView(db, 'perlu-perhatian', user, new URL(request.url), (base) => flaggedView(db, base))
  if (!view) throw new Response('Belum ada data organisasi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return { view }
}

export default function PerluPerhatian() {
  const { view: v } = useLoaderData<typeof loader>()
  return (
    <div className="dashboard flagged-page">
      <DemoBanner show={v.isDemo} />
      <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
      <nav className="breadcrumb no-print" aria-label="Lokasi">
        <Link to={`/?${v.query}`}>Beranda</Link> › Perlu perhatian
      </nav>
      <div className="page-head">
        <div>
          <h1>Perlu perhatian</h1>
          <p className="page-sub">
            {v.opd.name} · <strong>{v.periodLabel}</strong> · dihitung per {v.asOfText}
          </p>
        </div>
        <div className="page-actions no-print">
          <PrintButton />
        </div>
      </div>
      <PeriodPicker picker={v.picker} />

      <section aria-labelledby="h-cells">
        <h2 id="h-cells">Sel matriks aspek × strategi ({v.cells.length})</h2>
        {v.cells.length === 0 ? <p className="empty">Tidak ada sel yang perlu perhatian pada periode ini.</p> : null}
        {v.cells.map((c) => (
          <article key={`${c.aspect}-${c.strategy}`} className="card flag-card" data-cell={`${c.aspect}:${c.strategy}`}>
            <h3>
              <span aria-hidden="true">⚠</span> {c.aspectLabel} × {c.strategyLabel}: {c.text} <PredikatBadge predikatKey={c.predikatKey} label={c.predikatLabel} />
            </h3>
            <ul className="flag-reasons">
              {c.flags.map((f, i) => (
                <li key={i}>
                  <strong>{f.kindLabel}.</strong> {f.reason}
                </li>
              ))}
            </ul>
            {c.weakIndicators.length ? (
              <p>
                Indikator penyebab:{' '}
                {c.weakIndicators.map((w, i) => (
                  <span key={w.id}>
                    {i > 0 ? '; ' : ''}
                    <Link to={w.href}>
                      {w.code} {w.name}
                    </Link>{' '}
                    ({w.capaianText}, {w.predikatLabel})
                  </span>
                ))}
              </p>
            ) : null}
            {c.note ? (
              <div className="note-box">
                <p>
                  <strong>Penilaian rapat:</strong> {c.note.judgementLabel}
                  {c.note.kendala ? (
                    <>
                      {' '}
                      · <strong>Kendala:</strong> {c.note.kendala}
                    </>
                  ) : null}
                </p>
                <p>
                  <strong>Rekomendasi:</strong> {c.note.rekomendasi ?? '–'}
                </p>
              </div>
            ) : (
              <p className="muted">Belum ada catatan rapat untuk sel ini.</p>
            )}
            {c.disagreement ? (
              <p className="disagreement">
                <span aria-hidden="true">≠</span> Tidak sejalan: {c.disagreement}.
              </p>
            ) : null}
            <p className="no-print">
              <Link to={c.href}>Buka sel dan catat hasil rapat</Link>
            </p>
          </article>
        ))}
      </section>

      <section className="card" aria-labelledby="h-indicators">
        <h2 id="h-indicators">Indikator terlambat atau tanpa bukti rilis ({v.indicatorFlags.length})</h2>
        {v.indicatorFlags.length === 0 ? (
          <p className="muted">Tidak ada.</p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Indikator</th>
                  <th scope="col">Bidang</th>
                  <th scope="col">Jenis</th>
                  <th scope="col">Alasan</th>
                </tr>
              </thead>
              <tbody>
                {v.indicatorFlags.map((f, i) => (
                  <tr key={i}>
                    <td>
                      <Link to={f.href}>
                        {f.indicatorCode} {f.name}
                      </Link>
                    </td>
                    <td>{f.unitName}</td>
                    <td>{f.kindLabel}</td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
