// The actions of one row of the verification table: "Verifikasi" and "Kembalikan…" for a submitted
// row, "Buka kunci…" for a verified one; each note box keeps what was typed after a refusal.
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CsrfInput } from '../csrf'
import { KeptTextarea } from '../kept-textarea'
import type { ReviewRowView } from '../../presenters/verification.server'
import type { SavedRowView } from '../../presenters/realisasi-views.server'
import type { VerificationAnswer } from '../../services/realisasi/types'
import { fieldError, typedValue } from '../../utils/forms'

type Mine = VerificationAnswer | undefined

/** The hidden fields naming the row and the version it was shown at. */
function RowFields({ row }: { row: SavedRowView }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="version" value={row.version} />
    </>
  )
}

/** A required note (catatan / alasan) with the message of a refused answer beside it. */
function NoteBox({ row, mine, intent, name, label, keptSuffix }: { row: SavedRowView; mine: Mine; intent: string; name: 'catatan' | 'alasan'; label: string; keptSuffix: string }) {
  const ours = mine?.intent === intent ? mine : undefined
  const message = fieldError(ours, name)
  const id = `${name}-${row.id}`
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <KeptTextarea
        kept={{ area: 'verif', record: row.id, version: `${row.version}-${keptSuffix}` }}
        id={id}
        name={name}
        required
        maxLength={2000}
        defaultValue={typedValue(ours, name, '')}
        aria-invalid={ours ? true : undefined}
        aria-describedby={ours ? `${id}-error` : undefined}
      />
      {ours ? (
        <div className="field-error" id={`${id}-error`}>
          {message ?? ours.message}
        </div>
      ) : null}
    </>
  )
}

type ActionProps = { r: ReviewRowView; row: SavedRowView; mine: Mine; isBusy: (intent: string) => boolean }

/** A folded form that needs a note: the note, any further fields, and the red submit button. */
function NoteAction({
  props: { r, row, mine, isBusy },
  intent,
  summary,
  note,
  button: [text, busyText],
  children,
}: {
  props: ActionProps
  intent: string
  summary: string
  note: { name: 'catatan' | 'alasan'; label: string; keptSuffix: string }
  button: [string, string]
  children?: ReactNode
}) {
  return (
    <details open={mine?.intent === intent}>
      <summary>{summary}</summary>
      <Form method="post">
        <RowFields row={row} />
        <NoteBox row={row} mine={mine} intent={intent} {...note} />
        {children}
        <button type="submit" name="intent" value={intent} className="btn btn-danger" disabled={isBusy(intent)}>
          {isBusy(intent) ? busyText : text}
          <span className="sr-only"> {r.code}</span>
        </button>
      </Form>
    </details>
  )
}

function SubmittedActions({ r, row, mine, isBusy }: ActionProps) {
  return (
    <div className="verif-actions">
      <Form method="post">
        <RowFields row={row} />
        <button type="submit" name="intent" value="verify" className="btn" disabled={isBusy('verify')}>
          {isBusy('verify') ? 'Memverifikasi…' : 'Verifikasi'}
          <span className="sr-only"> {r.code}</span>
        </button>
      </Form>
      <NoteAction
        props={{ r, row, mine, isBusy }}
        intent="return"
        summary="Kembalikan…"
        note={{ name: 'catatan', label: 'Catatan untuk kepala bidang (wajib)', keptSuffix: 'kembalikan' }}
        button={['Kembalikan', 'Mengembalikan…']}
      />
    </div>
  )
}

function VerifiedActions({ r, row, mine, isBusy }: ActionProps) {
  return (
    <div className="verif-actions">
      <NoteAction
        props={{ r, row, mine, isBusy }}
        intent="unlock"
        summary="Buka kunci…"
        note={{ name: 'alasan', label: 'Alasan membuka kunci (wajib)', keptSuffix: 'buka-kunci' }}
        button={['Buka kunci', 'Membuka…']}
      >
        <label htmlFor={`ke-${row.id}`}>Status setelah dibuka</label>
        <select id={`ke-${row.id}`} name="ke" defaultValue="dikembalikan">
          <option value="dikembalikan">Dikembalikan ke kepala bidang (alasan menjadi catatan)</option>
          <option value="diajukan">Diajukan (diperiksa ulang oleh perencanaan)</option>
        </select>
      </NoteAction>
    </div>
  )
}

export function RowActions({ r, a, busy }: { r: ReviewRowView; a: VerificationAnswer | undefined; busy: string | null }) {
  const row = r.row
  if (!row) return <span className="muted">belum diisi</span>
  const mine = a && a.status === 'error' && a.targetId === row.id ? a : undefined
  const isBusy = (intent: string) => busy === `${intent}:${row.id}`
  if (row.status === 'diajukan') return <SubmittedActions r={r} row={row} mine={mine} isBusy={isBusy} />
  if (row.status === 'diverifikasi') return <VerifiedActions r={r} row={row} mine={mine} isBusy={isBusy} />
  return <span className="muted">{row.status === 'dikembalikan' ? 'menunggu perbaikan kepala bidang' : 'masih draf kepala bidang'}</span>
}

/** The proof of a row: its text and link (a rilis value without proof is flagged). */
export function Evidence({ r }: { r: ReviewRowView }) {
  if (!r.row) return <span className="muted">–</span>
  return (
    <>
      {r.row.buktiText || <span className="muted">tanpa keterangan</span>}
      {r.row.buktiHref ? (
        <>
          {' '}
          <a href={r.row.buktiHref} target="_blank" rel="noopener noreferrer nofollow">
            tautan<span className="sr-only"> bukti {r.code}</span>
          </a>
        </>
      ) : null}
      {r.polaUkur === 'rilis' && r.row.valueShown !== '–' && !r.row.buktiText && !r.row.buktiHref ? <div className="field-error">Bukti rilis belum ada</div> : null}
    </>
  )
}
