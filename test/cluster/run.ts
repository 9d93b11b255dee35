// npm run cluster-test [-- --skip-suite] — outside CI (needs root, mariadb-server, galera-4, rsync).
//
// 1. Starts a three-node MariaDB Galera 10.11 cluster on loopback (.ci/galera.sh).
// 2. `npx remix build`, then the integration suite against node 1 (TEST_MYSQL_URL; its served-page
//    tests need the build) and reports its pass/fail counts.
// 3. Two production app servers (WEB_CONCURRENCY=2 each) on two different
//    nodes: server A with DATABASE_URL=node1,node2,node3, server B with node2,node3,node1 — the
//    README's least-privilege app account, migrations and the demo seed once (server A, with the
//    owner account in DATABASE_MIGRATE_URL).
// 4. Waves of concurrent realisation saves (the entry form's POST, as test/bench/load.ts): each
//    wave DISTINCT_ROWS sessions save distinct rows (each save must succeed) and SHARED_CLIENTS
//    sessions save one shared row with the version they just loaded (exactly one winner, the rest
//    409), half of each through server A and half through server B.
// 5. Mid-load, during a wave, node 1 (server A's first host) is killed with SIGKILL; saving goes on
//    through the others; node 1 is restarted while saving goes on and must rejoin (cluster size 3).
// 6. Checks: nothing lost or doubled (per row: version = successful saves = audit rows; audit rows
//    added = successful saves; one winner per version of the shared row), the number of saves
//    answered other than 2xx/409 (must be 0), every node holds the same data afterwards.
// Output ends with the lost/doubled counts, the non-2xx/409 count and the node-kill timeline.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createPool } from 'mysql2/promise'
import { createDatabase, type DB } from '../../db/db.server.js'
import { ROOT, startServer, type AppServer } from '../e2e/support.js'
import { entryVersions, login, newCounts, OWNERS, QUARTER, save, YEAR, type Session } from './saves.js'

const SKIP_SUITE = process.argv.includes('--skip-suite')
const DISTINCT_ROWS = 10
const SHARED_CODE = 'IKP-01'
const SHARED_CLIENTS = 6
const WAVES_BEFORE_KILL = 3
const WAVES_AFTER_KILL = 3
const WAVES_AFTER_REJOIN = 3
const APP_DB = 'sakip_cluster'
const APP_USER = 'sakip_app'
const APP_PASSWORD = 'sandi-aplikasi-yang-panjang'
const GALERA = path.join(ROOT, '.ci', 'galera.sh')

const started = Date.now()
const secs = () => ((Date.now() - started) / 1000).toFixed(1).padStart(6)
const timeline: string[] = []
const mark = (what: string) => {
  timeline.push(`${secs()} s  ${what}`)
  log(what)
}
function log(msg: string) {
  console.error(`[cluster ${secs()} s] ${msg}`)
}

function galera(...args: string[]): string {
  const r = spawnSync('bash', [GALERA, ...args], { encoding: 'utf8', env: process.env })
  if (r.status !== 0) throw new Error(`.ci/galera.sh ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout.trim()
}

/** The multi-host URL with another account and database: mysql://user:pass@h1,h2,h3/db. */
const withAccount = (url: string, user: string, password: string, db: string) => url.replace(/^mysql:\/\/[^@]*@/, `mysql://${user}:${password}@`).replace(/\/[^/]*$/, `/${db}`)
const nodeUrl = (n: number, db = 'ci') => `mysql://ci:ci@127.0.0.1:${Number(process.env.GALERA_PORT ?? 3330) + n}/${db}`

function runSuite(url: string): { passed: number; failed: number; skipped: number; seconds: number; failures: string[] } {
  const t0 = Date.now()
  const out = path.join(ROOT, 'test-artifacts', 'cluster-integration.json')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.rmSync(out, { force: true })
  spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', '--project', 'integration', '--reporter=dot', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: ROOT,
    env: { ...process.env, TEST_MYSQL_URL: url, TEST_MYSQL_BINLOG_URL: '', NO_COLOR: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const seconds = (Date.now() - t0) / 1000
  if (!fs.existsSync(out)) return { passed: 0, failed: 1, skipped: 0, seconds, failures: ['the suite did not finish (no JSON report)'] }
  const r = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
    testResults: { name: string; status: string; message?: string; assertionResults: { status: string; fullName: string }[] }[]
  }
  const failures = r.testResults.flatMap((f) => [
    ...f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.relative(ROOT, f.name)} › ${a.fullName}`),
    ...(f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed') ? [`${path.relative(ROOT, f.name)}: ${(f.message ?? '').split('\n')[0]}`] : []),
  ])
  return { passed: r.numPassedTests, failed: r.numFailedTests + failures.filter((f) => !f.includes(' › ')).length, skipped: r.numPendingTests + r.numTodoTests, seconds, failures }
}

async function main() {
  const rows: [string, string, string, boolean | null][] = []
  let failed = false
  const check = (measure: string, value: string | number, goal: string, ok: boolean | null) => {
    rows.push([measure, String(value), goal, ok])
    if (ok === false) failed = true
  }

  // ---- 1. the cluster
  log('starting three Galera nodes on loopback (.ci/galera.sh start)')
  const clusterUrl = galera('start')
  mark(`cluster up, size ${galera('size', '1')}: ${clusterUrl}`)

  // the build first: the suite's served-page tests (etag-repeat-view, html-cache) run the built app
  log('npx remix build')
  const build = spawnSync('npx', ['remix', 'build'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] })
  if (build.status !== 0) throw new Error('remix build failed')
  mark('remix build done')

  // ---- 2. the integration suite against node 1
  if (!SKIP_SUITE) {
    log(`integration suite against node 1 (${nodeUrl(1)})`)
    const suite = runSuite(nodeUrl(1))
    mark(`integration suite done: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped (${suite.seconds.toFixed(0)} s)`)
    check(
      'integration suite on Galera node 1 (SQLite + MariaDB): passed / failed / skipped',
      `${suite.passed} / ${suite.failed} / ${suite.skipped}`,
      '… / 0 / …',
      suite.failed === 0,
    )
    for (const f of suite.failures.slice(0, 20)) log(`suite failure: ${f}`)
  } else check('integration suite on Galera node 1', 'skipped (--skip-suite)', '', null)

  // ---- 3. the app: accounts, two servers on two different nodes (built above)

  const admin = createPool({ uri: nodeUrl(1), connectionLimit: 1 })
  await admin.query(`drop database if exists \`${APP_DB}\``)
  await admin.query(`create database \`${APP_DB}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
  await admin.query(`drop user if exists '${APP_USER}'@'127.0.0.1'`)
  await admin.query(`create user '${APP_USER}'@'127.0.0.1' identified by '${APP_PASSWORD}'`)
  await admin.query(`grant select, insert, update, delete on \`${APP_DB}\`.* to '${APP_USER}'@'127.0.0.1'`)
  await admin.end()

  const urlA = withAccount(galera('url', '1', '2', '3'), APP_USER, APP_PASSWORD, APP_DB)
  const urlB = withAccount(galera('url', '2', '3', '1'), APP_USER, APP_PASSWORD, APP_DB)
  const ownerUrl = withAccount(galera('url', '1', '2', '3'), 'ci', 'ci', APP_DB)
  const common = { WEB_CONCURRENCY: '2', DB_HOST_RETRY_MS: '3000' }
  log(`server A: DATABASE_URL=${urlA.replace(APP_PASSWORD, '***')} (migrates and seeds the demo once)`)
  const serverA: AppServer = await startServer({ env: { ...common, DATABASE_URL: urlA, DATABASE_MIGRATE_URL: ownerUrl, SEED_DEMO: 'true' } })
  log(`server B: DATABASE_URL=${urlB.replace(APP_PASSWORD, '***')}`)
  const serverB: AppServer = await startServer({ env: { ...common, DATABASE_URL: urlB, SEED_DEMO: 'false' } })
  mark(`app servers up: A ${serverA.url} (node 1 first), B ${serverB.url} (node 2 first), 2 processes each`)

  const checkDb: DB = createDatabase(withAccount(galera('url', '2', '3', '1'), 'ci', 'ci', APP_DB))
  let restart: Promise<number> | null = null
  try {
    const indicators = await checkDb.selectFrom('indicator').select(['id', 'code']).where('deleted_at', 'is', null).orderBy('code').execute()
    const shared = indicators.find((i) => i.code === SHARED_CODE)!.id
    const distinct = indicators.filter((i) => i.code !== SHARED_CODE).slice(0, DISTINCT_ROWS)
    if (distinct.length !== DISTINCT_ROWS) throw new Error(`need ${DISTINCT_ROWS} distinct indicators`)
    const existing = await checkDb.selectFrom('realisasi').select('id').where('year', '=', YEAR).where('quarter', '=', QUARTER).execute()
    if (existing.length) throw new Error('TW IV 2026 must start empty')

    // sessions: alternately on A and B (sessions live in the database: either server knows them)
    const serverOf = (i: number) => (i % 2 === 0 ? serverA : serverB)
    const distinctSessions: Session[] = []
    for (const [i, ind] of distinct.entries()) distinctSessions.push(await login(serverOf(i).url, OWNERS[ind.code.slice(0, 3)]!))
    const sharedSessions: Session[] = []
    for (let i = 0; i < SHARED_CLIENTS; i++) sharedSessions.push(await login(serverOf(i).url, OWNERS[SHARED_CODE.slice(0, 3)]!))
    const setup = newCounts()
    await save(sharedSessions[0]!, shared, null, '50', setup)
    if (setup.ok !== 1) throw new Error(`creating the shared row failed: ${setup.samples.join('; ')}`)
    const count = async (table: 'realisasi' | 'audit_log') =>
      Number(
        (
          await checkDb
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const realisasiBefore = await count('realisasi')
    const auditBefore = await count('audit_log')
    mark(`load begins: ${DISTINCT_ROWS} distinct rows + ${SHARED_CLIENTS} clients on one shared row per wave, half through each server`)

    const distinctCounts = newCounts()
    const sharedCounts = newCounts()
    const distinctOk = new Map<number, number>(distinct.map((d) => [d.id, 0]))
    const known = new Map<number, number | null>(distinct.map((d) => [d.id, null]))
    const winnersPerWave: number[] = []
    let readFailures = 0
    let lastWinnerValue: string | null = null
    let waves = 0

    const wave = async (during?: () => Promise<void>) => {
      const w = ++waves
      const loaded = await Promise.all(sharedSessions.map((s) => entryVersions(s)))
      readFailures += loaded.filter((l) => l.status !== 200).length
      const versions = new Set(loaded.map((l) => l.versions?.get(shared)))
      const value = (client: number) => `${(w % 40) + 10},${String(client).padStart(2, '0')}`
      const before = [distinctCounts.samples.length, sharedCounts.samples.length]
      const saves = Promise.all([
        ...distinct.map(async (d, i) => {
          // a value that differs from the stored one (a save without a change keeps the version)
          const status = await save(distinctSessions[i]!, d.id, known.get(d.id)!, String(((known.get(d.id) ?? 0) % 2) + 1), distinctCounts)
          if (status >= 200 && status < 300) {
            distinctOk.set(d.id, distinctOk.get(d.id)! + 1)
            known.set(d.id, (known.get(d.id) ?? 0) + 1)
          }
          return -1
        }),
        ...sharedSessions.map(async (s, i) => {
          if (!loaded[i]!.versions) return -1
          const status = await save(s, shared, loaded[i]!.versions!.get(shared) ?? null, value(i), sharedCounts)
          if (status >= 200 && status < 300) lastWinnerValue = value(i)
          return status
        }),
      ])
      if (during) await during()
      const statuses = await saves
      distinctCounts.samples.slice(before[0]).forEach((x, i) => (distinctCounts.samples[before[0]! + i] = `wave ${w}: ${x}`))
      sharedCounts.samples.slice(before[1]).forEach((x, i) => (sharedCounts.samples[before[1]! + i] = `wave ${w}: ${x}`))
      const winners = statuses.filter((s) => s >= 200 && s < 300).length
      winnersPerWave.push(versions.size === 1 ? winners : -winners)
    }

    for (let i = 0; i < WAVES_BEFORE_KILL; i++) await wave()
    mark(`waves 1–${waves} done with three nodes`)

    // ---- 5. kill node 1 while a wave's saves are in flight
    await wave(async () => {
      await new Promise((r) => setTimeout(r, 40))
      galera('kill', '1')
      mark(`node 1 killed (SIGKILL) during wave ${waves}, ${DISTINCT_ROWS + SHARED_CLIENTS} saves in flight`)
    })
    mark(`wave ${waves} (the one with the kill) answered; cluster size now ${galera('size', '2')}`)
    for (let i = 0; i < WAVES_AFTER_KILL; i++) await wave()
    mark(`waves ${waves - WAVES_AFTER_KILL + 1}–${waves} done on two nodes`)

    // restart node 1 while saving goes on
    mark('node 1 restarting (.ci/galera.sh start-node 1)')
    restart = new Promise<number>((resolve) => {
      const p = spawn('bash', [GALERA, 'start-node', '1'], { stdio: ['ignore', 'ignore', 'inherit'] })
      p.on('exit', (code) => resolve(code ?? 1))
    })
    let restartCode: number | null = null
    void restart.then((c) => (restartCode = c))
    const wavesBeforeRejoin = waves
    while (restartCode === null) await wave()
    const size = galera('size', '1')
    mark(`node 1 rejoined and synced (exit ${restartCode}), wsrep_cluster_size = ${size}; ${waves - wavesBeforeRejoin} waves ran during the rejoin`)
    check('killed node rejoins: wsrep_cluster_size', size, '3', size === '3')
    // server A returns to node 1 after DB_HOST_RETRY_MS
    await new Promise((r) => setTimeout(r, 3500))
    for (let i = 0; i < WAVES_AFTER_REJOIN; i++) await wave()
    mark(`waves ${waves - WAVES_AFTER_REJOIN + 1}–${waves} done with three nodes again`)

    // ---- 6. the checks
    const retryLines = (s: AppServer) =>
      s
        .output()
        .split('\n')
        .filter((l) => l.includes('[db] transaksi tulis diulang'))
    const commitLines = (s: AppServer) =>
      s
        .output()
        .split('\n')
        .filter((l) => l.includes('[db] COMMIT terputus'))
    const retries = [...retryLines(serverA), ...retryLines(serverB)]
    const byReason = (re: RegExp) => retries.filter((l) => re.test(l)).length
    check('save waves', waves, `${WAVES_BEFORE_KILL + 1 + WAVES_AFTER_KILL + WAVES_AFTER_REJOIN}+`, waves >= WAVES_BEFORE_KILL + 1 + WAVES_AFTER_KILL + WAVES_AFTER_REJOIN)
    check(
      'distinct rows: saves 2xx / 409 / other / no answer',
      `${distinctCounts.ok} / ${distinctCounts.conflict} / ${distinctCounts.other} / ${distinctCounts.errors}`,
      `${waves * DISTINCT_ROWS} / 0 / 0 / 0`,
      distinctCounts.ok === waves * DISTINCT_ROWS && distinctCounts.conflict + distinctCounts.other + distinctCounts.errors === 0,
    )
    check(
      'shared row: saves 2xx / 409 / other / no answer',
      `${sharedCounts.ok} / ${sharedCounts.conflict} / ${sharedCounts.other} / ${sharedCounts.errors}`,
      `${waves} / ${waves * (SHARED_CLIENTS - 1)} / 0 / 0`,
      sharedCounts.ok === waves && sharedCounts.other + sharedCounts.errors === 0,
    )
    check(
      'shared row: exactly one winner in every wave',
      winnersPerWave.every((w) => w === 1) ? 'yes' : `no: ${winnersPerWave.join(',')}`,
      'yes',
      winnersPerWave.every((w) => w === 1),
    )
    check('entry page loads answered other than 200', readFailures, '0', readFailures === 0)
    check(
      'transactions re-run by the app (deadlock/certification · node not ready · lost connection)',
      `${retries.length} (${byReason(/conflict: .*(1213|DEADLOCK|Deadlock)/i)} · ${byReason(/conflict: .*(1047|UNKNOWN_COM|WSREP has not)/i)} · ${byReason(/\(lost:/)})`,
      '',
      null,
    )
    const commits = [...commitLines(serverA), ...commitLines(serverB)]
    check(
      'COMMITs cut by the kill, resolved by their audit row (landed · not landed · unknown)',
      `${commits.length} (${commits.filter((l) => l.includes('sudah tersimpan')).length} · ${commits.filter((l) => l.includes('tidak tersimpan')).length} · ${commits.filter((l) => l.includes('tidak dapat dipastikan')).length})`,
      '',
      null,
    )
    for (const s of [...distinctCounts.samples, ...sharedCounts.samples]) log(`unexpected answer: ${s}`)

    // nothing lost, nothing doubled
    const realisasiAfter = await count('realisasi')
    const twIv = await checkDb.selectFrom('realisasi').select(['id', 'indicator_id', 'version', 'value']).where('year', '=', YEAR).where('quarter', '=', QUARTER).execute()
    const byIndicator = new Map(twIv.map((r) => [r.indicator_id, r]))
    const auditPerRow = new Map(
      (
        await checkDb
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
    let lost = 0
    let doubled = 0
    const diff = (actual: number, expected: number) => {
      if (actual < expected) lost += expected - actual
      if (actual > expected) doubled += actual - expected
    }
    const dupRows = twIv.length - new Set(twIv.map((r) => r.indicator_id)).size
    doubled += dupRows
    diff(realisasiAfter - realisasiBefore, DISTINCT_ROWS)
    for (const d of distinct) {
      const r = byIndicator.get(d.id)
      const ok = distinctOk.get(d.id)!
      diff(r?.version ?? 0, ok) // a save that answered 2xx but is missing, or landed twice
      diff(r ? (auditPerRow.get(String(r.id)) ?? 0) : 0, ok)
    }
    const sharedRow = byIndicator.get(shared)!
    diff(sharedRow.version, 1 + sharedCounts.ok)
    diff(auditPerRow.get(String(sharedRow.id)) ?? 0, 1 + sharedCounts.ok)
    const auditAfter = await count('audit_log')
    const auditAdded = auditAfter - auditBefore
    check(
      'realisasi rows added (one per distinct row, none twice)',
      realisasiAfter - realisasiBefore,
      String(DISTINCT_ROWS),
      realisasiAfter - realisasiBefore === DISTINCT_ROWS && dupRows === 0,
    )
    const badDistinct = distinct.filter((d) => {
      const r = byIndicator.get(d.id)
      return !r || r.version !== distinctOk.get(d.id) || auditPerRow.get(String(r.id)) !== distinctOk.get(d.id)
    })
    check(
      'distinct rows: version = successful saves = audit rows',
      badDistinct.length ? `${badDistinct.length} rows differ` : `all ${DISTINCT_ROWS} at version ${waves}`,
      `all at ${waves}`,
      badDistinct.length === 0,
    )
    check(
      'shared row: version = audit rows = 1 + successful saves',
      `${sharedRow.version} = ${auditPerRow.get(String(sharedRow.id)) ?? 0} = 1 + ${sharedCounts.ok}`,
      `${1 + sharedCounts.ok}`,
      sharedRow.version === 1 + sharedCounts.ok && auditPerRow.get(String(sharedRow.id)) === 1 + sharedCounts.ok,
    )
    const sharedAudit = await checkDb
      .selectFrom('audit_log')
      .select(['action', 'before_json'])
      .where('entity', '=', 'realisasi')
      .where('entity_id', '=', String(sharedRow.id))
      .orderBy('id')
      .execute()
    const fromVersions = sharedAudit.filter((a) => a.action === 'update').map((a) => (JSON.parse(a.before_json ?? '{}') as { version?: number }).version)
    const consecutive = [...fromVersions].sort((a, b) => a! - b!).every((v, i) => v === i + 1)
    check(
      'shared row: each version won exactly once',
      consecutive ? `updates from v1…v${fromVersions.length}` : `no: ${fromVersions.join(',')}`,
      'v1, v2, … each once',
      consecutive && fromVersions.length === sharedCounts.ok,
    )
    const expectedValue = lastWinnerValue ? Number((lastWinnerValue as string).replace(',', '.')) : null
    check(
      "shared row: the last winner's value survives",
      `${sharedRow.value}`,
      `${expectedValue}`,
      expectedValue !== null && Math.abs(Number(sharedRow.value) - expectedValue) < 1e-9,
    )
    check('audit rows added = successful saves', auditAdded, String(distinctCounts.ok + sharedCounts.ok), auditAdded === distinctCounts.ok + sharedCounts.ok)
    diff(auditAdded, distinctCounts.ok + sharedCounts.ok)

    // every node holds the same data (the killed one included)
    const sums: string[] = []
    for (const n of [1, 2, 3]) {
      const pool = createPool({ uri: nodeUrl(n, APP_DB), connectionLimit: 1 })
      try {
        await pool.query('set session wsrep_sync_wait = 1')
        const [rowsSum] = (await pool.query('checksum table realisasi, audit_log, data_version')) as unknown as [{ Checksum: number }[]]
        sums.push(rowsSum.map((r) => r.Checksum).join('/'))
      } catch (e) {
        sums.push(`node ${n}: ${(e as Error).message}`)
      } finally {
        await pool.end()
      }
    }
    check(
      'the three nodes hold the same rows (CHECKSUM TABLE realisasi, audit_log, data_version)',
      new Set(sums).size === 1 ? 'identical' : sums.join(' | '),
      'identical',
      new Set(sums).size === 1,
    )

    const alive = await Promise.all([serverA, serverB].map(async (s) => (await fetch(`${s.url}/login`)).status))
    check(
      'both servers still serving (GET /login)',
      alive.join(', '),
      '200, 200',
      alive.every((s) => s === 200),
    )
    const non2xx409 = distinctCounts.other + distinctCounts.errors + sharedCounts.other + sharedCounts.errors

    // ---- the report
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.toString().length), ['measure', 'value', 'goal'][c]!.length))
    const line = (cells: string[], m: string) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} | ${m}`
    console.log(`\nCluster test — ${new Date().toISOString()} — MariaDB Galera 10.11, 3 nodes on loopback, 2 app servers × 2 processes, Node ${process.version}`)
    console.log(line(['measure', 'value', 'goal'], 'ok'))
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-') + '-|---')
    for (const r of rows) console.log(line([r[0], r[1], r[2]], r[3] === null ? '' : r[3] ? 'ok' : 'FAIL'))
    console.log('\nNode-kill timeline:')
    for (const t of timeline) console.log(`  ${t}`)
    console.log(`\nRows lost / doubled: ${lost} / ${doubled}`)
    console.log(`Saves answered other than 2xx/409: ${non2xx409}`)
    console.log(`Total time: ${((Date.now() - started) / 1000).toFixed(0)} s`)
    if (lost || doubled || non2xx409) failed = true
    if (failed) {
      console.log('Some checks FAILED.')
      process.exitCode = 1
    }
  } finally {
    fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true })
    for (const [name, s] of [
      ['A', serverA],
      ['B', serverB],
    ] as const)
      fs.writeFileSync(path.join(ROOT, 'test-artifacts', `cluster-server-${name}.log`), s.output())
    await restart?.catch(() => undefined)
    await checkDb.destroy().catch(() => undefined)
    await serverA.stop()
    await serverB.stop()
    if (!process.argv.includes('--keep-cluster')) galera('stop')
  }
}

main().catch((e) => {
  console.error(e)
  try {
    if (!process.argv.includes('--keep-cluster')) galera('stop')
  } catch {
    // already down
  }
  process.exitCode = 1
})
