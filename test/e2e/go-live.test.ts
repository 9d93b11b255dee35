// Going live from an EMPTY database, in Chromium against the production build (`npx remix build`
// first), on SQLite and — when TEST_MYSQL_URL is set — on MariaDB. No SQL typed by hand: the
// database is only read for assertions.
//   1. `npm run setup` (the CLI, the admin's password on stdin) creates the OPD and its admin;
//   2. the admin downloads the organisation workbook (the Dumai layout), uploads it, saves, and
//      reads the initial passwords of the new users shown once;
//   3. perencanaan adds the Renstra period 2021–2026, imports a T-C.28-shaped workbook (one column
//      renamed, mapped by hand) and a SIPD-shaped workbook (default unit chosen), imports 2021–2025
//      history (indicators and realisasi anggaran) and types the 2026 pagu of one sub kegiatan;
//   4. the kepala bidang IKP enters 2026 TW I with its realisasi anggaran and submits; perencanaan
//      verifies both;
//   5. the E.81 for 2026 TW I has its Rp columns filled (cells read from the downloaded workbook,
//      numbers computed by hand below) and /perlu-perhatian shows no lateness for historical rows.
// Each step builds on the ones before it: a step run alone (`-t`) first runs those (beforeEach).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createDatabase, type DB } from '../../db/db.server.js'
import { HAS_CHROMIUM, ROOT, launchBrowser, startServer, watchProblems, type AppServer, type PageProblems } from './support.js'
import { SERVER_DB_KINDS, createMysqlDatabase, settled, submitForm, type ServerDbKind } from './journey-support.js'
import { buildSipdWorkbook, buildTc28Workbook, sipdPagu } from '../helpers/renstra-sources.js'
import { DEMO_INDICATORS, DEMO_OPD } from '../../seeds/demo-data.js'
import { demoQuarterValues } from '../../seeds/demo.js'

if (!HAS_CHROMIUM) console.warn('Chromium tidak ditemukan di /usr/bin/chromium: uji go-live dilewati.')

const ADMIN = { username: 'admin.dkisp', password: 'Mulai#GoLive2026' }
/** The SIPD row of IKP-01 is the 12th (n = 11): its sub kegiatan and its pagu per year slot. */
const SUB = '2.16.02.2.01.0012'
const N = 11
const SHARES = [0.15, 0.25, 0.25, 0.3]
const PAGU_2026 = 1_300_000_000
const TW1_2026 = 250_000_000

function runSetup(databaseUrl: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'db/cli.ts',
        'setup',
        '--opd-code',
        DEMO_OPD.code,
        '--opd-name',
        DEMO_OPD.name,
        '--opd-short-name',
        DEMO_OPD.short,
        '--city',
        DEMO_OPD.city,
        '--admin-username',
        ADMIN.username,
        '--admin-name',
        'Admin Diskominfotiksan',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    )
    let out = ''
    child.stdout.on('data', (b: Buffer) => (out += b.toString()))
    child.stderr.on('data', (b: Buffer) => (out += b.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code: code ?? -1, out }))
    child.stdin.end(`${ADMIN.password}\n`)
  })
}

/** The 2021–2025 history workbook: every IKU quarter (the demo's invented values) and the sub kegiatan's realisasi anggaran. */
async function historyWorkbook(): Promise<{ file: string; indicatorRows: number; anggaranBefore2026: number }> {
  const wb = new ExcelJS.Workbook()
  const h = wb.addWorksheet('Historis')
  h.addRow(['Kode indikator', 'Tahun', 'Triwulan', 'Nilai', 'Bukti'])
  let indicatorRows = 0
  for (const ind of DEMO_INDICATORS) {
    for (let yi = 0; yi < 5; yi++) {
      demoQuarterValues(ind, yi, 4).forEach((v, q) => {
        if (v == null) return
        h.addRow([ind.code, 2021 + yi, q + 1, v, `${ind.evidence} (contoh)`])
        indicatorRows++
      })
    }
  }
  const a = wb.addWorksheet('Anggaran')
  a.addRow(['Kode program', 'Tahun', 'Triwulan', 'Realisasi anggaran'])
  let anggaranBefore2026 = 0
  for (let k = 1; k <= 5; k++) {
    for (let q = 1; q <= 4; q++) {
      const amount = Math.round(sipdPagu(N, k) * SHARES[q - 1]!)
      a.addRow([SUB, 2020 + k, q, amount])
      anggaranBefore2026 += amount
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'golive-')), 'data-historis.xlsx')
  await wb.xlsx.writeFile(file)
  return { file, indicatorRows, anggaranBefore2026 }
}

async function writeTemp(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'golive-')), name)
  fs.writeFileSync(file, bytes)
  return file
}

/** submitForm with a longer wait, for actions that hash passwords or write many rows on a busy machine. */
async function submitSlow(page: Page, click: () => Promise<void>, pathPrefix: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(pathPrefix), { timeout: 180_000 }),
    click(),
  ])
  await settled(page)
  return response.status()
}

const num = (v: ExcelJS.CellValue): number | null => (typeof v === 'number' ? v : v == null ? null : Number.NaN)

describe.skipIf(!HAS_CHROMIUM)('going live from an empty database (Chromium, production build)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
  })

  describe.each(SERVER_DB_KINDS)('on %s', (kind: ServerDbKind) => {
    let server: AppServer
    let db: DB
    let databaseUrl: string
    let dropMysql: (() => Promise<void>) | null = null
    const contexts: { name: string; context: BrowserContext; problems: PageProblems }[] = []
    const passwords = new Map<string, string>()

    beforeAll(async () => {
      if (kind === 'mysql') {
        const m = await createMysqlDatabase()
        databaseUrl = m.url
        dropMysql = m.drop
      } else {
        databaseUrl = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'golive-db-')), 'golive.sqlite')
      }
    }, 60_000)
    afterAll(async () => {
      for (const c of contexts) await c.context.close().catch(() => undefined)
      await db?.destroy().catch(() => undefined)
      await server?.stop()
      await dropMysql?.()
    })

    async function newPage(name: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', acceptDownloads: true })
      const problems = await watchProblems(context)
      contexts.push({ name, context, problems })
      return context.newPage()
    }
    async function loginAs(page: Page, username: string, password: string) {
      await page.goto(`${server.url}/login`)
      await page.fill('#username', username)
      await page.fill('#password', password)
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')])
      await settled(page)
    }
    const count = async (table: 'org_unit' | 'app_user' | 'indicator' | 'program' | 'program_pagu' | 'realisasi' | 'realisasi_anggaran') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    async function step1() {
      const r = await runSetup(databaseUrl)
      expect(r.code, r.out).toBe(0)
      expect(r.out).toContain(`dan admin ${ADMIN.username} dibuat`)
      expect(r.out).toContain('/admin/organisasi')
      server = await startServer({ env: { DATABASE_URL: databaseUrl, SEED_DEMO: 'false' } })
      db = createDatabase(databaseUrl)
      expect([await count('org_unit'), await count('app_user'), await count('indicator')]).toEqual([1, 1, 0])
    }

    async function step2() {
      const page = await newPage('admin')
      await loginAs(page, ADMIN.username, ADMIN.password)
      await page.goto(`${server.url}/admin/organisasi`)
      await settled(page)
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Unduh templat organisasi dan pengguna/ }).click()])
      const template = await dl.path()
      await page.setInputFiles('#berkas', template!)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Periksa berkas (pratinjau)' }).click(), '/admin/organisasi')).toBe(200)
      const save = page.getByRole('button', { name: /^Simpan \d+ unit dan \d+ pengguna$/ })
      expect(await save.innerText()).toBe('Simpan 21 unit dan 8 pengguna')
      await page.setInputFiles('#berkas', template!)
      // saving hashes eight initial passwords (scrypt, slow on purpose): a longer wait
      expect(await submitSlow(page, () => save.click(), '/admin/organisasi')).toBe(200)
      const rows = page.locator('table:has(caption:text("Kata sandi awal pengguna baru")) tbody tr')
      expect(await rows.count()).toBe(8)
      for (let i = 0; i < 8; i++) passwords.set((await rows.nth(i).locator('td').first().innerText()).trim(), (await rows.nth(i).locator('code').innerText()).trim())
      expect([...passwords.keys()].sort()).toEqual(['auditor', 'kabid.aplikasi', 'kabid.ikp', 'kabid.infra', 'kabid.statistik', 'kadis', 'perencanaan', 'sekretaris'])
      // 1 OPD + 6 units + 15 subbagian/seksi; the admin + 8 users
      expect([await count('org_unit'), await count('app_user')]).toEqual([22, 9])
    }

    async function step3() {
      const page = await newPage('perencanaan')
      await loginAs(page, 'perencanaan', passwords.get('perencanaan')!)
      // the Renstra page's empty state points at the period form
      await page.goto(`${server.url}/renstra/kelola`)
      await settled(page)
      await page.locator('summary', { hasText: 'Tambah periode Renstra' }).click()
      await page.getByLabel('Tahun awal').fill('2021')
      await page.getByLabel('Tahun akhir').fill('2026')
      await Promise.all([page.waitForURL((u) => u.searchParams.get('pesan') === 'periode'), page.getByRole('button', { name: 'Tambah periode' }).click()])

      // T-C.28: "Satuan" is called "Ukuran" in this export; perencanaan maps it by hand
      const tc28 = await writeTemp('tc28.xlsx', await buildTc28Workbook({ renameColumns: { Satuan: 'Ukuran' } }))
      await page.goto(`${server.url}/impor/renstra`)
      await settled(page)
      await page.setInputFiles('#berkas', tc28)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Periksa berkas (pratinjau)' }).click(), '/impor/renstra')).toBe(400)
      expect(await page.locator('.excel-issues').innerText()).toContain('Isian wajib "Satuan" belum dipetakan')
      await page.selectOption('#kolom_satuan', 'Ukuran')
      await page.setInputFiles('#berkas', tc28)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Periksa berkas (pratinjau)' }).click(), '/impor/renstra')).toBe(200)
      await page.setInputFiles('#berkas', tc28)
      expect(await submitSlow(page, () => page.getByRole('button', { name: 'Simpan 22 perubahan' }).click(), '/impor/renstra')).toBe(200)
      expect(await page.locator('.banner-ok').innerText()).toContain('22 indikator baru')
      expect(await count('indicator')).toBe(22)

      // SIPD: no unit column: the programmes go to the default unit chosen on the mapping step (IKP)
      const sipd = await writeTemp('sipd.xlsx', await buildSipdWorkbook())
      await page.setInputFiles('#berkas', sipd)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Periksa berkas (pratinjau)' }).click(), '/impor/renstra')).toBe(200)
      await page.selectOption('#unit_bawaan', 'IKP')
      await page.setInputFiles('#berkas', sipd)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Periksa berkas (pratinjau)' }).click(), '/impor/renstra')).toBe(200)
      await page.setInputFiles('#berkas', sipd)
      expect(await submitSlow(page, () => page.getByRole('button', { name: /^Simpan \d+ perubahan$/ }).click(), '/impor/renstra')).toBe(200)
      // 5 programmes + 5 kegiatan + 22 sub kegiatan; 22 × 5 pagu (2021–2025)
      expect([await count('program'), await count('program_pagu')]).toEqual([32, 110])
      const sub = await db.selectFrom('program as p').innerJoin('org_unit as u', 'u.id', 'p.unit_id').select(['p.id', 'u.code']).where('p.code', '=', SUB).executeTakeFirstOrThrow()
      expect(sub.code).toBe('IKP')

      // history 2021–2025: indicators and the sub kegiatan's realisasi anggaran, one workbook
      const hist = await historyWorkbook()
      await page.goto(`${server.url}/impor/historis`)
      await settled(page)
      await page.setInputFiles('#berkas', hist.file)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Periksa (pratinjau)' }).click(), '/impor/historis')).toBe(200)
      expect(await page.locator('body').innerText()).toContain(`Pratinjau: ${hist.indicatorRows} realisasi indikator dan 20 realisasi anggaran`)
      await page.setInputFiles('#berkas', hist.file)
      expect(await submitSlow(page, () => page.getByRole('button', { name: 'Simpan data historis' }).click(), '/impor/historis')).toBe(200)
      expect(await page.locator('.banner-ok').innerText()).toContain(`${hist.indicatorRows} realisasi indikator dan 20 realisasi anggaran`)
      const stored = await db.selectFrom('realisasi').select(['status', 'is_historical', 'is_late']).execute()
      expect(stored).toHaveLength(hist.indicatorRows)
      expect(stored.every((r) => r.status === 'diverifikasi' && r.is_historical === 1 && r.is_late === 0)).toBe(true)

      // one more past quarter typed by hand (no workbook): IKP-04 is "rilis", its 2025 TW II is empty
      await page.goto(`${server.url}/impor/historis/isi`)
      await settled(page)
      const ikp04 = await db.selectFrom('indicator').select('id').where('code', '=', 'IKP-04').executeTakeFirstOrThrow()
      await page.selectOption('#indikator', String(ikp04.id))
      await page.selectOption('#tahun', '2025')
      await page.selectOption('#triwulan', '2')
      await page.fill('#nilai', 'Baik')
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Simpan data historis' }).click(), '/impor/historis/isi')).toBe(400)
      expect(await page.locator('#nilai-error').innerText()).toContain('"Baik" bukan angka')
      expect(await count('realisasi')).toBe(hist.indicatorRows)
      await page.fill('#nilai', '80,5')
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Simpan data historis' }).click(), '/impor/historis/isi')).toBe(200)
      expect(await page.locator('.banner-ok').innerText()).toContain('IKP-04 Triwulan II 2025 disimpan sebagai data historis')

      // the 2026 pagu (SIPD has five year slots: 2026 is typed)
      await page.goto(`${server.url}/renstra/anggaran?tahun=2026`)
      await settled(page)
      await page.getByLabel(`Pagu ${SUB}`, { exact: true }).fill('1.300.000.000')
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Simpan pagu' }).click(), '/renstra/anggaran')).toBe(200)
      const pagu = await db.selectFrom('program_pagu').select(['year', 'pagu']).where('program_id', '=', sub.id).orderBy('year').execute()
      expect(pagu.map((p) => [p.year, Number(p.pagu)])).toEqual([
        [2021, 1_205_000_000],
        [2022, 1_210_000_000],
        [2023, 1_215_000_000],
        [2024, 1_220_000_000],
        [2025, 1_225_000_000],
        [2026, PAGU_2026],
      ])
      expect(hist.anggaranBefore2026).toBe(5_771_250_000)

      // T-C.28 has no programme column; SIPD matched IKP-01 by name and placed it under its sub kegiatan
      // (E.81 lists the programmes of its indicators): no manual linking step is needed
      const ikp01 = await db.selectFrom('indicator').select('program_id').where('code', '=', 'IKP-01').executeTakeFirstOrThrow()
      expect(ikp01.program_id).toBe(sub.id)
    }

    async function step4() {
      const ids = new Map((await db.selectFrom('indicator').select(['id', 'code']).execute()).map((r) => [r.code, r.id]))
      const sub = await db.selectFrom('program').select('id').where('code', '=', SUB).executeTakeFirstOrThrow()
      const kabid = await newPage('kabid.ikp')
      await loginAs(kabid, 'kabid.ikp', passwords.get('kabid.ikp')!)
      await kabid.goto(`${server.url}/realisasi?tahun=2026&triwulan=1`)
      await settled(kabid)
      await kabid.fill(`#r-${ids.get('IKP-01')}-value`, '90,5')
      await kabid.fill(`#r-${ids.get('IKP-01')}-bukti_text`, 'Rekap publikasi TW I 2026')
      expect(await submitForm(kabid, () => kabid.locator(`button[value="ajukan:${ids.get('IKP-01')}"]`).click(), '/realisasi')).toBe(200)
      await kabid.getByLabel(`Realisasi anggaran ${SUB}`, { exact: true }).fill('250.000.000')
      expect(await submitForm(kabid, () => kabid.getByRole('button', { name: 'Ajukan realisasi anggaran' }).click(), '/realisasi')).toBe(200)
      const ang = await db.selectFrom('realisasi_anggaran').selectAll().where('program_id', '=', sub.id).where('year', '=', 2026).executeTakeFirstOrThrow()
      expect([ang.quarter, Number(ang.amount), ang.status, ang.is_historical]).toEqual([1, TW1_2026, 'diajukan', 0])

      const plan = contexts.find((c) => c.name === 'perencanaan')!.context.pages()[0]!
      await plan.goto(`${server.url}/verifikasi?tahun=2026&triwulan=1`)
      await settled(plan)
      await plan.getByLabel('Pilih IKP-01', { exact: true }).check()
      expect(await submitForm(plan, () => plan.getByRole('button', { name: 'Verifikasi baris yang dipilih' }).click(), '/verifikasi')).toBe(200)
      expect(await submitForm(plan, () => plan.getByRole('button', { name: `Verifikasi anggaran ${SUB}` }).click(), '/verifikasi')).toBe(200)
      const row = await db
        .selectFrom('realisasi')
        .selectAll()
        .where('indicator_id', '=', ids.get('IKP-01')!)
        .where('year', '=', 2026)
        .where('quarter', '=', 1)
        .executeTakeFirstOrThrow()
      expect([Number(row.value), row.status, row.is_historical]).toEqual([90.5, 'diverifikasi', 0])
      expect((await db.selectFrom('realisasi_anggaran').select('status').where('id', '=', ang.id).executeTakeFirstOrThrow()).status).toBe('diverifikasi')
    }

    async function step5() {
      const plan = contexts.find((c) => c.name === 'perencanaan')!.context.pages()[0]!
      const res = await plan.request.get(`${server.url}/laporan/e81.xlsx?tahun=2026&triwulan=1`)
      expect(res.status()).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(await res.body()) as unknown as ArrayBuffer)
      const ws = wb.getWorksheet('E.81')!
      let r = 0
      ws.eachRow((row, n) => {
        if (row.getCell(3).value === SUB) r = n
      })
      expect(r).toBeGreaterThan(9)
      // by hand: pagu 2021–2025 from SIPD = 1.205 + 1.210 + 1.215 + 1.220 + 1.225 = 6.075 M, plus 2026 1,3 M
      const paguAll = 6_075_000_000 + PAGU_2026 // 7.375.000.000
      // realisasi 2021–2025 = 95 % of 6.075 M = 5.771.250.000; 2026 TW I = 250 jt
      const before = 5_771_250_000
      expect(num(ws.getCell(r, 7).value)).toBe(paguAll) // col 5 Rp
      expect(num(ws.getCell(r, 9).value)).toBe(before) // col 6 Rp
      expect(num(ws.getCell(r, 11).value)).toBe(PAGU_2026) // col 7 Rp
      expect(num(ws.getCell(r, 13).value)).toBe(TW1_2026) // col 8 Rp (TW I)
      expect(num(ws.getCell(r, 21).value)).toBe(TW1_2026) // col 12 Rp
      expect(num(ws.getCell(r, 23).value)).toBe(6_021_250_000) // col 13 Rp = 6 + 12
      expect(num(ws.getCell(r, 25).value)!).toBeCloseTo((6_021_250_000 / 7_375_000_000) * 100, 9) // col 14 Rp ≈ 81,64 %

      // no lateness for historical rows: none stored late, none listed late on a past period
      const late = await db.selectFrom('realisasi').select('id').where('is_historical', '=', 1).where('is_late', '=', 1).execute()
      expect(late).toHaveLength(0)
      // /perlu-perhatian on past periods: no row is "entered after the deadline" (lateness of a stored
      // row); what is listed are quarters never reported: the four "rilis" indicators, which have only
      // their TW IV value, for TW I–III
      const lateRows = async (tahun: number, triwulan: number) => {
        await plan.goto(`${server.url}/perlu-perhatian?tahun=${tahun}&triwulan=${triwulan}`)
        await settled(plan)
        return plan
          .locator('section[aria-labelledby="h-indicators"] tbody tr')
          .filter({ hasText: /Terlambat/ })
          .allInnerTexts()
      }
      for (const [tahun, triwulan] of [
        [2025, 4],
        [2023, 2],
      ] as const) {
        const rows = await lateRows(tahun, triwulan)
        expect(
          rows.filter((t) => /setelah batas waktu/.test(t)),
          `${tahun} TW ${triwulan}`,
        ).toEqual([])
        expect(rows.map((t) => t.split(/\s/)[0]).sort()).toEqual(['APL-01', 'IKP-04', 'IKP-09', 'STP-02'])
        expect(rows.every((t) => /belum dilaporkan/.test(t))).toBe(true)
      }
      for (const c of contexts)
        expect(
          c.problems.errors.filter((e) => !/status of 400/.test(e)),
          c.name,
        ).toEqual([])
    }

    /** Each step builds on what the earlier ones did through the app: there is no shorter way to a database gone live. */
    const steps = [step1, step2, step3, step4, step5]
    const started = new Set<number>()
    function run(n: number): Promise<void> {
      started.add(n)
      return steps[n - 1]!()
    }
    // A step run alone (`-t`) first goes through the steps before it, here, with the hook's own
    // time limit; run in order, each step runs once (one that failed is not run again by the next).
    beforeEach(async ({ task }) => {
      const n = Number(/^(\d)\. /.exec(task.name)?.[1])
      expect(n, task.name).toBeGreaterThan(0)
      for (let k = 1; k < n; k++) if (!started.has(k)) await run(k)
    }, 1_080_000)

    it('1. npm run setup creates the OPD and its admin; the server starts on that database without the demo', () => run(1), 240_000)
    it('2. the admin imports the organisation workbook (Dumai layout) and its users; initial passwords shown once', () => run(2), 180_000)
    it('3. perencanaan: Renstra period, T-C.28 with a column mapped by hand, SIPD with its default unit, history 2021–2025, pagu 2026', () => run(3), 420_000)
    it('4. the kepala bidang enters 2026 TW I with realisasi anggaran; perencanaan verifies both', () => run(4), 240_000)
    it('5. E.81 2026 TW I: Rp columns filled (hand-computed); /perlu-perhatian: no lateness on historical periods', () => run(5), 180_000)
  })
})
