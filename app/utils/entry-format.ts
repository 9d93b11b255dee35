// Pure formatting helpers for the entry, verification and audit pages (server and browser). Dates go
// through the one formatter, app/domain/dates (date-fns, locale id, @date-fns/tz).
import { differenceInCalendarDays } from 'date-fns'
import { calendarDateIn, formatDateId, formatDateTimeIn, zoneAbbreviation, type CalendarDate } from '../domain/dates'
import { dueDate } from '../domain/periods'
import type { Quarter } from '../domain/types'
import { fromDbTime } from '../../db/time'

export { zoneAbbreviation }

/** Parses a stored UTC timestamp (the data layer's one rule). */
export const parseDbTime = fromDbTime

/** "29 November 2026 10.00 WIB" — a stored UTC time shown in the settings time zone. */
export function formatDateTime(value: string | Date | null | undefined, timeZone = 'Asia/Jakarta'): string {
  const d = parseDbTime(value)
  return d ? formatDateTimeIn(d, timeZone) : '–'
}

/** "10 Oktober 2026". */
export const formatCalendarDate = (d: CalendarDate): string => formatDateId(d)

const dayOf = (d: CalendarDate) => new Date(Date.UTC(d.year, d.month - 1, d.day))

export interface DeadlineInfo {
  /** The due day: last day of the quarter + deadlineDays ("10 Januari 2027"). */
  dueLabel: string
  /** Whole days left (negative: days late), counted on calendar days in the time zone. */
  daysLeft: number
  late: boolean
  /** "7 hari lagi", "hari ini batas akhir", "terlambat 3 hari". */
  countdown: string
}

/** Due day and countdown of a quarter at `asOf`, counted in calendar days of `timeZone`. */
export function deadlineInfo(year: number, quarter: Quarter, asOf: Date, deadlineDays: number, timeZone: string): DeadlineInfo {
  const due = dueDate(year, quarter, deadlineDays)
  const today = calendarDateIn(asOf, timeZone)
  const daysLeft = differenceInCalendarDays(dayOf(due), dayOf(today))
  const late = daysLeft < 0
  const countdown = late ? `terlambat ${-daysLeft} hari` : daysLeft === 0 ? 'hari ini batas akhir' : `${daysLeft} hari lagi`
  return { dueLabel: formatCalendarDate(due), daysLeft, late, countdown }
}

/** A stored number as an input string the user can edit and re-post: 12.5 → "12,5" (no thousands dots). */
export function toInputString(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return ''
  // up to 6 decimals (the storage precision), no exponent, comma as decimal separator
  const fixed = Math.abs(v) < 1e-6 ? '0' : v.toFixed(6).replace(/\.?0+$/, '')
  return fixed.replace('.', ',')
}

/** Only http(s) links are shown as links (never javascript: or data:). */
export function safeHttpUrl(link: string | null | undefined): string | null {
  if (!link) return null
  try {
    const u = new URL(link)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null
  } catch {
    return null
  }
}
