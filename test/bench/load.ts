// Load and integrity: `npx tsx test/bench/load.ts [--seconds N]` (outside CI; needs `npx remix build`).
//
// Starts the production server on a fresh SQLite demo database (loopback only), then for N seconds
// (default 60) at the same time:
//   - autocannon: 50 connections on the beranda with a signed-in cookie (bounded in time);
//   - waves of realisation saves through the real /realisasi action (the same form fields the
//     page posts, with a session cookie, the Origin header and the CSRF token): in each wave
//     20 sessions save 20 DISTINCT rows (TW IV 2026, one row each), and 20 other sessions save ONE
//     SHARED row (IKP-01 TW IV 2026), all 20 with the version they just loaded — exactly one of
//     them may win, the other 19 must get 409.
// Afterwards the database must prove that nothing was lost or written twice: the row count, each
// row's version, the audit rows per row, and for the shared row one winner per version.
// Prints a small table; exits 1 when a check fails.
import { sql } from 'kysely'
import autocannon from 'autocannon'
import { createDatabase, type DB } from '../../db/db.server.js'
import { DEMO_PASSWORD, startServer, type AppServer } from '../e2e/support.js'

const argSeconds = (() => {
  const i = process.argv.indexOf('--seconds')
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v >= 3 ? Math.floor(v) : 60
})()

const YEAR = 2026
const QUARTER = 4
const SHARED_CODE = 'IKP-01'
const SHARED_CLIENTS = 20
const DISTINCT_ROWS = 20
const OWNERS: Record<string, string> = { IKP: 'kabid.ikp', INF: 'kabid.infra', APL: 'kabid.aplikasi', STP: 'kabid.statistik', SEK: 'sekretaris' }

interface Session {
  username: string
  cookie: string
  csrf: string
}

interface Counts {
  ok: number
  conflict: number
  other: number
  errors: number
  otherSamples: string[]
}

const newCounts = (): Counts => ({ ok: 0, conflict: 0, other: 0, errors: 0, otherSamples: [] })

function log(msg: string) {
  console.error(`[load] ${msg}`)
}

async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, redirectTo: '/' }),
  })
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sesi='))
    ?.split(';')[0]
  await res.arrayBuffer()
  if (res.status !== 302 || !cookie) throw new Error(`login ${username}: status ${res.status}`)
  // the CSRF token, as the browser gets it: the hidden `_csrf` field of the entry form
  const page = await fetch(`${base}/realisasi`, { headers: { Cookie: cookie } })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1]
  if (!csrf) throw new Error(`no CSRF token for ${username} (entry page: ${page.status})`)
  return { username, cookie, csrf }
}

/** The versions on the entry page of TW IV 2026, as the form carries them (`r.<id>.version` hidden fields). */
async function entryVersions(base: string, s: Session): Promise<Map<number, number | null>> {
  const res = await fetch(`${base}/realisasi?tahun=${YEAR}&triwulan=${QUARTER}`, { headers: { Cookie: s.cookie } })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`entry page for ${s.username}: ${res.status}`)
  const out = new Map<number, number | null>()
  for (const m of html.matchAll(/name="r\.(\d+)\.version" value="(\d*)"/g)) out.set(Number(m[1]), m[2] ? Number(m[2]) : null)
  return out
}

/** One row-level "Simpan draf" exactly as the entry form posts it (a plain form POST, as without JavaScript). */
async function save(base: string, s: Session, indicatorId: number, version: number | null, value: string, counts: Counts): Promise<number> {
  const body = new URLSearchParams()
  body.set('_csrf', s.csrf)
  body.set('tahun', String(YEAR))
  body.set('triwulan', String(QUARTER))
  body.append('row', String(indicatorId))
  body.set(`r.${indicatorId}.version`, version == null ? '' : String(version))
  body.set(`r.${indicatorId}.value`, value)
  body.set(`r.${indicatorId}.bukti_text`, 'uji beban')
  body.set(`r.${indicatorId}.kendala`, 'uji beban: kendala')
  body.set(`r.${indicatorId}.tindak_lanjut`, 'uji beban: tindak lanjut')
  body.set('intent', `simpan:${indicatorId}`)
  try {
    const res = await fetch(`${base}/realisasi`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: s.cookie },
      body,
    })
    const text = await res.text()
    if (res.status >= 200 && res.status < 300) counts.ok++
    else if (res.status === 409) counts.conflict++
    else {
      counts.other++
      const banner = /class="banner banner-error"[^>]*>([\s\S]{0,400}?)<\/div>/
        .exec(text)?.[1]
        ?.replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
      if (counts.otherSamples.length < 5) counts.otherSamples.push(`${res.status} ${banner ?? text.slice(0, 200)}`)
    }
    return res.status
  } catch (e) {
    counts.errors++
    if (counts.otherSamples.length < 5) counts.otherSamples.push(String(e))
    return 0
  }
}

const count = async (db: DB, table: 'realisasi' | 'audit_log') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function main() {
  const seconds = argSeconds
  log(`starting the production server on a fresh SQLite demo database (${seconds} s run)`)
  const server: AppServer = await startServer({ env: { SEED_DEMO: 'true', HOST: '127.0.0.1' } })
  const base = server.url
  if (!/^http:\/\/127\.0\.0\.1:/.test(base)) throw new Error('loopback only')
  const db = createDatabase(server.dbPath)
  const rows: [string, string, string, boolean | null][] = []
  let failed = false
  const check = (measure: string, value: string | number, goal: string, ok: boolean | null) => {
    rows.push([measure, String(value), goal, ok])
    if (ok === false) failed = true
  }
  try {
    const indicators = await db.selectFrom('indicator').select(['id', 'code']).where('deleted_at', 'is', null).orderBy('code').execute()
    const idOf = new Map(indicators.map((i) => [i.code, i.id]))
    const shared = idOf.get(SHARED_CODE)!
    const distinct = indicators.filter((i) => i.code !== SHARED_CODE).slice(0, DISTINCT_ROWS)
    if (distinct.length !== DISTINCT_ROWS) throw new Error(`need ${DISTINCT_ROWS} distinct indicators, found ${distinct.length}`)
    const existing = await db.selectFrom('realisasi').select('id').where('year', '=', YEAR).where('quarter', '=', QUARTER).execute()
    if (existing.length) throw new Error('TW IV 2026 must start empty')

    // sessions (sequential logins: each scrypt check takes 128 MB)
    log('signing in 41 sessions')
    const reader = await login(base, 'kadis')
    const distinctSessions: Session[] = []
    for (const ind of distinct) distinctSessions.push(await login(base, OWNERS[ind.code.slice(0, 3)]!))
    const sharedSessions: Session[] = []
    for (let i = 0; i < SHARED_CLIENTS; i++) sharedSessions.push(await login(base, OWNERS[SHARED_CODE.slice(0, 3)]!))

    // the shared row exists before the run (version 1); not counted below
    const setup = newCounts()
    await save(base, sharedSessions[0]!, shared, null, '50', setup)
    if (setup.ok !== 1) throw new Error(`creating the shared row failed: ${setup.otherSamples.join('; ')}`)
    const realisasiBefore = await count(db, 'realisasi')
    const auditBefore = await count(db, 'audit_log')

    // warm up the beranda once
    const warm = await fetch(`${base}/`, { headers: { Cookie: reader.cookie } })
    await warm.text()
    if (warm.status !== 200) throw new Error(`beranda: ${warm.status}`)

    log(`autocannon: 50 connections × ${seconds} s on the beranda, with save waves running alongside`)
    const started = Date.now()
    const deadline = started + seconds * 1000
    const cannon = autocannon({ url: `${base}/`, connections: 50, duration: seconds, headers: { cookie: reader.cookie }, timeout: 30 })

    const distinctCounts = newCounts()
    const sharedCounts = newCounts()
    const distinctOk = new Map<number, number>(distinct.map((d) => [d.id, 0]))
    const winnersPerWave: number[] = []
    const lastWinnerValue: { value: string | null } = { value: null }
    let waves = 0
    const saver = (async () => {
      const known = new Map<number, number | null>(distinct.map((d) => [d.id, null]))
      while (Date.now() < deadline - 1500) {
        waves++
        const wave = waves
        // every shared client loads the entry page first (barrier), then all save at once
        const loaded = await Promise.all(sharedSessions.map((s) => entryVersions(base, s)))
        const sharedVersions = new Set(loaded.map((m) => m.get(shared)))
        const sharedValue = (client: number) => `${(wave % 40) + 10},${String(client).padStart(2, '0')}`
        const statuses = await Promise.all([
          ...distinct.map(async (d, i) => {
            const status = await save(base, distinctSessions[i]!, d.id, known.get(d.id)!, String((wave % 2) + 1), distinctCounts)
            if (status >= 200 && status < 300) {
              distinctOk.set(d.id, distinctOk.get(d.id)! + 1)
              known.set(d.id, (known.get(d.id) ?? 0) + 1)
            }
            return -1
          }),
          ...sharedSessions.map(async (s, i) => {
            const status = await save(base, s, shared, loaded[i]!.get(shared) ?? null, sharedValue(i), sharedCounts)
            if (status >= 200 && status < 300) lastWinnerValue.value = sharedValue(i)
            return status
          }),
        ])
        const winners = statuses.filter((s) => s >= 200 && s < 300).length
        winnersPerWave.push(sharedVersions.size === 1 ? winners : -winners)
      }
    })()

    const [result] = await Promise.all([cannon, saver])
    const elapsed = (Date.now() - started) / 1000

    // ---- the HTTP side
    check('beranda: requests (50 connections)', `${result.requests.total} in ${seconds} s (${result.requests.average.toFixed(1)} req/s)`, '', null)
    check('beranda: latency p50 / p99', `${result.latency.p50} ms / ${result.latency.p99} ms`, '', null)
    check('beranda: errors + timeouts', result.errors + result.timeouts, '0', result.errors + result.timeouts === 0)
    check('beranda: non-2xx', result.non2xx, '0', result.non2xx === 0)
    check('save waves run alongside', `${waves} waves in ${elapsed.toFixed(0)} s`, '≥ 1', waves >= 1)
    check(
      'distinct rows: saves 2xx / 409 / other / errors',
      `${distinctCounts.ok} / ${distinctCounts.conflict} / ${distinctCounts.other} / ${distinctCounts.errors}`,
      `${waves * DISTINCT_ROWS} / 0 / 0 / 0`,
      distinctCounts.ok === waves * DISTINCT_ROWS && distinctCounts.conflict + distinctCounts.other + distinctCounts.errors === 0,
    )
    check(
      'shared row: saves 2xx / 409 / other / errors',
      `${sharedCounts.ok} / ${sharedCounts.conflict} / ${sharedCounts.other} / ${sharedCounts.errors}`,
      `${waves} / ${waves * (SHARED_CLIENTS - 1)} / 0 / 0`,
      sharedCounts.ok === waves && sharedCounts.conflict === waves * (SHARED_CLIENTS - 1) && sharedCounts.other + sharedCounts.errors === 0,
    )
    check(
      'shared row: exactly one winner in every wave',
      winnersPerWave.every((w) => w === 1) ? 'yes' : `no: ${winnersPerWave.join(',')}`,
      'yes',
      winnersPerWave.every((w) => w === 1),
    )
    for (const s of [...distinctCounts.otherSamples, ...sharedCounts.otherSamples]) log(`unexpected answer: ${s}`)

    // ---- the database side: nothing lost, nothing written twice
    const realisasiAfter = await count(db, 'realisasi')
    check('realisasi rows added', realisasiAfter - realisasiBefore, `${DISTINCT_ROWS} (one per distinct row)`, realisasiAfter - realisasiBefore === DISTINCT_ROWS)
    const twIv = await db.selectFrom('realisasi').select(['id', 'indicator_id', 'version', 'value']).where('year', '=', YEAR).where('quarter', '=', QUARTER).execute()
    const dup = await db
      .selectFrom('realisasi')
      .select(['indicator_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('year', '=', YEAR)
      .where('quarter', '=', QUARTER)
      .groupBy('indicator_id')
      .having(sql`count(*)`, '>', 1)
      .execute()
    check('TW IV 2026 rows per indicator', dup.length ? `${dup.length} duplicated` : 'one each', 'one each', dup.length === 0)
    const byIndicator = new Map(twIv.map((r) => [r.indicator_id, r]))
    const auditPerRow = new Map(
      (
        await db
          .selectFrom('audit_log')
          .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('entity', '=', 'realisasi')
          .where(
            'entity_id',
            'in',
            twIv.map((r) => String(r.id)),
          )
          .groupBy('entity_id')
          .execute()
      ).map((r) => [r.entity_id, Number(r.n)]),
    )
    const badDistinct = distinct.filter((d) => {
      const r = byIndicator.get(d.id)
      const ok = distinctOk.get(d.id)!
      return !r || r.version !== ok || auditPerRow.get(String(r.id)) !== ok || ok !== waves
    })
    check(
      'distinct rows: version = successful saves = audit rows = waves',
      badDistinct.length ? `${badDistinct.length} rows differ: ${badDistinct.map((d) => d.code).join(', ')}` : `all ${DISTINCT_ROWS} at version ${waves}`,
      `all at ${waves}`,
      badDistinct.length === 0,
    )
    const sharedRow = byIndicator.get(shared)!
    check('shared row: version = 1 + successful saves', `${sharedRow.version} (1 + ${sharedCounts.ok})`, `${1 + sharedCounts.ok}`, sharedRow.version === 1 + sharedCounts.ok)
    check(
      'shared row: audit rows = 1 + successful saves',
      auditPerRow.get(String(sharedRow.id)) ?? 0,
      `${1 + sharedCounts.ok}`,
      auditPerRow.get(String(sharedRow.id)) === 1 + sharedCounts.ok,
    )
    const sharedAudit = await db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity', '=', 'realisasi')
      .where('entity_id', '=', String(sharedRow.id))
      .orderBy('id')
      .execute()
    const fromVersions = sharedAudit.filter((a) => a.action === 'update').map((a) => (JSON.parse(a.before_json ?? '{}') as { version?: number }).version)
    const consecutive = fromVersions.every((v, i) => v === i + 1)
    check(
      'shared row: each version was won exactly once',
      consecutive ? `updates from v1…v${fromVersions.length}` : `no: ${fromVersions.join(',')}`,
      'v1, v2, … each once',
      consecutive && fromVersions.length === sharedCounts.ok,
    )
    const expectedValue = lastWinnerValue.value ? Number(lastWinnerValue.value.replace(',', '.')) : null
    check(
      "shared row: the last winner's value survives",
      `${sharedRow.value}`,
      `${expectedValue}`,
      expectedValue !== null && Math.abs(Number(sharedRow.value) - expectedValue) < 1e-9,
    )
    const auditAfter = await count(db, 'audit_log')
    check(
      'audit rows added = successful saves',
      auditAfter - auditBefore,
      `${distinctCounts.ok + sharedCounts.ok}`,
      auditAfter - auditBefore === distinctCounts.ok + sharedCounts.ok,
    )

    // the server kept serving
    const after = await fetch(`${base}/login`)
    await after.text()
    check('server still serving afterwards (GET /login)', after.status, '200', after.status === 200)
  } finally {
    await db.destroy().catch(() => undefined)
    await server.stop()
  }

  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.toString().length), ['measure', 'value', 'goal'][c]!.length))
  const line = (cells: string[], mark: string) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} | ${mark}`
  console.log(`\nLoad and integrity — ${new Date().toISOString()} — ${seconds} s, Node ${process.version}`)
  console.log(line(['measure', 'value', 'goal'], 'ok'))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-') + '-|---')
  for (const r of rows) console.log(line([r[0], r[1], r[2]], r[3] === null ? '' : r[3] ? 'ok' : 'FAIL'))
  if (failed) {
    console.log('\nSome checks FAILED.')
    process.exitCode = 1
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
