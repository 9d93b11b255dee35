// Read model of "perlu perhatian" (app/routes/perlu-perhatian.tsx): the flagged cells with the
// weak indicators behind them (Sedang or lower) and the meeting's rekomendasi, and the flagged
// indicators with their reasons.
import type { Executor } from '../utils/db.server'
import { isBelowAttention } from '../domain'
import type { DashboardBase } from './dashboard-scope.server'
import { cellViews, flagView, indicatorRowView, notesOf } from './dashboard-views.server'

/** Cells and indicators that need attention (flags with reasons, the meeting's rekomendasi). */
export async function flaggedView(db: Executor, base: DashboardBase) {
  const { bundle, ctx } = base
  const r = bundle.result
  const cells = cellViews(bundle, await notesOf(db, base), ctx.query)
  const inputById = new Map(bundle.data.indicators.map((i) => [i.id, i]))
  const resultById = new Map(r.indicators.map((x) => [x.indicatorId, x]))
  const flaggedCells = cells.flat().filter((c) => c.flags.length > 0)
  return {
    ...ctx,
    cells: flaggedCells.map((c) => ({
      ...c,
      // the weak indicators behind the cell (Sedang or lower), so the meeting sees the cause
      weakIndicators: bundle.data.indicators
        .filter((i) => i.aspect === c.aspect && i.strategy === c.strategy)
        .map((i) => ({ input: i, result: resultById.get(i.id)! }))
        .filter((x) => isBelowAttention(x.result.capaianCapped, bundle.settings.bands))
        .map((x) => indicatorRowView(x.input, x.result, ctx.query, [])),
    })),
    indicatorFlags: r.flags
      .filter((f) => f.indicatorId !== undefined)
      .map((f) => {
        const ind = inputById.get(f.indicatorId!)
        return { ...flagView(f), name: ind?.name ?? '', unitName: ind?.unitName ?? '', href: `/indikator/${f.indicatorId}?${ctx.query}` }
      }),
  }
}
export type FlaggedView = Awaited<ReturnType<typeof flaggedView>>
