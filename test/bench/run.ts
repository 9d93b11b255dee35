// npm run bench — one command, one table. Builds a city-scale data set (40 OPD × 25 indicators ×
// 6 years × 4 quarters) on SQLite (and on MySQL/MariaDB when BENCH_MYSQL_URL is set, a Galera cluster when
// BENCH_GALERA_URL is), then measures
// each goal in the same run and prints measured values beside the goals. Ratios are what count:
// this machine is shared and noisy.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { createPool } from 'mysql2/promise'
import { createDatabase, parseMysqlUrl, type DB } from '../../db/db.server.js'
import { migrateToLatest } from '../../db/migrate.js'
import { generateCity, CITY } from './generate.js'
import { loadScoringData, loadScoringDataFresh } from '../../app/services/scoring.server.js'
import { scorePeriod, DEFAULT_SETTINGS } from '../../app/domain/index.js'
import { extraBenchmarks } from './extra.js'
import { timeIt } from './timing.js'
import { servedRows, stressRows } from './scale.js'

export interface Row {
  measure: string
  value: string
  goal: string
  ok: boolean | null
}

const ms = (v: number) => `${v.toFixed(1)} ms`

async function benchDatabase(label: string, db: DB, rows: Row[]) {
  const t0 = performance.now()
  const made = await generateCity(db)
  rows.push({
    measure: `[${label}] generate ${CITY.opd} OPD × ${CITY.indicatorsPerOpd} indicators × ${CITY.years.length} years`,
    value: `${made.indicators} indicators, ${made.realisasi} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    goal: '',
    ok: null,
  })

  const asOf = new Date('2026-11-29T03:00:00Z')
  const period = { kind: 'triwulan', year: 2025, quarter: 4 } as const
  const data = await loadScoringData(db, { opdId: null }, 2025)
  const engine = await timeIt(
    () => scorePeriod({ indicators: data.indicators, realisasi: data.realisasi, settings: DEFAULT_SETTINGS, period, asOf, renstraStartYear: 2021, previous: 'auto' }),
    20,
  )
  rows.push({
    measure: `[${label}] engine: full matrix + flags, city (${data.indicators.length} indicators)`,
    value: `p50 ${ms(engine.p50)}`,
    goal: '≤ 50 ms',
    ok: engine.p50 <= 50,
  })

  // the load as the app does it: from the read cache while the data version is unchanged (one
  // query), and cold (the five queries), which is what the first reader after a change pays
  await loadScoringData(db, { opdId: null }, 2025)
  const load = await timeIt(() => loadScoringData(db, { opdId: null }, 2025), 30)
  const cold = await timeIt(() => loadScoringDataFresh(db, { opdId: null }, 2025), 10)
  const bare = await timeIt(
    () =>
      sql`select r.indicator_id, count(*) as n, sum(r.value) as s, max(r.year * 10 + r.quarter) as latest
          from realisasi r join indicator i on i.id = r.indicator_id join renstra_period p on p.id = i.period_id
          where p.start_year <= 2025 and p.end_year >= 2025 and i.deleted_at is null
          group by r.indicator_id`.execute(db),
    10,
  )
  const read = await timeIt(
    () =>
      sql`select r.indicator_id, r.year, r.quarter, r.value, r.tidak_diukur, r.status, r.is_late
          from realisasi r join indicator i on i.id = r.indicator_id join renstra_period p on p.id = i.period_id
          where p.start_year <= 2025 and p.end_year >= 2025 and i.deleted_at is null`.execute(db),
    10,
  )
  rows.push({ measure: `[${label}] database load of a period, city, unchanged data (read cache)`, value: `p50 ${ms(load.p50)}`, goal: '', ok: null })
  rows.push({ measure: `[${label}] database load of a period, city, first read after a change`, value: `p50 ${ms(cold.p50)}`, goal: '', ok: null })
  rows.push({ measure: `[${label}] bare SQL aggregate over the same rows`, value: `p50 ${ms(bare.p50)}`, goal: '', ok: null })
  const ratio = load.p50 / bare.p50
  rows.push({ measure: `[${label}] load ÷ bare aggregate, city (${data.realisasi.length} rows), unchanged data`, value: ratio.toFixed(2), goal: '≤ 2', ok: ratio <= 2 })
  rows.push({ measure: `[${label}] load ÷ bare aggregate, city, first read after a change`, value: (cold.p50 / bare.p50).toFixed(2), goal: '', ok: null })
  rows.push({ measure: `[${label}] first read after a change ÷ bare read of the same rows`, value: (cold.p50 / read.p50).toFixed(2), goal: '', ok: null })

  // one OPD out of the city (what the beranda loads)
  const opd = await db.selectFrom('org_unit').select('id').where('code', '=', 'OPD-20').executeTakeFirstOrThrow()
  await loadScoringData(db, { opdId: opd.id }, 2025)
  const loadOne = await timeIt(() => loadScoringData(db, { opdId: opd.id }, 2025), 30)
  const coldOne = await timeIt(() => loadScoringDataFresh(db, { opdId: opd.id }, 2025), 30)
  const bareOne = await timeIt(
    () =>
      sql`select r.indicator_id, count(*) as n, sum(r.value) as s, max(r.year * 10 + r.quarter) as latest
          from realisasi r join indicator i on i.id = r.indicator_id join renstra_period p on p.id = i.period_id
          where p.opd_id = ${opd.id} and p.start_year <= 2025 and p.end_year >= 2025 and i.deleted_at is null
          group by r.indicator_id`.execute(db),
    30,
  )
  rows.push({
    measure: `[${label}] database load of a period, one OPD in the city`,
    value: `p50 ${ms(loadOne.p50)} unchanged data, ${ms(coldOne.p50)} after a change (bare ${ms(bareOne.p50)})`,
    goal: '',
    ok: null,
  })
  rows.push({
    measure: `[${label}] load ÷ bare aggregate, one OPD, unchanged data`,
    value: (loadOne.p50 / bareOne.p50).toFixed(2),
    goal: '≤ 2',
    ok: loadOne.p50 / bareOne.p50 <= 2,
  })
  rows.push({ measure: `[${label}] load ÷ bare aggregate, one OPD, first read after a change`, value: (coldOne.p50 / bareOne.p50).toFixed(2), goal: '', ok: null })
}

/** `base` (one host or several, as DATABASE_URL takes them) with another database name. */
const withDatabase = (base: string, name: string) => base.replace(/^(mysql:\/\/[^/?#]*)(\/[^?#]*)?/i, `$1/${name}`)

/** A fresh MariaDB/MySQL database on the server (or Galera cluster) of `base`, dropped by `drop`. */
async function freshMysql(base: string) {
  const name = `bench_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const admin = createPool({ uri: parseMysqlUrl(base).uris[0]!, connectionLimit: 1 })
  await admin.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
  const url = withDatabase(base, name)
  const db = createDatabase(url)
  await migrateToLatest(db)
  return {
    url,
    db,
    drop: async () => {
      await db.destroy()
      await admin.query(`drop database if exists \`${name}\``)
      await admin.end()
    },
  }
}

/**
 * The served rows on a Galera cluster (BENCH_GALERA_URL, its hosts in order: .ci/galera.sh url):
 * the app server on the first node, the mixed load's saves through the second, so that reads and
 * writes meet on two primaries as they do with two app servers.
 */
async function galeraRows(base: string, rows: Row[]) {
  const my = await freshMysql(base)
  const { hosts } = parseMysqlUrl(my.url)
  const second = hosts.length > 1 ? [hosts[1]!, hosts[0]!, ...hosts.slice(2)] : hosts
  const savers = createDatabase(my.url.replace(/^(mysql:\/\/(?:[^@/?#]*@)?)[^/?#]*/i, `$1${second.map((h) => `${h.host}:${h.port}`).join(',')}`))
  try {
    await servedRows('Galera', my.url, my.db, rows, savers)
  } finally {
    await savers.destroy()
    await my.drop()
  }
}

async function main() {
  const rows: Row[] = []
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-bench-'))
  // BENCH_ONLY=scale runs only the rows of issue 17 (served app on both databases, mixed load, ×10 stress),
  // BENCH_ONLY=galera only the Galera rows (with BENCH_GALERA_URL)
  const only = process.env.BENCH_ONLY
  const mysqlBase = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL
  if (only !== 'galera') {
    const file = path.join(dir, 'bench.sqlite')
    const sqlite = createDatabase(file)
    await migrateToLatest(sqlite)
    if (only !== 'scale') {
      await benchDatabase('SQLite', sqlite, rows)
      await extraBenchmarks({ dbUrl: file, db: sqlite, rows })
    }
    await servedRows('SQLite', file, sqlite, rows)
    await sqlite.destroy()

    if (mysqlBase) {
      // a fresh database of its own on that server, dropped afterwards
      const my = await freshMysql(mysqlBase)
      try {
        if (only !== 'scale') await benchDatabase('MariaDB', my.db, rows)
        await servedRows('MariaDB', my.url, my.db, rows)
      } finally {
        await my.drop()
      }
    }
  }

  // BENCH_GALERA_URL: the served rows on a Galera cluster too (BENCH_ONLY=galera: only them)
  const galera = process.env.BENCH_GALERA_URL
  if (galera) await galeraRows(galera, rows)

  if (only !== 'galera') {
    // the ×10 stress size, each on a database of its own
    const stressFile = path.join(dir, 'stress.sqlite')
    const stress = createDatabase(stressFile)
    await migrateToLatest(stress)
    await stressRows('SQLite', stressFile, stress, rows)
    await stress.destroy()
    if (mysqlBase && process.env.BENCH_STRESS_MYSQL !== 'false') {
      const my = await freshMysql(mysqlBase)
      try {
        await stressRows('MariaDB', my.url, my.db, rows)
      } finally {
        await my.drop()
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true })

  const w = [Math.max(...rows.map((r) => r.measure.length)), Math.max(...rows.map((r) => r.value.length)), 10]
  const line = (a: string, b: string, c: string, d: string) => `| ${a.padEnd(w[0]!)} | ${b.padEnd(w[1]!)} | ${c.padEnd(w[2]!)} | ${d} |`
  console.log(`\nBenchmark ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`)
  console.log(line('measure', 'value', 'goal', 'met'))
  console.log(line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '---'))
  for (const r of rows) console.log(line(r.measure, r.value, r.goal, r.ok == null ? '' : r.ok ? 'yes' : 'NO'))
}

await main()
