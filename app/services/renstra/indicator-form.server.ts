// The forms of the indicator pages (/renstra/indikator/baru and /renstra/indikator/:id) in the one
// form convention (ADR 0024): a zod discriminated union on `intent` (simpan, hapus, pulihkan) and the
// answer of a refusal, a FormError that also names the years whose changed targets need a reason and,
// on a stale version, the version the user may knowingly overwrite. The indicator's own fields are
// checked with the period's data in one pass (indicator-validate.server.ts), so every problem is
// listed at once; the reasons of delete and restore are checked here.
import { z } from 'zod'
import { formError, formValues, parseForm, type FormError } from '../../utils/forms'
import { INDICATOR_FIELDS, type FormErrors } from '../../utils/renstra-fields'
import { RENSTRA_LIMITS } from './common.server'

export const INDICATOR_INTENTS = ['simpan', 'hapus', 'pulihkan'] as const
export type IndicatorIntent = (typeof INDICATOR_INTENTS)[number]

/** A stale form: the version the indicator has now (sent back as `timpa` to overwrite it knowingly). */
export interface IndicatorConflict {
  currentVersion: number
}

/** What the indicator forms' actions answer on a refusal (success redirects). */
export type IndicatorFormAnswer = FormError & {
  /** Years whose changed targets need a reason (the reason field is shown). */
  reasonYears: number[]
  conflict: IndicatorConflict | null
}

/** A use case's refusal, before it is shaped as an answer: nothing was written. */
export interface IndicatorRefusal {
  ok: false
  status: 400 | 404 | 409
  message: string
  /** Field name → message. */
  errors: FormErrors
  /** Problems about the whole form (closed period, unknown version). */
  general: string[]
  reasonYears: number[]
  conflict: IndicatorConflict | null
}

const keptText = z
  .string()
  .optional()
  .transform((s) => s ?? '')

const reason = (required: string | null) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').replace(/\r\n/g, '\n').trim())
    .superRefine((s, ctx) => {
      if (!s && required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: required })
      else if (s.length > RENSTRA_LIMITS.deletedReason) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Alasan paling panjang ${RENSTRA_LIMITS.deletedReason} karakter.` })
    })

export const indicatorFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('simpan'), period_id: keptText, version: keptText, timpa: keptText }),
  z.object({ intent: z.literal('hapus'), version: keptText, deleted_reason: reason('Alasan penghapusan wajib diisi.') }),
  z.object({ intent: z.literal('pulihkan'), version: keptText, deleted_reason: reason(null) }),
])

export type IndicatorFormInput = z.infer<typeof indicatorFormSchema>

const SUMMARY: Record<IndicatorIntent, string> = {
  simpan: 'Periksa isian yang ditandai; tidak ada yang disimpan.',
  hapus: 'Indikator belum dihapus: periksa isian yang ditandai.',
  pulihkan: 'Indikator belum dipulihkan: periksa isian yang ditandai.',
}

const answerOf = (error: FormError): IndicatorFormAnswer => ({ ...error, reasonYears: [], conflict: null })

/**
 * Parses one of the indicator forms (a post without an intent is the save form). `allowed` names the
 * forms of the page: another intent is refused as an unknown action.
 */
export function parseIndicatorForm(
  form: FormData,
  allowed: readonly IndicatorIntent[],
): { ok: true; value: IndicatorFormInput; values: Record<string, string> } | { ok: false; answer: IndicatorFormAnswer } {
  const values = formValues(form)
  const intent = values.intent ?? 'simpan'
  if (!(allowed as readonly string[]).includes(intent)) return { ok: false, answer: answerOf(formError('Tindakan tidak dikenal.', { intent, values })) }
  const withIntent = new FormData()
  for (const [k, v] of form.entries()) withIntent.append(k, v)
  withIntent.set('intent', intent)
  const parsed = parseForm(withIntent, indicatorFormSchema, { intent, summary: SUMMARY[intent as IndicatorIntent] })
  if (!parsed.ok) return { ok: false, answer: answerOf(parsed.result) }
  return { ok: true, value: parsed.value, values: { ...values, intent } }
}

/** Field order of the form: the single fields, then each year's annual and quarterly targets, then the rest. */
function fieldOrder(k: string): number {
  const i = (INDICATOR_FIELDS as readonly string[]).indexOf(k)
  if (i >= 0) return i
  let m = /^target\.(\d{4})$/.exec(k)
  if (m) return 100 + (Number(m[1]) - 1900) * 10
  m = /^tw\.(\d{4})\.([1-4])$/.exec(k)
  if (m) return 100 + (Number(m[1]) - 1900) * 10 + Number(m[2])
  return 10_000
}

/** A refusal as the form shows it: the message and the general problems above, each field's message beside it (in form order). */
export function refusalAnswer(r: IndicatorRefusal, intent: IndicatorIntent, values: Record<string, string>): IndicatorFormAnswer {
  const fieldErrors = Object.fromEntries(
    Object.keys(r.errors)
      .sort((a, b) => fieldOrder(a) - fieldOrder(b))
      .map((f) => [f, r.errors[f]]),
  )
  const formErrors = [r.message, ...r.general.filter((g) => g !== r.message)]
  return { ...formError(formErrors, { intent, fieldErrors, values }), reasonYears: r.reasonYears, conflict: r.conflict }
}
