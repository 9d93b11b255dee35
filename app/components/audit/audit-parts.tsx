// The parts of /audit: the filter form, the columns of the audit table (who, when, what changed,
// the request code) and the pager that keeps the filters.
import { Form, Link } from '@remix-run/react'
import type { auditPageData } from '../../presenters/audit.server'
import { actionLabel, auditChanges, entityLabel, roleLabel } from '../../utils/audit-labels'
import type { Column } from '../data-table'
import { SelectField, type SelectOption } from '../select-field'

type AuditPageData = Awaited<ReturnType<typeof auditPageData>>
type AuditRow = AuditPageData['rows'][number]

/** A filter's choices: "Semua" (no filter) first. */
const withAll = (options: SelectOption[]): SelectOption[] => [{ value: '', label: 'Semua' }, ...options]

export function AuditFilters({ d, loading }: { d: AuditPageData; loading: boolean }) {
  return (
    <Form method="get" className="card audit-filters" aria-label="Saring jejak audit">
      <SelectField
        id="a-entitas"
        name="entitas"
        label="Entitas"
        defaultValue={d.filters.entitas}
        options={withAll(d.options.entities.map((e) => ({ value: e, label: entityLabel(e) })))}
      />
      <div>
        <label htmlFor="a-id">ID entitas</label>
        <input id="a-id" name="id" type="text" maxLength={60} defaultValue={d.filters.id} />
      </div>
      <SelectField id="a-aksi" name="aksi" label="Tindakan" defaultValue={d.filters.aksi} options={withAll(d.options.actions.map((a) => ({ value: a, label: actionLabel(a) })))} />
      <SelectField
        id="a-pengguna"
        name="pengguna"
        label="Pengguna"
        defaultValue={d.filters.pengguna}
        options={withAll(d.options.actors.map((u) => ({ value: u.username, label: `${u.full_name} (${u.username})` })))}
      />
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
  )
}

function EntityCell({ r }: { r: AuditRow }) {
  return (
    <>
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
    </>
  )
}

function ChangesCell({ r }: { r: AuditRow }) {
  const changes = auditChanges(r.beforeJson, r.afterJson)
  if (!changes.length) return <span className="muted">–</span>
  return (
    <ul className="audit-changes">
      {changes.slice(0, 8).map((c) => (
        <li key={c.field}>
          {c.label}: <span className="audit-before">{c.before}</span> → <strong>{c.after}</strong>
        </li>
      ))}
      {changes.length > 8 ? <li className="muted">… {changes.length - 8} kolom lain</li> : null}
    </ul>
  )
}

export const AUDIT_COLUMNS: Column<AuditRow>[] = [
  { key: 'at', label: 'Waktu', className: 'nowrap', cell: (r) => r.at },
  {
    key: 'actor',
    label: 'Pengguna',
    cell: (r) => (
      <>
        {r.actorName}
        <div className="muted">
          {r.actorUsername ?? '–'} · {roleLabel(r.actorRole)}
        </div>
      </>
    ),
  },
  { key: 'entity', label: 'Entitas', cell: (r) => <EntityCell r={r} /> },
  { key: 'action', label: 'Tindakan', cell: (r) => actionLabel(r.action) },
  { key: 'changes', label: 'Perubahan', cell: (r) => <ChangesCell r={r} /> },
  { key: 'reason', label: 'Alasan / catatan', cell: (r) => r.reason ?? <span className="muted">–</span> },
  { key: 'request', label: 'Kode permintaan', cell: (r) => <code>{r.requestId ?? '–'}</code> },
]

export function AuditPager({ d }: { d: AuditPageData }) {
  const pageLink = (page: number) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(d.filters)) if (v) p.set(k, v)
    p.set('halaman', String(page))
    return `?${p.toString()}`
  }
  return (
    <nav className="audit-pager" aria-label="Halaman">
      {d.page > 1 ? <Link to={pageLink(d.page - 1)}>← Sebelumnya</Link> : <span className="muted">← Sebelumnya</span>}
      <span>
        Halaman {d.page} dari {d.pageCount}
      </span>
      {d.page < d.pageCount ? <Link to={pageLink(d.page + 1)}>Berikutnya →</Link> : <span className="muted">Berikutnya →</span>}
    </nav>
  )
}
