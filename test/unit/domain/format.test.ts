import { describe, expect, it } from 'vitest'
import { formatDateId, formatNumber, formatNumberTrim, formatPercent, parseDecimalInput, quarterName, romanQuarter } from '../../../app/domain/index'

describe('formatNumber (id-ID, two decimals by default)', () => {
  it.each([
    [87.454, 2, '87,45'],
    [87.456, 2, '87,46'],
    [62.5, 2, '62,50'],
    [100, 2, '100,00'],
    [1234.5, 2, '1.234,50'], // id-ID groups thousands with a dot
    [0, 2, '0,00'],
    [-0.001, 2, '0,00'], // no "-0,00"
    [-12.345, 1, '-12,3'],
    [66.6666, 0, '67'],
  ])('%s with %s digits → %s', (v, d, expected) => {
    expect(formatNumber(v, d)).toBe(expected)
  })

  it.each([[null], [undefined], [Number.NaN], [Number.POSITIVE_INFINITY]])('%s → "–"', (v) => {
    expect(formatNumber(v)).toBe('–')
    expect(formatPercent(v)).toBe('–')
  })

  it('formatPercent and formatNumberTrim', () => {
    expect(formatPercent(87.454)).toBe('87,45%')
    expect(formatNumberTrim(76)).toBe('76')
    expect(formatNumberTrim(75.5)).toBe('75,5')
  })
})

describe('romanQuarter / quarterName / formatDateId', () => {
  it.each([
    [1, 'I'],
    [2, 'II'],
    [3, 'III'],
    [4, 'IV'],
  ])('%s → %s', (q, r) => {
    expect(romanQuarter(q)).toBe(r)
    expect(quarterName(q)).toBe(`Triwulan ${r}`)
  })
  it('rejects 0, 5 and 1.5', () => {
    expect(() => romanQuarter(0)).toThrow(RangeError)
    expect(() => romanQuarter(5)).toThrow(RangeError)
    expect(() => romanQuarter(1.5)).toThrow(RangeError)
  })
  it('formats a date in Indonesian', () => {
    expect(formatDateId({ year: 2026, month: 10, day: 10 })).toBe('10 Oktober 2026')
  })
})

describe('parseDecimalInput', () => {
  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['  7 ', 7],
    ['100', 100],
    [',5', 0.5],
    ['.5', 0.5],
    ['0.125', 0.125], // integer part 0: cannot be a thousands group
    ['1,234', 1.234], // a comma is always decimal (id-ID)
    ['1.5', 1.5],
    ['12.50', 12.5],
    ['-3,25', -3.25],
    ['+4', 4],
    ['\u22122', -2], // Unicode minus sign
    ['0', 0],
    ['-0', 0],
  ])('%j → %s', (text, expected) => {
    expect(parseDecimalInput(text)).toBe(expected)
  })

  it.each([[''], ['   '], [null], [undefined]])('%j → null (empty)', (text) => {
    expect(parseDecimalInput(text)).toBeNull()
  })

  it.each([
    ['1.234,5', 'pemisah ribuan'],
    ['1,234,567', 'pemisah ribuan'],
    ['1.234.567', 'pemisah ribuan'],
    ['1.234', 'ambigu'],
    ['25.000', 'ambigu'],
    ['abc', 'bukan angka'],
    ['12,', 'bukan angka'],
    ['1 234', 'bukan angka'],
    ['12%', 'bukan angka'],
    ['-', 'bukan angka'],
    ['1e3', 'bukan angka'],
  ])('%j → Indonesian error containing "%s"', (text, fragment) => {
    const r = parseDecimalInput(text)
    expect(typeof r).toBe('string')
    expect(r as string).toContain(fragment)
  })
})
