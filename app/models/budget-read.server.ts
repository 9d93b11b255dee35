// Budget beside performance for the evaluation forms (E.81, E.80): the program / kegiatan / sub
// kegiatan tree of the indicators in scope, their pagu per year and their realisasi anggaran per
// quarter. Only submitted or verified amounts count (status diajukan / diverifikasi), as for the
// realisations of the indicators. Each node carries its own amounts: nothing is rolled up from its
// kegiatan, so an amount entered at two levels is never counted twice.
import type { Executor } from '../utils/db.server'

export interface ProgramNode {
  id: number
  parentId: number | null
  kind: 'program' | 'kegiatan' | 'subkegiatan'
  code: string
  name: string
  sasaranId: number | null
  unitId: number | null
  sortOrder: number
}

const COUNTED = ['diajukan', 'diverifikasi'] as const

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

async function nodesById(db: Executor, ids: number[]): Promise<ProgramNode[]> {
  const out: ProgramNode[] = []
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('program')
      .select(['id', 'parent_id', 'kind', 'code', 'name', 'sasaran_id', 'unit_id', 'sort_order'])
      .where('id', 'in', part)
      .where('deleted_at', 'is', null)
      .execute()
    for (const r of rows)
      out.push({ id: r.id, parentId: r.parent_id, kind: r.kind, code: r.code, name: r.name, sasaranId: r.sasaran_id, unitId: r.unit_id, sortOrder: r.sort_order })
  }
  return out
}

/**
 * The programs the indicators point to, with their ancestors (a kegiatan's program) and their
 * descendants (the kegiatan and sub kegiatan beneath a listed program). With `unitId`, descendants
 * of another unit are left out (a bidang's form shows its own kegiatan).
 */
export async function loadProgramTree(db: Executor, programIds: number[], unitId?: number | null): Promise<Map<number, ProgramNode>> {
  const tree = new Map<number, ProgramNode>()
  let frontier = [...new Set(programIds)]
  // ancestors
  while (frontier.length) {
    const nodes = await nodesById(
      db,
      frontier.filter((id) => !tree.has(id)),
    )
    frontier = []
    for (const n of nodes) {
      tree.set(n.id, n)
      if (n.parentId != null && !tree.has(n.parentId)) frontier.push(n.parentId)
    }
  }
  // descendants
  let parents = [...tree.keys()]
  for (let depth = 0; depth < 4 && parents.length; depth++) {
    const next: number[] = []
    for (const part of chunks(parents)) {
      const rows = await db
        .selectFrom('program')
        .select(['id', 'parent_id', 'kind', 'code', 'name', 'sasaran_id', 'unit_id', 'sort_order'])
        .where('parent_id', 'in', part)
        .where('deleted_at', 'is', null)
        .execute()
      for (const r of rows) {
        if (tree.has(r.id)) continue
        if (unitId != null && r.unit_id != null && r.unit_id !== unitId) continue
        tree.set(r.id, { id: r.id, parentId: r.parent_id, kind: r.kind, code: r.code, name: r.name, sasaranId: r.sasaran_id, unitId: r.unit_id, sortOrder: r.sort_order })
        next.push(r.id)
      }
    }
    parents = next
  }
  return tree
}

export interface BudgetData {
  /** program id → year → pagu */
  pagu: Map<number, Map<number, number>>
  /** program id → `${year}-${quarter}` → submitted/verified realisasi anggaran */
  realisasi: Map<number, Map<string, number>>
}

/** Pagu and counted realisasi anggaran of `programIds` for the years fromYear..toYear. */
export async function loadBudget(db: Executor, programIds: number[], fromYear: number, toYear: number): Promise<BudgetData> {
  const pagu: BudgetData['pagu'] = new Map()
  const realisasi: BudgetData['realisasi'] = new Map()
  for (const part of chunks([...new Set(programIds)])) {
    const p = await db
      .selectFrom('program_pagu')
      .select(['program_id', 'year', 'pagu'])
      .where('program_id', 'in', part)
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .execute()
    for (const r of p) {
      let m = pagu.get(r.program_id)
      if (!m) pagu.set(r.program_id, (m = new Map()))
      m.set(r.year, Number(r.pagu))
    }
    const a = await db
      .selectFrom('realisasi_anggaran')
      .select(['program_id', 'year', 'quarter', 'amount'])
      .where('program_id', 'in', part)
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .where('status', 'in', [...COUNTED])
      .execute()
    for (const r of a) {
      let m = realisasi.get(r.program_id)
      if (!m) realisasi.set(r.program_id, (m = new Map()))
      m.set(`${r.year}-${r.quarter}`, Number(r.amount))
    }
  }
  return { pagu, realisasi }
}

/** Sums that keep cents exact (amounts are decimal(18,2)). */
export function sumMoney(values: (number | null | undefined)[]): number | null {
  let cents = 0
  let any = false
  for (const v of values) {
    if (v == null) continue
    any = true
    cents += Math.round(v * 100)
  }
  return any ? cents / 100 : null
}

/** Pagu of one year (null when not set). */
export function paguOf(b: BudgetData, programId: number, year: number): number | null {
  return b.pagu.get(programId)?.get(year) ?? null
}

/** Pagu summed over the years from..to (null when none is set). */
export function paguSum(b: BudgetData, programId: number, from: number, to: number): number | null {
  const vals: (number | null)[] = []
  for (let y = from; y <= to; y++) vals.push(paguOf(b, programId, y))
  return sumMoney(vals)
}

/** Counted realisasi anggaran of one quarter (null when none). */
export function anggaranOf(b: BudgetData, programId: number, year: number, quarter: number): number | null {
  return b.realisasi.get(programId)?.get(`${year}-${quarter}`) ?? null
}

/** Counted realisasi anggaran of the years from..to, quarters ≤ lastQuarter in the year `to`. */
export function anggaranSum(b: BudgetData, programId: number, from: number, to: number, lastQuarter = 4): number | null {
  const vals: (number | null)[] = []
  for (let y = from; y <= to; y++) for (let q = 1; q <= (y === to ? lastQuarter : 4); q++) vals.push(anggaranOf(b, programId, y, q))
  return sumMoney(vals)
}

/** Capaian anggaran (%) = realisasi / pagu × 100; null without a positive pagu or a realisation. */
export function capaianAnggaran(realisasi: number | null, pagu: number | null): number | null {
  if (realisasi == null || pagu == null || pagu <= 0) return null
  return (realisasi / pagu) * 100
}

/**
 * Every live program / kegiatan / sub kegiatan node of every OPD in one query (the city E.81
 * bundle derives each OPD's tree from it in memory, as loadProgramTree would read it).
 */
export async function allProgramNodes(db: Executor): Promise<ProgramNode[]> {
  const rows = await db
    .selectFrom('program')
    .select(['id', 'parent_id', 'kind', 'code', 'name', 'sasaran_id', 'unit_id', 'sort_order'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, kind: r.kind, code: r.code, name: r.name, sasaranId: r.sasaran_id, unitId: r.unit_id, sortOrder: r.sort_order }))
}

/** loadBudget for every program at once (two queries): pagu and counted realisasi anggaran of fromYear..toYear. */
export async function allBudget(db: Executor, fromYear: number, toYear: number): Promise<BudgetData> {
  const [p, a] = await Promise.all([
    db.selectFrom('program_pagu').select(['program_id', 'year', 'pagu']).where('year', '>=', fromYear).where('year', '<=', toYear).execute(),
    db
      .selectFrom('realisasi_anggaran')
      .select(['program_id', 'year', 'quarter', 'amount'])
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .where('status', 'in', [...COUNTED])
      .execute(),
  ])
  const pagu: BudgetData['pagu'] = new Map()
  const realisasi: BudgetData['realisasi'] = new Map()
  for (const r of p) {
    let m = pagu.get(r.program_id)
    if (!m) pagu.set(r.program_id, (m = new Map()))
    m.set(r.year, Number(r.pagu))
  }
  for (const r of a) {
    let m = realisasi.get(r.program_id)
    if (!m) realisasi.set(r.program_id, (m = new Map()))
    m.set(`${r.year}-${r.quarter}`, Number(r.amount))
  }
  return { pagu, realisasi }
}
