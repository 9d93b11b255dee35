import { calendarDateIn } from '../domain/dates'

/** The calendar year of an instant in a time zone (default Asia/Jakarta, WIB). */
export function yearInZone(d: Date, timeZone = 'Asia/Jakarta'): number {
  return calendarDateIn(d, timeZone).year
}
