import { describe, expect, it } from 'vitest'
import { ASPECTS, scorePeriod, scoreTrend, STRATEGIES, trendPeriods, weightOf, type IndicatorInput, type Period, type RealisasiInput } from '../../../app/domain/index'
import { ind, LATE_AS_OF, S, yearRows } from './fixtures'

const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }

/** A rata_rata naik indicator with target 100 whose 2025 capaian is `c` (all four quarters = c). */
function scored(id: number, c: number, over: Partial<IndicatorInput> = {}): [IndicatorInput, RealisasiInput[]] {
  return [ind({ id, annualTargets: { 2025: 100 }, ...over }), yearRows(id, 2025, [c, c, c, c])]
}

function run(pairs: Array<[IndicatorInput, RealisasiInput[]]>, settings = S) {
  return scorePeriod({
    indicators: pairs.map((p) => p[0]),
    realisasi: pairs.flatMap((p) => p[1]),
    settings,
    period: FULL_2025,
    asOf: LATE_AS_OF,
  })
}

describe('scorePeriod — weighted means of capped capaian', () => {
  it('weights: (100×3 + 60×1) / 4 = 90 (unweighted would be 80)', () => {
    const r = run([scored(1, 100, { weight: 3 }), scored(2, 60)])
    expect(r.cells.pengelolaan.inti.value).toBe(90)
    expect(r.cells.pengelolaan.inti.predikat?.key).toBe('tinggi')
    expect(r.cells.pengelolaan.inti.indicatorCount).toBe(2)
    expect(r.cells.pengelolaan.inti.scoredCount).toBe(2)
  })

  it('a weight of 0 takes the indicator out of the mean', () => {
    // (80×1 + 40×0) / 1 = 80
    const r = run([scored(1, 80), scored(2, 40, { weight: 0 })])
    expect(r.cells.pengelolaan.inti.value).toBe(80)
    expect(weightOf(ind({ id: 9, weight: Number.NaN }))).toBe(1)
  })

  it('the cap changes an average: (min(150,120) + 60) / 2 = 90, not (150+60)/2 = 105', () => {
    const r = run([scored(1, 150), scored(2, 60)])
    expect(r.cells.pengelolaan.inti.value).toBe(90)
    // with cap 200: (150 + 60) / 2 = 105
    expect(run([scored(1, 150), scored(2, 60)], { ...S, cap: 200 }).cells.pengelolaan.inti.value).toBe(105)
  })

  it('roll-ups are weighted means of indicators, not means of means', () => {
    // pengelolaan/inti: 100, 80; pengelolaan/budaya: 60; layanan/inti: 90 (weight 2)
    const r = run([
      scored(1, 100, { unitId: 1, unitName: 'Bidang IKP' }),
      scored(2, 80, { unitId: 2, unitName: 'Bidang Aplikasi' }),
      scored(3, 60, { strategy: 'budaya', unitId: 1, unitName: 'Bidang IKP' }),
      scored(4, 90, { aspect: 'layanan', weight: 2, unitId: 2, unitName: 'Bidang Aplikasi' }),
    ])
    expect(r.cells.pengelolaan.inti.value).toBe(90) // (100+80)/2
    expect(r.cells.pengelolaan.budaya.value).toBe(60)
    expect(r.cells.layanan.inti.value).toBe(90)
    // aspect pengelolaan: (100+80+60)/3 = 80 (mean of cell means would be (90+60)/2 = 75)
    expect(r.byAspect.pengelolaan.value).toBe(80)
    // strategy inti: (100+80+90×2)/4 = 360/4 = 90
    expect(r.byStrategy.inti.value).toBe(90)
    // overall: (100+80+60+180)/5 = 420/5 = 84
    expect(r.overall.value).toBe(84)
    expect(r.overall.indicatorCount).toBe(4)
    // units sorted by name: Aplikasi (80 + 90×2)/3 = 260/3; IKP (100+60)/2 = 80
    expect(r.byUnit.map((u) => u.unitName)).toEqual(['Bidang Aplikasi', 'Bidang IKP'])
    expect(r.byUnit[0]!.value).toBeCloseTo(260 / 3, 10)
    expect(r.byUnit[1]!.value).toBe(80)
    // bands of the indicators: 100 ST, 80 T, 60 R, 90 T
    expect(r.predikatCounts).toEqual({ sangat_rendah: 0, rendah: 1, sedang: 0, tinggi: 2, sangat_tinggi: 1 })
  })

  it('a cell with no indicator or no data is null ("belum ada data"), never 0', () => {
    const noTarget = ind({ id: 2, strategy: 'budaya', annualTargets: { 2025: 0 } }) // naik, target 0
    const r = scorePeriod({
      indicators: [ind({ id: 1, annualTargets: { 2025: 100 } }), noTarget],
      realisasi: yearRows(2, 2025, [5, 5, 5, 5]),
      settings: S,
      period: FULL_2025,
      asOf: LATE_AS_OF,
    })
    expect(r.cells.kemitraan.pelanggan).toEqual({
      value: null,
      predikat: null,
      indicatorCount: 0,
      scoredCount: 0,
      missing: [],
    })
    // indicator 1 has no rows (terlambat), indicator 2 cannot be computed
    expect(r.cells.pengelolaan.inti.value).toBeNull()
    expect(r.cells.pengelolaan.inti.missing).toEqual(['IND-1'])
    expect(r.cells.pengelolaan.budaya.value).toBeNull()
    expect(r.cells.pengelolaan.budaya.missing).toEqual(['IND-2'])
    expect(r.overall.value).toBeNull()
    expect(r.overall.missing).toEqual(['IND-1', 'IND-2'])
    for (const a of ASPECTS) for (const s of STRATEGIES) expect(r.cells[a][s].value).not.toBe(0)
  })

  it('an indicator without capaian is left out, not counted as 0', () => {
    // 80 and a menunggu-rilis indicator → 80 (not 40)
    const rilis = ind({ id: 2, polaUkur: 'rilis', annualTargets: { 2025: 3 } })
    const r = scorePeriod({
      indicators: [ind({ id: 1, annualTargets: { 2025: 100 } }), rilis],
      realisasi: yearRows(1, 2025, [80, 80, 80, 80]),
      settings: S,
      period: FULL_2025,
      asOf: LATE_AS_OF,
    })
    expect(r.cells.pengelolaan.inti.value).toBe(80)
    expect(r.cells.pengelolaan.inti.scoredCount).toBe(1)
    expect(r.cells.pengelolaan.inti.missing).toEqual(['IND-2'])
    expect(r.indicators[1]!.status).toBe('menunggu_rilis')
  })

  it('Renstra period: cells average the Renstra capaian', () => {
    // kumulatif, end target 400: 2021 100 + 2022 100 = 200 → 50; posisi end target 80: latest 72 → 90
    const a = ind({ id: 1, polaUkur: 'kumulatif', targetAkhir: 400 })
    const b = ind({ id: 2, polaUkur: 'posisi', targetAkhir: 80 })
    const r = scorePeriod({
      indicators: [a, b],
      realisasi: [...yearRows(1, 2021, [25, 25, 25, 25]), ...yearRows(1, 2022, [25, 25, 25, 25]), ...yearRows(2, 2021, [50, 60, 60, 60]), ...yearRows(2, 2022, [65, 70, 71, 72])],
      settings: S,
      period: { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2022, quarter: 4 },
      asOf: LATE_AS_OF,
    })
    // (50 + 90) / 2 = 70
    expect(r.cells.pengelolaan.inti.value).toBe(70)
    expect(r.label).toBe('Renstra 2021–2026 s.d. 2022 TW IV')
  })
})

describe('scoreTrend / trendPeriods', () => {
  it('same position per year', () => {
    expect(trendPeriods({ kind: 'triwulan', year: 2026, quarter: 3 }, 2024)).toEqual([
      { kind: 'triwulan', year: 2024, quarter: 3 },
      { kind: 'triwulan', year: 2025, quarter: 3 },
      { kind: 'triwulan', year: 2026, quarter: 3 },
    ])
  })

  it('scores each period from one index', () => {
    const indicator = ind({ id: 1, strategy: 'budaya', annualTargets: { 2024: 100, 2025: 100 } })
    const trend = scoreTrend(
      {
        indicators: [indicator],
        realisasi: [...yearRows(1, 2024, [70, 70, 70, 70]), ...yearRows(1, 2025, [50, 60, 70, 80])],
        settings: S,
        asOf: LATE_AS_OF,
      },
      trendPeriods(FULL_2025, 2024),
    )
    expect(trend.map((t) => t.label)).toEqual(['Tahun 2024', 'Tahun 2025'])
    expect(trend[0]!.byStrategy.budaya.value).toBe(70)
    expect(trend[1]!.byStrategy.budaya.value).toBe(65) // mean(50,60,70,80) = 65
    expect(trend[1]!.cells.pengelolaan.budaya.predikat?.key).toBe('rendah')
  })
})

describe('performance', () => {
  it('1,000 indicators × 6 years × 4 quarters are all scored (the speed goal is measured by npm run bench, not here)', () => {
    const polas = ['kumulatif', 'rata_rata', 'posisi', 'rilis'] as const
    const indicators: IndicatorInput[] = []
    const realisasi: RealisasiInput[] = []
    for (let i = 1; i <= 1000; i++) {
      const targets: Record<number, number> = {}
      for (let y = 2021; y <= 2026; y++) targets[y] = 100 + (i % 7)
      indicators.push(
        ind({
          id: i,
          code: `X-${i}`,
          polaUkur: polas[i % 4]!,
          polarity: i % 5 === 0 ? 'turun' : 'naik',
          aspect: ASPECTS[i % 3]!,
          strategy: STRATEGIES[i % 5]!,
          unitId: i % 6,
          unitName: `Unit ${i % 6}`,
          weight: 1 + (i % 3),
          targetAkhir: 600,
          annualTargets: targets,
        }),
      )
      for (let y = 2021; y <= 2026; y++) realisasi.push(...yearRows(i, y, [60 + (i % 50), 70, 80 + (y % 3), 90]))
    }
    expect(realisasi).toHaveLength(24_000)
    const periods: Period[] = [
      { kind: 'triwulan', year: 2026, quarter: 3 },
      { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2026, quarter: 3 },
    ]
    for (const period of periods) {
      const input = { indicators, realisasi, settings: S, period, asOf: new Date('2026-11-01T00:00:00Z') }
      const r = scorePeriod(input)
      expect(r.indicators).toHaveLength(1000)
      expect(r.indicators.filter((x) => x.capaianRaw == null)).toHaveLength(0)
    }
  })
})
