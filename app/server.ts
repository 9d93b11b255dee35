// Production server: Express + the Remix request handler.
// `npm start` runs this file: it builds the app when the build is missing, migrates the database
// (and seeds the Dumai demo on the embedded SQLite), then serves on PORT (default 3000).
import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import express, { type NextFunction, type Request, type Response } from 'express'
import compression from 'compression'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import { describeUrl, getDb } from '../db/db.server.js'
import { setupDatabase, wantsDemo } from '../db/setup.js'
import { DEMO_PASSWORD, DEMO_USERS } from '../seeds/demo-data.js'
import { BODY_LIMIT_BYTES, UPLOAD_LIMIT_BYTES, UPLOAD_PATH_PREFIXES } from './utils/limits.js'

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

const stale = fs.existsSync(buildPath) && process.env.NODE_ENV !== 'test' && newestSource(path.join(root, 'app')) > fs.statSync(buildPath).mtimeMs
if (!fs.existsSync(buildPath) || stale) {
  console.log(stale ? 'Sumber aplikasi lebih baru dari build; membangun ulang…' : 'Build belum ada; menjalankan `remix build` (sekali saja)…')
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'remix'), ['build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const where = describeUrl(process.env.DATABASE_URL)
const demo = wantsDemo()
const report = await setupDatabase(getDb(), { demo })
if (report.migrations.length) console.log(`Migrasi dijalankan: ${report.migrations.join(', ')}`)
if (report.seed?.seeded) console.log(`Data demo Kota Dumai dimuat (${report.seed.indicators} indikator, ${report.seed.realisasi} realisasi).`)

const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', process.env.TRUST_PROXY === 'true' ? true : 'loopback')
app.use(compression())

// Request id, and body size limits before anything reads the body.
app.use((req: Request, res: Response, next: NextFunction) => {
  const requestId = randomUUID()
  res.locals.requestId = requestId
  res.setHeader('X-Request-Id', requestId)
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const isUpload = UPLOAD_PATH_PREFIXES.some((p) => req.path.startsWith(p))
    const limit = isUpload ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES
    const length = Number(req.headers['content-length'] ?? NaN)
    const chunked = /chunked/i.test(String(req.headers['transfer-encoding'] ?? ''))
    if (chunked && Number.isNaN(length)) {
      res.status(411).type('text/plain; charset=utf-8').send('Permintaan harus menyertakan Content-Length.')
      return
    }
    if (length > limit) {
      res.setHeader('Connection', 'close')
      res.status(413).type('text/plain; charset=utf-8').send(`Ukuran data melebihi batas ${Math.round(limit / 1024 / 1024)} MB.`)
      req.resume()
      return
    }
  }
  next()
})

app.use('/build', express.static(path.join(root, 'public', 'build'), { immutable: true, maxAge: '1y', setHeaders: staticHeaders }))
app.use(express.static(path.join(root, 'public'), { maxAge: '1h', setHeaders: staticHeaders }))

function staticHeaders(res: Response) {
  res.setHeader('X-Content-Type-Options', 'nosniff')
}

app.all(
  '*',
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      cspNonce: randomBytes(16).toString('base64'),
    }),
  }),
)

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const server = app.listen(port, host, () => {
  const url = `http://localhost:${port}`
  console.log(`\nDasbor Kinerja Strategi berjalan di ${url}`)
  console.log(`Basis data: ${where.dialect} (${where.target})`)
  if (demo) {
    console.log(`\nAkun demo (kata sandi semuanya: ${DEMO_PASSWORD}) — hanya untuk data demo:`)
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(16)} ${u.role.padEnd(14)} ${u.fullName}`)
  }
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  })
}
