// The one Kysely instance. The dialect follows DATABASE_URL:
//   unset or file:/sqlite: → embedded SQLite (better-sqlite3) in ./data
//   mysql://user:pass@host:port/db → MySQL 8 / MariaDB through a mysql2 pool
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, MysqlDialect, SqliteDialect, SqliteDriver, MysqlAdapter, type DatabaseConnection, type SqliteDialectConfig, type Transaction } from 'kysely'
import { createPool, type Pool, type PoolConnection } from 'mysql2'
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
    const u = new URL(url)
    return { dialect: 'mysql', target: `${u.hostname}:${u.port || 3306}${u.pathname}` }
  }
  return { dialect: 'sqlite', target: sqlitePathOf(url) }
}

function sqlitePathOf(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_PATH
  if (url === ':memory:' || url === 'sqlite::memory:') return ':memory:'
  return url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '')
}

export function createDatabase(url: string | undefined = process.env.DATABASE_URL): DB {
  const { dialect } = describeUrl(url)
  if (dialect === 'mysql') {
    const pool = createPool({
      uri: url!,
      connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10),
      decimalNumbers: true, // DECIMAL → number, as SQLite gives
      dateStrings: true, // DATETIME → 'YYYY-MM-DD HH:MM:SS.mmm', as stored on SQLite
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
    })
    pool.on('connection', (conn) => {
      conn.query("SET time_zone = '+00:00'")
    })
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
const READ = /^\s*(select|show|set\s+(session\s+)?transaction|start\s+transaction|begin)\b/i

/**
 * A pooled MySQL connection that is found dead (the server restarted, a firewall dropped it) is
 * replaced once by a fresh one and the statement sent again — when that is safe: outside a
 * transaction (or as the transaction's first statement), and only for a read or for a statement that
 * certainly never reached the server. A write whose fate is unknown is never sent twice.
 */
export function retryingPool(pool: Pool, maxTries = Number(process.env.DB_POOL_SIZE ?? 10) + 1) {
  return {
    getConnection(cb: (err: unknown, conn?: unknown) => void) {
      pool.getConnection((err, raw) => (err ? cb(err) : cb(null, retryingConnection(pool, raw, maxTries))))
    },
    end(cb: (err: unknown) => void) {
      pool.end(cb)
    },
  }
}

function retryingConnection(pool: Pool, first: PoolConnection, maxTries: number) {
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
        const safe = (!inTransaction || BEGIN.test(sqlText)) && (READ.test(sqlText) || neverReachedServer(err))
        if (!err || !isDeadConnection(err) || !safe) {
          if (!err) track(sqlText)
          return cb(err, result, fields)
        }
        // Every idle connection may have died with the same event (a restart): replace the dead
        // ones until a live one answers, at most once per pooled connection plus a fresh one.
        let tries = 0
        const retry = (lastErr: unknown) => {
          raw.destroy()
          if (++tries > maxTries) return cb(lastErr)
          pool.getConnection((again, fresh) => {
            if (again) return cb(lastErr)
            raw = fresh
            fresh.query(sqlText, params, (err2: unknown, result2: unknown, fields2: unknown) => {
              if (err2 && isDeadConnection(err2) && (READ.test(sqlText) || neverReachedServer(err2))) return retry(err2)
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
