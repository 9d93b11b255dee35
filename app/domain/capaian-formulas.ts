// Capaian (achievement, %) of one indicator: the formulas of domain §4 and the targets they use.
import type { IndicatorInput, Polarity, Quarter } from './types'

// ---------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------

/**
 * `naik` (higher is better): realisasi / target × 100.
 * Target 0 (or not finite) → null: "tidak dapat dihitung", left out of every average.
 */
export function capaianNaik(realisasi: number, target: number): number | null {
  if (!Number.isFinite(realisasi) || !Number.isFinite(target) || target === 0) return null
  return (realisasi / target) * 100
}

/**
 * `turun` (lower is better): (2 × target − realisasi) / target × 100, floored at 0 — meeting
 * the target is 100, twice the target is 0, more than twice is still 0.
 * Target 0: 100 when realisasi is 0, else 0.
 */
export function capaianTurun(realisasi: number, target: number): number | null {
  if (!Number.isFinite(realisasi) || !Number.isFinite(target)) return null
  if (target === 0) return realisasi === 0 ? 100 : 0
  return Math.max(0, ((2 * target - realisasi) / target) * 100)
}

/** The raw capaian for a polarity; null when either number is missing or it cannot be computed. */
export function capaianOf(polarity: Polarity, realisasi: number | null | undefined, target: number | null | undefined): number | null {
  if (realisasi === null || realisasi === undefined || target === null || target === undefined) return null
  return polarity === 'turun' ? capaianTurun(realisasi, target) : capaianNaik(realisasi, target)
}

/**
 * The value that enters averages: the raw capaian limited to [0, cap]. (The lower limit only
 * matters for nonsensical negative data; `turun` is already floored at 0.)
 */
export function capCapaian(raw: number | null, cap: number): number | null {
  if (raw === null || Number.isNaN(raw)) return null
  return Math.min(Math.max(raw, 0), cap)
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

export function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** The annual target of a year (Renstra/Renja); null when not set. */
export function annualTarget(indicator: IndicatorInput, year: number): number | null {
  return finiteOrNull(indicator.annualTargets[year])
}

/**
 * The target of one quarter alone: the set quarterly target, else derived —
 * `kumulatif` → annual / 4 (the share due in that quarter); other pola ukur → the annual target.
 */
export function quarterTarget(indicator: IndicatorInput, year: number, q: Quarter): number | null {
  const set = finiteOrNull(indicator.quarterTargets[`${year}-${q}`])
  if (set !== null) return set
  const annual = annualTarget(indicator, year)
  if (annual === null) return null
  return indicator.polaUkur === 'kumulatif' ? annual / 4 : annual
}
