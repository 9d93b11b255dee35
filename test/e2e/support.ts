// Shared support for the end-to-end tests: start the production server on a temporary SQLite
// file (the Dumai demo seeds itself on first start), drive Debian's Chromium with playwright-core,
// and collect console errors, page errors and CSP violations.
//
// The tests use the existing production build: run `npx remix build` before them (the helper
// never builds; app/server.ts itself rebuilds only when the sources are newer than build/).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CHROMIUM_PATH = '/usr/bin/chromium'
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM_PATH)
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts')
export const DEMO_PASSWORD = 'DemoDumai#2026'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export interface AppServer {
  url: string
  port: number
  /** Path of the server's SQLite file (open it with better-sqlite3 to arrange data). */
  dbPath: string
  /** Everything the server printed so far. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts `node --import tsx app/server.ts` on a free port and a fresh SQLite file, waits for
 * "berjalan di" on stdout. NODE_ENV=production, COOKIE_SECURE=false (plain http on loopback).
 */
export async function startServer(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, 'build', 'index.js'))) {
    throw new Error('build/index.js belum ada: jalankan `npx remix build` sebelum tes end-to-end.')
  }
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-e2e-'))
  const dbPath = path.join(dir, 'e2e.sqlite')
  let out = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'app/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbPath,
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
      BUILD_CHECK: 'false', // serve the build the suite was given, even while sources change
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()))

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server tidak siap dalam ${opts.timeoutMs ?? 180_000} ms:\n${out}`)), opts.timeoutMs ?? 180_000)
    const check = () => {
      if (out.includes('berjalan di')) {
        clearTimeout(timer)
        child.stdout!.off('data', check)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Server berhenti (kode ${code}) sebelum siap:\n${out}`))
    })
    check()
  })

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())
      await Promise.race([exited, timeout])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return { url: `http://127.0.0.1:${port}`, port, dbPath, output: () => out, stop }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

export interface PageProblems {
  /** console.error messages, uncaught page errors and CSP violations, in order. */
  errors: string[]
  cspViolations: string[]
}

/**
 * Collects console errors, uncaught errors (hydration mismatches surface here in production) and
 * Content-Security-Policy violations (reported through a `securitypolicyviolation` listener
 * installed before any page script runs).
 */
export async function watchProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { errors: [], cspViolations: [] }
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP-VIOLATION ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
    })
  })
  const attach = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      const text = msg.text()
      if (text.startsWith('CSP-VIOLATION')) problems.cspViolations.push(text)
      problems.errors.push(`${page.url()}: ${text}`)
    })
    page.on('pageerror', (err) => problems.errors.push(`${page.url()}: ${err.message}`))
  }
  context.pages().forEach(attach)
  context.on('page', attach)
  return problems
}

/** Signs in through the login form; resolves when the beranda has loaded. */
export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.fill('#username', username)
  await page.fill('#password', password)
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')])
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const file = path.join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}
