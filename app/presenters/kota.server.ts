// The city view (Bappeda, issue 17 item 4): every OPD side by side — capaian per OPD × strategy and
// OPD × aspect, the OPD ranking by overall capaian with its predikat, completeness and lateness
// of the quarter, and the flagged cells across the city. Each OPD is scored exactly as its own
// dashboard scores it (resolveDashboard with the OPD forced), so the numbers agree with the drill-
// down pages, which the links open with the OPD picker parameter (`opd=<id>`).
import { cachedRead } from '../services/cache.server'
import { completenessOf, resolveDashboard, scoreView, type ScoreView } from '../services/dashboard.server'
import type { SessionUser } from '../services/auth.server'
import { listOpd } from '../models/organisation.server'
import type { Executor } from '../utils/db.server'
import { ASPECTS, ASPECT_SHORT, STRATEGIES, STRATEGY_LABELS, FLAG_KIND_LABELS, periodToSearchParams, type Aspect, type Quarter, type Strategy } from '../domain'

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

export interface KotaView {
  periodLabel: string
  quarter: Quarter
  strategies: { key: Strategy; label: string }[]
  aspects: { key: Aspect; label: string }[]
  opds: KotaOpdRow[]
  /** The URL's period parameters (for the period links and the bundle download). */
  query: string
}

/** The city view for the period in the URL; null when the database holds no OPD. */
export async function kotaView(db: Executor, user: Pick<SessionUser, 'opdId'>, url: URL): Promise<KotaView | null> {
  const params = new URLSearchParams(url.searchParams)
  params.delete('opd')
  params.sort()
  // a city view reads every OPD: it depends on every OPD's data version (db/version.ts)
  return cachedRead(db, null, `view|kota|${params}`, () => kotaViewFresh(db, user, params))
}

async function kotaViewFresh(db: Executor, user: Pick<SessionUser, 'opdId'>, params: URLSearchParams): Promise<KotaView | null> {
  const opds = await listOpd(db)
  if (!opds.length) return null
  const rows: Omit<KotaOpdRow, 'rank'>[] = []
  let periodLabel = ''
  let quarter: Quarter = 4
  let query = ''
  for (const o of opds) {
    const url = new URL(`http://kota.local/?${params}`)
    const base = await resolveDashboard(db, user, url, { opdId: o.id })
    if (!base) continue
    const { bundle, ctx, settings, asOf } = base
    const r = bundle.result
    const period = ctx.period
    periodLabel ||= ctx.periodLabel
    query ||= new URLSearchParams(periodToSearchParams(period)).toString()
    quarter = (period.kind === 'triwulan' ? period.quarter : 4) as Quarter
    const c = await completenessOf(db, o.id, period.year, quarter, settings.scoring, asOf)
    const q = ctx.query // the period + opd=<id>
    rows.push({
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
    })
  }
  // ranking: highest overall capaian first; OPDs without data last, by name
  const ranked = [...rows].sort((x, y) => {
    if (x.overall.value === null || y.overall.value === null) return x.overall.value === null ? (y.overall.value === null ? x.name.localeCompare(y.name) : 1) : -1
    return y.overall.value - x.overall.value || x.name.localeCompare(y.name)
  })
  return {
    periodLabel,
    quarter,
    strategies: STRATEGIES.map((key) => ({ key, label: STRATEGY_LABELS[key] })),
    aspects: ASPECTS.map((key) => ({ key, label: ASPECT_SHORT[key] })),
    opds: ranked.map((row, i) => ({ ...row, rank: i + 1 })),
    query,
  }
}
