// In-app reminders (notification) and e-mail digests (email_digest): SQL only. A notification's
// unique key (user, kind, subject, occurs_on) is its claim: inserting it twice — from two ticks,
// two processes or two servers — leaves one row. A digest is claimed by (user, digest_date).
import type { Executor } from '../utils/db.server'

export interface NewNotification {
  userId: number
  kind: string
  subject: string
  occursOn: string
  opdId: number | null
  title: string
  body: string
  link: string
}

export interface NotificationRow {
  id: number
  kind: string
  subject: string
  occursOn: string
  title: string
  body: string
  link: string
  createdAt: string
  readAt: string | null
}

const NOTIFICATION_COLUMNS = ['id', 'kind', 'subject', 'occurs_on', 'title', 'body', 'link', 'created_at', 'read_at'] as const

function toNotificationRow(r: {
  id: number
  kind: string
  subject: string
  occurs_on: string
  title: string
  body: string
  link: string
  created_at: unknown
  read_at: unknown
}): NotificationRow {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    occursOn: r.occurs_on,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: String(r.created_at),
    readAt: r.read_at == null ? null : String(r.read_at),
  }
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** Inserts the notification unless its key exists; true when this call created it. */
export async function claimNotification(db: Executor, n: NewNotification, at: string): Promise<boolean> {
  const r = await db
    .insertInto('notification')
    .values({
      user_id: n.userId,
      kind: cut(n.kind, 40),
      subject: cut(n.subject, 100),
      occurs_on: n.occursOn,
      opd_id: n.opdId,
      title: cut(n.title, 300),
      body: cut(n.body, 4000),
      link: cut(n.link, 500),
      created_at: at,
      read_at: null,
      digest_id: null,
    })
    .orIgnore()
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
}

/** Keys already claimed among the given ones (for the dry run). */
export async function existingKeys(db: Executor, userIds: number[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set()
  const rows = await db.selectFrom('notification').select(['user_id', 'kind', 'subject', 'occurs_on']).where('user_id', 'in', userIds).execute()
  return new Set(rows.map((r) => `${r.user_id}|${r.kind}|${r.subject}|${r.occurs_on}`))
}

export async function unreadCount(db: Executor, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}

/** Whether the user has a reminder with this id (read or not). */
export async function hasNotification(db: Executor, userId: number, id: number): Promise<boolean> {
  return !!(await db.selectFrom('notification').select('id').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst())
}

export async function listNotifications(db: Executor, userId: number, opts: { onlyUnread?: boolean; limit?: number } = {}): Promise<NotificationRow[]> {
  let q = db.selectFrom('notification').select(NOTIFICATION_COLUMNS).where('user_id', '=', userId)
  if (opts.onlyUnread) q = q.where('read_at', 'is', null)
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 200)
    .execute()
  return rows.map(toNotificationRow)
}

/** Marks the user's notifications read (all, or the given ids); only their own rows. */
export async function markRead(db: Executor, userId: number, at: string, ids?: number[]): Promise<number> {
  let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) {
    if (ids.length === 0) return 0
    q = q.where('id', 'in', ids)
  }
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows)
}

// --- e-mail digests ---------------------------------------------------------

export interface DigestRecipient {
  userId: number
  username: string
  fullName: string
  email: string
}

/** People with unread notifications not yet mailed since `since`, an address, and e-mail on. */
export async function digestCandidates(db: Executor, since: string): Promise<DigestRecipient[]> {
  const rows = await db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['u.id', 'u.username', 'u.full_name', 'u.email'])
    .distinct()
    .where('n.digest_id', 'is', null)
    .where('n.read_at', 'is', null)
    .where('n.created_at', '>=', since)
    .where('u.active', '=', 1)
    .where('u.notify_email', '=', 1)
    .where('u.email', 'is not', null)
    .orderBy('u.id')
    .execute()
  return rows.filter((r) => !!r.email).map((r) => ({ userId: r.id, username: r.username, fullName: r.full_name, email: r.email! }))
}

export async function recipientOf(db: Executor, userId: number): Promise<(DigestRecipient & { notifyEmail: boolean; active: boolean }) | null> {
  const r = await db.selectFrom('app_user').select(['id', 'username', 'full_name', 'email', 'notify_email', 'active']).where('id', '=', userId).executeTakeFirst()
  if (!r) return null
  return { userId: r.id, username: r.username, fullName: r.full_name, email: r.email ?? '', notifyEmail: r.notify_email === 1, active: r.active === 1 }
}

/** The unread, not yet mailed notifications of a user since `since`, oldest first. */
export async function digestItems(db: Executor, userId: number, since: string): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notification')
    .select(NOTIFICATION_COLUMNS)
    .where('user_id', '=', userId)
    .where('digest_id', 'is', null)
    .where('read_at', 'is', null)
    .where('created_at', '>=', since)
    .orderBy('id')
    .execute()
  return rows.map(toNotificationRow)
}

/** Claims today's digest of a user; the id when this call claimed it, null when it exists. */
export async function claimDigest(db: Executor, userId: number, date: string, at: string, leaseUntil: string): Promise<number | null> {
  const r = await db
    .insertInto('email_digest')
    .values({
      user_id: userId,
      digest_date: date,
      status: 'mengirim',
      attempts: 0,
      lease_until: leaseUntil,
      next_attempt_at: null,
      last_error: null,
      item_count: 0,
      created_at: at,
      sent_at: null,
    })
    .orIgnore()
    .executeTakeFirst()
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return null
  const row = await db.selectFrom('email_digest').select('id').where('user_id', '=', userId).where('digest_date', '=', date).executeTakeFirstOrThrow()
  return row.id
}

export interface RetryableDigest {
  id: number
  userId: number
  digestDate: string
  status: 'mengirim' | 'gagal'
  attempts: number
}

/** Failed digests due for another try, and digests whose sender died (lease expired). */
export async function retryableDigests(db: Executor, at: string): Promise<RetryableDigest[]> {
  const rows = await db
    .selectFrom('email_digest')
    .select(['id', 'user_id', 'digest_date', 'status', 'attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'gagal'), eb('next_attempt_at', 'is not', null), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'mengirim'), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('id')
    .limit(200)
    .execute()
  return rows.map((r) => ({ id: r.id, userId: r.user_id, digestDate: r.digest_date, status: r.status as 'mengirim' | 'gagal', attempts: Number(r.attempts) }))
}

/** Takes a retryable digest for this process (one winner among processes). */
export async function reclaimDigest(db: Executor, d: RetryableDigest, at: string, leaseUntil: string): Promise<boolean> {
  let q = db
    .updateTable('email_digest')
    .set({ status: 'mengirim', lease_until: leaseUntil })
    .where('id', '=', d.id)
    .where('status', '=', d.status)
    .where('attempts', '=', d.attempts)
  q = d.status === 'gagal' ? q.where('next_attempt_at', '<=', at) : q.where('lease_until', '<', at)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function markDigestSent(db: Executor, digestId: number, userId: number, itemIds: number[], at: string): Promise<void> {
  await db
    .updateTable('email_digest')
    .set({ status: 'terkirim', sent_at: at, lease_until: null, next_attempt_at: null, last_error: null, item_count: itemIds.length, attempts: (eb) => eb('attempts', '+', 1) })
    .where('id', '=', digestId)
    .execute()
  if (itemIds.length) await db.updateTable('notification').set({ digest_id: digestId }).where('user_id', '=', userId).where('id', 'in', itemIds).execute()
}

export async function markDigestFailed(db: Executor, digestId: number, attempts: number, error: string, nextAttemptAt: string | null): Promise<void> {
  await db
    .updateTable('email_digest')
    .set({ status: 'gagal', attempts, last_error: cut(error, 1000), next_attempt_at: nextAttemptAt, lease_until: null })
    .where('id', '=', digestId)
    .execute()
}

export async function getReminderPrefs(db: Executor, userId: number): Promise<{ email: string | null; notifyEmail: boolean }> {
  const r = await db.selectFrom('app_user').select(['email', 'notify_email']).where('id', '=', userId).executeTakeFirst()
  return { email: r?.email ?? null, notifyEmail: r?.notify_email !== 0 }
}

export async function setReminderPrefs(db: Executor, userId: number, email: string | null, notifyEmail: boolean, at: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ email, notify_email: notifyEmail ? 1 : 0, updated_at: at })
    .where('id', '=', userId)
    .execute()
}
