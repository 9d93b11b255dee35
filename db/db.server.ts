// The one Kysely instance. The dialect follows DATABASE_URL:
//   unset or file:/sqlite: → embedded SQLite (better-sqlite3) in ./data
//   mysql://user:pass@host:port/db → MySQL 8 / MariaDB through a mysql2 pool
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, MysqlDialect, SqliteDialect, MysqlAdapter, type Transaction } from 'kysely'
import { createPool } from 'mysql2'
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
    return new Kysely<Database>({ dialect: new MysqlDialect({ pool }) })
  }
  const file = sqlitePathOf(url)
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  reusePreparedStatements(sqlite)
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
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
