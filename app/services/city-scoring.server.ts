// Scores of many OPD in one pass (the city view, issue 17): the inputs of every OPD asked for are
// read with a few set-based queries (app/models/city-scoring.server.ts), grouped per OPD in
// memory, and each OPD is scored by the same engine (app/domain) on exactly the data, period and
// settings its own dashboard uses (loadScoringData, resolvePeriod and scoreScope in
// scoring.server.ts, whose one-OPD shapes this file mirrors): every number stays identical, which
// test/integration/kota-batch.test.ts checks OPD by OPD.
import type { Executor } from '../utils/db.server'
import { previousFromTrend, scorePeriod, scoreTrend, trendPeriods, type ScoreResult } from '../domain'
import type { IndicatorInput, Period, RealisasiInput, ScoringSettings } from '../domain/types'
import type { Flag } from '../domain/flags'
import { indicatorInputOf, realisasiInputOf } from '../domain/indicator-input'
import { renstraSpansOfAllOpd, scoringRowsOfOpd, type CityScoringRows } from '../models/city-scoring.server'
import { overdueActions, type ActionRow } from '../models/actions.server'
import { actionFlagsOf, todayIn } from './actions/flags.server'
import type { IndicatorMeta, RenstraSpan, ScoringData } from './scoring.server'

type IndicatorRow = CityScoringRows['indicators'][number]
type RealisasiRow = CityScoringRows['realisasi'][number]

/** One OPD's inputs: what loadScoringData returns for it, plus the rows the completeness reads. */
export interface OpdScoringInput {
  data: ScoringData
  indicatorRows: IndicatorRow[]
  realisasiRows: RealisasiRow[]
}

/** Every OPD's Renstra periods, as renstraPeriodsOf(db, opdId) returns them for each: one query. */
export async function renstraSpansByOpd(db: Executor): Promise<(opdId: number) => RenstraSpan[]> {
  const byOpd = new Map<number, RenstraSpan[]>()
  for (const r of await renstraSpansOfAllOpd(db)) {
    let list = byOpd.get(r.opd_id)
    if (!list) byOpd.set(r.opd_id, (list = []))
    list.push({ startYear: r.start_year, endYear: r.end_year })
  }
  return (opdId) => byOpd.get(opdId) ?? []
}

/**
 * loadScoringData(db, { opdId }, year) for each OPD of `opdIds` (null: every OPD) from four
 * queries in all. `spansOf`: the OPD's Renstra periods (renstraSpansByOpd).
 */
export async function loadScoringDataOfOpds(
  db: Executor,
  opdIds: readonly number[] | null,
  year: number,
  spansOf: (opdId: number) => RenstraSpan[],
): Promise<Map<number, OpdScoringInput>> {
  const rows = await scoringRowsOfOpd(db, opdIds, year)
  const annual = new Map<number, Record<number, number>>()
  for (const t of rows.targets) {
    let m = annual.get(t.indicator_id)
    if (!m) annual.set(t.indicator_id, (m = {}))
    m[t.year] = Number(t.target)
  }
  const quarterly = new Map<number, Record<string, number>>()
  for (const t of rows.quarterTargets) {
    let m = quarterly.get(t.indicator_id)
    if (!m) quarterly.set(t.indicator_id, (m = {}))
    m[`${t.year}-${t.quarter}`] = Number(t.target)
  }

  const out = new Map<number, OpdScoringInput>()
  const inputOf = (opdId: number): OpdScoringInput => {
    let one = out.get(opdId)
    if (!one) out.set(opdId, (one = { data: emptyScoringData(spanOf(spansOf(opdId), year)), indicatorRows: [], realisasiRows: [] }))
    return one
  }
  const opdOfIndicator = new Map<number, number>()
  for (const r of rows.indicators) {
    const one = inputOf(r.opd_id)
    opdOfIndicator.set(r.id, r.opd_id)
    one.indicatorRows.push(r)
    one.data.meta.set(r.id, { opdId: r.opd_id, periodId: r.period_id, sasaranId: r.sasaran_id, programId: r.program_id, sortOrder: r.sort_order } satisfies IndicatorMeta)
    one.data.indicators.push(indicatorInputOf(r, annual.get(r.id) ?? {}, quarterly.get(r.id) ?? {}))
  }
  for (const r of rows.realisasi) {
    const opdId = opdOfIndicator.get(r.indicator_id)
    if (opdId === undefined) continue
    const one = inputOf(opdId)
    one.realisasiRows.push(r)
    one.data.realisasi.push(realisasiInputOf(r))
  }
  return out
}

/** loadScoringData's data of an OPD without indicators in that year. */
export function emptyScoringData(renstra: RenstraSpan | null): ScoringData & { indicators: IndicatorInput[]; realisasi: RealisasiInput[] } {
  return { indicators: [], realisasi: [], renstra, meta: new Map() }
}

/** The span of the OPD's Renstra periods containing `year` (loadScoringData's `renstra`). */
export function spanOf(spans: readonly RenstraSpan[], year: number): RenstraSpan | null {
  const within = spans.filter((s) => s.startYear <= year && s.endYear >= year)
  return within.length ? { startYear: Math.min(...within.map((s) => s.startYear)), endYear: Math.max(...within.map((s) => s.endYear)) } : null
}

/** Flag 5 of every OPD: the open actions past their due day, read once (three queries), per OPD. */
export async function actionFlagsByOpd(db: Executor, asOf: Date, timeZone: string): Promise<(opdId: number) => Flag[]> {
  const today = todayIn(asOf, timeZone)
  const byOpd = new Map<number, ActionRow[]>()
  for (const a of await overdueActions(db, null, today)) {
    let list = byOpd.get(a.opdId)
    if (!list) byOpd.set(a.opdId, (list = []))
    list.push(a)
  }
  return (opdId) => actionFlagsOf(byOpd.get(opdId) ?? [], today)
}

/**
 * scoreScope's result for one OPD from its data: the period scored with flag 3 from the two
 * previous years at the same position (the only trend points scoreScope takes flag 3 from, scored
 * alike) and flag 5 (`actionFlags`) after the engine's flags.
 */
export function scoreOpd(data: ScoringData, period: Period, asOf: Date, settings: ScoringSettings, actionFlags: readonly Flag[]): ScoreResult {
  const startYear = data.renstra?.startYear ?? period.year
  const base = { indicators: data.indicators, realisasi: data.realisasi, settings, asOf, renstraStartYear: startYear }
  const years = trendPeriods(period, startYear).filter((p) => p.year >= period.year - 2 && p.year < period.year)
  const [y1, y2] = previousFromTrend(scoreTrend(base, years), period)
  const result = scorePeriod({ ...base, period, previous: [y1, y2] })
  result.flags = [...result.flags, ...actionFlags]
  return result
}
