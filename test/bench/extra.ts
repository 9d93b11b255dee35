// Benchmarks of the served app on the city-scale data: beranda under load (autocannon on
// loopback, bounded runs), the beranda loader in-process against the bare SQL aggregate,
// and the beranda's LCP and JS bytes in Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import { sql } from 'kysely'
import autocannon from 'autocannon'
import type { DB } from '../../db/db.server.js'
import { toDbTime } from '../../db/time.js'
import { createSession } from '../../app/services/auth.server.js'
import { setDb } from '../../db/db.server.js'
import type { Row } from './run.js'
import { timeIt } from './timing.js'

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
    env: { ...process.env, NODE_ENV: 'production', COOKIE_SECURE: 'false', BUILD_CHECK: 'false', PORT: String(port), HOST: '127.0.0.1', ...env },
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

async function load(url: string, cookie: string, connections: number, seconds: number, paths?: string[]) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie },
    ...(paths ? { requests: paths.map((p) => ({ method: 'GET' as const, path: p })) } : {}),
  })
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  }
}

/** E.81 for the whole city, and a 1,000-row realisation import (preview + commit). */
async function excelBenchmarks(db: DB, rows: Row[]) {
  const ExcelJS = (await import('exceljs')).default
  const { buildE81Workbook } = await import('../../app/services/excel/e81.server.js')
  const { previewRealisasiImport, commitRealisasiImport } = await import('../../app/services/excel/import-realisasi.server.js')
  const { buildRealisasiTemplate } = await import('../../app/services/excel/templates.server.js')
  const { setClock } = await import('../../app/utils/clock.server.js')
  const asOf = new Date('2026-11-29T03:00:00Z')
  setClock(() => asOf)
  try {
    const period = { kind: 'triwulan', year: 2025, quarter: 4 } as const
    await buildE81Workbook(db, { opdId: null, unitId: null, period, asOf }) // warm-up
    global.gc?.()
    const rss0 = process.memoryUsage().rss
    let peak = rss0
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    const t0 = performance.now()
    const file = await buildE81Workbook(db, { opdId: null, unitId: null, period, asOf })
    const e81Ms = performance.now() - t0
    clearInterval(timer)
    peak = Math.max(peak, process.memoryUsage().rss)
    const growth = (peak - rss0) / 1024 / 1024
    rows.push({
      measure: `[SQLite] E.81 for the whole city (${(file.buffer.length / 1024).toFixed(0)} KB)`,
      value: `${(e81Ms / 1000).toFixed(2)} s`,
      goal: '≤ 2 s',
      ok: e81Ms <= 2000,
    })
    rows.push({ measure: '[SQLite] RSS growth during that E.81', value: `${growth.toFixed(0)} MB`, goal: '≤ 150 MB', ok: growth <= 150 })

    // a bidang with 1,000 indicators and its kepala bidang
    const t = toDbTime(asOf)
    const opd = await db.selectFrom('org_unit').select('id').where('code', '=', 'OPD-1').executeTakeFirstOrThrow()
    const periodRow = await db.selectFrom('renstra_period').select('id').where('opd_id', '=', opd.id).executeTakeFirstOrThrow()
    const unitId = Number(
      (
        await db
          .insertInto('org_unit')
          .values({ parent_id: opd.id, kind: 'bidang', code: 'OPD-1-SERIBU', name: 'Bidang Seribu', short_name: 'Seribu', city: null, sort_order: 9, created_at: t })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const userId = Number(
      (
        await db
          .insertInto('app_user')
          .values({
            username: 'bench.kabid',
            full_name: 'Kabid Seribu',
            password_hash: 'x',
            role: 'kepala_bidang',
            unit_id: unitId,
            active: 1,
            created_at: t,
            updated_at: t,
            password_changed_at: null,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    for (let i = 0; i < 1000; i += 100) {
      await db
        .insertInto('indicator')
        .values(
          Array.from({ length: 100 }, (_, k) => ({
            period_id: periodRow.id,
            sasaran_id: null,
            program_id: null,
            unit_id: unitId,
            code: `S-${String(i + k + 1).padStart(4, '0')}`,
            name: `Indikator ${i + k + 1}`,
            satuan: 'persen',
            polarity: 'naik' as const,
            pola_ukur: 'rata_rata' as const,
            aspect: 'layanan' as const,
            strategy: 'pelanggan' as const,
            weight: 1,
            baseline: null,
            baseline_year: null,
            target_akhir: 80,
            min_value: 0,
            max_value: 100,
            definition: null,
            sort_order: i + k,
            version: 1,
            created_at: t,
            updated_at: t,
            deleted_at: null,
            deleted_reason: null,
          })),
        )
        .execute()
    }
    const ids = (await db.selectFrom('indicator').select('id').where('unit_id', '=', unitId).execute()).map((r) => r.id)
    for (let i = 0; i < ids.length; i += 200)
      await db
        .insertInto('indicator_target')
        .values(ids.slice(i, i + 200).map((id) => ({ indicator_id: id, year: 2026, target: 80 })))
        .execute()
    const template = await buildRealisasiTemplate(db, { unitId, year: 2026, quarter: 4, asOf })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(template.buffer as any)
    const ws = wb.getWorksheet('Realisasi')!
    let valueCol = 0
    ws.getRow(6).eachCell((c, n) => {
      if (String(c.value).startsWith('Nilai realisasi')) valueCol = n
    })
    for (let r = 7; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value) ws.getCell(r, valueCol).value = 70 + (r % 30)
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
    const user = {
      id: userId,
      username: 'bench.kabid',
      fullName: 'Kabid Seribu',
      role: 'kepala_bidang' as const,
      unitId,
      unitName: 'Bidang Seribu',
      unitKind: 'bidang',
      opdId: opd.id,
      sessionId: '',
      csrfToken: '',
    }
    const p0 = performance.now()
    const plan = await previewRealisasiImport(db, user, bytes, 'bench.xlsx')
    const previewMs = performance.now() - p0
    const c0 = performance.now()
    await commitRealisasiImport(db, user, bytes, 'bench.xlsx', plan.hash, 'bench')
    const commitMs = performance.now() - c0
    const written = Number(
      (
        await db
          .selectFrom('realisasi')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('indicator_id', 'in', ids)
          .executeTakeFirstOrThrow()
      ).n,
    )
    rows.push({
      measure: `[SQLite] 1,000-row realisation import: commit (${written} rows written)`,
      value: `${(commitMs / 1000).toFixed(2)} s (preview ${(previewMs / 1000).toFixed(2)} s)`,
      goal: '≤ 2 s',
      ok: commitMs <= 2000 && written === 1000,
    })
  } finally {
    setClock(null)
  }
}

export async function extraBenchmarks(ctx: { dbUrl: string; db: DB; rows: Row[] }): Promise<void> {
  const { db, rows } = ctx
  const t = toDbTime(new Date())
  const opd = await db.selectFrom('org_unit').select('id').where('code', '=', 'OPD-20').executeTakeFirstOrThrow()
  const userId = Number(
    (
      await db
        .insertInto('app_user')
        .values({
          username: 'bench.kadis',
          full_name: 'Pimpinan',
          password_hash: 'x',
          role: 'pimpinan',
          unit_id: opd.id,
          active: 1,
          created_at: t,
          updated_at: t,
          password_changed_at: null,
        })
        .executeTakeFirstOrThrow()
    ).insertId,
  )
  const token = await createSession(db, userId, { ip: '127.0.0.1' })
  const cookie = `sesi=${token}`
  const path = '/?tahun=2025&triwulan=4'

  // in-process: the beranda loader itself, against the bare aggregate for the same OPD
  setDb(db)
  try {
    // what the beranda route's loader does (the route module itself imports CSS, which only the
    // Remix compiler can load): session check, then the dashboard presenter
    const { requireUser } = await import('../../app/services/auth.server.js')
    const { cachedDashboardView, pageData } = await import('../../app/presenters/dashboard-scope.server.js')
    const { berandaView } = await import('../../app/presenters/beranda.server.js')
    const { chartDrawer } = await import('../../app/components/charts/draw.server.js')
    const { clearReadCache } = await import('../../app/services/cache.server.js')
    const request = () => new Request(`http://localhost${path}`, { headers: { cookie } })
    const call = async () => {
      const req = request()
      const user = await requireUser(req, { permission: 'dashboard:read' }, db)
      const view = pageData(await cachedDashboardView(db, 'beranda', user, new URL(req.url), (base) => berandaView(db, base, chartDrawer)))
      if (!view) throw new Error('no dashboard for the bench user')
    }
    await call()
    const inproc = await timeIt(call, 50)
    const coldCall = await timeIt(async () => {
      clearReadCache(db)
      await call()
    }, 20)
    const bare = await timeIt(
      () =>
        sql`select r.indicator_id, count(*) as n, sum(r.value) as s, max(r.year * 10 + r.quarter) as latest
            from realisasi r join indicator i on i.id = r.indicator_id join renstra_period p on p.id = i.period_id
            where p.opd_id = ${opd.id} and p.start_year <= 2025 and p.end_year >= 2025 and i.deleted_at is null
            group by r.indicator_id`.execute(db),
      50,
    )
    rows.push({
      measure: '[SQLite] beranda loader in-process, one OPD of the city',
      value: `p50 ${ms(inproc.p50)}, p99 ${ms(inproc.p99)} unchanged data; p50 ${ms(coldCall.p50)} after a change`,
      goal: '',
      ok: null,
    })
    rows.push({
      measure: '[SQLite] beranda loader ÷ bare SQL aggregate (same OPD), unchanged data',
      value: (inproc.p50 / bare.p50).toFixed(2),
      goal: '≤ 2',
      ok: inproc.p50 / bare.p50 <= 2,
    })
    rows.push({ measure: '[SQLite] beranda loader ÷ bare SQL aggregate (same OPD), first view after a change', value: (coldCall.p50 / bare.p50).toFixed(2), goal: '', ok: null })
  } finally {
    setDb(undefined)
  }

  setDb(db)
  try {
    await excelBenchmarks(db, rows)
  } finally {
    setDb(undefined)
  }

  const server = await startServer({ DATABASE_URL: ctx.dbUrl, SEED_DEMO: 'false' })
  try {
    const probe = await fetch(server.url + path, { headers: { cookie } })
    if (probe.status !== 200) throw new Error(`beranda answered ${probe.status}`)
    // warm-up (JIT, caches), not counted: a server in service is warm
    await load(server.url + path, cookie, 10, 3)
    for (const connections of [10, 50]) {
      const r = await load(server.url + path, cookie, connections, 10)
      rows.push({
        measure: `[SQLite] beranda over HTTP, ${connections} connections, 10 s (${r.total} requests)`,
        value: `p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`,
        goal: connections === 10 ? 'p99 ≤ 150 ms' : '0 errors',
        ok: connections === 10 ? r.p99 <= 150 && r.errors === 0 && r.non2xx === 0 : r.errors === 0 && r.non2xx === 0,
      })
    }
    // a first visit: the page and its five chart images (a browser keeps the images afterwards)
    const html = await probe.text()
    const images = [...html.matchAll(/<img class="chart-img" src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
    const visit = await load(server.url, cookie, 10, 10, [path, ...images])
    rows.push({
      measure: `[SQLite] beranda + its ${images.length} chart images (first visit), 10 connections, 10 s (${visit.total} requests)`,
      value: `p50 ${visit.p50} ms, p99 ${visit.p99} ms, ${visit.rps.toFixed(0)} req/s, errors ${visit.errors}, non-2xx ${visit.non2xx}`,
      goal: '',
      ok: null,
    })
    await browserVitals(server.url, path, token, rows)
  } finally {
    await server.stop()
  }
  // the same with one worker process per core
  const cores = os.cpus().length
  const clustered = await startServer({ DATABASE_URL: ctx.dbUrl, SEED_DEMO: 'false', WEB_CONCURRENCY: String(cores) })
  try {
    await load(clustered.url + path, cookie, 10, 3) // warm-up, not counted
    const r = await load(clustered.url + path, cookie, 10, 10)
    rows.push({
      measure: `[SQLite] beranda over HTTP, WEB_CONCURRENCY=${cores}, 10 connections, 10 s (${r.total} requests)`,
      value: `p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`,
      goal: 'p99 ≤ 150 ms',
      ok: r.p99 <= 150 && r.errors === 0 && r.non2xx === 0,
    })
  } finally {
    await clustered.stop()
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
        const sizes = await res
          .request()
          .sizes()
          .catch(() => null)
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
