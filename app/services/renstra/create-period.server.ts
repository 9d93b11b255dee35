// Perencanaan adds a Renstra period to an OPD: years checked (at most ten, no overlap with another
// period of the OPD), one transaction with the OPD scope and one audit row.
import type { DB } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getOpd, overlappingPeriods } from '../../models/renstra.server'
import { insertPeriod } from '../../models/renstra-write.server'
import type { FormErrors } from '../../utils/renstra-fields'
import { clean, Refusal, RENSTRA_LIMITS } from './common.server'
import { checkYear, runKelola, type KelolaResult } from './kelola-common.server'

export async function createPeriod(db: DB, user: SessionUser, opdId: number, v: Record<string, string>, requestId: string | null): Promise<KelolaResult> {
  const errors: FormErrors = {}
  const start = checkYear(errors, 'start_year', v.start_year ?? '')
  const end = checkYear(errors, 'end_year', v.end_year ?? '')
  if (start !== null && end !== null) {
    if (end < start) errors.end_year = 'Tahun akhir tidak boleh lebih awal dari tahun awal.'
    else if (end - start + 1 > RENSTRA_LIMITS.maxPeriodYears) errors.end_year = `Satu periode Renstra paling lama ${RENSTRA_LIMITS.maxPeriodYears} tahun.`
  }
  const nameRaw = clean(v.name ?? '')
  if (nameRaw && nameRaw.length > RENSTRA_LIMITS.periodName) errors.name = `Nama paling panjang ${RENSTRA_LIMITS.periodName} karakter.`
  return runKelola(
    db,
    opdId,
    async (trx) => {
      if (!(await getOpd(trx, opdId))) throw new Refusal(404, 'Perangkat daerah tidak ditemukan.', {}, ['Perangkat daerah tidak ditemukan.'])
      const general: string[] = []
      if (start !== null && end !== null && !errors.end_year) {
        for (const p of await overlappingPeriods(trx, opdId, start, end)) {
          general.push(`Tahun ${start}–${end} bertumpang tindih dengan ${p.name} (${p.start_year}–${p.end_year}); satu tahun hanya boleh masuk satu periode Renstra.`)
        }
      }
      if (general.length || Object.keys(errors).length) throw new Refusal(400, general[0] ?? 'Isian periode belum benar.', errors, general)
      const row = { opd_id: opdId, name: nameRaw ?? `Renstra ${start}–${end}`, start_year: start!, end_year: end!, closed: 0, created_at: toDbTime(now()) }
      const id = await insertPeriod(trx, row)
      await writeAudit(trx, { actor: actorOf(user), opdId, entity: 'renstra_period', entityId: id, action: 'create', after: { id, ...row }, requestId })
      return { message: `Periode ${row.name} ditambahkan. Tambahkan tujuan, sasaran dan indikatornya.`, periodId: id }
    },
    'Periode dengan tahun awal ini sudah ada.',
  )
}
