// HTTP-level security checks against the real production server process (no browser):
// security headers on every HTML response (CSP with a per-response nonce, object-src/base-uri/
// frame-ancestors, nosniff, Referrer-Policy, HSTS), body size limits (413 and the server keeps
// serving), cross-origin POSTs refused, production error pages without stack traces but with a
// request id, the session cookie's flags and entropy, the login limits (429 with Retry-After)
// shared by two app processes through the database and holding under 30 parallel guesses, and a
// malformed session cookie treated as no session.
//
// Needs the production build (`npx remix build`); the test never builds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, startServer, type AppServer } from './support.js'
import { csrfOf, fullOversizedPost, httpLogin, oversizedPost, rawRequest, type RawResponse } from './journey-support.js'
import { createDatabase, type DB } from '../../db/db.server.js'

/**
 * The per-address limit is lowered from 30 to 12 for both processes (LOGIN_IP_MAX_FAILURES), so the
 * spraying check needs 12 scrypt checks within the one-minute window, not 30 (the default 30 is
 * tested on a fake clock in test/integration/security-auth.test.ts).
 */
const LIMITS = { LOGIN_IP_MAX_FAILURES: '12' }

const STACK_LINE = /^\s*at\s+\S.*(\(|:\d+:\d+)/m

function header(res: RawResponse, name: string): string {
  const v = res.headers[name.toLowerCase()]
  return Array.isArray(v) ? v.join(', ') : (v ?? '')
}

describe('HTTP security of the production server', () => {
  let server: AppServer
  let second: AppServer | undefined
  let db: DB
  let base: string
  const cookies: Record<string, string> = {}

  beforeAll(async () => {
    server = await startServer({ env: { SEED_DEMO: 'true', TRUST_PROXY: '127.0.0.1', ...LIMITS } }) // the tests play clients behind a proxy (X-Forwarded-For)
    base = server.url
    db = createDatabase(server.dbPath)
    for (const u of ['kadis', 'kabid.ikp', 'perencanaan', 'auditor', 'admin']) {
      const r = await httpLogin(base, u, DEMO_PASSWORD)
      expect(r.status, `login ${u}`).toBe(302)
      cookies[u] = r.cookie!
    }
  })

  afterAll(async () => {
    await second?.stop().catch(() => undefined)
    await db?.destroy().catch(() => undefined)
    await server?.stop()
  })

  /** A second app process on the same SQLite file, with production defaults (no COOKIE_SECURE override). */
  async function secondProcess(): Promise<AppServer> {
    second ??= await startServer({ env: { DATABASE_URL: server.dbPath, SEED_DEMO: 'false', COOKIE_SECURE: '', TRUST_PROXY: '127.0.0.1', ...LIMITS } })
    return second
  }

  const get = (path: string, user?: string, headers: Record<string, string> = {}) =>
    rawRequest(`${base}${path}`, { headers: { ...(user ? { Cookie: cookies[user]! } : {}), ...headers } })

  function expectSecurityHeaders(res: RawResponse, what: string) {
    expect(header(res, 'content-type'), what).toMatch(/^text\/html/)
    const csp = header(res, 'content-security-policy')
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    )
    expect(directives.get('object-src'), `${what}: object-src`).toEqual(["'none'"])
    expect(directives.get('base-uri'), `${what}: base-uri`).toEqual(["'none'"])
    expect(directives.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"])
    const script = directives.get('script-src') ?? directives.get('default-src') ?? []
    expect(script, `${what}: script-src`).not.toContain("'unsafe-inline'")
    expect(script, `${what}: script-src`).not.toContain("'unsafe-eval'")
    const nonce = script.find((s) => s.startsWith("'nonce-"))
    expect(nonce, `${what}: a nonce in script-src`).toMatch(/^'nonce-[A-Za-z0-9+/=_-]{16,}'$/)
    expect(header(res, 'x-content-type-options'), what).toBe('nosniff')
    expect(header(res, 'referrer-policy'), what).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/)
    const hsts = /max-age=(\d+)/.exec(header(res, 'strict-transport-security'))
    expect(Number(hsts?.[1] ?? 0), `${what}: HSTS`).toBeGreaterThanOrEqual(15_552_000) // ≥ 180 days
    // every <script> carries this response's nonce: nothing inline runs without it
    const value = nonce!.slice("'nonce-".length, -1)
    const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    for (const s of scripts) expect(s, `${what}: ${s}`).toContain(`nonce="${value}"`)
    return value
  }

  it('every HTML page — signed out, each role, 403, 404 and 500 — carries the security headers; nonces are fresh per response', async () => {
    const pages: [string, string | undefined, number][] = [
      ['/login', undefined, 200],
      ['/', 'kadis', 200],
      ['/?tahun=2025&triwulan=4', 'kadis', 200],
      ['/perlu-perhatian', 'kadis', 200],
      ['/presentasi', 'kadis', 200],
      ['/beranda/sel/pengelolaan/budaya', 'kadis', 200],
      ['/renstra', 'kadis', 200],
      ['/realisasi', 'kabid.ikp', 200],
      ['/akun', 'kabid.ikp', 200],
      ['/verifikasi', 'perencanaan', 200],
      ['/laporan', 'auditor', 200],
      ['/audit', 'auditor', 200],
      ['/admin/pengaturan', 'admin', 200],
      ['/admin/pengguna', 'admin', 200],
      ['/verifikasi', 'kabid.ikp', 403],
      ['/admin/pengaturan', 'auditor', 403],
      ['/halaman-yang-tidak-ada', 'kadis', 404],
      ['/halaman-yang-tidak-ada', undefined, 404],
      ['/indikator/999999', 'kadis', 404],
    ]
    const nonces = new Set<string>()
    for (const [path, user, status] of pages) {
      const res = await get(path, user)
      expect(res.status, `${path} as ${user ?? 'anonymous'}`).toBe(status)
      nonces.add(expectSecurityHeaders(res, `${path} as ${user ?? 'anonymous'} (${status})`))
    }
    // a 500 (a form body that cannot be parsed) too
    const broken = await rawRequest(`${base}/login`, { method: 'POST', headers: { Origin: base, 'Content-Type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nrusak' })
    expect(broken.status).toBe(500)
    nonces.add(expectSecurityHeaders(broken, 'POST /login 500'))
    expect(nonces.size).toBe(pages.length + 1)
    // static assets: nosniff too
    const js = /<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/.exec((await get('/login')).body)?.[1]
    expect(js).toBeTruthy()
    const asset = await get(js!)
    expect(asset.status).toBe(200)
    expect(header(asset, 'x-content-type-options')).toBe('nosniff')
  })

  it('even a request Express refuses itself (malformed percent-encoding) gets the headers, in Indonesian, without a stack trace', async () => {
    const res = await get('/indikator/%E0%A4%A', 'kadis')
    expect(res.status).toBe(400)
    expect(res.body).not.toMatch(STACK_LINE)
    expect(res.body).not.toContain('URIError')
    const csp = header(res, 'content-security-policy')
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect.soft(csp, `CSP of the Express error page: ${d}`).toContain(d)
    expect.soft(header(res, 'x-content-type-options'), 'nosniff on the Express error page').toBe('nosniff')
    expect.soft(header(res, 'strict-transport-security'), 'HSTS on the Express error page').toMatch(/max-age=\d+/)
    expect.soft(res.body, 'Express error page in English').not.toContain('Bad Request')
    expect.soft(res.body, 'Express error page in Indonesian').toMatch(/tidak valid|tidak dapat diproses|kesalahan/i)
  })

  it('oversized bodies: 2 MB to /login and 6 MB to /impor/realisasi → 413 from the header alone; the server keeps serving', async () => {
    const login = await oversizedPost(`${base}/login`, 2 * 1024 * 1024, { Origin: base })
    expect(login.status).toBe(413)
    expect(login.body).toMatch(/melebihi batas 1 MB/)
    const upload = await oversizedPost(`${base}/impor/realisasi`, 6 * 1024 * 1024, {
      Origin: base,
      Cookie: cookies['kabid.ikp']!,
      'Content-Type': 'multipart/form-data; boundary=x',
    })
    expect(upload.status).toBe(413)
    expect(upload.body).toMatch(/melebihi batas 5 MB/)
    // a chunked body without a length is refused rather than read without bound
    const chunked = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ default: http }) => {
        const u = new URL(`${base}/login`)
        const req = http.request(
          {
            host: u.hostname,
            port: u.port,
            path: u.pathname,
            method: 'POST',
            headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
            agent: false,
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        req.write('username=a')
      })
    })
    expect([411, 413]).toContain(chunked)
    // still serving, and the session still works
    expect((await get('/login')).status).toBe(200)
    expect((await get('/realisasi', 'kabid.ikp')).status).toBe(200)
  })

  it('a client that sends a whole 6 MB upload still reads the 413 (not a connection reset), six times in a row', async () => {
    const results: (number | string)[] = []
    for (let i = 0; i < 6; i++) {
      const r = await fullOversizedPost(`${base}/impor/realisasi`, 6 * 1024 * 1024, { Origin: base, Cookie: cookies['kabid.ikp']! })
      results.push('error' in r ? r.error : r.status)
    }
    expect(results).toEqual([413, 413, 413, 413, 413, 413])
    expect((await get('/login')).status).toBe(200)
  })

  it('a cross-origin POST is refused with 403: to /login, and to /realisasi even with a valid session and CSRF token (nothing written)', async () => {
    const form = new URLSearchParams({ username: 'kadis', password: DEMO_PASSWORD }).toString()
    const type = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const evil = await rawRequest(`${base}/login`, { method: 'POST', headers: { ...type, Origin: 'http://evil.example' }, body: form })
    expect.soft(evil.status, 'foreign Origin on /login').toBe(403)
    expect(evil.headers['set-cookie']).toBeUndefined()
    const site = await rawRequest(`${base}/login`, { method: 'POST', headers: { ...type, 'Sec-Fetch-Site': 'cross-site' }, body: form })
    expect(site.status).toBe(403)
    const none = await rawRequest(`${base}/login`, { method: 'POST', headers: type, body: form })
    expect(none.status).toBe(403) // neither Origin nor Sec-Fetch-Site: refused

    const csrf = await csrfOf(base, cookies['kabid.ikp']!)
    const ind = await db.selectFrom('indicator').select('id').where('code', '=', 'IKP-02').executeTakeFirstOrThrow()
    const body = new URLSearchParams({
      _csrf: csrf,
      tahun: '2026',
      triwulan: '4',
      row: String(ind.id),
      [`r.${ind.id}.value`]: '123',
      [`r.${ind.id}.version`]: '',
      intent: `simpan:${ind.id}`,
    }).toString()
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('realisasi')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    const cross = await rawRequest(`${base}/realisasi`, { method: 'POST', headers: { ...type, Origin: 'http://evil.example', Cookie: cookies['kabid.ikp']! }, body })
    expect.soft(cross.status, 'foreign Origin on /realisasi with session and token').toBe(403)
    const crossSite = await rawRequest(`${base}/realisasi`, { method: 'POST', headers: { ...type, 'Sec-Fetch-Site': 'cross-site', Cookie: cookies['kabid.ikp']! }, body })
    expect(crossSite.status, 'Sec-Fetch-Site: cross-site on /realisasi').toBe(403)
    const noToken = await rawRequest(`${base}/realisasi`, {
      method: 'POST',
      headers: { ...type, Origin: base, Cookie: cookies['kabid.ikp']! },
      body: body.replace(/_csrf=[^&]+/, '_csrf=salah'),
    })
    expect(noToken.status).toBe(403)
    expect(await count()).toBe(before)
    // the same request from the app's own origin is accepted (so the 403s above are about the origin/token)
    const ok = await rawRequest(`${base}/realisasi`, { method: 'POST', headers: { ...type, Origin: base, Cookie: cookies['kabid.ikp']! }, body })
    expect([200, 302, 303]).toContain(ok.status)
    expect(await count()).toBe(before + 1)
  })

  it('production errors: 500s show an Indonesian message and the request id, never a stack trace, and the server log has the id; a 404 is Indonesian too', async () => {
    const csrf = await csrfOf(base, cookies['kabid.ikp']!)
    const broken = (path: string, cookie?: string) =>
      rawRequest(`${base}${path}`, {
        method: 'POST',
        headers: { Origin: base, 'Content-Type': 'multipart/form-data; boundary=zzz', ...(cookie ? { Cookie: cookie } : {}) },
        body: `--zzz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--zzz\r\nrusak`,
      })
    // an unexpected error in a page's action (its own error boundary) and in /login (the root's)
    for (const [path, cookie] of [
      ['/realisasi', cookies['kabid.ikp']],
      ['/login', undefined],
    ] as const) {
      const res = await broken(path, cookie)
      expect(res.status, path).toBe(500)
      const id = header(res, 'x-request-id').split(',')[0]!.trim()
      expect(id, path).toMatch(/^[0-9a-f-]{36}$/)
      expect(res.body, path).toContain('Terjadi kesalahan')
      expect(res.body, path).not.toMatch(STACK_LINE)
      expect(res.body, path).not.toMatch(/TypeError|node_modules|FormData|\.ts:\d+/)
      await new Promise((r) => setTimeout(r, 200))
      expect(server.output(), path).toContain(`[${id}] POST ${path}`)
      // the page names the request id so a user can report it
      expect.soft(res.body, `${path}: 500 page names the request id`).toContain('Kode permintaan')
      expect.soft(res.body, `${path}: 500 page names the request id`).toContain(id)
    }

    const missing = await get('/indikator/999999', 'kadis')
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('Indikator tidak ditemukan')
    expect(missing.body).not.toMatch(STACK_LINE)
    expect(header(missing, 'x-request-id')).toMatch(/^[0-9a-f-]{36}/)
    const nowhere = await get('/tidak/ada/di/sini', 'kadis')
    expect(nowhere.status).toBe(404)
    expect(nowhere.body).toMatch(/Tidak ditemukan|tidak ditemukan/)
    expect(nowhere.body).not.toMatch(STACK_LINE)
  })

  it('the session cookie: HttpOnly, SameSite=Lax, Path=/, a fresh 128-bit random id per login; Secure when production runs with its defaults', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const r = await httpLogin(base, 'auditor', DEMO_PASSWORD, { 'X-Forwarded-For': `198.51.100.${i + 1}` })
      expect(r.status).toBe(302)
      const attrs = r.setCookie!.split(';').map((s) => s.trim())
      expect(attrs).toContain('HttpOnly')
      expect(attrs).toContain('SameSite=Lax')
      expect(attrs).toContain('Path=/')
      expect(attrs).not.toContain('Secure') // this server runs with COOKIE_SECURE=false (plain http on loopback)
      const value = r.cookie!.slice('sesi='.length)
      expect(value).toMatch(/^[A-Za-z0-9_-]{22}$/) // 16 bytes = 128 bits, base64url
      expect(Buffer.from(value, 'base64url')).toHaveLength(16)
      ids.add(value)
    }
    expect(ids.size).toBe(3)
    // logging in again with an existing session gives a new id and ends the old one
    const again = await httpLogin(base, 'auditor', DEMO_PASSWORD, { Cookie: `sesi=${[...ids][0]}` })
    expect(again.cookie).not.toBe(`sesi=${[...ids][0]}`)
    const old = await get('/laporan', undefined, { Cookie: `sesi=${[...ids][0]}` })
    expect(old.status).toBe(302)
    expect(header(old, 'location')).toMatch(/^\/login/)

    // a second app process on the same database, with production defaults (no COOKIE_SECURE override)
    const secure = await httpLogin((await secondProcess()).url, 'auditor', DEMO_PASSWORD, { 'X-Forwarded-For': '198.51.100.9' })
    expect(secure.status).toBe(302)
    expect(secure.setCookie!.split(';').map((s) => s.trim())).toContain('Secure')
    // sessions are rows in the shared database: a session made by one process works on the other
    expect((await rawRequest(`${base}/laporan`, { headers: { Cookie: secure.cookie! } })).status).toBe(200)
  })

  it('login limits over real HTTP: 10 failures for one (account, address) pair → 429 with Retry-After on both app processes (counted in the database); the account itself is only slowed; the per-address limit (set to 12 here) → 429', async () => {
    const other = (await secondProcess()).url
    const attempt = (url: string, username: string, password: string, ip: string) => httpLogin(url, username, password, { 'X-Forwarded-For': ip })
    const wrong = 'SalahSekali#1'
    // unknown user and wrong password get the same answer
    const unknown = await attempt(base, 'tidak.ada', wrong, '192.0.2.200')
    const badPassword = await attempt(base, 'sekretaris', wrong, '192.0.2.201')
    expect(unknown.status).toBe(401)
    expect(badPassword.status).toBe(401)
    const message = (r: RawResponse) => /id="login-error"[^>]*>([^<]+)</.exec(r.body)?.[1]
    expect(message(unknown.response)).toBe('Nama pengguna atau kata sandi salah.')
    expect(message(badPassword.response)).toBe(message(unknown.response))

    // ten failures for one account from one address, half on each process (sent at once: the
    // one-minute window must still hold them all when the 11th comes, even on a slow machine)
    const ip = '192.0.2.1'
    const failures = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i % 2 ? other : base, 'kadis', wrong, ip)))
    expect(failures.map((r) => r.status)).toEqual(Array(10).fill(401))
    const blocked = await attempt(base, 'kadis', DEMO_PASSWORD, ip) // even the right password
    expect(blocked.status).toBe(429)
    // Retry-After in seconds (1–60: the window is one minute)
    expect.soft(header(blocked.response, 'retry-after'), 'Retry-After header on the 429').toMatch(/^([1-9]|[1-5]\d|60)$/)
    expect(blocked.cookie).toBeNull()
    expect(message(blocked.response)).toMatch(/Terlalu banyak percobaan masuk yang gagal\. Coba lagi dalam \d+ detik\./)
    expect((await attempt(other, 'kadis', DEMO_PASSWORD, ip)).status).toBe(429)
    const rows = await db.selectFrom('login_attempt').select(['success', 'evaluated', 'refused']).where('username', '=', 'kadis').where('ip', '=', ip).execute()
    expect(rows).toHaveLength(12)
    expect(rows.filter((r) => r.evaluated === 1 && r.success === 0)).toHaveLength(10)
    expect(rows.filter((r) => r.refused === 1 && r.evaluated === 0)).toHaveLength(2)
    // the account is not locked everywhere: after the account's delay (1 s after the 10th failure)
    // its owner signs in from another address
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await attempt(other, 'kadis', DEMO_PASSWORD, '192.0.2.50')).status).toBe(302)

    // twelve failures (the limit set for this server) from one address with different usernames,
    // sent at once over both processes → that address is refused
    const spray = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? other : base, `tamu${i}`, wrong, '203.0.113.77')))
    expect(spray.map((r) => r.status)).toEqual(Array(12).fill(401))
    const ipBlocked = await attempt(base, 'perencanaan', DEMO_PASSWORD, '203.0.113.77')
    expect(ipBlocked.status).toBe(429)
    expect.soft(header(ipBlocked.response, 'retry-after'), 'Retry-After header on the 429').toMatch(/^([1-9]|[1-5]\d|60)$/)
    // another address and another account are not affected
    expect((await attempt(base, 'perencanaan', DEMO_PASSWORD, '203.0.113.78')).status).toBe(302)
  }, 240_000)

  it('parallel guesses over real HTTP: 30 attempts at once to one account from one address, over two processes → at most 10 passwords checked; the right one sent last does not sign in', async () => {
    const other = (await secondProcess()).url
    const ip = '192.0.2.99'
    const passwords = Array.from({ length: 30 }, (_, i) => (i === 29 ? DEMO_PASSWORD : `SalahParalel#${i}`))
    // the right password goes last, to the first process (after 14 of that process's own guesses)
    const results = await Promise.all(passwords.map((password, i) => httpLogin(i % 2 && i !== 29 ? other : base, 'kabid.ikp', password, { 'X-Forwarded-For': ip })))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 302)).toHaveLength(0)
    expect(statuses[29]).toBe(429)
    expect(results.every((r) => r.cookie === null)).toBe(true)
    const rows = await db.selectFrom('login_attempt').select(['evaluated', 'refused']).where('username', '=', 'kabid.ikp').where('ip', '=', ip).execute()
    expect(rows).toHaveLength(30)
    expect(rows.filter((r) => r.evaluated === 1).length).toBeLessThanOrEqual(10)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10)
    expect(rows.filter((r) => r.refused === 1).length).toBe(statuses.filter((s) => s === 429).length)
  }, 240_000)

  it('a malformed session cookie is no session: pages redirect to /login, the login page answers (never a 500)', async () => {
    for (const cookie of ['sesi=%E0%A4%A', 'sesi=%']) {
      const home = await get('/', undefined, { Cookie: cookie })
      expect(home.status, cookie).toBe(302)
      expect(header(home, 'location'), cookie).toMatch(/^\/login/)
      const page = await get('/realisasi', undefined, { Cookie: cookie })
      expect(page.status, cookie).toBe(302)
      expect(header(page, 'location'), cookie).toBe(`/login?redirectTo=${encodeURIComponent('/realisasi')}`)
      const login = await get('/login', undefined, { Cookie: cookie })
      expect(login.status, cookie).toBe(200)
      expect(login.body).toContain('id="username"')
    }
  })
})
