// The "Laporkan kemajuan" form of /aksi/:id (ADR 0024): a zod schema for the posted fields, the use
// case (progress.server.ts) for the rules that need the action as it is now, and one FormResult
// answer whose field names are the form's own, with everything typed kept.
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import { formError, formValues, parseForm, type FormError } from '../../utils/forms'
import type { SessionUser } from '../auth.server'
import { reportProgress, type ProgressField } from './progress.server'

export const PROGRESS_INTENT = 'kemajuan'

const optional = z.string().trim().optional().default('')

/** The posted fields (text only: the rules live in the use case, which knows the action as it is now). */
export const progressSchema = z.object({
  version: optional,
  status: optional,
  catatan: optional,
  bukti: optional,
  tautan: optional,
  tenggat: optional,
  pj: optional,
})

/** The use case's field → the form's field name. */
const FORM_FIELD: Record<ProgressField, keyof z.infer<typeof progressSchema>> = {
  status: 'status',
  note: 'catatan',
  evidenceText: 'bukti',
  evidenceLink: 'tautan',
  dueDate: 'tenggat',
  ownerUserId: 'pj',
}

export type ProgressFormAnswer = { ok: true } | { ok: false; status: 400 | 403 | 404 | 409; result: FormError }

/** Parses and saves the progress form of action `id`. 403/404 are for the route to throw. */
export async function runProgressForm(db: DB, user: SessionUser, id: number, form: FormData, requestId: string | null): Promise<ProgressFormAnswer> {
  const parsed = parseForm(form, progressSchema, { intent: PROGRESS_INTENT })
  if (!parsed.ok) return { ok: false, status: 400, result: parsed.result }
  const v = parsed.value
  const input = { id, version: v.version, status: v.status, note: v.catatan, evidenceText: v.bukti, evidenceLink: v.tautan, dueDate: v.tenggat, ownerUserId: v.pj }
  const result = await reportProgress(db, user, input, requestId)
  if (result.ok) return { ok: true }
  const fieldErrors: Record<string, string> = {}
  for (const [k, message] of Object.entries(result.fields)) fieldErrors[FORM_FIELD[k as ProgressField]] = message
  // a conflict: the form is now based on the version shown (the user saves again on purpose)
  const values = { ...formValues(form), ...(result.current ? { version: String(result.current.version) } : {}) }
  return { ok: false, status: result.status, result: formError(result.form, { intent: PROGRESS_INTENT, fieldErrors, values }) }
}
