// The dashboards' shared scope: the OPD and the period read from the URL, scored through
// scoreScope (app/services/scoring.server.ts), and the read-cache wrapper every dashboard page
// goes through (cachedDashboardView), with the drawn charts kept beside the page's data (chartSet,
// pageData). The read models of the pages (beranda, sel, indikator, …) build on DashboardBase.
import type { SessionUser } from '../services/auth.server'
import { resolvePeriod, scoreScope, type ScoreBundle } from '../services/scoring.server'
import { cachedRead } from '../services/cache.server'
import type { Executor } from '../utils/db.server'
import { getSettings, type AppSettings } from '../models/settings.server'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import { isDemoOpd } from '../models/dashboard-read.server'
import { now } from '../utils/clock.server'
import type { ChartImageView, ChartSvg } from '../utils/view-types'
import { calendarDateIn, formatDateId, periodLabel, periodToSearchParams, type Period, type Quarter } from '../domain'
import { periodKeyOf } from '../utils/notes'

export interface PeriodPickerState {
  tahun: number
  triwulan: Quarter
  periode: Period['kind']
  years: number[]
  /** The chosen OPD when the OPD picker is shown. */
  opd: number | null
  /** Empty → no OPD picker (one OPD, or a user bound to their own OPD). */
  opdOptions: { id: number; name: string }[]
}

export interface DashboardContext {
  opd: { id: number; code: string; name: string; shortName: string | null }
  isDemo: boolean
  period: Period
  periodLabel: string
  /** evaluation_note.period_key of the period; null for a single quarter alone. */
  periodKey: string | null
  /** Query that reproduces the view (no leading '?'): tahun, triwulan[, periode][, opd]. */
  query: string
  /** Indonesian errors of invalid period parameters (the default period is shown instead). */
  errors: string[]
  picker: PeriodPickerState
  asOfText: string
}

// ---------------------------------------------------------------------------
// Context: OPD + period from the URL, the engine's scores
// ---------------------------------------------------------------------------

export interface DashboardBase {
  ctx: DashboardContext
  bundle: ScoreBundle
  settings: AppSettings
  opdId: number
  asOf: Date
}

export interface ResolveOptions {
  /** Only verified realisations (public page). */
  onlyVerified?: boolean
  /** Force this OPD (indicator page: the indicator's own OPD). */
  opdId?: number
  /** Only the indicators of one unit. */
  unitId?: number
}

/** Reads the OPD and the period from the URL and scores it; null when the database holds no OPD. */
export async function resolveDashboard(db: Executor, user: Pick<SessionUser, 'opdId'> | null, url: URL, options: ResolveOptions = {}): Promise<DashboardBase | null> {
  const params = url.searchParams
  const opds = await listOpd(db)
  const requestedOpd = Number(params.get('opd')) || null
  const userOpd = user ? user.opdId : null
  const opdId = options.opdId ?? (await resolveOpdId(db, userOpd, requestedOpd))
  if (opdId == null) return null
  const opdRow = opds.find((o) => o.id === opdId)
  if (!opdRow) return null
  // city-level users (and the public) choose among several OPDs; the indicator page fixes its own
  const cityLevel = userOpd == null && opds.length > 1
  const showOpdPicker = cityLevel && options.opdId == null

  const settings = await getSettings(db)
  const asOf = now()
  const choice = await resolvePeriod(db, opdId, params, settings.scoring, asOf)
  const bundle = await scoreScope(
    db,
    { opdId, onlyVerified: options.onlyVerified, ...(options.unitId != null ? { unitId: options.unitId } : {}) },
    choice.period,
    asOf,
    settings.scoring,
  )

  const period = choice.period
  const q = new URLSearchParams(periodToSearchParams(period))
  if (cityLevel && (requestedOpd === opdId || options.opdId != null)) q.set('opd', String(opdId))
  const years = new Set<number>()
  for (const r of choice.renstraPeriods) for (let y = r.startYear; y <= r.endYear; y++) years.add(y)
  years.add(period.year)

  const ctx: DashboardContext = {
    opd: { id: opdRow.id, code: opdRow.code, name: opdRow.name, shortName: opdRow.short_name },
    isDemo: await isDemoOpd(db, opdRow),
    period,
    periodLabel: periodLabel(period),
    periodKey: periodKeyOf(period),
    query: q.toString(),
    errors: choice.errors,
    picker: {
      tahun: period.year,
      triwulan: period.quarter,
      periode: period.kind,
      years: [...years].sort((a, b) => a - b),
      opd: showOpdPicker ? opdId : null,
      opdOptions: showOpdPicker ? opds.map((o) => ({ id: o.id, name: o.short_name ?? o.name })) : [],
    },
    asOfText: formatDateId(calendarDateIn(asOf, settings.scoring.timeZone)),
  }
  return { ctx, bundle, settings, opdId, asOf }
}

/**
 * A dashboard page's view for the user's OPD and the URL, from the read cache while the data
 * version and the 15-minute slot are unchanged (app/services/cache.server.ts). The view depends
 * on the user only through the OPD; null when the database holds no OPD.
 */
export async function cachedDashboardView<T>(
  db: Executor,
  page: string,
  user: Pick<SessionUser, 'opdId' | 'dataVersion'> | null,
  url: URL,
  build: (base: DashboardBase) => Promise<T>,
  options: ResolveOptions = {},
): Promise<T | null> {
  const params = new URLSearchParams(url.searchParams)
  params.sort()
  const key = `view|${page}|${user ? (user.opdId ?? 'kota') : 'publik'}|${params}|${JSON.stringify(options)}`
  // an OPD-bound user's view reads his OPD only; a city-level user's (or the public) may read any:
  // it depends on every OPD's version. The session's version is read for exactly this scope.
  return cachedRead(
    db,
    user?.opdId ?? null,
    key,
    async () => {
      const base = await resolveDashboard(db, user, url, options)
      return base ? build(base) : null
    },
    user ? user.dataVersion : undefined,
  )
}

/** The image of a drawn chart: served by /grafik/<id>.svg for the same query (app/routes/grafik.$chart.tsx). */
function chartImage(c: ChartSvg, query: string): ChartImageView {
  return { id: c.id, title: c.title, alt: c.alt, width: c.width, height: c.height, src: `/grafik/${c.id}.svg?${query}${query ? '&' : ''}h=${c.hash}` }
}

/**
 * Drawn charts as the page sees them (`charts`: images) and as the image route serves them
 * (`chartSvgs`: the drawn charts by id, which `pageData` leaves out of the page's data).
 */
export function chartSet<D extends Record<string, ChartSvg | ChartSvg[]>>(query: string, drawn: D) {
  const charts = {} as { [P in keyof D]: D[P] extends ChartSvg[] ? ChartImageView[] : ChartImageView }
  const chartSvgs: Record<string, ChartSvg> = {}
  for (const key of Object.keys(drawn) as (keyof D & string)[]) {
    const d = drawn[key]!
    for (const c of Array.isArray(d) ? d : [d]) chartSvgs[c.id] = c
    ;(charts as Record<string, unknown>)[key] = Array.isArray(d) ? d.map((c) => chartImage(c, query)) : chartImage(d, query)
  }
  return { charts, chartSvgs }
}

/** A cached view without the SVG documents (the page loads them as images). */
export function pageData<T extends { chartSvgs: Record<string, ChartSvg> }>(view: T | null): Omit<T, 'chartSvgs'> | null {
  if (!view) return null
  const { chartSvgs: _svgs, ...rest } = view
  return rest
}
