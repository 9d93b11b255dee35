// End-to-end journeys in Debian's Chromium against the production build (`npx remix build`
// first; these tests never build), on SQLite and — when TEST_MYSQL_URL is set — on MariaDB:
//   1. a kepala bidang fills TW IV 2026, is stopped by a conflict from another tab, resolves it
//      and submits;
//   2. perencanaan returns one row with a note; the kepala bidang sees the note, fixes and
//      resubmits; perencanaan verifies — statuses and audit rows checked in the database;
//   3. the pimpinan opens the beranda, drills into a budaya cell, records a meeting note and runs
//      the projector mode with the keyboard;
//   4. an auditor downloads the three workbooks and the test opens them with ExcelJS;
//   5. the admin switches the public page on; a visitor sees verified data only (a fresh draft
//      stays out).
// Every page: 0 console errors (except the 409 the conflict step provokes on purpose) and
// 0 Content-Security-Policy violations, checked after each step. Screenshots go to
// test-artifacts/ (git-ignored).
// Each step stands alone (`-t`): a step that needs an earlier step's data puts it there first when
// it is missing (ensureSubmitted: step 1's seven rows typed and submitted in one "Ajukan semua";
// ensureVerified: step 2 itself). Run in order, the data is there and nothing is repeated.
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { ARTIFACTS_DIR, HAS_CHROMIUM, launchBrowser, login, screenshot, watchProblems, type PageProblems } from './support.js'
import { SERVER_DB_KINDS, settled, startDemoServer, submitForm, type DemoServer } from './journey-support.js'

if (!HAS_CHROMIUM) console.warn('Chromium tidak ditemukan di /usr/bin/chromium: uji perjalanan pengguna (journeys) dilewati. Debian: apt-get install -y chromium')

const YEAR = 2026
const QUARTER = 4
const IKP_CODES = ['IKP-01', 'IKP-02', 'IKP-03', 'IKP-04', 'IKP-05', 'IKP-06', 'IKP-07', 'IKP-08', 'IKP-09'] as const
/** What the kepala bidang types for TW IV 2026 (IKP-04 and IKP-09 are "rilis": not released yet, left empty). */
const TYPED: Record<string, string> = { 'IKP-02': '690', 'IKP-03': '6', 'IKP-05': '19', 'IKP-06': '70,5', 'IKP-07': '94', 'IKP-08': '15' }
/** IKP-01 as step 1 leaves it, after the conflict. */
const IKP01_VALUE = '91,5'
const IKP01_BUKTI = 'Rekap jadwal publikasi TW IV'
const FILLED = ['IKP-01', ...Object.keys(TYPED)].sort()
const RETURN_NOTE = 'Jumlah konten TW IV belum termasuk kanal Instagram; mohon dihitung ulang.'
const NOTE_TEXT = 'Rapat evaluasi: kemitraan perlu jadwal tindak lanjut bulanan bersama mitra.'
const DRAFT_VALUE = '8765,25' // INF-02 (jam), saved as a draft only: must never reach /publik

function artifact(kind: string, name: string) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return path.join(ARTIFACTS_DIR, `journey-${kind}-${name}`)
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v == null) return ''
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text)
  return String(v)
}

function sheetTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = []
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell((c) => void out.push(cellText(c.value))))
  return out
}

describe.skipIf(!HAS_CHROMIUM)('user journeys in Chromium (production build)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
  })

  describe.each(SERVER_DB_KINDS)('on %s', (kind) => {
    let app: DemoServer
    let base: string
    const contexts: { name: string; context: BrowserContext; problems: PageProblems; allowed: RegExp[]; seenErrors: number; seenCsp: number }[] = []
    const ids = new Map<string, number>()
    /** The kepala bidang IKP's page: step 1's tab A, or a new session when step 1 did not run. */
    let kabidSession: Page | undefined

    /** A new browser context (its own cookies: "another tab" of another session) watched for console errors and CSP violations. */
    async function newContext(name: string, allowed: RegExp[] = []) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', acceptDownloads: true })
      const problems = await watchProblems(context)
      contexts.push({ name, context, problems, allowed, seenErrors: 0, seenCsp: 0 })
      return { context, problems, page: await context.newPage() }
    }

    async function kabidPage(): Promise<Page> {
      if (!kabidSession) {
        const page = (await newContext('kabid')).page
        await login(page, base, 'kabid.ikp')
        kabidSession = page
      }
      return kabidSession
    }

    const realisasiOf = (code: string) =>
      app.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ids.get(code)!).where('year', '=', YEAR).where('quarter', '=', QUARTER).executeTakeFirst()

    const auditActionsOf = async (realisasiId: number) =>
      await app.db
        .selectFrom('audit_log')
        .select(['action', 'actor_username', 'actor_role', 'request_id', 'reason', 'entity'])
        .where('entity', '=', 'realisasi')
        .where('entity_id', '=', String(realisasiId))
        .orderBy('id')
        .execute()

    beforeAll(async () => {
      app = await startDemoServer(kind)
      base = app.server.url
      for (const r of await app.db.selectFrom('indicator').select(['id', 'code']).execute()) ids.set(r.code, r.id)
      expect(ids.size).toBe(22)
    })

    afterAll(async () => {
      for (const c of contexts) await c.context.close().catch(() => undefined)
      await app?.stop()
    })

    // after each step: no console errors and no CSP violations in any context since the last step
    // (the step's own contexts, and earlier ones it used again), except the provoked 409 and 404
    afterEach(() => {
      for (const c of contexts) {
        const csp = c.problems.cspViolations.slice(c.seenCsp)
        const errors = c.problems.errors.slice(c.seenErrors)
        c.seenCsp += csp.length
        c.seenErrors += errors.length
        expect(csp, `${c.name}: CSP`).toEqual([])
        expect(
          errors.filter((e) => !c.allowed.some((re) => re.test(e))),
          `${c.name}: console`,
        ).toEqual([])
      }
    })

    const field = (code: string, f: string) => `#r-${ids.get(code)}-${f}`
    const rowOf = (page: Page, code: string) => page.locator(`fieldset#r-${ids.get(code)}-row`)

    it('1. kepala bidang: fills TW IV 2026, meets a conflict from another tab, resolves it, submits', async () => {
      const a = await newContext('kabid-tab-A', [/status of 409/])
      const kabid = a.page
      await login(kabid, base, 'kabid.ikp')
      await kabid.goto(`${base}/realisasi`)
      await settled(kabid)
      expect(await kabid.locator('h1').innerText()).toMatch(/Triwulan IV 2026/)
      // his nine indicators, nobody else's
      await expect(kabid.locator('fieldset.entry-row').count()).resolves.toBe(9)
      for (const code of IKP_CODES) await expect(rowOf(kabid, code).count()).resolves.toBe(1)
      await kabid.fill(field('IKP-01', 'value'), IKP01_VALUE)
      await kabid.fill(field('IKP-01', 'bukti_text'), IKP01_BUKTI)
      // the live capaian (domain engine in the browser) follows the typed value
      await expect(kabid.locator(field('IKP-01', 'capaian')).innerText()).resolves.toMatch(/\d/)

      // another tab (its own session) saves the same row first
      const b = await newContext('kabid-tab-B')
      await login(b.page, base, 'kabid.ikp')
      await b.page.goto(`${base}/realisasi`)
      await settled(b.page)
      await b.page.fill(field('IKP-01', 'value'), '88')
      const savedB = await submitForm(
        b.page,
        () =>
          rowOf(b.page, 'IKP-01')
            .locator(`button[value="simpan:${ids.get('IKP-01')}"]`)
            .click(),
        '/realisasi',
      )
      expect(savedB).toBe(200)
      expect(await b.page.locator('.banner-ok').innerText()).toContain('1 baris disimpan')
      const afterB = await realisasiOf('IKP-01')
      expect(afterB).toMatchObject({ value: 88, version: 1, status: 'draft' })

      // tab A saves: 409, a clear message naming who and when, A's typing kept, B's value survives
      const conflict = await submitForm(
        kabid,
        () =>
          rowOf(kabid, 'IKP-01')
            .locator(`button[value="simpan:${ids.get('IKP-01')}"]`)
            .click(),
        '/realisasi',
      )
      expect(conflict).toBe(409)
      const banner = rowOf(kabid, 'IKP-01').locator('.entry-conflict')
      const msg = await banner.innerText()
      expect(msg).toMatch(/Data sudah diubah oleh Kepala Bidang IKP pada \d{1,2} \w+ 2026/)
      expect(msg).toContain('(nilai: 88')
      expect(await kabid.locator('#entry-errors').innerText()).toContain('Tidak ada yang disimpan')
      expect(await kabid.inputValue(field('IKP-01', 'value'))).toBe(IKP01_VALUE)
      expect(await realisasiOf('IKP-01')).toMatchObject({ value: 88, version: 1 })
      await screenshot(kabid, `journey-${kind}-1-konflik`)

      // resolve: "I have read the change; save my value over it"
      await banner.locator(`input[name="r.${ids.get('IKP-01')}.timpa"]`).check()
      const resolved = await submitForm(
        kabid,
        () =>
          rowOf(kabid, 'IKP-01')
            .locator(`button[value="simpan:${ids.get('IKP-01')}"]`)
            .click(),
        '/realisasi',
      )
      expect(resolved).toBe(200)
      expect(await realisasiOf('IKP-01')).toMatchObject({ value: 91.5, version: 2, status: 'draft' })
      await expect(rowOf(kabid, 'IKP-01').locator('.entry-conflict').count()).resolves.toBe(0)

      // the other rows, then "Ajukan semua"
      for (const [code, v] of Object.entries(TYPED)) {
        await kabid.fill(field(code, 'value'), v)
        await kabid.fill(field(code, 'bukti_text'), `Bukti ${code} TW IV`)
        await kabid.fill(field(code, 'kendala'), `Kendala ${code}`)
        await kabid.fill(field(code, 'tindak_lanjut'), `Tindak lanjut ${code}`)
      }
      await kabid.fill(field('IKP-01', 'kendala'), 'Kendala IKP-01')
      await kabid.fill(field('IKP-01', 'tindak_lanjut'), 'Tindak lanjut IKP-01')
      const submitted = await submitForm(kabid, () => kabid.getByRole('button', { name: 'Ajukan semua' }).first().click(), '/realisasi')
      expect(submitted).toBe(200)
      expect(await kabid.locator('.banner-ok').innerText()).toMatch(/7 baris diajukan untuk verifikasi/)
      await screenshot(kabid, `journey-${kind}-1-diajukan`)

      for (const code of FILLED) expect((await realisasiOf(code))?.status, code).toBe('diajukan')
      expect(await realisasiOf('IKP-04')).toBeUndefined()
      expect(await realisasiOf('IKP-09')).toBeUndefined()
      expect(await realisasiOf('IKP-02')).toMatchObject({ value: 690, version: 2, submitted_by: expect.any(Number) })
      const ikp01 = (await realisasiOf('IKP-01'))!
      expect(ikp01).toMatchObject({ value: 91.5, version: 4, kendala: 'Kendala IKP-01' })
      const trail = await auditActionsOf(ikp01.id)
      expect(trail.map((t) => t.action)).toEqual(['create', 'update', 'update', 'submit'])
      expect(trail.every((t) => t.actor_username === 'kabid.ikp' && t.actor_role === 'kepala_bidang' && !!t.request_id)).toBe(true)
      // the provoked conflict did show up as a resource error, so the console watcher works
      expect(a.problems.errors.some((e) => /status of 409/.test(e))).toBe(true)
      await b.context.close()
      // tab A stays open: the next steps go on in the kepala bidang's session
      kabidSession = a.page
    })

    /**
     * Step 1's seven rows of TW IV 2026, submitted, when step 1 has not run here (the test runs
     * alone): typed on the entry page with step 1's final values and sent with one "Ajukan semua".
     */
    async function ensureSubmitted() {
      const rows = await Promise.all(FILLED.map(realisasiOf))
      if (rows.every((r) => r?.status === 'diajukan')) return
      if (rows.some((r) => r !== undefined)) throw new Error(`step 1 left TW IV 2026 half done: ${rows.map((r, i) => `${FILLED[i]} ${r?.status}`).join(', ')}`)
      const page = await kabidPage()
      await page.goto(`${base}/realisasi`)
      await settled(page)
      const values: Record<string, string> = { 'IKP-01': IKP01_VALUE, ...TYPED }
      for (const [code, v] of Object.entries(values)) {
        await page.fill(field(code, 'value'), v)
        await page.fill(field(code, 'bukti_text'), code === 'IKP-01' ? IKP01_BUKTI : `Bukti ${code} TW IV`)
        await page.fill(field(code, 'kendala'), `Kendala ${code}`)
        await page.fill(field(code, 'tindak_lanjut'), `Tindak lanjut ${code}`)
      }
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Ajukan semua' }).first().click(), '/realisasi')).toBe(200)
      expect(await page.locator('.banner-ok').innerText()).toMatch(/7 baris diajukan untuk verifikasi/)
      for (const code of FILLED) expect((await realisasiOf(code))?.status, code).toBe('diajukan')
    }

    /** The seven rows verified by step 2, when step 2 has not run here: step 2 itself. */
    async function ensureVerified() {
      const rows = await Promise.all(FILLED.map(realisasiOf))
      if (rows.every((r) => r?.status === 'diverifikasi')) return
      await ensureSubmitted()
      await returnFixVerify()
    }

    it('2. perencanaan returns IKP-02 with a note; the kepala bidang fixes and resubmits; perencanaan verifies', async () => {
      await ensureSubmitted()
      await returnFixVerify()
    })

    async function returnFixVerify() {
      const p = await newContext('perencanaan')
      const page = p.page
      await login(page, base, 'perencanaan')
      await page.goto(`${base}/verifikasi?tahun=${YEAR}&triwulan=${QUARTER}`)
      await settled(page)
      expect(await page.locator('h1').innerText()).toContain('Triwulan IV 2026')
      const verifRow = (code: string) => page.locator('table.verif-table tbody tr').filter({ has: page.locator('td > strong', { hasText: new RegExp(`^${code}$`) }) })
      expect(await verifRow('IKP-02').innerText()).toContain('Diajukan')

      const ikp02 = (await realisasiOf('IKP-02'))!
      await verifRow('IKP-02').locator('summary', { hasText: 'Kembalikan' }).click()
      await page.fill(`#catatan-${ikp02.id}`, RETURN_NOTE)
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Kembalikan IKP-02' }).click(), '/verifikasi')).toBe(200)
      expect(await page.locator('.banner-ok').innerText()).toContain('1 baris')
      expect(await realisasiOf('IKP-02')).toMatchObject({ status: 'dikembalikan', return_note: RETURN_NOTE, version: 3 })

      // the kepala bidang sees the note, fixes the value and resubmits the row
      const kabid = await kabidPage()
      await kabid.goto(`${base}/realisasi`)
      await settled(kabid)
      expect(await rowOf(kabid, 'IKP-02').locator('.entry-return-note').innerText()).toContain(RETURN_NOTE)
      await kabid.fill(field('IKP-02', 'value'), '702')
      expect(
        await submitForm(
          kabid,
          () =>
            rowOf(kabid, 'IKP-02')
              .locator(`button[value="ajukan:${ids.get('IKP-02')}"]`)
              .click(),
          '/realisasi',
        ),
      ).toBe(200)
      expect(await kabid.locator('.banner-ok').innerText()).toMatch(/1 baris disimpan; 1 baris diajukan/)
      expect(await realisasiOf('IKP-02')).toMatchObject({ status: 'diajukan', value: 702, version: 5 })

      // perencanaan verifies the seven rows at once
      await page.goto(`${base}/verifikasi?tahun=${YEAR}&triwulan=${QUARTER}`)
      await settled(page)
      for (const code of FILLED) await page.getByLabel(`Pilih ${code}`, { exact: true }).check()
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Verifikasi baris yang dipilih' }).click(), '/verifikasi')).toBe(200)
      expect(await page.locator('.banner-ok').innerText()).toContain('7 baris')
      await screenshot(page, `journey-${kind}-2-diverifikasi`)

      for (const code of FILLED) {
        const r = (await realisasiOf(code))!
        expect(r.status, code).toBe('diverifikasi')
        expect(r.verified_by, code).not.toBeNull()
        expect(r.verified_at, code).toMatch(/^2026-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
      }
      const final02 = (await realisasiOf('IKP-02'))!
      expect(final02).toMatchObject({ value: 702, version: 6 })
      const trail = await auditActionsOf(final02.id)
      expect(trail.map((t) => `${t.action}:${t.actor_username}`)).toEqual([
        'create:kabid.ikp',
        'submit:kabid.ikp',
        'return:perencanaan',
        'update:kabid.ikp',
        'submit:kabid.ikp',
        'verify:perencanaan',
      ])
      expect(trail.find((t) => t.action === 'return')!.reason).toBe(RETURN_NOTE)
      expect(new Set(trail.map((t) => t.request_id)).size).toBe(4) // one request id per request (save+submit share theirs)
      // the verified row is locked on the entry page
      await kabid.goto(`${base}/realisasi`)
      await settled(kabid)
      expect(await rowOf(kabid, 'IKP-02').innerText()).toContain('Sudah diverifikasi (terkunci)')
    }

    it('3. pimpinan: beranda → budaya cell → meeting note → projector mode with the keyboard', async () => {
      const k = await newContext('kadis')
      // cumulative layout shift of each page (web vitals): collected from the first paint on
      await k.context.addInitScript(() => {
        const w = window as unknown as { __cls: number }
        w.__cls = 0
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__cls += e.value
        }).observe({ type: 'layout-shift', buffered: true })
      })
      const page = k.page
      await login(page, base, 'kadis')
      await page.goto(`${base}/`)
      await settled(page)
      await expect(page.locator('td.hm-cell').count()).resolves.toBe(15)
      await page.waitForTimeout(500)
      expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'))).toBe(true)
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls)
      expect(cls, 'CLS of the beranda').toBeLessThan(0.1) // "good" per web.dev
      const cell = page.locator('td.hm-cell[data-aspect="kemitraan"][data-strategy="budaya"]')
      expect(await cell.innerText()).toMatch(/\d+,\d{2}/)
      await screenshot(page, `journey-${kind}-3-beranda`)
      await Promise.all([page.waitForURL((u) => u.pathname === '/beranda/sel/kemitraan/budaya'), cell.locator('a').click()])
      await settled(page)
      await page.locator('h1', { hasText: 'Strategi Budaya' }).waitFor()
      expect(await page.locator('h1').innerText()).toMatch(/Kemitraan.*× Strategi Budaya/)
      expect(await page.locator('body').innerText()).toContain('IKP-06')

      const notesBefore = await app.db.selectFrom('evaluation_note').select(['id']).where('aspect', '=', 'kemitraan').where('strategy', '=', 'budaya').execute()
      await page.getByLabel('Cukup baik', { exact: true }).check()
      await page.getByLabel('Rekomendasi').fill(NOTE_TEXT)
      await Promise.all([page.waitForURL((u) => u.searchParams.get('catatan') === 'tersimpan'), page.getByRole('button', { name: 'Simpan catatan' }).click()])
      await settled(page)
      expect(await page.getByTestId('note-judgement').innerText()).toBe('Cukup baik')
      const notes = await app.db
        .selectFrom('evaluation_note')
        .selectAll()
        .where('aspect', '=', 'kemitraan')
        .where('strategy', '=', 'budaya')
        .where('rekomendasi', '=', NOTE_TEXT)
        .execute()
      expect(notes).toHaveLength(1)
      expect(notes[0]!.judgement).toBe('cukup_baik')
      const after = await app.db.selectFrom('evaluation_note').select(['id']).where('aspect', '=', 'kemitraan').where('strategy', '=', 'budaya').execute()
      expect(after.length - notesBefore.length).toBeLessThanOrEqual(1)
      const noteAudit = await app.db
        .selectFrom('audit_log')
        .select(['action', 'actor_username'])
        .where('entity_id', '=', String(notes[0]!.id))
        .where('actor_username', '=', 'kadis')
        .execute()
      expect(noteAudit.length).toBe(1)
      await screenshot(page, `journey-${kind}-3-catatan`)

      // projector mode from the beranda's button, driven by the keyboard
      await page.goto(`${base}/`)
      await settled(page)
      await Promise.all([page.waitForURL((u) => u.pathname === '/presentasi'), page.getByRole('link', { name: 'Mode presentasi' }).click()])
      await settled(page)
      await page.waitForSelector('.presentasi.is-slides')
      const total = await page.locator('section.slide').count()
      expect(total).toBeGreaterThanOrEqual(5)
      const active = () => page.locator('section.slide.active').getAttribute('id')
      expect(await active()).toBe('slide-1')
      await page.keyboard.press('ArrowRight')
      expect(await active()).toBe('slide-2')
      await page.keyboard.press('End')
      expect(await active()).toBe(`slide-${total}`)
      await screenshot(page, `journey-${kind}-3-presentasi-akhir`)
      await page.keyboard.press('Home')
      expect(await active()).toBe('slide-1')
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.keyboard.press('Escape')])
      await page.locator('td.hm-cell').first().waitFor()
      await expect(page.locator('.presentasi').count()).resolves.toBe(0)
    })

    it('4. auditor downloads E.81, Rekap Strategi and the audit workbook; ExcelJS reads the key cells', async () => {
      await ensureVerified() // the audit sheet reads step 2's return note and verifications
      const au = await newContext('auditor')
      const page = au.page
      await login(page, base, 'auditor')
      await page.goto(`${base}/laporan`)
      await settled(page)
      await page.selectOption('#lp-tahun', '2025')
      await page.selectOption('#lp-triwulan', '4')
      await page.selectOption('#lp-periode', 'triwulan')

      async function download(label: string, file: string): Promise<ExcelJS.Workbook> {
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: label }).click()])
        const target = artifact(kind, file)
        await dl.saveAs(target)
        expect(dl.suggestedFilename()).toMatch(/\.xlsx$/)
        const buf = fs.readFileSync(target)
        expect(buf.subarray(0, 4).toString('binary')).toBe('PK\x03\x04')
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(buf as unknown as ArrayBuffer)
        await page.locator('.excel-status', { hasText: 'siap' }).waitFor()
        return wb
      }

      const e81 = await download('Unduh Formulir E.81', 'e81-2025.xlsx')
      const ws = e81.getWorksheet('E.81')!
      expect(cellText(ws.getCell('A1').value).toLowerCase()).toBe('evaluasi terhadap hasil renja perangkat daerah')
      expect(cellText(ws.getCell('A4').value)).toContain('2025 s.d. Triwulan IV')
      let ikp02 = 0
      for (let r = 10; r <= ws.rowCount; r++) if (cellText(ws.getCell(r, 5).value).startsWith('IKP-02')) ikp02 = r
      expect(ikp02).toBeGreaterThan(9)
      expect([12, 14, 16, 18].map((c) => ws.getCell(ikp02, c).value)).toEqual([140, 176, 176, 210]) // 2025 quarters (K)
      expect(ws.getCell(ikp02, 20).value).toBe(702) // col 12 K: the 2025 sum, a numeric cell

      const rekap = await download('Unduh Rekap Strategi Osborne', 'rekap-2025.xlsx')
      expect(rekap.worksheets.map((w) => w.name)).toContain('Matriks')
      const m = rekap.getWorksheet('Matriks')!
      expect(m.getCell('F5').value).toBe('Strategi Budaya')
      expect(m.getCell('F6').value as number).toBeCloseTo(62, 9) // pengelolaan × budaya 2025: SEK-01 40.3 / 65

      const audit = await download('Unduh buku kerja audit', 'audit.xlsx')
      const trail = audit.getWorksheet('Jejak Audit')!
      const auditRows = Number(
        (
          await app.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      expect(trail.actualRowCount - 1).toBe(auditRows)
      const texts = sheetTexts(trail)
      expect(texts).toContain(RETURN_NOTE) // the return of IKP-02 with its reason
      expect(texts.filter((t) => t === 'verify').length).toBeGreaterThanOrEqual(7)
      const real = audit.getWorksheet('Realisasi')!
      expect(real.actualRowCount - 1).toBe(
        Number(
          (
            await app.db
              .selectFrom('realisasi')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      )
      await screenshot(page, `journey-${kind}-4-laporan`)
    })

    it('5. admin switches the public page on; a visitor sees verified data only, never a fresh draft', async () => {
      await ensureVerified() // the public page shows step 2's seven verified rows
      // a draft of another bidang, TW IV 2026
      const inf = await newContext('kabid-infra')
      await login(inf.page, base, 'kabid.infra')
      await inf.page.goto(`${base}/realisasi`)
      await settled(inf.page)
      await inf.page.fill(field('INF-02', 'value'), DRAFT_VALUE)
      await inf.page.fill(field('INF-02', 'kendala'), 'KENDALA-DRAF-RAHASIA')
      expect(
        await submitForm(
          inf.page,
          () =>
            rowOf(inf.page, 'INF-02')
              .locator(`button[value="simpan:${ids.get('INF-02')}"]`)
              .click(),
          '/realisasi',
        ),
      ).toBe(200)
      expect(await realisasiOf('INF-02')).toMatchObject({ status: 'draft', value: 8765.25 })

      // while off: 404
      const v = await newContext('pengunjung', [/status of 404/])
      const off = await v.context.request.get(`${base}/publik`)
      expect(off.status()).toBe(404)

      const ad = await newContext('admin')
      await login(ad.page, base, 'admin')
      await ad.page.goto(`${base}/admin/pengaturan`)
      await settled(ad.page)
      expect(await ad.page.isChecked('#publicPageEnabled')).toBe(false)
      await ad.page.check('#publicPageEnabled')
      expect(await submitForm(ad.page, () => ad.page.getByRole('button', { name: 'Simpan pengaturan' }).click(), '/admin/pengaturan')).toBe(200)
      expect(await ad.page.locator('.banner-ok').innerText()).toContain('halaman publik')
      const setting = await app.db.selectFrom('app_setting').select('value_json').where('key', '=', 'public_page_enabled').executeTakeFirstOrThrow()
      expect(JSON.parse(setting.value_json)).toBe(true)

      const page = v.page
      const res = await page.goto(`${base}/publik?tahun=${YEAR}&triwulan=${QUARTER}&periode=satu_triwulan`)
      expect(res?.status()).toBe(200)
      await settled(page)
      const html = await page.content()
      expect(html).not.toContain('8.765')
      expect(html).not.toContain('8765')
      expect(html).not.toContain('KENDALA-DRAF-RAHASIA')
      expect(html).not.toContain(RETURN_NOTE)
      expect(html).not.toContain('Kepala Bidang IKP') // no names of people
      // the verified TW IV values are there
      expect(await page.locator('tr[data-indicator="IKP-02"]').innerText()).toContain('702')
      expect(await page.locator('tr[data-indicator="IKP-01"]').innerText()).toContain('91,5')
      expect(await page.locator('tr[data-indicator="INF-02"]').innerText()).not.toMatch(/8\.?765/)
      await expect(page.locator('td.hm-cell').count()).resolves.toBe(15)
      // exactly the seven rows perencanaan verified count for TW IV 2026; the draft does not
      expect(await page.locator('.kpi-card').innerText()).toContain('7 dari 22 indikator memiliki data terverifikasi')
      await screenshot(page, `journey-${kind}-5-publik`)
    })
  })
})
