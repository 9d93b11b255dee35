// Backup and restore as the README says ("Running on a cluster"): mariadb-dump of a seeded demo
// database with --single-transaction --triggers --routines, restored into an empty database →
// the same rows, the same scores in every cell of every period, and the audit trail's triggers
// still refuse UPDATE and DELETE. MariaDB only, when mariadb-dump is installed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPool } from 'mysql2/promise'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type DB } from '../../db/db.server.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { ASPECTS, STRATEGIES, type Period } from '../../app/domain/types.js'
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js'

const hasDump = spawnSync('mariadb-dump', ['--version']).status === 0
const ASOF = new Date('2026-11-29T03:00:00Z')
const DUMP_FLAGS = ['--single-transaction', '--triggers', '--routines']

describe.runIf(!!process.env.TEST_MYSQL_URL && hasDump)('backup with mariadb-dump and restore into an empty database', () => {
  let t: TestDb
  let restoredName: string
  let restored: DB
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-dump-'))

  beforeAll(async () => {
    t = await createTestDb('mysql', { seed: true })
    const u = new URL(t.url)
    const name = u.pathname.slice(1)
    const conn = ['--host', u.hostname, '--port', u.port || '3306', '--user', decodeURIComponent(u.username)]
    const env = { ...process.env, MYSQL_PWD: decodeURIComponent(u.password) }
    // the dump, as the README's command
    const file = path.join(dir, 'sakip.sql')
    const dump = spawnSync('mariadb-dump', [...DUMP_FLAGS, '--default-character-set=utf8mb4', ...conn, name], { env, maxBuffer: 256 * 1024 * 1024 })
    expect(dump.status, dump.stderr?.toString()).toBe(0)
    fs.writeFileSync(file, dump.stdout)
    // an empty database, then the restore
    restoredName = `${name}_r`
    const admin = createPool({ uri: process.env.TEST_MYSQL_URL!, connectionLimit: 1 })
    await admin.query(`create database \`${restoredName}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
    await admin.end()
    const restore = spawnSync('mariadb', ['--default-character-set=utf8mb4', ...conn, restoredName], { env, input: fs.readFileSync(file) })
    expect(restore.status, restore.stderr?.toString()).toBe(0)
    const r = new URL(t.url)
    r.pathname = `/${restoredName}`
    restored = createDatabase(r.toString())
  })
  afterAll(async () => {
    await restored?.destroy()
    const admin = createPool({ uri: process.env.TEST_MYSQL_URL!, connectionLimit: 1 })
    await admin.query(`drop database if exists \`${restoredName}\``)
    await admin.end()
    await t?.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('the README gives exactly these dump flags', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
    const line = readme.split('\n').find((l) => l.trim().startsWith('mariadb-dump '))
    expect(line, 'a mariadb-dump line in the README').toBeDefined()
    for (const f of DUMP_FLAGS) expect(line).toContain(f)
  })

  it('every table has the same number of rows, the data version and the audit trail included', async () => {
    const before = await tableCounts(t.db)
    expect(before.realisasi).toBeGreaterThan(100)
    expect(await tableCounts(restored)).toEqual(before)
    const version = async (db: DB) => String((await db.selectFrom('data_version').select('version').executeTakeFirstOrThrow()).version)
    expect(await version(restored)).toBe(await version(t.db))
  })

  it('the same scores: every cell, aspect, strategy and indicator of every quarter 2021–2026 and its trend', async () => {
    const opds = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').execute()
    expect(opds.length).toBeGreaterThan(0)
    let scored = 0
    for (const { id: opdId } of opds) {
      for (let year = 2021; year <= 2026; year++) {
        for (const quarter of [1, 2, 3, 4] as const) {
          const period: Period = { kind: 'triwulan', year, quarter }
          const a = await scoreScope(t.db, { opdId }, period, ASOF)
          const b = await scoreScope(restored, { opdId }, period, ASOF)
          for (const aspect of ASPECTS)
            for (const strategy of STRATEGIES) {
              expect(b.result.cells[aspect][strategy], `${year} TW ${quarter} ${aspect}×${strategy}`).toEqual(a.result.cells[aspect][strategy])
              if (a.result.cells[aspect][strategy].value != null) scored++
            }
          expect(b.result.overall).toEqual(a.result.overall)
          expect(b.result.byAspect).toEqual(a.result.byAspect)
          expect(b.result.byStrategy).toEqual(a.result.byStrategy)
          expect(b.result.indicators).toEqual(a.result.indicators)
          expect(b.result.flags).toEqual(a.result.flags)
          expect(b.trend).toEqual(a.trend)
        }
      }
    }
    // not a comparison of empty tables: the demo scores hundreds of cells over these periods
    expect(scored).toBeGreaterThan(100)
  })

  it('the audit triggers came along: UPDATE and DELETE on audit_log are still refused, nothing changes', async () => {
    const first = await restored.selectFrom('audit_log').select(['id', 'reason']).orderBy('id').executeTakeFirstOrThrow()
    await expect(sql`update audit_log set reason = 'diubah' where id = ${first.id}`.execute(restored)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log where id = ${first.id}`.execute(restored)).rejects.toThrow(/append-only/)
    const after = await restored.selectFrom('audit_log').select(['id', 'reason']).where('id', '=', first.id).executeTakeFirstOrThrow()
    expect(after).toEqual(first)
    const triggers = (
      await sql<{ n: string }>`select trigger_name as n from information_schema.triggers where trigger_schema = ${restoredName} order by trigger_name`.execute(restored)
    ).rows.map((r) => r.n)
    expect(triggers).toEqual(expect.arrayContaining(['audit_log_no_delete', 'audit_log_no_update']))
  })
})
