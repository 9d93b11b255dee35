// Helpers for the end-to-end journeys and the HTTP security tests (on top of ./support.ts):
// a fresh database for the server process on SQLite or on MariaDB/MySQL (TEST_MYSQL_URL), a
// Kysely handle on the same database for assertions, waiting for Remix navigations, and raw
// HTTP requests for what a browser cannot send (oversized bodies, forged origins).
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { createPool } from 'mysql2/promise'
import type { Page } from 'playwright-core'
import { createDatabase, type DB } from '../../db/db.server.js'
import { startServer, type AppServer } from './support.js'

export type ServerDbKind = 'sqlite' | 'mysql'

/** SQLite always; MariaDB/MySQL too when TEST_MYSQL_URL is set. */
export const SERVER_DB_KINDS: ServerDbKind[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite']

export interface DemoServer {
  kind: ServerDbKind
  server: AppServer
  /** A second connection to the server's database, for arranging and asserting. */
  db: DB
  /** The DATABASE_URL the server runs on (a file path for SQLite). */
  databaseUrl: string
  stop: () => Promise<void>
}

/** A fresh, empty database on the MariaDB/MySQL server of TEST_MYSQL_URL (dropped by the returned function). */
export async function createMysqlDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_MYSQL_URL
  if (!base) throw new Error('TEST_MYSQL_URL is not set')
  const name = `e2e_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = createPool({ uri: base, connectionLimit: 1 })
  await admin.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
  await admin.end()
  const u = new URL(base)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    drop: async () => {
      const a = createPool({ uri: base, connectionLimit: 1 })
      await a.query(`drop database if exists \`${name}\``)
      await a.end()
    },
  }
}

/**
 * Starts the production server (NODE_ENV=production, COOKIE_SECURE=false, SEED_DEMO=true) on a
 * fresh demo database of the given kind and opens a second connection to it.
 */
export async function startDemoServer(kind: ServerDbKind, env: Record<string, string> = {}): Promise<DemoServer> {
  let mysql: { url: string; drop: () => Promise<void> } | null = null
  if (kind === 'mysql') mysql = await createMysqlDatabase()
  let server: AppServer
  try {
    server = await startServer({ env: { SEED_DEMO: 'true', ...(mysql ? { DATABASE_URL: mysql.url } : {}), ...env } })
  } catch (e) {
    await mysql?.drop()
    throw e
  }
  const databaseUrl = mysql ? mysql.url : server.dbPath
  const db = createDatabase(databaseUrl)
  return {
    kind,
    server,
    db,
    databaseUrl,
    stop: async () => {
      await db.destroy().catch(() => undefined)
      await server.stop()
      await mysql?.drop()
    },
  }
}

/** Waits until React has hydrated (the root's mark: restored drafts rendered) and Remix has no navigation, fetcher or page-driven save in flight. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const r = (
      window as unknown as {
        __remixRouter?: { state?: { initialized?: boolean; navigation?: { state?: string }; revalidation?: string; fetchers?: Map<string, { state: string }> } }
      }
    ).__remixRouter
    const s = r?.state
    // hydrated, and the first render with the pages' restored state committed (root.tsx)
    if (document.documentElement.dataset.hydrated !== 'true') return false
    if (!s?.initialized || s.navigation?.state !== 'idle' || (s.revalidation && s.revalidation !== 'idle')) return false
    for (const f of s.fetchers?.values() ?? []) if (f.state !== 'idle') return false
    // a save sent by the entry page itself (fetch to /realisasi/simpan) and the reload after it
    if (document.querySelector('[aria-busy="true"]')) return false
    return true
  })
}

/**
 * Clicks something that submits a Remix form with POST and waits for the action's answer and the
 * revalidation after it; returns the action's HTTP status.
 */
export async function submitForm(page: Page, click: () => Promise<void>, pathPrefix: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(pathPrefix)), click()])
  await settled(page)
  return response.status()
}

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A plain HTTP request (no cookie jar, no redirects followed). */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const body = opts.body == null ? null : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body)
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: opts.method ?? (body ? 'POST' : 'GET'),
        headers: { ...(body ? { 'Content-Length': String(body.length) } : {}), ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

/**
 * Announces a body of `declaredBytes` with Content-Length and sends only its first `sendFirst`
 * bytes, then waits for the answer: the server must refuse from the header alone, before
 * reading (and buffering) the body.
 */
export function oversizedPost(url: string, declaredBytes: number, headers: Record<string, string> = {}, sendFirst = 64 * 1024): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    let answered = false
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(declaredBytes), ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          answered = true
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
          req.destroy()
        })
        res.on('error', () => undefined)
      },
    )
    req.on('error', (e) => {
      if (!answered) reject(e)
    })
    req.write(Buffer.alloc(Math.min(sendFirst, declaredBytes), 0x61))
    // the rest of the body is never sent: a server that waits for it would time out here
    setTimeout(() => {
      if (!answered) {
        req.destroy()
        reject(new Error(`no answer within 15 s to a POST announcing ${declaredBytes} bytes`))
      }
    }, 15_000).unref()
  })
}

/**
 * Sends the WHOLE oversized body as an ordinary client does (no Expect: 100-continue) and
 * resolves with the answer, or with the socket error when the connection was reset before the
 * client could read one.
 */
export function fullOversizedPost(url: string, bytes: number, headers: Record<string, string> = {}): Promise<RawResponse | { error: string }> {
  return new Promise((resolve) => {
    const u = new URL(url)
    let settledOnce = false
    const finish = (v: RawResponse | { error: string }) => {
      if (!settledOnce) {
        settledOnce = true
        resolve(v)
      }
    }
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes), ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', (e) => finish({ error: (e as NodeJS.ErrnoException).code ?? e.message }))
      },
    )
    // a reset may arrive just before the answer is parsed: give the answer a moment
    req.on('error', (e) => setTimeout(() => finish({ error: (e as NodeJS.ErrnoException).code ?? e.message }), 300))
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent)
        sent += n
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump)
          return
        }
      }
      req.end()
    }
    pump()
  })
}

/** Signs in over HTTP; returns the session cookie (`sesi=…`) and the raw Set-Cookie header. */
export async function httpLogin(
  baseUrl: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; cookie: string | null; setCookie: string | null; response: RawResponse }> {
  const response = await rawRequest(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl, ...headers },
    body: new URLSearchParams({ username, password, redirectTo: '/' }).toString(),
  })
  const raw = response.headers['set-cookie']?.find((c) => c.startsWith('sesi=')) ?? null
  const cookie = raw ? raw.split(';')[0]! : null
  return { status: response.status, cookie: cookie && cookie !== 'sesi=' ? cookie : null, setCookie: raw, response }
}

/** The CSRF token of a session, read from a page's hidden `_csrf` field. */
export async function csrfOf(baseUrl: string, cookie: string, path = '/realisasi'): Promise<string> {
  const res = await rawRequest(`${baseUrl}${path}`, { headers: { Cookie: cookie } })
  const m = /name="_csrf" value="([^"]+)"/.exec(res.body)
  if (!m) throw new Error(`no _csrf field on ${path} (status ${res.status})`)
  return m[1]!
}
