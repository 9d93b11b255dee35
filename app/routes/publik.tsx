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
import { capaianColumns, DataTable, ListOrDash, type Column } from '../components/data-table'
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

type PublicIndicator = ReturnType<typeof useLoaderData<typeof loader>>['view']['indicators'][number]

const INDICATOR_COLUMNS: Column<PublicIndicator>[] = [
  { key: 'code', label: 'Kode', cell: (i) => i.code },
  {
    key: 'name',
    label: 'Indikator',
    cell: (i) => (
      <>
        {i.name} <span className="muted">({i.satuan})</span>
      </>
    ),
  },
  { key: 'unit', label: 'Unit', cell: (i) => i.unitName },
  ...capaianColumns<PublicIndicator>(),
  {
    key: 'bukti',
    label: 'Bukti',
    cell: (i) => (
      <ListOrDash
        items={i.evidence.map((e) => (
          <a key={e.quarter} href={e.href} rel="noopener noreferrer nofollow" target="_blank">
            {e.label}
          </a>
        ))}
      />
    ),
  },
]

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
        <DataTable columns={INDICATOR_COLUMNS} rows={v.indicators} rowKey={(i) => i.id} rowProps={(i) => ({ 'data-indicator': i.code })} />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
