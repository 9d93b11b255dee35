// Use case: perencanaan reopens a closed quarter of an OPD, with a reason kept in the audit trail.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { deleteQuarterClosure, quarterClosure } from '../../models/realisasi.server'
import { quarterName } from '../../domain'
import { assertOpd, clean } from './common.server'
import { LIMITS, type ClosureResult } from './types'

export async function reopenQuarter(db: DB, user: SessionUser, opdId: number, year: number, quarter: number, reasonRaw: string, requestId: string | null): Promise<ClosureResult> {
  assertOpd(user, opdId)
  const reason = clean(reasonRaw)
  if (!reason) return { ok: false, status: 400, message: 'Alasan membuka kembali triwulan wajib diisi.' }
  if (reason.length > LIMITS.note) return { ok: false, status: 400, message: `Alasan paling panjang ${LIMITS.note} karakter.` }
  return writeTransaction(db, opdId, async (trx) => {
    const existing = await quarterClosure(trx, opdId, year, quarter)
    if (!existing) return { ok: false as const, status: 409 as const, message: `${quarterName(quarter)} ${year} tidak dalam keadaan ditutup.` }
    if (!(await deleteQuarterClosure(trx, existing.id))) return { ok: false as const, status: 409 as const, message: 'Penutupan triwulan sudah diubah oleh pengguna lain.' }
    await writeAudit(trx, {
      actor: actorOf(user),
      opdId: existing.opd_id,
      entity: 'quarter_closure',
      entityId: existing.id,
      action: 'reopen_quarter',
      before: { id: existing.id, opd_id: existing.opd_id, year, quarter, closed_by: existing.closed_by },
      reason,
      requestId,
    })
    return { ok: true as const, message: `${quarterName(quarter)} ${year} dibuka kembali untuk pengisian.` }
  })
}
