// The city view's OPD rows (app/presenters/kota.server.ts), computed for many OPD in one pass:
// settings, Renstra periods and overdue actions read once, the scoring inputs of all the OPD asked
// for read with a few set-based queries per distinct period (app/services/city-scoring.server.ts),
// and each OPD scored by the engine exactly as its own dashboard scores it (resolveDashboard with
// the OPD forced: the same period rule, data, settings and flags), so the numbers agree with the
// drill-down pages, which the links open with the OPD picker parameter (`opd=<id>`).
import type { SessionUser } from '../services/auth.server'
import type { Executor } from '../utils/db.server'
import { getSettings } from '../models/settings.server'
import { now } from '../utils/clock.server'
import { periodChoiceOf } from '../services/scoring.server'
import { actionFlagsByOpd, emptyScoringData, loadScoringDataOfOpds, renstraSpansByOpd, scoreOpd, spanOf } from '../services/city-scoring.server'
import { scoreView, type ScoreView } from './dashboard-views.server'
import { completenessFrom, type CompletenessView } from './completeness.server'
import {
  ASPECTS,
  ASPECT_SHORT,
  STRATEGIES,
  STRATEGY_LABELS,
  FLAG_KIND_LABELS,
  periodLabel,
  periodToSearchParams,
  type Aspect,
  type Period,
  type Quarter,
  type ScoreResult,
  type Strategy,
} from '../domain'

export interface KotaOpdRow {
  id: number
  code: string
  name: string
  shortName: string
  rank: number
  overall: ScoreView
  byStrategy: Record<Strategy, ScoreView>
  byAspect: Record<Aspect, ScoreView>
  completeness: { total: number; reported: number; late: number; pending: number; percentText: string }
  /** The OPD's own dashboard for the same period (the OPD picker parameter). */
  href: string
  flaggedHref: string
  flaggedCells: { aspect: Aspect; strategy: Strategy; label: string; text: string; predikatKey: string; predikatLabel: string; reasons: string[]; href: string }[]
}

export interface KotaRowResult {
  row: Omit<KotaOpdRow, 'rank'>
  periodLabel: string
  quarter: Quarter
  query: string
}

export interface KotaOpd {
  id: number
  code: string
  name: string
  short_name: string | null
}

/**
 * The rows of the OPD in `ids` (every one of `opds`, the OPD list, or a part of it: the rows whose
 * cached copy is stale), for the period parameters `params`. A fixed number of queries for any
 * number of OPD: settings, Renstra periods, overdue actions, and four per distinct period (one
 * period unless `periode=renstra` picks different Renstra spans for different OPD).
 */
export async function kotaRowsOf(
  db: Executor,
  user: Pick<SessionUser, 'opdId'>,
  opds: readonly KotaOpd[],
  ids: readonly number[],
  params: URLSearchParams,
): Promise<Map<number, KotaRowResult>> {
  const settings = (await getSettings(db)).scoring
  const asOf = now()
  const spansOf = await renstraSpansByOpd(db)
  const flagsOf = await actionFlagsByOpd(db, asOf, settings.timeZone)
  const wanted = new Set(ids)
  const chosen = opds.filter((o) => wanted.has(o.id))
  // the period of each OPD, by resolvePeriod's rule on the OPD's own Renstra periods
  const byPeriod = new Map<string, { period: Period; opds: KotaOpd[] }>()
  for (const o of chosen) {
    const { period } = periodChoiceOf(spansOf(o.id), params, settings, asOf)
    const key = JSON.stringify(period)
    const group = byPeriod.get(key) ?? { period, opds: [] }
    group.opds.push(o)
    byPeriod.set(key, group)
  }
  // city level: the drill-down links carry the OPD picker's parameter (as resolveDashboard's query)
  const withOpd = user.opdId == null && opds.length > 1
  const out = new Map<number, KotaRowResult>()
  for (const { period, opds: group } of byPeriod.values()) {
    const all = group.length === opds.length
    const inputs = await loadScoringDataOfOpds(db, all ? null : group.map((o) => o.id), period.year, spansOf)
    const quarter = (period.kind === 'triwulan' ? period.quarter : 4) as Quarter
    for (const o of group) {
      const input = inputs.get(o.id)
      const data = input?.data ?? emptyScoringData(spanOf(spansOf(o.id), period.year))
      const result = scoreOpd(data, period, asOf, settings, flagsOf(o.id))
      const states = (input?.realisasiRows ?? []).filter((r) => r.year === period.year && r.quarter === quarter)
      const completeness = completenessFrom(input?.indicatorRows ?? [], states, period.year, quarter, settings, asOf)
      const q = new URLSearchParams(periodToSearchParams(period))
      if (withOpd) q.set('opd', String(o.id))
      out.set(o.id, {
        row: kotaRowOf(o, result, completeness, q.toString()),
        periodLabel: periodLabel(period),
        quarter,
        query: new URLSearchParams(periodToSearchParams(period)).toString(),
      })
    }
  }
  return out
}

/** One OPD's row from its scores and completeness; `q`: the period + opd=<id> (resolveDashboard's query). */
function kotaRowOf(o: KotaOpd, r: ScoreResult, c: CompletenessView, q: string): Omit<KotaOpdRow, 'rank'> {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.short_name ?? o.name,
    overall: scoreView(r.overall),
    byStrategy: Object.fromEntries(STRATEGIES.map((s) => [s, scoreView(r.byStrategy[s])])) as Record<Strategy, ScoreView>,
    byAspect: Object.fromEntries(ASPECTS.map((a) => [a, scoreView(r.byAspect[a])])) as Record<Aspect, ScoreView>,
    completeness: {
      total: c.totals.total,
      reported: c.totals.reported,
      late: c.totals.late,
      pending: c.totals.pending,
      percentText: c.totals.total ? `${Math.round((c.totals.reported / c.totals.total) * 100)}%` : '—',
    },
    href: `/?${q}`,
    flaggedHref: `/perlu-perhatian?${q}`,
    flaggedCells: ASPECTS.flatMap((a) =>
      STRATEGIES.flatMap((s) => {
        const flags = r.flags.filter((f) => f.aspect === a && f.strategy === s && f.indicatorId === undefined)
        if (!flags.length) return []
        const v = scoreView(r.cells[a][s])
        return [
          {
            aspect: a,
            strategy: s,
            label: `${ASPECT_SHORT[a]} × ${STRATEGY_LABELS[s]}`,
            text: v.text,
            predikatKey: v.predikatKey,
            predikatLabel: v.predikatLabel,
            reasons: flags.map((f) => `${FLAG_KIND_LABELS[f.kind]}: ${f.reason}`),
            href: `/beranda/sel/${a}/${s}?${q}`,
          },
        ]
      }),
    ),
  }
}
