// A user's own reminder settings (/akun): the e-mail address for the daily digest and the opt-out.
// Audited like every change to an account.
import type { DB } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { writeAudit, actorOf } from '../audit.server'
import type { SessionUser } from '../auth.server'
import { getReminderPrefs, setReminderPrefs } from '../../models/notifications.server'

export const EMAIL_MAX = 200

export type PrefsResult = { ok: true; message: string } | { ok: false; message: string; field: 'email' }

export async function saveReminderPrefs(db: DB, user: SessionUser, input: { email: string; notifyEmail: boolean }, requestId: string | null): Promise<PrefsResult> {
  const email = input.email.trim()
  if (email.length > EMAIL_MAX) return { ok: false, field: 'email', message: `Alamat e-mail paling panjang ${EMAIL_MAX} karakter.` }
  if (email && !/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(email))
    return { ok: false, field: 'email', message: 'Alamat e-mail tidak valid (contoh: nama@dumaikota.go.id).' }
  if (input.notifyEmail && !email) return { ok: false, field: 'email', message: 'Isi alamat e-mail untuk menerima ringkasan pengingat, atau matikan pengiriman e-mail.' }
  await writeTransaction(db, scopeOfOpds([user.opdId]), async (trx) => {
    const before = await getReminderPrefs(trx, user.id)
    await setReminderPrefs(trx, user.id, email || null, input.notifyEmail, toDbTime(now()))
    await writeAudit(trx, {
      actor: actorOf(user),
      entity: 'app_user',
      entityId: user.id,
      opdId: user.opdId,
      action: 'reminder_prefs',
      before: { email: before.email, notify_email: before.notifyEmail },
      after: { email: email || null, notify_email: input.notifyEmail },
      requestId,
    })
  })
  return { ok: true, message: input.notifyEmail ? `Ringkasan pengingat harian akan dikirim ke ${email}.` : 'E-mail pengingat dimatikan; pengingat tetap tampil di aplikasi.' }
}
