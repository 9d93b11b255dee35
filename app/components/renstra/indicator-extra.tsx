// The edit page's secondary panels: soft delete with a reason / restore, and the change history.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { ProblemList, TextAreaField } from './controls'
import { fieldError, typedValue, type FormError } from '../../utils/forms'
import { WORKFLOW_STATUS_LABELS } from '../../domain/labels'
import type { IndicatorChange } from '../../presenters/renstra-indicator-edit.server'
import { ColumnHeads } from '../data-table'

interface DeleteRestoreProps {
  deleted: boolean
  deletedAt: string | null
  deletedReason: string | null
  version: number
  counts: Record<string, number>
  /** The answer of a refused delete or restore (what was typed, the messages), if any. */
  answer: FormError | null
  busy: 'hapus' | 'pulihkan' | null
  readOnly: boolean
}

export function DeleteRestorePanel(p: DeleteRestoreProps) {
  return (
    <section className="card renstra-danger" aria-labelledby="h-hapus">
      <h2 id="h-hapus">{p.deleted ? 'Pulihkan indikator' : 'Hapus indikator'}</h2>
      {p.answer ? <ProblemList result={p.answer} idPrefix="hapus" /> : null}
      {p.deleted ? <RestorePart {...p} /> : <DeletePart {...p} />}
    </section>
  )
}

function RestorePart({ deletedAt, deletedReason, counts, readOnly, ...form }: DeleteRestoreProps) {
  const total = Object.values(counts).reduce((s, n) => s + n, 0)
  return (
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
      {!readOnly ? <ReasonForm {...form} intent="pulihkan" /> : null}
    </>
  )
}

function DeletePart({ counts, readOnly, ...form }: DeleteRestoreProps) {
  const total = Object.values(counts).reduce((s, n) => s + n, 0)
  const pending = (counts.diajukan ?? 0) + (counts.draft ?? 0) + (counts.dikembalikan ?? 0)
  const byStatus = Object.entries(counts)
    .map(([s, n]) => `${n} ${(WORKFLOW_STATUS_LABELS[s as keyof typeof WORKFLOW_STATUS_LABELS] ?? s).toLowerCase()}`)
    .join(', ')
  return (
    <>
      <p>
        Penghapusan bersifat lunak: indikator hilang dari input realisasi, verifikasi dan skor, tetapi riwayat dan realisasinya ({total} baris
        {total ? `: ${byStatus}` : ''}) tetap tersimpan, tetap ada dalam ekspor, dan indikator dapat dipulihkan.
      </p>
      {pending ? <p className="banner banner-warn">Ada {pending} realisasi yang belum diverifikasi; setelah dihapus, baris itu tidak lagi muncul di antrean verifikasi.</p> : null}
      {!readOnly ? <ReasonForm {...form} intent="hapus" /> : null}
    </>
  )
}

const REASON_FORM = {
  hapus: { label: 'Alasan penghapusan', required: true, button: 'Hapus indikator', busyText: 'Menghapus…', className: 'btn btn-danger' },
  pulihkan: { label: 'Alasan pemulihan (opsional)', required: false, button: 'Pulihkan indikator', busyText: 'Memulihkan…', className: 'btn btn-secondary' },
} as const

/** The delete or restore form: the version it was loaded with and a reason (what was typed is kept on a refusal). */
function ReasonForm({ intent, version, answer, busy }: Pick<DeleteRestoreProps, 'version' | 'answer' | 'busy'> & { intent: 'hapus' | 'pulihkan' }) {
  const t = REASON_FORM[intent]
  return (
    <Form method="post" className="stack">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField
        name="deleted_reason"
        idPrefix="hapus"
        label={t.label}
        required={t.required}
        defaultValue={typedValue(answer, 'deleted_reason', '', intent)}
        error={fieldError(answer, 'deleted_reason', intent)}
        maxLength={500}
        rows={2}
      />
      <div>
        <button type="submit" className={t.className} disabled={busy === intent}>
          {busy === intent ? t.busyText : t.button}
        </button>
      </div>
    </Form>
  )
}

export function HistoryPanel({ rows }: { rows: IndicatorChange[] }) {
  return (
    <section className="card" aria-labelledby="h-riwayat">
      <h2 id="h-riwayat">Riwayat perubahan</h2>
      {rows.length === 0 ? (
        <p className="muted">Belum ada perubahan yang tercatat sejak data awal dimuat.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="renstra-history">
            <ColumnHeads labels={['Waktu', 'Oleh', 'Tindakan', 'Perubahan', 'Alasan']} />
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
