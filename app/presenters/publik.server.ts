// Read model of the public page (app/routes/publik.tsx): verified results and strategy scores
// only — no notes, no flags, no links into the app, and only the evidence marked public.
import type { Executor } from '../utils/db.server'
import { publicEvidenceOf } from '../models/dashboard-read.server'
import { ASPECTS, ASPECT_SHORT, ASPECT_NAMES, STRATEGIES, STRATEGY_LABELS, formatNumber, periodQuarters, quarterName } from '../domain'
import type { DashboardBase } from './dashboard-scope.server'
import { cellViews, NO_DATA, scoreView, valueText } from './dashboard-views.server'
import { safeHttpUrl } from '../utils/entry-format'

export async function publicView(db: Executor, base: DashboardBase) {
  const { bundle, ctx } = base
  const r = bundle.result
  // public cells: no notes, no flags, no links
  const cells = cellViews(bundle, [], '', { withFlags: false }).map((row) => row.map((c) => ({ ...c, href: '', note: null, disagreement: null })))
  const evidence = await publicEvidenceOf(
    db,
    bundle.data.indicators.map((i) => i.id),
    ctx.period.year,
    periodQuarters(ctx.period),
  )
  const resultById = new Map(r.indicators.map((x) => [x.indicatorId, x]))
  return {
    ...ctx,
    overall: scoreView(r.overall),
    strategies: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s] })),
    aspects: ASPECTS.map((a) => ({ aspect: a, label: ASPECT_SHORT[a], name: ASPECT_NAMES[a] })),
    cells,
    byStrategy: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s], ...scoreView(r.byStrategy[s]) })),
    indicators: bundle.data.indicators.map((ind) => {
      const x = resultById.get(ind.id)!
      return {
        id: ind.id,
        code: ind.code,
        name: ind.name,
        unitName: ind.unitName,
        satuan: ind.unit,
        targetText: valueText(x.target),
        realisasiText: valueText(x.realisasi),
        capaian: x.capaianRaw,
        capaianText: x.capaianRaw === null ? 'Belum ada data terverifikasi' : `${formatNumber(x.capaianRaw)}%`,
        predikatKey: x.predikat?.key ?? 'none',
        predikatLabel: x.predikat?.label ?? NO_DATA,
        evidence: evidence
          .filter((e) => e.indicator_id === ind.id)
          .map((e) => ({ quarter: e.quarter, label: `Bukti ${quarterName(e.quarter)}`, href: safeHttpUrl(e.bukti_link) }))
          .filter((e): e is { quarter: number; label: string; href: string } => e.href !== null),
      }
    }),
  }
}
export type PublicView = Awaited<ReturnType<typeof publicView>>
