// The forms of the kelola page as one zod schema, a discriminated union on `intent`: periods (add,
// close, reopen with a reason) and the tujuan → sasaran → program tree (add, rename, delete,
// restore). Codes, names, years and reasons are checked here with their Indonesian messages; the
// rules that need the database (duplicates, overlaps, open period, live children) stay in the use
// cases.
import { z } from 'zod'
import { formError, type FormError } from '../../utils/forms'
import { KELOLA_INTENTS, type KelolaIntent } from '../../utils/renstra-fields'
import { CODE_PATTERN, RENSTRA_LIMITS } from './common.server'

const REFERENCE_MISSING = 'Data yang dirujuk tidak ditemukan; muat ulang halaman.'

/** A trimmed text checked by one rule after another; only the first broken rule is reported. */
function checkedText(required: string | null, rules: [(s: string) => boolean, string][]) {
  return z
    .string()
    .optional()
    .transform((s) => (s ?? '').replace(/\r\n/g, '\n').trim())
    .superRefine((s, ctx) => {
      if (!s) {
        if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: required })
        return
      }
      const broken = rules.find(([ok]) => !ok(s))
      if (broken) ctx.addIssue({ code: z.ZodIssueCode.custom, message: broken[1] })
    })
}

const code = (max: number) =>
  checkedText('Kode wajib diisi.', [
    [(s) => s.length <= max, `Kode paling panjang ${max} karakter.`],
    [(s) => CODE_PATTERN.test(s), 'Kode hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung atau garis miring, tanpa spasi.'],
  ])
const name = checkedText('Nama wajib diisi.', [[(s) => s.length <= RENSTRA_LIMITS.name, `Nama paling panjang ${RENSTRA_LIMITS.name} karakter.`]])
const reason = (required: string | null) =>
  checkedText(required, [[(s) => s.length <= RENSTRA_LIMITS.deletedReason, `Alasan paling panjang ${RENSTRA_LIMITS.deletedReason} karakter.`]]).transform((s) => s || null)
const year = (label: string) =>
  checkedText(`${label} wajib diisi.`, [[(s) => /^\d{4}$/.test(s) && Number(s) >= 2000 && Number(s) <= 2100, `${label} harus tahun empat angka antara 2000 dan 2100.`]]).transform(
    Number,
  )
/** A hidden id naming a row (its problem is shown above the form: the user cannot fix it). */
const ref = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim())
  .refine((s) => /^\d{1,9}$/.test(s) && Number(s) > 0, REFERENCE_MISSING)
  .transform(Number)
/** An optional id: empty is null, anything but a positive whole number is the given problem. */
const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const t = (s ?? '').trim()
      if (t === '') return null
      if (/^\d{1,9}$/.test(t) && Number(t) > 0) return Number(t)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message })
      return z.NEVER
    })
const optionalRef = optionalId(REFERENCE_MISSING)
const unit = optionalId('Unit pelaksana harus sekretariat, bidang atau UPT perangkat daerah ini.')
const keptText = z
  .string()
  .optional()
  .transform((s) => s ?? '')

const treeEdit = <E extends 'tujuan' | 'sasaran'>(entity: E) => [
  z.object({ intent: z.literal(`${entity}.ubah` as const), id: ref, code: code(RENSTRA_LIMITS.code), name, before_code: keptText, before_name: keptText }),
  z.object({ intent: z.literal(`${entity}.hapus` as const), id: ref, reason: reason(null) }),
  z.object({ intent: z.literal(`${entity}.pulihkan` as const), id: ref, reason: reason(null) }),
]

export const kelolaFormSchema = z
  .discriminatedUnion('intent', [
    z.object({
      intent: z.literal('periode.tambah'),
      start_year: year('Tahun awal'),
      end_year: year('Tahun akhir'),
      name: checkedText(null, [[(s) => s.length <= RENSTRA_LIMITS.periodName, `Nama paling panjang ${RENSTRA_LIMITS.periodName} karakter.`]]),
    }),
    z.object({ intent: z.literal('periode.tutup'), id: ref, reason: reason(null) }),
    z.object({ intent: z.literal('periode.buka'), id: ref, reason: reason('Alasan membuka kembali periode wajib diisi.') }),
    z.object({ intent: z.literal('tujuan.tambah'), period_id: ref, code: code(RENSTRA_LIMITS.code), name }),
    ...treeEdit('tujuan'),
    z.object({ intent: z.literal('sasaran.tambah'), tujuan_id: ref, code: code(RENSTRA_LIMITS.code), name }),
    ...treeEdit('sasaran'),
    z.object({ intent: z.literal('program.tambah'), sasaran_id: optionalRef, parent_id: optionalRef, code: code(RENSTRA_LIMITS.programCode), name, unit_id: unit }),
    z.object({ intent: z.literal('program.ubah'), id: ref, code: code(RENSTRA_LIMITS.programCode), name, unit_id: unit, before_code: keptText, before_name: keptText }),
    z.object({ intent: z.literal('program.hapus'), id: ref, reason: reason(null) }),
    z.object({ intent: z.literal('program.pulihkan'), id: ref, reason: reason(null) }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === 'program.tambah' && v.sasaran_id === null && v.parent_id === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: REFERENCE_MISSING })
    if (v.intent !== 'periode.tambah') return
    if (v.end_year < v.start_year) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end_year'], message: 'Tahun akhir tidak boleh lebih awal dari tahun awal.' })
    else if (v.end_year - v.start_year + 1 > RENSTRA_LIMITS.maxPeriodYears)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end_year'], message: `Satu periode Renstra paling lama ${RENSTRA_LIMITS.maxPeriodYears} tahun.` })
  })

export type KelolaInput = z.infer<typeof kelolaFormSchema>
export type KelolaInputOf<I extends KelolaIntent> = Extract<KelolaInput, { intent: I }>

export const isKelolaIntent = (s: string): s is KelolaIntent => (KELOLA_INTENTS as readonly string[]).includes(s)

/** Hidden fields (ids, the code and name the form was loaded with): their problems go above the form. */
const HIDDEN = ['id', 'period_id', 'tujuan_id', 'sasaran_id', 'parent_id', 'before_code', 'before_name', 'intent']

/** A failed parse as the kelola forms show it: problems of hidden fields are moved above the form. */
export function liftHiddenProblems(result: FormError): FormError {
  const lifted = HIDDEN.flatMap((f) => result.fieldErrors[f] ?? [])
  if (!lifted.length) return result
  const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).filter(([f]) => !HIDDEN.includes(f)))
  const formErrors = [...new Set([...result.formErrors, ...lifted])]
  return formError(formErrors, { intent: result.intent, fieldErrors, values: result.values })
}
