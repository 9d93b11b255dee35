// Roll-ups of capped capaian: per (aspect, strategy) cell, per strategy, per aspect, per unit
// and overall — each a weighted mean of the same per-indicator capped values (never a mean of
// means). A group with nothing to average is "belum ada data" (value null), never 0.

import { indexRealisasi, indicatorResultIn, periodContext, type IndicatorResult, type RowIndex } from './capaian'
import { computeFlags, type Flag } from './flags'
import { periodLabel, withYear } from './periods'
import { predikatOf } from './predikat'
import { ASPECTS, STRATEGIES, type Aspect, type IndicatorInput, type Period, type PredikatBand, type RealisasiInput, type ScoringSettings, type Strategy } from './types'

export interface Score {
  /** Weighted mean of the capped capaian of the indicators that have one; null = belum ada data. */
  value: number | null
  predikat: PredikatBand | null
  /** Indicators mapped to the group. */
  indicatorCount: number
  /** Of those, the ones with a capaian. */
  scoredCount: number
  /** Codes of the mapped indicators without a capaian. */
  missing: string[]
}

export type CellScores = Record<Aspect, Record<Strategy, Score>>

export interface UnitScore extends Score {
  unitId: number
  unitName: string
}

/** Scores of earlier years at the same period position, for flag 3 (anything with `cells`). */
export interface PreviousScore {
  cells: CellScores
}

/**
 * Input of flag 3 (fell two years in a row): `[Y−1, Y−2]` at the same period position (e.g.
 * two entries of scoreTrend's output), or 'auto' to have scorePeriod compute them from the
 * same indicators and realisations (which must then include those years' rows).
 */
export type PreviousScores = 'auto' | readonly [PreviousScore | null | undefined, PreviousScore | null | undefined]

export interface ScoreInput {
  indicators: readonly IndicatorInput[]
  realisasi: readonly RealisasiInput[]
  settings: ScoringSettings
  period: Period
  asOf: Date
  /** See IndicatorResultOptions.renstraStartYear (ignored for a Renstra period). */
  renstraStartYear?: number
  /** Without it flag 3 is not evaluated. */
  previous?: PreviousScores
}

export interface ScoreResult {
  period: Period
  /** periodLabel(period). */
  label: string
  indicators: IndicatorResult[]
  cells: CellScores
  byStrategy: Record<Strategy, Score>
  byAspect: Record<Aspect, Score>
  /** Per responsible unit (bidang), sorted by unit name. */
  byUnit: UnitScore[]
  overall: Score
  flags: Flag[]
  /** Indicators per band key (every key of settings.bands present, 0 when none). */
  predikatCounts: Record<string, number>
}

export interface TrendPoint {
  period: Period
  label: string
  cells: CellScores
  byStrategy: Record<Strategy, Score>
  byAspect: Record<Aspect, Score>
  overall: Score
}

/** An indicator's weight: its `weight` when a finite number ≥ 0, else the default 1. */
export function weightOf(indicator: IndicatorInput): number {
  const w = indicator.weight
  return typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : 1
}

class Accumulator {
  private sumW = 0
  private sumWV = 0
  private lo = Infinity
  private hi = -Infinity
  count = 0
  scored = 0
  readonly missing: string[] = []

  add(weight: number, value: number | null, code: string): void {
    this.count++
    if (value === null) {
      this.missing.push(code)
      return
    }
    this.scored++
    if (weight <= 0) return
    this.sumW += weight
    this.sumWV += weight * value
    if (value < this.lo) this.lo = value
    if (value > this.hi) this.hi = value
  }

  score(bands: readonly PredikatBand[]): Score {
    let value: number | null = null
    if (this.sumW > 0) {
      // A weighted mean lies within its values; clamping removes floating-point drift.
      value = Math.min(Math.max(this.sumWV / this.sumW, this.lo), this.hi)
    }
    return {
      value,
      predikat: predikatOf(value, bands),
      indicatorCount: this.count,
      scoredCount: this.scored,
      missing: [...this.missing],
    }
  }
}

function emptyRecord<K extends string, V>(keys: readonly K[], make: (k: K) => V): Record<K, V> {
  const out = {} as Record<K, V>
  for (const k of keys) out[k] = make(k)
  return out
}

interface CoreResult extends TrendPoint {
  indicators: IndicatorResult[]
  byUnit: UnitScore[]
  predikatCounts: Record<string, number>
}

const EMPTY_ROWS: RowIndex = new Map()

function scoreCore(
  indicators: readonly IndicatorInput[],
  index: Map<number, RowIndex>,
  settings: ScoringSettings,
  period: Period,
  asOf: Date,
  renstraStartYear: number | undefined,
): CoreResult {
  const bands = settings.bands
  const cellAcc = emptyRecord(ASPECTS, () => emptyRecord(STRATEGIES, () => new Accumulator()))
  const strategyAcc = emptyRecord(STRATEGIES, () => new Accumulator())
  const aspectAcc = emptyRecord(ASPECTS, () => new Accumulator())
  const unitAcc = new Map<number, { name: string; acc: Accumulator }>()
  const overallAcc = new Accumulator()
  const predikatCounts: Record<string, number> = {}
  for (const b of bands) predikatCounts[b.key] = 0

  const options = renstraStartYear === undefined ? {} : { renstraStartYear }
  const ctx = periodContext(period, settings, asOf)
  const results: IndicatorResult[] = new Array(indicators.length)
  for (let i = 0; i < indicators.length; i++) {
    const ind = indicators[i]!
    const r = indicatorResultIn(ctx, ind, index.get(ind.id) ?? EMPTY_ROWS, options)
    results[i] = r
    const w = weightOf(ind)
    const v = r.capaianCapped
    cellAcc[ind.aspect]?.[ind.strategy]?.add(w, v, ind.code)
    strategyAcc[ind.strategy]?.add(w, v, ind.code)
    aspectAcc[ind.aspect]?.add(w, v, ind.code)
    overallAcc.add(w, v, ind.code)
    let u = unitAcc.get(ind.unitId)
    if (!u) {
      u = { name: ind.unitName, acc: new Accumulator() }
      unitAcc.set(ind.unitId, u)
    }
    u.acc.add(w, v, ind.code)
    if (r.predikat) predikatCounts[r.predikat.key] = (predikatCounts[r.predikat.key] ?? 0) + 1
  }

  const byUnit: UnitScore[] = [...unitAcc.entries()]
    .map(([unitId, { name, acc }]) => ({ ...acc.score(bands), unitId, unitName: name }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'id') || a.unitId - b.unitId)

  return {
    period,
    label: periodLabel(period),
    indicators: results,
    cells: emptyRecord(ASPECTS, (a) => emptyRecord(STRATEGIES, (s) => cellAcc[a][s].score(bands))),
    byStrategy: emptyRecord(STRATEGIES, (s) => strategyAcc[s].score(bands)),
    byAspect: emptyRecord(ASPECTS, (a) => aspectAcc[a].score(bands)),
    byUnit,
    overall: overallAcc.score(bands),
    predikatCounts,
  }
}

/**
 * Scores one period. Realisations are indexed by indicator once (O(rows + indicators)).
 * Flags 1, 2 and 4 are always evaluated; flag 3 when `previous` is given.
 */
export function scorePeriod(input: ScoreInput): ScoreResult {
  const index = indexRealisasi(input.realisasi)
  const core = scoreCore(input.indicators, index, input.settings, input.period, input.asOf, input.renstraStartYear)

  let previous: readonly [PreviousScore | null | undefined, PreviousScore | null | undefined] | undefined
  if (input.previous === 'auto') {
    const y1 = withYear(input.period, input.period.year - 1)
    const y2 = withYear(input.period, input.period.year - 2)
    previous = [
      scoreCore(input.indicators, index, input.settings, y1, input.asOf, input.renstraStartYear),
      scoreCore(input.indicators, index, input.settings, y2, input.asOf, input.renstraStartYear),
    ]
  } else {
    previous = input.previous
  }

  const flags = computeFlags({
    period: input.period,
    cells: core.cells,
    indicators: core.indicators,
    indicatorInputs: input.indicators,
    settings: input.settings,
    previous,
  })

  return {
    period: core.period,
    label: core.label,
    indicators: core.indicators,
    cells: core.cells,
    byStrategy: core.byStrategy,
    byAspect: core.byAspect,
    byUnit: core.byUnit,
    overall: core.overall,
    flags,
    predikatCounts: core.predikatCounts,
  }
}

/**
 * Scores several periods (charts, flag 3) from one index of the realisations. `input.period`
 * and `input.previous` are ignored.
 */
export function scoreTrend(input: Omit<ScoreInput, 'period' | 'previous'> & { period?: Period; previous?: PreviousScores }, periods: readonly Period[]): TrendPoint[] {
  const index = indexRealisasi(input.realisasi)
  return periods.map((p) => {
    const c = scoreCore(input.indicators, index, input.settings, p, input.asOf, input.renstraStartYear)
    return {
      period: c.period,
      label: c.label,
      cells: c.cells,
      byStrategy: c.byStrategy,
      byAspect: c.byAspect,
      overall: c.overall,
    }
  })
}

/** The same period position for each year from `startYear` to `period.year`, oldest first. */
export function trendPeriods(period: Period, startYear: number): Period[] {
  const out: Period[] = []
  for (let y = startYear; y <= period.year; y++) out.push(withYear(period, y))
  return out
}

/**
 * Picks `[Y−1, Y−2]` for flag 3 out of a trend computed with trendPeriods (matching by year;
 * missing years → undefined).
 */
export function previousFromTrend(trend: readonly TrendPoint[], period: Period): readonly [TrendPoint | undefined, TrendPoint | undefined] {
  const at = (y: number) => trend.find((t) => t.period.kind === period.kind && t.period.year === y && t.period.quarter === period.quarter)
  return [at(period.year - 1), at(period.year - 2)]
}
