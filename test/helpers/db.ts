// Every test file gets its own database: a fresh SQLite file, and — when TEST_MYSQL_URL is set
// (CI sets it) — a fresh MariaDB/MySQL database created for the file and dropped afterwards.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createPool } from 'mysql2/promise'
import type { KyselyPlugin } from 'kysely'
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
    const r = await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
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
