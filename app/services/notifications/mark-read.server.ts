// Use case: a user marks his own reminders read, one or all. Only the user's own unread rows change;
// reading is not a change of the performance data, so no audit row and no data version.
import type { DB } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { hasNotification, markRead } from '../../models/notifications.server'
import type { UseCaseOutcome } from '../form-answer.server'
import type { NotificationPageInput } from './forms'

export async function markNotificationsRead(db: DB, userId: number, input: NotificationPageInput): Promise<UseCaseOutcome> {
  const at = toDbTime(now())
  if (input.intent === 'baca-semua') {
    const n = await markRead(db, userId, at)
    return { ok: true, message: n ? `${n} pengingat ditandai sudah dibaca.` : 'Semua pengingat sudah dibaca.' }
  }
  if (await markRead(db, userId, at, [input.id])) return { ok: true, message: 'Pengingat ditandai sudah dibaca.' }
  // read before (a second click, another tab) is fine; another user's reminder and an unknown id
  // look the same: nothing of someone else's is revealed
  if (await hasNotification(db, userId, input.id)) return { ok: true, message: 'Pengingat ini sudah dibaca.' }
  return { ok: false, status: 404, message: 'Pengingat tidak ditemukan.', fieldErrors: {} }
}
