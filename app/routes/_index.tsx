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
import { DemoBanner, PeriodErrors } from '../components/dashboard/banners'
import { PrintButton } from '../components/dashboard/print-button'
import { RouteError } from '../components/route-error'
import { ChartsSection, CompletenessSection, MatrixSection, OverallCards, RenstraEmptyNote } from '../components/dashboard/beranda-sections'
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
      {v.overall.indicatorCount === 0 ? <RenstraEmptyNote canPlan={canPlan} canAdmin={canAdmin} /> : null}
      <MyActions v={myActions} />

      <OverallCards v={v} />
      <MatrixSection v={v} />
      <ChartsSection v={v} />
      <CompletenessSection v={v} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
