// Zone arithmetic and the one date formatter (ADR 0026), with hand-computed instants. The four
// Indonesian zones have no DST: WIB (Asia/Jakarta, Asia/Pontianak) = UTC+7, WITA (Asia/Makassar)
// = UTC+8, WIT (Asia/Jayapura) = UTC+9.
import { describe, expect, it } from 'vitest'
import { calendarDateIn, formatDateId, formatDateTimeIn, hourIn, timeZoneOffsetMs, zonedTimeToInstant, zoneAbbreviation } from '../../app/domain/dates'
import { currentQuarterOf, deadlineOf, dueDateLabel, isPastDeadline, quarterEndDate } from '../../app/domain/periods'
import { deadlineInfo, formatDateTime } from '../../app/utils/entry-format'
import { stampId } from '../../app/services/excel/style.server'

const at = (iso: string) => new Date(iso)

describe('deadlines at local midnight in each zone', () => {
  // 2026 TW III ends 30 September; + 10 days → due 10 October 2026, on time until 23:59:59.999 local
  it.each([
    ['Asia/Jakarta', '2026-10-10T16:59:59.999Z'],
    ['Asia/Pontianak', '2026-10-10T16:59:59.999Z'],
    ['Asia/Makassar', '2026-10-10T15:59:59.999Z'],
    ['Asia/Jayapura', '2026-10-10T14:59:59.999Z'],
    ['UTC', '2026-10-10T23:59:59.999Z'],
  ])('%s: 2026 TW III + 10 days ends at %s', (zone, iso) => {
    expect(deadlineOf(2026, 3, 10, zone).toISOString()).toBe(iso)
    const last = at(iso)
    expect(isPastDeadline(2026, 3, last, 10, zone)).toBe(false)
    expect(isPastDeadline(2026, 3, new Date(last.getTime() + 1), 10, zone)).toBe(true)
  })

  it('across a year end and a leap day', () => {
    // 2026 TW IV ends 31 December; + 10 → 10 January 2027, 24:00 WIB = 17:00Z
    expect(deadlineOf(2026, 4, 10, 'Asia/Jakarta').toISOString()).toBe('2027-01-10T16:59:59.999Z')
    // 2024 TW I: 31 March; + 0 → that day, 24:00 WIT = 15:00Z
    expect(deadlineOf(2024, 1, 0, 'Asia/Jayapura').toISOString()).toBe('2024-03-31T14:59:59.999Z')
    // 2023 TW IV ends 31 December; + 60 days → 29 February 2024 (a leap year)
    expect(dueDateLabel(2023, 4, 60)).toBe('29 Februari 2024')
    expect(quarterEndDate(2025, 1)).toEqual({ year: 2025, month: 3, day: 31 })
    expect(quarterEndDate(2026, 2)).toEqual({ year: 2026, month: 6, day: 30 })
  })

  it('the countdown turns at local midnight', () => {
    expect(deadlineInfo(2026, 3, at('2026-10-10T16:59:00Z'), 10, 'Asia/Jakarta')).toMatchObject({
      daysLeft: 0,
      late: false,
      countdown: 'hari ini batas akhir',
      dueLabel: '10 Oktober 2026',
    })
    expect(deadlineInfo(2026, 3, at('2026-10-10T17:00:00Z'), 10, 'Asia/Jakarta')).toMatchObject({ daysLeft: -1, late: true, countdown: 'terlambat 1 hari' })
    // 16:00Z is already 11 October in WITA
    expect(deadlineInfo(2026, 3, at('2026-10-10T16:00:00Z'), 10, 'Asia/Makassar').countdown).toBe('terlambat 1 hari')
    expect(deadlineInfo(2026, 3, at('2026-10-03T00:00:00Z'), 10, 'Asia/Jayapura').countdown).toBe('7 hari lagi')
  })
})

describe('calendar days and quarters in a zone', () => {
  it('the day an instant falls on', () => {
    expect(calendarDateIn(at('2026-10-10T14:59:59.999Z'), 'Asia/Jayapura')).toEqual({ year: 2026, month: 10, day: 10 })
    expect(calendarDateIn(at('2026-10-10T15:00:00Z'), 'Asia/Jayapura')).toEqual({ year: 2026, month: 10, day: 11 })
    expect(calendarDateIn(at('2026-12-31T17:00:00Z'), 'Asia/Jakarta')).toEqual({ year: 2027, month: 1, day: 1 })
  })
  it('the quarter turns at local midnight', () => {
    expect(currentQuarterOf(at('2026-09-30T16:59:59.999Z'), 'Asia/Jakarta')).toEqual({ year: 2026, quarter: 3 })
    expect(currentQuarterOf(at('2026-09-30T17:00:00Z'), 'Asia/Jakarta')).toEqual({ year: 2026, quarter: 4 })
    expect(currentQuarterOf(at('2026-09-30T16:00:00Z'), 'Asia/Makassar')).toEqual({ year: 2026, quarter: 4 })
  })
  it('offsets, local midnight and the local hour', () => {
    expect(timeZoneOffsetMs(at('2026-06-01T00:00:00Z'), 'Asia/Jakarta')).toBe(7 * 3_600_000)
    expect(timeZoneOffsetMs(at('2026-06-01T00:00:00Z'), 'Asia/Jayapura')).toBe(9 * 3_600_000)
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 1 }, 'Asia/Makassar').toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 1 }, 'Asia/Jakarta', 7, 30).toISOString()).toBe('2026-01-01T00:30:00.000Z')
    expect(hourIn(at('2026-06-01T23:30:00Z'), 'Asia/Jakarta')).toBe(6)
  })
})

describe('the one date formatter', () => {
  it('names the zone with its Indonesian abbreviation (Pontianak is WIB)', () => {
    expect(['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura', 'UTC', 'Europe/Paris'].map(zoneAbbreviation)).toEqual([
      'WIB',
      'WIB',
      'WITA',
      'WIT',
      'UTC',
      'Europe/Paris',
    ])
    // 03:00Z
    expect(formatDateTime('2026-11-29 03:00:00.000', 'Asia/Pontianak')).toBe('29 November 2026 10.00 WIB')
    expect(formatDateTime('2026-11-29 03:00:00.000', 'Asia/Jakarta')).toBe('29 November 2026 10.00 WIB')
    expect(formatDateTime('2026-11-29 03:00:00.000', 'Asia/Makassar')).toBe('29 November 2026 11.00 WITA')
    expect(formatDateTime('2026-11-29 03:00:00.000', 'Asia/Jayapura')).toBe('29 November 2026 12.00 WIT')
    expect(formatDateTime(null)).toBe('–')
  })
  it('midnight belongs to the new day', () => {
    expect(formatDateTimeIn(at('2026-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('1 Januari 2027 00.00 WIB')
    expect(formatDateTimeIn(at('2026-12-31T15:00:00Z'), 'Asia/Jayapura')).toBe('1 Januari 2027 00.00 WIT')
    expect(formatDateTimeIn(at('2026-12-31T15:59:00Z'), 'Asia/Makassar')).toBe('31 Desember 2026 23.59 WITA')
  })
  it('calendar days and the Excel stamp', () => {
    expect(formatDateId({ year: 2026, month: 10, day: 10 })).toBe('10 Oktober 2026')
    expect(formatDateId({ year: 2027, month: 1, day: 1 })).toBe('1 Januari 2027')
    expect(stampId(at('2026-11-29T03:00:00Z'), 'Asia/Jakarta')).toBe('29 November 2026 pukul 10.00 (Asia/Jakarta)')
  })
})
