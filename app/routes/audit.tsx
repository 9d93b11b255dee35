import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { auditPageData } from '../presenters/audit.server'
import { actionLabel, auditChanges, entityLabel, roleLabel } from '../utils/audit-labels'
import { RouteError } from '../components/route-error'
import styles from '../styles/entry.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Jejak Audit — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'audit:read' })
  // scoped to the reader's OPD; city-level accounts see every OPD
  return auditPageData(getDb(), user, new URL(request.url).searchParams)
}

export default function AuditPage() {
  const d = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const loading = navigation.state === 'loading' && navigation.location?.pathname === '/audit'
  const pageLink = (page: number) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(d.filters)) if (v) p.set(k, v)
    p.set('halaman', String(page))
    return `?${p.toString()}`
  }

  return (
    <div>
      <h1>Jejak Audit</h1>
      <p className="muted">Setiap perubahan tercatat: siapa, kapan ({d.timeZoneLabel}), apa yang berubah, dan kode permintaannya. Catatan ini tidak dapat diubah atau dihapus.</p>
      {d.errors.map((e) => (
        <div key={e} className="banner banner-error" role="alert">
          {e}
        </div>
      ))}
      <Form method="get" className="card audit-filters" aria-label="Saring jejak audit">
        <div>
          <label htmlFor="a-entitas">Entitas</label>
          <select id="a-entitas" name="entitas" defaultValue={d.filters.entitas}>
            <option value="">Semua</option>
            {d.options.entities.map((e) => (
              <option key={e} value={e}>
                {entityLabel(e)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-id">ID entitas</label>
          <input id="a-id" name="id" type="text" maxLength={60} defaultValue={d.filters.id} />
        </div>
        <div>
          <label htmlFor="a-aksi">Tindakan</label>
          <select id="a-aksi" name="aksi" defaultValue={d.filters.aksi}>
            <option value="">Semua</option>
            {d.options.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-pengguna">Pengguna</label>
          <select id="a-pengguna" name="pengguna" defaultValue={d.filters.pengguna}>
            <option value="">Semua</option>
            {d.options.actors.map((u) => (
              <option key={u.username} value={u.username}>
                {u.full_name} ({u.username})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-dari">Dari tanggal</label>
          <input id="a-dari" name="dari" type="date" defaultValue={d.filters.dari} />
        </div>
        <div>
          <label htmlFor="a-sampai">Sampai tanggal</label>
          <input id="a-sampai" name="sampai" type="date" defaultValue={d.filters.sampai} />
        </div>
        <div>
          <button type="submit" className="btn" disabled={loading}>
            {loading ? 'Memuat…' : 'Saring'}
          </button>{' '}
          <Link to="/audit">Hapus saringan</Link>
        </div>
      </Form>

      <p aria-live="polite">
        {d.total} catatan · halaman {d.page} dari {d.pageCount}
      </p>
      {d.rows.length === 0 ? (
        <p className="empty">Tidak ada catatan yang cocok dengan saringan.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Waktu</th>
                <th scope="col">Pengguna</th>
                <th scope="col">Entitas</th>
                <th scope="col">Tindakan</th>
                <th scope="col">Perubahan</th>
                <th scope="col">Alasan / catatan</th>
                <th scope="col">Kode permintaan</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => {
                const changes = auditChanges(r.beforeJson, r.afterJson)
                return (
                  <tr key={r.id}>
                    <td className="nowrap">{r.at}</td>
                    <td>
                      {r.actorName}
                      <div className="muted">
                        {r.actorUsername ?? '–'} · {roleLabel(r.actorRole)}
                      </div>
                    </td>
                    <td>
                      {entityLabel(r.entity)}
                      {r.entityId ? (
                        r.entity === 'realisasi' ? (
                          <>
                            {' '}
                            <Link to={`/realisasi/${r.entityId}/riwayat`}>#{r.entityId}</Link>
                          </>
                        ) : (
                          <> #{r.entityId}</>
                        )
                      ) : null}
                    </td>
                    <td>{actionLabel(r.action)}</td>
                    <td>
                      {changes.length ? (
                        <ul className="audit-changes">
                          {changes.slice(0, 8).map((c) => (
                            <li key={c.field}>
                              {c.label}: <span className="audit-before">{c.before}</span> → <strong>{c.after}</strong>
                            </li>
                          ))}
                          {changes.length > 8 ? <li className="muted">… {changes.length - 8} kolom lain</li> : null}
                        </ul>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                    <td>{r.reason ?? <span className="muted">–</span>}</td>
                    <td>
                      <code>{r.requestId ?? '–'}</code>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="audit-pager" aria-label="Halaman">
        {d.page > 1 ? <Link to={pageLink(d.page - 1)}>← Sebelumnya</Link> : <span className="muted">← Sebelumnya</span>}
        <span>
          Halaman {d.page} dari {d.pageCount}
        </span>
        {d.page < d.pageCount ? <Link to={pageLink(d.page + 1)}>Berikutnya →</Link> : <span className="muted">Berikutnya →</span>}
      </nav>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
