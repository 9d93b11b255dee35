// The data version (table data_version, migration 0002): raised by every write to the domain
// data, inside the writing transaction. Read caches (app/services/cache.server.ts) key on it.
import { sql } from 'kysely'
import type { DB, Executor } from './db.server.js'

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

/** A transaction that raises the data version before anything else it does. */
export async function writeTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await bumpDataVersion(db)
    return fn(db)
  }
  return (db as DB).transaction().execute(async (trx) => {
    await bumpDataVersion(trx)
    return fn(trx)
  })
}
