import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { forbidden, requireUser } from '../services/auth.server'
import { kotaPageData, kotaView } from '../presenters/kota.server'
import { PredikatBadge } from '../components/dashboard/banners'
import { PrintButton } from '../components/dashboard/print-button'
import { RouteError } from '../components/route-error'
import dashboardStyles from '../styles/dashboard.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction = () => [{ title: 'Kinerja kota — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  if (user.opdId != null) forbidden('Halaman kota hanya untuk akun tingkat kota (Bappeda); akun Anda terikat pada satu perangkat daerah.')
  const view = await kotaView(getDb(), user, new URL(request.url))
  if (!view) throw new Response('Belum ada data organisasi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return { view: kotaPageData(view) }
}

export default function Kota() {
  const { view: v } = useLoaderData<typeof loader>()
  const labelOf = (key: string) => v.predikatLabels[key] ?? key
  return (
    <div className="dashboard kota-page">
      <div className="page-head">
        <div>
          <h1>Kinerja kota</h1>
          <p className="page-sub">
            {v.opds.length} perangkat daerah · <strong>{v.periodLabel}</strong>
          </p>
        </div>
        <div className="page-actions no-print">
          <PrintButton />
        </div>
      </div>

      <section aria-labelledby="h-ranking">
        <h2 id="h-ranking">Peringkat perangkat daerah menurut capaian</h2>
        <table className="data-table" data-testid="ranking">
          <thead>
            <tr>
              <th scope="col">Peringkat</th>
              <th scope="col">Perangkat daerah</th>
              <th scope="col">Capaian</th>
              <th scope="col">Predikat</th>
              <th scope="col">Kelengkapan TW {v.quarter}</th>
              <th scope="col">Terlambat</th>
              <th scope="col">Perlu perhatian</th>
            </tr>
          </thead>
          <tbody>
            {v.opds.map((o) => (
              <tr key={o.id} data-opd={o.code}>
                <td>{o.rank}</td>
                <th scope="row">
                  <Link to={o.href}>{o.name}</Link>
                </th>
                <td className="num">{o.overall.text}</td>
                <td>
                  <PredikatBadge predikatKey={o.overall.predikatKey} label={o.overall.predikatLabel} />
                </td>
                <td className="num">
                  {o.completeness.reported}/{o.completeness.total} ({o.completeness.percentText})
                </td>
                <td className="num">{o.completeness.late}</td>
                <td>
                  <Link to={o.flaggedHref}>{o.flaggedCells.length} sel</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="h-strategy">
        <h2 id="h-strategy">Peta panas perangkat daerah × strategi</h2>
        <Heatmap rows={v.opds} cols={v.strategies} labelOf={labelOf} pick={(o, k) => o.byStrategy[k as keyof typeof o.byStrategy]} />
      </section>

      <section aria-labelledby="h-aspect">
        <h2 id="h-aspect">Peta panas perangkat daerah × aspek</h2>
        <Heatmap rows={v.opds} cols={v.aspects} labelOf={labelOf} pick={(o, k) => o.byAspect[k as keyof typeof o.byAspect]} />
      </section>

      <FlaggedCells view={v} labelOf={labelOf} />
    </div>
  )
}

/** The flagged cells across the city; a cell's label and link follow from its aspect, strategy and the OPD's query. */
function FlaggedCells({ view: v, labelOf }: { view: ReturnType<typeof useLoaderData<typeof loader>>['view']; labelOf: (key: string) => string }) {
  const aspectLabel = new Map(v.aspects.map((a) => [a.key, a.label]))
  const strategyLabel = new Map(v.strategies.map((s) => [s.key, s.label]))
  const flagged = v.opds.flatMap((o) =>
    o.flaggedCells.map((c) => ({
      ...c,
      opd: o,
      label: `${aspectLabel.get(c.aspect)} × ${strategyLabel.get(c.strategy)}`,
      href: `/beranda/sel/${c.aspect}/${c.strategy}${o.href.slice(1)}`,
    })),
  )
  return (
    <section aria-labelledby="h-flags">
      <h2 id="h-flags">Sel yang perlu perhatian di seluruh kota ({flagged.length})</h2>
      {flagged.length === 0 ? <p className="empty">Tidak ada sel yang perlu perhatian pada periode ini.</p> : null}
      <ul className="flag-list">
        {flagged.map((c) => (
          <li key={`${c.opd.id}-${c.aspect}-${c.strategy}`}>
            <strong>{c.opd.shortName}</strong> · <Link to={c.href}>{c.label}</Link>: {c.text} <PredikatBadge predikatKey={c.predikatKey} label={labelOf(c.predikatKey)} />
            <ul>
              {c.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  )
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['view']['opds'][number]
type Cell = Row['byAspect'][keyof Row['byAspect']]

function Heatmap({ rows, cols, pick, labelOf }: { rows: Row[]; cols: { key: string; label: string }[]; pick: (o: Row, key: string) => Cell; labelOf: (key: string) => string }) {
  return (
    <table className="data-table heatmap-table">
      <thead>
        <tr>
          <th scope="col">Perangkat daerah</th>
          {cols.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <th scope="row">
              <Link to={o.href}>{o.shortName}</Link>
            </th>
            {cols.map((c) => {
              const s = pick(o, c.key)
              return (
                <td key={c.key} className={`num p-${s.predikatKey}`} title={labelOf(s.predikatKey)}>
                  {s.text}
                  <span className="sr-only"> ({labelOf(s.predikatKey)})</span>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
