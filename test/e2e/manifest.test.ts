// A kepala bidang can install the app on a phone's home screen (issue 13 item 7, ADR 0014): the
// web app manifest is served as application/manifest+json, parses, names icons that exist with
// the sizes it declares, is linked from every page, is accepted by the CSP, and Chromium reads it
// without errors and finds nothing that stops an install. Production build (`npx remix build`).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAS_CHROMIUM, login, watchProblems } from './support.js'
import { SERVER_DB_KINDS, rawRequest, settled, startDemoServer, type DemoServer } from './journey-support.js'

interface Manifest {
  name: string
  short_name: string
  lang: string
  start_url: string
  scope: string
  display: string
  icons: { src: string; sizes: string; type: string }[]
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(body: Buffer): string {
  expect(body.subarray(1, 4).toString('latin1')).toBe('PNG')
  return `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`
}

function get(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return fetch(url).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', body: Buffer.from(await r.arrayBuffer()) }))
}

describe.each(SERVER_DB_KINDS)('web app manifest (production build) on %s', (kind) => {
  let app: DemoServer
  let base: string
  beforeAll(async () => {
    app = await startDemoServer(kind)
    base = app.server.url
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('/manifest.webmanifest is served as application/manifest+json and parses; its icons exist with the declared sizes', async () => {
    const res = await get(`${base}/manifest.webmanifest`)
    expect(res.status).toBe(200)
    expect(res.type).toMatch(/^application\/manifest\+json/)
    const m = JSON.parse(res.body.toString('utf8')) as Manifest
    expect(m).toMatchObject({ name: 'Dasbor Kinerja Strategi', short_name: 'Kinerja', lang: 'id', start_url: '/', scope: '/', display: 'standalone' })
    const png = m.icons.filter((i) => i.type === 'image/png')
    expect(png.map((i) => i.sizes).sort()).toEqual(['192x192', '512x512'])
    for (const icon of m.icons) {
      const r = await get(`${base}${icon.src}`)
      expect(r.status, icon.src).toBe(200)
      expect(r.type, icon.src).toContain(icon.type)
      if (icon.type === 'image/png') expect(pngSize(r.body), icon.src).toBe(icon.sizes)
    }
  })

  it('every page links it, also without a session (the login page) and on an error page', async () => {
    for (const p of ['/login', '/tidak-ada-halaman-ini']) {
      const res = await rawRequest(`${base}${p}`)
      expect(res.body, p).toContain('<link rel="manifest" href="/manifest.webmanifest"/>')
      expect(res.body, p).toContain('<meta name="theme-color" content="#0b4f8a"/>')
    }
  })

  it.skipIf(!HAS_CHROMIUM)('Chromium reads it without errors or CSP violations and reports nothing that prevents installing (no service worker needed)', async () => {
    // a persistent profile: Chromium refuses to install from an incognito context, which is what
    // an ordinary Playwright context is
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-pwa-'))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 390, height: 844 },
      locale: 'id-ID',
    })
    try {
      const problems = await watchProblems(context)
      const page = context.pages()[0] ?? (await context.newPage())
      await login(page, base, 'kabid.ikp')
      await page.goto(`${base}/realisasi`)
      await settled(page)
      const cdp = await context.newCDPSession(page)
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] }
      expect(manifest.url).toBe(`${base}/manifest.webmanifest`)
      expect(manifest.errors).toEqual([])
      const installable = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }
      expect(installable.installabilityErrors).toEqual([])
      expect(problems.cspViolations).toEqual([])
      expect(problems.errors).toEqual([])
    } finally {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  })
})
