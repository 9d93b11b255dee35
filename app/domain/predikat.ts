// Kategori / predikat bands (Permendagri 86/2017 five-class scale) and default settings.

import { formatNumberTrim } from './format'
import type { PredikatBand, ScoringSettings } from './types'

/**
 * Default bands, ordered from the lowest to the highest: lower bound inclusive, upper bound
 * exclusive; the first has no lower bound (−∞), the last no upper bound (+∞).
 */
export const DEFAULT_BANDS: readonly PredikatBand[] = Object.freeze([
  Object.freeze({ min: null, max: 51, label: 'Sangat Rendah', key: 'sangat_rendah' }),
  Object.freeze({ min: 51, max: 66, label: 'Rendah', key: 'rendah' }),
  Object.freeze({ min: 66, max: 76, label: 'Sedang', key: 'sedang' }),
  Object.freeze({ min: 76, max: 91, label: 'Tinggi', key: 'tinggi' }),
  Object.freeze({ min: 91, max: null, label: 'Sangat Tinggi', key: 'sangat_tinggi' }),
]) as readonly PredikatBand[]

/** Default of ScoringSettings.dropTolerance: for flag 3 a fall counts from one point. */
export const DEFAULT_DROP_TOLERANCE = 1

export const DEFAULT_SETTINGS: ScoringSettings = Object.freeze({
  bands: DEFAULT_BANDS as PredikatBand[],
  cap: 120,
  deadlineDays: 10,
  timeZone: 'Asia/Jakarta',
  dropTolerance: DEFAULT_DROP_TOLERANCE,
}) as ScoringSettings

/** The wording used in LKjIP reports for the default band keys. */
export const LKJIP_WORDING: Readonly<Record<string, string>> = Object.freeze({
  sangat_tinggi: 'Sangat Baik',
  tinggi: 'Baik',
  sedang: 'Cukup',
  rendah: 'Kurang',
  sangat_rendah: 'Sangat Kurang',
})

/** The LKjIP word for a band (falls back to the band's own label for custom keys). */
export function lkjipWording(band: PredikatBand | null): string | null {
  if (!band) return null
  return LKJIP_WORDING[band.key] ?? band.label
}

function inBand(value: number, b: PredikatBand): boolean {
  return (b.min === null || value >= b.min) && (b.max === null || value < b.max)
}

/** The band a value falls in; null for null / NaN or when no band covers it (invalid bands). */
export function predikatOf(value: number | null | undefined, bands: readonly PredikatBand[] = DEFAULT_BANDS): PredikatBand | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null
  for (const b of bands) if (inBand(value, b)) return b
  return null
}

/** Bands sorted from the lowest to the highest (lower bound; −∞ first). */
export function sortBands(bands: readonly PredikatBand[]): PredikatBand[] {
  return [...bands].sort((a, b) => {
    const am = a.min ?? -Infinity
    const bm = b.min ?? -Infinity
    if (am !== bm) return am - bm
    return (a.max ?? Infinity) - (b.max ?? Infinity)
  })
}

/**
 * The score below which a cell is flagged "Sedang atau lebih rendah": the lower bound of the
 * second-best band (76 with the default bands). Null when the bands cannot give one.
 */
export function attentionThreshold(bands: readonly PredikatBand[]): number | null {
  const sorted = sortBands(bands)
  if (sorted.length < 2) return null
  return sorted[sorted.length - 2]!.min
}

/** True when a capaian is in the "Sedang or lower" range (narrative required, flag 1). */
export function isBelowAttention(value: number | null | undefined, bands: readonly PredikatBand[]): boolean {
  const t = attentionThreshold(bands)
  return value !== null && value !== undefined && t !== null && value < t
}

function boundOk(v: unknown): boolean {
  return v === null || (typeof v === 'number' && Number.isFinite(v))
}

function rangeText(b: PredikatBand): string {
  const lo = b.min === null ? '−∞' : formatNumberTrim(b.min)
  const hi = b.max === null ? '+∞' : `<${formatNumberTrim(b.max)}`
  return `${lo} s.d. ${hi}`
}

/**
 * Checks configurable bands. Returns Indonesian error messages; an empty array when valid.
 * Valid means: at least one band, each with a label and a unique key (labels unique too),
 * numeric bounds with min < max, and — sorted by lower bound — contiguous (each upper bound
 * equals the next lower bound: no gap, no overlap), from −∞ (min null) to +∞ (max null).
 */
export function validateBands(bands: readonly PredikatBand[]): string[] {
  const errors: string[] = []
  if (!Array.isArray(bands) || bands.length === 0) {
    return ['Minimal satu kategori harus ditentukan']
  }
  const keys = new Map<string, number>()
  const labels = new Map<string, number>()
  let boundsValid = true
  bands.forEach((b, i) => {
    const label = (b.label ?? '').trim()
    const name = label || `ke-${i + 1}`
    if (!label) errors.push(`Kategori ke-${i + 1} belum memiliki label`)
    else labels.set(label.toLowerCase(), (labels.get(label.toLowerCase()) ?? 0) + 1)
    const key = (b.key ?? '').trim()
    if (!key) errors.push(`Kategori "${name}" belum memiliki kunci`)
    else keys.set(key, (keys.get(key) ?? 0) + 1)
    if (!boundOk(b.min) || !boundOk(b.max)) {
      errors.push(`Batas kategori "${name}" harus berupa angka`)
      boundsValid = false
    } else if (b.min !== null && b.max !== null && !(b.min < b.max)) {
      errors.push(`Batas bawah kategori "${name}" (${formatNumberTrim(b.min)}) harus lebih kecil dari batas atasnya (${formatNumberTrim(b.max)})`)
      boundsValid = false
    }
  })
  for (const [key, n] of keys) if (n > 1) errors.push(`Kunci "${key}" dipakai oleh lebih dari satu kategori`)
  for (const [label, n] of labels) {
    if (n > 1) {
      const original = bands.find((b) => (b.label ?? '').trim().toLowerCase() === label)?.label.trim()
      errors.push(`Label "${original}" dipakai oleh lebih dari satu kategori`)
    }
  }
  if (!boundsValid) return errors

  const sorted = sortBands(bands)
  const first = sorted[0]!
  const last = sorted[sorted.length - 1]!
  if (first.min !== null) {
    errors.push(`Nilai di bawah ${formatNumberTrim(first.min)} tidak masuk kategori mana pun: kategori terendah "${first.label}" harus tanpa batas bawah`)
  }
  if (last.max !== null) {
    errors.push(`Nilai ${formatNumberTrim(last.max)} ke atas tidak masuk kategori mana pun: kategori tertinggi "${last.label}" harus tanpa batas atas`)
  }
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!
    const b = sorted[i + 1]!
    const aMax = a.max ?? Infinity
    const bMin = b.min ?? -Infinity
    if (aMax > bMin) {
      errors.push(`Kategori "${a.label}" (${rangeText(a)}) dan "${b.label}" (${rangeText(b)}) tumpang tindih`)
    } else if (aMax < bMin) {
      errors.push(`Ada celah antara kategori "${a.label}" dan "${b.label}": nilai ${formatNumberTrim(aMax)} s.d. <${formatNumberTrim(bMin)} tidak masuk kategori mana pun`)
    }
  }
  return errors
}
