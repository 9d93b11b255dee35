import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { getSettings } from '../models/settings.server'
import { cachedDashboardView } from '../presenters/dashboard-scope.server'
import { publicView } from '../presenters/publik.server'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors, PredikatBadge } from '../components/dashboard/banners'
import { RouteError } from '../components/route-error'
import { RollupTable } from '../components/dashboard/score-summary'
import { Heatmap } from '../components/charts/heatmap'
import dashboardStyles from '../styles/dashboard.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction = () => [{ title: 'Transparansi kinerja — Dasbor Kinerja Strategi' }]

const NOT_FOUND = 'Halaman transparansi publik tidak tersedia: belum diaktifkan oleh admin.'

// Public transparency page: no login, OFF by default (Pengaturan → halaman publik). Only verified
// realisations count; no drafts, no meeting notes, no names of people, no internal evidence.
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const settings = await getSettings(db)
  if (!settings.publicPageEnabled) throw new Response(NOT_FOUND, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const view = await cachedDashboardView(db, 'publik', null, new URL(request.url), (base) => publicView(db, base), { onlyVerified: true })
  if (!view) throw new Response('Belum ada data kinerja yang dapat ditampilkan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return { view }
}

export default function PublicPage() {
  const { view: v } = useLoaderData<typeof loader>()
  return (
    <div className="dashboard public-page">
      <DemoBanner show={v.isDemo} />
      <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
      <h1>Transparansi kinerja strategi</h1>
      <p className="page-sub">
        {v.opd.name} · <strong>{v.periodLabel}</strong> · hanya data yang sudah diverifikasi
      </p>
      <PeriodPicker picker={v.picker} action="/publik" />

      <div className="grid kpi-grid">
        <section className="card kpi-card" aria-labelledby="h-overall">
          <h2 id="h-overall">Capaian keseluruhan</h2>
          <p className="kpi" data-testid="public-overall">
            {v.overall.text}
          </p>
          <p>
            <PredikatBadge predikatKey={v.overall.predikatKey} label={v.overall.predikatLabel} />
          </p>
          <p className="muted">
            {v.overall.scoredCount} dari {v.overall.indicatorCount} indikator memiliki data terverifikasi.
          </p>
        </section>
        <section className="card" aria-labelledby="h-strategy">
          <h2 id="h-strategy">Skor per strategi</h2>
          <RollupTable caption="Skor lima strategi (semua aspek)" headLabel="Strategi" rows={v.byStrategy.map((s) => ({ ...s, key: s.strategy }))} />
        </section>
      </div>

      <section className="card" aria-labelledby="h-matrix">
        <h2 id="h-matrix">Matriks aspek × strategi</h2>
        <Heatmap cells={v.cells} aspects={v.aspects} strategies={v.strategies} caption={`Skor strategi per aspek, ${v.periodLabel}`} linkCells={false} showNotes={false} />
      </section>

      <section className="card" aria-labelledby="h-indicators">
        <h2 id="h-indicators">Capaian indikator</h2>
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Kode</th>
                <th scope="col">Indikator</th>
                <th scope="col">Unit</th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col" className="num">
                  Realisasi
                </th>
                <th scope="col" className="num">
                  Capaian
                </th>
                <th scope="col">Predikat</th>
                <th scope="col">Bukti</th>
              </tr>
            </thead>
            <tbody>
              {v.indicators.map((i) => (
                <tr key={i.id} data-indicator={i.code}>
                  <td>{i.code}</td>
                  <td>
                    {i.name} <span className="muted">({i.satuan})</span>
                  </td>
                  <td>{i.unitName}</td>
                  <td className="num">{i.targetText}</td>
                  <td className="num">{i.realisasiText}</td>
                  <td className="num">{i.capaianText}</td>
                  <td>
                    <PredikatBadge predikatKey={i.predikatKey} label={i.predikatLabel} />
                  </td>
                  <td>
                    {i.evidence.length === 0 ? (
                      <span className="muted">–</span>
                    ) : (
                      <ul className="plain-list">
                        {i.evidence.map((e) => (
                          <li key={e.quarter}>
                            <a href={e.href} rel="noopener noreferrer nofollow" target="_blank">
                              {e.label}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
