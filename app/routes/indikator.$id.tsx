import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { resolveDashboard } from '../presenters/dashboard-scope.server'
import { indicatorOpd, indicatorPageView } from '../presenters/indicator.server'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors } from '../components/dashboard/banners'
import { IndicatorSummary } from '../components/dashboard/indicator/summary'
import { AuditHistoryTable, EntriesTable, PerYearTable, QuarterTable } from '../components/dashboard/indicator/tables'
import { RouteError } from '../components/route-error'
import dashboardStyles from '../styles/dashboard.css'
import { actionViews } from '../presenters/actions.server'
import { canManageActions } from '../services/actions/access.server'
import { now } from '../utils/clock.server'
import { ActionsSection } from '../components/actions/actions-section'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.view ? `${data.view.indicator.code} ${data.view.indicator.name} — Dasbor Kinerja Strategi` : 'Indikator — Dasbor Kinerja Strategi' },
]

function notFound(message = 'Indikator tidak ditemukan.'): never {
  throw new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : NaN
  if (!Number.isInteger(id)) notFound()
  const db = getDb()
  const owner = await indicatorOpd(db, id)
  // a user bound to an OPD sees only that OPD's indicators (404, not 403: no hint it exists)
  if (!owner || (user.opdId != null && user.opdId !== owner.opdId)) notFound()
  const base = await resolveDashboard(db, user, new URL(request.url), { opdId: owner.opdId, unitId: owner.unitId })
  if (!base) notFound()
  const view = await indicatorPageView(db, base, id)
  if (!view) notFound(`Indikator ini tidak termasuk periode Renstra tahun ${base.ctx.period.year}. Pilih tahun lain.`)
  return {
    view,
    // rencana aksi serving this indicator; its tindak lanjut becomes one
    actions: await actionViews(db, { opdId: owner.opdId, indicatorId: id }, now(), user),
    actionsCreated: Number(new URL(request.url).searchParams.get('aksi') ?? 0) || 0,
    canCreateAction: canManageActions(user, owner.opdId) || (user.role === 'kepala_bidang' && user.unitId === owner.unitId),
  }
}

export default function IndicatorPage() {
  const { view: v, actions, actionsCreated, canCreateAction } = useLoaderData<typeof loader>()
  const i = v.indicator
  return (
    <div className="dashboard indicator-page">
      <DemoBanner show={v.isDemo} />
      <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
      <nav className="breadcrumb" aria-label="Lokasi">
        <Link to={`/?${v.query}`}>Beranda</Link> ›{' '}
        <Link to={i.cellHref}>
          {i.aspectLabel} × {i.strategyLabel}
        </Link>{' '}
        › {i.code}
      </nav>
      <h1>
        {i.code} {i.name}
      </h1>
      <p className="page-sub">
        {v.opd.name} · <strong>{v.periodLabel}</strong>
      </p>
      <PeriodPicker picker={v.picker} />

      <IndicatorSummary v={v} />

      <PerYearTable v={v} />

      <QuarterTable v={v} />

      <ActionsSection
        items={actions}
        created={actionsCreated}
        showCell
        createHref={canCreateAction ? `/aksi/baru?indikator=${i.id}` : null}
        createLabel="Jadikan tindak lanjut rencana aksi"
        emptyText="Belum ada rencana aksi untuk indikator ini. Tindak lanjut yang ditulis pada entri realisasi dapat dijadikan rencana aksi dengan penanggung jawab dan tenggat."
      />

      <EntriesTable v={v} />

      <AuditHistoryTable v={v} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
