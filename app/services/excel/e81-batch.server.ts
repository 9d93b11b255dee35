// The city E.81 bundle (one Formulir E.81 sheet per OPD) loaded in a fixed number of queries,
// whatever the number of OPD (ADR 0036). loadE81 (e81-rows.server.ts) reads each OPD on its own —
// a scoreScope, a program tree walk and a budget read per OPD — which at the ×10 size is thousands
// of queries. Here the scoring inputs of every OPD come from the city scoring pass
// (city-scoring.server.ts, the one /kota uses: every OPD's numbers identical to its own
// dashboard's), every program node and every budget row in one read each, and the trees, budgets,
// sasaran and tables are cut per OPD in memory exactly as loadE81 would read them, so each sheet
// is the OPD's own E.81 cell for cell (test/integration/excel-e81.test.ts).
import type { Executor } from '../../utils/db.server'
import type { ScoringSettings } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { allBudget, allProgramNodes, type BudgetData, type ProgramNode } from '../../models/budget-read.server'
import { actionFlagsByOpd, loadScoringDataOfOpds, renstraSpansByOpd, scoreOpd } from '../city-scoring.server'
import { loadNarrativesOfYear, loadNotes, loadStructure, opdList, type ExportScope } from './context.server'
import { buildTable, e81Period, type E81Bundle, type E81Sheet } from './e81-rows.server'

/** The children of each live node (by parent id), in id order — what `where parent_id in (…)` returns. */
function childrenByParent(nodes: readonly ProgramNode[]): Map<number, ProgramNode[]> {
  const out = new Map<number, ProgramNode[]>()
  for (const n of nodes) {
    if (n.parentId == null) continue
    let list = out.get(n.parentId)
    if (!list) out.set(n.parentId, (list = []))
    list.push(n)
  }
  return out
}

/**
 * loadProgramTree in memory: the nodes `programIds` point to with their live ancestors, then the
 * descendants of every node in the tree down to four levels (with `unitId`, another unit's
 * descendants left out).
 */
export function programTreeOf(
  byId: ReadonlyMap<number, ProgramNode>,
  children: ReadonlyMap<number, ProgramNode[]>,
  programIds: readonly number[],
  unitId: number | null,
): Map<number, ProgramNode> {
  const tree = new Map<number, ProgramNode>()
  let frontier = [...new Set(programIds)]
  while (frontier.length) {
    const next: number[] = []
    for (const id of frontier) {
      const n = tree.has(id) ? undefined : byId.get(id)
      if (!n) continue
      tree.set(n.id, n)
      if (n.parentId != null && !tree.has(n.parentId)) next.push(n.parentId)
    }
    frontier = next
  }
  let parents = [...tree.keys()]
  for (let depth = 0; depth < 4 && parents.length; depth++) {
    const next: number[] = []
    for (const p of parents) {
      for (const c of children.get(p) ?? []) {
        if (tree.has(c.id)) continue
        if (unitId != null && c.unitId != null && c.unitId !== unitId) continue
        tree.set(c.id, c)
        next.push(c.id)
      }
    }
    parents = next
  }
  return tree
}

/** The budget of the tree's nodes for the years fromYear..toYear (what loadBudget reads for them). */
function budgetOf(all: BudgetData, ids: Iterable<number>, fromYear: number, toYear: number): BudgetData {
  const pagu: BudgetData['pagu'] = new Map()
  const realisasi: BudgetData['realisasi'] = new Map()
  for (const id of ids) {
    const p = all.pagu.get(id)
    if (p) {
      const m = new Map([...p].filter(([year]) => year >= fromYear && year <= toYear))
      if (m.size) pagu.set(id, m)
    }
    const a = all.realisasi.get(id)
    if (a) {
      const m = new Map(
        [...a].filter(([key]) => {
          const year = Number(key.slice(0, 4))
          return year >= fromYear && year <= toYear
        }),
      )
      if (m.size) realisasi.set(id, m)
    }
  }
  return { pagu, realisasi }
}

/**
 * What loadE81(db, { opdId: null, unitId: null, … }) returns — every OPD with indicators, one
 * sheet each, in OPD order — read in a fixed number of queries (the IN list of the sasaran in
 * chunks of 500 ids: one query up to 500 sasaran).
 */
export async function loadE81City(db: Executor, scope: Omit<ExportScope, 'opdId' | 'unitId'>, settings?: ScoringSettings): Promise<E81Sheet[]> {
  const s = settings ?? (await getSettings(db)).scoring
  const period = e81Period(scope.period)
  const opds = await opdList(db, null)
  const spansOf = await renstraSpansByOpd(db)
  const inputs = await loadScoringDataOfOpds(db, null, period.year, spansOf)
  const flagsOf = await actionFlagsByOpd(db, scope.asOf, s.timeZone)

  const scored: { opd: (typeof opds)[number]; bundle: E81Bundle }[] = []
  for (const opd of opds) {
    const data = inputs.get(opd.id)?.data
    if (!data || data.indicators.length === 0) continue
    scored.push({ opd, bundle: { result: scoreOpd(data, period, scope.asOf, s, flagsOf(opd.id)), settings: s, data } })
  }

  const nodes = await allProgramNodes(db)
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const children = childrenByParent(nodes)
  const sasaranIds: number[] = []
  const indicatorIds: number[] = []
  let fromYear = period.year
  let toYear = period.year
  const trees = scored.map(({ bundle }) => {
    const own: number[] = []
    for (const [id, m] of bundle.data.meta) {
      indicatorIds.push(id)
      if (m.sasaranId != null) sasaranIds.push(m.sasaranId)
      if (m.programId != null) own.push(m.programId)
    }
    const tree = programTreeOf(byId, children, own, null)
    for (const n of tree.values()) if (n.sasaranId != null) sasaranIds.push(n.sasaranId)
    const renstra = bundle.data.renstra
    const from = Math.min(renstra?.startYear ?? period.year, period.year)
    const to = Math.max(renstra?.endYear ?? period.year, period.year)
    fromYear = Math.min(fromYear, from)
    toYear = Math.max(toYear, to)
    return { tree, from, to }
  })
  const [budget, structure, narratives, notes] = [
    await allBudget(db, fromYear, toYear),
    await loadStructure(db, sasaranIds, []),
    await loadNarrativesOfYear(db, new Set(indicatorIds), period.year, period.quarter),
    await loadNotes(db, null, period),
  ]
  const notesOf = new Map<number, typeof notes>()
  for (const n of notes) {
    let list = notesOf.get(n.opdId)
    if (!list) notesOf.set(n.opdId, (list = []))
    list.push(n)
  }
  return scored.map(({ opd, bundle }, i) => {
    const { tree, from, to } = trees[i]!
    const { rows, table } = buildTable(bundle, structure, tree)
    return { opd, bundle, rows, table, budget: budgetOf(budget, tree.keys(), from, to), narratives, notes: notesOf.get(opd.id) ?? [] }
  })
}
