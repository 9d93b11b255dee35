// Read model of a heatmap cell's drill-down (app/routes/beranda.sel.$aspect.$strategy.tsx): the
// cell's score, flags and meeting note, and its indicators with the kendala / tindak lanjut
// written on the period's realisations.
import type { Executor } from '../utils/db.server'
import { narrativesOf } from '../models/dashboard-read.server'
import { ASPECTS, STRATEGIES, attentionThreshold, periodQuarters, quarterName, type Aspect, type Strategy } from '../domain'
import { WORKFLOW_STATUS_LABELS as WORKFLOW_LABELS } from '../domain/labels'
import type { DashboardBase } from './dashboard-scope.server'
import { cellViews, indicatorRowView, notesOf } from './dashboard-views.server'

export async function cellPageView(db: Executor, base: DashboardBase, aspect: Aspect, strategy: Strategy) {
  const { bundle, ctx } = base
  const r = bundle.result
  const cells = cellViews(bundle, await notesOf(db, base), ctx.query)
  const cell = cells[ASPECTS.indexOf(aspect)]![STRATEGIES.indexOf(strategy)]!
  const resultById = new Map(r.indicators.map((x) => [x.indicatorId, x]))
  const inputs = bundle.data.indicators.filter((i) => i.aspect === aspect && i.strategy === strategy)
  const rows = inputs.map((ind) => indicatorRowView(ind, resultById.get(ind.id)!, ctx.query, r.flags))
  const narratives = await narrativesOf(
    db,
    inputs.map((i) => i.id),
    ctx.period.year,
    periodQuarters(ctx.period),
  )
  for (const n of narratives) {
    const row = rows.find((x) => x.id === n.indicator_id)
    if (!row) continue
    const kendala = n.kendala?.trim() || null
    const tindakLanjut = n.tindak_lanjut?.trim() || null
    if (!kendala && !tindakLanjut) continue
    row.narratives.push({ quarter: n.quarter, quarterLabel: `${quarterName(n.quarter)} ${ctx.period.year}`, kendala, tindakLanjut, status: WORKFLOW_LABELS[n.status] ?? n.status })
  }
  return {
    ...ctx,
    cell,
    indicators: rows,
    threshold: attentionThreshold(bundle.settings.bands),
  }
}
export type CellPageView = Awaited<ReturnType<typeof cellPageView>>
