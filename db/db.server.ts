// The one Kysely instance. The dialect follows DATABASE_URL:
//   unset or file:/sqlite: → embedded SQLite (better-sqlite3) in ./data
//   mysql://user:pass@host:port/db → MySQL 8 / MariaDB through a mysql2 pool
//   mysql://user:pass@h1:3306,h2:3306,h3:3306/db → several hosts (a Galera cluster), tried in turn
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, MysqlDialect, SqliteDialect, SqliteDriver, MysqlAdapter, type DatabaseConnection, type SqliteDialectConfig, type Transaction } from 'kysely'
import { createPool, createPoolCluster, type PoolCluster, type PoolConnection } from 'mysql2'
import { isDeadConnection, neverReachedServer } from './errors.js'
import type { Database } from './schema.js'

export type DB = Kysely<Database>
export type Trx = Transaction<Database>
/** Repositories take either the instance or a transaction. */
export type Executor = DB | Trx
export type DialectName = 'sqlite' | 'mysql'

export const DEFAULT_SQLITE_PATH = path.join('data', 'sakip.sqlite')

export function describeUrl(url: string | undefined): { dialect: DialectName; target: string } {
  if (url && /^mysql:\/\//i.test(url)) {
    const { hosts, database } = parseMysqlUrl(url)
    return { dialect: 'mysql', target: `${hosts.map((h) => `${h.host.includes(':') ? `[${h.host}]` : h.host}:${h.port}`).join(',')}/${database}` }
  }
  return { dialect: 'sqlite', target: sqlitePathOf(url) }
}

export interface MysqlUrl {
  /** The hosts in the order given: the first that answers is used, the next ones on failure. */
  hosts: { host: string; port: number }[]
  database: string
  /** One ordinary single-host URL per host (user, password, database and options kept), for mysql2. */
  uris: string[]
}

/**
 * `mysql://user:pass@h1:3306,h2:3307,[::1]:3308/db?opts` → the host list and one single-host URL
 * per host. A URL with one host gives one. Ports default to 3306.
 */
export function parseMysqlUrl(url: string): MysqlUrl {
  const m = /^mysql:\/\/(?:([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/i.exec(url.trim())
  if (!m) throw new Error('DATABASE_URL MySQL tidak dapat dibaca: tulis mysql://pengguna:sandi@host:port[,host2:port2…]/nama_basis_data')
  const [, userinfo, hostList, pathPart = '', query = ''] = m
  const hosts = hostList!.split(',').map((part) => {
    const h = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(part.trim())
    if (!h) throw new Error(`DATABASE_URL: host "${part}" tidak dapat dibaca (tulis host:port, pisahkan beberapa host dengan koma).`)
    return { host: h[1] ?? h[2]!, port: h[3] ? Number(h[3]) : 3306 }
  })
  const database = decodeURIComponent(pathPart.replace(/^\//, ''))
  const auth = userinfo != null ? `${userinfo}@` : ''
  const uris = hosts.map((h) => `mysql://${auth}${h.host.includes(':') ? `[${h.host}]` : h.host}:${h.port}${pathPart}${query}`)
  return { hosts, database, uris }
}

function sqlitePathOf(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_PATH
  if (url === ':memory:' || url === 'sqlite::memory:') return ':memory:'
  return url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '')
}

export function createDatabase(url: string | undefined = process.env.DATABASE_URL): DB {
  const { dialect } = describeUrl(url)
  if (dialect === 'mysql') {
    const options = {
      connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10),
      decimalNumbers: true, // DECIMAL → number, as SQLite gives
      dateStrings: true, // DATETIME → 'YYYY-MM-DD HH:MM:SS.mmm', as stored on SQLite
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
    } as const
    const { uris } = parseMysqlUrl(url!)
    let pool: ConnectionSource
    if (uris.length === 1) {
      pool = createPool({ uri: url!, ...options })
    } else {
      // Several hosts (a Galera cluster): always the first that answers ('ORDER'); a host that
      // refuses a connection is left out for DB_HOST_RETRY_MS and then tried again.
      const cluster = createPoolCluster({
        canRetry: true,
        removeNodeErrorCount: 1,
        restoreNodeTimeout: Number(process.env.DB_HOST_RETRY_MS ?? 5000),
        defaultSelector: 'ORDER',
      })
      uris.forEach((uri, i) => cluster.add(`host${i + 1}`, { uri, ...options }))
      cluster.on('warn', () => undefined) // a refused host: the next one is tried
      pool = clusterSource(cluster, parseMysqlUrl(url!).hosts, Number(process.env.DB_HOST_RETRY_MS ?? 5000))
    }
    return new Kysely<Database>({ dialect: new MysqlDialect({ pool: retryingPool(pool) as never }) })
  }
  const file = sqlitePathOf(url)
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  reusePreparedStatements(sqlite)
  return new Kysely<Database>({ dialect: new EmbeddedSqliteDialect({ database: sqlite }, sqlite) })
}

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR); Kysely's
 * "rollback" then fails with "cannot rollback - no transaction is active" and hides the real cause.
 * This driver rolls back only a transaction that is still open.
 */
class EmbeddedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  readonly #sqlite: SQLite.Database
  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config)
    this.#config = config
    this.#sqlite = sqlite
  }
  override createDriver() {
    const sqlite = this.#sqlite
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await super.rollbackTransaction(connection)
      }
    })(this.#config)
  }
}

type QueryCallback = (err: unknown, result?: unknown, fields?: unknown) => void
const BEGIN = /^\s*(start\s+transaction|begin)\b/i
const END = /^\s*(commit|rollback)\b/i
const READ = /^\s*(select|show|set\s+(session\s+)?transaction|set\s+statement\s+[\w@= ,'.]+\s+for\s+select|start\s+transaction|begin)\b/i

/** A mysql2 pool or pool cluster: where connections come from. */
export interface ConnectionSource {
  getConnection(cb: (err: NodeJS.ErrnoException | null, conn: PoolConnection) => void): void
  end(cb?: (err: NodeJS.ErrnoException | null) => void): void
  /** Told when a host refused a statement as "not ready" (Galera): pass it over for a while. */
  notReady?(raw: PoolConnection): void
}

/**
 * The hosts of a pool cluster, in order, less the ones that answered "node not ready" (a Galera
 * node that is joining, or cut off from the others, accepts connections but refuses statements with
 * ER_UNKNOWN_COM_ERROR 1047): those are passed over for `retryMs`, like a host that refused the
 * connection. The cluster itself still picks the first candidate ('ORDER') and moves on when a
 * connection cannot be made.
 */
function clusterSource(cluster: PoolCluster, hosts: { host: string; port: number }[], retryMs: number): ConnectionSource {
  const ids = hosts.map((_, i) => `host${i + 1}`)
  const idOf = new Map(hosts.map((h, i) => [`${h.host}:${h.port}`, ids[i]!]))
  const notReadyUntil = new Map<string, number>()
  return {
    getConnection(cb) {
      const now = Date.now()
      const ready = ids.filter((id) => (notReadyUntil.get(id) ?? 0) <= now)
      if (ready.length === ids.length || ready.length === 0) return cluster.getConnection('*', 'ORDER', cb)
      // mysql2 takes a RegExp where its typings say string (a glob cannot name a set of hosts)
      cluster.getConnection(new RegExp(`^(${ready.join('|')})$`) as unknown as string, 'ORDER', cb)
    },
    end(cb) {
      cluster.end(cb)
    },
    notReady(raw) {
      const id = idOf.get(`${raw.config.host}:${raw.config.port}`)
      if (id) notReadyUntil.set(id, Date.now() + retryMs)
    },
  }
}

/** ER_UNKNOWN_COM_ERROR 1047: a Galera node not ready refused the statement (it was not run). */
function refusedNotReady(err: unknown): boolean {
  const e = err as { errno?: unknown; code?: unknown } | null
  return !!e && (e.errno === 1047 || e.code === 'ER_UNKNOWN_COM_ERROR')
}

/** Raw connections that already have the session settings (UTC), once per connection. */
const initialised = new WeakSet<object>()

/**
 * A connection from the pool (or from the first host of a cluster that answers), with the session
 * time zone set to UTC the first time this raw connection is handed out.
 */
function acquire(pool: ConnectionSource, cb: (err: unknown, conn?: PoolConnection) => void, tries = 3): void {
  pool.getConnection((err, raw) => {
    if (err) return cb(err)
    if (initialised.has(raw)) return cb(null, raw)
    raw.query("SET time_zone = '+00:00'", (setErr: unknown) => {
      if (setErr) {
        raw.destroy()
        if (refusedNotReady(setErr) && pool.notReady && tries > 1) {
          pool.notReady(raw)
          return acquire(pool, cb, tries - 1)
        }
        return cb(setErr)
      }
      initialised.add(raw)
      cb(null, raw)
    })
  })
}

/**
 * A pooled MySQL connection that is found dead (the server restarted, a firewall dropped it) is
 * replaced once by a fresh one and the statement sent again — when that is safe: outside a
 * transaction (or as the transaction's first statement), and only for a read or for a statement that
 * certainly never reached the server. A write whose fate is unknown is never sent twice.
 */
export function retryingPool(pool: ConnectionSource, maxTries = Number(process.env.DB_POOL_SIZE ?? 10) + 1) {
  return {
    getConnection(cb: (err: unknown, conn?: unknown) => void) {
      acquire(pool, (err, raw) => (err ? cb(err) : cb(null, retryingConnection(pool, raw!, maxTries))))
    },
    end(cb: (err: unknown) => void) {
      pool.end(cb)
    },
  }
}

function retryingConnection(pool: ConnectionSource, first: PoolConnection, maxTries: number) {
  let raw = first
  let inTransaction = false
  const track = (sqlText: string) => {
    if (BEGIN.test(sqlText)) inTransaction = true
    else if (END.test(sqlText)) inTransaction = false
  }
  return {
    query(sqlText: string, params: unknown[], cb?: QueryCallback) {
      if (!cb) return raw.query(sqlText, params) // a streamed query
      raw.query(sqlText, params, (err: unknown, result: unknown, fields: unknown) => {
        // a host not ready refused the statement: leave the host aside, and this connection
        const refused = refusedNotReady(err)
        if (refused) {
          pool.notReady?.(raw)
          raw.destroy()
        }
        const safe = (!inTransaction || BEGIN.test(sqlText)) && (READ.test(sqlText) || neverReachedServer(err) || refused)
        if (!err || !(isDeadConnection(err) || refused) || !safe) {
          if (!err) track(sqlText)
          return cb(err, result, fields)
        }
        // Every idle connection may have died with the same event (a restart): replace the dead
        // ones until a live one answers, at most once per pooled connection plus a fresh one.
        let tries = 0
        const retry = (lastErr: unknown) => {
          raw.destroy()
          if (++tries > maxTries) return cb(lastErr)
          acquire(pool, (again, fresh) => {
            if (again || !fresh) return cb(lastErr)
            raw = fresh
            fresh.query(sqlText, params, (err2: unknown, result2: unknown, fields2: unknown) => {
              const refused2 = refusedNotReady(err2)
              if (refused2) pool.notReady?.(fresh)
              if (err2 && (isDeadConnection(err2) || refused2) && (READ.test(sqlText) || neverReachedServer(err2) || refused2)) return retry(err2)
              if (!err2) track(sqlText)
              cb(err2, result2, fields2)
            })
          })
        }
        retry(err)
      })
    },
    release() {
      inTransaction = false
      raw.release()
    },
  }
}

/**
 * Kysely prepares every query anew; SQLite can reuse a prepared statement for the same SQL text
 * (parameters are bound at each run). A statement still being iterated (a streamed export) is busy,
 * so the same SQL then gets a fresh statement.
 */
function reusePreparedStatements(sqlite: SQLite.Database, max = 500): void {
  const prepare = sqlite.prepare.bind(sqlite)
  const statements = new Map<string, SQLite.Statement>()
  sqlite.prepare = ((source: string) => {
    const hit = statements.get(source)
    if (hit && !hit.busy) return hit
    const statement = prepare(source)
    if (!hit) {
      if (statements.size >= max) statements.delete(statements.keys().next().value!)
      statements.set(source, statement)
    }
    return statement
  }) as typeof sqlite.prepare
}

export function dialectOf(db: Executor): DialectName {
  return db.getExecutor().adapter instanceof MysqlAdapter ? 'mysql' : 'sqlite'
}

let instance: DB | undefined

/** The process-wide instance, created on first use from DATABASE_URL. */
export function getDb(): DB {
  if (!instance) instance = createDatabase()
  return instance
}

/** For tests and the CLI: replace or drop the process-wide instance. */
export function setDb(db: DB | undefined): void {
  instance = db
}
