// The workbook import forms (Renstra, realisasi, data historis, organisation): two steps on one
// form — `periksa` checks the upload and shows a preview (writes nothing), `simpan` saves the
// previewed plan (its hash travels in `rencana`). The answer is the FormResult of ADR 0024 with the
// plan beside it (null when the upload was refused before anything was read).
import { z } from 'zod'
import { formError, formSuccess, type FormResult } from './forms'

export type ImportIntent = 'periksa' | 'simpan'

/** What an import action answers: a FormResult, and the plan it checked or saved. */
export type ImportAnswer<P, X = unknown> = FormResult & { intent: ImportIntent | null; plan: P | null } & X

export const NO_PREVIEW = 'Periksa berkas (pratinjau) lebih dulu, lalu simpan.'
export const FILE_HAS_ERRORS = 'Berkas berisi kesalahan; tidak ada yang disimpan.'
export const PREVIEW_READY = 'Berkas diperiksa: periksa pratinjau, lalu simpan.'

/** The two steps as zod objects: a page with text fields extends both (`importSteps.periksa.extend({...})`). */
export const importSteps = {
  periksa: z.object({ intent: z.literal('periksa') }),
  simpan: z.object({ intent: z.literal('simpan'), rencana: z.string({ required_error: NO_PREVIEW }).trim().min(1, NO_PREVIEW) }),
}

/** The form of a page without text fields of its own. */
export const importSchema = z.discriminatedUnion('intent', [importSteps.periksa, importSteps.simpan])

/** The intent a form says it is, if it is one of the two (for answers given before parsing). */
export function importIntentOf(form: FormData): ImportIntent | null {
  const v = form.get('intent')
  return v === 'periksa' || v === 'simpan' ? v : null
}

/** Refused before a plan exists (no file, no OPD, a bad form): the message beside the file field. */
export function importRefused(message: string, intent: ImportIntent | null, status = 400) {
  return { status, result: { ...formError(message, { intent, fieldErrors: { berkas: message } }), intent, plan: null } }
}

/** A preview: 200 when the file can be saved, 400 with every problem in the plan otherwise. */
export function importPreviewed<P extends { errors: readonly unknown[] }>(plan: P, message = FILE_HAS_ERRORS) {
  const intent = 'periksa' as const
  if (plan.errors.length) return { status: 400, result: { ...formError(message, { intent }), intent, plan } }
  return { status: 200, result: { ...formSuccess(PREVIEW_READY, intent), intent, plan } }
}

/** A commit: 200 saved; 400 the file has problems; 409 the data or the file changed since the preview. */
export function importCommitted<P>(res: { ok: true; message: string; plan: P } | { ok: false; status: number; message: string; plan: P | null }) {
  const intent = 'simpan' as const
  if (res.ok) return { status: 200, result: { ...formSuccess(res.message, intent), intent, plan: res.plan } }
  return { status: res.status, result: { ...formError(res.message, { intent }), intent, plan: res.plan } }
}
