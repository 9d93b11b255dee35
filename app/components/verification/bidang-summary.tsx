// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import { Link } from '@remix-run/react'
import { DataTable, type Column } from '../data-table'
import type { verificationPageData } from '../../presenters/verification.server'

type Page = Awaited<ReturnType<typeof verificationPageData>>

type Bidang = Page['bidang'][number]

function NotSubmitted({ b, pastDeadline }: { b: Bidang; pastDeadline: boolean }) {
  const rows = b.rows.filter((r) => r.notSubmitted)
  if (!rows.length) return <span className="muted">lengkap</span>
  return (
    <ul className="verif-missing">
      {rows.map((r) => (
        <li key={r.indicatorId}>
          {r.code} {r.row?.status === 'draft' ? '(draf)' : r.row?.status === 'dikembalikan' ? '(dikembalikan)' : ''}
          {pastDeadline ? <span className="badge entry-late">terlambat</span> : null}
        </li>
      ))}
    </ul>
  )
}

function bidangColumns(d: Page, qs: (extra: Record<string, string | number>) => string): Column<Bidang>[] {
  const count = (key: keyof Bidang['counts'], label: string): Column<Bidang> => ({ key, label, num: true, cell: (b) => b.counts[key] })
  return [
    { key: 'name', label: 'Bidang', rowHeader: true, cell: (b) => <Link to={qs({ bidang: b.id })}>{b.name}</Link> },
    count('diajukan', 'Diajukan'),
    count('diverifikasi', 'Diverifikasi'),
    count('dikembalikan', 'Dikembalikan'),
    count('draft', 'Draf'),
    count('belum', 'Belum diisi'),
    count('terlambat', 'Terlambat'),
    { key: 'missing', label: 'Belum diajukan', cell: (b) => <NotSubmitted b={b} pastDeadline={d.pastDeadline} /> },
  ]
}

/** The counts per bidang, each bidang linking to its own queue, with the rows not yet submitted. */
export function BidangSummary({ d, qs }: { d: Page; qs: (extra: Record<string, string | number>) => string }) {
  return (
    <section className="card" aria-labelledby="h-ringkasan">
      <h2 id="h-ringkasan">Ringkasan per bidang</h2>
      {d.bidang.length === 0 ? (
        <p className="empty">
          Tidak ada indikator pada periode ini. Tambahkan di <Link to="/renstra/kelola">Kelola Renstra</Link> atau impor di <Link to="/impor/renstra">Impor Renstra</Link>.
        </p>
      ) : (
        <DataTable className="verif-summary" columns={bidangColumns(d, qs)} rows={d.bidang} rowKey={(b) => b.id} />
      )}
    </section>
  )
}
