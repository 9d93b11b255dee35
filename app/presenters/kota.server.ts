// The city view (Bappeda, issue 17 item 4): every OPD side by side — capaian per OPD × strategy and
// OPD × aspect, the OPD ranking by overall capaian with its predikat, completeness and lateness
// of the quarter, and the flagged cells across the city. Each OPD is scored exactly as its own
// dashboard scores it (app/presenters/kota-rows.server.ts), so the numbers agree with the drill-
// down pages. Each OPD's row is cached on that OPD's data version; the rows missing from the
// cache (all of them cold, one after a save in one OPD) are computed together in one pass with a
// fixed number of queries, whatever the number of OPD.
import { cachedRead } from '../services/cache.server'
import type { SessionUser } from '../services/auth.server'
import { listOpd } from '../models/organisation.server'
import { listDataVersions } from '../models/data-version.server'
import type { Executor } from '../utils/db.server'
import { ASPECTS, ASPECT_SHORT, STRATEGIES, STRATEGY_LABELS, type Aspect, type Quarter, type Strategy } from '../domain'
import { kotaRowsOf, type KotaOpdRow } from './kota-rows.server'
import type { ScoreView } from './dashboard-views.server'

export type { KotaOpdRow } from './kota-rows.server'

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

/** Per OPD: the data version its row depends on (its own row + the city-wide row), one query for all. */
async function versionsByOpd(db: Executor): Promise<(opdId: number) => string> {
  const rows = await listDataVersions(db)
  const v = new Map(rows.map((r) => [Number(r.id), BigInt(String(r.version).replace(/\.0+$/, ''))]))
  const city = v.get(0) ?? 0n
  return (opdId) => (city + (v.get(opdId) ?? 0n)).toString()
}

async function kotaViewFresh(db: Executor, user: Pick<SessionUser, 'opdId'>, params: URLSearchParams): Promise<KotaView | null> {
  // the versions first, before any data (the read cache's rule): a row is never newer than its key
  const versionOf = await versionsByOpd(db)
  const opds = await listOpd(db)
  if (!opds.length) return null
  // each OPD's row is cached on that OPD's version: after a save in one OPD only its row is
  // computed again, the others come from the cache (city-wide writes recompute every row). The
  // rows missing from the cache are computed together, in one pass (kotaRowsOf).
  const load = batched((ids) => kotaRowsOf(db, user, opds, ids, params))
  const results = await Promise.all(opds.map((o) => cachedRead(db, o.id, `kota-row|${params}`, () => load(o.id), versionOf(o.id))))
  const rows: Omit<KotaOpdRow, 'rank'>[] = []
  let periodLabel = ''
  let quarter: Quarter = 4
  let query = ''
  for (const one of results) {
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
    aspects: ASPECTS.map((key) => ({ key, label: ASPECT_SHORT[key] })),
    opds: ranked.map((row, i) => ({ ...row, rank: i + 1 })),
    query,
  }
}

/**
 * One call of `run` for every id asked for within the same turn of the event loop (the cache asks
 * for each missing row synchronously, one OPD after another); an id asked for later starts a new
 * batch. Each caller gets its own id's value, or null when `run` returned none for it.
 */
function batched<T>(run: (ids: number[]) => Promise<Map<number, T>>): (id: number) => Promise<T | null> {
  let pending: { ids: number[]; done: Promise<Map<number, T>> } | null = null
  return (id) => {
    if (!pending) {
      const ids: number[] = []
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        pending = null
        return run(ids)
      })
      pending = { ids, done }
    }
    pending.ids.push(id)
    return pending.done.then((values) => values.get(id) ?? null)
  }
}

/**
 * What the /kota page sends to the browser: only what it shows. At 400 OPD the full view is
 * ≈ 1.5 MB of loader data; here a heatmap cell is its value, text and predikat key (labels once,
 * in `predikatLabels`), and a flagged cell its aspect, strategy, score and reasons (its label and
 * link follow from them and the OPD's link).
 */
export function kotaPageData(v: KotaView) {
  const predikatLabels: Record<string, string> = {}
  const cell = (s: ScoreView) => {
    predikatLabels[s.predikatKey] = s.predikatLabel
    return { value: s.value, text: s.text, predikatKey: s.predikatKey }
  }
  const opds = v.opds.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.shortName,
    rank: o.rank,
    overall: { ...cell(o.overall), predikatLabel: o.overall.predikatLabel },
    byStrategy: Object.fromEntries(STRATEGIES.map((s) => [s, cell(o.byStrategy[s])])) as Record<Strategy, PageCell>,
    byAspect: Object.fromEntries(ASPECTS.map((a) => [a, cell(o.byAspect[a])])) as Record<Aspect, PageCell>,
    completeness: o.completeness,
    href: o.href,
    flaggedHref: o.flaggedHref,
    flaggedCells: o.flaggedCells.map((c) => {
      predikatLabels[c.predikatKey] = c.predikatLabel
      return { aspect: c.aspect, strategy: c.strategy, text: c.text, predikatKey: c.predikatKey, reasons: c.reasons }
    }),
  }))
  return { periodLabel: v.periodLabel, quarter: v.quarter, strategies: v.strategies, aspects: v.aspects, query: v.query, predikatLabels, opds }
}

interface PageCell {
  value: number | null
  text: string
  predikatKey: string
}
