// The Dumai demo's budget (invented, labelled "(contoh)"): one kegiatan under every programme,
// one sub kegiatan under two of them, pagu 2021–2026 on every level and realisasi anggaran per
// quarter up to DEMO_ANGGARAN_LAST. 2021–2025 are stored as data historis (verified, historical,
// entered by perencanaan before the demo went live); 2026 quarters are entered by the bidang and
// verified by perencanaan.
import type { Executor } from '../db/db.server.js'
import { toDbTime } from '../db/time.js'
import { DEMO_ANGGARAN_LAST, DEMO_KEGIATAN, DEMO_YEARS, demoAnggaran, demoPagu } from './demo-data.js'

export interface DemoBudgetContext {
  periodId: number
  /** Programme code → its id, sasaran id and responsible unit id. */
  programs: Record<string, { id: number; unitId: number }>
  /** The unit id → the kepala bidang's user id, and perencanaan's user id. */
  kabidOfUnit: Record<number, number>
  perencanaan: number
}

export async function seedDemoBudget(trx: Executor, ctx: DemoBudgetContext): Promise<{ lines: number; pagu: number; anggaran: number }> {
  const insertId = (r: { insertId?: bigint | number }) => Number(r.insertId)
  // Each branch: the programme, its kegiatan and (sometimes) a sub kegiatan, all with the programme's budget.
  const branches: { program: string; ids: number[]; unitId: number }[] = []
  let order = 100
  for (const k of DEMO_KEGIATAN) {
    const p = ctx.programs[k.program]!
    const kegId = insertId(
      await trx
        .insertInto('program')
        .values({
          period_id: ctx.periodId,
          sasaran_id: null,
          parent_id: p.id,
          kind: 'kegiatan',
          code: k.code,
          name: k.name,
          unit_id: p.unitId,
          sort_order: order++,
          deleted_at: null,
        })
        .executeTakeFirstOrThrow(),
    )
    const ids = [p.id, kegId]
    if (k.sub)
      ids.push(
        insertId(
          await trx
            .insertInto('program')
            .values({
              period_id: ctx.periodId,
              sasaran_id: null,
              parent_id: kegId,
              kind: 'subkegiatan',
              code: k.sub.code,
              name: k.sub.name,
              unit_id: p.unitId,
              sort_order: order++,
              deleted_at: null,
            })
            .executeTakeFirstOrThrow(),
        ),
      )
    branches.push({ program: k.program, ids, unitId: p.unitId })
  }
  const setAt = toDbTime(new Date(Date.UTC(2021, 0, 11, 2, 0, 0)))
  const pagu = []
  const anggaran = []
  for (const b of branches) {
    for (const year of DEMO_YEARS) {
      for (const id of b.ids) pagu.push({ program_id: id, year, pagu: demoPagu(b.program, year), version: 1, updated_at: setAt, updated_by: ctx.perencanaan })
      const quarters = year < DEMO_ANGGARAN_LAST.year ? 4 : DEMO_ANGGARAN_LAST.quarter
      for (let q = 1; q <= quarters; q++) {
        const historical = year < 2026
        const [m, d] = [
          [3, 31],
          [6, 30],
          [9, 30],
          [12, 31],
        ][q - 1]!
        const entered = toDbTime(new Date(Date.UTC(year, m! - 1, d! + 6, 3, 30, 0)))
        const verified = toDbTime(new Date(Date.UTC(year, m! - 1, d! + 9, 3, 30, 0)))
        const by = historical ? ctx.perencanaan : ctx.kabidOfUnit[b.unitId]!
        for (const id of b.ids) {
          anggaran.push({
            program_id: id,
            year,
            quarter: q,
            amount: demoAnggaran(b.program, year, q),
            status: 'diverifikasi' as const,
            return_note: null,
            is_historical: historical ? 1 : 0,
            version: 1,
            entered_by: by,
            entered_at: entered,
            verified_by: ctx.perencanaan,
            verified_at: historical ? entered : verified,
            created_at: entered,
            updated_at: historical ? entered : verified,
          })
        }
      }
    }
  }
  for (let i = 0; i < pagu.length; i += 50)
    await trx
      .insertInto('program_pagu')
      .values(pagu.slice(i, i + 50))
      .execute()
  for (let i = 0; i < anggaran.length; i += 50)
    await trx
      .insertInto('realisasi_anggaran')
      .values(anggaran.slice(i, i + 50))
      .execute()
  return { lines: branches.reduce((s, b) => s + b.ids.length, 0) - branches.length, pagu: pagu.length, anggaran: anggaran.length }
}
