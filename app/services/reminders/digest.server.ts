// The daily e-mail digest of one person: plain Indonesian text plus the same in simple HTML, with
// absolute links back into the app (APP_URL).
import type { NotificationRow } from '../../models/notifications.server'
import { dueDateText } from '../../domain/actions'
import { REMINDER_KINDS, REMINDER_LABELS, type ReminderKind } from './kinds.server'
import type { MailMessage } from './mailer.server'

export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const u = (env.APP_URL ?? '').trim().replace(/\/+$/, '')
  return u || `http://localhost:${env.PORT ?? 3000}`
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const kindOrder = (k: string) => {
  const i = (REMINDER_KINDS as readonly string[]).indexOf(k)
  return i < 0 ? REMINDER_KINDS.length : i
}

export function composeDigest(person: { fullName: string; email: string }, items: NotificationRow[], date: string, base = appUrl()): MailMessage {
  const sorted = [...items].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.id - b.id)
  const subject = `Pengingat ${dueDateText(date)}: ${items.length} hal perlu perhatian`
  const abs = (link: string) => `${base}${link.startsWith('/') ? link : `/${link}`}`
  const groups = new Map<string, NotificationRow[]>()
  for (const n of sorted) {
    const label = REMINDER_LABELS[n.kind as ReminderKind] ?? n.kind
    let g = groups.get(label)
    if (!g) groups.set(label, (g = []))
    g.push(n)
  }
  const text = [
    `Yth. ${person.fullName},`,
    '',
    `Berikut ringkasan pengingat dari Dasbor Kinerja Strategi per ${dueDateText(date)}:`,
    '',
    ...[...groups.entries()].flatMap(([label, list]) => [`${label}:`, ...list.flatMap((n) => [`- ${n.title}`, `  ${n.body}`, `  ${abs(n.link)}`]), '']),
    `Semua pengingat: ${abs('/notifikasi')}`,
    `Berhenti menerima e-mail pengingat: ${abs('/akun#pengingat')}`,
    '',
    'Pesan ini dikirim otomatis, satu kali sehari; mohon tidak membalas.',
  ].join('\n')
  const html = [
    '<!doctype html><html lang="id"><body style="font-family:Arial,sans-serif;font-size:14px;color:#1f2933">',
    `<p>Yth. ${escapeHtml(person.fullName)},</p>`,
    `<p>Berikut ringkasan pengingat dari Dasbor Kinerja Strategi per ${escapeHtml(dueDateText(date))}:</p>`,
    ...[...groups.entries()].map(
      ([label, list]) =>
        `<h3 style="font-size:15px;margin:16px 0 4px">${escapeHtml(label)}</h3><ul>${list
          .map((n) => `<li><a href="${escapeHtml(abs(n.link))}">${escapeHtml(n.title)}</a><br>${escapeHtml(n.body)}</li>`)
          .join('')}</ul>`,
    ),
    `<p><a href="${escapeHtml(abs('/notifikasi'))}">Lihat semua pengingat</a> · <a href="${escapeHtml(abs('/akun#pengingat'))}">Berhenti menerima e-mail pengingat</a></p>`,
    '<p style="color:#52606d;font-size:12px">Pesan ini dikirim otomatis, satu kali sehari; mohon tidak membalas.</p>',
    '</body></html>',
  ].join('')
  return { to: person.email, subject, text, html }
}
