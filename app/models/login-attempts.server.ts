// Login attempts (table login_attempt, ADR 0008), SQL only: an attempt's row and its outcome, the
// counts the login limits rank an attempt against, and the pruning of old rows.
import { sql } from 'kysely'
import { dialectOf, type Executor } from '../utils/db.server'

/** Counts an attempt before its password is checked: a row in flight; returns its id. */
export async function insertLoginAttempt(db: Executor, username: string, ip: string, attemptedAt: string): Promise<number> {
  const inserted = await db.insertInto('login_attempt').values({ username, ip, attempted_at: attemptedAt, success: 0, evaluated: 0, refused: 0 }).executeTakeFirstOrThrow()
  return Number(inserted.insertId)
}

/** The limits answered 429 without checking the password. */
export async function markAttemptRefused(db: Executor, id: number): Promise<void> {
  await db.updateTable('login_attempt').set({ refused: 1 }).where('id', '=', id).execute()
}

/** The password was checked: the attempt's outcome. */
export async function markAttemptEvaluated(db: Executor, id: number, success: boolean): Promise<void> {
  await db
    .updateTable('login_attempt')
    .set({ evaluated: 1, success: success ? 1 : 0 })
    .where('id', '=', id)
    .execute()
}

/** Where each limit starts counting (ISO db times): the (account, IP) pair, the IP, the account. */
export interface LimitWindows {
  pairSince: string
  ipSince: string
  accountSince: string
}

/**
 * The attempts still counting (neither a success nor refused) before attempt `id`, per limit: how
 * many, and the oldest (pair, IP) or latest (account) attempt time (one query). On MariaDB/MySQL a
 * locking read, so earlier inserts still in flight are waited for and seen.
 */
export async function countAttemptsBefore(db: Executor, id: number, username: string, ip: string, w: LimitWindows) {
  const { pairSince, ipSince, accountSince } = w
  const earliest = [pairSince, ipSince, accountSince].sort()[0]!
  const isPair = sql`username = ${username} and ip = ${ip} and attempted_at > ${pairSince}`
  const isIp = sql`ip = ${ip} and attempted_at > ${ipSince}`
  const isAccount = sql`username = ${username} and attempted_at > ${accountSince}`
  let query = db
    .selectFrom('login_attempt')
    .select([
      sql<number>`sum(case when ${isPair} then 1 else 0 end)`.as('pair'),
      sql<string | null>`min(case when ${isPair} then attempted_at end)`.as('pairOldest'),
      sql<number>`sum(case when ${isIp} then 1 else 0 end)`.as('ip'),
      sql<string | null>`min(case when ${isIp} then attempted_at end)`.as('ipOldest'),
      sql<number>`sum(case when ${isAccount} then 1 else 0 end)`.as('account'),
      sql<string | null>`max(case when ${isAccount} then attempted_at end)`.as('accountLast'),
    ])
    .where('id', '<', id)
    .where('success', '=', 0)
    .where('refused', '=', 0)
    .where('attempted_at', '>', earliest)
    .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
  // MariaDB/MySQL: a locking read waits for earlier inserts still in flight, so every row with a
  // smaller id is seen (SQLite writes one at a time: an earlier id is always committed already).
  if (dialectOf(db) === 'mysql') query = query.modifyEnd(sql`lock in share mode`)
  return query.executeTakeFirst()
}

/** Did this source sign in to this account after `since`? */
export async function hasSuccessfulLoginSince(db: Executor, username: string, ip: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_attempt')
    .select('id')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('success', '=', 1)
    .where('attempted_at', '>', since)
    .limit(1)
    .executeTakeFirst()
  return !!row
}

/** The account's failures after `since` (neither a success nor refused). */
export async function countFailedLoginsSince(db: Executor, username: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('success', '=', 0)
    .where('refused', '=', 0)
    .where('attempted_at', '>', since)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Up to `limit` attempts after id `afterId`, in id order (the pruning walk). */
export async function listAttemptsAfter(db: Executor, afterId: number, limit: number) {
  return db.selectFrom('login_attempt').select(['id', 'success', 'attempted_at']).where('id', '>', afterId).orderBy('id').limit(limit).execute()
}

/** Deletes these attempts unless they are successes. */
export async function deleteFailedAttempts(db: Executor, ids: number[]): Promise<void> {
  await db.deleteFrom('login_attempt').where('id', 'in', ids).where('success', '=', 0).execute()
}

/** Each username's latest successful sign-in time. */
export async function lastSuccessfulLogins(db: Executor) {
  return db
    .selectFrom('login_attempt')
    .select(['username', (eb) => eb.fn.max('attempted_at').as('last')])
    .where('success', '=', 1)
    .groupBy('username')
    .execute()
}
