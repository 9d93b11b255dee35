// "Buka blokir login" by an admin (ADR 0008): one write use case with its audit row.
import { writeTransaction, type Executor } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { findUserLoginClearance, updateUserRow } from '../../models/users.server'
import { actorOf, writeAudit } from '../audit.server'
import { opdOfUnit } from './opd.server'
import type { SessionUser } from './session.server'

/**
 * "Buka blokir login": attempts so far no longer count for this account (its own delay and its
 * (account, IP) pairs); the rows stay as evidence. One audit row. Per-IP counts are the source's,
 * not the account's, and stay.
 */
export async function clearLoginCounters(db: Executor, actor: SessionUser, userId: number, requestId: string | null): Promise<boolean> {
  return writeTransaction(db, 'city', async (trx) => {
    const before = await findUserLoginClearance(trx, userId)
    if (!before) return false
    const t = toDbTime(now())
    await updateUserRow(trx, userId, { login_cleared_at: t })
    await writeAudit(trx, {
      actor: actorOf(actor),
      opdId: await opdOfUnit(trx, before.unit_id),
      entity: 'user',
      entityId: userId,
      action: 'unlock_login',
      before: { login_cleared_at: before.login_cleared_at ?? null },
      after: { login_cleared_at: t },
      requestId,
    })
    return true
  })
}
