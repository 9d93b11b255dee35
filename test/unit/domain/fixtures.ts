// Test builders for the domain engine (not a test file itself).
import type { IndicatorInput, Quarter, RealisasiInput, ScoringSettings } from '../../../app/domain/index'
import { DEFAULT_SETTINGS } from '../../../app/domain/index'

export function ind(over: Partial<IndicatorInput> & { id: number }): IndicatorInput {
  return {
    code: `IND-${over.id}`,
    name: `Indikator ${over.id}`,
    unit: 'persen',
    polarity: 'naik',
    polaUkur: 'rata_rata',
    aspect: 'pengelolaan',
    strategy: 'inti',
    weight: 1,
    unitId: 1,
    unitName: 'Bidang IKP',
    baseline: null,
    targetAkhir: null,
    annualTargets: {},
    quarterTargets: {},
    ...over,
  }
}

export function row(indicatorId: number, year: number, quarter: Quarter, value: number | null, over: Partial<RealisasiInput> = {}): RealisasiInput {
  return {
    indicatorId,
    year,
    quarter,
    value,
    tidakDiukur: false,
    status: 'diverifikasi',
    isLate: false,
    hasProof: true,
    kendala: null,
    tindakLanjut: null,
    ...over,
  }
}

/** Rows for TW I..IV of a year from a list of values (null → no row at all). */
export function yearRows(indicatorId: number, year: number, values: Array<number | null>): RealisasiInput[] {
  const out: RealisasiInput[] = []
  values.forEach((v, i) => {
    if (v !== null) out.push(row(indicatorId, year, (i + 1) as Quarter, v))
  })
  return out
}

export const S: ScoringSettings = DEFAULT_SETTINGS

/** Long after every deadline of 2021–2026. */
export const LATE_AS_OF = new Date('2027-06-01T00:00:00Z')
