// Live capaian checks the field's limits while typing, with the server's words (issue 13).
import { describe, expect, it } from 'vitest'
import { limitProblem, liveCapaian } from '../../app/components/entry/live-capaian.js'
import { DEFAULT_SETTINGS } from '../../app/domain/index.js'
import type { IndicatorInput } from '../../app/domain/types.js'

const persen = { min: 0, max: 100, satuan: 'persen' }

describe('limitProblem', () => {
  it('refuses below the minimum, above the maximum and absurdly large numbers; accepts the edges', () => {
    expect(limitProblem(-3, persen)).toBe('Nilai tidak boleh negatif.')
    expect(limitProblem(150, persen)).toBe('Nilai persen tidak boleh lebih dari 100.')
    expect(limitProblem(0, persen)).toBeNull()
    expect(limitProblem(100, persen)).toBeNull()
    expect(limitProblem(101, { min: 0, max: 100, satuan: 'indeks' })).toBe('Nilai tidak boleh lebih dari 100 indeks.')
    expect(limitProblem(4, { min: 5, max: null, satuan: 'hari' })).toBe('Nilai tidak boleh kurang dari 5 hari.')
    expect(limitProblem(1e14, { min: null, max: null, satuan: 'jam' })).toBe('Nilai terlalu besar.')
    expect(limitProblem(99_999_999_999_999, { min: null, max: null, satuan: 'jam' })).toBeNull()
  })
})

describe('liveCapaian with limits', () => {
  const indicator: IndicatorInput = {
    id: 1,
    code: 'IKP-01',
    name: 'Persentase informasi publik',
    unit: 'persen',
    polarity: 'naik',
    polaUkur: 'rata_rata',
    aspect: 'pengelolaan',
    strategy: 'inti',
    weight: 1,
    unitId: 1,
    unitName: 'IKP',
    baseline: null,
    targetAkhir: null,
    annualTargets: { 2026: 92 },
    quarterTargets: {},
  }
  it('shows no capaian for a value outside the limits, and the capaian inside them', () => {
    const out = liveCapaian(indicator, 2026, 4, '150', false, DEFAULT_SETTINGS, persen)
    expect(out).toMatchObject({ parseError: 'Nilai persen tidak boleh lebih dari 100.', value: null, capaianText: '–', predikat: null })
    const inside = liveCapaian(indicator, 2026, 4, '92', false, DEFAULT_SETTINGS, persen)
    expect(inside.parseError).toBeNull()
    expect(inside.value).toBe(92)
    expect(inside.capaianText).toMatch(/^100(,00)?\s?%$/) // 92 / 92 × 100
  })
})
