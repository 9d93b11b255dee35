// The meeting's note on a cell: judgement, kendala and rekomendasi. Answers follow the one form
// convention (ADR 0024): messages beside the fields, what was typed shown again, and on a conflict
// the note as it now stands. The texts are also kept on this device until the save lands.
import { Form } from '@remix-run/react'
import type { CellPageView } from '../../../presenters/cell.server'
import type { NoteFormAnswer } from '../../../services/notes/note-form.server'
import { JUDGEMENTS } from '../../../domain/types'
import { fieldError, typedValue } from '../../../utils/forms'
import { JUDGEMENT_TEXT, NOTE_TEXT_MAX } from '../../../utils/notes'
import { CsrfInput } from '../../csrf'
import { FieldMessage, FormMessages } from '../../form-result'
import { KeptTextarea } from '../../kept-textarea'
import { SaveButton } from '../../save-button'

type Answer = NoteFormAnswer | undefined

function ConflictNote({ answer }: { answer: Answer }) {
  if (!answer?.conflict) return null
  return (
    <p>
      Catatan terbaru: <strong>{answer.conflict.judgement}</strong>
      {answer.conflict.rekomendasi ? ` — rekomendasi: ${answer.conflict.rekomendasi}` : ''}
    </p>
  )
}

function NoteText({ v, answer, name, label, version }: { v: CellPageView; answer: Answer; name: 'kendala' | 'rekomendasi'; label: string; version: string }) {
  const c = v.cell
  const error = fieldError(answer, name)
  return (
    <div>
      <label htmlFor={`note-${name}`}>{label}</label>
      <KeptTextarea
        kept={{ area: `catatan:${v.opd.id}:${v.periodKey}`, record: `${c.aspect}-${c.strategy}`, version: `${version}-${name}` }}
        id={`note-${name}`}
        name={name}
        rows={3}
        maxLength={NOTE_TEXT_MAX}
        defaultValue={typedValue(answer, name, c.note?.[name] ?? '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      <FieldMessage result={answer} name={name} id={`${name}-error`} />
    </div>
  )
}

function NoteForm({ v, answer, busy }: { v: CellPageView; answer: Answer; busy: boolean }) {
  const c = v.cell
  const version = typedValue(answer, 'version', String(c.note?.version ?? 0))
  const judgement = typedValue(answer, 'judgement', c.note?.judgement ?? '')
  const judgementError = fieldError(answer, 'judgement')
  const hasFormError = answer?.status === 'error' && answer.formErrors.length > 0
  return (
    <Form method="post" className="stack note-form" aria-describedby={hasFormError ? 'note-form-error' : undefined}>
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
      <FormMessages result={answer} id="note-form-error" />
      <ConflictNote answer={answer} />
      <fieldset className="judgement-options" aria-invalid={judgementError ? true : undefined} aria-describedby={judgementError ? 'judgement-error' : undefined}>
        <legend>Penilaian rapat untuk {v.periodLabel}</legend>
        {JUDGEMENTS.map((j) => (
          <label key={j}>
            <input type="radio" name="judgement" value={j} defaultChecked={judgement === j} required />
            {JUDGEMENT_TEXT[j]}
          </label>
        ))}
        <FieldMessage result={answer} name="judgement" id="judgement-error" />
      </fieldset>
      <NoteText v={v} answer={answer} name="kendala" label="Kendala" version={version} />
      <NoteText v={v} answer={answer} name="rekomendasi" label="Rekomendasi" version={version} />
      <div>
        <SaveButton busy={busy}>Simpan catatan</SaveButton>
      </div>
    </Form>
  )
}

/** The note form's card; a single quarter has no meeting note. */
export function NoteFormCard({ v, answer, busy }: { v: CellPageView; answer: Answer; busy: boolean }) {
  return (
    <section className="card note-form-card" aria-labelledby="h-note-form">
      <h2 id="h-note-form">{v.cell.note ? 'Ubah catatan rapat' : 'Catat hasil rapat'}</h2>
      {!v.periodKey ? (
        <p className="muted">Catatan rapat dicatat untuk periode "s.d. triwulan" atau "Renstra", bukan untuk satu triwulan saja.</p>
      ) : (
        <NoteForm v={v} answer={answer} busy={busy} />
      )}
    </section>
  )
}
