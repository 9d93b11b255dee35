// One indicator's realisations indexed by (year, quarter), and their aggregation over a period per
// pola ukur (domain §4 "Period capaian") and over the Renstra (its mode).
import { annualTarget, finiteOrNull, quarterTarget } from './capaian-formulas'
import { defaultRenstraMode, type IndicatorInput, type Quarter, type RealisasiInput, type RenstraMode } from './types'

// ---------------------------------------------------------------------------
// Realisation index
// ---------------------------------------------------------------------------

/** One indicator's rows by (year, quarter). Later rows for the same quarter replace earlier ones. */
export type RowIndex = Map<number, RealisasiInput>

const rowKey = (year: number, q: number) => year * 4 + (q - 1)

export function indexRows(rows: Iterable<RealisasiInput>): RowIndex {
  const idx: RowIndex = new Map()
  for (const r of rows) idx.set(rowKey(r.year, r.quarter), r)
  return idx
}

/** All rows indexed once: indicatorId → RowIndex. O(rows). */
export function indexRealisasi(rows: Iterable<RealisasiInput>): Map<number, RowIndex> {
  const out = new Map<number, RowIndex>()
  for (const r of rows) {
    let idx = out.get(r.indicatorId)
    if (!idx) {
      idx = new Map()
      out.set(r.indicatorId, idx)
    }
    idx.set(rowKey(r.year, r.quarter), r)
  }
  return out
}

export function rowAt(idx: RowIndex, year: number, q: number): RealisasiInput | undefined {
  return idx.get(rowKey(year, q))
}

/** The value a row contributes, or null: tidak diukur and empty rows count for nothing. */
export function countingValue(row: RealisasiInput | undefined | null): number | null {
  if (!row || row.tidakDiukur) return null
  return finiteOrNull(row.value)
}

// ---------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------

export interface Aggregate {
  realisasi: number | null
  target: number | null
  counted: Quarter[]
}

/**
 * Year to date over the given quarters of one year (domain §4 "Period capaian"):
 * kumulatif → sum of counting values vs sum of those quarters' targets; rata_rata → mean vs the
 * annual target; posisi → latest counting quarter's value vs that quarter's target; rilis →
 * latest released value vs the annual target.
 */
export function aggregateYear(ind: IndicatorInput, idx: RowIndex, year: number, quarters: readonly Quarter[]): Aggregate {
  const counted: Quarter[] = []
  let sum = 0
  let latestValue: number | null = null
  for (const q of quarters) {
    const v = countingValue(rowAt(idx, year, q))
    if (v === null) continue
    counted.push(q)
    sum += v
    latestValue = v
  }
  if (counted.length === 0) {
    // Nothing counts: no realisation. The annual target is still known for rata_rata / rilis.
    const target = ind.polaUkur === 'rata_rata' || ind.polaUkur === 'rilis' ? annualTarget(ind, year) : null
    return { realisasi: null, target, counted }
  }
  const latest = counted[counted.length - 1]!
  switch (ind.polaUkur) {
    case 'kumulatif': {
      let target: number | null = 0
      for (const q of counted) {
        const t = quarterTarget(ind, year, q)
        if (t === null) {
          target = null
          break
        }
        target += t
      }
      return { realisasi: sum, target, counted }
    }
    case 'rata_rata':
      return { realisasi: sum / counted.length, target: annualTarget(ind, year), counted }
    case 'posisi':
      return { realisasi: latestValue, target: quarterTarget(ind, year, latest), counted }
    case 'rilis':
      return { realisasi: latestValue, target: annualTarget(ind, year), counted }
  }
}

/** The indicator's Renstra mode: the one set, else the default of its pola ukur. */
export function renstraModeOf(ind: Pick<IndicatorInput, 'renstraMode' | 'polaUkur'>): RenstraMode {
  return ind.renstraMode ?? defaultRenstraMode(ind.polaUkur)
}

/**
 * Renstra to date from `startYear`, by the indicator's Renstra mode (domain §4):
 * `akumulasi` → the sum of all counting values of all years so far; `tahun_akhir` → the latest
 * year's period value (kumulatif: the sum of that year's counting quarters; otherwise its latest
 * counting value). One pass gives both E.81 col 13 (up to `year` TW `lastQuarter`) and col 6 (up
 * to the end of `year − 1`). Null when nothing counts.
 */
export function aggregateRenstra(
  ind: IndicatorInput,
  idx: RowIndex,
  startYear: number,
  year: number,
  lastQuarter: Quarter,
): { sdTahunIni: number | null; sdTahunLalu: number | null } {
  const akumulasi = renstraModeOf(ind) === 'akumulasi'
  const kumulatif = ind.polaUkur === 'kumulatif'
  let total = 0
  let any = false
  /** tahun_akhir: the period value of the latest year with a counting quarter. */
  let latestYear: number | null = null
  let sdTahunLalu: number | null = null
  for (let y = startYear; y <= year; y++) {
    if (y === year) sdTahunLalu = any ? (akumulasi ? total : latestYear) : null
    const last = y === year ? lastQuarter : 4
    let yearSum = 0
    let yearLatest: number | null = null
    for (let q = 1; q <= last; q++) {
      const v = countingValue(rowAt(idx, y, q))
      if (v === null) continue
      any = true
      total += v
      yearSum += v
      yearLatest = v
    }
    if (yearLatest !== null) latestYear = kumulatif ? yearSum : yearLatest
  }
  return { sdTahunIni: any ? (akumulasi ? total : latestYear) : null, sdTahunLalu }
}
