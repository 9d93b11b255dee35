// The form of /aksi/baru (ADR 0024): a zod schema for the envelope (how many rows, the cell, the
// indicators), the rows read by their names (`pakai_<i>`, `indeks_<i>`, `judul_<i>`, `pj_<i>`,
// `tenggat_<i>`), the use case (create.server.ts), and one FormResult answer: the messages of a row
// beside its fields (`judul_<i>`, `pj_<i>`, `tenggat_<i>`), everything typed kept.
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import { formError, formValues, parseForm, type FormError } from '../../utils/forms'
import type { ActionFormView } from '../../presenters/action-form.server'
import type { SessionUser } from '../auth.server'
import { createActions, type ActionDraft, type CreateActionsInput, type RowErrors } from './create.server'

export const CREATE_INTENT = 'buat'

export const createEnvelopeSchema = z.object({
  jumlah: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Formulir tidak lengkap (jumlah baris). Muat ulang halaman lalu coba lagi.')
    .transform((n) => Math.min(Number(n), 50)),
  sel: z.string().trim().optional().default(''),
})

interface RowTyped {
  i: number
  index: string
  title: string
  ownerUserId: string
  dueDate: string
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

/** The rows ticked "Jadikan rencana aksi" (every row outside a note), with their position on the form. */
function chosenRows(form: FormData, count: number): RowTyped[] {
  const out: RowTyped[] = []
  for (let i = 0; i < count; i++) {
    if (form.get(`pakai_${i}`) !== 'ya') continue
    out.push({ i, index: text(form, `indeks_${i}`), title: text(form, `judul_${i}`), ownerUserId: text(form, `pj_${i}`), dueDate: text(form, `tenggat_${i}`) })
  }
  return out
}

/** What the use case is asked to create, from the page's source and the posted rows. */
function createInputOf(view: ActionFormView, form: FormData, cell: string, chosen: RowTyped[]): CreateActionsInput {
  const s = view.source
  const indicatorIds =
    s.kind === 'tindak_lanjut'
      ? [s.indicatorId]
      : form
          .getAll('indikator')
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0)
  const drafts: ActionDraft[] = chosen.map((v) => {
    const index = v.index === '' ? NaN : Number(v.index)
    // from a note every action is one of its rekomendasi: the use case refuses a missing or used one
    return { title: v.title, ownerUserId: v.ownerUserId, dueDate: v.dueDate, ...(s.kind === 'catatan' ? { sourceIndex: Number.isInteger(index) ? index : -1 } : {}) }
  })
  const [aspect, strategy] = s.kind === 'catatan' ? [s.aspect, s.strategy] : s.kind === 'langsung' && cell ? cell.split('|') : [null, null]
  return {
    opdId: view.opdId,
    source: s.kind,
    aspect: aspect ?? null,
    strategy: strategy ?? null,
    indicatorIds,
    periodKey: s.periodKey,
    sourceNoteId: s.kind === 'catatan' ? s.noteId : null,
    sourceRealisasiId: s.kind === 'tindak_lanjut' ? s.realisasiId : null,
    drafts,
  }
}

/** A row's messages under the form's field names of that row. */
function rowFieldErrors(chosen: RowTyped[], rows: RowErrors[]): Record<string, string> {
  const out: Record<string, string> = {}
  chosen.forEach(({ i }, k) => {
    const e = rows[k] ?? {}
    if (e.title) out[`judul_${i}`] = e.title
    if (e.ownerUserId) out[`pj_${i}`] = e.ownerUserId
    if (e.dueDate) out[`tenggat_${i}`] = e.dueDate
  })
  return out
}

export type CreateFormAnswer = { ok: true; created: number } | { ok: false; status: 400 | 403 | 409; result: FormError }

/** Parses the form of /aksi/baru and creates the actions in one transaction. */
export async function runCreateForm(db: DB, user: SessionUser, view: ActionFormView, form: FormData, requestId: string | null): Promise<CreateFormAnswer> {
  const parsed = parseForm(form, createEnvelopeSchema, { intent: CREATE_INTENT })
  if (!parsed.ok) return { ok: false, status: 400, result: parsed.result }
  const chosen = chosenRows(form, parsed.value.jumlah)
  const cell = view.source.kind === 'langsung' ? parsed.value.sel : ''
  const result = await createActions(db, user, createInputOf(view, form, cell, chosen), requestId)
  if (result.ok) return { ok: true, created: result.ids.length }
  const fieldErrors = rowFieldErrors(chosen, result.rows)
  return { ok: false, status: result.status, result: formError(result.form ?? 'Periksa isian yang ditandai.', { intent: CREATE_INTENT, fieldErrors, values: formValues(form) }) }
}
