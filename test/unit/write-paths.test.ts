// Every write transaction raises the data version first (db/version.ts), so the read cache
// (app/services/cache.server.ts) never serves a value computed before a committed change.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return /\.(ts|tsx)$/.test(e.name) ? [p] : []
  })
}

describe('write paths', () => {
  it('no code opens a transaction except through writeTransaction (the import dry run wraps one to roll it back)', () => {
    const offenders: string[] = []
    for (const file of [...sources('app'), ...sources('seeds'), ...sources('db')]) {
      const text = fs.readFileSync(file, 'utf8')
      // migrations run once, outside the app, and never touch the read cache's data version
      if (file.includes('db/migrations/')) continue
      const hits = text.split('\n').filter((l) => /\.transaction\(\)/.test(l) && !l.trim().startsWith('*') && !l.trim().startsWith('//'))
      for (const h of hits) offenders.push(`${file}: ${h.trim()}`)
    }
    expect(offenders).toEqual([
      'app/services/excel/import-realisasi.server.ts: await target.transaction().execute(async (trx) => {',
      'db/version.ts: return await (db as DB).transaction().execute(async (plainTrx) => {',
    ])
  })

  it('writeAudit raises the data version before its row (every audited change is a data change)', () => {
    const text = fs.readFileSync('app/services/audit.server.ts', 'utf8')
    const body = text.slice(text.indexOf('export async function writeAudit'))
    const bump = "await bumpDataVersion(db, e.opdId ?? 'city')"
    expect(body.indexOf(bump)).toBeGreaterThan(0)
    expect(body.indexOf(bump)).toBeLessThan(body.indexOf('await insertAuditRow(db,'))
  })
})
