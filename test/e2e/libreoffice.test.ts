// The auditors' other spreadsheet program opens every exported workbook: each one converts to
// PDF with `libreoffice --headless --convert-to pdf` (exit 0, a PDF over 1 KB). Skipped, with a
// message, where LibreOffice is not installed (Debian: apt-get install -y libreoffice-calc-nogui).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { setClock } from '../../app/utils/clock.server.js'
import { buildE81Workbook } from '../../app/services/excel/e81.server.js'
import { buildE80Workbook } from '../../app/services/excel/e80.server.js'
import { buildRekapWorkbook } from '../../app/services/excel/rekap.server.js'
import { auditWorkbookBuffer } from '../../app/services/excel/audit-workbook.server.js'
import { buildRealisasiTemplate, buildRenstraTemplate } from '../../app/services/excel/templates.server.js'

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name)
    try {
      fs.accessSync(p, fs.constants.X_OK)
      return p
    } catch {
      /* next */
    }
  }
  return null
}

const libreoffice = findOnPath('libreoffice') ?? findOnPath('soffice')
if (!libreoffice) console.warn('LibreOffice tidak ditemukan di PATH: uji konversi .xlsx → PDF dilewati (Debian: apt-get install -y libreoffice-calc-nogui).')

const ASOF = new Date('2026-11-29T03:00:00Z')

describe.skipIf(!libreoffice)('LibreOffice opens every exported workbook', () => {
  let t: TestDb
  let dir: string
  const files: string[] = []
  beforeAll(async () => {
    t = await createTestDb('sqlite', { seed: true, global: true })
    setClock(() => ASOF)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-lo-'))
    const opd = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()
    const ikp = await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP-DUMAI-IKP').executeTakeFirstOrThrow()
    const period = { kind: 'triwulan', year: 2025, quarter: 4 } as const
    const out: [string, Buffer][] = [
      ['e81.xlsx', (await buildE81Workbook(t.db, { opdId: opd.id, unitId: null, period, asOf: ASOF })).buffer],
      ['e81-bidang.xlsx', (await buildE81Workbook(t.db, { opdId: opd.id, unitId: ikp.id, period: { kind: 'triwulan', year: 2026, quarter: 3 }, asOf: ASOF })).buffer],
      ['e80.xlsx', (await buildE80Workbook(t.db, { opdId: opd.id, unitId: null, period, asOf: ASOF })).buffer],
      ['rekap.xlsx', (await buildRekapWorkbook(t.db, { opdId: opd.id, unitId: null, period, asOf: ASOF })).buffer],
      ['audit.xlsx', await auditWorkbookBuffer(t.db, { opdId: opd.id, unitId: null, asOf: ASOF })],
      ['templat-realisasi.xlsx', (await buildRealisasiTemplate(t.db, { unitId: ikp.id, year: 2026, quarter: 4, asOf: ASOF })).buffer],
      ['templat-renstra.xlsx', (await buildRenstraTemplate(t.db, { opdId: opd.id, year: 2026, asOf: ASOF })).buffer],
    ]
    for (const [name, buf] of out) {
      const p = path.join(dir, name)
      fs.writeFileSync(p, buf)
      files.push(p)
    }
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('converts each workbook to a PDF', () => {
    // A private profile, so a LibreOffice already running elsewhere does not swallow the call.
    const profile = pathToFileURL(path.join(dir, 'profile')).href
    const r = spawnSync(libreoffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      encoding: 'utf8',
      timeout: 110_000,
    })
    expect(r.error, r.stderr).toBeUndefined()
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0)
    for (const f of files) {
      const pdf = f.replace(/\.xlsx$/, '.pdf')
      expect(fs.existsSync(pdf), `${path.basename(pdf)} missing\n${r.stdout}\n${r.stderr}`).toBe(true)
      const bytes = fs.readFileSync(pdf)
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(bytes.length, path.basename(pdf)).toBeGreaterThan(1024)
    }
  })
})
