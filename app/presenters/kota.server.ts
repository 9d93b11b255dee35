// The city view (Bappeda, issue 17 item 4): every OPD side by side — capaian per OPD × strategy and
// OPD × aspect, the OPD ranking by overall capaian with its predikat, completeness and lateness
// of the quarter, and the flagged cells across the city. Each OPD is scored exactly as its own
// dashboard scores it (resolveDashboard with the OPD forced), so the numbers agree with the drill-
// down pages, which the links open with the OPD picker parameter (`opd=<id>`).
import { cachedRead } from '../services/cache.server'
import { resolveDashboard } from './dashboard-scope.server'
import { scoreView, type ScoreView } from './dashboard-views.server'
import { completenessOf } from './completeness.server'
import type { SessionUser } from '../services/auth.server'
import { listOpd } from '../models/organisation.server'
import type { Executor } from '../utils/db.server'
import { ASPECTS, ASPECT_LABELS, STRATEGIES, STRATEGY_LABELS, FLAG_KIND_LABELS, periodToSearchParams, type Aspect, type Quarter, type Strategy } from '../domain'

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

/** One OPD's row, scored exactly as its own dashboard scores it. */
async function kotaRow(
  db: Executor,
  user: Pick<SessionUser, 'opdId'>,
  o: { id: number; code: string; name: string; short_name: string | null },
  params: URLSearchParams,
): Promise<KotaRowResult | null> {
  const url = new URL(`http://kota.local/?${params}`)
  const base = await resolveDashboard(db, user, url, { opdId: o.id })
  if (!base) return null
  const { bundle, ctx, settings, asOf } = base
  const r = bundle.result
  const period = ctx.period
  const quarter = (period.kind === 'triwulan' ? period.quarter : 4) as Quarter
  const c = await completenessOf(db, o.id, period.year, quarter, settings.scoring, asOf)
  const q = ctx.query // the period + opd=<id>
  const row: Omit<KotaOpdRow, 'rank'> = {
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
            label: `${ASPECT_LABELS[a]} × ${STRATEGY_LABELS[s]}`,
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
  return { row, periodLabel: ctx.periodLabel, quarter, query: new URLSearchParams(periodToSearchParams(period)).toString() }
}

/** Per OPD: the data version its row depends on (its own row + the city-wide row), one query for all. */
async function versionsByOpd(db: Executor): Promise<(opdId: number) => string> {
  const rows = await db.selectFrom('data_version').select(['id', 'version']).execute()
  const v = new Map(rows.map((r) => [Number(r.id), BigInt(String(r.version).replace(/\.0+$/, ''))]))
  const city = v.get(0) ?? 0n
  return (opdId) => (city + (v.get(opdId) ?? 0n)).toString()
}

interface KotaRowResult {
  row: Omit<KotaOpdRow, 'rank'>
  periodLabel: string
  quarter: Quarter
  query: string
}

async function kotaViewFresh(db: Executor, user: Pick<SessionUser, 'opdId'>, params: URLSearchParams): Promise<KotaView | null> {
  // the versions first, before any data (the read cache's rule): a row is never newer than its key
  const versionOf = await versionsByOpd(db)
  const opds = await listOpd(db)
  if (!opds.length) return null
  const rows: Omit<KotaOpdRow, 'rank'>[] = []
  let periodLabel = ''
  let quarter: Quarter = 4
  let query = ''
  for (const o of opds) {
    // each OPD's row is cached on that OPD's version: after a save in one OPD only its row is
    // computed again, the others come from the cache (city-wide writes recompute every row)
    const one = await cachedRead(db, o.id, `kota-row|${params}`, () => kotaRow(db, user, o, params), versionOf(o.id))
    if (!one) continue
    periodLabel ||= one.periodLabel
    query ||= one.query
    quarter = one.quarter
    rows.push(one.row)
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
    aspects: ASPECTS.map((key) => ({ key, label: ASPECT_LABELS[key] })),
    opds: ranked.map((row, i) => ({ ...row, rank: i + 1 })),
    query,
  }
}
