// One login attempt: counted first, ranked against the limits, then (only then) the password.
import type { Executor } from '../../utils/db.server'
import { fromDbTime, toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { dummyPasswordHash, verifyPassword } from '../../utils/password.server'
import { deleteFailedAttempts, insertLoginAttempt, listAttemptsAfter, markAttemptEvaluated, markAttemptRefused } from '../../models/login-attempts.server'
import { findLoginAccount } from '../../models/users.server'
import { LOGIN_ACCOUNT_WINDOW_MS, LOGIN_WINDOW_MS, limitWait, retryDeadlock } from './login-limits.server'

export type LoginResult = { ok: true; userId: number } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

export async function attemptLogin(db: Executor, usernameRaw: string, password: string, ipRaw: string): Promise<LoginResult> {
  const at = now()
  const result = await judgeAttempt(db, usernameRaw.trim().toLowerCase().slice(0, 60), password, ipRaw.slice(0, 64), at)
  await pruneAfterAttempt(db, at)
  return result
}

async function judgeAttempt(db: Executor, username: string, password: string, ip: string, at: Date): Promise<LoginResult> {
  // Count the attempt first: a row, in flight, before anything else (parallel guesses see it).
  const id = await insertLoginAttempt(db, username, ip, toDbTime(at))
  const user = await findLoginAccount(db, username)
  const wait = await retryDeadlock(() => limitWait(db, id, username, ip, at, fromDbTime(user?.login_cleared_at)))
  if (wait > 0) {
    await markAttemptRefused(db, id)
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) }
  }
  // Same work and same answer for an unknown user, a disabled one and a wrong password.
  const valid = await verifyPassword(password.slice(0, 256), user?.password_hash ?? (await dummyPasswordHash()))
  const ok = !!user && valid && user.active === 1
  await markAttemptEvaluated(db, id, ok)
  return ok ? { ok: true, userId: user!.id } : { ok: false, reason: 'invalid' }
}

/**
 * How long a failed, refused or abandoned attempt is kept: the longest window a limit looks at
 * (after it the row counts for nothing). Successes stay: they make a source trusted for the
 * account (LOGIN_TRUSTED_SOURCE_MS) and give the audit workbook its "masuk terakhir"; there is one
 * per real sign-in, while a flood of guesses writes one row per request.
 */
export const LOGIN_ATTEMPT_KEEP_MS = Math.max(LOGIN_WINDOW_MS, LOGIN_ACCOUNT_WINDOW_MS)
/** Rows one login looks at for pruning: its cost stays the same whatever the table's size. */
export const LOGIN_PRUNE_BATCH = 100
/** Per database: the attempt id up to which old rows are pruned already (ids grow with time). */
const pruneCursor = new WeakMap<object, number>()

/**
 * Deletes the attempts other than successes older than LOGIN_ATTEMPT_KEEP_MS, walking the table in
 * id order from where the previous call stopped, at most `batch` rows a call; answers how many
 * rows it deleted. Every login calls it, so the table holds the window's attempts and the successes.
 */
export async function pruneLoginAttempts(db: Executor, at: Date = now(), batch = LOGIN_PRUNE_BATCH): Promise<number> {
  const cutoff = at.getTime() - LOGIN_ATTEMPT_KEEP_MS
  const from = pruneCursor.get(db) ?? 0
  const rows = await listAttemptsAfter(db, from, batch)
  let cursor = from
  const old: number[] = []
  for (const r of rows) {
    if ((fromDbTime(r.attempted_at)?.getTime() ?? 0) >= cutoff) break // from here on the rows are recent
    cursor = r.id
    if (r.success !== 1) old.push(r.id)
  }
  if (old.length) await deleteFailedAttempts(db, old)
  pruneCursor.set(db, cursor)
  return old.length
}

/** Pruning is housekeeping: a lock conflict with a parallel login skips it (the next login prunes). */
async function pruneAfterAttempt(db: Executor, at: Date): Promise<void> {
  try {
    await pruneLoginAttempts(db, at)
  } catch (e) {
    const code = (e as { code?: string })?.code
    if (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT') throw e
  }
}
