// /realisasi/:id/riwayat — the history panel of one realisation. (The trailing underscore keeps
// it out of the /realisasi entry page's layout: it is a page of its own, readable by every role
// that may see the row.)
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { can } from '../utils/permissions'
import { historyPageData } from '../presenters/history.server'
import { RouteError } from '../components/route-error'
import { HistoryEntry, RealisasiNow } from '../components/entry/history-panel'
import styles from '../styles/entry.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Riwayat ${data.realisasi.code} ${data.realisasi.quarterTitle} — Dasbor Kinerja Strategi` : 'Riwayat realisasi' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : null
  if (id == null) throw new Response('Data realisasi tidak ditemukan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const history = await historyPageData(getDb(), user, id)
  const { year, quarter } = history.realisasi
  const back = can(user.role, 'realisasi:write')
    ? { to: `/realisasi?tahun=${year}&triwulan=${quarter}`, label: `Input realisasi ${history.realisasi.quarterTitle}` }
    : can(user.role, 'realisasi:verify')
      ? { to: `/verifikasi?tahun=${year}&triwulan=${quarter}`, label: `Verifikasi ${history.realisasi.quarterTitle}` }
      : can(user.role, 'audit:read')
        ? { to: `/audit?entitas=realisasi&id=${history.realisasi.id}`, label: 'Jejak audit' }
        : { to: '/renstra', label: 'Renstra & IKU' }
  return { ...history, back }
}

export default function RiwayatRealisasi() {
  const { realisasi: r, entries, back } = useLoaderData<typeof loader>()
  return (
    <div>
      <p>
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <h1>
        Riwayat {r.code} — {r.quarterTitle}
      </h1>
      <RealisasiNow r={r} />

      <section className="card" aria-labelledby="h-riwayat">
        <h2 id="h-riwayat">Riwayat perubahan ({entries.length})</h2>
        {entries.length === 0 ? (
          <p className="empty">Belum ada perubahan tercatat sejak data ini dimuat (data awal dari impor atau data demo).</p>
        ) : (
          <ol className="history-list">
            {entries.map((e) => (
              <HistoryEntry key={e.id} e={e} />
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
