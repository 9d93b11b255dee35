// Nothing typed is ever lost (issue 13), in Chromium against the production build (`npx remix
// build` first), on SQLite and — with TEST_MYSQL_URL — on MariaDB:
//   offline during a save → everything still on the page, a message about the connection, saved
//   exactly once when back online; an answer lost on the way back → the resend (same key) writes
//   nothing new; a slow line with typing during the save → nothing lost; reload → restored, with a
//   warning first; a stale copy is shown beside the server's value, never applied silently; the
//   session ended in another tab → log in → back on the same period with the input → saved;
//   live capaian checks the field's limits while typing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { HAS_CHROMIUM, launchBrowser, login, watchProblems, DEMO_PASSWORD, type PageProblems } from './support.js'
import { SERVER_DB_KINDS, settled, startDemoServer, submitForm, type DemoServer } from './journey-support.js'

describe.skipIf(!HAS_CHROMIUM)('entry over a bad line (Chromium, production build)', () => {
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
    const ids = new Map<string, number>()
    const watched: { context: BrowserContext; problems: PageProblems; allowed: RegExp[]; seenCsp?: number; seenErrors?: number }[] = []
    // after every test: no console error beyond the provoked ones and no CSP violation in what each
    // context logged during that test (so each test checks its own pages, alone or in the file)
    afterEach(() => {
      for (const w of watched) {
        const csp = w.problems.cspViolations.slice(w.seenCsp ?? 0)
        const errors = w.problems.errors.slice(w.seenErrors ?? 0)
        w.seenCsp = (w.seenCsp ?? 0) + csp.length
        w.seenErrors = (w.seenErrors ?? 0) + errors.length
        expect(csp, 'CSP').toEqual([])
        expect(
          errors.filter((e) => !w.allowed.some((re) => re.test(e))),
          'console',
        ).toEqual([])
      }
    })

    beforeAll(async () => {
      app = await startDemoServer(kind)
      base = app.server.url
      for (const r of await app.db.selectFrom('indicator').select(['id', 'code']).execute()) ids.set(r.code, r.id)
    })
    afterAll(async () => {
      for (const w of watched) await w.context.close().catch(() => undefined)
      await app?.stop()
    })

    async function kabidPage(allowed: RegExp[] = []) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })
      const problems = await watchProblems(context)
      watched.push({ context, problems, allowed })
      const page = await context.newPage()
      await login(page, base, 'kabid.ikp')
      await page.goto(`${base}/realisasi`)
      await settled(page)
      return { context, page }
    }
    const field = (code: string, f: string) => `#r-${ids.get(code)}-${f}`
    const rowOf = (page: Page, code: string) => page.locator(`fieldset#r-${ids.get(code)}-row`)
    const saveRow = (page: Page, code: string) => rowOf(page, code).locator(`button[value="simpan:${ids.get(code)}"]`)
    const realisasiOf = (code: string) =>
      app.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ids.get(code)!).where('year', '=', 2026).where('quarter', '=', 4).executeTakeFirst()
    const auditCount = async (realisasiId: number) =>
      Number(
        (
          await app.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity', '=', 'realisasi')
            .where('entity_id', '=', String(realisasiId))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('offline during a save: the page and every text stay, a message names the connection; back online it is saved exactly once', async () => {
      const { context, page } = await kabidPage([/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/])
      await page.fill(field('IKP-03', 'value'), '6')
      expect(await submitForm(page, () => saveRow(page, 'IKP-03').click(), '/realisasi')).toBe(200)
      const first = (await realisasiOf('IKP-03'))!
      expect(first).toMatchObject({ value: 6, version: 1 })

      await page.fill(field('IKP-03', 'value'), '5,5')
      await page.fill(field('IKP-03', 'bukti_text'), 'Register PPID Oktober–Desember')
      await page.fill(field('IKP-03', 'kendala'), 'Server PPID sempat mati dua hari')
      await context.setOffline(true)
      await saveRow(page, 'IKP-03').click()
      const status = page.locator('#status-simpan')
      await status.waitFor()
      expect(await status.innerText()).toMatch(/Koneksi terputus saat menyimpan[\s\S]*tersimpan di perangkat ini/)
      // no error page: the header, the form and every typed text are still here
      expect(await page.locator('h1').innerText()).toMatch(/Input Realisasi/)
      expect(await page.inputValue(field('IKP-03', 'value'))).toBe('5,5')
      expect(await page.inputValue(field('IKP-03', 'bukti_text'))).toBe('Register PPID Oktober–Desember')
      expect(await page.inputValue(field('IKP-03', 'kendala'))).toBe('Server PPID sempat mati dua hari')
      expect(await rowOf(page, 'IKP-03').locator('.entry-local-badge').innerText()).toBe('Draf di perangkat ini')
      expect(await realisasiOf('IKP-03')).toMatchObject({ value: 6, version: 1 })

      // back online: resent by itself, saved once
      await context.setOffline(false)
      await page.locator('.banner-ok').waitFor({ timeout: 15_000 })
      await settled(page)
      expect(await page.locator('.banner-ok').innerText()).toContain('1 baris disimpan')
      const after = (await realisasiOf('IKP-03'))!
      expect(after).toMatchObject({ value: 5.5, version: 2, kendala: 'Server PPID sempat mati dua hari' })
      expect(await auditCount(after.id)).toBe(2) // create + one update
      expect(await page.locator('#status-simpan').count()).toBe(0)
      expect(await rowOf(page, 'IKP-03').locator('.entry-local-badge').count()).toBe(0)
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sakip.draf:')).length)).toBe(0)
    })

    it('the answer is lost after the server saved: "Coba kirim lagi" resends the same key and nothing is written twice', async () => {
      const { page } = await kabidPage([/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/])
      let lost = 0
      await page.route('**/realisasi/simpan', async (route) => {
        if (lost === 0) {
          lost++
          await route.fetch() // reaches the server, which saves
          await route.abort('internetdisconnected') // …but the answer never arrives
        } else await route.continue()
      })
      await page.fill(field('IKP-05', 'value'), '19')
      await saveRow(page, 'IKP-05').click()
      await page.locator('#status-simpan').waitFor()
      const saved = (await realisasiOf('IKP-05'))!
      expect(saved).toMatchObject({ value: 19, version: 1 })
      const keys = await app.db.selectFrom('submission_key').select('submission_key').execute()
      await page.getByRole('button', { name: 'Coba kirim lagi' }).click()
      await page.locator('.banner-ok').waitFor({ timeout: 15_000 })
      await settled(page)
      expect(await page.locator('.banner-ok').innerText()).toContain('1 baris disimpan')
      expect(await realisasiOf('IKP-05')).toMatchObject({ value: 19, version: 1 })
      expect(await auditCount(saved.id)).toBe(1)
      expect(await app.db.selectFrom('submission_key').select('submission_key').execute()).toEqual(keys)
      expect(await page.inputValue(field('IKP-05', 'value'))).toBe('19')
    })

    it('slow line (2 s latency): text typed while a save is in flight survives its answer and is saved next', async () => {
      const { context, page } = await kabidPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2000, downloadThroughput: 40 * 1024, uploadThroughput: 40 * 1024 })
      await page.fill(field('IKP-06', 'value'), '70,5')
      const answered = page.waitForResponse((r) => r.url().endsWith('/realisasi/simpan'))
      await saveRow(page, 'IKP-06').click()
      // typed while the save travels
      await page.fill(field('IKP-06', 'kendala'), 'Diketik saat menyimpan')
      await page.fill(field('IKP-07', 'value'), '94')
      await answered
      await settled(page)
      await page.waitForFunction(() => !document.querySelector('.entry-form[aria-busy="true"]'))
      expect(await page.locator('.banner-ok').innerText()).toContain('1 baris disimpan')
      expect(await realisasiOf('IKP-06')).toMatchObject({ value: 70.5, version: 1, kendala: null })
      expect(await page.inputValue(field('IKP-06', 'kendala'))).toBe('Diketik saat menyimpan')
      expect(await page.inputValue(field('IKP-06', 'value'))).toBe('70,5')
      expect(await page.inputValue(field('IKP-07', 'value'))).toBe('94')
      expect(await rowOf(page, 'IKP-06').locator('.entry-local-badge').count()).toBe(1) // the new text is not on the server yet
      expect(
        await rowOf(page, 'IKP-06')
          .locator(`input[name="r.${ids.get('IKP-06')}.version"]`)
          .inputValue(),
      ).toBe('1')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Simpan semua sebagai draf' }).first().click(), '/realisasi')).toBe(200)
      await page.waitForFunction(() => !document.querySelector('.entry-form[aria-busy="true"]'))
      expect(await realisasiOf('IKP-06')).toMatchObject({ value: 70.5, version: 2, kendala: 'Diketik saat menyimpan' })
      expect(await realisasiOf('IKP-07')).toMatchObject({ value: 94, version: 1 })
    })

    it('reload with unsaved text: the browser warns first, then the text is restored and marked; in-app links ask; "Buang draf" discards', async () => {
      const { page } = await kabidPage()
      await page.fill(field('IKP-08', 'value'), '15')
      await page.fill(field('IKP-08', 'tindak_lanjut'), 'Jadwal sosialisasi Januari')
      const dialogs: string[] = []
      page.on('dialog', (d) => {
        dialogs.push(d.type())
        void d.accept()
      })
      await page.reload()
      await settled(page)
      expect(dialogs).toEqual(['beforeunload'])
      expect(await page.inputValue(field('IKP-08', 'value'))).toBe('15')
      expect(await page.inputValue(field('IKP-08', 'tindak_lanjut'))).toBe('Jadwal sosialisasi Januari')
      expect(await rowOf(page, 'IKP-08').locator('.entry-local-badge').innerText()).toBe('Draf di perangkat ini')
      expect(await page.locator('#draf-perangkat').innerText()).toMatch(/1 baris berisi draf di perangkat ini/)
      // an in-app link asks first
      await page.locator('nav.main-nav a', { hasText: 'Beranda' }).click()
      const guard = page.getByRole('alertdialog')
      await guard.waitFor()
      expect(await guard.innerText()).toContain('belum disimpan')
      await guard.getByRole('button', { name: 'Tetap di halaman ini' }).click()
      expect(new URL(page.url()).pathname).toBe('/realisasi')
      // discard: back to the server's (empty) row, nothing left on the device
      await rowOf(page, 'IKP-08')
        .getByRole('button', { name: /Buang draf/ })
        .click()
      expect(await page.inputValue(field('IKP-08', 'value'))).toBe('')
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sakip.draf:')).length)).toBe(0)
      expect(await realisasiOf('IKP-08')).toBeUndefined()
    })

    it('a copy typed on an older version of the row is shown beside the server value, never applied by itself', async () => {
      const a = await kabidPage()
      await a.page.fill(field('IKP-02', 'value'), '640')
      // another session saves the row meanwhile
      const b = await kabidPage()
      await b.page.fill(field('IKP-02', 'value'), '655')
      expect(await submitForm(b.page, () => saveRow(b.page, 'IKP-02').click(), '/realisasi')).toBe(200)
      a.page.on('dialog', (d) => void d.accept())
      await a.page.reload()
      await settled(a.page)
      expect(await a.page.inputValue(field('IKP-02', 'value'))).toBe('655')
      const panel = rowOf(a.page, 'IKP-02').locator('.entry-stale')
      expect(await panel.innerText()).toMatch(/Draf di perangkat ini[\s\S]*640/)
      await panel.getByRole('button', { name: /Pakai draf ini/ }).click()
      expect(await a.page.inputValue(field('IKP-02', 'value'))).toBe('640')
      expect(
        await rowOf(a.page, 'IKP-02')
          .locator(`input[name="r.${ids.get('IKP-02')}.version"]`)
          .inputValue(),
      ).toBe('1')
      expect(await submitForm(a.page, () => saveRow(a.page, 'IKP-02').click(), '/realisasi')).toBe(200)
      expect(await realisasiOf('IKP-02')).toMatchObject({ value: 640, version: 2 })
    })

    it('the session ended in another tab: the save keeps the input, login brings the user back to the period with it, and it saves', async () => {
      const { context, page } = await kabidPage([/status of 401/])
      await page.fill(field('IKP-01', 'value'), '91,5')
      await page.fill(field('IKP-01', 'kendala'), 'Ditulis sebelum sesi berakhir')
      const other = await context.newPage()
      await other.goto(`${base}/akun`)
      await Promise.all([other.waitForURL((u) => u.pathname === '/login'), other.getByRole('button', { name: 'Keluar' }).click()])
      await other.close()

      await saveRow(page, 'IKP-01').click()
      const status = page.locator('#status-simpan')
      await status.waitFor()
      expect(await status.innerText()).toMatch(/Sesi Anda sudah berakhir[\s\S]*tersimpan di perangkat ini/)
      await page.waitForURL((u) => u.pathname === '/login', { timeout: 10_000 })
      expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/realisasi?tahun=2026&triwulan=4')
      await page.fill('#username', 'kabid.ikp')
      await page.fill('#password', DEMO_PASSWORD)
      await Promise.all([page.waitForURL((u) => u.pathname === '/realisasi'), page.click('button[type=submit]')])
      await settled(page)
      // the copy is applied by an effect after hydration; the router reports "initialized" before
      // React has hydrated, so on a loaded machine settled() can return first: wait for the mark
      await rowOf(page, 'IKP-01').locator('.entry-local-badge').waitFor()
      expect(await page.inputValue(field('IKP-01', 'value'))).toBe('91,5')
      expect(await page.inputValue(field('IKP-01', 'kendala'))).toBe('Ditulis sebelum sesi berakhir')
      expect(await rowOf(page, 'IKP-01').locator('.entry-local-badge').count()).toBe(1)
      expect(await realisasiOf('IKP-01')).toBeUndefined()
      expect(await submitForm(page, () => saveRow(page, 'IKP-01').click(), '/realisasi')).toBe(200)
      expect(await realisasiOf('IKP-01')).toMatchObject({ value: 91.5, version: 1, kendala: 'Ditulis sebelum sesi berakhir' })
    })

    it('live capaian checks the limits shown in the help ("batas 0–100") while typing', async () => {
      const { page } = await kabidPage()
      expect(await page.locator(`${field('IKP-04', 'value')}-help`).innerText()).toContain('batas 0–100')
      await page.fill(field('IKP-04', 'value'), '-3')
      expect(await rowOf(page, 'IKP-04').locator('.field-error').innerText()).toBe('Nilai tidak boleh negatif.')
      expect(await page.locator(field('IKP-04', 'capaian')).innerText()).toMatch(/Capaian TW:\s*–/)
      await page.fill(field('IKP-04', 'value'), '150')
      expect(await rowOf(page, 'IKP-04').locator('.field-error').innerText()).toBe('Nilai tidak boleh lebih dari 100 indeks.')
      expect(await page.locator(field('IKP-04', 'capaian')).innerText()).not.toMatch(/%/)
      await page.fill(field('IKP-04', 'value'), '123456789012345678901234567890')
      expect(await rowOf(page, 'IKP-04').locator('.field-error').innerText()).toBe('Nilai terlalu besar.')
      await page.fill(field('IKP-04', 'value'), '80')
      expect(await rowOf(page, 'IKP-04').locator('.field-error').count()).toBe(0)
      expect(await page.locator(field('IKP-04', 'capaian')).innerText()).toMatch(/%/)
      await rowOf(page, 'IKP-04')
        .getByRole('button', { name: /Buang draf/ })
        .click()
    })

    it('the return note and a meeting note are kept on the device: restored after a reload, cleared once saved', async () => {
      // a row to return: the kepala bidang fills IKP-07 and submits it. The test gives the value
      // itself: an empty row is refused (400, "Isi nilai realisasi … sebelum diajukan"), so the
      // test must not depend on the slow-line test having saved a draft first.
      const k = await kabidPage()
      await k.page.fill(field('IKP-07', 'value'), '94')
      expect(
        await submitForm(
          k.page,
          () =>
            rowOf(k.page, 'IKP-07')
              .locator(`button[value="ajukan:${ids.get('IKP-07')}"]`)
              .click(),
          '/realisasi',
        ),
      ).toBe(200)
      const row = (await realisasiOf('IKP-07'))!
      expect(row.status).toBe('diajukan')

      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })
      const problems = await watchProblems(context)
      watched.push({ context, problems, allowed: [] })
      const page = await context.newPage()
      page.on('dialog', (d) => void d.accept())
      await login(page, base, 'perencanaan')
      await page.goto(`${base}/verifikasi?tahun=2026&triwulan=4`)
      await settled(page)
      await page.locator(`details:has(#catatan-${row.id}) summary`).click()
      await page.fill(`#catatan-${row.id}`, 'Mohon lampirkan register Desember.')
      await page.reload()
      await settled(page)
      expect(await page.locator(`#catatan-${row.id}`).isVisible()).toBe(true) // its <details> opened again
      expect(await page.inputValue(`#catatan-${row.id}`)).toBe('Mohon lampirkan register Desember.')
      expect(await page.locator(`details:has(#catatan-${row.id}) .entry-local-badge`).innerText()).toBe('Draf di perangkat ini')
      expect(await submitForm(page, () => page.getByRole('button', { name: 'Kembalikan IKP-07' }).click(), '/verifikasi')).toBe(200)
      expect(await realisasiOf('IKP-07')).toMatchObject({ status: 'dikembalikan', return_note: 'Mohon lampirkan register Desember.' })
      expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('sakip.draf:')))).toEqual([])

      // a meeting note typed by the pimpinan survives a reload
      const kadisCtx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })
      watched.push({ context: kadisCtx, problems: await watchProblems(kadisCtx), allowed: [] })
      const kadis = await kadisCtx.newPage()
      await login(kadis, base, 'kadis')
      await kadis.goto(`${base}/beranda/sel/pengelolaan/budaya`)
      await settled(kadis)
      await kadis.fill('#note-kendala', 'Kemitraan belum terjadwal.')
      await kadis.reload()
      await settled(kadis)
      expect(await kadis.inputValue('#note-kendala')).toBe('Kemitraan belum terjadwal.')
      expect(await kadis.locator('.note-form .entry-local-badge').count()).toBe(1)
    })
  })
})
