// Read model of the beranda (app/routes/_index.tsx): the overall score, the 3 × 5 heatmap, the
// radar per aspect, the scores per bidang, the five-strategy trend, entry completeness, and the
// drawn charts (drawn by the renderer the route hands in: presenters never import components).
// "Tugas saya" is per user and stays out of the shared cache.
import type { SessionUser } from '../services/auth.server'
import { openWorkOf, type OpenWork } from './open-work.server'
import type { Executor } from '../utils/db.server'
import { now } from '../utils/clock.server'
import type { ChartSvg } from '../utils/view-types'
import { ASPECTS, ASPECT_SHORT, ASPECT_NAMES, STRATEGIES, STRATEGY_LABELS, attentionThreshold } from '../domain'
import { chartSet, type DashboardBase } from './dashboard-scope.server'
import { cellViews, flagView, notesOf, predikatCountsView, radarData, scoreView, trendView, type RadarDatum, type TrendView, type UnitScoreView } from './dashboard-views.server'
import { completenessViews } from './completeness.server'

/** The drawings a dashboard asks for; the routes pass app/components/charts/draw.server.tsx's `chartDrawer`. */
export interface ChartDrawer {
  radar(o: { id: string; title: string; data: RadarDatum[]; max: number; threshold?: number | null; width?: number; height?: number; fontSize?: number }): ChartSvg
  barUnit(o: { id: string; title: string; data: UnitScoreView[]; max: number; threshold?: number | null; width?: number }): ChartSvg
  trend(o: { id: string; title: string; data: TrendView; max: number; threshold?: number | null; width?: number; height?: number }): ChartSvg
}

// ---------------------------------------------------------------------------
// "Tugas saya": a kepala bidang's open work on his beranda (per user: not in the shared cache)
// ---------------------------------------------------------------------------

export interface TugasSayaView extends OpenWork {
  /** Nothing returned, no draft, nothing overdue. */
  clear: boolean
}

/** Returned rows with their notes, overdue quarters with days late, drafts not submitted; null for other roles. */
export async function tugasSayaView(db: Executor, user: SessionUser, asOf: Date = now()): Promise<TugasSayaView | null> {
  if (user.role !== 'kepala_bidang') return null
  const work = await openWorkOf(db, user, asOf)
  return { ...work, clear: !work.returned.length && !work.drafts.length && !work.overdue.length }
}

/** The beranda's numbers and texts, without its charts (the projector draws its own). */
export async function berandaData(db: Executor, base: DashboardBase) {
  const { bundle, ctx } = base
  const r = bundle.result
  const cells = cellViews(bundle, await notesOf(db, base), ctx.query)
  const radar = radarData(cells)
  const byUnit = r.byUnit.map((u): UnitScoreView => ({ unitId: u.unitId, unitName: u.unitName, ...scoreView(u) }))
  const trend = trendView(bundle)
  const cap = bundle.settings.cap
  /** The "perlu perhatian" line of the charts: the engine's flag-1 threshold. */
  const threshold = attentionThreshold(bundle.settings.bands)
  return {
    ...ctx,
    overall: scoreView(r.overall),
    predikatCounts: predikatCountsView(bundle),
    indicatorCount: r.indicators.length,
    strategies: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s] })),
    aspects: ASPECTS.map((a) => ({ aspect: a, label: ASPECT_SHORT[a], name: ASPECT_NAMES[a] })),
    cells,
    byStrategy: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s], ...scoreView(r.byStrategy[s]) })),
    byAspect: ASPECTS.map((a) => ({ aspect: a, label: ASPECT_SHORT[a], ...scoreView(r.byAspect[a]) })),
    radar,
    byUnit,
    trend,
    completeness: await completenessViews(db, base.opdId, bundle.settings, base.asOf),
    /** Cells with at least one flag. */
    flaggedCellCount: cells.flat().filter((c) => c.flags.length > 0).length,
    cellFlagCount: r.flags.filter((f) => f.indicatorId === undefined).length,
    indicatorFlags: r.flags.filter((f) => f.indicatorId !== undefined).map(flagView),
    cap,
    threshold,
  }
}
export async function berandaView(db: Executor, base: DashboardBase, draw: ChartDrawer) {
  const v = await berandaData(db, base)
  const chart = { max: v.cap, threshold: v.threshold }
  return {
    ...v,
    ...chartSet(v.query, {
      radar: v.radar.map((a) => draw.radar({ ...chart, id: `radar-${a.aspect}`, title: `Aspek ${a.label}`, data: a.data })),
      byUnit: draw.barUnit({ ...chart, id: 'bar-unit', title: `Skor per bidang, ${v.periodLabel}`, data: v.byUnit }),
      trend: draw.trend({
        ...chart,
        id: 'trend-strategi',
        title: `Tren skor lima strategi ${v.trend.points[0]?.year ?? ''}–${v.period.year} (posisi periode yang sama tiap tahun)`,
        data: v.trend,
      }),
    }),
  }
}
export type BerandaView = Awaited<ReturnType<typeof berandaView>>
