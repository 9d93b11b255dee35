// The verification page's POST (/verifikasi): one zod schema per form, a discriminated union on
// `intent`, each form sent to its use case; the answer is one FormResult (ADR 0024) with the
// conflicts of a stale row and the row it was about.
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { formError, formValues } from '../../utils/forms'
import { returnAnggaran, verifyAnggaran } from '../budget/review-anggaran.server'
import { closeQuarter } from './close-quarter.server'
import { reopenQuarter } from './reopen-quarter.server'
import { returnRealisasi } from './return.server'
import { unlockRealisasi } from './unlock.server'
import { verifyRealisasi } from './verify.server'
import type { VerificationAnswer, RowConflict } from './types'

const UNKNOWN_ROW = 'Baris realisasi tidak dikenal.'

/** A positive whole number, or null (a missing or malformed version is a conflict, answered by the use case). */
const optionalInt = z
  .string()
  .optional()
  .transform((v) => (/^\d{1,9}$/.test((v ?? '').trim()) ? Number((v ?? '').trim()) : null))
const rowId = z
  .string({ required_error: UNKNOWN_ROW })
  .trim()
  .regex(/^\d{1,9}$/, UNKNOWN_ROW)
  .transform(Number)
const note = z.string().optional().default('')
const row = { id: rowId, version: optionalInt }
const period = { opd: optionalInt, tahun: optionalInt, triwulan: optionalInt }

export const verificationSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verify'), ...row }),
  z.object({ intent: z.literal('verify_selected'), pilih: z.string().optional().default('') }),
  z.object({ intent: z.literal('return'), ...row, catatan: note }),
  z.object({
    intent: z.literal('unlock'),
    ...row,
    alasan: note,
    ke: z
      .string()
      .optional()
      .transform((v) => (v === 'dikembalikan' ? ('dikembalikan' as const) : ('diajukan' as const))),
  }),
  z.object({ intent: z.literal('close_quarter'), ...period }),
  z.object({ intent: z.literal('reopen_quarter'), ...period, alasan: note }),
  z.object({ intent: z.literal('anggaran_verify'), ...row }),
  z.object({ intent: z.literal('anggaran_return'), ...row, catatan: note }),
])

export type VerificationIntent = z.infer<typeof verificationSchema>['intent']
const INTENTS = verificationSchema.options.map((o) => o.shape.intent.value) as string[]

/** What a use case answered, in the few fields the page needs. */
interface Outcome {
  ok: boolean
  message: string
  status?: number
  problems?: string[]
  conflicts?: RowConflict[]
}

/** The answer: a FormResult with the row it was about, its conflicts, and the note typed (kept on failure, beside its field). */
function answer(
  intent: string | null,
  targetId: number | null,
  r: Outcome,
  typed: { name: 'catatan' | 'alasan'; value: string } | null = null,
): { status: number; body: VerificationAnswer } {
  const conflicts = r.conflicts ?? []
  if (r.ok) return { status: 200, body: { status: 'success', intent, message: r.message, targetId, conflicts } }
  const problems = r.problems ?? []
  const error = formError([r.message, ...(problems.length > 1 ? problems : [])], {
    intent,
    fieldErrors: typed ? { [typed.name]: r.message } : {},
    values: typed ? { [typed.name]: typed.value } : {},
  })
  return { status: r.status ?? 400, body: { ...error, message: r.message, targetId, conflicts } }
}

/** The rows ticked for "Verifikasi baris yang dipilih" (`<id>:<version>` each), or a message. */
function pickedRows(pilih: string): { id: number; version: number }[] | string {
  const items: { id: number; version: number }[] = []
  for (const v of pilih === '' ? [] : pilih.split('\n')) {
    const m = /^(\d{1,9}):(\d{1,9})$/.exec(v)
    if (!m) return 'Pilihan baris tidak valid.'
    items.push({ id: Number(m[1]), version: Number(m[2]) })
  }
  if (!items.length) return 'Pilih minimal satu baris berstatus Diajukan.'
  if (items.length > 500) return 'Terlalu banyak baris dalam satu kiriman.'
  return items
}

/** Parses the form, runs its use case, and answers with the body and HTTP status. */
export async function runVerificationAction(db: DB, user: SessionUser, form: FormData, requestId: string | null): Promise<{ status: number; body: VerificationAnswer }> {
  const values = formValues(form)
  const intent = values.intent ?? ''
  const targetId = /^\d{1,9}$/.test((values.id ?? '').trim()) ? Number(values.id!.trim()) : null
  if (!INTENTS.includes(intent)) return answer(intent, targetId, { ok: false, message: 'Tindakan tidak dikenal.' })
  const parsed = verificationSchema.safeParse(values)
  if (!parsed.success) return answer(intent, targetId, { ok: false, message: parsed.error.issues[0]?.message ?? UNKNOWN_ROW })
  const f = parsed.data
  switch (f.intent) {
    case 'verify':
      return answer(f.intent, f.id, await verifyRealisasi(db, user, [{ id: f.id, version: f.version }], requestId))
    case 'verify_selected': {
      const items = pickedRows(f.pilih)
      if (typeof items === 'string') return answer(f.intent, null, { ok: false, message: items })
      return answer(f.intent, null, await verifyRealisasi(db, user, items, requestId))
    }
    case 'return':
      return answer(f.intent, f.id, await returnRealisasi(db, user, { id: f.id, version: f.version }, f.catatan, requestId), { name: 'catatan', value: f.catatan })
    case 'unlock':
      return answer(f.intent, f.id, await unlockRealisasi(db, user, { id: f.id, version: f.version }, f.alasan, f.ke, requestId), { name: 'alasan', value: f.alasan })
    case 'close_quarter':
    case 'reopen_quarter': {
      const opdId = user.opdId ?? f.opd
      if (opdId == null || f.tahun == null || f.triwulan == null) return answer(f.intent, null, { ok: false, message: 'Perangkat daerah, tahun atau triwulan tidak valid.' })
      if (f.intent === 'close_quarter') return answer(f.intent, null, await closeQuarter(db, user, opdId, f.tahun, f.triwulan, requestId))
      return answer(f.intent, null, await reopenQuarter(db, user, opdId, f.tahun, f.triwulan, f.alasan, requestId), { name: 'alasan', value: f.alasan })
    }
    case 'anggaran_verify':
      return answer(f.intent, f.id, await verifyAnggaran(db, user, [{ id: f.id, version: f.version }], requestId))
    case 'anggaran_return':
      return answer(f.intent, f.id, await returnAnggaran(db, user, { id: f.id, version: f.version }, f.catatan, requestId), { name: 'catatan', value: f.catatan })
  }
}
