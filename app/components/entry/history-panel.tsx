// The parts of /realisasi/:id/riwayat: the row as it is now, and one change of its history.
import type { historyPageData } from '../../presenters/history.server'
import { actionLabel, auditChanges, roleLabel } from '../../utils/audit-labels'
import { ColumnHeads } from '../data-table'

type History = Awaited<ReturnType<typeof historyPageData>>

/** The realisation as it is now: unit, value, status and version, who entered and verified it. */
export function RealisasiNow({ r }: { r: History['realisasi'] }) {
  return (
    <section className="card" aria-labelledby="h-now">
      <h2 id="h-now">{r.name}</h2>
      {r.indicatorDeleted ? (
        <div className="banner banner-info" role="note">
          Indikator ini sudah dihapus (dinonaktifkan); riwayatnya tetap disimpan.
        </div>
      ) : null}
      <dl className="meta">
        <dt>Bidang</dt>
        <dd>{r.unitName}</dd>
        <dt>Nilai sekarang</dt>
        <dd>
          {r.valueShown} {r.valueShown !== 'Tidak diukur' && r.valueShown !== '–' ? r.satuan : ''}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge status-${r.status}`}>{r.statusLabel}</span> · versi {r.version}
        </dd>
        <dt>Terakhir diisi</dt>
        <dd>
          {r.enteredBy ?? '–'}, {r.enteredAt}
        </dd>
        {r.verifiedAt ? (
          <>
            <dt>Diverifikasi</dt>
            <dd>
              {r.verifiedBy ?? '–'}, {r.verifiedAt}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  )
}

/** One audited change: what, by whom and when, the reason, and the fields before and after. */
export function HistoryEntry({ e }: { e: History['entries'][number] }) {
  const changes = auditChanges(e.beforeJson, e.afterJson)
  return (
    <li>
      <div>
        <strong>{actionLabel(e.action)}</strong> oleh {e.actorName} ({roleLabel(e.actorRole)}) pada {e.at}
      </div>
      {e.reason ? (
        <div>
          {e.action === 'return' ? 'Catatan' : 'Alasan'}: {e.reason}
        </div>
      ) : null}
      {changes.length ? (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="sr-only">Perubahan pada {actionLabel(e.action).toLowerCase()}</caption>
            <ColumnHeads labels={['Kolom', 'Sebelum', 'Sesudah']} />
            <tbody>
              {changes.map((c) => (
                <tr key={c.field}>
                  <th scope="row">{c.label}</th>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="muted">Kode permintaan: {e.requestId ?? '–'}</div>
    </li>
  )
}
