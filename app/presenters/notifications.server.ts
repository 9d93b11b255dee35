// Read model of /notifikasi: the user's reminders, newest first, with read state and where
// they lead; and whether e-mail digests are on for this server and this user.
import type { Executor } from '../utils/db.server'
import { getSettings } from '../models/settings.server'
import { getReminderPrefs, listNotifications } from '../models/notifications.server'
import { formatDateTime } from '../utils/entry-format'
import { REMINDER_LABELS, type ReminderKind } from '../services/reminders/kinds.server'
import { smtpConfigured } from '../services/reminders/mailer.server'

export async function notificationsView(db: Executor, userId: number) {
  const [rows, settings, prefs] = await Promise.all([listNotifications(db, userId), getSettings(db), getReminderPrefs(db, userId)])
  const items = rows.map((n) => ({
    id: n.id,
    kindLabel: REMINDER_LABELS[n.kind as ReminderKind] ?? n.kind,
    title: n.title,
    body: n.body,
    link: n.link.startsWith('/') && !n.link.startsWith('//') ? n.link : '/',
    createdAtText: formatDateTime(n.createdAt, settings.scoring.timeZone),
    read: n.readAt != null,
  }))
  return {
    items,
    unread: items.filter((i) => !i.read).length,
    email: smtpConfigured()
      ? prefs.email && prefs.notifyEmail
        ? `Ringkasan harian dikirim ke ${prefs.email}.`
        : 'E-mail pengingat tidak aktif untuk akun Anda (atur di halaman Akun).'
      : 'Server belum diatur untuk mengirim e-mail (SMTP_URL); pengingat hanya tampil di aplikasi.',
  }
}
