// Idempotent resend (table submission_key, migration 0007): the first successful result of a form
// submission stored under the random key the browser chose for it. SQL only.
import { toDbTime } from '../../db/time'
import type { Executor } from '../utils/db.server'

/** How long a key is remembered (a resend comes within minutes or hours, not weeks). */
const KEEP_MS = 7 * 24 * 3_600_000

/** The stored first result of this user's key, if any. */
export async function findSubmission<T>(db: Executor, userId: number, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('submission_key').select('result_json').where('user_id', '=', userId).where('submission_key', '=', key).executeTakeFirst()
  return row ? (JSON.parse(row.result_json) as T) : undefined
}

/** Stores the key with its result (call inside the writing transaction); forgets this user's keys older than a week before `at`. */
export async function recordSubmission(db: Executor, userId: number, key: string, result: unknown, at: Date): Promise<void> {
  await db
    .deleteFrom('submission_key')
    .where('user_id', '=', userId)
    .where('created_at', '<', toDbTime(new Date(at.getTime() - KEEP_MS)))
    .execute()
  await db
    .insertInto('submission_key')
    .values({ user_id: userId, submission_key: key, result_json: JSON.stringify(result), created_at: toDbTime(at) })
    .execute()
}
