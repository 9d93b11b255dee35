// Use case: disable an account (every session of it ends at once) or enable it again. Not oneself.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { destroyUserSessions, type SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { findUserBrief, updateUserRow } from '../../models/users.server'
import { fail, managesOpd, opdOfAccount, OUTSIDE_OPD, type Outcome } from './common.server'

export async function setUserActive(db: DB, actor: SessionUser, userId: number, active: boolean, requestId: string | null): Promise<Outcome> {
  if (userId === actor.id && !active) return fail(400, 'Anda tidak dapat menonaktifkan akun Anda sendiri.')
  const user = await findUserBrief(db, userId)
  if (!user) return fail(404, 'Pengguna tidak ditemukan.')
  const opdId = await opdOfAccount(db, user.unit_id)
  if (!managesOpd(actor, opdId)) return fail(403, OUTSIDE_OPD)
  const flag = active ? 1 : 0
  if (user.active === flag) return { ok: true, message: active ? `${user.username} sudah aktif.` : `${user.username} sudah nonaktif.`, value: undefined }
  await writeTransaction(db, opdId ?? 'city', async (trx) => {
    await updateUserRow(trx, userId, { active: flag, updated_at: toDbTime(now()) })
    if (!active) await destroyUserSessions(trx, userId)
    await writeAudit(trx, {
      actor: actorOf(actor),
      opdId,
      entity: 'user',
      entityId: userId,
      action: active ? 'enable' : 'disable',
      before: { active: user.active },
      after: { active: flag },
      requestId,
    })
  })
  return { ok: true, message: active ? `Akun ${user.username} diaktifkan kembali.` : `Akun ${user.username} dinonaktifkan; semua sesinya diakhiri.`, value: undefined }
}
