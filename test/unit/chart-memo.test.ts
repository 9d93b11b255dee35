// Charts are drawn once per distinct input: a save that changes one aspect redraws that aspect's
// charts only (app/components/charts/draw.server.tsx).
import { describe, expect, it } from 'vitest'
import { chartDrawCount, chartDrawer } from '../../app/components/charts/draw.server'
import type { RadarPoint } from '../../app/components/charts/radar-strategi'

const points = (inti: number): RadarPoint[] => [
  { strategy: 'inti', label: 'Inti', value: inti, text: String(inti).replace('.', ','), predikatLabel: 'Baik' },
  { strategy: 'budaya', label: 'Budaya', value: 41.5, text: '41,5', predikatLabel: 'Sangat kurang' },
]

describe('chart drawing memo', () => {
  it('draws an input once, reuses it, and draws a changed input anew', () => {
    const before = chartDrawCount()
    const a = chartDrawer.radar({ id: 'memo-a', title: 'Layanan', data: points(77.25), max: 120, threshold: 60 })
    expect(chartDrawCount()).toBe(before + 1)
    expect(a.svg).toContain('77,25')

    const again = chartDrawer.radar({ id: 'memo-a', title: 'Layanan', data: points(77.25), max: 120, threshold: 60 })
    expect(chartDrawCount()).toBe(before + 1)
    expect(again.svg).toBe(a.svg)
    expect(again.hash).toBe(a.hash)

    const changed = chartDrawer.radar({ id: 'memo-a', title: 'Layanan', data: points(80.5), max: 120, threshold: 60 })
    expect(chartDrawCount()).toBe(before + 2)
    expect(changed.svg).toContain('80,5')
    expect(changed.svg).not.toContain('77,25')
    expect(changed.hash).not.toBe(a.hash)

    // same data under another id is another picture (the id is inside the SVG)
    chartDrawer.radar({ id: 'memo-b', title: 'Layanan', data: points(77.25), max: 120, threshold: 60 })
    expect(chartDrawCount()).toBe(before + 3)
  })
})
