// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import { Link } from '@remix-run/react'
import type { BidangView, ReviewRowView } from '../../presenters/verification.server'
import type { VerificationAnswer } from '../../services/realisasi/types'
import { formatValue } from '../../domain/format'
import { PredikatBadge } from '../entry/live-capaian'
import { Evidence, RowActions } from './row-actions'

/** One indicator of the queue: target, value, capaian, proof, narrative, status and its actions. */
function ReviewRow({ r, a, busy }: { r: ReviewRowView; a: VerificationAnswer | undefined; busy: string | null }) {
  return (
    <tr className={r.row ? `status-${r.row.status}` : undefined}>
      <td>
        {r.row?.status === 'diajukan' ? <input type="checkbox" form="verif-bulk" name="pilih" value={`${r.row.id}:${r.row.version}`} aria-label={`Pilih ${r.code}`} /> : null}
      </td>
      <td>
        <strong>{r.code}</strong> {r.name}
        <div className="muted verif-note">{r.satuan}</div>
      </td>
      <td className="num">{formatValue(r.targetQuarter)}</td>
      <td className="num">{r.row ? r.row.valueShown : r.waitingRelease ? <span className="muted">menunggu rilis</span> : <span className="muted">belum diisi</span>}</td>
      <td>
        {r.capaian ? (
          <>
            {r.capaian.text} <PredikatBadge band={r.capaian.predikatKey ? { key: r.capaian.predikatKey, label: r.capaian.predikatLabel ?? '' } : null} />
          </>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td>
        <Evidence r={r} />
      </td>
      <td className="verif-note">
        {r.row?.kendala ? (
          <div>
            <strong>Kendala:</strong> {r.row.kendala}
          </div>
        ) : null}
        {r.row?.tindakLanjut ? (
          <div>
            <strong>Tindak lanjut:</strong> {r.row.tindakLanjut}
          </div>
        ) : null}
        {r.row?.returnNote ? (
          <div className="muted">
            <strong>Catatan pengembalian:</strong> {r.row.returnNote}
          </div>
        ) : null}
      </td>
      <td>
        {r.row ? <span className={`badge status-${r.row.status}`}>{r.row.statusLabel}</span> : null}
        {r.row?.isLate ? <span className="badge entry-late">Terlambat</span> : null}
        {r.row ? (
          <div className="muted verif-note">
            {r.row.enteredBy ?? '–'}, {r.row.enteredAt}
            {r.row.verifiedAt ? (
              <>
                <br />
                diverifikasi {r.row.verifiedBy ?? '–'}, {r.row.verifiedAt}
              </>
            ) : null}
            <br />
            <Link to={`/realisasi/${r.row.id}/riwayat`}>
              Riwayat<span className="sr-only"> {r.code}</span>
            </Link>
          </div>
        ) : null}
      </td>
      <td>
        <RowActions r={r} a={a} busy={busy} />
      </td>
    </tr>
  )
}

/** The queue of one bidang. */
export function BidangTable({ b, a, busy }: { b: BidangView; a: VerificationAnswer | undefined; busy: string | null }) {
  return (
    <section className="card verif-bidang" aria-labelledby={`h-b-${b.id}`}>
      <h2 id={`h-b-${b.id}`}>
        {b.name} <span className="muted verif-note">{b.counts.diajukan} menunggu verifikasi</span>
      </h2>
      <div className="table-wrap" tabIndex={0}>
        <table className="verif-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Pilih</span>
              </th>
              <th scope="col">Indikator</th>
              <th scope="col" className="num">
                Target TW
              </th>
              <th scope="col" className="num">
                Realisasi
              </th>
              <th scope="col">Capaian</th>
              <th scope="col">Bukti dukung</th>
              <th scope="col">Kendala / tindak lanjut</th>
              <th scope="col">Status</th>
              <th scope="col">Tindakan</th>
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <ReviewRow key={r.indicatorId} r={r} a={a} busy={busy} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
