// Login limits (ADR 0008): the counts an attempt is ranked against, and the wait they ask.
import type { Executor } from '../../utils/db.server'
import { countAttemptsBefore, countFailedLoginsSince, hasSuccessfulLoginSince } from '../../models/login-attempts.server'
import { findLoginClearedAt } from '../../models/users.server'
import { fromDbTime, toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'

/**
 * Login limits (ADR 0008). An attempt is a row before its password is checked, and it is ranked
 * among the earlier rows (autoincrement id order) still counting: failures and attempts in flight;
 * successes and refused attempts do not count. The password is checked only when every limit
 * leaves room, so parallel guesses cannot get past a limit. Limits:
 * - per (account, source IP) pair: LOGIN_PAIR_MAX_FAILURES failures in LOGIN_WINDOW_MS → 429;
 * - per source IP, any account (password spraying): LOGIN_IP_MAX_FAILURES in LOGIN_WINDOW_MS → 429;
 * - per account, every source: after LOGIN_ACCOUNT_FREE_FAILURES failures in LOGIN_ACCOUNT_WINDOW_MS,
 *   each further attempt waits 1, 2, 4 … s (at most LOGIN_ACCOUNT_DELAY_CAP_MS) after the previous
 *   one — a slow-down, not a lock. A source that signed in to the account within
 *   LOGIN_TRUSTED_SOURCE_MS is not slowed down by it (its pair limit still holds).
 * An admin's "buka blokir login" (app_user.login_cleared_at) ends the account's and its pairs' counts.
 */
const positiveInt = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : fallback
}
export const LOGIN_WINDOW_MS = 60_000
export const LOGIN_PAIR_MAX_FAILURES = positiveInt('LOGIN_PAIR_MAX_FAILURES', 10)
export const LOGIN_IP_MAX_FAILURES = positiveInt('LOGIN_IP_MAX_FAILURES', 30)
export const LOGIN_ACCOUNT_FREE_FAILURES = positiveInt('LOGIN_ACCOUNT_FREE_FAILURES', 10)
export const LOGIN_ACCOUNT_WINDOW_MS = positiveInt('LOGIN_ACCOUNT_WINDOW_MINUTES', 15) * 60_000
export const LOGIN_ACCOUNT_DELAY_BASE_MS = 1_000
export const LOGIN_ACCOUNT_DELAY_CAP_MS = positiveInt('LOGIN_ACCOUNT_DELAY_CAP_SECONDS', 60) * 1_000
export const LOGIN_TRUSTED_SOURCE_MS = 30 * 24 * 3_600_000

/** The wait the account's delay asks after `failures` counted failures (0 below the free budget). */
export function accountDelayMs(failures: number): number {
  if (failures < LOGIN_ACCOUNT_FREE_FAILURES) return 0
  return Math.min(LOGIN_ACCOUNT_DELAY_CAP_MS, LOGIN_ACCOUNT_DELAY_BASE_MS * 2 ** Math.min(30, failures - LOGIN_ACCOUNT_FREE_FAILURES))
}

export const later = (a: Date, b: Date | null) => (b && b.getTime() > a.getTime() ? b : a)

/** The counts before attempt `id` that the limits look at (one query). */
async function countsBefore(db: Executor, id: number, username: string, ip: string, at: Date, clearedAt: Date | null) {
  const t = at.getTime()
  const row = await countAttemptsBefore(db, id, username, ip, {
    pairSince: toDbTime(later(new Date(t - LOGIN_WINDOW_MS), clearedAt)),
    ipSince: toDbTime(new Date(t - LOGIN_WINDOW_MS)),
    accountSince: toDbTime(later(new Date(t - LOGIN_ACCOUNT_WINDOW_MS), clearedAt)),
  })
  return {
    pair: Number(row?.pair ?? 0),
    pairOldest: fromDbTime(row?.pairOldest),
    ip: Number(row?.ip ?? 0),
    ipOldest: fromDbTime(row?.ipOldest),
    account: Number(row?.account ?? 0),
    accountLast: fromDbTime(row?.accountLast),
  }
}

/** Did this source sign in to this account recently (then the account's delay does not apply)? */
function trustedSource(db: Executor, username: string, ip: string, at: Date): Promise<boolean> {
  return hasSuccessfulLoginSince(db, username, ip, toDbTime(new Date(at.getTime() - LOGIN_TRUSTED_SOURCE_MS)))
}

/** Milliseconds this attempt must wait (0 = check the password now). */
export async function limitWait(db: Executor, id: number, username: string, ip: string, at: Date, clearedAt: Date | null): Promise<number> {
  const c = await countsBefore(db, id, username, ip, at, clearedAt)
  const t = at.getTime()
  const waits: number[] = []
  if (c.pair >= LOGIN_PAIR_MAX_FAILURES) waits.push((c.pairOldest?.getTime() ?? t) + LOGIN_WINDOW_MS - t)
  if (c.ip >= LOGIN_IP_MAX_FAILURES) waits.push((c.ipOldest?.getTime() ?? t) + LOGIN_WINDOW_MS - t)
  const delay = accountDelayMs(c.account)
  if (delay > 0) {
    const wait = (c.accountLast?.getTime() ?? t) + delay - t
    if (wait > 0 && !(await trustedSource(db, username, ip, at))) waits.push(wait)
  }
  return waits.length ? Math.max(1, ...waits) : 0
}

/** MariaDB may pick a locking read as a deadlock victim under a burst: run it again. */
export async function retryDeadlock<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run()
    } catch (e) {
      if (i >= tries || (e as { code?: string })?.code !== 'ER_LOCK_DEADLOCK') throw e
    }
  }
}

/** Failures that count for the account's delay now, with the limits (for the admin's user page). */
export async function recentLoginFailures(db: Executor, username: string) {
  const user = await findLoginClearedAt(db, username)
  const since = toDbTime(later(new Date(now().getTime() - LOGIN_ACCOUNT_WINDOW_MS), fromDbTime(user?.login_cleared_at)))
  return {
    count: await countFailedLoginsSince(db, username, since),
    windowMinutes: LOGIN_ACCOUNT_WINDOW_MS / 60_000,
    free: LOGIN_ACCOUNT_FREE_FAILURES,
    pairMax: LOGIN_PAIR_MAX_FAILURES,
    capSeconds: LOGIN_ACCOUNT_DELAY_CAP_MS / 1000,
  }
}
