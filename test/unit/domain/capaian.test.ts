import { describe, expect, it } from 'vitest'
import {
  capaianNaik,
  capaianSatuTriwulan,
  capaianTurun,
  indicatorResult,
  quarterTarget,
  defaultRenstraMode,
  renstraModeOf,
  statusText,
  type IndicatorInput,
  type Period,
  type RealisasiInput,
} from '../../../app/domain/index'
import { ind, LATE_AS_OF, row, S, yearRows } from './fixtures'

const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }

describe('capaianNaik / capaianTurun (domain §4)', () => {
  it.each([
    [80, 100, 80], // 80/100×100
    [50, 40, 125], // 50/40×100
    [0, 100, 0],
    [3.15, 3.5, 90], // 3.15/3.5×100
  ])('naik(%s, %s) = %s', (r, t, c) => {
    expect(capaianNaik(r, t)).toBeCloseTo(c, 10)
  })

  it('naik with target 0 → null (tidak dapat dihitung)', () => {
    expect(capaianNaik(5, 0)).toBeNull()
    expect(capaianNaik(0, 0)).toBeNull()
  })

  it.each([
    [3, 3, 100], // (6−3)/3×100
    [1.5, 3, 150], // (6−1.5)/3×100
    [4, 5, 120], // (10−4)/5×100
    [6, 3, 0], // twice the target: (6−6)/3×100 = 0
    [9, 3, 0], // beyond: (6−9)/3×100 = −100 → floored 0
    [5.5, 5, 90], // (10−5.5)/5×100
    [0, 0, 100], // target 0, realisasi 0 → 100
    [2, 0, 0], // target 0, realisasi > 0 → 0
  ])('turun(%s, %s) = %s', (r, t, c) => {
    expect(capaianTurun(r, t)).toBeCloseTo(c, 10)
  })
})

describe('quarterTarget', () => {
  const k = ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2025: 100 }, quarterTargets: { '2025-2': 40 } })
  const r = ind({ id: 2, polaUkur: 'rata_rata', annualTargets: { 2025: 95 } })
  it('set quarterly target wins; else kumulatif annual/4, other annual', () => {
    expect(quarterTarget(k, 2025, 2)).toBe(40)
    expect(quarterTarget(k, 2025, 1)).toBe(25) // 100/4
    expect(quarterTarget(r, 2025, 3)).toBe(95)
    expect(quarterTarget(r, 2024, 3)).toBeNull() // no annual target
  })
})

interface Case {
  name: string
  indicator: IndicatorInput
  rows: RealisasiInput[]
  period: Period
  realisasi: number | null
  target: number | null
  capaian: number | null
  status: string
  /** Lateness, apart from the status (default false). */
  late?: boolean
}

// Every pola ukur × polarity; asOf long after every deadline.
const cases: Case[] = [
  {
    name: 'kumulatif naik, full year: 20+30+25+35=110 vs 4×25=100 → 110',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2025: 100 } }),
    rows: yearRows(1, 2025, [20, 30, 25, 35]),
    period: FULL_2025,
    realisasi: 110,
    target: 100,
    capaian: 110,
    status: 'ok',
  },
  {
    name: 'kumulatif naik s.d. TW II: 20+30=50 vs 25+25=50 → 100',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2025: 100 } }),
    rows: yearRows(1, 2025, [20, 30, 25, 35]),
    period: { kind: 'triwulan', year: 2025, quarter: 2 },
    realisasi: 50,
    target: 50,
    capaian: 100,
    status: 'ok',
  },
  {
    name: 'kumulatif naik with set quarterly targets: (10+30)/(10+40)=40/50 → 80',
    indicator: ind({
      id: 1,
      polaUkur: 'kumulatif',
      annualTargets: { 2025: 100 },
      quarterTargets: { '2025-1': 10, '2025-2': 40 },
    }),
    rows: yearRows(1, 2025, [10, 30]),
    period: { kind: 'triwulan', year: 2025, quarter: 2 },
    realisasi: 40,
    target: 50,
    capaian: 80,
    status: 'ok',
  },
  {
    name: 'kumulatif turun: 2+4+6+8=20 vs 16 → (32−20)/16×100 = 75',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', polarity: 'turun', annualTargets: { 2025: 16 } }),
    rows: yearRows(1, 2025, [2, 4, 6, 8]),
    period: FULL_2025,
    realisasi: 20,
    target: 16,
    capaian: 75,
    status: 'ok',
  },
  {
    name: 'rata_rata naik: mean(90,92,94,96)=93 vs 95 → 93/95×100 = 97.894736…',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: { 2025: 95 } }),
    rows: yearRows(1, 2025, [90, 92, 94, 96]),
    period: FULL_2025,
    realisasi: 93,
    target: 95,
    capaian: 9300 / 95,
    status: 'ok',
  },
  {
    name: 'rata_rata turun: mean(4,6,5,7)=5.5 vs 5 → (10−5.5)/5×100 = 90',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', polarity: 'turun', annualTargets: { 2025: 5 } }),
    rows: yearRows(1, 2025, [4, 6, 5, 7]),
    period: FULL_2025,
    realisasi: 5.5,
    target: 5,
    capaian: 90,
    status: 'ok',
  },
  {
    name: 'posisi naik: latest 72 vs 80 → 90',
    indicator: ind({ id: 1, polaUkur: 'posisi', annualTargets: { 2025: 80 } }),
    rows: yearRows(1, 2025, [50, 60, 70, 72]),
    period: FULL_2025,
    realisasi: 72,
    target: 80,
    capaian: 90,
    status: 'ok',
  },
  {
    name: 'posisi naik s.d. TW II against the set TW II target: 60/60 → 100',
    indicator: ind({ id: 1, polaUkur: 'posisi', annualTargets: { 2025: 80 }, quarterTargets: { '2025-2': 60 } }),
    rows: yearRows(1, 2025, [50, 60, 70, 72]),
    period: { kind: 'triwulan', year: 2025, quarter: 2 },
    realisasi: 60,
    target: 60,
    capaian: 100,
    status: 'ok',
  },
  {
    name: 'posisi turun, TW IV missing: latest counting TW III 11 vs 10 → (20−11)/10×100 = 90, terlambat',
    indicator: ind({ id: 1, polaUkur: 'posisi', polarity: 'turun', annualTargets: { 2025: 10 } }),
    rows: yearRows(1, 2025, [14, 12, 11, null]),
    period: FULL_2025,
    realisasi: 11,
    target: 10,
    capaian: 90,
    status: 'ok',
    late: true,
  },
  {
    name: 'rilis naik: 3.15 released in TW IV vs 3.5 → 90',
    indicator: ind({ id: 1, polaUkur: 'rilis', annualTargets: { 2025: 3.5 } }),
    rows: [row(1, 2025, 4, 3.15)],
    period: FULL_2025,
    realisasi: 3.15,
    target: 3.5,
    capaian: 90,
    status: 'ok',
  },
  {
    name: 'rilis turun: 2.5 vs 2 → (4−2.5)/2×100 = 75',
    indicator: ind({ id: 1, polaUkur: 'rilis', polarity: 'turun', annualTargets: { 2025: 2 } }),
    rows: [row(1, 2025, 3, 2.5)],
    period: FULL_2025,
    realisasi: 2.5,
    target: 2,
    capaian: 75,
    status: 'ok',
  },
  {
    name: 'rilis: the latest release counts (TW II 3.0 then TW IV 3.5 vs 3.5 → 100)',
    indicator: ind({ id: 1, polaUkur: 'rilis', annualTargets: { 2025: 3.5 } }),
    rows: [row(1, 2025, 2, 3.0), row(1, 2025, 4, 3.5)],
    period: FULL_2025,
    realisasi: 3.5,
    target: 3.5,
    capaian: 100,
    status: 'ok',
  },
  {
    name: 'rilis not released yet → menunggu rilis, never late, never 0',
    indicator: ind({ id: 1, polaUkur: 'rilis', annualTargets: { 2025: 3.5 } }),
    rows: [],
    period: FULL_2025,
    realisasi: null,
    target: 3.5,
    capaian: null,
    status: 'menunggu_rilis',
  },
  {
    name: 'rata_rata naik, TW II missing: mean(80,90)=85 vs 100 → 85, terlambat',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: { 2025: 100 } }),
    rows: yearRows(1, 2025, [80, null, 90]),
    period: { kind: 'triwulan', year: 2025, quarter: 3 },
    realisasi: 85,
    target: 100,
    capaian: 85,
    status: 'ok',
    late: true,
  },
  {
    name: 'kumulatif, TW II missing is left out of the target too: 20/25 → 80 (not 20/50)',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2025: 100 } }),
    rows: yearRows(1, 2025, [20]),
    period: { kind: 'triwulan', year: 2025, quarter: 2 },
    realisasi: 20,
    target: 25,
    capaian: 80,
    status: 'ok',
    late: true,
  },
  {
    name: 'kumulatif, TW II tidak diukur: (20+30)/(25+25) → 100, not late',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2025: 100 } }),
    rows: [row(1, 2025, 1, 20), row(1, 2025, 2, null, { tidakDiukur: true }), row(1, 2025, 3, 30)],
    period: { kind: 'triwulan', year: 2025, quarter: 3 },
    realisasi: 50,
    target: 50,
    capaian: 100,
    status: 'ok',
  },
  {
    name: 'a tidak diukur row is ignored even if it carries a value: mean(80) vs 100 → 80',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: { 2025: 100 } }),
    rows: [row(1, 2025, 1, 80), row(1, 2025, 2, 0, { tidakDiukur: true })],
    period: { kind: 'triwulan', year: 2025, quarter: 2 },
    realisasi: 80,
    target: 100,
    capaian: 80,
    status: 'ok',
  },
  {
    name: 'every quarter tidak diukur → tidak diukur, no capaian',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: { 2025: 100 } }),
    rows: [row(1, 2025, 1, null, { tidakDiukur: true }), row(1, 2025, 2, null, { tidakDiukur: true })],
    period: { kind: 'triwulan', year: 2025, quarter: 2 },
    realisasi: null,
    target: 100,
    capaian: null,
    status: 'tidak_diukur',
  },
  {
    name: 'naik with target 0 → tidak dapat dihitung',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: { 2025: 0 } }),
    rows: yearRows(1, 2025, [5, 5, 5, 5]),
    period: FULL_2025,
    realisasi: 5,
    target: 0,
    capaian: null,
    status: 'tidak_dapat_dihitung',
  },
  {
    name: 'turun with target 0 and realisasi 0 → 100',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', polarity: 'turun', annualTargets: { 2025: 0 } }),
    rows: yearRows(1, 2025, [0, 0, 0, 0]),
    period: FULL_2025,
    realisasi: 0,
    target: 0,
    capaian: 100,
    status: 'ok',
  },
  {
    name: 'turun with target 0 and realisasi 1 → 0',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', polarity: 'turun', annualTargets: { 2025: 0 } }),
    rows: yearRows(1, 2025, [0, 1, 0, 0]),
    period: FULL_2025,
    realisasi: 1,
    target: 0,
    capaian: 0,
    status: 'ok',
  },
  {
    name: 'turun at twice its target → 0: mean 10 vs 5 → (10−10)/5 = 0',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', polarity: 'turun', annualTargets: { 2025: 5 } }),
    rows: yearRows(1, 2025, [10, 10, 10, 10]),
    period: FULL_2025,
    realisasi: 10,
    target: 5,
    capaian: 0,
    status: 'ok',
  },
  {
    name: 'turun beyond twice its target → still 0: mean 14 vs 5 → (10−14)/5 = −80 → 0',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', polarity: 'turun', annualTargets: { 2025: 5 } }),
    rows: yearRows(1, 2025, [14, 14, 14, 14]),
    period: FULL_2025,
    realisasi: 14,
    target: 5,
    capaian: 0,
    status: 'ok',
  },
  {
    name: 'no annual target → tidak dapat dihitung',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: {} }),
    rows: yearRows(1, 2025, [5, 5, 5, 5]),
    period: FULL_2025,
    realisasi: 5,
    target: null,
    capaian: null,
    status: 'tidak_dapat_dihitung',
  },
  {
    name: 'one quarter alone, kumulatif: TW II 30 vs 100/4=25 → 120',
    indicator: ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2025: 100 } }),
    rows: yearRows(1, 2025, [20, 30]),
    period: { kind: 'satu_triwulan', year: 2025, quarter: 2 },
    realisasi: 30,
    target: 25,
    capaian: 120,
    status: 'ok',
  },
  {
    name: 'one quarter alone, rata_rata with set quarter target: 81/90 → 90',
    indicator: ind({ id: 1, polaUkur: 'rata_rata', annualTargets: { 2025: 95 }, quarterTargets: { '2025-3': 90 } }),
    rows: yearRows(1, 2025, [70, 75, 81]),
    period: { kind: 'satu_triwulan', year: 2025, quarter: 3 },
    realisasi: 81,
    target: 90,
    capaian: 90,
    status: 'ok',
  },
]

describe('indicatorResult — pola ukur × polarity', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = indicatorResult(c.indicator, c.rows, c.period, S, LATE_AS_OF)
    if (c.realisasi === null) expect(r.realisasi).toBeNull()
    else expect(r.realisasi).toBeCloseTo(c.realisasi, 10)
    expect(r.target).toBe(c.target)
    if (c.capaian === null) expect(r.capaianRaw).toBeNull()
    else expect(r.capaianRaw).toBeCloseTo(c.capaian, 10)
    expect(r.status).toBe(c.status)
    expect(r.late).toBe(c.late ?? false)
  })
})

describe('indicatorResult — cap, quarters, status labels', () => {
  it('the raw capaian is kept, the capped one is min(raw, 120)', () => {
    // mean 150 vs 100 → 150 raw; capped 120 → Sangat Tinggi
    const r = indicatorResult(ind({ id: 1, annualTargets: { 2025: 100 } }), yearRows(1, 2025, [150, 150, 150, 150]), FULL_2025, S, LATE_AS_OF)
    expect(r.capaianRaw).toBe(150)
    expect(r.capaianCapped).toBe(120)
    expect(r.predikat?.key).toBe('sangat_tinggi')
    // with cap 200 the capped value is the raw one
    expect(indicatorResult(ind({ id: 1, annualTargets: { 2025: 100 } }), yearRows(1, 2025, [150]), FULL_2025, { ...S, cap: 200 }, LATE_AS_OF).capaianCapped).toBe(150)
  })

  it('lists counted, missing, late and tidak-diukur quarters', () => {
    const rows = [
      row(1, 2025, 1, 80, { isLate: true }),
      row(1, 2025, 2, null, { tidakDiukur: true }),
      row(1, 2025, 3, null), // a row without a value is not a report
    ]
    const r = indicatorResult(ind({ id: 1, annualTargets: { 2025: 100 } }), rows, FULL_2025, S, LATE_AS_OF)
    expect(r.countedQuarters).toEqual([1])
    expect(r.notMeasuredQuarters).toEqual([2])
    expect(r.missingQuarters).toEqual([3, 4])
    expect(r.lateQuarters).toEqual([1])
    // lateness is kept apart from the computed status, both shown
    expect(r.status).toBe('ok')
    expect(r.late).toBe(true)
    expect(r.statusLabel).toBe('OK · terlambat')
    // mean(80) vs 100 → still shown
    expect(r.capaianRaw).toBe(80)
  })

  it('a late entry alone makes the indicator late, with its status and capaian', () => {
    const rows = [row(1, 2025, 1, 90), row(1, 2025, 2, 100, { isLate: true })]
    const r = indicatorResult(ind({ id: 1, annualTargets: { 2025: 100 } }), rows, { kind: 'triwulan', year: 2025, quarter: 2 }, S, LATE_AS_OF)
    expect(r.status).toBe('ok')
    expect(r.late).toBe(true)
    expect(r.capaianRaw).toBe(95) // mean(90,100)=95 vs 100
  })

  it('target 0 (naik) and late: "Tidak dapat dihitung · terlambat", no capaian, no predikat', () => {
    // 2025 TW I–III reported (the last one late), TW IV missing after its deadline; target 0
    const rows = [row(1, 2025, 1, 2), row(1, 2025, 2, 3), row(1, 2025, 3, 1, { isLate: true })]
    const r = indicatorResult(ind({ id: 1, annualTargets: { 2025: 0 } }), rows, FULL_2025, S, LATE_AS_OF)
    expect(r.realisasi).toBe(2) // mean(2, 3, 1)
    expect(r.target).toBe(0)
    expect(r.capaianRaw).toBeNull()
    expect(r.predikat).toBeNull()
    expect(r.status).toBe('tidak_dapat_dihitung')
    expect(r.late).toBe(true)
    expect(r.missingQuarters).toEqual([4])
    expect(r.lateQuarters).toEqual([3])
    expect(r.statusLabel).toBe('Tidak dapat dihitung · terlambat')
    expect(statusText('tidak_dapat_dihitung', false)).toBe('Tidak dapat dihitung')
  })

  it('nothing reported after the deadline: "Belum lapor · terlambat"', () => {
    const r = indicatorResult(ind({ id: 1, annualTargets: { 2025: 100 } }), [], FULL_2025, S, LATE_AS_OF)
    expect(r.status).toBe('belum_lapor')
    expect(r.late).toBe(true)
    expect(r.statusLabel).toBe('Belum lapor · terlambat')
    expect(r.capaianRaw).toBeNull()
  })

  it('belum lapor before the deadline', () => {
    // 2026 TW I is due 2026-04-10; on 2026-04-05 nothing is late yet
    const r = indicatorResult(ind({ id: 1, annualTargets: { 2026: 100 } }), [], { kind: 'triwulan', year: 2026, quarter: 1 }, S, new Date('2026-04-05T00:00:00Z'))
    expect(r.status).toBe('belum_lapor')
    expect(r.statusLabel).toBe('Belum lapor')
    expect(r.capaianRaw).toBeNull()
    expect(r.missingQuarters).toEqual([])
  })

  it('rilis is never late nor missing, and a released value needs proof', () => {
    const r1 = indicatorResult(ind({ id: 1, polaUkur: 'rilis', annualTargets: { 2025: 3 } }), [], FULL_2025, S, LATE_AS_OF)
    expect(r1.status).toBe('menunggu_rilis')
    expect(r1.statusLabel).toBe('Menunggu rilis')
    expect(r1.missingQuarters).toEqual([])
    const r2 = indicatorResult(ind({ id: 1, polaUkur: 'rilis', annualTargets: { 2025: 3 } }), [row(1, 2025, 4, 3, { isLate: true, hasProof: false })], FULL_2025, S, LATE_AS_OF)
    expect(r2.status).toBe('ok')
    expect(r2.lateQuarters).toEqual([])
    expect(r2.rilisWithoutProof).toEqual([4])
  })

  it('rilis marked tidak diukur → tidak diukur', () => {
    const r = indicatorResult(ind({ id: 1, polaUkur: 'rilis', annualTargets: { 2025: 3 } }), [row(1, 2025, 4, null, { tidakDiukur: true })], FULL_2025, S, LATE_AS_OF)
    expect(r.status).toBe('tidak_diukur')
    expect(r.statusLabel).toBe('Tidak diukur')
  })

  it('deadline in Asia/Jakarta: 2026 TW III due 2026-10-10', () => {
    const indicator = ind({ id: 1, annualTargets: { 2026: 100 } })
    const rows = yearRows(1, 2026, [90, 100]) // TW III not entered
    const p: Period = { kind: 'triwulan', year: 2026, quarter: 3 }
    // 2026-10-10 23:00 WIB → on time
    const before = indicatorResult(indicator, rows, p, S, new Date('2026-10-10T16:00:00Z'))
    expect(before.status).toBe('ok')
    expect(before.missingQuarters).toEqual([])
    // 2026-10-11 00:30 WIB → late
    const after = indicatorResult(indicator, rows, p, S, new Date('2026-10-10T17:30:00Z'))
    expect(before.late).toBe(false)
    expect(after.status).toBe('ok')
    expect(after.late).toBe(true)
    expect(after.missingQuarters).toEqual([3])
    // mean(90,100)=95 either way
    expect(before.capaianRaw).toBe(95)
    expect(after.capaianRaw).toBe(95)
  })
})

describe('Renstra to date and Formulir E.81 columns', () => {
  const renstra: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2023, quarter: 2 }

  it('kumulatif: sum of every counting quarter of every year so far vs the end target', () => {
    const indicator = ind({
      id: 1,
      polaUkur: 'kumulatif',
      targetAkhir: 600,
      annualTargets: { 2021: 100, 2022: 100, 2023: 100, 2024: 100, 2025: 100, 2026: 100 },
    })
    const rows = [
      ...yearRows(1, 2021, [20, 30, 25, 25]), // 100
      ...yearRows(1, 2022, [25, 25, 25, 25]), // 100
      row(1, 2023, 1, null, { tidakDiukur: true }),
      row(1, 2023, 2, 30),
      row(1, 2023, 3, 999), // after the period: ignored
    ]
    const r = indicatorResult(indicator, rows, renstra, S, LATE_AS_OF)
    // 100 + 100 + 30 = 230; 230 / 600 × 100 = 38.333…
    expect(r.realisasi).toBe(230)
    expect(r.target).toBe(600)
    expect(r.capaianRaw).toBeCloseTo(38.333333333, 6)
    expect(r.predikat?.key).toBe('sangat_rendah')
    expect(r.renstra).toEqual({ mode: 'akumulasi', target: 600, realisasi: 230, capaian: r.capaianRaw })
    expect(r.e81).toEqual({
      realisasiSdTahunLalu: 200, // col 6: 2021 + 2022
      realisasiTahunIni: 30, // col 12: 2023 s.d. TW II
      quarters: [null, 30, null, null], // cols 8–11 (TW I tidak diukur, TW III after the period)
      realisasiSdTahunIni: 230, // col 13 = 200 + 30
    })
    expect(r.status).toBe('ok')

    // The same Renstra columns for a year-to-date period (start year inferred from the targets,
    // or given explicitly); the period capaian itself is the year's: 30 / 25 = 120.
    for (const opts of [{}, { renstraStartYear: 2021 }]) {
      const y = indicatorResult(indicator, rows, { kind: 'triwulan', year: 2023, quarter: 2 }, S, LATE_AS_OF, opts)
      expect(y.renstra.realisasi).toBe(230)
      expect(y.e81.realisasiSdTahunLalu).toBe(200)
      expect(y.capaianRaw).toBe(120)
    }
  })

  it('posisi: the latest counting value of all years vs the end target', () => {
    const indicator = ind({ id: 2, polaUkur: 'posisi', targetAkhir: 100, annualTargets: { 2023: 80 } })
    const rows = [row(2, 2021, 4, 40), row(2, 2022, 4, 60), row(2, 2023, 1, 65), row(2, 2023, 2, 70)]
    const r = indicatorResult(indicator, rows, renstra, S, LATE_AS_OF)
    // latest = 2023 TW II 70; 70 / 100 × 100 = 70 → Sedang
    expect(r.capaianRaw).toBe(70)
    expect(r.predikat?.key).toBe('sedang')
    expect(r.e81.realisasiSdTahunLalu).toBe(60) // latest of 2021–2022
    expect(r.e81.realisasiTahunIni).toBe(70) // posisi: latest of 2023 s.d. TW II
    expect(r.e81.quarters).toEqual([65, 70, null, null])
    expect(r.e81.realisasiSdTahunIni).toBe(70)
  })

  it('rata_rata turun: the latest counting value vs the end target', () => {
    const indicator = ind({ id: 3, polaUkur: 'rata_rata', polarity: 'turun', targetAkhir: 3 })
    const rows = [...yearRows(3, 2021, [5, 5, 5, 5]), row(3, 2022, 1, 4)]
    const p: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2022, quarter: 1 }
    const r = indicatorResult(indicator, rows, p, S, LATE_AS_OF)
    // (2×3 − 4) / 3 × 100 = 66.666…
    expect(r.capaianRaw).toBeCloseTo(66.6666666667, 8)
    expect(r.predikat?.key).toBe('sedang')
    expect(r.e81.realisasiSdTahunLalu).toBe(5)
    expect(r.e81.realisasiTahunIni).toBe(4)
  })
})

describe('Renstra mode (akumulasi / tahun_akhir)', () => {
  it('default by pola ukur: akumulasi for kumulatif, tahun_akhir for the others; a set mode wins', () => {
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'kumulatif' }))).toBe('akumulasi')
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'rata_rata' }))).toBe('tahun_akhir')
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'posisi' }))).toBe('tahun_akhir')
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'rilis' }))).toBe('tahun_akhir')
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'kumulatif', renstraMode: null }))).toBe('akumulasi')
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'kumulatif', renstraMode: 'tahun_akhir' }))).toBe('tahun_akhir')
    expect(renstraModeOf(ind({ id: 1, polaUkur: 'posisi', renstraMode: 'akumulasi' }))).toBe('akumulasi')
    expect(defaultRenstraMode('kumulatif')).toBe('akumulasi')
    expect(defaultRenstraMode('rilis')).toBe('tahun_akhir')
  })

  // Website downtime, hours a year (kumulatif: the quarters sum to the year; turun): "at most 24
  // hours a year by 2026". Years 2021–2024: 40, 30, 26, 20 hours.
  const downtime = (mode?: 'akumulasi' | 'tahun_akhir') =>
    ind({
      id: 7,
      polaUkur: 'kumulatif',
      polarity: 'turun',
      targetAkhir: 24,
      annualTargets: { 2021: 40, 2022: 34, 2023: 30, 2024: 27, 2025: 25, 2026: 24 },
      ...(mode ? { renstraMode: mode } : {}),
    })
  const downtimeRows = [
    ...yearRows(7, 2021, [10, 10, 10, 10]), // 40
    ...yearRows(7, 2022, [8, 7, 8, 7]), // 30
    ...yearRows(7, 2023, [7, 6, 7, 6]), // 26
    ...yearRows(7, 2024, [5, 5, 5, 5]), // 20
  ]
  const END_2024: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2024, quarter: 4 }

  it('tahun_akhir, lower is better: after year 4 the latest year (20 h) vs the end target 24 → (2×24 − 20)/24 × 100 = 116.67 %', () => {
    const r = indicatorResult(downtime('tahun_akhir'), downtimeRows, END_2024, S, LATE_AS_OF)
    expect(r.renstra.mode).toBe('tahun_akhir')
    expect(r.renstra.realisasi).toBe(20)
    expect(r.renstra.target).toBe(24)
    expect(r.renstra.capaian).toBeCloseTo(116.666666667, 6) // 28 / 24 × 100
    expect(r.capaianRaw).toBeCloseTo(116.666666667, 6) // the Renstra period's own capaian
    expect(r.capaianCapped).toBeCloseTo(116.666666667, 6) // under the cap of 120
    // E.81: col 6 = the latest year before (2023: 26), col 12 = 2024 (20), col 13 = 20 (not 6 + 12)
    expect(r.e81.realisasiSdTahunLalu).toBe(26)
    expect(r.e81.realisasiTahunIni).toBe(20)
    expect(r.e81.realisasiSdTahunIni).toBe(20)
    // the same from a year-to-date period of 2024 (E.81 for 2024 TW IV)
    const y = indicatorResult(downtime('tahun_akhir'), downtimeRows, { kind: 'triwulan', year: 2024, quarter: 4 }, S, LATE_AS_OF, { renstraStartYear: 2021 })
    expect(y.renstra.realisasi).toBe(20)
    expect(y.renstra.capaian).toBeCloseTo(116.666666667, 6)
    expect(y.capaianRaw).toBeCloseTo(((2 * 27 - 20) / 27) * 100, 9) // the year: 34/27 → 125.93
  })

  it('tahun_akhir mid-year: the current year so far (2025 s.d. TW II: 4 + 3 = 7 h); before any 2025 report, the latest full year (2024: 20 h)', () => {
    const rows = [...downtimeRows, row(7, 2025, 1, 4), row(7, 2025, 2, 3)]
    const q2: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2025, quarter: 2 }
    const r = indicatorResult(downtime('tahun_akhir'), rows, q2, S, LATE_AS_OF)
    expect(r.renstra.realisasi).toBe(7)
    expect(r.renstra.capaian).toBeCloseTo(((48 - 7) / 24) * 100, 9) // 170.83
    expect(r.e81.realisasiSdTahunLalu).toBe(20)
    const early = indicatorResult(downtime('tahun_akhir'), downtimeRows, { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2025, quarter: 1 }, S, LATE_AS_OF)
    expect(early.renstra.realisasi).toBe(20)
    expect(early.e81.realisasiSdTahunLalu).toBe(20)
  })

  it('the same downtime summed (akumulasi, the kumulatif default) reads 0 %: 116 h against a one-year 24 h', () => {
    for (const ind7 of [downtime(), downtime('akumulasi')]) {
      const r = indicatorResult(ind7, downtimeRows, END_2024, S, LATE_AS_OF)
      expect(r.renstra.mode).toBe('akumulasi')
      expect(r.renstra.realisasi).toBe(116) // 40 + 30 + 26 + 20
      expect(r.renstra.capaian).toBe(0) // (48 − 116)/24 < 0 → floored at 0
      expect(r.e81.realisasiSdTahunLalu).toBe(96)
    }
  })

  it('akumulasi, kumulatif: content pieces summed over the years against the period total (580)', () => {
    const indicator = ind({ id: 8, polaUkur: 'kumulatif', targetAkhir: 580, annualTargets: { 2021: 80, 2022: 90, 2023: 100 } })
    const rows = [...yearRows(8, 2021, [20, 25, 25, 30]), ...yearRows(8, 2022, [20, 25, 25, 30]), ...yearRows(8, 2023, [20, 25, 25, 30])]
    const r = indicatorResult(indicator, rows, { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2023, quarter: 4 }, S, LATE_AS_OF)
    expect(r.renstra.mode).toBe('akumulasi')
    expect(r.renstra.realisasi).toBe(300) // 3 × 100
    expect(r.renstra.capaian).toBeCloseTo((300 / 580) * 100, 9) // 51.72
    expect(r.e81.realisasiSdTahunLalu).toBe(200)
    expect(r.e81.realisasiTahunIni).toBe(100)
    expect(r.e81.realisasiSdTahunIni).toBe(300) // col 13 = col 6 + col 12
    // the same indicator set to tahun_akhir: the latest year's sum, 100 / 580
    const t = indicatorResult({ ...indicator, renstraMode: 'tahun_akhir' }, rows, { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2023, quarter: 4 }, S, LATE_AS_OF)
    expect(t.renstra.realisasi).toBe(100)
    expect(t.e81.realisasiSdTahunLalu).toBe(100)
  })

  it('akumulasi on a rata_rata indicator sums the counting quarters; tahun_akhir takes the latest counting value', () => {
    const indicator = ind({ id: 9, polaUkur: 'rata_rata', targetAkhir: 50, renstraMode: 'akumulasi' })
    const rows = [...yearRows(9, 2021, [5, 5, 5, 5]), row(9, 2022, 1, 4), row(9, 2022, 2, null, { tidakDiukur: true })]
    const p: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2022, quarter: 2 }
    expect(indicatorResult(indicator, rows, p, S, LATE_AS_OF).renstra.realisasi).toBe(24)
    expect(indicatorResult({ ...indicator, renstraMode: 'tahun_akhir' }, rows, p, S, LATE_AS_OF).renstra.realisasi).toBe(4)
  })
})

describe('capaianSatuTriwulan (entry form live value)', () => {
  it.each([
    // kumulatif: 20 vs 100/4 = 25 → 80 (Tinggi)
    [ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2026: 100 } }), 20, 25, 80, 'tinggi', false],
    // kumulatif: 15 vs 25 → 60 (Rendah) → narrative required
    [ind({ id: 1, polaUkur: 'kumulatif', annualTargets: { 2026: 100 } }), 15, 25, 60, 'rendah', true],
    // rata_rata with a set TW II target 90: 81/90 → 90
    [ind({ id: 1, annualTargets: { 2026: 95 }, quarterTargets: { '2026-2': 90 } }), 81, 90, 90, 'tinggi', false],
    // turun: (10−6)/5 → 80
    [ind({ id: 1, polarity: 'turun', annualTargets: { 2026: 5 } }), 6, 5, 80, 'tinggi', false],
    // 75.99 would be Sedang: 75.99/100 → needs narrative
    [ind({ id: 1, annualTargets: { 2026: 100 } }), 75.99, 100, 75.99, 'sedang', true],
  ] as const)('%#', (indicator, value, target, capaian, key, narrative) => {
    const r = capaianSatuTriwulan(indicator, 2026, 2, value, S)
    expect(r.target).toBe(target)
    expect(r.capaianRaw).toBeCloseTo(capaian, 10)
    expect(r.predikat?.key).toBe(key)
    expect(r.needsNarrative).toBe(narrative)
  })

  it('no value → no capaian', () => {
    const r = capaianSatuTriwulan(ind({ id: 1, annualTargets: { 2026: 100 } }), 2026, 2, null)
    expect(r.capaianRaw).toBeNull()
    expect(r.needsNarrative).toBe(false)
  })
})
