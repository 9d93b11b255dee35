import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { auditPageData } from '../presenters/audit.server'
import { AUDIT_COLUMNS, AuditFilters, AuditPager } from '../components/audit/audit-parts'
import { DataTable } from '../components/data-table'
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

  return (
    <div>
      <h1>Jejak Audit</h1>
      <p className="muted">Setiap perubahan tercatat: siapa, kapan ({d.timeZoneLabel}), apa yang berubah, dan kode permintaannya. Catatan ini tidak dapat diubah atau dihapus.</p>
      {d.errors.map((e) => (
        <div key={e} className="banner banner-error" role="alert">
          {e}
        </div>
      ))}
      <AuditFilters d={d} loading={loading} />

      <p aria-live="polite">
        {d.total} catatan · halaman {d.page} dari {d.pageCount}
      </p>
      {d.rows.length === 0 ? <p className="empty">Tidak ada catatan yang cocok dengan saringan.</p> : <DataTable columns={AUDIT_COLUMNS} rows={d.rows} rowKey={(r) => r.id} />}
      <AuditPager d={d} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
