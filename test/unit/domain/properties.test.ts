import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ASPECTS,
  DEFAULT_BANDS,
  POLA_UKUR,
  predikatOf,
  scorePeriod,
  STRATEGIES,
  type IndicatorInput,
  type Period,
  type Quarter,
  type RealisasiInput,
  type Score,
  type ScoreResult,
} from '../../../app/domain/index'
import { ind, row, S } from './fixtures'

const YEARS = [2024, 2025] as const
const QS: Quarter[] = [1, 2, 3, 4]

/** A random world: indicators with targets, and for each (year, quarter) maybe a row. */
const worldArb = fc
  .array(
    fc.record({
      polarity: fc.constantFrom('naik' as const, 'turun' as const),
      polaUkur: fc.constantFrom(...POLA_UKUR),
      aspect: fc.constantFrom(...ASPECTS),
      strategy: fc.constantFrom(...STRATEGIES),
      weight: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 5, noNaN: true })),
      unitId: fc.integer({ min: 1, max: 3 }),
      target: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1000, noNaN: true })),
      targetAkhir: fc.option(fc.double({ min: 0, max: 5000, noNaN: true })),
      // per (year, quarter): undefined = no row; otherwise a row
      cells: fc.array(
        fc.option(
          fc.record({
            value: fc.option(fc.double({ min: 0, max: 3000, noNaN: true }), { freq: 5 }),
            tidakDiukur: fc.boolean(),
            isLate: fc.boolean(),
          }),
          { freq: 3 },
        ),
        { minLength: 8, maxLength: 8 },
      ),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((specs) => {
    const indicators: IndicatorInput[] = []
    const realisasi: RealisasiInput[] = []
    specs.forEach((s, i) => {
      const id = i + 1
      indicators.push(
        ind({
          id,
          polarity: s.polarity,
          polaUkur: s.polaUkur,
          aspect: s.aspect,
          strategy: s.strategy,
          weight: s.weight,
          unitId: s.unitId,
          unitName: `Unit ${s.unitId}`,
          targetAkhir: s.targetAkhir,
          annualTargets: { 2024: s.target, 2025: s.target },
        }),
      )
      s.cells.forEach((c, k) => {
        if (c === null) return
        realisasi.push(row(id, YEARS[k >> 2]!, QS[k & 3]!, c.value, { tidakDiukur: c.tidakDiukur, isLate: c.isLate }))
      })
    })
    return { indicators, realisasi }
  })

const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.record({ kind: fc.constant('triwulan' as const), year: fc.constant(2025), quarter: fc.constantFrom(...QS) }),
  fc.record({ kind: fc.constant('satu_triwulan' as const), year: fc.constant(2025), quarter: fc.constantFrom(...QS) }),
  fc.record({
    kind: fc.constant('renstra' as const),
    startYear: fc.constant(2024),
    endYear: fc.constant(2028),
    year: fc.constant(2025),
    quarter: fc.constantFrom(...QS),
  }),
)

const asOfArb = fc.constantFrom(new Date('2025-05-01T00:00:00Z'), new Date('2025-10-10T16:00:00Z'), new Date('2026-06-01T00:00:00Z'))

function allScores(r: ScoreResult): Array<number | null> {
  const out: Array<Score['value']> = []
  for (const a of ASPECTS) for (const s of STRATEGIES) out.push(r.cells[a][s].value)
  for (const s of STRATEGIES) out.push(r.byStrategy[s].value)
  for (const a of ASPECTS) out.push(r.byAspect[a].value)
  for (const u of r.byUnit) out.push(u.value)
  out.push(r.overall.value)
  return out
}

describe('properties', () => {
  it('any finite value falls in exactly one default band', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const containing = DEFAULT_BANDS.filter((b) => (b.min === null || v >= b.min) && (b.max === null || v < b.max))
        expect(containing).toHaveLength(1)
        expect(predikatOf(v, DEFAULT_BANDS)).toBe(containing[0])
      }),
      { numRuns: 2000 },
    )
  })

  it('every score (cells and roll-ups) lies in [0, cap] or is null', () => {
    fc.assert(
      fc.property(worldArb, periodArb, asOfArb, fc.integer({ min: 100, max: 150 }), (world, period, asOf, cap) => {
        const r = scorePeriod({ ...world, settings: { ...S, cap }, period, asOf })
        for (const v of allScores(r)) {
          if (v === null) continue
          expect(v).toBeGreaterThanOrEqual(0)
          expect(v).toBeLessThanOrEqual(cap)
        }
        for (const i of r.indicators) {
          if (i.capaianCapped === null) continue
          expect(i.capaianCapped).toBeGreaterThanOrEqual(0)
          expect(i.capaianCapped).toBeLessThanOrEqual(cap)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('adding a tidak-diukur quarter never changes any score', () => {
    fc.assert(
      fc.property(worldArb, periodArb, asOfArb, fc.nat(), fc.option(fc.double({ min: 0, max: 3000, noNaN: true })), (world, period, asOf, pick, strayValue) => {
        // quarters (of any indicator, 2024–2025) without a row
        const taken = new Set(world.realisasi.map((r) => `${r.indicatorId}-${r.year}-${r.quarter}`))
        const free: Array<[number, number, Quarter]> = []
        for (const i of world.indicators) for (const y of YEARS) for (const q of QS) if (!taken.has(`${i.id}-${y}-${q}`)) free.push([i.id, y, q])
        fc.pre(free.length > 0)
        const [id, y, q] = free[pick % free.length]!
        // even a stray value on a tidak-diukur row must be ignored
        const added = row(id, y, q, strayValue, { tidakDiukur: true })
        const before = scorePeriod({ ...world, settings: S, period, asOf })
        const after = scorePeriod({ ...world, realisasi: [...world.realisasi, added], settings: S, period, asOf })
        expect(allScores(after)).toEqual(allScores(before))
        expect(after.indicators.map((i) => [i.capaianRaw, i.capaianCapped, i.realisasi, i.renstra])).toEqual(
          before.indicators.map((i) => [i.capaianRaw, i.capaianCapped, i.realisasi, i.renstra]),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('a roll-up lies between the lowest and highest capped capaian it averages', () => {
    fc.assert(
      fc.property(worldArb, periodArb, asOfArb, (world, period, asOf) => {
        const r = scorePeriod({ ...world, settings: S, period, asOf })
        const vals = r.indicators
          .filter((_, k) => world.indicators[k]!.weight > 0)
          .map((i) => i.capaianCapped)
          .filter((v): v is number => v !== null)
        if (r.overall.value === null) return
        expect(r.overall.value).toBeGreaterThanOrEqual(Math.min(...vals))
        expect(r.overall.value).toBeLessThanOrEqual(Math.max(...vals))
      }),
      { numRuns: 200 },
    )
  })
})
