import { describe, expect, it } from 'vitest'
import {
  previousFromTrend,
  scorePeriod,
  scoreTrend,
  trendPeriods,
  type Aspect,
  type IndicatorInput,
  type Period,
  type PredikatBand,
  type RealisasiInput,
  type Strategy,
} from '../../../app/domain/index'
import { ind, LATE_AS_OF, row, S, yearRows } from './fixtures'

const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }

/** One rata_rata naik indicator (target 100) per cell, every quarter of `year` = the cell's score. */
function cellsScenario(cells: Array<[Aspect, Strategy, number]>, year = 2025) {
  const indicators: IndicatorInput[] = []
  const realisasi: RealisasiInput[] = []
  cells.forEach(([aspect, strategy, v], i) => {
    const id = i + 1
    indicators.push(ind({ id, aspect, strategy, annualTargets: { [year]: 100 } }))
    realisasi.push(...yearRows(id, year, [v, v, v, v]))
  })
  return { indicators, realisasi }
}

describe('flags 1 and 2 (cells)', () => {
  it('below 76, and more than 10 points below the other cells of the aspect', () => {
    const { indicators, realisasi } = cellsScenario([
      ['pengelolaan', 'inti', 90],
      ['pengelolaan', 'konsekuensi', 85],
      ['pengelolaan', 'pelanggan', 80],
      ['pengelolaan', 'pengawasan', 85],
      ['pengelolaan', 'budaya', 60],
      ['layanan', 'inti', 80],
      ['layanan', 'budaya', 70],
    ])
    const r = scorePeriod({ indicators, realisasi, settings: S, period: FULL_2025, asOf: LATE_AS_OF })
    // pengelolaan/budaya: 60 < 76 (Rendah); others' mean (90+85+80+85)/4 = 85, gap 85−60 = 25 > 10
    // pengelolaan/pelanggan: others' mean (90+85+85+60)/4 = 80, gap 0 → no flag
    // layanan/budaya: 70 < 76 (Sedang); others' mean 80, gap exactly 10 → not "more than 10"
    expect(r.flags).toEqual([
      {
        kind: 'sedang_atau_lebih_rendah',
        aspect: 'pengelolaan',
        strategy: 'budaya',
        reason: 'Skor 60,00 (Rendah) di bawah 76',
      },
      {
        kind: 'jauh_di_bawah_aspek',
        aspect: 'pengelolaan',
        strategy: 'budaya',
        reason: 'Skor 60,00 berada 25,00 poin di bawah rata-rata sel lain pada aspek Pengelolaan (85,00), lebih dari 10 poin',
      },
      {
        kind: 'sedang_atau_lebih_rendah',
        aspect: 'layanan',
        strategy: 'budaya',
        reason: 'Skor 70,00 (Sedang) di bawah 76',
      },
    ])
  })

  it('76 is not flagged, 75.99 is', () => {
    const r = scorePeriod({
      ...cellsScenario([
        ['kemitraan', 'inti', 76],
        ['kemitraan', 'budaya', 75.99],
      ]),
      settings: S,
      period: FULL_2025,
      asOf: LATE_AS_OF,
    })
    expect(r.flags.map((f) => [f.kind, f.strategy, f.reason])).toEqual([['sedang_atau_lebih_rendah', 'budaya', 'Skor 75,99 (Sedang) di bawah 76']])
  })

  it('the threshold comes from the configured bands (second-best band lower bound)', () => {
    const bands: PredikatBand[] = [
      { min: null, max: 60, label: 'Kurang', key: 'k' },
      { min: 60, max: 80, label: 'Cukup', key: 'c' },
      { min: 80, max: 90, label: 'Baik', key: 'b' },
      { min: 90, max: null, label: 'Sangat Baik', key: 'sb' },
    ]
    const r = scorePeriod({
      ...cellsScenario([['layanan', 'pelanggan', 78]]),
      settings: { ...S, bands },
      period: FULL_2025,
      asOf: LATE_AS_OF,
    })
    expect(r.flags).toEqual([{ kind: 'sedang_atau_lebih_rendah', aspect: 'layanan', strategy: 'pelanggan', reason: 'Skor 78,00 (Cukup) di bawah 80' }])
    // default bands: 78 is Tinggi, no flag
    const d = scorePeriod({ ...cellsScenario([['layanan', 'pelanggan', 78]]), settings: S, period: FULL_2025, asOf: LATE_AS_OF })
    expect(d.flags).toEqual([])
  })

  it('a cell without data is never flagged and is not part of the aspect mean', () => {
    const r = scorePeriod({
      ...cellsScenario([
        ['layanan', 'inti', 95],
        ['layanan', 'budaya', 80],
      ]),
      settings: S,
      period: FULL_2025,
      asOf: LATE_AS_OF,
    })
    // budaya: others' mean = 95 (only inti has data), gap 15 > 10
    expect(r.flags).toEqual([
      {
        kind: 'jauh_di_bawah_aspek',
        aspect: 'layanan',
        strategy: 'budaya',
        reason: 'Skor 80,00 berada 15,00 poin di bawah rata-rata sel lain pada aspek Layanan (95,00), lebih dari 10 poin',
      },
    ])
  })
})

describe('flag 3 (fell two years in a row)', () => {
  function threeYears(values: [number, number, number], settings = S) {
    const indicator = ind({ id: 1, strategy: 'budaya', annualTargets: { 2023: 100, 2024: 100, 2025: 100 } })
    const realisasi = [2023, 2024, 2025].flatMap((y, i) => yearRows(1, y, [values[i]!, values[i]!, values[i]!, values[i]!]))
    return { indicators: [indicator], realisasi, settings, asOf: LATE_AS_OF }
  }
  const fell = (r: ReturnType<typeof scorePeriod>) => r.flags.filter((f) => f.kind === 'turun_dua_periode')

  it("90 (2023) → 80 (2024) → 70 (2025) with previous: 'auto'", () => {
    const r = scorePeriod({ ...threeYears([90, 80, 70]), period: FULL_2025, previous: 'auto' })
    expect(fell(r)).toEqual([
      {
        kind: 'turun_dua_periode',
        aspect: 'pengelolaan',
        strategy: 'budaya',
        reason: 'Skor turun dua tahun berturut-turut: 90,00 (2023) → 80,00 (2024) → 70,00 (2025), turun 10,00 lalu 10,00 poin',
      },
    ])
  })

  it('the same from a supplied trend', () => {
    const input = threeYears([90, 80, 70])
    const trend = scoreTrend(input, trendPeriods(FULL_2025, 2023))
    const r = scorePeriod({ ...input, period: FULL_2025, previous: previousFromTrend(trend, FULL_2025) })
    expect(fell(r)).toHaveLength(1)
    expect(fell(r)[0]!.reason).toBe('Skor turun dua tahun berturut-turut: 90,00 (2023) → 80,00 (2024) → 70,00 (2025), turun 10,00 lalu 10,00 poin')
  })

  it.each<[[number, number, number]]>([
    [[80, 90, 70]], // rose then fell
    [[80, 80, 70]], // flat then fell
    [[70, 80, 90]], // rose
  ])('%j → no flag', (values) => {
    expect(fell(scorePeriod({ ...threeYears(values), period: FULL_2025, previous: 'auto' }))).toEqual([])
  })

  // Scores compared as shown (two decimals); a fall counts from the tolerance (default 1 point).
  it('a drop of 0.0003 (97.6745 → 97.6742 → 97.6739, all shown 97,67) is no fall', () => {
    expect(S.dropTolerance).toBe(1)
    expect(fell(scorePeriod({ ...threeYears([97.6745, 97.6742, 97.6739]), period: FULL_2025, previous: 'auto' }))).toEqual([])
    // not even with tolerance 0: the shown scores are equal
    expect(fell(scorePeriod({ ...threeYears([97.6745, 97.6742, 97.6739], { ...S, dropTolerance: 0 }), period: FULL_2025, previous: 'auto' }))).toEqual([])
  })

  it('1.5 points down two years running is flagged, the reason quoting the three scores', () => {
    const r = scorePeriod({ ...threeYears([95, 93.5, 92]), period: FULL_2025, previous: 'auto' })
    expect(fell(r)).toEqual([
      {
        kind: 'turun_dua_periode',
        aspect: 'pengelolaan',
        strategy: 'budaya',
        reason: 'Skor turun dua tahun berturut-turut: 95,00 (2023) → 93,50 (2024) → 92,00 (2025), turun 1,50 lalu 1,50 poin',
      },
    ])
  })

  it('0.99 down twice with tolerance 1 is no fall; exactly 1.00 twice is', () => {
    expect(fell(scorePeriod({ ...threeYears([92, 91.01, 90.02]), period: FULL_2025, previous: 'auto' }))).toEqual([])
    // 90,30 → 89,30 → 88,30: 1,00 each (in floating point 90.3 − 89.3 is 0.99999…; compared in hundredths)
    const exact = fell(scorePeriod({ ...threeYears([90.3, 89.3, 88.3]), period: FULL_2025, previous: 'auto' }))
    expect(exact).toHaveLength(1)
    expect(exact[0]!.reason).toBe('Skor turun dua tahun berturut-turut: 90,30 (2023) → 89,30 (2024) → 88,30 (2025), turun 1,00 lalu 1,00 poin')
    // one fall of 3 points and one of 0.5: not two falls
    expect(fell(scorePeriod({ ...threeYears([95, 92, 91.5]), period: FULL_2025, previous: 'auto' }))).toEqual([])
  })

  it('the tolerance comes from the settings', () => {
    expect(fell(scorePeriod({ ...threeYears([95, 93.5, 92], { ...S, dropTolerance: 2 }), period: FULL_2025, previous: 'auto' }))).toEqual([])
    expect(fell(scorePeriod({ ...threeYears([95, 93.5, 92], { ...S, dropTolerance: 1.5 }), period: FULL_2025, previous: 'auto' }))).toHaveLength(1)
    // 0: every fall that shows counts (0,01 twice), still not an unchanged shown score
    expect(fell(scorePeriod({ ...threeYears([97.68, 97.67, 97.66], { ...S, dropTolerance: 0 }), period: FULL_2025, previous: 'auto' }))).toHaveLength(1)
    expect(fell(scorePeriod({ ...threeYears([97.68, 97.67, 97.66]), period: FULL_2025, previous: 'auto' }))).toEqual([])
  })

  it('not evaluated without previous scores or without data two years back', () => {
    expect(fell(scorePeriod({ ...threeYears([90, 80, 70]), period: FULL_2025 }))).toEqual([])
    const input = threeYears([90, 80, 70])
    input.realisasi = input.realisasi.filter((x) => x.year !== 2023)
    expect(fell(scorePeriod({ ...input, period: FULL_2025, previous: 'auto' }))).toEqual([])
  })
})

describe('flag 4 (terlambat, bukti rilis kosong)', () => {
  const base = ind({ id: 7, code: 'IKP-02', aspect: 'layanan', strategy: 'pelanggan', annualTargets: { 2026: 100 } })
  const H1: Period = { kind: 'triwulan', year: 2026, quarter: 2 }
  const AUG = new Date('2026-08-01T00:00:00Z') // after TW II's deadline (2026-07-10)
  const where = { aspect: 'layanan', strategy: 'pelanggan', indicatorId: 7, indicatorCode: 'IKP-02' }
  const flags4 = (realisasi: RealisasiInput[], asOf = AUG, indicator = base, period = H1) =>
    scorePeriod({ indicators: [indicator], realisasi, settings: S, period, asOf }).flags.filter((f) => f.kind === 'terlambat' || f.kind === 'bukti_rilis_kosong')

  it('a quarter missing after its deadline', () => {
    expect(flags4([row(7, 2026, 1, 90)])).toEqual([{ kind: 'terlambat', ...where, reason: 'Realisasi Triwulan II 2026 belum dilaporkan, batas waktu 10 Juli 2026 sudah lewat' }])
  })

  it('two quarters missing', () => {
    expect(flags4([])).toEqual([
      {
        kind: 'terlambat',
        ...where,
        reason: 'Realisasi Triwulan I dan II 2026 belum dilaporkan, batas waktu 10 April 2026 dan 10 Juli 2026 sudah lewat',
      },
    ])
  })

  it('a late entry, and both together', () => {
    expect(flags4([row(7, 2026, 1, 90, { isLate: true }), row(7, 2026, 2, 90)])).toEqual([
      { kind: 'terlambat', ...where, reason: 'Realisasi Triwulan I 2026 dientri setelah batas waktu' },
    ])
    expect(flags4([row(7, 2026, 1, 90, { isLate: true })])[0]!.reason).toBe(
      'Realisasi Triwulan II 2026 belum dilaporkan, batas waktu 10 Juli 2026 sudah lewat; Realisasi Triwulan I 2026 dientri setelah batas waktu',
    )
  })

  it('nothing before the deadline', () => {
    // 2026-07-05: TW II is not due yet (2026-07-10)
    expect(flags4([row(7, 2026, 1, 90)], new Date('2026-07-05T00:00:00Z'))).toEqual([])
  })

  it('a rilis value without proof; a rilis not yet released is neither late nor flagged', () => {
    const rilis = ind({ id: 7, code: 'IKP-02', aspect: 'layanan', strategy: 'pelanggan', polaUkur: 'rilis', annualTargets: { 2025: 3 } })
    expect(flags4([row(7, 2025, 4, 3.2, { hasProof: false })], LATE_AS_OF, rilis, FULL_2025)).toEqual([
      { kind: 'bukti_rilis_kosong', ...where, reason: 'Nilai rilis 2025 (Triwulan IV) belum dilengkapi bukti publikasi' },
    ])
    expect(flags4([row(7, 2025, 4, 3.2, { hasProof: true })], LATE_AS_OF, rilis, FULL_2025)).toEqual([])
    expect(flags4([], LATE_AS_OF, rilis, FULL_2025)).toEqual([])
  })
})
