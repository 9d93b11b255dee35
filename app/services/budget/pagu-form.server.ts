// The pagu form of /renstra/anggaran: its zod schema (the year, every "p.<program>.pagu" amount as
// typed and its "p.<program>.version") and the FormResult answer of the set-pagu use case. A bad
// amount is reported beside its field; the rules that need the database (period, closed, versions)
// stay in set-pagu.server.ts.
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import { formError, formSuccess, type FormResult } from '../../utils/forms'
import { parseRupiah } from '../../domain/rupiah'
import type { SessionUser } from '../auth.server'
import { setPagu, type PaguInput } from './set-pagu.server'
import { PAGU_INTENT, paguVersionName } from '../../utils/page-shared'

const MAX_ROWS = 1000

export const paguFormSchema = z
  .object({
    tahun: z
      .string({ required_error: 'Tahun tidak valid.' })
      .trim()
      .regex(/^\d{4}$/, 'Tahun tidak valid.')
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, 'Tahun tidak valid.'),
  })
  .catchall(z.string())
  .transform((form, ctx) => {
    const items: PaguInput[] = []
    for (const [name, raw] of Object.entries(form)) {
      const m = /^p\.(\d{1,9})\.pagu$/.exec(name)
      if (!m || typeof raw !== 'string') continue
      const programId = Number(m[1])
      const v = (form[paguVersionName(programId)] as string | undefined)?.trim() ?? ''
      if (v !== '' && !/^\d{1,9}$/.test(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: 'Versi baris tidak valid; muat ulang halaman.' })
      if (raw.trim() !== '') {
        const r = parseRupiah(raw)
        if (!r.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: r.message })
      }
      items.push({ programId, pagu: raw, version: v === '' ? null : Number(v) })
    }
    if (items.length > MAX_ROWS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: 'Terlalu banyak baris.' })
    if (!items.some((i) => i.pagu.trim() !== '')) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: 'Belum ada pagu yang diisi.' })
    return { year: form.tahun as number, items }
  })

export type PaguForm = z.infer<typeof paguFormSchema>

/** Sets the pagu of the checked form; the answer and its status code (400, 404, 409 or 200). */
export async function savePaguForm(
  db: DB,
  user: SessionUser,
  input: PaguForm,
  values: Record<string, string>,
  requestId: string | null,
): Promise<{ status: number; result: FormResult }> {
  const r = await setPagu(db, user, input.year, input.items, requestId)
  if (r.ok) return { status: 200, result: formSuccess(r.message, PAGU_INTENT) }
  const messages = r.status === 409 ? [r.message, ...r.problems] : [r.message]
  return { status: r.status, result: formError(messages, { intent: PAGU_INTENT, values }) }
}
