// Data historis typed by hand (domain §8): perencanaan enters one past quarter of one indicator of
// its OPD without a workbook. Stored verified (by the one who typed it), is_historical = 1,
// is_late = 0, with an audit row (action 'historis', who and when). A quarter that already has a
// realisation entered through the app is never overwritten; an earlier historical row is replaced.
// Bad input → Indonesian messages per field, nothing written.
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { fields, formError, formSuccess, type FormResult } from '../../utils/forms'
import { parseDecimalInput } from '../../domain/format'
import { isQuarter, quarterLabel } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { getRealisasi } from '../../models/realisasi.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { hasQuarterEnded, snapshot } from '../realisasi/common.server'

export const HISTORIS_INTENT = 'historis'

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
  const ind = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.min_value', 'i.max_value', 'rp.opd_id', 'rp.start_year', 'rp.end_year', 'rp.closed'])
    .where('i.id', '=', input.indikator)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!ind || ind.opd_id !== user.opdId) return bad('indikator', 'Indikator tidak ditemukan di Renstra OPD Anda.')
  const { tahun: year, triwulan: quarter, nilai: value } = input
  if (year < ind.start_year || year > ind.end_year) return bad('tahun', `Tahun ${year} di luar periode Renstra ${ind.start_year}–${ind.end_year}.`)
  if (ind.closed) return bad('tahun', 'Periode Renstra ini sudah ditutup.')
  if (!isQuarter(quarter)) return bad('triwulan', 'Pilih triwulan I, II, III atau IV.')
  const settings = await getSettings(db)
  if (!hasQuarterEnded(year, quarter, now(), settings.scoring.timeZone))
    return bad('triwulan', `${quarterLabel(quarter)} ${year} belum berakhir; data historis hanya untuk triwulan yang sudah lewat. Triwulan berjalan diisi lewat Input Realisasi.`)
  if (ind.min_value != null && value < Number(ind.min_value))
    return bad('nilai', `Nilai ${String(value).replace('.', ',')} di bawah batas bawah ${String(Number(ind.min_value)).replace('.', ',')}.`)
  if (ind.max_value != null && value > Number(ind.max_value))
    return bad('nilai', `Nilai ${String(value).replace('.', ',')} di atas batas atas ${String(Number(ind.max_value)).replace('.', ',')}.`)

  const label = `${ind.code} ${quarterLabel(quarter)} ${year}`
  const outcome = await writeTransaction(db, ind.opd_id, async (trx) => {
    const prev = await trx.selectFrom('realisasi').selectAll().where('indicator_id', '=', ind.id).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirst()
    if (prev && prev.is_historical !== 1) return 'entered' as const
    const t = toDbTime(now())
    const content = {
      value,
      tidak_diukur: 0,
      bukti_text: input.bukti || null,
      status: 'diverifikasi' as const,
      is_late: 0,
      is_historical: 1,
      return_note: null,
      entered_by: user.id,
      entered_at: t,
      submitted_by: user.id,
      submitted_at: t,
      verified_by: user.id,
      verified_at: t,
      updated_at: t,
    }
    let id: number
    if (prev) {
      await trx
        .updateTable('realisasi')
        .set({ ...content, version: prev.version + 1 })
        .where('id', '=', prev.id)
        .where('version', '=', prev.version)
        .execute()
      id = prev.id
    } else {
      const res = await trx
        .insertInto('realisasi')
        .values({ ...content, indicator_id: ind.id, year, quarter, bukti_link: null, bukti_internal: 0, kendala: null, tindak_lanjut: null, version: 1, created_at: t })
        .executeTakeFirstOrThrow()
      id = Number(res.insertId)
    }
    const after = await getRealisasi(trx, id)
    await writeAudit(trx, {
      actor: actorOf(user),
      opdId: ind.opd_id,
      entity: 'realisasi',
      entityId: id,
      action: 'historis',
      before: prev ? (snapshot(prev as never) ?? undefined) : undefined,
      after: snapshot(after as never),
      reason: 'Data historis diisi manual',
      requestId,
    })
    return prev ? ('replaced' as const) : ('created' as const)
  })
  if (outcome === 'entered') return bad('triwulan', `${label} sudah punya realisasi yang diisi lewat aplikasi; data historis tidak menimpanya.`)
  return {
    status: 200,
    result: formSuccess(
      `${label} disimpan sebagai data historis (terverifikasi, tidak terlambat)${outcome === 'replaced' ? '; nilai historis sebelumnya diganti' : ''}.`,
      HISTORIS_INTENT,
    ),
  }
}
