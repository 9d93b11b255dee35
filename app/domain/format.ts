// Number formatting in Bahasa Indonesia (id-ID). Pure, no I/O. Labels live in ./labels.
//
// Scores are computed on unrounded values; rounding happens only here, when shown.

/** Shown in place of a value that does not exist (belum ada data / tidak dapat dihitung). */
export const EMPTY_VALUE = '–'

const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${minDigits}:${maxDigits}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat('id-ID', {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
    })
    numberFormats.set(key, f)
  }
  return f
}

function isShowable(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** Avoids "-0,00" for tiny negative values that round to zero. */
function normaliseZero(v: number, digits: number): number {
  return Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v
}

/**
 * A number with exactly `digits` decimals in id-ID: 87.454 → "87,45", 1234.5 → "1.234,50".
 * null / undefined / NaN / ±Infinity → "–".
 */
export function formatNumber(v: number | null | undefined, digits = 2): string {
  if (!isShowable(v)) return EMPTY_VALUE
  return numberFormat(digits, digits).format(normaliseZero(v, digits))
}

/**
 * A number with at most `maxDigits` decimals and no trailing zeros: 76 → "76", 75.5 → "75,5".
 * Used for band bounds and thresholds in messages.
 */
export function formatNumberTrim(v: number | null | undefined, maxDigits = 2): string {
  if (!isShowable(v)) return EMPTY_VALUE
  return numberFormat(0, maxDigits).format(normaliseZero(v, maxDigits))
}

/** A percentage: 87.454 → "87,45%". null → "–". */
export function formatPercent(v: number | null | undefined, digits = 2): string {
  if (!isShowable(v)) return EMPTY_VALUE
  return `${formatNumber(v, digits)}%`
}

/** Dates are formatted by ./dates (date-fns, locale id); re-exported here for older importers. */
export { formatDateId } from './dates'

/** A value as typed units, at most two decimals, id-ID ("12,5"); null → "–". */
export const formatValue = (v: number | null | undefined) => formatNumberTrim(v, 2)

// ---------------------------------------------------------------------------
// Decimal input
// ---------------------------------------------------------------------------

/**
 * Parses a number typed by a user. Returns a number, `null` for an empty input, or an
 * Indonesian error message (a string) — test with `typeof result === 'string'`.
 *
 * The rule (documented for the form's help text):
 * - Comma OR dot is the decimal separator: "12,5" = "12.5" = 12.5; ",5" = 0.5.
 * - Thousand separators are NOT accepted: at most one separator may appear, so "1.234,5",
 *   "1,234,567" and "1.234.567" are rejected ("tulis tanpa pemisah ribuan").
 * - A single DOT followed by exactly three digits with a non-zero integer part ("1.234",
 *   "25.000") is rejected as ambiguous: in Indonesian it usually means a thousands group
 *   (1234), in English a decimal. Write "1234" or "1,234". "0.125" and "1.5" are fine.
 *   A comma is always a decimal separator (id-ID convention), so "1,234" = 1.234.
 * - Optional leading sign (+, - or the minus sign −); surrounding spaces are ignored,
 *   spaces inside the number are not accepted; a trailing separator ("12,") is rejected.
 */
export function parseDecimalInput(text: string | null | undefined): number | null | string {
  if (text == null) return null
  const s = String(text).trim()
  if (s === '') return null
  const m = /^([+\-\u2212]?)(\d*)(?:([.,])(\d+))?$/.exec(s)
  if (!m) {
    const separators = (s.match(/[.,]/g) ?? []).length
    if (separators > 1 && /^[+\-\u2212]?[\d.,]+$/.test(s)) {
      return `"${s}" memakai lebih dari satu pemisah. Pemisah ribuan tidak diterima: tulis tanpa pemisah ribuan, misalnya 1234,5`
    }
    return `"${s}" bukan angka. Masukkan angka, misalnya 12,5`
  }
  const [, sign, intPart = '', sep, frac] = m
  if (intPart === '' && frac === undefined) {
    return `"${s}" bukan angka. Masukkan angka, misalnya 12,5`
  }
  if (sep === '.' && frac !== undefined && frac.length === 3 && intPart !== '' && !/^0+$/.test(intPart)) {
    return `"${s}" ambigu: tulis ${intPart}${frac} bila maksudnya ribuan, atau ${intPart},${frac} bila desimal`
  }
  const normalised = `${sign === '-' || sign === '\u2212' ? '-' : ''}${intPart === '' ? '0' : intPart}${frac !== undefined ? `.${frac}` : ''}`
  const v = Number(normalised)
  if (!Number.isFinite(v)) return `"${s}" terlalu besar`
  return v === 0 ? 0 : v
}
