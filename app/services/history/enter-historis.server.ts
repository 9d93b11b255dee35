// Data historis typed by hand (domain §8): perencanaan enters one past quarter of one indicator of
// its OPD without a workbook. Stored verified (by the one who typed it), is_historical = 1,
// is_late = 0, with an audit row (action 'historis', who and when). A quarter that already has a
// realisation entered through the app is never overwritten; an earlier historical row is replaced.
// Bad input → Indonesian messages per field, nothing written.
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { now } from '../../utils/clock.server'
import { fields, formError, formSuccess, type FormResult } from '../../utils/forms'
import { parseDecimalInput } from '../../domain/format'
import { isQuarter, quarterName } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { liveIndicatorWithSpan } from '../../models/renstra-content.server'
import type { SessionUser } from '../auth.server'
import { historisEnteredMessage, historisQuarterProblem, writeHistorisRealisasi } from './write-historis.server'

import { HISTORIS_INTENT } from '../../utils/page-shared'

/** The form's fields: indikator (id), tahun, triwulan, nilai (as typed), bukti. */
export const historisFormSchema = z.object({
  indikator: fields.id('Indikator'),
  tahun: z
    .string({ required_error: 'Tahun wajib diisi.' })
    .trim()
    .regex(/^\d{4}$/, 'Tahun harus angka empat digit, misalnya 2023.')
    .transform(Number),
  triwulan: z
    .string({ required_error: 'Pilih triwulan.' })
    .trim()
    .regex(/^[1-4]$/, 'Pilih triwulan I, II, III atau IV.')
    .transform(Number),
  nilai: z
    .string({ required_error: 'Nilai realisasi wajib diisi.' })
    .trim()
    .min(1, 'Nilai realisasi wajib diisi.')
    .transform((s, ctx) => {
      const v = parseDecimalInput(s)
      if (typeof v === 'number') return v
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: typeof v === 'string' ? v : 'Nilai realisasi wajib diisi.' })
      return z.NEVER
    }),
  bukti: fields.optionalText('Bukti', 2000),
})

export type HistorisInput = z.infer<typeof historisFormSchema>

const fieldFail = (field: keyof HistorisInput, message: string, values: Record<string, string>): FormResult =>
  formError('Data historis tidak disimpan.', { intent: HISTORIS_INTENT, fieldErrors: { [field]: message }, values })

export async function enterHistoris(
  db: DB,
  user: SessionUser,
  input: HistorisInput,
  values: Record<string, string>,
  requestId: string | null,
): Promise<{ status: number; result: FormResult }> {
  const bad = (field: keyof HistorisInput, message: string) => ({ status: 400, result: fieldFail(field, message, values) })
  if (user.opdId == null)
    return { status: 400, result: formError('Akun Anda tidak terhubung ke perangkat daerah; data historis diisi per OPD.', { intent: HISTORIS_INTENT, values }) }
  const ind = await liveIndicatorWithSpan(db, input.indikator)
  if (!ind || ind.opd_id !== user.opdId) return bad('indikator', 'Indikator tidak ditemukan di Renstra OPD Anda.')
  const { tahun: year, triwulan: quarter, nilai: value } = input
  if (year < ind.start_year || year > ind.end_year) return bad('tahun', `Tahun ${year} di luar periode Renstra ${ind.start_year}–${ind.end_year}.`)
  if (ind.closed) return bad('tahun', 'Periode Renstra ini sudah ditutup.')
  if (!isQuarter(quarter)) return bad('triwulan', 'Pilih triwulan I, II, III atau IV.')
  const settings = await getSettings(db)
  const notEnded = historisQuarterProblem(year, quarter, now(), settings.scoring.timeZone)
  if (notEnded) return bad('triwulan', notEnded)
  if (ind.min_value != null && value < Number(ind.min_value))
    return bad('nilai', `Nilai ${String(value).replace('.', ',')} di bawah batas bawah ${String(Number(ind.min_value)).replace('.', ',')}.`)
  if (ind.max_value != null && value > Number(ind.max_value))
    return bad('nilai', `Nilai ${String(value).replace('.', ',')} di atas batas atas ${String(Number(ind.max_value)).replace('.', ',')}.`)

  const label = `${ind.code} ${quarterName(quarter)} ${year}`
  const write = { indicatorId: ind.id, opdId: ind.opd_id, year, quarter, value, bukti: input.bukti || null }
  const { outcome } = await writeTransaction(db, ind.opd_id, (trx) => writeHistorisRealisasi(trx, user, write, { reason: 'Data historis diisi manual', requestId }))
  if (outcome === 'entered') return bad('triwulan', historisEnteredMessage(label))
  return {
    status: 200,
    result: formSuccess(
      `${label} disimpan sebagai data historis (terverifikasi, tidak terlambat)${outcome === 'replaced' ? '; nilai historis sebelumnya diganti' : ''}.`,
      HISTORIS_INTENT,
    ),
  }
}
