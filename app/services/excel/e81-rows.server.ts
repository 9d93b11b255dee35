// The rows of Formulir E.80 and E.81: one scoreScope per OPD, the program tree with its budget,
// and the table in the form's order — sasaran, then its programs / kegiatan / sub kegiatan in tree
// order, each followed by its indicators. Every number comes from the scoring service (app/domain
// through scoreScope); the sheets (e81.server.ts, e80.server.ts) only lay them out.
import type { Executor } from '../../utils/db.server'
import type { IndicatorInput, IndicatorResult, Period, ScoringSettings } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { scoreScope, type ScoreBundle } from '../scoring.server'
import { loadNarratives, loadNotes, loadStructure, opdList, type ExportScope, type Narrative, type NoteRow, type OpdInfo, type Structure } from './context.server'
import { anggaranOf, anggaranSum, capaianAnggaran, loadBudget, loadProgramTree, paguOf, paguSum, type BudgetData, type ProgramNode } from '../../models/budget-read.server'

/** E.81 always covers a year to date (s.d. TW n). */
export function e81Period(p: Period): Period & { kind: 'triwulan' } {
  return { kind: 'triwulan', year: p.year, quarter: p.quarter }
}

export interface E81Row {
  input: IndicatorInput
  result: IndicatorResult
  sasaranKey: string
  sasaranText: string
  programKey: string
  programText: string
}

/** One row of the form's table: a program / kegiatan / sub kegiatan, or an indicator beneath it. */
export type FormRow =
  | { type: 'program'; node: ProgramNode; depth: number; sasaranKey: string; sasaranText: string }
  | { type: 'indicator'; row: E81Row; number: number; sasaranKey: string; sasaranText: string }

/** What the forms read of a scored scope (the trend is not shown on E.80 / E.81). */
export type E81Bundle = Pick<ScoreBundle, 'result' | 'settings' | 'data'>

export interface E81Sheet {
  opd: OpdInfo
  bundle: E81Bundle
  rows: E81Row[]
  /** The table in order: grouped under sasaran; programs with their kegiatan beneath; indicators on their own rows. */
  table: FormRow[]
  budget: BudgetData
  narratives: Map<number, Narrative>
  notes: NoteRow[]
}

const MAXI = Number.MAX_SAFE_INTEGER

type SasaranGroup = { key: string; text: string; order: [number, number] }

/** Every indicator's row, placed under its program (or straight under its sasaran when it has none). */
function placeRows(bundle: E81Bundle, structure: Structure, tree: Map<number, ProgramNode>) {
  const resultById = new Map(bundle.result.indicators.map((r) => [r.indicatorId, r]))
  const rootOf = (id: number): ProgramNode => {
    let n = tree.get(id)!
    for (let i = 0; i < 6 && n.parentId != null && tree.has(n.parentId); i++) n = tree.get(n.parentId)!
    return n
  }
  const sasaranOf = (id: number | null): SasaranGroup => {
    const s = id != null ? structure.sasaran.get(id) : undefined
    return s ? { key: `s${id}`, text: `${s.code} ${s.name}`, order: s.order } : { key: 's-', text: '(tanpa sasaran)', order: [MAXI, MAXI] as [number, number] }
  }
  const byProgram = new Map<number, E81Row[]>()
  const direct = new Map<string, E81Row[]>()
  const sasaranInfo = new Map<string, { text: string; order: [number, number] }>()
  const rootSasaran = new Map<number, string>()
  for (const input of bundle.data.indicators) {
    const meta = bundle.data.meta.get(input.id)
    const p = meta?.programId != null ? tree.get(meta.programId) : undefined
    const root = p ? rootOf(p.id) : undefined
    const sas = sasaranOf(root?.sasaranId ?? meta?.sasaranId ?? null)
    sasaranInfo.set(sas.key, { text: sas.text, order: sas.order })
    const row: E81Row = {
      input,
      result: resultById.get(input.id)!,
      sasaranKey: sas.key,
      sasaranText: sas.text,
      programKey: p ? `p${p.id}` : 'p-',
      programText: p ? `${p.code} ${p.name}` : '(tanpa program/kegiatan)',
    }
    if (p && root) {
      if (!rootSasaran.has(root.id)) rootSasaran.set(root.id, sas.key)
      const list = byProgram.get(p.id) ?? []
      list.push(row)
      byProgram.set(p.id, list)
    } else {
      const list = direct.get(sas.key) ?? []
      list.push(row)
      direct.set(sas.key, list)
    }
  }
  return { byProgram, direct, sasaranInfo, rootSasaran, sasaranOf }
}

/** The children of each program node (null: the roots), in sort order then code order. */
function childrenOf(tree: Map<number, ProgramNode>): Map<number | null, ProgramNode[]> {
  const children = new Map<number | null, ProgramNode[]>()
  for (const n of tree.values()) {
    const parent = n.parentId != null && tree.has(n.parentId) ? n.parentId : null
    const list = children.get(parent) ?? []
    list.push(n)
    children.set(parent, list)
  }
  const nodeOrder = (a: ProgramNode, b: ProgramNode) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code, 'id', { numeric: true })
  for (const list of children.values()) list.sort(nodeOrder)
  return children
}

/** Orders the table: sasaran (tujuan, sasaran order), then its programs in tree order, each followed by its indicators. */
export function buildTable(bundle: E81Bundle, structure: Structure, tree: Map<number, ProgramNode>): { rows: E81Row[]; table: FormRow[] } {
  const { byProgram, direct, sasaranInfo, rootSasaran, sasaranOf } = placeRows(bundle, structure, tree)
  const sortKey = (r: E81Row) => bundle.data.meta.get(r.input.id)?.sortOrder ?? 0
  const byOrder = (a: E81Row, b: E81Row) => sortKey(a) - sortKey(b) || a.input.code.localeCompare(b.input.code, 'id')
  const children = childrenOf(tree)
  // roots without an indicator beneath still belong to their own sasaran
  for (const r of children.get(null) ?? []) {
    if (!rootSasaran.has(r.id)) {
      const sas = sasaranOf(r.sasaranId)
      sasaranInfo.set(sas.key, { text: sas.text, order: sas.order })
      rootSasaran.set(r.id, sas.key)
    }
  }
  const sasaranKeys = [...sasaranInfo.keys()].sort((a, b) => {
    const oa = sasaranInfo.get(a)!.order
    const ob = sasaranInfo.get(b)!.order
    return oa[0] - ob[0] || oa[1] - ob[1] || a.localeCompare(b)
  })
  const table: FormRow[] = []
  let number = 0
  const ordered: E81Row[] = []
  for (const key of sasaranKeys) {
    const text = sasaranInfo.get(key)!.text
    const pushIndicators = (list: E81Row[] | undefined) => {
      for (const row of [...(list ?? [])].sort(byOrder)) {
        ordered.push(row)
        table.push({ type: 'indicator', row, number: ++number, sasaranKey: key, sasaranText: text })
      }
    }
    pushIndicators(direct.get(key))
    const walk = (node: ProgramNode, depth: number) => {
      table.push({ type: 'program', node, depth, sasaranKey: key, sasaranText: text })
      pushIndicators(byProgram.get(node.id))
      for (const c of children.get(node.id) ?? []) walk(c, depth + 1)
    }
    for (const root of children.get(null) ?? []) if (rootSasaran.get(root.id) === key) walk(root, 0)
  }
  return { rows: ordered, table }
}

/** Loads and scores what the form needs (one scoreScope per OPD), with the program tree and its budget. */
export async function loadE81(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<E81Sheet[]> {
  const s = settings ?? (await getSettings(db)).scoring
  const period = e81Period(scope.period)
  const opds = await opdList(db, scope.opdId)
  const bundles: { opd: OpdInfo; bundle: ScoreBundle }[] = []
  for (const opd of opds) {
    const bundle = await scoreScope(db, { opdId: opd.id, unitId: scope.unitId ?? null }, period, scope.asOf, s)
    if (scope.opdId == null && bundle.data.indicators.length === 0) continue
    bundles.push({ opd, bundle })
  }
  const sasaranIds: number[] = []
  const indicatorIds: number[] = []
  for (const { bundle } of bundles) {
    for (const [id, m] of bundle.data.meta) {
      indicatorIds.push(id)
      if (m.sasaranId != null) sasaranIds.push(m.sasaranId)
    }
  }
  const trees: Map<number, ProgramNode>[] = []
  for (const { bundle } of bundles) {
    // the tree of this OPD's indicators only
    const own = new Set<number>()
    for (const m of bundle.data.meta.values()) if (m.programId != null) own.add(m.programId)
    const tree = await loadProgramTree(db, [...own], scope.unitId ?? null)
    for (const n of tree.values()) if (n.sasaranId != null) sasaranIds.push(n.sasaranId)
    trees.push(tree)
  }
  const structure = await loadStructure(db, sasaranIds, [])
  const narratives = await loadNarratives(db, indicatorIds, period.year, period.quarter)
  const notes = await loadNotes(db, scope.opdId, period)
  const out: E81Sheet[] = []
  for (const [i, { opd, bundle }] of bundles.entries()) {
    const tree = trees[i]!
    const start = bundle.data.renstra?.startYear ?? period.year
    const end = Math.max(bundle.data.renstra?.endYear ?? period.year, period.year)
    const budget = await loadBudget(db, [...tree.keys()], Math.min(start, period.year), end)
    const { rows, table } = buildTable(bundle, structure, tree)
    out.push({ opd, bundle, rows, table, budget, narratives, notes: notes.filter((n) => n.opdId === opd.id) })
  }
  return out
}

/** The Rp (anggaran) cells of one program / kegiatan / sub kegiatan row. */
export interface BudgetColumns {
  c5: number | null
  c6: number | null
  c7: number | null
  quarters: (number | null)[]
  c12: number | null
  c13: number | null
  c14: number | null
}

export function budgetColumns(budget: BudgetData, programId: number, renstra: { startYear: number; endYear: number } | null, year: number, quarter: number): BudgetColumns {
  const start = renstra?.startYear ?? year
  const end = renstra?.endYear ?? year
  const quarters = [1, 2, 3, 4].map((q) => (q <= quarter ? anggaranOf(budget, programId, year, q) : null))
  const c5 = paguSum(budget, programId, start, end)
  const c6 = year - 1 >= start ? anggaranSum(budget, programId, start, year - 1) : null
  const c12 = anggaranSum(budget, programId, year, year, quarter)
  const c13 = c6 == null && c12 == null ? null : Math.round(((c6 ?? 0) + (c12 ?? 0)) * 100) / 100
  return { c5, c6, c7: paguOf(budget, programId, year), quarters, c12, c13, c14: capaianAnggaran(c13, c5) }
}

/** The arithmetic mean of the numbers listed (null when none) — what AVERAGE() over the column gives. */
export function meanOf(values: (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null
}
