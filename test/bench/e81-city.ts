// The city E.81 bundle at the ×10 stress size (400 OPD × 25 indicators × 6 years), in process:
// load ms (every OPD's sheet data), write ms (the workbook's bytes), total ms and the RSS growth
// (peak − start, sampled every 5 ms). The data set is the bench city (generate.ts) plus a small
// program tree per OPD (5 sasaran, 5 programs with 2 kegiatan each, pagu and realisasi anggaran)
// so that every sheet has program rows with Rp cells. Total = buildE81Workbook on a handle with an
// empty read cache; load = loadE81City alone on another such handle; write = total − load.
//   node --expose-gc --import tsx test/bench/e81-city.ts
// BENCH_E81_DB=/tmp/e81.sqlite keeps the generated file for the next run (generated when missing).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDatabase, type DB } from '../../db/db.server.js'
import { migrateToLatest } from '../../db/migrate.js'
import { toDbTime } from '../../db/time.js'
import { bumpDataVersion } from '../../db/version.js'
import { setClock } from '../../app/utils/clock.server.js'
import { generateCity, CITY } from './generate.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const PERIOD = { kind: 'triwulan', year: 2025, quarter: 4 } as const

/** 5 sasaran, 5 programs × 2 kegiatan per OPD; each indicator under one of them; pagu and realisasi anggaran. */
export async function addProgramTrees(db: DB): Promise<{ programs: number }> {
  const t = toDbTime(new Date(Date.UTC(2021, 0, 4)))
  let programs = 0
  await db.transaction().execute(async (trx) => {
    const periods = await trx.selectFrom('renstra_period').select(['id', 'opd_id']).orderBy('id').execute()
    for (const p of periods) {
      const tujuan = Number(
        (await trx.insertInto('tujuan').values({ period_id: p.id, code: 'T1', name: 'Tujuan 1', sort_order: 1, deleted_at: null }).executeTakeFirstOrThrow()).insertId,
      )
      const inds = await trx.selectFrom('indicator').select(['id', 'unit_id']).where('period_id', '=', p.id).orderBy('sort_order').execute()
      const pagu: { program_id: number; year: number; pagu: number; updated_at: string; updated_by: null }[] = []
      const ang: {
        program_id: number
        year: number
        quarter: number
        amount: number
        status: 'diverifikasi'
        return_note: null
        is_historical: number
        entered_by: null
        entered_at: string
        verified_by: null
        verified_at: null
        created_at: string
        updated_at: string
      }[] = []
      const nodes: number[] = []
      for (let s = 1; s <= 5; s++) {
        const sasaran = Number(
          (
            await trx
              .insertInto('sasaran')
              .values({ tujuan_id: tujuan, code: `S${s}`, name: `Sasaran ${s} periode ${p.id}`, sort_order: s, deleted_at: null })
              .executeTakeFirstOrThrow()
          ).insertId,
        )
        const unitId = inds[s % inds.length]?.unit_id ?? null
        const prog = Number(
          (
            await trx
              .insertInto('program')
              .values({
                period_id: p.id,
                sasaran_id: sasaran,
                parent_id: null,
                kind: 'program',
                code: `P.${p.id}.${s}`,
                name: `Program ${s}`,
                unit_id: unitId,
                sort_order: s,
                deleted_at: null,
              })
              .executeTakeFirstOrThrow()
          ).insertId,
        )
        nodes.push(prog)
        for (let k = 1; k <= 2; k++) {
          const keg = Number(
            (
              await trx
                .insertInto('program')
                .values({
                  period_id: p.id,
                  sasaran_id: null,
                  parent_id: prog,
                  kind: 'kegiatan',
                  code: `P.${p.id}.${s}.${k}`,
                  name: `Kegiatan ${s}.${k}`,
                  unit_id: unitId,
                  sort_order: k,
                  deleted_at: null,
                })
                .executeTakeFirstOrThrow()
            ).insertId,
          )
          nodes.push(keg)
        }
      }
      programs += nodes.length
      for (const [i, ind] of inds.entries())
        await trx
          .updateTable('indicator')
          .set({ program_id: nodes[i % nodes.length]! })
          .where('id', '=', ind.id)
          .execute()
      for (const id of nodes)
        for (const y of CITY.years) {
          pagu.push({ program_id: id, year: y, pagu: 100_000_000, updated_at: t, updated_by: null })
          if (y <= 2025)
            for (let q = 1; q <= 4; q++)
              ang.push({
                program_id: id,
                year: y,
                quarter: q,
                amount: 20_000_000 + q * 1_000_000,
                status: 'diverifikasi',
                return_note: null,
                is_historical: y < 2025 ? 1 : 0,
                entered_by: null,
                entered_at: t,
                verified_by: null,
                verified_at: null,
                created_at: t,
                updated_at: t,
              })
        }
      for (let k = 0; k < pagu.length; k += 200)
        await trx
          .insertInto('program_pagu')
          .values(pagu.slice(k, k + 200))
          .execute()
      for (let k = 0; k < ang.length; k += 200)
        await trx
          .insertInto('realisasi_anggaran')
          .values(ang.slice(k, k + 200))
          .execute()
    }
  })
  await bumpDataVersion(db)
  return { programs }
}

async function dataSet(): Promise<{ db: DB; cleanup: () => void }> {
  const keep = process.env.BENCH_E81_DB
  const dir = keep ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-e81-'))
  const file = keep ?? path.join(dir!, 'e81.sqlite')
  const fresh = !fs.existsSync(file)
  const db = createDatabase(file)
  if (fresh) {
    await migrateToLatest(db)
    const t0 = performance.now()
    const made = await generateCity(db, { ...CITY, opd: 400 }, { batch: 500 })
    const trees = await addProgramTrees(db)
    console.log(`generated ${made.indicators} indicators, ${made.realisasi} realisations, ${trees.programs} program nodes in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
  return { db, cleanup: () => dir && fs.rmSync(dir, { recursive: true, force: true }) }
}

const mb = (bytes: number) => bytes / 1024 / 1024

async function main() {
  const { db, cleanup } = await dataSet()
  setClock(() => ASOF)
  const { loadE81City } = await import('../../app/services/excel/e81-batch.server.js')
  const { buildE81Workbook } = await import('../../app/services/excel/e81.server.js')
  const scope = { opdId: null, unitId: null, period: PERIOD, asOf: ASOF }
  const runs = Number(process.env.BENCH_RUNS ?? 2)
  try {
    for (let i = 0; i < runs; i++) {
      // a handle of its own for each step: its read cache starts empty (the first bundle after a change)
      const fresh = () => db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result })
      global.gc?.()
      const rss0 = process.memoryUsage().rss
      let peak = rss0
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
      const t0 = performance.now()
      const file = await buildE81Workbook(fresh(), scope)
      const t1 = performance.now()
      clearInterval(timer)
      peak = Math.max(peak, process.memoryUsage().rss)
      const t2 = performance.now()
      const sheets = await loadE81City(fresh(), scope)
      const load = performance.now() - t2
      const total = t1 - t0
      const write = total - load
      console.log(
        `run ${i + 1}: ${sheets.length} sheets, ${mb(file.buffer.length).toFixed(1)} MB; load ${load.toFixed(0)} ms, write ${write.toFixed(0)} ms, total ${total.toFixed(0)} ms; RSS growth ${mb(peak - rss0).toFixed(0)} MB (${mb(rss0).toFixed(0)} → ${mb(peak).toFixed(0)} MB)`,
      )
    }
  } finally {
    setClock(null)
    await db.destroy()
    cleanup()
  }
}

await main()
