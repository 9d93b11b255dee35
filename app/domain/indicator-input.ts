// The one mapping from an indicator row (and from a realisation row) (as the models read it, snake_case) to the engine's
// IndicatorInput. Used by the dashboard's scoring loader (every year's targets) and by the entry,
// verification and import paths (one year's targets). Pure: no I/O.
import type { Aspect, IndicatorInput, PolaUkur, Polarity, Quarter, RealisasiInput, RealisasiStatus, RenstraMode, Strategy } from './types'

/** The indicator columns the engine needs (numbers may arrive as text from a DECIMAL column). */
export interface IndicatorSourceRow {
  id: number
  code: string
  name: string
  satuan: string
  polarity: Polarity
  pola_ukur: PolaUkur
  /** Absent when the query did not read it (the engine then uses the pola ukur's default). */
  renstra_mode?: RenstraMode | null
  aspect: Aspect
  strategy: Strategy
  weight: number | string
  unit_id: number
  unit_name: string
  unit_short: string | null
  baseline: number | string | null
  target_akhir: number | string | null
}

const numberOrNull = (v: number | string | null): number | null => (v == null ? null : Number(v))

/** The engine's view of an indicator with the given annual (by year) and quarterly (`year-quarter`) targets. */
export function indicatorInputOf(r: IndicatorSourceRow, annualTargets: Record<number, number>, quarterTargets: Record<string, number>): IndicatorInput {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    unit: r.satuan,
    polarity: r.polarity,
    polaUkur: r.pola_ukur,
    ...(r.renstra_mode !== undefined ? { renstraMode: r.renstra_mode } : {}),
    aspect: r.aspect,
    strategy: r.strategy,
    weight: Number(r.weight),
    unitId: r.unit_id,
    unitName: r.unit_short ?? r.unit_name,
    baseline: numberOrNull(r.baseline),
    targetAkhir: numberOrNull(r.target_akhir),
    annualTargets,
    quarterTargets,
  }
}

/** The same, with the targets of one year only (the maps `targetsOf` in models/realisasi reads). */
export function indicatorInputOfYear(r: IndicatorSourceRow, year: number, annual: Map<number, number>, quarterly: Map<number, Record<string, number>>): IndicatorInput {
  const t = annual.get(r.id)
  return indicatorInputOf(r, t === undefined ? {} : { [year]: t }, quarterly.get(r.id) ?? {})
}

/** The realisation columns the engine needs (flags arrive as 0/1; has_proof may arrive as text). */
export interface RealisasiSourceRow {
  indicator_id: number
  year: number
  quarter: number
  value: number | string | null
  tidak_diukur: number
  status: string
  is_late: number
  is_historical: number | null
  has_proof: number | string
}

/** The engine's view of a realisation row (the scoring load; no kendala or tindak lanjut). */
export function realisasiInputOf(r: RealisasiSourceRow): RealisasiInput {
  return {
    indicatorId: r.indicator_id,
    year: r.year,
    quarter: r.quarter as Quarter,
    value: numberOrNull(r.value),
    tidakDiukur: r.tidak_diukur === 1,
    status: r.status as RealisasiStatus,
    // data historis (domain §8) is never late, whatever an older row says
    isLate: r.is_late === 1 && r.is_historical !== 1,
    hasProof: Number(r.has_proof) === 1,
    kendala: null,
    tindakLanjut: null,
  }
}
