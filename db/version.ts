// The data version (table data_version, migration 0002): raised by every write to the domain
// data, inside the writing transaction. Read caches (app/services/cache.server.ts) key on it.
import { sql } from 'kysely'
import type { DB, Executor } from './db.server.js'
import { transactionRetryReason } from './errors.js'

/**
 * Raises the data version. Call it first in a write transaction: every writer then takes the same
 * row lock first, so writers queue instead of deadlocking on MariaDB, and the new version commits
 * together with the data it describes.
 */
export async function bumpDataVersion(db: Executor): Promise<void> {
  await db
    .updateTable('data_version')
    .set({ version: sql<number>`version + 1` })
    .where('id', '=', 1)
    .execute()
}

/** The current data version (a decimal string: MariaDB may return BIGINT as text). */
export async function readDataVersion(db: Executor): Promise<string> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst()
  return row ? String(row.version) : '0'
}

/** How often a write transaction is tried in all (the first run plus three re-runs). */
export const WRITE_ATTEMPTS = 4

export interface WriteRetryOptions {
  /** Tries in all (default WRITE_ATTEMPTS). */
  attempts?: number
  /** Base of the jittered exponential backoff in milliseconds (default 25: ≈ 25, 50, 100 ms). */
  baseDelayMs?: number
  /** Told about every re-run (for logs and tests). */
  onRetry?: (info: { attempt: number; reason: 'conflict' | 'lost'; error: unknown; delayMs: number }) => void
}

let retryCount = 0
/** How many write transactions were re-run in this process (for the cluster test and logs). */
export function writeRetries(): number {
  return retryCount
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A transaction that raises the data version before anything else it does.
 *
 * At the outermost level the whole transaction is run again (at most `attempts` times in all,
 * with jittered backoff) when the server rolled it back — deadlock, Galera certification conflict,
 * lock wait timeout, node not ready — or when the connection was lost before COMMIT was sent.
 * That is safe because every write is this one transaction, its checks read inside it and its
 * updates are guarded by row versions: a re-run sees the state as it is now, and the callback has
 * no effects outside the transaction (keep it so: no mutation of outer state it relies on, no
 * mail, no cache). A connection lost during COMMIT is never re-run (the commit may have landed).
 * Called with a transaction already open, it only raises the version: the owner of the
 * transaction decides.
 */
export async function writeTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>, options: WriteRetryOptions = {}): Promise<T> {
  if (db.isTransaction) {
    await bumpDataVersion(db)
    return fn(db)
  }
  const attempts = Math.max(1, options.attempts ?? WRITE_ATTEMPTS)
  const base = options.baseDelayMs ?? 25
  for (let attempt = 1; ; attempt++) {
    let committing = false
    try {
      return await (db as DB).transaction().execute(async (trx) => {
        await bumpDataVersion(trx)
        const out = await fn(trx)
        committing = true
        return out
      })
    } catch (error) {
      const reason = transactionRetryReason(error)
      if (!reason || attempt >= attempts || (reason === 'lost' && committing)) throw error
      const delayMs = Math.round(base * 2 ** (attempt - 1) * (0.5 + Math.random()))
      retryCount++
      options.onRetry?.({ attempt, reason, error, delayMs })
      await sleep(delayMs)
    }
  }
}
