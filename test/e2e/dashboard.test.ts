// The dashboards in Debian's Chromium against the production build (run `npx remix build` first):
// beranda with the 15-cell heatmap and server-rendered SVG charts, a cell drill-down with a
// meeting note, projector keyboard navigation, the public page hiding drafts and internal links,
// and no console errors (hydration included) and no CSP violations anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { HAS_CHROMIUM, launchBrowser, login, screenshot, startServer, watchProblems, type AppServer, type PageProblems } from './support.js'

const P2025 = 'tahun=2025&triwulan=4'

describe.skipIf(!HAS_CHROMIUM)('dashboards in Chromium (production build)', () => {
  let server: AppServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let problems: PageProblems

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID' })
    problems = await watchProblems(context)
    page = await context.newPage()
    await login(page, server.url, 'kadis')
  })

  afterAll(async () => {
    await context?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.stop()
  })

  /** The text of a locator once it matches (client navigations render after the URL changes). */
  async function textWhen(loc: Locator, re: RegExp): Promise<string> {
    await loc.filter({ hasText: re }).first().waitFor({ timeout: 15_000 })
    return loc.first().innerText()
  }

  /** Waits until React has hydrated (the root route's client bundle ran and the network is quiet). */
  async function settled(p: Page) {
    await p.waitForLoadState('networkidle')
    await p.waitForFunction(() => (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true)
  }

  it('beranda: the heatmap (15 cells with text labels) and the charts (SVG images drawn on the server) are in the server HTML and hydrate cleanly', async () => {
    // server HTML, before any script: the heatmap and the chart images are already there
    const raw = await context.request.get(`${server.url}/?${P2025}`)
    expect(raw.status()).toBe(200)
    expect(raw.headers()['content-security-policy']).toContain("object-src 'none'")
    const html = await raw.text()
    expect(html.match(/class="hm-cell /g)?.length).toBe(15)
    const srcs = [...html.matchAll(/<img class="chart-img" src="([^"]+)" alt="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
    expect(srcs).toHaveLength(5) // 3 radars, bidang bars, trend
    expect(html).not.toContain('recharts-surface') // the SVG is not copied into the page or its data
    expect(html).toContain('lang="id"')
    for (const src of srcs) {
      expect(src).toMatch(/^\/grafik\/(radar-(pengelolaan|layanan|kemitraan)|bar-unit|trend-strategi)\.svg\?tahun=2025&triwulan=4&h=[0-9a-f]{16}$/)
      const img = await context.request.get(server.url + src)
      expect(img.status()).toBe(200)
      expect(img.headers()['content-type']).toBe('image/svg+xml; charset=utf-8')
      expect(img.headers()['cache-control']).toBe('private, max-age=86400, immutable')
      const svg = await img.text()
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*class="recharts-surface"/)
      expect(svg.endsWith('</svg>')).toBe(true)
    }
    // the radar of pengelolaan writes the budaya score on its axis
    const radar = await (await context.request.get(server.url + srcs.find((s) => s.includes('radar-pengelolaan'))!)).text()
    expect(radar).toContain('>Budaya</tspan>')
    expect(radar).toContain('>62,00</tspan>')

    await page.goto(`${server.url}/?${P2025}`)
    await settled(page)
    await expect(page.locator('td.hm-cell').count()).resolves.toBe(15)
    await expect(page.locator('img.chart-img').count()).resolves.toBe(5)
    // every image loaded and decoded as an SVG picture of its drawn size
    const sizes = await page.locator('img.chart-img').evaluateAll((imgs) => imgs.map((i) => [(i as HTMLImageElement).complete, (i as HTMLImageElement).naturalWidth]))
    expect(sizes).toEqual([
      [true, 440],
      [true, 440],
      [true, 440],
      [true, 640],
      [true, 680],
    ])
    const cell = page.locator('td.hm-cell[data-aspect="pengelolaan"][data-strategy="budaya"]')
    const text = await cell.innerText()
    expect(text).toContain('62,00')
    expect(text).toContain('Rendah')
    expect(text).toContain('Perlu perhatian')
    expect(text).toContain('1 indikator')
    expect(await cell.getAttribute('class')).toContain('p-rendah')
    // every chart has its data table behind a toggle
    await expect(page.locator('figure.chart-figure details.chart-data').count()).resolves.toBe(5)
    await page.locator('figure.chart-figure details.chart-data summary').first().click()
    await expect(page.locator('figure.chart-figure details.chart-data[open] table').count()).resolves.toBe(1)
    await screenshot(page, 'beranda-2025')
  })

  it('drill-down: a cell opens the indicators behind it; a meeting note is saved and shown beside the score', async () => {
    await page.goto(`${server.url}/?${P2025}`)
    await settled(page)
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/beranda/sel/pengelolaan/budaya' && u.search === `?${P2025}`),
      page.locator('td.hm-cell[data-aspect="pengelolaan"][data-strategy="budaya"] a').click(),
    ])
    expect(await textWhen(page.locator('h1'), /Pengelolaan × Strategi Budaya/)).toContain('Pengelolaan × Strategi Budaya')
    expect(await textWhen(page.locator('tr[data-indicator="SEK-01"]'), /62,00%/)).toContain('Rendah')
    expect(await page.getByTestId('note-judgement').innerText()).toBe('Kurang')
    await settled(page)

    await page.getByLabel('Baik', { exact: true }).check()
    await page.getByLabel('Rekomendasi').fill('Rencana pelatihan TIK berjenjang disahkan bulan depan.')
    await Promise.all([page.waitForURL((u) => u.searchParams.get('catatan') === 'tersimpan'), page.getByRole('button', { name: 'Simpan catatan' }).click()])
    expect(await textWhen(page.getByTestId('note-judgement'), /^Baik$/)).toBe('Baik')
    expect(await textWhen(page.getByTestId('disagreement'), /Rendah/)).toContain('berbeda dengan skor terhitung 62,00 (Rendah)')
    expect(await page.locator('#catatan .banner-ok').innerText()).toContain('Catatan rapat tersimpan')
    await screenshot(page, 'sel-pengelolaan-budaya')

    // the beranda cell now says so too
    await page.goto(`${server.url}/?${P2025}`)
    await expect(page.locator('td.hm-cell[data-aspect="pengelolaan"][data-strategy="budaya"] .hm-disagree').innerText()).resolves.toContain('Rendah')
  })

  it('presentasi: ← → Home End move between slides, the slide is kept in the URL, Esc goes back to the beranda', async () => {
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.goto(`${server.url}/presentasi?${P2025}`)
    await settled(page)
    await page.waitForSelector('.presentasi.is-slides')
    const total = await page.locator('section.slide').count()
    expect(total).toBeGreaterThanOrEqual(7)
    const active = () => page.locator('section.slide.active').getAttribute('id')
    expect(await active()).toBe('slide-1')
    // body text ≥ 24 px and the app header hidden
    const fontSize = await page.locator('section.slide.active .slide-body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(24)
    await expect(page.locator('.app-header').isVisible()).resolves.toBe(false)
    await screenshot(page, 'presentasi-1280x720-slide1')

    await page.keyboard.press('ArrowRight')
    expect(await active()).toBe('slide-2')
    expect(new URL(page.url()).hash).toBe('#slide-2')
    await expect(page.locator('section.slide.active td.hm-cell').count()).resolves.toBe(15)
    await screenshot(page, 'presentasi-1280x720-matriks')
    await page.keyboard.press('ArrowRight')
    expect(await active()).toBe('slide-3')
    const slideImg = page.locator('section.slide.active img.chart-img')
    await expect(slideImg.count()).resolves.toBe(1)
    await page.waitForFunction(() => {
      const i = document.querySelector('section.slide.active img.chart-img') as HTMLImageElement | null
      return i?.complete === true && i.naturalWidth > 0
    })
    expect(await slideImg.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(720)
    expect(await slideImg.getAttribute('src')).toMatch(/^\/grafik\/slide-radar-pengelolaan\.svg\?/)
    await page.keyboard.press('ArrowLeft')
    expect(await active()).toBe('slide-2')
    await page.keyboard.press('End')
    expect(await active()).toBe(`slide-${total}`)
    expect(new URL(page.url()).hash).toBe(`#slide-${total}`)
    await page.keyboard.press('ArrowRight') // stays on the last slide
    expect(await active()).toBe(`slide-${total}`)
    await page.keyboard.press('Home')
    expect(await active()).toBe('slide-1')

    // a reload keeps the slide
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(new URL(page.url()).hash).toBe('#slide-3')
    await page.reload()
    await settled(page)
    await page.waitForSelector('.presentasi.is-slides')
    expect(await active()).toBe('slide-3')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await screenshot(page, 'presentasi-1920x1080-aspek')
    // the flagged areas with their reasons and the recorded rekomendasi
    const flaggedSlide = await page
      .locator('section.slide')
      .filter({ has: page.locator('h2', { hasText: /^Perlu perhatian/ }) })
      .first()
      .getAttribute('id')
    const n = Number(flaggedSlide!.replace('slide-', ''))
    for (let i = 3; i < n; i++) await page.keyboard.press('ArrowRight')
    expect(await active()).toBe(flaggedSlide)
    const flaggedText = await page.locator('section.slide.active').innerText()
    expect(flaggedText).toContain('Rekomendasi rapat')
    expect(flaggedText).toContain('di bawah 76')
    await screenshot(page, 'presentasi-1920x1080-perhatian')

    await Promise.all([page.waitForURL((u) => u.pathname === '/' && u.search === `?${P2025}`), page.keyboard.press('Escape')])
    await page.locator('.dashboard.beranda').waitFor()
    await expect(page.locator('.presentasi').count()).resolves.toBe(0)
    await expect(page.locator('td.hm-cell').count()).resolves.toBe(15)
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('presentasi without JavaScript is a long page of sections', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } })
    try {
      await noJs.addCookies(await context.cookies())
      const p = await noJs.newPage()
      await p.goto(`${server.url}/presentasi?${P2025}`)
      const sections = p.locator('section.slide')
      const n = await sections.count()
      expect(n).toBeGreaterThanOrEqual(7)
      for (let i = 0; i < n; i++) expect(await sections.nth(i).isVisible()).toBe(true)
      // the period picker is a plain GET form
      const beranda = await noJs.newPage()
      await beranda.goto(`${server.url}/`)
      await beranda.selectOption('#pp-tahun', '2024')
      await beranda.selectOption('#pp-triwulan', '2')
      await Promise.all([beranda.waitForURL((u) => u.searchParams.get('tahun') === '2024'), beranda.getByRole('button', { name: 'Tampilkan' }).click()])
      expect(new URL(beranda.url()).searchParams.get('triwulan')).toBe('2')
      await expect(beranda.locator('.page-sub').innerText()).resolves.toContain('2024 s.d. Triwulan II')
    } finally {
      await noJs.close()
    }
  })

  it('public page: 404 while off; when on, drafts and internal evidence links stay out', async () => {
    const anon = await browser.newContext()
    const anonProblems = await watchProblems(anon)
    try {
      const off = await anon.request.get(`${server.url}/publik`)
      expect(off.status()).toBe(404)
      expect(await off.text()).toContain('belum diaktifkan')

      const db = new Database(server.dbPath)
      db.pragma('busy_timeout = 5000')
      const now = new Date().toISOString().replace('T', ' ').replace('Z', '')
      db.prepare("insert into app_setting (key, value_json, updated_at, updated_by) values ('public_page_enabled', 'true', ?, null)").run(now)
      const id = (code: string) => (db.prepare('select id from indicator where code = ?').get(code) as { id: number }).id
      const p = await anon.newPage()
      await p.goto(`${server.url}/publik?tahun=2026&triwulan=4`)
      const before = await p.locator('tr[data-indicator="IKP-02"]').innerText()

      db.prepare(
        `insert into realisasi (indicator_id, year, quarter, value, tidak_diukur, bukti_text, bukti_link, bukti_internal, kendala, tindak_lanjut, status, return_note, is_late, version, created_at, updated_at)
         values (?, 2026, 4, 987654.321, 0, 'draf', 'https://intranet.example/draf', 0, 'KENDALA-DRAF', null, 'draft', null, 0, 1, ?, ?)`,
      ).run(id('IKP-02'), now, now)
      db.prepare("update realisasi set bukti_link = 'https://intranet.example/rahasia-internal', bukti_internal = 1 where indicator_id = ? and year = 2026 and quarter = 1").run(
        id('INF-01'),
      )
      db.prepare("update realisasi set bukti_link = 'https://ppid.example/bukti-publik', bukti_internal = 0 where indicator_id = ? and year = 2026 and quarter = 2").run(
        id('APL-04'),
      )
      // a change made straight in SQL: raise the data version, as the README tells an administrator
      db.prepare('update data_version set version = version + 1 where id = 0').run()
      db.close()

      const res = await p.goto(`${server.url}/publik?tahun=2026&triwulan=4`)
      expect(res?.status()).toBe(200)
      const html = await p.content()
      expect(html).not.toContain('987654')
      expect(html).not.toContain('987.654')
      expect(html).not.toContain('KENDALA-DRAF')
      expect(html).not.toContain('intranet.example')
      expect(html).toContain('https://ppid.example/bukti-publik')
      expect(await p.locator('tr[data-indicator="IKP-02"]').innerText()).toBe(before)
      await expect(p.locator('td.hm-cell').count()).resolves.toBe(15)
      await expect(p.locator('td.hm-cell a').count()).resolves.toBe(0)
      await screenshot(p, 'publik-2026')
      expect(anonProblems.errors).toEqual([])
    } finally {
      await anon.close()
    }
  })

  it('no console errors, no hydration errors, no CSP violations on any page visited', async () => {
    // the indicator page too
    await page.goto(`${server.url}/perlu-perhatian?${P2025}`)
    await settled(page)
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/indikator/')), page.locator('a[href^="/indikator/"]').first().click()])
    await settled(page)
    expect(await textWhen(page.locator('h1'), /^[A-Z]{3}-\d{2} /)).toMatch(/^[A-Z]{3}-\d{2} /)
    await screenshot(page, 'indikator')
    expect(problems.cspViolations).toEqual([])
    expect(problems.errors).toEqual([])
  })
})
