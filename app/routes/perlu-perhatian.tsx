import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { cachedDashboardView } from '../presenters/dashboard-scope.server'
import { flaggedView, type FlaggedView } from '../presenters/perlu-perhatian.server'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors } from '../components/dashboard/banners'
import { FlaggedCellCard } from '../components/dashboard/flagged-cell'
import { DataTable, type Column } from '../components/data-table'
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

type IndicatorFlag = FlaggedView['indicatorFlags'][number]

const FLAG_COLUMNS: Column<IndicatorFlag>[] = [
  {
    key: 'indicator',
    label: 'Indikator',
    cell: (f) => (
      <Link to={f.href}>
        {f.indicatorCode} {f.name}
      </Link>
    ),
  },
  { key: 'unit', label: 'Bidang', cell: (f) => f.unitName },
  { key: 'kind', label: 'Jenis', cell: (f) => f.kindLabel },
  { key: 'reason', label: 'Alasan', cell: (f) => f.reason },
]

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
          <FlaggedCellCard key={`${c.aspect}-${c.strategy}`} c={c} />
        ))}
      </section>

      <section className="card" aria-labelledby="h-indicators">
        <h2 id="h-indicators">Indikator terlambat atau tanpa bukti rilis ({v.indicatorFlags.length})</h2>
        {v.indicatorFlags.length === 0 ? <p className="muted">Tidak ada.</p> : <DataTable columns={FLAG_COLUMNS} rows={v.indicatorFlags} rowKey={(_f, i) => i} />}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
