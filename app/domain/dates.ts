// The one date formatter and the zone arithmetic, through date-fns 4 and @date-fns/tz (ADR 0026).
// Pure: every function takes the instant and the IANA zone; nothing reads the machine's zone or clock.
import { TZDate, tz, tzOffset } from '@date-fns/tz'
import { addDays as addDaysFns, endOfDay, format } from 'date-fns'
import { id } from 'date-fns/locale'

/** A calendar day (no time, no zone). Month 1–12. */
export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** A calendar day as a date-fns date at midnight UTC (the zone does not matter for day arithmetic). */
const utcDay = (d: CalendarDate) => new TZDate(d.year, d.month - 1, d.day, 'UTC')
const toCalendar = (d: Date): CalendarDate => ({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() })

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return toCalendar(addDaysFns(utcDay(d), days))
}

/** Offset of `timeZone` from UTC at an instant, in ms (Asia/Jakarta → +25 200 000). */
export function timeZoneOffsetMs(instant: Date | number, timeZone: string): number {
  return tzOffset(timeZone, new Date(instant)) * 60_000
}

/** The instant at which the wall clock in `timeZone` shows the given local date and time. */
export function zonedTimeToInstant(date: CalendarDate, timeZone: string, hour = 0, minute = 0, second = 0, millisecond = 0): Date {
  return new Date(new TZDate(date.year, date.month - 1, date.day, hour, minute, second, millisecond, timeZone).getTime())
}

/** The calendar day an instant falls on in `timeZone`. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  return toCalendar(new TZDate(instant.getTime(), timeZone))
}

/** The hour (0–23) of the wall clock in `timeZone` at an instant. */
export function hourIn(instant: Date, timeZone: string): number {
  return new TZDate(instant.getTime(), timeZone).getHours()
}

/** The last instant of a calendar day in `timeZone` (23:59:59.999 local). */
export function endOfDayIn(date: CalendarDate, timeZone: string): Date {
  return new Date(endOfDay(new TZDate(date.year, date.month - 1, date.day, timeZone)).getTime())
}

/** WIB / WITA / WIT for the Indonesian zones (Asia/Pontianak is WIB); UTC; the zone name otherwise. */
export function zoneAbbreviation(timeZone: string): string {
  switch (timeZone) {
    case 'Asia/Jakarta':
    case 'Asia/Pontianak':
      return 'WIB'
    case 'Asia/Makassar':
      return 'WITA'
    case 'Asia/Jayapura':
      return 'WIT'
    case 'UTC':
    case 'Etc/UTC':
      return 'UTC'
    default:
      return timeZone
  }
}

/** { year: 2026, month: 10, day: 10 } → "10 Oktober 2026". */
export function formatDateId(d: CalendarDate): string {
  return format(utcDay(d), 'd MMMM yyyy', { locale: id })
}

/** An instant's day in `timeZone`: "29 November 2026". */
export function formatDayIn(instant: Date, timeZone: string): string {
  return format(instant, 'd MMMM yyyy', { locale: id, in: tz(timeZone) })
}

/** An instant's time of day in `timeZone`: "10.00". */
export function formatTimeIn(instant: Date, timeZone: string): string {
  return format(instant, 'HH.mm', { in: tz(timeZone) })
}

/** "29 November 2026 10.00 WIB": an instant in `timeZone`, with the zone's Indonesian abbreviation. */
export function formatDateTimeIn(instant: Date, timeZone: string): string {
  return `${formatDayIn(instant, timeZone)} ${formatTimeIn(instant, timeZone)} ${zoneAbbreviation(timeZone)}`
}
