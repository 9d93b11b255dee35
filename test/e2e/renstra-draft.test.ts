// The Renstra indicator form keeps a copy of what is typed on this device (issue R2 3/7), in
// Chromium against the production build (`npx remix build` first), on SQLite and — with
// TEST_MYSQL_URL — on MariaDB: type in the new-indicator form, reload → every field restored and
// marked "Draf di perangkat ini"; save → the server holds the indicator and the copy is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { HAS_CHROMIUM, launchBrowser, login, watchProblems, type PageProblems } from './support.js'
import { SERVER_DB_KINDS, settled, startDemoServer, type DemoServer } from './journey-support.js'

describe.skipIf(!HAS_CHROMIUM)('Renstra indicator form: copy on this device (Chromium, production build)', () => {
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
    const watched: { context: BrowserContext; problems: PageProblems }[] = []

    beforeAll(async () => {
      app = await startDemoServer(kind)
      base = app.server.url
    })
    afterAll(async () => {
      for (const w of watched) await w.context.close().catch(() => undefined)
      await app?.stop()
    })

    it('type in the new-indicator form, reload → restored and marked; save → saved once and the copy cleared', async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })
      const problems = await watchProblems(context)
      watched.push({ context, problems })
      const page = await context.newPage()
      await login(page, base, 'perencanaan')
      await page.goto(`${base}/renstra/indikator/baru`)
      await settled(page)
      expect(await page.locator('#renstra-draf').count()).toBe(0)

      await page.fill('#f-code', 'UJI-DRAF-01')
      await page.fill('#f-name', 'Persentase aduan yang dijawab dalam 3 hari')
      await page.fill('#f-satuan', 'persen')
      await page.selectOption('#f-polarity', 'naik')
      await page.selectOption('#f-pola_ukur', 'posisi')
      await page.selectOption('#f-aspect', { index: 1 })
      await page.selectOption('#f-strategy', { index: 1 })
      await page.fill('#f-weight', '1')
      await page.selectOption('#f-unit_id', { index: 1 })
      const targets = page.locator('input[name^="target."]')
      const years = await targets.count()
      expect(years).toBeGreaterThanOrEqual(5)
      for (let i = 0; i < years; i++) await targets.nth(i).fill(`${80 + i},5`)
      const unit = await page.inputValue('#f-unit_id')
      const aspect = await page.inputValue('#f-aspect')

      const keys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sakip.draf:')))
      const stored = await keys()
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatch(/^sakip\.draf:\d+:\d+:renstra-\d+:baru:v$/)

      await page.reload()
      await settled(page)
      expect(await page.inputValue('#f-code')).toBe('UJI-DRAF-01')
      expect(await page.inputValue('#f-name')).toBe('Persentase aduan yang dijawab dalam 3 hari')
      expect(await page.inputValue('#f-polarity')).toBe('naik')
      expect(await page.inputValue('#f-pola_ukur')).toBe('posisi')
      expect(await page.inputValue('#f-aspect')).toBe(aspect)
      expect(await page.inputValue('#f-unit_id')).toBe(unit)
      for (let i = 0; i < years; i++) expect(await targets.nth(i).inputValue()).toBe(`${80 + i},5`)
      expect(await page.locator('#renstra-draf').innerText()).toMatch(/Draf di perangkat ini/)
      expect(await page.getByRole('button', { name: 'Buang draf' }).count()).toBe(1)

      await page.getByRole('button', { name: 'Simpan indikator baru' }).click()
      await page.waitForURL(/\/renstra\/indikator\/\d+\?pesan=dibuat$/)
      await settled(page)
      expect(await page.locator('.banner-ok').innerText()).toContain('Indikator baru disimpan.')
      const rows = await app.db.selectFrom('indicator').select(['id', 'name', 'unit_id']).where('code', '=', 'UJI-DRAF-01').execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ name: 'Persentase aduan yang dijawab dalam 3 hari', unit_id: Number(unit) })
      const saved = await app.db.selectFrom('indicator_target').select(['year', 'target']).where('indicator_id', '=', rows[0]!.id).orderBy('year').execute()
      expect(saved.map((t) => Number(t.target))).toEqual(Array.from({ length: years }, (_, i) => 80 + i + 0.5))
      expect(await keys()).toEqual([])
      expect(await page.locator('#renstra-draf').count()).toBe(0)
      expect(await page.locator('#renstra-draf-lama').count()).toBe(0)
      expect(problems.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
    })
  })
})
