// Migrations on a MariaDB that writes a binary log (as Galera, replication and MySQL 8 by default
// do): the README's owner account, without SUPER, creates the audit triggers when the server runs
// with log_bin_trust_function_creators=1 — and without that setting the CLI says exactly what is
// missing. Runs when TEST_MYSQL_BINLOG_URL names such a server (CI starts one with --log-bin).
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { createPool } from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

async function migrate(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const r = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['db/cli.ts', 'migrate'], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 90_000 })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof err.code === 'number' ? err.code : 1, out: (err.stdout ?? '') + (err.stderr ?? '') }
  }
}

describe.runIf(!!process.env.TEST_MYSQL_BINLOG_URL)('migrations on a binary-logging MariaDB as the non-SUPER owner of the README', () => {
  const base = process.env.TEST_MYSQL_BINLOG_URL!
  const tag = randomBytes(3).toString('hex')
  const owner = `own_${tag}`
  const names = [`b1_${tag}`, `b2_${tag}`]
  let root: Awaited<ReturnType<typeof createPool>>
  const url = (database: string) => {
    const u = new URL(base)
    u.username = owner
    u.password = `sandi-${owner}`
    u.pathname = `/${database}`
    return u.toString()
  }

  beforeAll(async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const grant = /^GRANT (.+) ON sakip\.\* TO 'sakip_owner'@'%';$/m.exec(readme)?.[1]
    expect(grant, "README: the owner's GRANT").toBeDefined()
    root = createPool({ uri: base, connectionLimit: 1 })
    await root.query(`create user '${owner}'@'%' identified by 'sandi-${owner}'`)
    for (const n of names) {
      await root.query(`create database \`${n}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
      await root.query(`grant ${grant} on \`${n}\`.* to '${owner}'@'%'`)
    }
  })
  afterAll(async () => {
    await root?.query('set global log_bin_trust_function_creators = 1')
    for (const n of names) await root?.query(`drop database if exists \`${n}\``)
    await root?.query(`drop user if exists '${owner}'@'%'`)
    await root?.end()
  })

  it('the server logs its writes and the owner has no SUPER', async () => {
    const [[vars]] = (await root.query('select @@log_bin as log_bin')) as unknown as [[{ log_bin: number }]]
    expect(Number(vars.log_bin)).toBe(1)
    const [grants] = (await root.query(`show grants for '${owner}'@'%'`)) as unknown as [Array<Record<string, string>>]
    expect(grants.map((g) => Object.values(g)[0]).join('\n')).not.toMatch(/SUPER/)
  })

  it('with log_bin_trust_function_creators=1 the owner migrates and the audit triggers exist', async () => {
    await root.query('set global log_bin_trust_function_creators = 1')
    const r = await migrate({ DATABASE_URL: url(names[0]!), DATABASE_MIGRATE_URL: '' })
    expect(r.code, r.out).toBe(0)
    const [rows] = (await root.query('select trigger_name from information_schema.triggers where trigger_schema = ? order by trigger_name', [names[0]])) as unknown as [
      Array<{ trigger_name?: string; TRIGGER_NAME?: string }>,
    ]
    const triggers = rows.map((t) => t.trigger_name ?? t.TRIGGER_NAME)
    expect(triggers).toContain('audit_log_no_update')
    expect(triggers).toContain('audit_log_no_delete')
  })

  it('without the setting the migration stops with an Indonesian message naming log_bin_trust_function_creators', async () => {
    await root.query('set global log_bin_trust_function_creators = 0')
    try {
      const r = await migrate({ DATABASE_URL: url(names[1]!), DATABASE_MIGRATE_URL: '' })
      expect(r.code).not.toBe(0)
      expect(r.out).toContain('log_bin_trust_function_creators=1')
      expect(r.out).toContain('binary log')
    } finally {
      await root.query('set global log_bin_trust_function_creators = 1')
    }
  })
})
