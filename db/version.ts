// The data version (table data_version, migrations 0002 and 0012): one row per OPD (id = the OPD's
// org_unit id) and one city-wide row (id 0). Every write to the domain data raises the row of the
// scope it writes, inside the writing transaction. Read caches (app/services/cache.server.ts) key on
// the rows a view depends on: an OPD view on its OPD's row + the city-wide row, a city view on all.
import {
  InsertQueryNode,
  MysqlAdapter,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'
import { dialectOf, type DB, type Executor } from './db.server.js'
import { describeDatabaseError, transactionRetryReason } from './errors.js'

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
 * How often a write transaction is tried in all (the first run plus five re-runs). Writers of one
 * OPD still raise the same data-version row, so concurrent saves of one OPD on two Galera nodes can
 * conflict at certification; the re-runs absorb that.
 */
export const WRITE_ATTEMPTS = 6

export interface WriteRetryOptions {
  /** Tries in all (default WRITE_ATTEMPTS). */
  attempts?: number
  /** Base of the jittered exponential backoff in milliseconds (default 30: ≈ 30, 60, 120, 240, 480 ms, each × 0.5–1.5). */
  baseDelayMs?: number
  /** Told about every re-run (for logs and tests). */
  onRetry?: (info: { attempt: number; reason: 'conflict' | 'lost'; error: unknown; delayMs: number }) => void
}

/** Re-runs are told in the server log (production), where an operator looks for them. */
const log = (line: string) => {
  if (process.env.NODE_ENV === 'production') console.warn(line)
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A transaction that raises the data version of `scope` before anything else it does
 * (`scope`: the OPD it writes, or 'city' for settings and changes that span OPDs).
 *
 * At the outermost level the whole transaction is run again (at most `attempts` times in all,
 * with jittered backoff) when the server rolled it back — deadlock, Galera certification conflict,
 * lock wait timeout, node not ready — or when the connection was lost before COMMIT was sent.
 * That is safe because every write is this one transaction, its checks read inside it and its
 * updates are guarded by row versions: a re-run sees the state as it is now, and the callback has
 * no effects outside the transaction (keep it so: no mutation of outer state it relies on, no
 * mail, no cache). A connection lost during COMMIT is never re-run blindly (the commit may have
 * landed): a row the transaction inserted (its audit row) is looked up on a fresh connection —
 * there: the result is returned as committed; absent: the transaction is run again; no such row
 * or no answer: the error is thrown.
 * Called with a transaction already open, it only raises the version: the owner of the
 * transaction decides.
 */
export async function writeTransaction<T>(db: Executor, scope: WriteScope, fn: (trx: Executor) => Promise<T>, options: WriteRetryOptions = {}): Promise<T> {
  if (db.isTransaction) {
    await bumpDataVersion(db, scope)
    return fn(db)
  }
  const attempts = Math.max(1, options.attempts ?? WRITE_ATTEMPTS)
  const base = options.baseDelayMs ?? 30
  for (let attempt = 1; ; attempt++) {
    let committing = false
    let out: T | undefined
    const inserted = insertTracker()
    try {
      return await (db as DB).transaction().execute(async (plainTrx) => {
        const trx = plainTrx.withPlugin(inserted.plugin)
        await bumpDataVersion(trx, scope)
        out = await fn(trx)
        committing = true
        return out
      })
    } catch (error) {
      let reason = transactionRetryReason(error)
      if (reason === 'lost' && committing) {
        // The connection died while COMMIT was under way: it may have landed. A row the
        // transaction inserted tells: there → it committed (answer as committed), absent → nothing
        // of it was written (run it again), unknown → fail as before.
        const witness = inserted.last()
        const landed = await committedRow(db as DB, witness)
        log(
          `[db] COMMIT terputus (${describeDatabaseError(error)}); ${witness ? `${witness.table} #${witness.id}` : 'tidak ada baris penanda'}: ${landed === true ? 'sudah tersimpan' : landed === false ? 'tidak tersimpan, diulang' : 'tidak dapat dipastikan'}`,
        )
        if (landed === true) return out as T
        if (landed !== false) reason = null
      }
      if (!reason || attempt >= attempts) throw error
      const delayMs = Math.round(base * 2 ** (attempt - 1) * (0.5 + Math.random()))
      log(`[db] transaksi tulis diulang (${reason}: ${describeDatabaseError(error).slice(0, 160)}), percobaan ${attempt + 1} dari ${attempts}`)
      options.onRetry?.({ attempt, reason, error, delayMs })
      await sleep(delayMs)
    }
  }
}

/** Records the (table, id) of every row a transaction inserted with an auto-increment id. */
function insertTracker() {
  const tables = new WeakMap<object, string>()
  const rows: { table: string; id: number }[] = []
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (InsertQueryNode.is(args.node) && args.node.into) tables.set(args.queryId, args.node.into.table.identifier.name)
      return args.node
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const table = tables.get(args.queryId)
      const id = Number(args.result.insertId ?? 0)
      // the data-version upsert is no witness: its insert id is the row's, or a stale one on SQLite
      if (table && table !== 'data_version' && id > 0) rows.push({ table, id })
      return args.result
    },
  }
  // the audit row is the surest witness (every audited write has one); else the last insert
  return { plugin, last: () => [...rows].reverse().find((r) => r.table === 'audit_log') ?? rows.at(-1) }
}

/**
 * Whether a row a transaction inserted is in the database now: true / false, or null when there
 * is no such row to look for or the database cannot be asked. On Galera the read waits until the
 * node answering has applied everything the cluster committed before it (wsrep_sync_wait).
 */
async function committedRow(db: DB, row: { table: string; id: number } | undefined): Promise<boolean | null> {
  if (!row) return null
  const probe = async (syncWait: boolean) => {
    const query = syncWait
      ? sql<{ id: number }>`SET STATEMENT wsrep_sync_wait = 1 FOR SELECT id FROM ${sql.table(row.table)} WHERE id = ${row.id}`
      : sql<{ id: number }>`SELECT id FROM ${sql.table(row.table)} WHERE id = ${row.id}`
    return (await query.execute(db)).rows.length > 0
  }
  for (let i = 0; i < 3; i++) {
    try {
      if (dialectOf(db) !== 'mysql') return await probe(false)
      return await probe(true).catch(async (e: unknown) => {
        // not MariaDB with wsrep (MySQL, or MariaDB built without it): a plain read
        if (/wsrep_sync_wait|SET STATEMENT|syntax/i.test(String((e as Error)?.message))) return probe(false)
        throw e
      })
    } catch {
      await sleep(50 * (i + 1))
    }
  }
  return null
}
