// Use case: the admin sets a new password; the user's sessions end (he signs in again with it).
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { hashPassword } from '../../utils/password.server'
import { destroyUserSessions, type SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { findUserBrief, setPasswordHash } from '../../models/users.server'
import { deleteOtherSessions } from '../../models/sessions.server'
import { checkNewPassword, fail, INVALID, managesOpd, opdOfAccount, OUTSIDE_OPD, type FieldErrors, type Outcome } from './common.server'

export async function resetPassword(db: DB, actor: SessionUser, userId: number, password: string, passwordConfirm: string, requestId: string | null): Promise<Outcome> {
  const user = await findUserBrief(db, userId)
  if (!user) return fail(404, 'Pengguna tidak ditemukan.')
  const opdId = await opdOfAccount(db, user.unit_id)
  if (!managesOpd(actor, opdId)) return fail(403, OUTSIDE_OPD)
  const errors: FieldErrors = {}
  checkNewPassword(password, passwordConfirm, user.username, errors)
  if (Object.keys(errors).length) return fail(400, INVALID, errors)
  const passwordHash = await hashPassword(password)
  await writeTransaction(db, opdId ?? 'city', async (trx) => {
    const t = await setPasswordHash(trx, userId, passwordHash)
    if (userId !== actor.id) await destroyUserSessions(trx, userId)
    else await deleteOtherSessions(trx, userId, actor.sessionId)
    await writeAudit(trx, {
      actor: actorOf(actor),
      opdId,
      entity: 'user',
      entityId: userId,
      action: 'reset_password',
      after: { password_changed_at: t, sessions_ended: true },
      requestId,
    })
  })
  return { ok: true, message: `Kata sandi ${user.username} diganti; sesi yang sedang berjalan diakhiri.`, value: undefined }
}
