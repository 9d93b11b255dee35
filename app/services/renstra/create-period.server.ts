// Perencanaan adds a Renstra period to an OPD: years checked (at most ten, no overlap with another
// period of the OPD), one transaction with the OPD scope and one audit row.
import type { DB } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getOpd, overlappingPeriods } from '../../models/renstra.server'
import { insertPeriod } from '../../models/renstra-write.server'
import { Refusal } from './common.server'
import { runKelola, type KelolaResult } from './kelola-common.server'
import type { KelolaInputOf } from './kelola-form.server'

/** The years and name come checked by the form's schema (kelola-form.server.ts); overlaps are checked here. */
export async function createPeriod(db: DB, user: SessionUser, opdId: number, input: KelolaInputOf<'periode.tambah'>, requestId: string | null): Promise<KelolaResult> {
  const { start_year: start, end_year: end } = input
  return runKelola(
    db,
    opdId,
    async (trx) => {
      if (!(await getOpd(trx, opdId))) throw new Refusal(404, 'Perangkat daerah tidak ditemukan.', {}, ['Perangkat daerah tidak ditemukan.'])
      const general: string[] = []
      for (const p of await overlappingPeriods(trx, opdId, start, end)) {
        general.push(`Tahun ${start}–${end} bertumpang tindih dengan ${p.name} (${p.start_year}–${p.end_year}); satu tahun hanya boleh masuk satu periode Renstra.`)
      }
      if (general.length) throw new Refusal(400, general[0]!, {}, general)
      const row = { opd_id: opdId, name: input.name || `Renstra ${start}–${end}`, start_year: start, end_year: end, closed: 0, created_at: toDbTime(now()) }
      const id = await insertPeriod(trx, row)
      await writeAudit(trx, { actor: actorOf(user), opdId, entity: 'renstra_period', entityId: id, action: 'create', after: { id, ...row }, requestId })
      return { message: `Periode ${row.name} ditambahkan. Tambahkan tujuan, sasaran dan indikatornya.`, periodId: id }
    },
    'Periode dengan tahun awal ini sudah ada.',
  )
}
