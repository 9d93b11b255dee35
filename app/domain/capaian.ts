// Capaian (achievement, %) of one indicator: the formulas of domain §4, quarterly targets,
// period aggregation per pola ukur, reporting status and the Formulir E.81 columns.

import { isPastDeadline, periodQuarters, QUARTERS } from './periods'
import { DEFAULT_SETTINGS, isBelowAttention, predikatOf } from './predikat'
import {
  defaultRenstraMode,
  type IndicatorInput,
  type Period,
  type Polarity,
  type PredikatBand,
  type Quarter,
  type RealisasiInput,
  type RenstraMode,
  type ScoringSettings,
} from './types'

// ---------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------

/**
 * `naik` (higher is better): realisasi / target × 100.
 * Target 0 (or not finite) → null: "tidak dapat dihitung", left out of every average.
 */
export function capaianNaik(realisasi: number, target: number): number | null {
  if (!Number.isFinite(realisasi) || !Number.isFinite(target) || target === 0) return null
  return (realisasi / target) * 100
}

/**
 * `turun` (lower is better): (2 × target − realisasi) / target × 100, floored at 0 — meeting
 * the target is 100, twice the target is 0, more than twice is still 0.
 * Target 0: 100 when realisasi is 0, else 0.
 */
export function capaianTurun(realisasi: number, target: number): number | null {
  if (!Number.isFinite(realisasi) || !Number.isFinite(target)) return null
  if (target === 0) return realisasi === 0 ? 100 : 0
  return Math.max(0, ((2 * target - realisasi) / target) * 100)
}

/** The raw capaian for a polarity; null when either number is missing or it cannot be computed. */
export function capaianOf(
  polarity: Polarity,
  realisasi: number | null | undefined,
  target: number | null | undefined,
): number | null {
  if (realisasi === null || realisasi === undefined || target === null || target === undefined) return null
  return polarity === 'turun' ? capaianTurun(realisasi, target) : capaianNaik(realisasi, target)
}

/**
 * The value that enters averages: the raw capaian limited to [0, cap]. (The lower limit only
 * matters for nonsensical negative data; `turun` is already floored at 0.)
 */
export function capCapaian(raw: number | null, cap: number): number | null {
  if (raw === null || Number.isNaN(raw)) return null
  return Math.min(Math.max(raw, 0), cap)
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** The annual target of a year (Renstra/Renja); null when not set. */
export function annualTarget(indicator: IndicatorInput, year: number): number | null {
  return finiteOrNull(indicator.annualTargets[year])
}

/**
 * The target of one quarter alone: the set quarterly target, else derived —
 * `kumulatif` → annual / 4 (the share due in that quarter); other pola ukur → the annual target.
 */
export function quarterTarget(indicator: IndicatorInput, year: number, q: Quarter): number | null {
  const set = finiteOrNull(indicator.quarterTargets[`${year}-${q}`])
  if (set !== null) return set
  const annual = annualTarget(indicator, year)
  if (annual === null) return null
  return indicator.polaUkur === 'kumulatif' ? annual / 4 : annual
}

// ---------------------------------------------------------------------------
// Realisation index
// ---------------------------------------------------------------------------

/** One indicator's rows by (year, quarter). Later rows for the same quarter replace earlier ones. */
export type RowIndex = Map<number, RealisasiInput>

const rowKey = (year: number, q: number) => year * 4 + (q - 1)

export function indexRows(rows: Iterable<RealisasiInput>): RowIndex {
  const idx: RowIndex = new Map()
  for (const r of rows) idx.set(rowKey(r.year, r.quarter), r)
  return idx
}

/** All rows indexed once: indicatorId → RowIndex. O(rows). */
export function indexRealisasi(rows: Iterable<RealisasiInput>): Map<number, RowIndex> {
  const out = new Map<number, RowIndex>()
  for (const r of rows) {
    let idx = out.get(r.indicatorId)
    if (!idx) {
      idx = new Map()
      out.set(r.indicatorId, idx)
    }
    idx.set(rowKey(r.year, r.quarter), r)
  }
  return out
}

function rowAt(idx: RowIndex, year: number, q: number): RealisasiInput | undefined {
  return idx.get(rowKey(year, q))
}

/** The value a row contributes, or null: tidak diukur and empty rows count for nothing. */
export function countingValue(row: RealisasiInput | undefined | null): number | null {
  if (!row || row.tidakDiukur) return null
  return finiteOrNull(row.value)
}

// ---------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------

interface Aggregate {
  realisasi: number | null
  target: number | null
  counted: Quarter[]
}

/**
 * Year to date over the given quarters of one year (domain §4 "Period capaian"):
 * kumulatif → sum of counting values vs sum of those quarters' targets; rata_rata → mean vs the
 * annual target; posisi → latest counting quarter's value vs that quarter's target; rilis →
 * latest released value vs the annual target.
 */
function aggregateYear(ind: IndicatorInput, idx: RowIndex, year: number, quarters: readonly Quarter[]): Aggregate {
  const counted: Quarter[] = []
  let sum = 0
  let latestValue: number | null = null
  for (const q of quarters) {
    const v = countingValue(rowAt(idx, year, q))
    if (v === null) continue
    counted.push(q)
    sum += v
    latestValue = v
  }
  if (counted.length === 0) {
    // Nothing counts: no realisation. The annual target is still known for rata_rata / rilis.
    const target = ind.polaUkur === 'rata_rata' || ind.polaUkur === 'rilis' ? annualTarget(ind, year) : null
    return { realisasi: null, target, counted }
  }
  const latest = counted[counted.length - 1]!
  switch (ind.polaUkur) {
    case 'kumulatif': {
      let target: number | null = 0
      for (const q of counted) {
        const t = quarterTarget(ind, year, q)
        if (t === null) {
          target = null
          break
        }
        target += t
      }
      return { realisasi: sum, target, counted }
    }
    case 'rata_rata':
      return { realisasi: sum / counted.length, target: annualTarget(ind, year), counted }
    case 'posisi':
      return { realisasi: latestValue, target: quarterTarget(ind, year, latest), counted }
    case 'rilis':
      return { realisasi: latestValue, target: annualTarget(ind, year), counted }
  }
}

/** The indicator's Renstra mode: the one set, else the default of its pola ukur. */
export function renstraModeOf(ind: Pick<IndicatorInput, 'renstraMode' | 'polaUkur'>): RenstraMode {
  return ind.renstraMode ?? defaultRenstraMode(ind.polaUkur)
}

/**
 * Renstra to date from `startYear`, by the indicator's Renstra mode (domain §4):
 * `akumulasi` → the sum of all counting values of all years so far; `tahun_akhir` → the latest
 * year's period value (kumulatif: the sum of that year's counting quarters; otherwise its latest
 * counting value). One pass gives both E.81 col 13 (up to `year` TW `lastQuarter`) and col 6 (up
 * to the end of `year − 1`). Null when nothing counts.
 */
function aggregateRenstra(
  ind: IndicatorInput,
  idx: RowIndex,
  startYear: number,
  year: number,
  lastQuarter: Quarter,
): { sdTahunIni: number | null; sdTahunLalu: number | null } {
  const akumulasi = renstraModeOf(ind) === 'akumulasi'
  const kumulatif = ind.polaUkur === 'kumulatif'
  let total = 0
  let any = false
  /** tahun_akhir: the period value of the latest year with a counting quarter. */
  let latestYear: number | null = null
  let sdTahunLalu: number | null = null
  for (let y = startYear; y <= year; y++) {
    if (y === year) sdTahunLalu = any ? (akumulasi ? total : latestYear) : null
    const last = y === year ? lastQuarter : 4
    let yearSum = 0
    let yearLatest: number | null = null
    for (let q = 1; q <= last; q++) {
      const v = countingValue(rowAt(idx, y, q))
      if (v === null) continue
      any = true
      total += v
      yearSum += v
      yearLatest = v
    }
    if (yearLatest !== null) latestYear = kumulatif ? yearSum : yearLatest
  }
  return { sdTahunIni: any ? (akumulasi ? total : latestYear) : null, sdTahunLalu }
}

// ---------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------

/**
 * The computed status of an indicator result (domain §4). Lateness is NOT a status: it is kept
 * apart (IndicatorResult.late) and shown beside the status when both hold.
 */
export const INDICATOR_STATUSES = ['ok', 'belum_lapor', 'tidak_diukur', 'menunggu_rilis', 'tidak_dapat_dihitung'] as const
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number]

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  ok: 'OK',
  belum_lapor: 'Belum lapor',
  tidak_diukur: 'Tidak diukur',
  menunggu_rilis: 'Menunggu rilis',
  tidak_dapat_dihitung: 'Tidak dapat dihitung',
}

/** The word added to the status when the result is late. */
export const LATE_LABEL = 'terlambat'

/** The status as shown: "Tidak dapat dihitung", or with lateness "Tidak dapat dihitung · terlambat". */
export function statusText(status: IndicatorStatus, late: boolean): string {
  return late ? `${STATUS_LABELS[status]} · ${LATE_LABEL}` : STATUS_LABELS[status]
}

/*
 * Status (first match wins). The quarters looked at are those of `period.year` in the period
 * (TW q alone for satu_triwulan, TW 1..n otherwise — also for a Renstra period, whose capaian
 * spans several years).
 *
 *  1. tidak_dapat_dihitung — there is a realisation but no capaian (target 0 for `naik`, or
 *                            no target set).
 *  2. ok                   — a capaian was computed.
 *  — nothing counts (realisasi null) —
 *  3. tidak_diukur         — every quarter looked at is marked tidak diukur (for `rilis`: at
 *                            least one is, and no value was released).
 *  4. menunggu_rilis       — `rilis` without a released value yet (never late, never 0).
 *  5. belum_lapor          — nothing reported.
 *
 * And apart from it, `late`: a quarter is missing after its deadline, or a counted row was
 * entered late (isLate). Never for `rilis`. The capaian, when it can be computed from the other
 * quarters, is still given.
 */

// ---------------------------------------------------------------------------
// Indicator result
// ---------------------------------------------------------------------------

export interface E81Columns {
  /** Col 6: Renstra to date up to the end of the previous year. */
  realisasiSdTahunLalu: number | null
  /** Col 12: this year to date, per pola ukur. */
  realisasiTahunIni: number | null
  /** Cols 8–11: the counting value of TW I–IV (null when none, tidak diukur or after the period). */
  quarters: [number | null, number | null, number | null, number | null]
  /**
   * Col 13: Renstra to date up to the period, by the Renstra mode (akumulasi: col 6 + col 12 for
   * kumulatif; tahun_akhir: the latest year's period value).
   */
  realisasiSdTahunIni: number | null
}

export interface IndicatorResult {
  indicatorId: number
  indicatorCode: string
  /**
   * The target the capaian is measured against: the quarter's target (satu_triwulan); the sum
   * of the counted quarters' targets (kumulatif), the annual target (rata_rata, rilis) or the
   * latest counted quarter's target (posisi) year to date; targetAkhir (E.81 col 5) for a
   * Renstra period. Null when unknown (kumulatif / posisi with nothing counted, no target set).
   */
  target: number | null
  /** The aggregated realisation of the period. */
  realisasi: number | null
  capaianRaw: number | null
  /** min(raw, cap), floored at 0 — what enters every average. */
  capaianCapped: number | null
  /** Band of the capped capaian. */
  predikat: PredikatBand | null
  /** The computed status (lateness apart, in `late`). */
  status: IndicatorStatus
  /** A quarter missing after its deadline, or a counted quarter entered late (never for `rilis`). */
  late: boolean
  /** The status as shown, with lateness when both hold: statusText(status, late). */
  statusLabel: string
  /** Quarters of `period.year` that count (have a value, not tidak diukur). */
  countedQuarters: number[]
  /** Quarters of `period.year` with no value after their deadline (never for `rilis`). */
  missingQuarters: number[]
  /** Counted quarters entered after the deadline (never for `rilis`). */
  lateQuarters: number[]
  /** Quarters of `period.year` marked tidak diukur. */
  notMeasuredQuarters: number[]
  /** Counted `rilis` quarters whose value has no proof of publication. */
  rilisWithoutProof: number[]
  /** E.81 col 5/13/14: Renstra to date against the end-of-period target (raw capaian), by `mode`. */
  renstra: { mode: RenstraMode; target: number | null; realisasi: number | null; capaian: number | null }
  e81: E81Columns
}

export interface IndicatorResultOptions {
  /**
   * First year of the Renstra period, for the Renstra columns when `period` is not a Renstra
   * period. Default: the earliest year ≤ period.year with an annual target (pass it explicitly
   * when the indicator carries targets of several Renstra periods).
   */
  renstraStartYear?: number
}

function inferRenstraStart(ind: IndicatorInput, period: Period, opts: IndicatorResultOptions): number {
  if (period.kind === 'renstra') return period.startYear
  if (opts.renstraStartYear !== undefined) return opts.renstraStartYear
  let start = period.year
  for (const k of Object.keys(ind.annualTargets)) {
    const y = Number(k)
    if (Number.isInteger(y) && y < start) start = y
  }
  return start
}

/**
 * The result of one indicator for a period. `rows` are this indicator's realisations (any
 * years; rows of other indicators are not filtered out — pass the right ones) or a prebuilt
 * RowIndex. Every row with a value counts regardless of its workflow status: the data layer
 * decides which rows (e.g. only diajukan/diverifikasi) it passes.
 */
export function indicatorResult(
  indicator: IndicatorInput,
  rows: readonly RealisasiInput[] | RowIndex,
  period: Period,
  settings: ScoringSettings,
  asOf: Date,
  options: IndicatorResultOptions = {},
): IndicatorResult {
  const idx: RowIndex = rows instanceof Map ? rows : indexRows(rows)
  return indicatorResultIn(periodContext(period, settings, asOf), indicator, idx, options)
}

/** What every indicator of one scoring run shares (computed once per period). */
export interface PeriodContext {
  period: Period
  settings: ScoringSettings
  /** Quarters of period.year the period looks at. */
  window: readonly Quarter[]
  /** Quarters 1..period.quarter. */
  ytdQuarters: readonly Quarter[]
  /** pastDeadline[q] for the quarters of period.year at asOf. */
  pastDeadline: readonly boolean[]
}

export function periodContext(period: Period, settings: ScoringSettings, asOf: Date): PeriodContext {
  const pastDeadline = [false, false, false, false, false]
  for (const q of QUARTERS) {
    pastDeadline[q] = isPastDeadline(period.year, q, asOf, settings.deadlineDays, settings.timeZone)
  }
  return {
    period,
    settings,
    window: periodQuarters(period),
    ytdQuarters: QUARTERS.filter((q) => q <= period.quarter),
    pastDeadline,
  }
}

/** indicatorResult with a shared PeriodContext and a prebuilt RowIndex (the fast path). */
export function indicatorResultIn(
  ctx: PeriodContext,
  indicator: IndicatorInput,
  idx: RowIndex,
  options: IndicatorResultOptions = {},
): IndicatorResult {
  const { period, settings, window } = ctx
  const year = period.year
  const isRilis = indicator.polaUkur === 'rilis'

  // Quarter classification for period.year.
  const countedQuarters: number[] = []
  const missingQuarters: number[] = []
  const lateQuarters: number[] = []
  const notMeasuredQuarters: number[] = []
  const rilisWithoutProof: number[] = []
  for (const q of window) {
    const row = rowAt(idx, year, q)
    if (countingValue(row) !== null) {
      countedQuarters.push(q)
      if (!isRilis && row!.isLate) lateQuarters.push(q)
      if (isRilis && !row!.hasProof) rilisWithoutProof.push(q)
    } else if (row?.tidakDiukur) {
      notMeasuredQuarters.push(q)
    } else if (!isRilis && ctx.pastDeadline[q]) {
      missingQuarters.push(q)
    }
  }

  // Renstra columns.
  const renstraStart = inferRenstraStart(indicator, period, options)
  const lastQ = period.quarter
  const { sdTahunIni, sdTahunLalu } = aggregateRenstra(indicator, idx, renstraStart, year, lastQ)
  const targetAkhir = finiteOrNull(indicator.targetAkhir)
  const renstra = {
    mode: renstraModeOf(indicator),
    target: targetAkhir,
    realisasi: sdTahunIni,
    capaian: capaianOf(indicator.polarity, sdTahunIni, targetAkhir),
  }
  const ytd = aggregateYear(indicator, idx, year, ctx.ytdQuarters)
  const e81: E81Columns = {
    realisasiSdTahunLalu: sdTahunLalu,
    realisasiTahunIni: ytd.realisasi,
    quarters: [
      countingValue(rowAt(idx, year, 1)),
      lastQ >= 2 ? countingValue(rowAt(idx, year, 2)) : null,
      lastQ >= 3 ? countingValue(rowAt(idx, year, 3)) : null,
      lastQ >= 4 ? countingValue(rowAt(idx, year, 4)) : null,
    ],
    realisasiSdTahunIni: sdTahunIni,
  }

  // The period's own target / realisation.
  let target: number | null
  let realisasi: number | null
  if (period.kind === 'satu_triwulan') {
    realisasi = countingValue(rowAt(idx, year, period.quarter))
    target = quarterTarget(indicator, year, period.quarter)
  } else if (period.kind === 'triwulan') {
    realisasi = ytd.realisasi
    target = ytd.target
  } else {
    realisasi = renstra.realisasi
    target = targetAkhir
  }
  const capaianRaw = capaianOf(indicator.polarity, realisasi, target)
  const capaianCapped = capCapaian(capaianRaw, settings.cap)

  const late = missingQuarters.length > 0 || lateQuarters.length > 0
  let status: IndicatorStatus
  if (realisasi !== null) status = capaianRaw === null ? 'tidak_dapat_dihitung' : 'ok'
  else if (
    notMeasuredQuarters.length > 0 &&
    (isRilis || notMeasuredQuarters.length === window.length)
  )
    status = 'tidak_diukur'
  else if (isRilis) status = 'menunggu_rilis'
  else status = 'belum_lapor'

  return {
    indicatorId: indicator.id,
    indicatorCode: indicator.code,
    target,
    realisasi,
    capaianRaw,
    capaianCapped,
    predikat: predikatOf(capaianCapped, settings.bands),
    status,
    late,
    statusLabel: statusText(status, late),
    countedQuarters,
    missingQuarters,
    lateQuarters,
    notMeasuredQuarters,
    rilisWithoutProof,
    renstra,
    e81,
  }
}

export interface QuarterCapaian {
  target: number | null
  capaianRaw: number | null
  capaianCapped: number | null
  predikat: PredikatBand | null
  /** Capaian in the "Sedang or lower" range: faktor penghambat and tindak lanjut are required. */
  needsNarrative: boolean
}

/**
 * The live capaian of one quarter alone (entry form, period kind 'satu_triwulan'): the typed
 * value against that quarter's target.
 */
export function capaianSatuTriwulan(
  indicator: IndicatorInput,
  year: number,
  quarter: Quarter,
  value: number | null,
  settings: ScoringSettings = DEFAULT_SETTINGS,
): QuarterCapaian {
  const target = quarterTarget(indicator, year, quarter)
  const capaianRaw = value === null ? null : capaianOf(indicator.polarity, value, target)
  const capaianCapped = capCapaian(capaianRaw, settings.cap)
  return {
    target,
    capaianRaw,
    capaianCapped,
    predikat: predikatOf(capaianCapped, settings.bands),
    needsNarrative: isBelowAttention(capaianCapped, settings.bands),
  }
}
