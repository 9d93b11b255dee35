import { afterEach, describe, expect, it } from 'vitest'
import {
  currentQuarterOf,
  deadlineOf,
  dueDate,
  isoDate,
  isPastDeadline,
  lastDueQuarterOf,
  parsePeriod,
  periodLabel,
  periodToSearchParams,
  previousSamePeriod,
  quarterEndDate,
  timeZoneOffsetMs,
  type Period,
} from '../../../app/domain/index'

describe('quarter dates', () => {
  it.each([
    [2026, 1, '2026-03-31'],
    [2026, 2, '2026-06-30'],
    [2026, 3, '2026-09-30'],
    [2026, 4, '2026-12-31'],
    [2024, 1, '2024-03-31'],
  ] as const)('quarterEndDate(%s, %s) = %s', (y, q, iso) => {
    expect(isoDate(quarterEndDate(y, q))).toBe(iso)
  })

  it('due day = last day of the quarter + N days', () => {
    // 2026-09-30 + 10 = 2026-10-10
    expect(isoDate(dueDate(2026, 3, 10))).toBe('2026-10-10')
    // 2026-12-31 + 10 = 2027-01-10 (year rolls over)
    expect(isoDate(dueDate(2026, 4, 10))).toBe('2027-01-10')
    // 2024-03-31 + 0 = 2024-03-31
    expect(isoDate(dueDate(2024, 1, 0))).toBe('2024-03-31')
  })
})

describe('deadlineOf in Asia/Jakarta (UTC+7)', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    process.env.TZ = originalTz
  })

  it('2026 TW III with 10 days ends 2026-10-10T23:59:59.999+07:00', () => {
    // 2026-10-10 24:00 WIB = 2026-10-10 17:00 UTC; minus 1 ms
    expect(deadlineOf(2026, 3, 10, 'Asia/Jakarta').toISOString()).toBe('2026-10-10T16:59:59.999Z')
  })

  it('23:00 WIB on the due day is on time; 00:30 WIB the next day is late', () => {
    expect(isPastDeadline(2026, 3, new Date('2026-10-10T16:00:00Z'), 10, 'Asia/Jakarta')).toBe(false)
    expect(isPastDeadline(2026, 3, new Date('2026-10-10T16:59:59.999Z'), 10, 'Asia/Jakarta')).toBe(false)
    expect(isPastDeadline(2026, 3, new Date('2026-10-10T17:00:00Z'), 10, 'Asia/Jakarta')).toBe(true)
    expect(isPastDeadline(2026, 3, new Date('2026-10-10T17:30:00Z'), 10, 'Asia/Jakarta')).toBe(true)
  })

  it('does not depend on the machine time zone', () => {
    process.env.TZ = 'America/Los_Angeles'
    expect(deadlineOf(2025, 2, 10, 'Asia/Jakarta').toISOString()).toBe('2025-07-10T16:59:59.999Z')
    process.env.TZ = 'Asia/Tokyo'
    expect(deadlineOf(2025, 2, 10, 'Asia/Jakarta').toISOString()).toBe('2025-07-10T16:59:59.999Z')
  })

  it('other zones, including daylight saving time', () => {
    // New York in October is EDT (UTC−4): 2026-10-11 00:00 EDT = 04:00 UTC
    expect(deadlineOf(2026, 3, 10, 'America/New_York').toISOString()).toBe('2026-10-11T03:59:59.999Z')
    // New York on 10 January is EST (UTC−5): 2027-01-11 00:00 EST = 05:00 UTC
    expect(deadlineOf(2026, 4, 10, 'America/New_York').toISOString()).toBe('2027-01-11T04:59:59.999Z')
    expect(deadlineOf(2026, 3, 10, 'UTC').toISOString()).toBe('2026-10-10T23:59:59.999Z')
    expect(timeZoneOffsetMs(new Date('2026-01-01T00:00:00Z'), 'Asia/Jakarta')).toBe(7 * 3600 * 1000)
  })
})

describe('currentQuarterOf / lastDueQuarterOf', () => {
  it('uses the calendar day of the given zone', () => {
    // 2026-09-30 17:30 UTC = 2026-10-01 00:30 WIB → TW IV in Jakarta, TW III in UTC
    const t = new Date('2026-09-30T17:30:00Z')
    expect(currentQuarterOf(t, 'Asia/Jakarta')).toEqual({ year: 2026, quarter: 4 })
    expect(currentQuarterOf(t, 'UTC')).toEqual({ year: 2026, quarter: 3 })
    // 2025-12-31 18:00 UTC = 2026-01-01 01:00 WIB
    expect(currentQuarterOf(new Date('2025-12-31T18:00:00Z'), 'Asia/Jakarta')).toEqual({ year: 2026, quarter: 1 })
  })

  it('latest quarter past its deadline', () => {
    // 2026-10-05: TW III is due 2026-10-10, so the last due quarter is TW II
    expect(lastDueQuarterOf(new Date('2026-10-05T00:00:00Z'), 10, 'Asia/Jakarta')).toEqual({ year: 2026, quarter: 2 })
    // 2027-01-05: TW IV 2026 due 2027-01-10 → TW III 2026
    expect(lastDueQuarterOf(new Date('2027-01-05T00:00:00Z'), 10, 'Asia/Jakarta')).toEqual({ year: 2026, quarter: 3 })
  })
})

describe('periodLabel / previousSamePeriod', () => {
  it.each<[Period, string]>([
    [{ kind: 'triwulan', year: 2026, quarter: 3 }, '2026 s.d. Triwulan III'],
    [{ kind: 'triwulan', year: 2025, quarter: 4 }, 'Tahun 2025'],
    [{ kind: 'satu_triwulan', year: 2026, quarter: 3 }, 'Triwulan III 2026'],
    [{ kind: 'renstra', startYear: 2021, endYear: 2026, year: 2026, quarter: 3 }, 'Renstra 2021–2026 s.d. 2026 TW III'],
  ])('%j → %s', (p, label) => {
    expect(periodLabel(p)).toBe(label)
  })

  it('explicit quarter for a full year', () => {
    expect(periodLabel({ kind: 'triwulan', year: 2025, quarter: 4 }, { explicitQuarter: true })).toBe('2025 s.d. Triwulan IV')
  })

  it('previous same period keeps kind, quarter and Renstra range', () => {
    expect(previousSamePeriod({ kind: 'triwulan', year: 2026, quarter: 3 })).toEqual({
      kind: 'triwulan',
      year: 2025,
      quarter: 3,
    })
    expect(previousSamePeriod({ kind: 'renstra', startYear: 2021, endYear: 2026, year: 2024, quarter: 2 })).toEqual({
      kind: 'renstra',
      startYear: 2021,
      endYear: 2026,
      year: 2023,
      quarter: 2,
    })
  })
})

describe('parsePeriod', () => {
  const renstraPeriods = [
    { startYear: 2021, endYear: 2026 },
    { startYear: 2027, endYear: 2031 },
  ]

  it('year to date from URLSearchParams', () => {
    expect(parsePeriod(new URLSearchParams('tahun=2026&triwulan=3'))).toEqual({
      ok: true,
      period: { kind: 'triwulan', year: 2026, quarter: 3 },
    })
  })

  it('defaults: quarter 4, year from options', () => {
    expect(parsePeriod({ tahun: '2025' })).toEqual({ ok: true, period: { kind: 'triwulan', year: 2025, quarter: 4 } })
    expect(parsePeriod({}, { defaultYear: 2026, defaultQuarter: 2 })).toEqual({
      ok: true,
      period: { kind: 'triwulan', year: 2026, quarter: 2 },
    })
  })

  it('renstra picks the Renstra period containing the year', () => {
    expect(parsePeriod({ tahun: '2028', triwulan: '1', periode: 'renstra' }, { renstraPeriods })).toEqual({
      ok: true,
      period: { kind: 'renstra', startYear: 2027, endYear: 2031, year: 2028, quarter: 1 },
    })
    const r = parsePeriod({ tahun: '2035', periode: 'renstra' }, { renstraPeriods })
    expect(r).toEqual({ ok: false, errors: ['Tahun 2035 tidak termasuk periode Renstra mana pun'] })
  })

  it('satu_triwulan and tahunan', () => {
    expect(parsePeriod({ tahun: '2026', triwulan: '2', periode: 'satu_triwulan' })).toEqual({
      ok: true,
      period: { kind: 'satu_triwulan', year: 2026, quarter: 2 },
    })
    expect(parsePeriod({ tahun: '2026', triwulan: '2', periode: 'tahunan' })).toEqual({
      ok: true,
      period: { kind: 'triwulan', year: 2026, quarter: 4 },
    })
  })

  it.each([
    [{ tahun: 'abc' }, 'Tahun "abc" tidak valid; tulis empat angka, misalnya 2025'],
    [{ tahun: '2026', triwulan: '5' }, 'Triwulan "5" tidak valid; pilih 1, 2, 3, atau 4'],
    [{ tahun: '2026', triwulan: '0' }, 'Triwulan "0" tidak valid; pilih 1, 2, 3, atau 4'],
    [{ tahun: '2026', triwulan: '2.5' }, 'Triwulan "2.5" tidak valid; pilih 1, 2, 3, atau 4'],
    [{ tahun: '1850' }, 'Tahun 1850 di luar rentang 2000–2100'],
    [{}, 'Tahun wajib diisi'],
    [{ tahun: '2026', periode: 'bulanan' }, 'Periode "bulanan" tidak dikenal; pilih triwulan, satu_triwulan, tahunan, atau renstra'],
    [{ tahun: '2026', periode: 'renstra' }, 'Periode Renstra belum ditetapkan'],
  ])('%j → error', (params, message) => {
    expect(parsePeriod(params)).toEqual({ ok: false, errors: [message] })
  })

  it('collects every error', () => {
    const r = parsePeriod({ tahun: 'x', triwulan: '9' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toHaveLength(2)
  })

  it('round-trips through periodToSearchParams', () => {
    const p: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2024, quarter: 2 }
    expect(parsePeriod(periodToSearchParams(p), { renstraPeriods })).toEqual({ ok: true, period: p })
  })
})
