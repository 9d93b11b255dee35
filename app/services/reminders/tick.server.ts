// One reminder tick: collect what is due at `asOf`, claim each reminder by inserting its row
// (the unique key makes a second process's insert a no-op), then — with a mailer, after the digest
// hour — claim and send one digest per person per day. Nothing here holds a transaction while
// sending, and a failed send is recorded and retried on a later tick.
import type { Executor } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { getSettings } from '../../models/settings.server'
import { listOpdIds } from '../../models/organisation.server'
import { listActiveUsersWithUnitChain } from '../../models/users.server'
import {
  claimDigest,
  claimNotification,
  digestCandidates,
  digestItems,
  existingKeys,
  markDigestFailed,
  markDigestSent,
  reclaimDigest,
  recipientOf,
  retryableDigests,
  type DigestRecipient,
} from '../../models/notifications.server'
import { calendarDateIn, isoDate } from '../../domain/periods'
import { hourIn } from '../../domain/dates'
import { REMINDER_KINDS, REMINDERS, REMINDER_LABELS, type CollectContext, type Person, type Reminder } from './kinds.server'
import { composeDigest, appUrl } from './digest.server'
import type { Mailer } from './mailer.server'

/** Local hour from which the day's digest goes out (so it is not sent at one past midnight). */
export const DIGEST_HOUR = Number(process.env.REMINDER_DIGEST_HOUR ?? 7)
/** How long a claimed digest may stay "mengirim" before another process may take it over. */
const LEASE_MS = 10 * 60_000
/** Retry delays after the 1st, 2nd, … failure; after the last one the digest stays failed. */
const RETRY_DELAYS_MIN = [5, 15, 60, 180, 360, 720]
/** Only notifications of the last days go into a digest. */
const DIGEST_WINDOW_DAYS = 7

export interface TickOptions {
  asOf: Date
  mailer?: Mailer | null
  dryRun?: boolean
  baseUrl?: string
}

export interface TickReport {
  today: string
  collected: number
  claimed: number
  digestsSent: number
  digestsFailed: number
  /** Dry run: one line per person. */
  lines: string[]
}

async function loadPeople(db: Executor): Promise<{ opdIds: number[]; people: Person[] }> {
  const opdIds = await listOpdIds(db)
  const rows = await listActiveUsersWithUnitChain(db)
  const people: Person[] = []
  for (const r of rows) {
    const opdId = r.o_kind === 'opd' ? r.o_id : r.p_kind === 'opd' ? r.p_id : r.g_kind === 'opd' ? r.g_id : null
    if (opdId == null) continue
    people.push({ id: r.id, username: r.username, fullName: r.full_name, role: r.role, unitId: r.unit_id, opdId })
  }
  return { opdIds, people }
}

export async function collectReminders(db: Executor, asOf: Date): Promise<{ ctx: CollectContext; reminders: Reminder[] }> {
  const settings = (await getSettings(db)).scoring
  const { opdIds, people } = await loadPeople(db)
  const ctx: CollectContext = { db, asOf, today: isoDate(calendarDateIn(asOf, settings.timeZone)), settings, opdIds, people }
  const reminders: Reminder[] = []
  for (const kind of REMINDER_KINDS) reminders.push(...(await REMINDERS[kind].collect(ctx)))
  return { ctx, reminders }
}

export async function runReminderTick(db: Executor, opts: TickOptions): Promise<TickReport> {
  const { ctx, reminders } = await collectReminders(db, opts.asOf)
  const report: TickReport = { today: ctx.today, collected: reminders.length, claimed: 0, digestsSent: 0, digestsFailed: 0, lines: [] }
  if (opts.dryRun) {
    report.lines = await dryRunLines(db, ctx, reminders, opts.mailer ?? null)
    return report
  }
  const at = toDbTime(opts.asOf)
  for (const r of reminders) if (await claimNotification(db, r, at)) report.claimed++
  if (opts.mailer) {
    const localHour = hourIn(opts.asOf, ctx.settings.timeZone)
    const sent = await sendDigests(db, opts.mailer, opts.asOf, ctx.today, localHour >= DIGEST_HOUR, opts.baseUrl ?? appUrl())
    report.digestsSent = sent.sent
    report.digestsFailed = sent.failed
  }
  return report
}

async function sendDigests(db: Executor, mailer: Mailer, asOf: Date, today: string, newOnes: boolean, base: string): Promise<{ sent: number; failed: number }> {
  const at = toDbTime(asOf)
  const lease = toDbTime(new Date(asOf.getTime() + LEASE_MS))
  const since = toDbTime(new Date(asOf.getTime() - DIGEST_WINDOW_DAYS * 86_400_000))
  const result = { sent: 0, failed: 0 }
  // retries first: failed digests whose time has come, and digests whose sender died
  for (const d of await retryableDigests(db, at)) {
    if (!(await reclaimDigest(db, d, at, lease))) continue
    const person = await recipientOf(db, d.userId)
    if (!person || !person.active || !person.notifyEmail || !person.email) {
      await markDigestSent(db, d.id, d.userId, [], at)
      continue
    }
    await deliver(db, mailer, d.id, d.attempts, person, d.digestDate, since, asOf, base, result)
  }
  if (!newOnes) return result
  for (const person of await digestCandidates(db, since)) {
    const id = await claimDigest(db, person.userId, today, at, lease)
    if (id == null) continue // today's digest of this person is already claimed (here or elsewhere)
    await deliver(db, mailer, id, 0, person, today, since, asOf, base, result)
  }
  return result
}

async function deliver(
  db: Executor,
  mailer: Mailer,
  digestId: number,
  attempts: number,
  person: DigestRecipient,
  date: string,
  since: string,
  asOf: Date,
  base: string,
  result: { sent: number; failed: number },
) {
  const items = await digestItems(db, person.userId, since)
  const at = toDbTime(asOf)
  if (items.length === 0) {
    await markDigestSent(db, digestId, person.userId, [], at)
    return
  }
  try {
    await mailer.send(composeDigest(person, items, date, base))
  } catch (e) {
    const n = attempts + 1
    const delay = RETRY_DELAYS_MIN[n - 1]
    await markDigestFailed(db, digestId, n, e instanceof Error ? e.message : String(e), delay == null ? null : toDbTime(new Date(asOf.getTime() + delay * 60_000)))
    console.error(`[pengingat] e-mail ke ${person.username} gagal (percobaan ${n}): ${e instanceof Error ? e.message : String(e)}`)
    result.failed++
    return
  }
  await markDigestSent(
    db,
    digestId,
    person.userId,
    items.map((i) => i.id),
    at,
  )
  result.sent++
}

async function dryRunLines(db: Executor, ctx: CollectContext, reminders: Reminder[], mailer: Mailer | null): Promise<string[]> {
  const byUser = new Map<number, Reminder[]>()
  const known = await existingKeys(db, [...new Set(reminders.map((r) => r.userId))])
  for (const r of reminders) {
    if (known.has(`${r.userId}|${r.kind}|${r.subject}|${r.occursOn}`)) continue
    let list = byUser.get(r.userId)
    if (!list) byUser.set(r.userId, (list = []))
    list.push(r)
  }
  const lines: string[] = []
  for (const p of ctx.people) {
    const list = byUser.get(p.id)
    if (!list) continue
    const prefs = await recipientOf(db, p.id)
    const channel = mailer && prefs?.email && prefs.notifyEmail ? `aplikasi + e-mail ${prefs.email}` : 'aplikasi saja'
    lines.push(`${p.username} (${p.fullName}) [${channel}]: ${list.length} pengingat — ${list.map((r) => `${REMINDER_LABELS[r.kind]}: ${r.title}`).join('; ')}`)
  }
  return lines
}
