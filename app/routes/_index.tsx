import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { NoOrganisation } from '../components/no-organisation'
import { can } from '../utils/permissions'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { cachedDashboardView, pageData } from '../presenters/dashboard-scope.server'
import { berandaView, tugasSayaView } from '../presenters/beranda.server'
import { chartDrawer } from '../components/charts/draw.server'
import { TugasSaya } from '../components/dashboard/tugas-saya'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors, PredikatBadge } from '../components/dashboard/banners'
import { Completeness } from '../components/dashboard/completeness'
import { PredikatCounts } from '../components/dashboard/predikat-counts'
import { PrintButton } from '../components/dashboard/print-button'
import { RollupTable } from '../components/dashboard/score-summary'
import { RouteError } from '../components/route-error'
import { Heatmap } from '../components/charts/heatmap'
import { RadarStrategi } from '../components/charts/radar-strategi'
import { BarUnit } from '../components/charts/bar-unit'
import { TrendStrategi } from '../components/charts/trend-strategi'
import dashboardStyles from '../styles/dashboard.css'
import { myActionsView } from '../presenters/actions.server'
import { MyActions } from '../components/actions/my-actions'
import { now } from '../utils/clock.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction = () => [{ title: 'Beranda — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const db = getDb()
  return {
    canAdmin: can(user.role, 'users:manage'),
    canPlan: can(user.role, 'renstra:manage'),
    view: pageData(await cachedDashboardView(db, 'beranda', user, new URL(request.url), (base) => berandaView(db, base, chartDrawer))),
    tugas: await tugasSayaView(db, user),
    myActions: await myActionsView(db, user, now()),
  }
}

export default function Beranda() {
  const { view, canAdmin, canPlan, tugas, myActions } = useLoaderData<typeof loader>()
  if (!view) {
    return <NoOrganisation canAdmin={canAdmin} />
  }
  const v = view
  const threshold = v.threshold
  return (
    <div className="dashboard beranda">
      <DemoBanner show={v.isDemo} />
      <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
      <div className="page-head">
        <div>
          <h1>Beranda kinerja strategi</h1>
          <p className="page-sub">
            {v.opd.name} · <strong>{v.periodLabel}</strong> · dihitung per {v.asOfText}
          </p>
        </div>
        <div className="page-actions no-print">
          <Link className="btn btn-secondary" to={`/presentasi?${v.query}`}>
            Mode presentasi
          </Link>
          <Link className="btn btn-secondary" to={`/perlu-perhatian?${v.query}`}>
            Perlu perhatian ({v.flaggedCellCount} sel)
          </Link>
          <PrintButton />
        </div>
      </div>
      {tugas ? <TugasSaya tugas={tugas} /> : null}
      <PeriodPicker picker={v.picker} />
      {v.overall.indicatorCount === 0 ? (
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
      ) : null}
      <MyActions v={myActions} />

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

      <section className="card" aria-labelledby="h-radar">
        <h2 id="h-radar">Lima strategi per aspek</h2>
        <div className="grid grid-3 radar-grid">
          {v.radar.map((r, i) => (
            <RadarStrategi key={r.aspect} chart={v.charts.radar[i]!} data={r.data} threshold={threshold} />
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

      <section className="card" aria-labelledby="h-completeness">
        <h2 id="h-completeness">Kelengkapan entri per bidang</h2>
        {v.completeness.map((c) => (
          <Completeness key={`${c.year}-${c.quarter}`} view={c} />
        ))}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
