// A kepala bidang's day on a phone, and accessibility everywhere: at 390 px the menu collapses
// and no page scrolls sideways; axe-core (WCAG 2.0/2.1 A and AA, best practice) finds no violation
// on the main pages at 1366 px and at 390 px. axe is injected into a context with bypassCSP (the
// app's CSP would block the injected script, as it should). Production build (`npx remix build`),
// on SQLite and — with TEST_MYSQL_URL — on MariaDB (a fresh database per run: mysql2 returns
// DECIMAL as strings, so the pages are rendered from differently typed data).
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { HAS_CHROMIUM, launchBrowser, login } from './support.js'
import { SERVER_DB_KINDS, settled, startDemoServer, type DemoServer } from './journey-support.js'

const require = createRequire(import.meta.url)
const AXE = require.resolve('axe-core/axe.min.js')
const CELL = '/beranda/sel/pengelolaan/budaya'

/** Who opens which page (each role sees its own menu). */
const PAGES: Array<[user: string | null, path: string]> = [
  [null, '/login'],
  ['kabid.ikp', '/'],
  ['kabid.ikp', '/realisasi'],
  ['kabid.ikp', CELL],
  ['perencanaan', '/verifikasi'],
  ['kadis', '/perlu-perhatian'],
  ['kadis', '/presentasi'],
  ['auditor', '/laporan'],
  ['auditor', '/audit'],
  ['kadis', '/'],
  ['kadis', CELL],
]

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    return r.violations
  })) as AxeViolation[]
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  )
}

describe.skipIf(!HAS_CHROMIUM).each(SERVER_DB_KINDS)('phone layout and accessibility (Chromium, production build) on %s', (kind) => {
  let app: DemoServer
  let server: DemoServer['server']
  let browser: Browser
  const contexts = new Map<string, BrowserContext>()

  beforeAll(async () => {
    app = await startDemoServer(kind)
    server = app.server
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts.values()) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await app?.stop()
  })

  /** One signed-in context per user and width (cookies kept). */
  async function pageFor(user: string | null, width: number): Promise<Page> {
    const k = `${user ?? 'tamu'}@${width}`
    let c = contexts.get(k)
    if (!c) {
      c = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, locale: 'id-ID', bypassCSP: true, isMobile: width < 500, hasTouch: width < 500 })
      contexts.set(k, c)
      if (user) await login(await c.newPage(), server.url, user)
    }
    return c.pages()[0] ?? c.newPage()
  }

  it('390 px: no page scrolls sideways', async () => {
    const wide: string[] = []
    for (const [user, path] of PAGES) {
      if (!['/', '/realisasi', CELL, '/login', '/verifikasi'].includes(path)) continue
      const page = await pageFor(user, 390)
      await page.goto(`${server.url}${path}`)
      await settled(page)
      const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }))
      if (m.sw > m.iw) wide.push(`${user} ${path}: scrollWidth ${m.sw} > innerWidth ${m.iw}`)
    }
    expect(wide).toEqual([])
  })

  it('390 px: the menu collapses behind a "Menu" button and opens with it', async () => {
    const page = await pageFor('kabid.ikp', 390)
    await page.goto(`${server.url}/realisasi`)
    await settled(page)
    const header = await page.locator('header.app-header').boundingBox()
    expect(header!.height).toBeLessThan(80)
    const toggle = page.getByRole('button', { name: 'Menu' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('nav.main-nav a', { hasText: 'Input Realisasi' }).isVisible()).toBe(false)
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await page.locator('nav.main-nav a', { hasText: 'Beranda' }).click()
    await page.waitForURL((u) => u.pathname === '/')
    await settled(page)
    // closed after choosing (React commits the close a moment after the router is idle: poll)
    await expect.poll(() => page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'), { timeout: 5000 }).toBe('false')
  })

  for (const width of [1366, 390]) {
    for (const [user, path] of PAGES) {
      it(`axe-core at ${width} px: no violation on ${path} (${user ?? 'tanpa sesi'})`, async () => {
        const page = await pageFor(user, width)
        await page.goto(`${server.url}${path}`)
        await settled(page)
        expect(await axeViolations(page)).toEqual([])
      })
    }
  }
})
