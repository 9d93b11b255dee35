// The least-privilege split of the README, tried on MariaDB: the GRANT statements are read from the
// README itself, migrations run with the owner account (DATABASE_MIGRATE_URL), and the app account
// can do its work but cannot TRUNCATE, DROP or ALTER — nor UPDATE/DELETE the audit trail. On
// SQLite: `migrate:down` refuses without its explicit flag and in production.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { createPool } from 'mysql2/promise'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type DB } from '../../db/db.server.js'
import { migrateToLatest } from '../../db/migrate.js'
import { seedDemo } from '../../seeds/demo.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')

/** The README's GRANT statements for the two accounts, keyed by account (`owner`, `app`). */
function readmeGrants(): Record<'owner' | 'app', string> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const out: Partial<Record<'owner' | 'app', string>> = {}
  for (const m of readme.matchAll(/^GRANT (.+) ON sakip\.\* TO 'sakip_(owner|app)'@'%';$/gm)) out[m[2] as 'owner' | 'app'] = m[1]!
  if (!out.owner || !out.app) throw new Error('README: GRANT lines for sakip_owner and sakip_app not found')
  return out as Record<'owner' | 'app', string>
}

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const r = await run(TSX, ['db/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof err.code === 'number' ? err.code : 1, out: (err.stdout ?? '') + (err.stderr ?? '') }
  }
}

describe.runIf(!!process.env.TEST_MYSQL_URL)('MariaDB: the app account of the README cannot change the schema or the audit trail', () => {
  const base = process.env.TEST_MYSQL_URL!
  const tag = randomBytes(3).toString('hex')
  const name = `p_${Date.now().toString(36)}_${tag}`
  const owner = `own_${tag}`
  const appUser = `app_${tag}`
  const cliName = `${name}_cli`
  const url = (user: string, database = name) => {
    const u = new URL(base)
    u.username = user
    u.password = `sandi-${user}-panjang`
    u.pathname = `/${database}`
    return u.toString()
  }
  let root: Awaited<ReturnType<typeof createPool>>
  let appDb: DB

  beforeAll(async () => {
    const grants = readmeGrants()
    root = createPool({ uri: base, connectionLimit: 1 })
    for (const db of [name, cliName]) await root.query(`create database \`${db}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
    for (const [who, user] of [
      ['owner', owner],
      ['app', appUser],
    ] as const) {
      await root.query(`create user '${user}'@'%' identified by 'sandi-${user}-panjang'`)
      for (const db of [name, cliName]) await root.query(`grant ${grants[who]} on \`${db}\`.* to '${user}'@'%'`)
    }
    // the demo, migrated and loaded by the owner, gives the app account real rows to work on
    const ownerDb = createDatabase(url(owner))
    await migrateToLatest(ownerDb)
    await seedDemo(ownerDb)
    await ownerDb.destroy()
    appDb = createDatabase(url(appUser))
  })
  afterAll(async () => {
    await appDb?.destroy().catch(() => undefined)
    for (const db of [name, cliName]) await root?.query(`drop database if exists \`${db}\``)
    for (const user of [owner, appUser]) await root?.query(`drop user if exists '${user}'@'%'`)
    await root?.end()
  })

  it('the app account alone cannot migrate (a hint names DATABASE_MIGRATE_URL); with the owner account it can', async () => {
    const refused = await cli(['migrate'], { DATABASE_URL: url(appUser, cliName), DATABASE_MIGRATE_URL: '' })
    expect(refused.code).not.toBe(0)
    expect(refused.out).toContain('DATABASE_MIGRATE_URL')
    const done = await cli(['migrate'], { DATABASE_URL: url(appUser, cliName), DATABASE_MIGRATE_URL: url(owner, cliName) })
    expect(done.code, done.out).toBe(0)
    expect(done.out).toMatch(/Migrasi \(mysql[^)]*\): Up 0001_init/i)
  })

  it('the app account works (reads, writes, the no-op migration check at start) but cannot TRUNCATE, DROP, ALTER or CREATE', async () => {
    expect(await migrateToLatest(appDb)).toEqual([]) // what `npm start` does with the app account
    const before = Number(
      (
        await appDb
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(before).toBeGreaterThan(0)
    await appDb
      .insertInto('audit_log')
      .values({
        occurred_at: '2026-12-01 00:00:00.000',
        actor_id: null,
        actor_username: 'uji',
        actor_role: null,
        entity: 'uji',
        entity_id: '1',
        action: 'create',
        reason: null,
        before_json: null,
        after_json: null,
        request_id: null,
      })
      .execute()
    const refusals: Array<[string, RegExp]> = [
      ['truncate table audit_log', /denied/i],
      ['drop table audit_log', /denied/i],
      ['alter table audit_log add column x int', /denied/i],
      ['create table t_x (id int)', /denied/i],
      ['drop trigger audit_log_no_delete', /denied|SUPER|privilege/i],
      ['delete from audit_log', /append-only/],
      ['update audit_log set reason = null', /append-only/],
    ]
    for (const [statement, why] of refusals) {
      await expect(sql.raw(statement).execute(appDb), statement).rejects.toThrow(why)
    }
    const after = Number(
      (
        await appDb
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(after).toBe(before + 1)
  })
})

describe('migrate:down drops every table only on purpose', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-down-'))
  const file = path.join(dir, 'down.sqlite')
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  async function tableCount(): Promise<number> {
    const db = createDatabase(file)
    const r = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
    await db.destroy()
    return Number(r.rows[0]!.n)
  }

  it('without --hapus-semua-data it refuses and drops nothing; in production it refuses even with it; with it (not production) it drops', async () => {
    const db = createDatabase(file)
    await migrateToLatest(db)
    await db.destroy()
    const tables = await tableCount()
    expect(tables).toBeGreaterThan(10)

    const plain = await cli(['migrate:down'], { DATABASE_URL: file, NODE_ENV: 'development' })
    expect(plain.code).toBe(1)
    expect(plain.out).toContain('--hapus-semua-data')
    expect(await tableCount()).toBe(tables)

    const prod = await cli(['migrate:down', '--hapus-semua-data'], { DATABASE_URL: file, NODE_ENV: 'production' })
    expect(prod.code).toBe(1)
    expect(prod.out).toContain('NODE_ENV=production')
    expect(await tableCount()).toBe(tables)

    const meant = await cli(['migrate:down', '--hapus-semua-data'], { DATABASE_URL: file, NODE_ENV: 'development' })
    expect(meant.code, meant.out).toBe(0)
    expect(await tableCount()).toBe(2) // only Kysely's own bookkeeping tables remain
  })
})
