// Idempotent resend (table submission_key, migration 0007): a form carries a random key chosen by
// the browser for one submission; the first successful result is stored with the key in the same
// transaction as the write, and a repeated key is answered with that result — nothing is written
// twice when a save is resent after its answer was lost on a bad line.
import { toDbTime } from '../../db/time'
import type { Executor } from '../utils/db.server'
import { now } from '../utils/clock.server'

import { SUBMISSION_KEY_FIELD } from '../utils/entry-fields'

/** How long a key is remembered (a resend comes within minutes or hours, not weeks). */
const KEEP_MS = 7 * 24 * 3_600_000

/** The posted key when it is well-formed (16–64 of A–Z a–z 0–9 _ -), else null (no idempotency). */
export function submissionKeyOf(form: FormData): string | null {
  const v = form.get(SUBMISSION_KEY_FIELD)
  return typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? v : null
}

/** The stored first result of this user's key, if any. */
export async function findSubmission<T>(db: Executor, userId: number, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('submission_key').select('result_json').where('user_id', '=', userId).where('submission_key', '=', key).executeTakeFirst()
  return row ? (JSON.parse(row.result_json) as T) : undefined
}

/** Stores the key with its result (call inside the writing transaction); forgets this user's keys older than a week. */
export async function recordSubmission(db: Executor, userId: number, key: string, result: unknown): Promise<void> {
  const t = now()
  await db.deleteFrom('submission_key').where('user_id', '=', userId).where('created_at', '<', toDbTime(new Date(t.getTime() - KEEP_MS))).execute()
  await db.insertInto('submission_key').values({ user_id: userId, submission_key: key, result_json: JSON.stringify(result), created_at: toDbTime(t) }).execute()
}
