// Quarters, deadlines and reporting periods. Pure: the caller passes `asOf`; time zones go through
// @date-fns/tz (./dates) so nothing depends on the machine's own zone.

import { lastDayOfMonth } from 'date-fns'
import { addDays, calendarDateIn, endOfDayIn, formatDateId, type CalendarDate } from './dates'
import { quarterName, romanQuarter } from './labels'
import type { Period, Quarter } from './types'

// the zone arithmetic lives in ./dates; re-exported for the modules that import it from here
export type { CalendarDate }
export { addDays, calendarDateIn, timeZoneOffsetMs, zonedTimeToInstant } from './dates'

export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4]

export function isQuarter(n: unknown): n is Quarter {
  return n === 1 || n === 2 || n === 3 || n === 4
}

/** Month 1–12 → quarter. */
export function quarterOfMonth(month: number): Quarter {
  return (Math.floor((month - 1) / 3) + 1) as Quarter
}

export function quarterStartDate(year: number, q: Quarter): CalendarDate {
  return { year, month: (q - 1) * 3 + 1, day: 1 }
}

/** The last calendar day of a quarter: TW III 2026 → 2026-09-30. */
export function quarterEndDate(year: number, q: Quarter): CalendarDate {
  const month = q * 3
  return { year, month, day: lastDayOfMonth(new Date(year, month - 1, 1)).getDate() }
}

/** "2026-10-10". */
export function isoDate(d: CalendarDate): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0')
  return `${p(d.year, 4)}-${p(d.month, 2)}-${p(d.day, 2)}`
}

/** The due day of a quarter's realisations: last day of the quarter + deadlineDays. */
export function dueDate(year: number, q: Quarter, deadlineDays: number): CalendarDate {
  return addDays(quarterEndDate(year, q), deadlineDays)
}

// --- time zones ------------------------------------------------------------

const deadlineCache = new Map<string, number>()

/**
 * The last instant at which a quarter's realisations are on time: the end of the due day
 * (last day of the quarter + deadlineDays) in `timeZone`, i.e. 1 ms before the next local
 * midnight. 2026 TW III, 10 days, Asia/Jakarta → 2026-10-10T23:59:59.999+07:00.
 */
export function deadlineOf(year: number, quarter: Quarter, deadlineDays: number, timeZone: string): Date {
  const key = `${year}|${quarter}|${deadlineDays}|${timeZone}`
  let ms = deadlineCache.get(key)
  if (ms === undefined) {
    ms = endOfDayIn(dueDate(year, quarter, deadlineDays), timeZone).getTime()
    if (deadlineCache.size > 10_000) deadlineCache.clear()
    deadlineCache.set(key, ms)
  }
  return new Date(ms)
}

/** True when `asOf` is after the quarter's deadline (a missing entry is then "terlambat"). */
export function isPastDeadline(year: number, quarter: Quarter, asOf: Date, deadlineDays: number, timeZone: string): boolean {
  return asOf.getTime() > deadlineOf(year, quarter, deadlineDays, timeZone).getTime()
}

/** The quarter `asOf` falls in, in `timeZone`. */
export function currentQuarterOf(asOf: Date, timeZone: string): { year: number; quarter: Quarter } {
  const d = calendarDateIn(asOf, timeZone)
  return { year: d.year, quarter: quarterOfMonth(d.month) }
}

/**
 * The latest quarter whose deadline has passed at `asOf` (the last quarter that must be
 * complete) — a sensible default period for dashboards.
 */
export function lastDueQuarterOf(asOf: Date, deadlineDays: number, timeZone: string): { year: number; quarter: Quarter } {
  let { year, quarter } = currentQuarterOf(asOf, timeZone)
  // Walk back at most a few quarters until one is past its deadline.
  for (let i = 0; i < 8; i++) {
    if (isPastDeadline(year, quarter, asOf, deadlineDays, timeZone)) return { year, quarter }
    if (quarter === 1) {
      year -= 1
      quarter = 4
    } else quarter = (quarter - 1) as Quarter
  }
  return { year, quarter }
}

/** The due day of a quarter as Indonesian text: "10 Oktober 2026". */
export function dueDateLabel(year: number, q: Quarter, deadlineDays: number): string {
  return formatDateId(dueDate(year, q, deadlineDays))
}

// --- periods ---------------------------------------------------------------

export interface PeriodLabelOptions {
  /** Write a full year as "2025 s.d. Triwulan IV" instead of "Tahun 2025". Default false. */
  explicitQuarter?: boolean
}

/**
 * Indonesian label of a period:
 * - satu_triwulan → "Triwulan III 2026"
 * - triwulan n < 4 → "2026 s.d. Triwulan III"; n = 4 → "Tahun 2025"
 *   (or "2025 s.d. Triwulan IV" with `explicitQuarter`)
 * - renstra → "Renstra 2021–2026 s.d. 2026 TW III"
 */
export function periodLabel(period: Period, options: PeriodLabelOptions = {}): string {
  switch (period.kind) {
    case 'satu_triwulan':
      return `${quarterName(period.quarter)} ${period.year}`
    case 'triwulan':
      if (period.quarter === 4 && !options.explicitQuarter) return `Tahun ${period.year}`
      return `${period.year} s.d. ${quarterName(period.quarter)}`
    case 'renstra':
      return `Renstra ${period.startYear}–${period.endYear} s.d. ${period.year} TW ${romanQuarter(period.quarter)}`
  }
}

/** Same period position one year earlier (year − 1, same quarter; Renstra range kept). */
export function previousSamePeriod(period: Period): Period {
  return { ...period, year: period.year - 1 }
}

/** Same period position in another year. */
export function withYear(period: Period, year: number): Period {
  return { ...period, year }
}

/** The quarters of `period.year` the period looks at: [q] for one quarter, 1..q otherwise. */
export function periodQuarters(period: Period): Quarter[] {
  if (period.kind === 'satu_triwulan') return [period.quarter]
  return QUARTERS.filter((q) => q <= period.quarter)
}

export function samePeriod(a: Period, b: Period): boolean {
  if (a.kind !== b.kind || a.year !== b.year || a.quarter !== b.quarter) return false
  if (a.kind === 'renstra' && b.kind === 'renstra') return a.startYear === b.startYear && a.endYear === b.endYear
  return true
}

// --- parsing ---------------------------------------------------------------

/** URLSearchParams, FormData or a plain object. */
export type SearchParamsLike = { get(name: string): string | File | null } | Record<string, string | string[] | null | undefined>

export interface ParsePeriodOptions {
  /** Used when `tahun` is absent (e.g. the current year). Absent too → error. */
  defaultYear?: number
  /** Used when `triwulan` is absent. Default 4 (full year). */
  defaultQuarter?: Quarter
  /** Known Renstra periods; `periode=renstra` picks the one containing `tahun`. */
  renstraPeriods?: ReadonlyArray<{ startYear: number; endYear: number }>
  /** Accepted year range, inclusive. Default 2000–2100. */
  minYear?: number
  maxYear?: number
}

export type ParsePeriodResult = { ok: true; period: Period } | { ok: false; errors: string[] }

function readParam(params: SearchParamsLike, name: string): string | null {
  if (typeof (params as { get?: unknown }).get === 'function') {
    const v = (params as { get(name: string): unknown }).get(name)
    return typeof v === 'string' ? v : null
  }
  const v = (params as Record<string, string | string[] | null | undefined>)[name]
  if (Array.isArray(v)) return v[0] ?? null
  return typeof v === 'string' ? v : null
}

const PERIODE_VALUES = ['triwulan', 'satu_triwulan', 'tahunan', 'renstra'] as const

/**
 * Reads a period from query parameters:
 * - `tahun`: four-digit year (required unless `defaultYear`);
 * - `triwulan`: 1–4 (default `defaultQuarter` ?? 4);
 * - `periode`: `triwulan` (default; year to date s.d. TW n), `satu_triwulan` (that quarter
 *   alone), `tahunan` (full year, forces TW IV) or `renstra` (Renstra to date; needs a known
 *   Renstra period containing `tahun`).
 * Returns every problem found, in Indonesian.
 */
export function parsePeriod(params: SearchParamsLike, options: ParsePeriodOptions = {}): ParsePeriodResult {
  const errors: string[] = []
  const minYear = options.minYear ?? 2000
  const maxYear = options.maxYear ?? 2100

  const rawKind = (readParam(params, 'periode') ?? '').trim().toLowerCase()
  let kind = 'triwulan' as (typeof PERIODE_VALUES)[number]
  if (rawKind !== '') {
    if ((PERIODE_VALUES as readonly string[]).includes(rawKind)) kind = rawKind as typeof kind
    else errors.push(`Periode "${rawKind}" tidak dikenal; pilih triwulan, satu_triwulan, tahunan, atau renstra`)
  }

  let year: number | null = null
  const rawYear = (readParam(params, 'tahun') ?? '').trim()
  if (rawYear === '') {
    if (options.defaultYear !== undefined) year = options.defaultYear
    else errors.push('Tahun wajib diisi')
  } else if (!/^\d{4}$/.test(rawYear)) {
    errors.push(`Tahun "${rawYear}" tidak valid; tulis empat angka, misalnya 2025`)
  } else {
    year = Number(rawYear)
    if (year < minYear || year > maxYear) {
      errors.push(`Tahun ${year} di luar rentang ${minYear}–${maxYear}`)
      year = null
    }
  }

  let quarter: Quarter | null = null
  const rawQuarter = (readParam(params, 'triwulan') ?? '').trim()
  if (rawQuarter === '') {
    quarter = options.defaultQuarter ?? 4
  } else if (/^[1-4]$/.test(rawQuarter)) {
    quarter = Number(rawQuarter) as Quarter
  } else {
    errors.push(`Triwulan "${rawQuarter}" tidak valid; pilih 1, 2, 3, atau 4`)
  }
  if (kind === 'tahunan') quarter = 4

  let renstra: { startYear: number; endYear: number } | undefined
  if (kind === 'renstra' && year !== null) {
    const list = options.renstraPeriods ?? []
    renstra = list.find((r) => r.startYear <= year! && year! <= r.endYear)
    if (!renstra) {
      errors.push(list.length === 0 ? 'Periode Renstra belum ditetapkan' : `Tahun ${year} tidak termasuk periode Renstra mana pun`)
    }
  }

  if (errors.length > 0 || year === null || quarter === null) return { ok: false, errors }
  switch (kind) {
    case 'renstra':
      return {
        ok: true,
        period: { kind: 'renstra', startYear: renstra!.startYear, endYear: renstra!.endYear, year, quarter },
      }
    case 'satu_triwulan':
      return { ok: true, period: { kind: 'satu_triwulan', year, quarter } }
    case 'triwulan':
    case 'tahunan':
      return { ok: true, period: { kind: 'triwulan', year, quarter } }
  }
}

/** The inverse of parsePeriod: query parameters for a period. */
export function periodToSearchParams(period: Period): Record<string, string> {
  const out: Record<string, string> = { tahun: String(period.year), triwulan: String(period.quarter) }
  if (period.kind === 'renstra') out.periode = 'renstra'
  else if (period.kind === 'satu_triwulan') out.periode = 'satu_triwulan'
  return out
}
