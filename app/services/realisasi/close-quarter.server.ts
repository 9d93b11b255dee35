// Use case: perencanaan closes a quarter of an OPD once it has ended — no more entries (returned
// rows may still be corrected). One closure per (OPD, year, quarter); a concurrent second one is 409.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getSettings } from '../../models/settings.server'
import { insertQuarterClosure, orgUnitKind, quarterClosure } from '../../models/realisasi.server'
import { isQuarter, quarterName } from '../../domain'
import { formatDateTime } from '../../utils/entry-format'
import { assertOpd, hasQuarterEnded } from './common.server'
import type { ClosureResult } from './types'

export async function closeQuarter(db: DB, user: SessionUser, opdId: number, year: number, quarter: number, requestId: string | null): Promise<ClosureResult> {
  assertOpd(user, opdId)
  if (!isQuarter(quarter) || !Number.isInteger(year)) return { ok: false, status: 400, message: 'Triwulan tidak valid.' }
  if (!(await orgUnitKind(db, opdId))) return { ok: false, status: 400, message: 'Perangkat daerah tidak ditemukan.' }
  const settings = await getSettings(db)
  const asOf = now()
  if (!hasQuarterEnded(year, quarter, asOf, settings.scoring.timeZone))
    return { ok: false, status: 400, message: `${quarterName(quarter)} ${year} belum berakhir; triwulan hanya dapat ditutup setelah berakhir.` }
  try {
    return await writeTransaction(db, opdId, async (trx) => {
      const existing = await quarterClosure(trx, opdId, year, quarter)
      if (existing)
        return {
          ok: false as const,
          status: 400 as const,
          message: `${quarterName(quarter)} ${year} sudah ditutup oleh ${existing.closed_by_name ?? 'perencanaan'} pada ${formatDateTime(existing.closed_at, settings.scoring.timeZone)}.`,
        }
      const id = await insertQuarterClosure(trx, { opd_id: opdId, year, quarter, closed_by: user.id, closed_at: toDbTime(asOf) })
      await writeAudit(trx, {
        actor: actorOf(user),
        opdId,
        entity: 'quarter_closure',
        entityId: id,
        action: 'close_quarter',
        after: { id, opd_id: opdId, year, quarter, closed_by: user.id },
        requestId,
      })
      return { ok: true as const, message: `${quarterName(quarter)} ${year} ditutup. Kepala bidang tidak dapat lagi mengisi realisasi triwulan ini.` }
    })
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, status: 409, message: `${quarterName(quarter)} ${year} baru saja ditutup oleh pengguna lain.` }
    throw e
  }
}
