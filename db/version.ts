// The data version (table data_version, migrations 0002 and 0012): one row per OPD (id = the OPD's
// org_unit id) and one city-wide row (id 0). Every write to the domain data raises the row of the
// scope it writes, inside the writing transaction. Read caches (app/services/cache.server.ts) key on
// the rows a view depends on: an OPD view on its OPD's row + the city-wide row, a city view on all.
import { MysqlAdapter, sql } from 'kysely'
import type { DB, Executor } from './db.server.js'

/**
 * What a write changes: one OPD (its org_unit id), or 'city' — settings, and changes that span
 * OPDs (organisation structure, imports across OPDs, seeds). Every OPD view depends on the
 * city-wide row too, so a 'city' write invalidates every cached view.
 */
export type WriteScope = number | 'city'

/** The scope of a write touching these OPDs: the OPD when there is one, else 'city'. */
export function scopeOfOpds(opdIds: Iterable<number | null>): WriteScope {
  const set = new Set(opdIds)
  const [only] = set
  return set.size === 1 && only != null ? only : 'city'
}

/** The data_version row of a scope. */
export const versionRowOf = (scope: WriteScope): number => (scope === 'city' ? 0 : scope)

/** Per transaction: the data_version rows it has raised (writeAudit raises nothing more in them). */
const raisedIn = new WeakMap<object, Set<number>>()

/** Whether `trx` is a writeTransaction that has raised a data version (then writeAudit need not). */
export function hasRaisedVersion(trx: Executor): boolean {
  return (raisedIn.get(trx)?.size ?? 0) > 0
}

/**
 * Raises the data version of `scope`. Call it first in a write transaction: every writer of the
 * same OPD then takes the same row lock first, so they queue instead of deadlocking on MariaDB,
 * and the new version commits together with the data it describes. Writers of different OPDs
 * lock different rows and do not wait for each other. A row that does not exist yet (an OPD
 * created after migration 0012) is created at version 1.
 */
export async function bumpDataVersion(db: Executor, scope: WriteScope = 'city'): Promise<void> {
  const id = versionRowOf(scope)
  // one statement that raises the row or creates it at 1: an UPDATE of a missing row followed by an
  // INSERT takes gap locks on MariaDB, and two first writers of a new OPD would deadlock
  if (db.getExecutor().adapter instanceof MysqlAdapter) {
    await db
      .insertInto('data_version')
      .values({ id, version: 1 })
      .onDuplicateKeyUpdate({ version: sql<number>`version + 1` })
      .execute()
  } else {
    await db
      .insertInto('data_version')
      .values({ id, version: 1 })
      .onConflict((oc) => oc.column('id').doUpdateSet({ version: sql<number>`data_version.version + 1` }))
      .execute()
  }
  let set = raisedIn.get(db)
  if (!set) raisedIn.set(db, (set = new Set()))
  set.add(id)
}

/**
 * The version a view of `opdId` depends on (a decimal string: MariaDB may return BIGINT as text),
 * one query: for an OPD, its row + the city-wide row; for null (a city view), the sum of all rows.
 * Every row only grows, so the sum grows with every write the view depends on and only then.
 */
export async function readDataVersion(db: Executor, opdId: number | null = null): Promise<string> {
  let q = db.selectFrom('data_version').select((eb) => eb.fn.sum<number | string | null>('version').as('v'))
  if (opdId != null) q = q.where('id', 'in', [0, opdId])
  const row = await q.executeTakeFirst()
  return row?.v == null ? '0' : BigInt(String(row.v).replace(/\.0+$/, '')).toString()
}

/**
 * A transaction that raises the data version of `scope` before anything else it does
 * (`scope`: the OPD it writes, or 'city' for settings and changes that span OPDs).
 */
export async function writeTransaction<T>(db: Executor, scope: WriteScope, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await bumpDataVersion(db, scope)
    return fn(db)
  }
  return (db as DB).transaction().execute(async (trx) => {
    await bumpDataVersion(trx, scope)
    return fn(trx)
  })
}
