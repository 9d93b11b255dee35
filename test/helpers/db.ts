// Every test file gets its own database: a fresh SQLite file, and — when TEST_MYSQL_URL is set
// (CI sets it) — a fresh MariaDB/MySQL database created for the file and dropped afterwards.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createPool } from 'mysql2/promise'
import type { KyselyPlugin } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { createDatabase, setDb, type DB } from '../../db/db.server.js'
import { migrateToLatest } from '../../db/migrate.js'
import { seedDemo } from '../../seeds/demo.js'

export type DbKind = 'sqlite' | 'mysql'

/** The databases this run covers: SQLite always, MySQL/MariaDB when TEST_MYSQL_URL is given. */
export const DB_KINDS: DbKind[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite']

export interface TestDb {
  kind: DbKind
  db: DB
  url: string
  drop: () => Promise<void>
}

export async function createTestDb(kind: DbKind, opts: { migrate?: boolean; seed?: boolean; global?: boolean } = {}): Promise<TestDb> {
  let url: string
  let dropper: () => Promise<void>
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-test-'))
    url = path.join(dir, 'test.sqlite')
    dropper = async () => fs.rmSync(dir, { recursive: true, force: true })
  } else {
    const base = process.env.TEST_MYSQL_URL
    if (!base) throw new Error('TEST_MYSQL_URL is not set')
    const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
    const admin = createPool({ uri: base, connectionLimit: 1 })
    await admin.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
    await admin.end()
    const u = new URL(base)
    u.pathname = `/${name}`
    url = u.toString()
    dropper = async () => {
      const a = createPool({ uri: base, connectionLimit: 1 })
      await a.query(`drop database if exists \`${name}\``)
      await a.end()
    }
  }
  const db = createDatabase(url)
  if (opts.migrate !== false) await migrateToLatest(db)
  if (opts.seed) await seedDemo(db)
  if (opts.global) setDb(db)
  return {
    kind,
    db,
    url,
    drop: async () => {
      if (opts.global) setDb(undefined)
      await db.destroy()
      await dropper()
    },
  }
}

/** Row counts of every table (for idempotency checks). */
export async function tableCounts(db: DB): Promise<Record<string, number>> {
  const tables = ['org_unit', 'app_user', 'renstra_period', 'tujuan', 'sasaran', 'program', 'indicator', 'indicator_target', 'realisasi', 'evaluation_note', 'audit_log'] as const
  const out: Record<string, number> = {}
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    out[t] = Number(r.n)
  }
  return out
}

/** Counts the queries run through `db.withPlugin(counter.plugin)` (one per executed query). */
export function queryCounter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    // called once per executed query (transformQuery also sees subqueries)
    transformResult: async (args) => {
      n++
      return args.result
    },
  }
  return { plugin, count: () => n }
}

/**
 * Removes the demo's budget (seeds/demo-budget.ts): realisasi anggaran, pagu, and the kegiatan and
 * sub kegiatan rows, for a test that builds its own small budget and computes every cell by hand.
 */
export async function clearDemoBudget(db: DB): Promise<void> {
  await db.deleteFrom('realisasi_anggaran').execute()
  await db.deleteFrom('program_pagu').execute()
  await db.deleteFrom('program').where('kind', '=', 'subkegiatan').execute()
  await db.deleteFrom('program').where('kind', '=', 'kegiatan').execute()
}

// ---------------------------------------------------------------------------------------------
// A fresh database for every test (ADR 0027). A describe builds its template once (migrate, seed
// and its own `setup`); every test then starts on exactly the template's rows:
// - SQLite: the template file is copied for each test (a few milliseconds).
// - MariaDB/MySQL: creating ~30 InnoDB tables per test costs seconds, so the describe gets one
//   working database cloned from the template once, and before each test the tables that differ
//   from the template (CHECKSUM TABLE or AUTO_INCREMENT) are emptied and refilled from it —
//   TRUNCATE where the counter moved or a trigger forbids DELETE (audit_log), else DELETE.
// A test therefore never sees another test's writes, and runs alone with `-t` as in the file.

export interface UseTestDbOptions {
  /** Run the migrations on the template (default true). */
  migrate?: boolean
  /** Seed the Dumai demo into the template (default false). */
  seed?: boolean
  /** Make each test's database the app's global one (setDb) during the test (default false). */
  global?: boolean
  /** Runs once on the template after migrate/seed; what it writes is in every test's database. */
  setup?: (db: DB) => Promise<void>
}

/** The database of the running test; `db` and `url` change from test to test. */
export interface LiveTestDb {
  readonly kind: DbKind
  readonly db: DB
  readonly url: string
}

type AdminPool = import('mysql2/promise').Pool
const q = (name: string) => `\`${name.replace(/`/g, '``')}\``

function mysqlAdmin(): AdminPool {
  return createPool({ uri: process.env.TEST_MYSQL_URL!, connectionLimit: 1, multipleStatements: true })
}

interface TableState {
  checksum: string
  autoIncrement: number | null
}

async function tableStates(admin: AdminPool, schema: string, tables: string[]): Promise<Map<string, TableState>> {
  if (!tables.length) return new Map()
  const [sums] = await admin.query<any[]>(`checksum table ${tables.map((t) => `${q(schema)}.${q(t)}`).join(', ')}`)
  const [ais] = await admin.query<any[]>(`select table_name as t, auto_increment as ai from information_schema.tables where table_schema = ?`, [schema])
  const ai = new Map(ais.map((r) => [String(r.t), r.ai == null ? null : Number(r.ai)]))
  const out = new Map<string, TableState>()
  for (const r of sums) {
    const table = String(r.Table).slice(schema.length + 1)
    out.set(table, { checksum: String(r.Checksum), autoIncrement: ai.get(table) ?? null })
  }
  return out
}

/** A working copy of a MariaDB/MySQL template, reset to the template before each test. */
class MysqlWorkingCopy {
  private constructor(
    readonly template: string,
    readonly name: string,
    private readonly admin: AdminPool,
    private readonly tables: string[],
    private readonly triggered: Set<string>,
    private readonly want: Map<string, TableState>,
  ) {}

  static async create(template: string): Promise<MysqlWorkingCopy> {
    const admin = mysqlAdmin()
    const [rows] = await admin.query<any[]>(`select table_name as t from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'`, [template])
    const tables = rows.map((r) => String(r.t)).sort()
    const [trig] = await admin.query<any[]>(`select trigger_name as n, event_object_table as t from information_schema.triggers where trigger_schema = ?`, [template])
    const name = `${template}_w`
    const conn = await admin.getConnection()
    try {
      await conn.query(`create database ${q(name)} character set utf8mb4 collate utf8mb4_unicode_ci`)
      await conn.query(`use ${q(name)}`)
      await conn.query('set foreign_key_checks = 0')
      if (tables.length) {
        await conn.query(tables.map((t) => `create table ${q(t)} like ${q(template)}.${q(t)};`).join('\n'))
        await conn.query(tables.map((t) => `insert into ${q(t)} select * from ${q(template)}.${q(t)};`).join('\n'))
      }
      for (const r of trig) {
        const [[c]] = await conn.query<any[]>(`show create trigger ${q(template)}.${q(r.n)}`)
        // the statement names no schema: run with the copy as the current database
        await conn.query(String(c['SQL Original Statement']).replace(/^CREATE\s+DEFINER=\S+\s+/i, 'CREATE '))
      }
    } finally {
      conn.release()
    }
    const want = await tableStates(admin, template, tables)
    return new MysqlWorkingCopy(template, name, admin, tables, new Set(trig.map((r) => String(r.t))), want)
  }

  /** Brings every table that differs from the template back to the template's rows and counter. */
  async reset(): Promise<string[]> {
    const have = await tableStates(this.admin, this.name, this.tables)
    const dirty = this.tables.filter((t) => {
      const a = have.get(t)!
      const b = this.want.get(t)!
      return a.checksum !== b.checksum || a.autoIncrement !== b.autoIncrement
    })
    if (!dirty.length) return dirty
    const stmts = ['set foreign_key_checks = 0']
    for (const t of dirty) {
      const full = `${q(this.name)}.${q(t)}`
      const moved = have.get(t)!.autoIncrement !== this.want.get(t)!.autoIncrement
      stmts.push(moved || this.triggered.has(t) ? `truncate table ${full}` : `delete from ${full}`)
      stmts.push(`insert into ${full} select * from ${q(this.template)}.${q(t)}`)
    }
    stmts.push('set foreign_key_checks = 1')
    await this.admin.query(stmts.join(';\n'))
    // a template whose counter is past its highest id (rows deleted in setup): set it as well
    const after = await tableStates(this.admin, this.name, dirty)
    for (const t of dirty) {
      const wantAi = this.want.get(t)!.autoIncrement
      if (after.get(t)!.autoIncrement !== wantAi && wantAi != null) await this.admin.query(`alter table ${q(this.name)}.${q(t)} auto_increment = ${wantAi}`)
    }
    return dirty
  }

  async dispose(): Promise<void> {
    await this.admin.query(`drop database if exists ${q(this.name)}; drop database if exists ${q(this.template)}`)
    await this.admin.end()
  }
}

function urlOfDatabase(name: string): string {
  const u = new URL(process.env.TEST_MYSQL_URL!)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * Registers the hooks that give every test of the enclosing describe the template's database and
 * nothing else. Call it where the describe used to declare `let t: TestDb`, before its own hooks:
 * - beforeAll (its own, then the describe's): `t.db` is the template — migrated, seeded, and
 *   whatever the describe's beforeAll writes (accounts, sessions, fixtures) becomes part of it;
 * - beforeEach: the template is closed once, then every test gets a fresh copy of it and a new
 *   Kysely instance (so per-instance read caches start empty); `t.db`/`t.url` point at it.
 * Read `t.db` inside tests and hooks; never keep it from one test to the next.
 */
export function useTestDb(kind: DbKind, opts: UseTestDbOptions = {}): LiveTestDb {
  let building: TestDb | undefined
  let sqliteTemplate: string | undefined
  let mysqlCopy: MysqlWorkingCopy | undefined
  let used = false
  let current: { db: DB; url: string; drop?: () => Promise<void> } | undefined
  beforeAll(async () => {
    building = await createTestDb(kind, { migrate: opts.migrate, seed: opts.seed })
    if (opts.setup) await opts.setup(building.db)
    current = { db: building.db, url: building.url }
    if (opts.global) setDb(building.db)
  })
  beforeEach(async () => {
    if (building) {
      // the template is complete: close it (closing checkpoints SQLite's WAL into the file)
      const tpl = building
      building = undefined
      current = undefined
      if (opts.global) setDb(undefined)
      await tpl.db.destroy()
      if (kind === 'sqlite') sqliteTemplate = tpl.url
      else mysqlCopy = await MysqlWorkingCopy.create(decodeURIComponent(new URL(tpl.url).pathname.slice(1)))
    }
    if (kind === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-test-'))
      const url = path.join(dir, 'test.sqlite')
      fs.copyFileSync(sqliteTemplate!, url)
      current = { db: createDatabase(url), url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
    } else {
      if (used) await mysqlCopy!.reset()
      used = true
      const url = urlOfDatabase(mysqlCopy!.name)
      current = { db: createDatabase(url), url }
    }
    if (opts.global) setDb(current.db)
  })
  afterEach(async () => {
    const c = current
    current = undefined
    if (!c) return
    if (opts.global) setDb(undefined)
    await c.db.destroy()
    await c.drop?.()
  })
  afterAll(async () => {
    if (opts.global) setDb(undefined)
    // no test ran (all filtered out by -t): the template is still open
    if (building) await building.drop()
    if (sqliteTemplate) fs.rmSync(path.dirname(sqliteTemplate), { recursive: true, force: true })
    await mysqlCopy?.dispose()
  })
  return {
    kind,
    get db() {
      if (!current) throw new Error('useTestDb: no database outside a test (read t.db inside it/beforeAll/beforeEach/afterEach)')
      return current.db
    },
    get url() {
      if (!current) throw new Error('useTestDb: no database outside a test')
      return current.url
    },
  }
}
