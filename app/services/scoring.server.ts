// Loads what a period needs from the database in a fixed number of queries (no query per
// indicator) and hands it to the pure scoring engine in app/domain. Every score the app shows,
// exports or serves through the API comes through here.
import type { Executor } from '../utils/db.server'
import { renstraSpansOf, scoringRowsOfScope } from '../models/city-scoring.server'
import { lastDueQuarterOf, parsePeriod, previousFromTrend, scorePeriod, scoreTrend, trendPeriods, type ScoreResult, type TrendPoint } from '../domain'
import type { IndicatorInput, Period, RealisasiInput, ScoringSettings } from '../domain/types'
import { getSettings } from '../models/settings.server'
import { indicatorInputOf, realisasiInputOf } from '../domain/indicator-input'
import { cachedRead, timeSlot } from './cache.server'
import { overdueActionFlags } from './actions/flags.server'

export interface ScoringScope {
  /** One OPD, or null for every OPD in the database (city level). */
  opdId: number | null
  /** Only verified realisations (public page). */
  onlyVerified?: boolean
  /** Only the indicators of this unit (a bidang). */
  unitId?: number | null
}

export interface RenstraSpan {
  startYear: number
  endYear: number
}

export interface ScoringData {
  indicators: IndicatorInput[]
  realisasi: RealisasiInput[]
  renstra: RenstraSpan | null
  /** Extra per-indicator facts for tables and exports (not used by the engine). */
  meta: Map<number, IndicatorMeta>
}

export interface IndicatorMeta {
  opdId: number
  periodId: number
  sasaranId: number | null
  programId: number | null
  sortOrder: number
}

/** The Renstra periods of the scope (for the period picker and `periode=renstra`). */
export async function renstraPeriodsOf(db: Executor, opdId: number | null): Promise<RenstraSpan[]> {
  const rows = await renstraSpansOf(db, opdId)
  return rows.map((r) => ({ startYear: r.start_year, endYear: r.end_year }))
}

const scopeKey = (scope: ScoringScope) => `${scope.opdId ?? 'kota'}|${scope.unitId ?? '-'}|${scope.onlyVerified ? 'terverifikasi' : 'semua'}`

/**
 * Reads indicators, annual targets, quarterly targets and realisations of the scope for the
 * Renstra period containing `year`. Served from the read cache while the data version is
 * unchanged (one query); otherwise five queries whatever the number of indicators.
 * The result is shared: callers must not change it.
 */
export async function loadScoringData(db: Executor, scope: ScoringScope, year: number): Promise<ScoringData> {
  return cachedRead(db, scope.opdId, `load|${scopeKey(scope)}|${year}`, () => loadScoringDataFresh(db, scope, year))
}

/** Rows of (indicator, key, target) → indicator id → key → target. */
function targetsByIndicator<R extends { indicator_id: number; target: unknown }>(
  rows: readonly R[],
  keyOf: (r: R) => string | number,
): Map<number, Record<string | number, number>> {
  const out = new Map<number, Record<string | number, number>>()
  for (const t of rows) {
    let m = out.get(t.indicator_id)
    if (!m) out.set(t.indicator_id, (m = {}))
    m[keyOf(t)] = Number(t.target)
  }
  return out
}

/** `loadScoringData` straight from the database (five queries), bypassing the read cache. */
export async function loadScoringDataFresh(db: Executor, scope: ScoringScope, year: number): Promise<ScoringData> {
  const { indicators: indicatorRows, targets: targetRows, quarterTargets: quarterTargetRows, realisasi: realisasiRows, spans } = await scoringRowsOfScope(db, scope, year)

  const annual = targetsByIndicator(targetRows, (t) => t.year)
  const quarterly = targetsByIndicator(quarterTargetRows, (t) => `${t.year}-${t.quarter}`)
  const meta = new Map<number, IndicatorMeta>()
  const indicators: IndicatorInput[] = indicatorRows.map((r) => {
    meta.set(r.id, { opdId: r.opd_id, periodId: r.period_id, sasaranId: r.sasaran_id, programId: r.program_id, sortOrder: r.sort_order })
    return indicatorInputOf(r, annual.get(r.id) ?? {}, quarterly.get(r.id) ?? {})
  })
  const realisasi = realisasiRows.map(realisasiInputOf)
  const renstra = spans.length ? { startYear: Math.min(...spans.map((s) => s.start_year)), endYear: Math.max(...spans.map((s) => s.end_year)) } : null
  return { indicators, realisasi, renstra, meta }
}

export interface PeriodChoice {
  period: Period
  errors: string[]
  renstraPeriods: RenstraSpan[]
}

/** Reads the period from the URL; falls back to the last quarter past its deadline. */
export async function resolvePeriod(db: Executor, opdId: number | null, params: URLSearchParams, settings: ScoringSettings, asOf: Date): Promise<PeriodChoice> {
  return periodChoiceOf(await renstraPeriodsOf(db, opdId), params, settings, asOf)
}

/** resolvePeriod for an OPD whose Renstra periods are already read (the same rule, no query). */
export function periodChoiceOf(renstraPeriods: RenstraSpan[], params: URLSearchParams, settings: ScoringSettings, asOf: Date): PeriodChoice {
  const fallback = lastDueQuarterOf(asOf, settings.deadlineDays, settings.timeZone)
  const hasAny = ['tahun', 'triwulan', 'periode'].some((k) => params.get(k))
  if (!hasAny) return { period: { kind: 'triwulan', year: fallback.year, quarter: fallback.quarter }, errors: [], renstraPeriods }
  const parsed = parsePeriod(params, { defaultYear: fallback.year, defaultQuarter: fallback.quarter, renstraPeriods })
  if (parsed.ok) return { period: parsed.period, errors: [], renstraPeriods }
  return { period: { kind: 'triwulan', year: fallback.year, quarter: fallback.quarter }, errors: parsed.errors, renstraPeriods }
}

export interface ScoreBundle {
  result: ScoreResult
  /** Same period position for each year from the Renstra start to the period's year. */
  trend: TrendPoint[]
  settings: ScoringSettings
  data: ScoringData
}

/**
 * Scores a period with its trend (and flag 3 from the trend). Served from the read cache while
 * the data version, the settings and the 15-minute slot of `asOf` are unchanged; the result is
 * shared: callers must not change it.
 */
export async function scoreScope(db: Executor, scope: ScoringScope, period: Period, asOf: Date, settings?: ScoringSettings): Promise<ScoreBundle> {
  const s = settings ?? (await getSettings(db)).scoring
  const key = `score|${scopeKey(scope)}|${JSON.stringify(period)}|${timeSlot(asOf)}|${JSON.stringify(s)}`
  return cachedRead(db, scope.opdId, key, () => scoreScopeFresh(db, scope, period, asOf, s))
}

async function scoreScopeFresh(db: Executor, scope: ScoringScope, period: Period, asOf: Date, s: ScoringSettings): Promise<ScoreBundle> {
  const data = await loadScoringData(db, scope, period.year)
  const startYear = data.renstra?.startYear ?? period.year
  const base = { indicators: data.indicators, realisasi: data.realisasi, settings: s, asOf, renstraStartYear: startYear }
  const trend = scoreTrend(base, trendPeriods(period, startYear))
  const [y1, y2] = previousFromTrend(trend, period)
  const result = scorePeriod({ ...base, period, previous: [y1, y2] })
  // flag 5: overdue rencana aksi of a cell (not on the public page)
  if (!scope.onlyVerified) result.flags = [...result.flags, ...(await overdueActionFlags(db, scope, asOf, s.timeZone))]
  return { result, trend, settings: s, data }
}
