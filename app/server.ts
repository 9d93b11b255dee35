// Production server: Express + the Remix request handler.
// `npm start` runs this file: it builds the app when the build is missing, migrates the database
// (and seeds the Dumai demo on the embedded SQLite), then serves on PORT (default 3000).
import { spawnSync } from 'node:child_process'
import cluster from 'node:cluster'
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import express, { type NextFunction, type Request, type Response } from 'express'
import compression from 'compression'
import { createRequestHandler } from '@remix-run/express'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { describeUrl, getDb } from '../db/db.server.js'
import { migrationPrivilegeHint, openMigrationDatabase, setupDatabase, wantsDemo } from '../db/setup.js'
import { BODY_LIMIT_BYTES, UPLOAD_LIMIT_BYTES, UPLOAD_PATH_PREFIXES } from './utils/limits.js'
import { securityHeaders } from './utils/headers.server.js'
import { originVerdict, ownHostOf, trustProxySetting } from './utils/origin.js'
import { precompressedAssets } from './utils/precompressed.js'
import { matchesTag, taggedPage } from './utils/etag.server.js'
import { PageCache, pageCacheBytes } from './utils/page-cache.server.js'
import { DATABASE_UNAVAILABLE_MESSAGE, DATABASE_UNAVAILABLE_TITLE, RETRY_AFTER_SECONDS } from './utils/unavailable.server.js'
import { describeDatabaseError, isDatabaseUnavailable } from '../db/errors.js'

process.env.NODE_ENV ??= 'production'
const root = process.cwd()
const buildPath = path.join(root, 'build', 'index.js')

/** Newest modification time of the sources the build is made from. */
function newestSource(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

/**
 * What the build printed on stderr, for the terminal. A successful build's stderr holds only noise
 * that alarms a first-time user: Vite's notice that its CJS API is deprecated (the Remix compiler
 * loads it), and at times esbuild's service exiting with a Go "all goroutines are asleep -
 * deadlock!" trace after the build. Both are dropped; a failed build shows everything.
 */
export function buildErrorsWorthShowing(stderr: string, ok: boolean): string {
  if (!ok) return stderr
  const at = stderr.indexOf('fatal error: all goroutines are asleep')
  const kept = at < 0 ? stderr : stderr.slice(0, at)
  return kept
    .split('\n')
    .filter((line) => !line.includes("The CJS build of Vite's Node API is deprecated"))
    .join('\n')
}

// BUILD_CHECK=false serves whatever build exists (tests run against the build they were given)
const primary = cluster.isPrimary
const stale = primary && fs.existsSync(buildPath) && process.env.BUILD_CHECK !== 'false' && newestSource(path.join(root, 'app')) > fs.statSync(buildPath).mtimeMs
if (primary && (!fs.existsSync(buildPath) || stale)) {
  console.log(stale ? 'Sumber aplikasi lebih baru dari build; membangun ulang…' : 'Build belum ada; menjalankan `remix build` (sekali saja)…')
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'remix'), ['build'], { stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } })
  process.stderr.write(buildErrorsWorthShowing(r.stderr?.toString() ?? '', r.status === 0))
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const where = describeUrl(process.env.DATABASE_URL)
const demo = wantsDemo()
// The demo logins come from the seed through setupDatabase: app code does not import seeds/.
let demoLogins: string[] = []
if (primary) {
  const owner = openMigrationDatabase(process.env, getDb())
  const report = await setupDatabase(owner.db, { demo }).catch((e: unknown) => {
    const hint = migrationPrivilegeHint(e)
    if (hint) console.error(hint)
    throw e
  })
  await owner.close()
  demoLogins = report.demoLogins
  if (report.migrations.length) console.log(`Migrasi dijalankan: ${report.migrations.join(', ')}`)
  if (report.seed?.seeded) console.log(`Data demo Kota Dumai dimuat (${report.seed.indicators} indikator, ${report.seed.realisasi} realisasi).`)
}

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
function announce() {
  const url = `http://localhost:${port}`
  console.log(`\nDasbor Kinerja Strategi berjalan di ${url}`)
  console.log(`Basis data: ${where.dialect} (${where.target})`)
  if (demoLogins.length) console.log(`\n${demoLogins.join('\n')}`)
}

// WEB_CONCURRENCY=N serves with N worker processes (the app is stateless: sessions, rate limits
// and data live in the database). The primary has already built, migrated and seeded.
const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1)
if (primary && workers > 1) {
  let listening = 0
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('listening', () => {
    if (++listening === workers) announce()
  })
  cluster.on('exit', (w, code) => {
    if (!shuttingDown) {
      console.error(`Proses pekerja ${w.process.pid} berhenti (${code}); menjalankan yang baru.`)
      cluster.fork()
    }
  })
  let shuttingDown = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      shuttingDown = true
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
      setTimeout(() => process.exit(0), 3000).unref()
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      })
    })
  }
} else {
  await serve()
}

async function serve() {
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild

  const app = express()
  app.disable('x-powered-by')
  // Forwarded headers count only from a proxy TRUST_PROXY names; from anyone else they are removed,
  // so neither the client IP (login limits) nor the origin check can be steered by a client.
  const trust = trustProxySetting()
  app.set('trust proxy', trust)
  const trustedPeer = app.get('trust proxy fn') as (addr: string, hop: number) => boolean
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (trust === false || !trustedPeer(req.socket.remoteAddress ?? '', 0)) {
      for (const h of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded']) delete req.headers[h]
    }
    next()
  })
  app.use(compression())
  app.use(guardRequest(trust))

  const assets = precompressedAssets(path.join(root, 'public', 'build'), staticHeaders)
  void assets.warm() // compress the browser assets once, in the background, before the first visitor
  app.use('/build', assets)
  app.use('/build', express.static(path.join(root, 'public', 'build'), { immutable: true, maxAge: '1y', setHeaders: staticHeaders }))
  // index: false — public/ has no index page, and looking for one cost a stat of public/index.html
  // on every request for the beranda ("/") before it reached the page cache
  app.use(express.static(path.join(root, 'public'), { index: false, maxAge: '1h', setHeaders: staticHeaders }))

  app.use(repeatViews(build, new PageCache(pageCacheBytes())))
  app.all(
    '*',
    remixAnswerHeaders,
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => {
        const context: AppLoadContext = {
          requestId: res.locals.requestId as string,
          clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          cspNonce: randomBytes(16).toString('base64'),
        }
        res.locals.loadContext = context
        return context
      },
    }),
  )
  app.use(expressErrors)

  const server = app.listen(port, host, () => {
    if (primary) announce()
  })
  // reminders: a tick every few minutes in each process (claims in the database keep them single)
  ;(build.entry.module as { startReminderScheduler?: () => void }).startReminderScheduler?.()

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0))
      setTimeout(() => process.exit(0), 3000).unref()
    })
  }
}

function staticHeaders(res: Response) {
  res.setHeader('X-Content-Type-Options', 'nosniff')
}

/** A small complete HTML page with the security headers (for answers given before Remix runs). */
function plainHtml(res: Response, title: string, message: string): string {
  const id = String(res.locals.requestId ?? '')
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
  return (
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">` +
    `<h1>${esc(title)}</h1><p>${esc(message)}</p>${id ? `<p>Kode permintaan: ${esc(id)}</p>` : ''}<p><a href="/">Kembali ke beranda</a></p></body></html>`
  )
}

function plainPage(res: Response, status: number, title: string, message: string) {
  for (const [k, v] of Object.entries(securityHeaders('none'))) res.setHeader(k, v)
  res
    .status(status)
    .type('text/html; charset=utf-8')
    .send(plainHtml(res, title, message))
}

/** Request id; cross-origin posts refused; body size limits before anything reads the body. */
function guardRequest(trust: ReturnType<typeof trustProxySetting>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID()
    res.locals.requestId = requestId
    res.setHeader('X-Request-Id', requestId)
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    if (
      originVerdict(
        (name) => req.get(name),
        ownHostOf((name) => req.get(name), trust),
      ) === 'foreign'
    ) {
      req.resume()
      return plainPage(res, 403, 'Permintaan ditolak', 'Permintaan ditolak: asal permintaan tidak sah (CSRF).')
    }
    const isUpload = UPLOAD_PATH_PREFIXES.some((p) => req.path.startsWith(p))
    const limit = isUpload ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES
    const length = Number(req.headers['content-length'] ?? NaN)
    const chunked = /chunked/i.test(String(req.headers['transfer-encoding'] ?? ''))
    if (chunked && Number.isNaN(length)) {
      req.resume()
      return plainPage(res, 411, 'Panjang data wajib', 'Permintaan harus menyertakan Content-Length.')
    }
    if (length > limit) return tooLarge(req, res, limit)
    next()
  }
}

/**
 * Send the whole 413 at once (with its length, so the client has it even before the body is
 * read), keep reading and discarding what the client still sends up to a hard cap, and end the
 * exchange when its body is over — a client sending everything reads the 413 instead of a
 * connection reset, and one that waits after the headers gets its answer straight away.
 */
function tooLarge(req: Request, res: Response, limit: number) {
  const body = Buffer.from(plainHtml(res, 'Data terlalu besar', `Ukuran data melebihi batas ${Math.round(limit / 1024 / 1024)} MB.`))
  res.writeHead(413, { ...securityHeaders('none'), 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length), Connection: 'close' })
  res.write(body)
  const hardCap = 64 * 1024 * 1024
  let seen = 0
  const finish = () => {
    clearTimeout(timer)
    if (!res.writableEnded) res.end()
  }
  const timer = setTimeout(() => {
    finish()
    req.destroy()
  }, 10_000)
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > hardCap) {
      finish()
      req.destroy()
    }
  })
  req.on('end', finish)
  req.on('error', finish)
  req.resume()
}

/**
 * Repeat views (ADR 0028, 0035): a dashboard page, its data request, a chart image or an API answer
 * whose tag — data versions of its scope, viewer, URL, build, 15-minute slot — is the one the
 * client holds is answered 304 here, without running Remix, its loaders or the render; one whose
 * tag has a stored answer (a rendered 200 of the same tag and URL) gets that answer, with a fresh
 * nonce and request id (gzip from pieces deflated once, for a client that takes it); any other is
 * rendered by Remix and its 200 stored.
 */
function repeatViews(build: ServerBuild, cache: PageCache) {
  const entry = build.entry.module as { repeatViewTag?: (request: globalThis.Request, build: string) => Promise<string | null> }
  const tagOf = entry.repeatViewTag
  const buildVersion = build.assets.version
  return (req: Request, res: Response, next: NextFunction) => {
    if (!tagOf || (req.method !== 'GET' && req.method !== 'HEAD') || !taggedPage(req.path)) return next()
    const headers = new Headers()
    for (const name of ['cookie', 'authorization']) {
      const value = req.headers[name]
      if (typeof value === 'string') headers.set(name, value)
    }
    tagOf(new globalThis.Request(`http://localhost${req.originalUrl}`, { method: req.method, headers }), buildVersion).then(
      (tag) => {
        if (!tag) return next()
        res.locals.etag = tag
        if (matchesTag(req.get('If-None-Match'), tag)) return notModified(req, res, tag)
        if (req.method !== 'GET' || !cache.enabled) return next()
        // the exact URL and host: the page embeds the URL it was asked for (hydration checks it)
        const key = `${tag} ${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`
        const nonce = randomBytes(16).toString('base64')
        const stored = cache.get(key, { nonce, requestId: String(res.locals.requestId) }, req.acceptsEncodings('gzip') === 'gzip')
        if (!stored) {
          keepAnswer(cache, key, res)
          return next()
        }
        for (const [k, v] of stored.headers) res.setHeader(k, v)
        res.setHeader('X-Page-Cache', 'hit')
        if (stored.gzip) {
          // gzip built from pieces deflated once (ADR 0035 §6); compression() leaves an encoded answer alone
          res.setHeader('Content-Encoding', 'gzip')
          res.setHeader('Content-Length', String(stored.body.length))
          res.vary('Accept-Encoding')
        }
        res.status(200).end(stored.body)
      },
      () => next(), // the tag could not be read (database away): Remix answers, with its own 503
    )
  }
}

/** 304: only what a 200 would carry for caches (its headers replace the stored ones; no new CSP nonce). */
function notModified(req: Request, res: Response, tag: string) {
  res.setHeader('ETag', tag)
  res.setHeader('Cache-Control', req.path.startsWith('/grafik/') ? 'private, no-cache' : 'no-store')
  res.vary('Cookie').vary('Authorization')
  res.status(304).end()
}

/** Keeps the body Remix writes (before compression) and stores it when a storable 200 ends. */
function keepAnswer(cache: PageCache, key: string, res: Response) {
  const chunks: Buffer[] = []
  let size = 0
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk == null || typeof chunk === 'function' || size > cache.maxEntryBytes) return
    const b = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array)
    size += b.length
    chunks.push(b)
  }
  const write = res.write
  const end = res.end
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0])
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest)
  } as Response['write']
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0])
    const ctx = res.locals.loadContext as AppLoadContext | undefined
    const headers = res.getHeaders()
    if (ctx?.cspNonce && !ctx.databaseUnavailable && size <= cache.maxEntryBytes && cache.storable(res.statusCode, headers))
      cache.set(key, Buffer.concat(chunks).toString('utf8'), headers, { nonce: ctx.cspNonce, requestId: String(res.locals.requestId) })
    return (end as (...a: unknown[]) => Response).call(this, chunk, ...rest)
  } as Response['end']
}

/** Headers of everything Remix answers: no-store by default, the repeat-view tag on a 200, 503 on an outage. */
function remixAnswerHeaders(_req: Request, res: Response, next: NextFunction) {
  // Everything Remix answers is private unless the route says otherwise (chart images do):
  // no-store is added when the headers go out without a Cache-Control of the route's own.
  const writeHead = res.writeHead
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store')
    // the repeat-view tag read before Remix ran goes on a 200 only (never on an error or a redirect)
    const tag = res.locals.etag as string | undefined
    const code = typeof args[0] === 'number' ? args[0] : res.statusCode
    if (tag && code === 200 && !res.getHeader('ETag')) {
      res.setHeader('ETag', tag)
      res.vary('Cookie').vary('Authorization')
    }
    return writeHead.apply(this, args)
  } as Response['writeHead']
  // A database outage met anywhere in the request (handleError marks the load context) is a 503,
  // for documents and for the data requests of client-side navigation and forms alike.
  const status = res.status.bind(res)
  res.status = (code: number) => {
    const ctx = res.locals.loadContext as AppLoadContext | undefined
    if (code === 500 && ctx?.databaseUnavailable) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
      return status(503)
    }
    return status(code)
  }
  next()
}

/** Errors Express meets before or outside Remix (e.g. a malformed URL): Indonesian, with headers. */
function expressErrors(err: Error & { status?: number; statusCode?: number }, req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(err)
  if (isDatabaseUnavailable(err)) {
    console.error(`[${res.locals.requestId}] ${req.method} ${req.path} basis data tidak dapat dihubungi: ${describeDatabaseError(err)}`)
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
    return plainPage(res, 503, DATABASE_UNAVAILABLE_TITLE, DATABASE_UNAVAILABLE_MESSAGE)
  }
  const status = err.status ?? err.statusCode ?? 500
  if (status >= 500) console.error(`[${res.locals.requestId}] ${req.method} ${req.path}`, err)
  if (status === 400) return plainPage(res, 400, 'Permintaan tidak valid', 'Alamat atau data permintaan tidak dapat dibaca.')
  if (status === 404) return plainPage(res, 404, 'Tidak ditemukan', 'Halaman yang Anda cari tidak ada.')
  return plainPage(res, status, 'Terjadi kesalahan', 'Maaf, terjadi kesalahan pada server. Laporkan kode permintaan di bawah ini kepada admin.')
}
