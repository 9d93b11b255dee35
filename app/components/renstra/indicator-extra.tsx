// The edit page's secondary panels: soft delete with a reason / restore, and the change history.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { ProblemList, TextAreaField } from './controls'
import type { FormErrors, FormProblem } from '../../utils/renstra-fields'
import { WORKFLOW_STATUS_LABELS } from '../../domain/labels'

export interface HistoryRow {
  id: number
  at: string
  actor: string
  role: string
  action: string
  what: string
  reason: string | null
  changes: { label: string; before: string; after: string }[]
}

export function DeleteRestorePanel({
  deleted,
  deletedAt,
  deletedReason,
  version,
  counts,
  message,
  problems,
  errors,
  typedReason,
  busy,
  readOnly,
}: {
  deleted: boolean
  deletedAt: string | null
  deletedReason: string | null
  version: number
  counts: Record<string, number>
  message: string | null
  problems: FormProblem[]
  errors: FormErrors
  typedReason: string
  busy: 'hapus' | 'pulihkan' | null
  readOnly: boolean
}) {
  const total = Object.values(counts).reduce((s, n) => s + n, 0)
  const pending = (counts.diajukan ?? 0) + (counts.draft ?? 0) + (counts.dikembalikan ?? 0)
  return (
    <section className="card renstra-danger" aria-labelledby="h-hapus">
      <h2 id="h-hapus">{deleted ? 'Pulihkan indikator' : 'Hapus indikator'}</h2>
      {message ? <ProblemList message={message} problems={problems} idPrefix="hapus" /> : null}
      {deleted ? (
        <>
          <p>
            Dihapus pada {deletedAt ?? '–'}
            {deletedReason ? (
              <>
                {' '}
                dengan alasan: <q>{deletedReason}</q>
              </>
            ) : null}
            . Indikator ini tidak muncul di input realisasi dan tidak dihitung dalam skor; riwayat dan {total} baris realisasinya tetap tersimpan dan ikut dalam ekspor.
          </p>
          {!readOnly ? (
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="pulihkan" />
              <input type="hidden" name="version" value={version} />
              <TextAreaField
                name="deleted_reason"
                idPrefix="hapus"
                label="Alasan pemulihan (opsional)"
                defaultValue={typedReason}
                error={errors.deleted_reason}
                maxLength={500}
                rows={2}
              />
              <div>
                <button type="submit" className="btn btn-secondary" disabled={busy === 'pulihkan'}>
                  {busy === 'pulihkan' ? 'Memulihkan…' : 'Pulihkan indikator'}
                </button>
              </div>
            </Form>
          ) : null}
        </>
      ) : (
        <>
          <p>
            Penghapusan bersifat lunak: indikator hilang dari input realisasi, verifikasi dan skor, tetapi riwayat dan realisasinya ({total} baris
            {total
              ? `: ${Object.entries(counts)
                  .map(([s, n]) => `${n} ${(WORKFLOW_STATUS_LABELS[s as keyof typeof WORKFLOW_STATUS_LABELS] ?? s).toLowerCase()}`)
                  .join(', ')}`
              : ''}
            ) tetap tersimpan, tetap ada dalam ekspor, dan indikator dapat dipulihkan.
          </p>
          {pending ? (
            <p className="banner banner-warn">Ada {pending} realisasi yang belum diverifikasi; setelah dihapus, baris itu tidak lagi muncul di antrean verifikasi.</p>
          ) : null}
          {!readOnly ? (
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="hapus" />
              <input type="hidden" name="version" value={version} />
              <TextAreaField
                name="deleted_reason"
                idPrefix="hapus"
                label="Alasan penghapusan"
                required
                defaultValue={typedReason}
                error={errors.deleted_reason}
                maxLength={500}
                rows={2}
              />
              <div>
                <button type="submit" className="btn btn-danger" disabled={busy === 'hapus'}>
                  {busy === 'hapus' ? 'Menghapus…' : 'Hapus indikator'}
                </button>
              </div>
            </Form>
          ) : null}
        </>
      )}
    </section>
  )
}

export function HistoryPanel({ rows }: { rows: HistoryRow[] }) {
  return (
    <section className="card" aria-labelledby="h-riwayat">
      <h2 id="h-riwayat">Riwayat perubahan</h2>
      {rows.length === 0 ? (
        <p className="muted">Belum ada perubahan yang tercatat sejak data awal dimuat.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="renstra-history">
            <thead>
              <tr>
                <th scope="col">Waktu</th>
                <th scope="col">Oleh</th>
                <th scope="col">Tindakan</th>
                <th scope="col">Perubahan</th>
                <th scope="col">Alasan</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.at}</td>
                  <td>
                    {r.actor}
                    {r.role ? <div className="muted">{r.role}</div> : null}
                  </td>
                  <td>
                    {r.what}: {r.action}
                  </td>
                  <td>
                    {r.changes.length ? (
                      <ul className="renstra-changes">
                        {r.changes.map((c, i) => (
                          <li key={i}>
                            {c.label}: {c.before} → <strong>{c.after}</strong>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td>{r.reason ?? <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
