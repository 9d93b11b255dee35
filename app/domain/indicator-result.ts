// The result of one indicator for a period: its capaian, predikat, status, lateness and the
// Formulir E.81 columns.
import { aggregateRenstra, aggregateYear, countingValue, indexRows, renstraModeOf, rowAt, type RowIndex } from './aggregate'
import { capaianOf, capCapaian, finiteOrNull, quarterTarget } from './capaian-formulas'
import { isPastDeadline, periodQuarters, QUARTERS } from './periods'
import { DEFAULT_SETTINGS, isBelowAttention, predikatOf } from './predikat'
import { statusText, type IndicatorStatus } from './status'
import type { IndicatorInput, Period, PredikatBand, Quarter, RealisasiInput, RenstraMode, ScoringSettings } from './types'

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

/** How the quarters of period.year the period looks at stand (see IndicatorResult). */
interface QuarterClasses {
  countedQuarters: number[]
  missingQuarters: number[]
  lateQuarters: number[]
  notMeasuredQuarters: number[]
  rilisWithoutProof: number[]
}

function classifyQuarters(ctx: PeriodContext, indicator: IndicatorInput, idx: RowIndex): QuarterClasses {
  const isRilis = indicator.polaUkur === 'rilis'
  const c: QuarterClasses = { countedQuarters: [], missingQuarters: [], lateQuarters: [], notMeasuredQuarters: [], rilisWithoutProof: [] }
  for (const q of ctx.window) {
    const row = rowAt(idx, ctx.period.year, q)
    if (countingValue(row) !== null) {
      c.countedQuarters.push(q)
      if (!isRilis && row!.isLate) c.lateQuarters.push(q)
      if (isRilis && !row!.hasProof) c.rilisWithoutProof.push(q)
    } else if (row?.tidakDiukur) {
      c.notMeasuredQuarters.push(q)
    } else if (!isRilis && ctx.pastDeadline[q]) {
      c.missingQuarters.push(q)
    }
  }
  return c
}

/** Status (first match wins; see the table above). */
function statusOf(isRilis: boolean, realisasi: number | null, capaianRaw: number | null, notMeasured: number, windowLength: number): IndicatorStatus {
  if (realisasi !== null) return capaianRaw === null ? 'tidak_dapat_dihitung' : 'ok'
  if (notMeasured > 0 && (isRilis || notMeasured === windowLength)) return 'tidak_diukur'
  return isRilis ? 'menunggu_rilis' : 'belum_lapor'
}

/** indicatorResult with a shared PeriodContext and a prebuilt RowIndex (the fast path). */
export function indicatorResultIn(ctx: PeriodContext, indicator: IndicatorInput, idx: RowIndex, options: IndicatorResultOptions = {}): IndicatorResult {
  const { period, settings, window } = ctx
  const year = period.year
  const quarters = classifyQuarters(ctx, indicator, idx)

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
  const own =
    period.kind === 'satu_triwulan'
      ? { realisasi: countingValue(rowAt(idx, year, period.quarter)), target: quarterTarget(indicator, year, period.quarter) }
      : period.kind === 'triwulan'
        ? { realisasi: ytd.realisasi, target: ytd.target }
        : { realisasi: renstra.realisasi, target: targetAkhir }
  const capaianRaw = capaianOf(indicator.polarity, own.realisasi, own.target)
  const capaianCapped = capCapaian(capaianRaw, settings.cap)
  const late = quarters.missingQuarters.length > 0 || quarters.lateQuarters.length > 0
  const status = statusOf(indicator.polaUkur === 'rilis', own.realisasi, capaianRaw, quarters.notMeasuredQuarters.length, window.length)

  return {
    indicatorId: indicator.id,
    indicatorCode: indicator.code,
    target: own.target,
    realisasi: own.realisasi,
    capaianRaw,
    capaianCapped,
    predikat: predikatOf(capaianCapped, settings.bands),
    status,
    late,
    statusLabel: statusText(status, late),
    ...quarters,
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
export function capaianSatuTriwulan(indicator: IndicatorInput, year: number, quarter: Quarter, value: number | null, settings: ScoringSettings = DEFAULT_SETTINGS): QuarterCapaian {
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
