// Benchmarks of the served app on the city-scale data: beranda under load (autocannon on
// loopback, bounded runs), the beranda loader in-process against the bare SQL aggregate,
// and the beranda's LCP and JS bytes in Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import { sql } from 'kysely'
import autocannon from 'autocannon'
import type { DB } from '../../db/db.server.js'
import { toDbTime } from '../../db/time.js'
import { createSession } from '../../app/services/auth.server.js'
import { setDb } from '../../db/db.server.js'
import type { Row } from './run.js'

const ms = (v: number) => `${v.toFixed(1)} ms`

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export async function startServer(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort()
  const proc = spawn(process.execPath, ['--import', 'tsx', 'app/server.ts'], {
    env: { ...process.env, NODE_ENV: 'production', COOKIE_SECURE: 'false', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000)
    const onData = (b: Buffer) => {
      out += b.toString()
      if (out.includes('berjalan di')) {
        clearTimeout(timer)
        resolve()
      }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', (b: Buffer) => (out += b.toString()))
    proc.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.removeAllListeners('exit')
        proc.on('exit', () => resolve())
        proc.kill('SIGTERM')
      }),
  }
}

async function load(url: string, cookie: string, connections: number, seconds: number) {
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } })
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors + result.timeouts, non2xx: result.non2xx, total: result.requests.total }
}

export async function extraBenchmarks(ctx: { dbUrl: string; db: DB; rows: Row[] }): Promise<void> {
  const { db, rows } = ctx
  const t = toDbTime(new Date())
  const opd = await db.selectFrom('org_unit').select('id').where('code', '=', 'OPD-20').executeTakeFirstOrThrow()
  const userId = Number(
    (await db.insertInto('app_user').values({ username: 'bench.kadis', full_name: 'Pimpinan', password_hash: 'x', role: 'pimpinan', unit_id: opd.id, active: 1, created_at: t, updated_at: t, password_changed_at: null }).executeTakeFirstOrThrow()).insertId,
  )
  const token = await createSession(db, userId, { ip: '127.0.0.1' })
  const cookie = `sesi=${token}`
  const path = '/?tahun=2025&triwulan=4'

  // in-process: the beranda loader itself, against the bare aggregate for the same OPD
  setDb(db)
  try {
    const { loader } = await import('../../app/routes/_index.js')
    const { timeIt } = await import('./run.js')
    const request = () => new Request(`http://localhost${path}`, { headers: { cookie } })
    const call = async () => {
      try {
        await loader({ request: request(), params: {}, context: { requestId: 'b', clientIp: '127.0.0.1', cspNonce: 'n' } } as any)
      } catch (e) {
        if (e instanceof Response && e.status >= 400) throw new Error(`loader ${e.status}`)
      }
    }
    const inproc = await timeIt(call, 50)
    const bare = await timeIt(
      () =>
        sql`select r.indicator_id, count(*) as n, sum(r.value) as s, max(r.year * 10 + r.quarter) as latest
            from realisasi r join indicator i on i.id = r.indicator_id join renstra_period p on p.id = i.period_id
            where p.opd_id = ${opd.id} and p.start_year <= 2025 and p.end_year >= 2025 and i.deleted_at is null
            group by r.indicator_id`.execute(db),
      50,
    )
    rows.push({ measure: '[SQLite] beranda loader in-process, one OPD of the city', value: `p50 ${ms(inproc.p50)}, p99 ${ms(inproc.p99)}`, goal: '', ok: null })
    rows.push({ measure: '[SQLite] beranda loader ÷ bare SQL aggregate (same OPD)', value: (inproc.p50 / bare.p50).toFixed(2), goal: '≤ 2', ok: inproc.p50 / bare.p50 <= 2 })
  } finally {
    setDb(undefined)
  }

  const server = await startServer({ DATABASE_URL: ctx.dbUrl, SEED_DEMO: 'false' })
  try {
    const probe = await fetch(server.url + path, { headers: { cookie } })
    if (probe.status !== 200) throw new Error(`beranda answered ${probe.status}`)
    for (const connections of [10, 50]) {
      const r = await load(server.url + path, cookie, connections, 10)
      rows.push({
        measure: `[SQLite] beranda over HTTP, ${connections} connections, 10 s (${r.total} requests)`,
        value: `p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`,
        goal: connections === 10 ? 'p99 ≤ 150 ms' : '0 errors',
        ok: connections === 10 ? r.p99 <= 150 && r.errors === 0 && r.non2xx === 0 : r.errors === 0 && r.non2xx === 0,
      })
    }
    await browserVitals(server.url, path, token, rows)
  } finally {
    await server.stop()
  }
}

async function browserVitals(base: string, path: string, token: string, rows: Row[]) {
  if (!fs.existsSync('/usr/bin/chromium')) {
    rows.push({ measure: 'beranda LCP / JS bytes in Chromium', value: 'skipped: /usr/bin/chromium not installed', goal: '', ok: null })
    return
  }
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    const host = new URL(base).hostname
    await context.addCookies([{ name: 'sesi', value: token, domain: host, path: '/', httpOnly: true, sameSite: 'Lax' }])
    const page = await context.newPage()
    let jsBytes = 0
    page.on('response', async (res) => {
      if (res.url().endsWith('.js')) {
        await res.finished().catch(() => null)
        const sizes = await res.request().sizes().catch(() => null)
        jsBytes += sizes?.responseBodySize ?? 0 // encoded (gzip) bytes on the wire
      }
    })
    await page.addInitScript(() => {
      ;(window as any).__lcp = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as any).__lcp = e.startTime
      }).observe({ type: 'largest-contentful-paint', buffered: true })
    })
    await page.goto(base + path, { waitUntil: 'networkidle' })
    await page.waitForTimeout(300)
    const lcp = (await page.evaluate(() => (window as any).__lcp)) as number
    rows.push({ measure: 'beranda LCP in Chromium (loopback, city data)', value: ms(lcp), goal: '≤ 1000 ms', ok: lcp > 0 && lcp <= 1000 })
    rows.push({ measure: 'beranda JS transferred (gzip)', value: `${(jsBytes / 1024).toFixed(0)} KB`, goal: '≤ 300 KB', ok: jsBytes <= 300 * 1024 })
  } finally {
    await browser.close()
  }
}
