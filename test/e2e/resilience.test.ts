// The production server over real HTTP: private answers are never stored by a cache, forwarded
// headers count only from a proxy TRUST_PROXY names, and a database outage is a 503 page in
// Indonesian (the real cause in the log) from which the server recovers without a restart.
//
// Needs the production build (`npx remix build`); the test never builds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, startServer, type AppServer } from './support.js'
import { createMysqlDatabase, httpLogin, rawRequest, type RawResponse } from './journey-support.js'
import { createDatabase, type DB } from '../../db/db.server.js'
import { startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js'

const header = (res: RawResponse, name: string) => {
  const v = res.headers[name.toLowerCase()]
  return Array.isArray(v) ? v.join(', ') : (v ?? '')
}

describe('private answers and proxy headers (SQLite)', () => {
  let plain: AppServer
  let proxied: AppServer
  let db: DB
  const cookies: Record<string, string> = {}

  beforeAll(async () => {
    plain = await startServer({ env: { SEED_DEMO: 'true' } })
    // a second process on the same database, as it runs behind a reverse proxy on this machine
    proxied = await startServer({ env: { DATABASE_URL: plain.dbPath, SEED_DEMO: 'false', TRUST_PROXY: '127.0.0.1' } })
    db = createDatabase(plain.dbPath)
    for (const u of ['kabid.ikp', 'perencanaan', 'auditor', 'admin', 'kadis']) {
      const r = await httpLogin(plain.url, u, DEMO_PASSWORD)
      expect(r.status, `login ${u}`).toBe(302)
      cookies[u] = r.cookie!
    }
  })
  afterAll(async () => {
    await db?.destroy().catch(() => undefined)
    await proxied?.stop()
    await plain?.stop()
  })

  it('every signed-in page, its data request and the login page send Cache-Control: no-store', async () => {
    const pages: Array<[string, string]> = [
      ['kadis', '/'],
      ['kadis', '/perlu-perhatian'],
      ['kadis', '/presentasi'],
      ['kadis', '/renstra'],
      ['kabid.ikp', '/realisasi'],
      ['kabid.ikp', '/akun'],
      ['perencanaan', '/verifikasi'],
      ['auditor', '/audit'],
      ['auditor', '/laporan'],
      ['admin', '/admin/pengguna'],
      ['admin', '/admin/pengaturan'],
    ]
    for (const [user, path] of pages) {
      const res = await rawRequest(`${plain.url}${path}`, { headers: { Cookie: cookies[user]! } })
      expect(res.status, `${user} ${path}`).toBe(200)
      expect(header(res, 'cache-control'), `${user} ${path}`).toMatch(/no-store/)
      // the single-fetch data request behind client-side navigation
      const data = await rawRequest(`${plain.url}${path === '/' ? '/_root' : path}.data`, { headers: { Cookie: cookies[user]! } })
      expect(data.status, `${user} ${path}.data`).toBe(200)
      expect(header(data, 'cache-control'), `${user} ${path}.data`).toMatch(/no-store/)
    }
    const login = await rawRequest(`${plain.url}/login`)
    expect(header(login, 'cache-control')).toMatch(/no-store/)
  })

  async function lastAttemptIp(username: string): Promise<string> {
    const row = await db.selectFrom('login_attempt').select(['ip']).where('username', '=', username).orderBy('id', 'desc').executeTakeFirstOrThrow()
    return row.ip
  }

  it('without TRUST_PROXY, X-Forwarded-For from loopback is ignored: the attempt is counted for the real peer', async () => {
    const r = await httpLogin(plain.url, 'pimpinan.tamu', 'salah-sandi-1', { 'X-Forwarded-For': '198.51.100.7' })
    expect(r.status).toBe(401)
    expect(await lastAttemptIp('pimpinan.tamu')).toMatch(/127\.0\.0\.1$/)
  })

  it('with TRUST_PROXY naming the proxy, X-Forwarded-For is the client', async () => {
    const r = await httpLogin(proxied.url, 'pimpinan.tamu2', 'salah-sandi-1', { 'X-Forwarded-For': '198.51.100.8' })
    expect(r.status).toBe(401)
    expect(await lastAttemptIp('pimpinan.tamu2')).toBe('198.51.100.8')
  })

  it('without TRUST_PROXY, X-Forwarded-Host cannot make a foreign Origin look like ours (403); behind the named proxy it can', async () => {
    const body = new URLSearchParams({ username: 'x', password: 'y', redirectTo: '/' }).toString()
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://penyerang.example', 'X-Forwarded-Host': 'penyerang.example' }
    const refused = await rawRequest(`${plain.url}/login`, { method: 'POST', headers, body })
    expect(refused.status).toBe(403)
    const viaProxy = await rawRequest(`${proxied.url}/login`, { method: 'POST', headers, body })
    expect(viaProxy.status).toBe(401) // reached the login check: the forwarded host is the proxy's word
  })
})

describe.runIf(!!process.env.TEST_MYSQL_URL)('a database outage over HTTP (MariaDB behind a TCP proxy)', () => {
  let mysql: { url: string; drop: () => Promise<void> }
  let proxy: TcpProxy
  let server: AppServer
  let cookie: string

  beforeAll(async () => {
    mysql = await createMysqlDatabase()
    const target = new URL(mysql.url)
    proxy = await startTcpProxy(target.hostname, Number(target.port || 3306))
    server = await startServer({ env: { SEED_DEMO: 'true', DATABASE_URL: throughProxy(mysql.url, proxy.port) } })
    const r = await httpLogin(server.url, 'kabid.ikp', DEMO_PASSWORD)
    expect(r.status).toBe(302)
    cookie = r.cookie!
  })
  afterAll(async () => {
    await server?.stop()
    await proxy?.close()
    await mysql?.drop()
  })

  it('down → 503 page in Indonesian with Retry-After and the request id, the cause in the log; back → 200 without a restart', async () => {
    const ok = await rawRequest(`${server.url}/realisasi`, { headers: { Cookie: cookie } })
    expect(ok.status).toBe(200)

    await proxy.down()
    const page = await rawRequest(`${server.url}/realisasi`, { headers: { Cookie: cookie } })
    expect(page.status).toBe(503)
    expect(page.body).toContain('Basis data tidak dapat dihubungi')
    expect(page.body).toContain('isian Anda tidak hilang')
    expect(Number(header(page, 'retry-after'))).toBeGreaterThan(0)
    expect(header(page, 'cache-control')).toMatch(/no-store/)
    expect(header(page, 'content-security-policy')).toContain("object-src 'none'")
    const requestId = header(page, 'x-request-id')
    expect(page.body).toContain(requestId)
    expect(page.body).not.toMatch(/^\s*at\s+\S.*:\d+:\d+/m)
    const data = await rawRequest(`${server.url}/realisasi.data`, { headers: { Cookie: cookie } })
    expect(data.status).toBe(503)
    expect(server.output()).toMatch(new RegExp(`\\[${requestId}\\] GET /realisasi basis data tidak dapat dihubungi: .*(ECONNREFUSED|PROTOCOL_CONNECTION_LOST|ECONNRESET)`))

    await proxy.up()
    const back = await rawRequest(`${server.url}/realisasi`, { headers: { Cookie: cookie } })
    expect(back.status).toBe(200)
  })

  it('pooled connections that died silently: the next page still answers 200', async () => {
    // several pages at once leave several idle connections in the pool
    await Promise.all(['/', '/realisasi', '/renstra', '/perlu-perhatian'].map((p) => rawRequest(`${server.url}${p}`, { headers: { Cookie: cookie } })))
    proxy.poison()
    const res = await rawRequest(`${server.url}/realisasi`, { headers: { Cookie: cookie } })
    expect(res.status).toBe(200)
    expect(proxy.resets()).toBeGreaterThanOrEqual(1)
  })
})
