// Use case: a signed-in user changes his own password. The current password is checked through the
// login rate limiter (a stolen session cannot guess it endlessly); his other sessions end.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { hashPassword } from '../../utils/password.server'
import { attemptLogin, type SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { setPasswordHash } from '../../models/users.server'
import { deleteOtherSessions } from '../../models/sessions.server'
import { checkNewPassword, fail, INVALID, type FieldErrors, type Outcome } from './common.server'

export async function changeOwnPassword(
  db: DB,
  user: SessionUser,
  input: { currentPassword: string; password: string; passwordConfirm: string },
  ip: string,
  requestId: string | null,
): Promise<Outcome> {
  const errors: FieldErrors = {}
  if (!input.currentPassword) errors.currentPassword = 'Isi kata sandi saat ini.'
  checkNewPassword(input.password, input.passwordConfirm, user.username, errors)
  if (!errors.password && input.currentPassword && input.password === input.currentPassword) errors.password = 'Kata sandi baru harus berbeda dari kata sandi saat ini.'
  if (Object.keys(errors).length) return fail(400, INVALID, errors)
  const check = await attemptLogin(db, user.username, input.currentPassword, ip)
  if (!check.ok && check.reason === 'rate_limited') return fail(429, `Terlalu banyak percobaan yang gagal. Coba lagi dalam ${check.retryAfterSeconds} detik.`)
  if (!check.ok || check.userId !== user.id) return fail(400, INVALID, { currentPassword: 'Kata sandi saat ini salah.' })
  const passwordHash = await hashPassword(input.password)
  await writeTransaction(db, user.opdId ?? 'city', async (trx) => {
    const t = await setPasswordHash(trx, user.id, passwordHash)
    await deleteOtherSessions(trx, user.id, user.sessionId)
    await writeAudit(trx, { actor: actorOf(user), opdId: user.opdId, entity: 'user', entityId: user.id, action: 'change_password', after: { password_changed_at: t }, requestId })
  })
  return { ok: true, message: 'Kata sandi Anda diganti. Sesi lain pada perangkat lain telah diakhiri.', value: undefined }
}
