// Presenter for the dashboards (beranda, drill-down, indicator page, presentasi, perlu perhatian,
// public page): reads the OPD and the period from the URL, scores through scoreScope, and shapes
// the engine's numbers for the screen. It never computes a score itself: every value is the
// engine's (unrounded, next to its id-ID text), so a test can compare it with scoreScope.
import type { SessionUser } from './auth.server'
import { resolvePeriod, scoreScope, type ScoreBundle } from './scoring.server'
import type { Executor } from '../utils/db.server'
import { getSettings, type AppSettings } from '../models/settings.server'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import { listNotes, type NoteRow } from '../models/notes.server'
import { now } from '../utils/clock.server'
import { cachedRead } from './cache.server'
import { openWorkOf, type OpenWork } from './open-work.server'
import { barUnitSvg, radarSvg, trendSvg, type ChartSvg } from './charts.server'
import type { ChartImageView } from '../utils/view-types'
import { fromDbTime } from '../../db/time'
import { DEMO_OPD_CODE } from '../../seeds/demo-data'
import {
  ASPECTS,
  STRATEGIES,
  FLAG_KIND_LABELS,
  ASPECT_LABELS,
  ASPECT_NAMES,
  STRATEGY_LABELS,
  attentionThreshold,
  calendarDateIn,
  currentQuarterOf,
  deadlineOf,
  dueDateLabel,
  EMPTY_VALUE,
  formatDateId,
  formatNumber,
  indicatorResult,
  isBelowAttention,
  lastDueQuarterOf,
  periodLabel,
  periodQuarters,
  periodToSearchParams,
  quarterLabel,
  quarterTarget,
  sortBands,
  RENSTRA_MODE_HINTS,
  RENSTRA_MODE_LABELS,
  STATUS_LABELS,
  type Aspect,
  type Flag,
  type FlagKind,
  type IndicatorInput,
  type IndicatorResult,
  type Period,
  type Quarter,
  type Score,
  type ScoringSettings,
  type Strategy,
} from '../domain'
import { judgementDisagreement, JUDGEMENT_TEXT, periodKeyOf } from '../utils/notes'
import { POLA_UKUR_LABELS, POLARITY_SHORT, STATUS_LABELS as WORKFLOW_LABELS } from '../utils/labels'
import { ROLE_LABELS, type Role } from '../utils/permissions'

export const NO_DATA = 'Belum ada data'

// ---------------------------------------------------------------------------
// View types (shared with the route components through `import type`)
// ---------------------------------------------------------------------------

export interface ScoreView {
  /** The engine's unrounded value; null = belum ada data (never 0). */
  value: number | null
  /** Two decimals id-ID ("62,00"), or "Belum ada data". */
  text: string
  /** Band key for the colour class p-<key>; 'none' without a value. */
  predikatKey: string
  /** Band label in words ("Rendah"), or "Belum ada data". */
  predikatLabel: string
  indicatorCount: number
  scoredCount: number
  /** Codes of the indicators without a capaian. */
  missing: string[]
}

export interface FlagView {
  kind: FlagKind
  kindLabel: string
  reason: string
  aspect: Aspect | null
  strategy: Strategy | null
  indicatorId: number | null
  indicatorCode: string | null
}

export interface NoteView {
  id: number
  judgement: NoteRow['judgement']
  judgementLabel: string
  kendala: string | null
  rekomendasi: string | null
  version: number
  updatedAtText: string
  updatedByName: string | null
}

export interface CellView extends ScoreView {
  aspect: Aspect
  strategy: Strategy
  aspectLabel: string
  strategyLabel: string
  /** Cell flags (1–3) with their reasons. */
  flags: FlagView[]
  /** Indicator flags (terlambat, bukti rilis kosong) of the indicators in the cell. */
  indicatorFlags: FlagView[]
  note: NoteView | null
  /** The meeting's judgement contradicts the score (in words), or null. */
  disagreement: string | null
  /** Drill-down link keeping the period query. */
  href: string
}

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

export interface RadarDatum {
  strategy: Strategy
  label: string
  value: number | null
  text: string
  predikatLabel: string
}

export interface UnitScoreView extends ScoreView {
  unitId: number
  unitName: string
}

export interface TrendView {
  strategies: { strategy: Strategy; label: string }[]
  points: { year: number; label: string; values: Record<Strategy, number | null>; texts: Record<Strategy, string> }[]
}

export type EntryState = 'lengkap' | 'terlambat_dientri' | 'draf' | 'dikembalikan' | 'terlambat' | 'belum_jatuh_tempo' | 'menunggu_rilis'

export interface CompletenessItem {
  indicatorId: number
  code: string
  name: string
  state: EntryState
  stateLabel: string
}

export interface CompletenessUnit {
  unitId: number
  unitName: string
  total: number
  reported: number
  late: number
  pending: number
  waitingRelease: number
  /** Indicators not (yet) reported on time: missing, late, draft, returned, waiting for release. */
  items: CompletenessItem[]
}

export interface CompletenessView {
  year: number
  quarter: Quarter
  label: string
  deadlineText: string
  pastDeadline: boolean
  units: CompletenessUnit[]
  totals: { total: number; reported: number; late: number; pending: number; waitingRelease: number }
}

export interface PredikatCountView {
  key: string
  label: string
  count: number
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
export async function resolveDashboard(
  db: Executor,
  user: Pick<SessionUser, 'opdId'> | null,
  url: URL,
  options: ResolveOptions = {},
): Promise<DashboardBase | null> {
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
    isDemo: opdRow.code === DEMO_OPD_CODE,
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

// ---------------------------------------------------------------------------
// Shaping helpers
// ---------------------------------------------------------------------------

export function scoreView(s: Score): ScoreView {
  return {
    value: s.value,
    text: s.value === null ? NO_DATA : formatNumber(s.value),
    predikatKey: s.predikat?.key ?? 'none',
    predikatLabel: s.predikat?.label ?? NO_DATA,
    indicatorCount: s.indicatorCount,
    scoredCount: s.scoredCount,
    missing: s.missing,
  }
}

export function flagView(f: Flag): FlagView {
  return {
    kind: f.kind,
    kindLabel: FLAG_KIND_LABELS[f.kind],
    reason: f.reason,
    aspect: f.aspect ?? null,
    strategy: f.strategy ?? null,
    indicatorId: f.indicatorId ?? null,
    indicatorCode: f.indicatorCode ?? null,
  }
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' UTC → "20 Januari 2026 10.00 WIB" (in the configured zone). */
export function formatDbTime(value: string | null | undefined, timeZone = 'Asia/Jakarta'): string {
  const d = fromDbTime(value ?? null)
  if (!d || Number.isNaN(d.getTime())) return '–'
  const day = formatDateId(calendarDateIn(d, timeZone))
  const time = new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
  const zone = timeZone === 'Asia/Jakarta' ? 'WIB' : timeZone === 'Asia/Makassar' ? 'WITA' : timeZone === 'Asia/Jayapura' ? 'WIT' : timeZone
  return `${day} ${time} ${zone}`
}

export function noteView(n: NoteRow, timeZone: string): NoteView {
  return {
    id: n.id,
    judgement: n.judgement,
    judgementLabel: JUDGEMENT_TEXT[n.judgement],
    kendala: n.kendala,
    rekomendasi: n.rekomendasi,
    version: n.version,
    updatedAtText: formatDbTime(n.updatedAt, timeZone),
    updatedByName: n.updatedByName,
  }
}

const cellKey = (a: string, s: string) => `${a}:${s}`

export function cellHref(aspect: Aspect, strategy: Strategy, query: string): string {
  return `/beranda/sel/${aspect}/${strategy}${query ? `?${query}` : ''}`
}

/** The 3 × 5 cells of the heatmap, with flags, the meeting note and disagreement. */
export function cellViews(bundle: ScoreBundle, notes: NoteRow[], query: string, options: { withFlags?: boolean } = {}): CellView[][] {
  const withFlags = options.withFlags ?? true
  const r = bundle.result
  const noteByCell = new Map(notes.map((n) => [cellKey(n.aspect, n.strategy), n]))
  return ASPECTS.map((aspect) =>
    STRATEGIES.map((strategy) => {
      const score = r.cells[aspect][strategy]
      const view = scoreView(score)
      const note = noteByCell.get(cellKey(aspect, strategy)) ?? null
      const flags = withFlags ? r.flags.filter((f) => f.aspect === aspect && f.strategy === strategy) : []
      return {
        ...view,
        aspect,
        strategy,
        aspectLabel: ASPECT_LABELS[aspect],
        strategyLabel: STRATEGY_LABELS[strategy],
        flags: flags.filter((f) => f.indicatorId === undefined).map(flagView),
        indicatorFlags: flags.filter((f) => f.indicatorId !== undefined).map(flagView),
        note: note ? noteView(note, bundle.settings.timeZone) : null,
        disagreement: note ? judgementDisagreement(note.judgement, score.value, score.predikat, bundle.settings.bands) : null,
        href: cellHref(aspect, strategy, query),
      }
    }),
  )
}

export function radarData(cells: CellView[][]): { aspect: Aspect; label: string; name: string; data: RadarDatum[] }[] {
  return ASPECTS.map((aspect, i) => ({
    aspect,
    label: ASPECT_LABELS[aspect],
    name: ASPECT_NAMES[aspect],
    data: cells[i]!.map((c) => ({ strategy: c.strategy, label: c.strategyLabel.replace(/^Strategi /, ''), value: c.value, text: c.text, predikatLabel: c.predikatLabel })),
  }))
}

export function trendView(bundle: ScoreBundle): TrendView {
  return {
    strategies: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s] })),
    points: bundle.trend.map((t) => {
      const values = {} as Record<Strategy, number | null>
      const texts = {} as Record<Strategy, string>
      for (const s of STRATEGIES) {
        values[s] = t.byStrategy[s].value
        texts[s] = t.byStrategy[s].value === null ? NO_DATA : formatNumber(t.byStrategy[s].value)
      }
      return { year: t.period.year, label: t.label, values, texts }
    }),
  }
}

/** Indicators per band, best first, plus those without a predikat grouped by status. */
export function predikatCountsView(bundle: ScoreBundle): { bands: PredikatCountView[]; without: PredikatCountView[] } {
  const bands = sortBands(bundle.settings.bands).reverse()
  const without = new Map<string, PredikatCountView>()
  for (const r of bundle.result.indicators) {
    if (r.predikat) continue
    const e = without.get(r.status) ?? { key: r.status, label: STATUS_LABELS[r.status], count: 0 }
    e.count++
    without.set(r.status, e)
  }
  return {
    bands: bands.map((b) => ({ key: b.key, label: b.label, count: bundle.result.predikatCounts[b.key] ?? 0 })),
    without: [...without.values()],
  }
}

// ---------------------------------------------------------------------------
// Entry completeness of one quarter per bidang
// ---------------------------------------------------------------------------

const ENTRY_LABELS: Record<EntryState, string> = {
  lengkap: 'Sudah dilaporkan',
  terlambat_dientri: 'Dilaporkan setelah batas waktu',
  draf: 'Masih draf, belum diajukan',
  dikembalikan: 'Dikembalikan untuk diperbaiki',
  terlambat: 'Terlambat: belum dilaporkan dan batas waktu sudah lewat',
  belum_jatuh_tempo: 'Belum dilaporkan (belum jatuh tempo)',
  menunggu_rilis: 'Menunggu rilis lembaga',
}

export async function completenessOf(db: Executor, opdId: number, year: number, quarter: Quarter, settings: ScoringSettings, asOf: Date): Promise<CompletenessView> {
  const deadline = deadlineOf(year, quarter, settings.deadlineDays, settings.timeZone)
  const pastDeadline = asOf.getTime() > deadline.getTime()
  const indicators = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.code', 'i.name', 'i.pola_ukur', 'i.unit_id', 'u.name as unit_name', 'u.short_name as unit_short'])
    .where('p.opd_id', '=', opdId)
    .where('p.start_year', '<=', year)
    .where('p.end_year', '>=', year)
    .where('i.deleted_at', 'is', null)
    .orderBy('u.sort_order')
    .orderBy('u.name')
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute()
  const ids = indicators.map((i) => i.id)
  const rows = ids.length
    ? await db
        .selectFrom('realisasi')
        .select(['indicator_id', 'status', 'is_late', 'is_historical'])
        .where('indicator_id', 'in', ids)
        .where('year', '=', year)
        .where('quarter', '=', quarter)
        .execute()
    : []
  const rowOf = new Map(rows.map((r) => [r.indicator_id, r]))

  const units = new Map<number, CompletenessUnit>()
  const totals = { total: 0, reported: 0, late: 0, pending: 0, waitingRelease: 0 }
  for (const ind of indicators) {
    const row = rowOf.get(ind.id)
    let state: EntryState
    let label: string | null = null
    if (row && (row.status === 'diajukan' || row.status === 'diverifikasi')) {
      state = row.is_late === 1 && row.is_historical !== 1 && ind.pola_ukur !== 'rilis' ? 'terlambat_dientri' : 'lengkap'
    } else if (row) {
      if (pastDeadline && ind.pola_ukur !== 'rilis') {
        state = 'terlambat'
        label = `Terlambat: ${row.status === 'dikembalikan' ? 'dikembalikan dan belum diajukan ulang' : 'masih draf'}, batas waktu sudah lewat`
      } else state = row.status === 'dikembalikan' ? 'dikembalikan' : 'draf'
    } else if (ind.pola_ukur === 'rilis') state = 'menunggu_rilis'
    else state = pastDeadline ? 'terlambat' : 'belum_jatuh_tempo'

    let u = units.get(ind.unit_id)
    if (!u) {
      u = { unitId: ind.unit_id, unitName: ind.unit_short ?? ind.unit_name, total: 0, reported: 0, late: 0, pending: 0, waitingRelease: 0, items: [] }
      units.set(ind.unit_id, u)
    }
    u.total++
    totals.total++
    if (state === 'lengkap' || state === 'terlambat_dientri') {
      u.reported++
      totals.reported++
    }
    if (state === 'terlambat' || state === 'terlambat_dientri') {
      u.late++
      totals.late++
    }
    if (state === 'draf' || state === 'dikembalikan' || state === 'belum_jatuh_tempo') {
      u.pending++
      totals.pending++
    }
    if (state === 'menunggu_rilis') {
      u.waitingRelease++
      totals.waitingRelease++
    }
    if (state !== 'lengkap') u.items.push({ indicatorId: ind.id, code: ind.code, name: ind.name, state, stateLabel: label ?? ENTRY_LABELS[state] })
  }
  return {
    year,
    quarter,
    label: `${quarterLabel(quarter)} ${year}`,
    deadlineText: dueDateLabel(year, quarter, settings.deadlineDays),
    pastDeadline,
    units: [...units.values()],
    totals,
  }
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

/** The current quarter, and the last quarter past its deadline when that is another one. */
export async function completenessViews(db: Executor, opdId: number, settings: ScoringSettings, asOf: Date): Promise<CompletenessView[]> {
  const cur = currentQuarterOf(asOf, settings.timeZone)
  const due = lastDueQuarterOf(asOf, settings.deadlineDays, settings.timeZone)
  const out = [await completenessOf(db, opdId, cur.year, cur.quarter, settings, asOf)]
  if (due.year !== cur.year || due.quarter !== cur.quarter) out.push(await completenessOf(db, opdId, due.year, due.quarter, settings, asOf))
  return out
}

/** The image of a drawn chart: served by /grafik/<id>.svg for the same query (app/routes/grafik.$chart.tsx). */
function chartImage(c: ChartSvg, query: string): ChartImageView {
  return { id: c.id, title: c.title, alt: c.alt, width: c.width, height: c.height, src: `/grafik/${c.id}.svg?${query}${query ? '&' : ''}h=${c.hash}` }
}

/**
 * Drawn charts as the page sees them (`charts`: images) and as the image route serves them
 * (`chartSvgs`: the drawn charts by id, which `pageData` leaves out of the page's data).
 */
function chartSet<D extends Record<string, ChartSvg | ChartSvg[]>>(query: string, drawn: D) {
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

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

async function notesOf(db: Executor, base: DashboardBase): Promise<NoteRow[]> {
  return base.ctx.periodKey ? listNotes(db, base.opdId, base.ctx.periodKey) : []
}

/** The beranda's numbers and texts, without its charts (the projector draws its own). */
async function berandaData(db: Executor, base: DashboardBase) {
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
    aspects: ASPECTS.map((a) => ({ aspect: a, label: ASPECT_LABELS[a], name: ASPECT_NAMES[a] })),
    cells,
    byStrategy: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s], ...scoreView(r.byStrategy[s]) })),
    byAspect: ASPECTS.map((a) => ({ aspect: a, label: ASPECT_LABELS[a], ...scoreView(r.byAspect[a]) })),
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
export async function berandaView(db: Executor, base: DashboardBase) {
  const v = await berandaData(db, base)
  const chart = { max: v.cap, threshold: v.threshold }
  return {
    ...v,
    ...chartSet(v.query, {
      radar: v.radar.map((a) => radarSvg({ ...chart, id: `radar-${a.aspect}`, title: `Aspek ${a.label}`, data: a.data })),
      byUnit: barUnitSvg({ ...chart, id: 'bar-unit', title: `Skor per bidang, ${v.periodLabel}`, data: v.byUnit }),
      trend: trendSvg({ ...chart, id: 'trend-strategi', title: `Tren skor lima strategi ${v.trend.points[0]?.year ?? ''}–${v.period.year} (posisi periode yang sama tiap tahun)`, data: v.trend }),
    }),
  }
}
export type BerandaView = Awaited<ReturnType<typeof berandaView>>

export interface IndicatorRowView {
  id: number
  code: string
  name: string
  unitName: string
  satuan: string
  polarity: string
  polaUkur: string
  target: number | null
  targetText: string
  realisasi: number | null
  realisasiText: string
  capaianRaw: number | null
  capaianCapped: number | null
  capaianText: string
  predikatKey: string
  predikatLabel: string
  /** The computed status (ok, belum lapor, menunggu rilis, tidak dapat dihitung, tidak diukur). */
  status: IndicatorResult['status']
  /** Late (a quarter missing after its deadline or entered late), apart from the status. */
  late: boolean
  /** Status as shown, lateness included: "Tidak dapat dihitung · terlambat". */
  statusLabel: string
  narratives: { quarter: number; quarterLabel: string; kendala: string | null; tindakLanjut: string | null; status: string }[]
  flags: FlagView[]
  href: string
}

function valueText(v: number | null): string {
  return v === null ? '–' : formatNumber(v)
}

/** Shown in the Capaian column for a target-0 `naik` indicator (domain §4). */
export const NOT_COMPUTABLE_TEXT = 'tidak dapat dihitung'

/**
 * The Capaian column: the raw capaian, "tidak dapat dihitung" when there is a realisation but no
 * capaian, else "–". Never a status word (belum lapor, terlambat …): those stand in the Status column.
 */
export function capaianText(r: Pick<IndicatorResult, 'capaianRaw' | 'status'>): string {
  if (r.capaianRaw !== null) return `${formatNumber(r.capaianRaw)}%`
  return r.status === 'tidak_dapat_dihitung' ? NOT_COMPUTABLE_TEXT : EMPTY_VALUE
}

/** The Predikat column: the band's label, else "–" (never a status word). */
export function predikatText(r: Pick<IndicatorResult, 'predikat'>): string {
  return r.predikat?.label ?? EMPTY_VALUE
}

function indicatorRowView(ind: IndicatorInput, r: IndicatorResult, query: string, flags: Flag[]): IndicatorRowView {
  return {
    id: ind.id,
    code: ind.code,
    name: ind.name,
    unitName: ind.unitName,
    satuan: ind.unit,
    polarity: POLARITY_SHORT[ind.polarity],
    polaUkur: POLA_UKUR_LABELS[ind.polaUkur],
    target: r.target,
    targetText: valueText(r.target),
    realisasi: r.realisasi,
    realisasiText: valueText(r.realisasi),
    capaianRaw: r.capaianRaw,
    capaianCapped: r.capaianCapped,
    capaianText: capaianText(r),
    predikatKey: r.predikat?.key ?? 'none',
    predikatLabel: predikatText(r),
    status: r.status,
    late: r.late,
    statusLabel: r.statusLabel,
    narratives: [],
    flags: flags.filter((f) => f.indicatorId === ind.id).map(flagView),
    href: `/indikator/${ind.id}${query ? `?${query}` : ''}`,
  }
}

/** Kendala / tindak lanjut written on the realisations of the period (its year, its quarters). */
async function narrativesOf(db: Executor, ids: number[], period: Period) {
  if (!ids.length) return []
  const quarters = periodQuarters(period)
  return db
    .selectFrom('realisasi')
    .select(['indicator_id', 'quarter', 'kendala', 'tindak_lanjut', 'status'])
    .where('indicator_id', 'in', ids)
    .where('year', '=', period.year)
    .where('quarter', 'in', quarters)
    .where((eb) => eb.or([eb('kendala', 'is not', null), eb('tindak_lanjut', 'is not', null)]))
    .orderBy('indicator_id')
    .orderBy('quarter')
    .execute()
}

export async function cellPageView(db: Executor, base: DashboardBase, aspect: Aspect, strategy: Strategy) {
  const { bundle, ctx } = base
  const r = bundle.result
  const cells = cellViews(bundle, await notesOf(db, base), ctx.query)
  const cell = cells[ASPECTS.indexOf(aspect)]![STRATEGIES.indexOf(strategy)]!
  const resultById = new Map(r.indicators.map((x) => [x.indicatorId, x]))
  const inputs = bundle.data.indicators.filter((i) => i.aspect === aspect && i.strategy === strategy)
  const rows = inputs.map((ind) => indicatorRowView(ind, resultById.get(ind.id)!, ctx.query, r.flags))
  const narratives = await narrativesOf(db, inputs.map((i) => i.id), ctx.period)
  for (const n of narratives) {
    const row = rows.find((x) => x.id === n.indicator_id)
    if (!row) continue
    const kendala = n.kendala?.trim() || null
    const tindakLanjut = n.tindak_lanjut?.trim() || null
    if (!kendala && !tindakLanjut) continue
    row.narratives.push({ quarter: n.quarter, quarterLabel: `${quarterLabel(n.quarter)} ${ctx.period.year}`, kendala, tindakLanjut, status: WORKFLOW_LABELS[n.status] ?? n.status })
  }
  return {
    ...ctx,
    cell,
    indicators: rows,
    threshold: attentionThreshold(bundle.settings.bands),
  }
}
export type CellPageView = Awaited<ReturnType<typeof cellPageView>>

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

export async function presentasiView(db: Executor, base: DashboardBase) {
  const beranda = await berandaData(db, base)
  const flagged = beranda.cells.flat().filter((c) => c.flags.length > 0)
  return {
    ...beranda,
    // one slide per aspect: a radar drawn for the projector (larger, ≥ 22 px text)
    ...chartSet(beranda.query, {
      slideRadar: beranda.radar.map((a) =>
        radarSvg({ id: `slide-radar-${a.aspect}`, title: `Lima strategi, aspek ${a.label}`, data: a.data, max: beranda.cap, threshold: beranda.threshold, width: 720, height: 500, fontSize: 22 }),
      ),
    }),
    flagged,
  }
}
export type PresentasiView = Awaited<ReturnType<typeof presentasiView>>

// ---------------------------------------------------------------------------
// Indicator page
// ---------------------------------------------------------------------------

/** The OPD an indicator belongs to (through its Renstra period); null when it does not exist. */
export async function indicatorOpd(db: Executor, indicatorId: number): Promise<{ opdId: number; unitId: number } | null> {
  const row = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['p.opd_id', 'i.unit_id'])
    .where('i.id', '=', indicatorId)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst()
  return row ? { opdId: row.opd_id, unitId: row.unit_id } : null
}

function safeHttpLink(link: string | null): string | null {
  if (!link) return null
  try {
    const u = new URL(link)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null
  } catch {
    return null
  }
}

const AUDIT_HIDDEN_KEYS = new Set(['updated_at', 'created_at'])

function auditChanges(beforeJson: string | null, afterJson: string | null): string[] {
  const parse = (s: string | null): Record<string, unknown> => {
    if (!s) return {}
    try {
      const v = JSON.parse(s)
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { nilai: v }
    } catch {
      return {}
    }
  }
  const b = parse(beforeJson)
  const a = parse(afterJson)
  const show = (v: unknown) => {
    if (v === null || v === undefined || v === '') return '–'
    const s = typeof v === 'string' ? v : JSON.stringify(v)
    return s.length > 80 ? `${s.slice(0, 77)}…` : s
  }
  const out: string[] = []
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (AUDIT_HIDDEN_KEYS.has(k)) continue
    if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue
    out.push(k in b ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`)
  }
  return out
}

export async function indicatorPageView(db: Executor, base: DashboardBase, indicatorId: number) {
  const { bundle, ctx } = base
  const settings = bundle.settings
  const input = bundle.data.indicators.find((i) => i.id === indicatorId)
  if (!input) return null
  const result = bundle.result.indicators.find((r) => r.indicatorId === indicatorId)!
  const detail = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .leftJoin('sasaran as s', 's.id', 'i.sasaran_id')
    .leftJoin('program as g', 'g.id', 'i.program_id')
    .select(['i.baseline', 'i.baseline_year', 'i.target_akhir', 'i.definition', 'p.name as period_name', 'p.start_year', 'p.end_year', 's.code as sasaran_code', 's.name as sasaran_name', 'g.code as program_code', 'g.name as program_name'])
    .where('i.id', '=', indicatorId)
    .executeTakeFirstOrThrow()
  const engineRows = bundle.data.realisasi.filter((x) => x.indicatorId === indicatorId)
  const startYear = detail.start_year
  const renstraYears: number[] = []
  for (let y = detail.start_year; y <= detail.end_year; y++) renstraYears.push(y)

  const perYear = renstraYears.map((year) => {
    const yr = indicatorResult(input, engineRows, { kind: 'triwulan', year, quarter: 4 }, settings, base.asOf, { renstraStartYear: startYear })
    return {
      year,
      target: input.annualTargets[year] ?? null,
      targetText: valueText(input.annualTargets[year] ?? null),
      realisasi: yr.realisasi,
      realisasiText: valueText(yr.realisasi),
      capaianText: capaianText(yr),
      capaianRaw: yr.capaianRaw,
      predikatKey: yr.predikat?.key ?? 'none',
      predikatLabel: predikatText(yr),
      status: yr.status,
      late: yr.late,
      statusLabel: yr.statusLabel,
    }
  })

  const dbRows = await db
    .selectFrom('realisasi as r')
    .leftJoin('app_user as ue', 'ue.id', 'r.entered_by')
    .leftJoin('app_user as us', 'us.id', 'r.submitted_by')
    .leftJoin('app_user as uv', 'uv.id', 'r.verified_by')
    .select([
      'r.id', 'r.year', 'r.quarter', 'r.value', 'r.tidak_diukur', 'r.bukti_text', 'r.bukti_link', 'r.bukti_internal', 'r.kendala', 'r.tindak_lanjut',
      'r.status', 'r.return_note', 'r.is_late', 'r.version', 'r.entered_at', 'r.submitted_at', 'r.verified_at',
      'ue.full_name as entered_name', 'us.full_name as submitted_name', 'uv.full_name as verified_name',
    ])
    .where('r.indicator_id', '=', indicatorId)
    .orderBy('r.year')
    .orderBy('r.quarter')
    .execute()

  const year = ctx.period.year
  const tz = settings.timeZone
  const quarters = ([1, 2, 3, 4] as Quarter[]).map((q) => {
    const row = dbRows.find((x) => x.year === year && x.quarter === q)
    const qr = indicatorResult(input, engineRows, { kind: 'satu_triwulan', year, quarter: q }, settings, base.asOf, { renstraStartYear: startYear })
    const target = quarterTarget(input, year, q)
    return {
      quarter: q,
      label: quarterLabel(q),
      target,
      targetText: valueText(target),
      valueText: row ? (row.tidak_diukur === 1 ? 'Tidak diukur' : valueText(row.value == null ? null : Number(row.value))) : '–',
      capaianText: capaianText(qr),
      predikatKey: qr.predikat?.key ?? 'none',
      predikatLabel: predikatText(qr),
      workflow: row ? (WORKFLOW_LABELS[row.status] ?? row.status) : qr.missingQuarters.length ? 'Belum ada entri · terlambat' : 'Belum ada entri',
      workflowKey: row?.status ?? null,
      isLate: row?.is_late === 1,
      deadlineText: dueDateLabel(year, q, settings.deadlineDays),
    }
  })

  const entries = dbRows.map((r) => ({
    id: r.id,
    period: `${quarterLabel(r.quarter)} ${r.year}`,
    year: r.year,
    quarter: r.quarter,
    valueText: r.tidak_diukur === 1 ? 'Tidak diukur' : valueText(r.value == null ? null : Number(r.value)),
    status: WORKFLOW_LABELS[r.status] ?? r.status,
    statusKey: r.status,
    isLate: r.is_late === 1,
    buktiText: r.bukti_text,
    buktiLink: safeHttpLink(r.bukti_link),
    buktiLinkRaw: r.bukti_link,
    buktiInternal: r.bukti_internal === 1,
    kendala: r.kendala,
    tindakLanjut: r.tindak_lanjut,
    returnNote: r.return_note,
    version: r.version,
    entered: r.entered_at ? `${r.entered_name ?? '–'}, ${formatDbTime(r.entered_at, tz)}` : '–',
    submitted: r.submitted_at ? `${r.submitted_name ?? '–'}, ${formatDbTime(r.submitted_at, tz)}` : '–',
    verified: r.verified_at ? `${r.verified_name ?? '–'}, ${formatDbTime(r.verified_at, tz)}` : '–',
  }))

  const ids = dbRows.map((r) => String(r.id))
  const auditRows = ids.length
    ? await db
        .selectFrom('audit_log')
        .select(['id', 'occurred_at', 'actor_username', 'actor_role', 'entity_id', 'action', 'reason', 'before_json', 'after_json'])
        .where('entity', '=', 'realisasi')
        .where('entity_id', 'in', ids)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute()
    : []
  const periodOfRow = new Map(dbRows.map((r) => [String(r.id), `${quarterLabel(r.quarter)} ${r.year}`]))
  const history = auditRows.map((a) => ({
    id: a.id,
    when: formatDbTime(a.occurred_at, tz),
    actor: a.actor_username ?? 'sistem',
    role: a.actor_role ? (ROLE_LABELS[a.actor_role as Role] ?? a.actor_role) : '–',
    action: a.action,
    period: periodOfRow.get(a.entity_id ?? '') ?? '–',
    reason: a.reason,
    changes: auditChanges(a.before_json, a.after_json),
  }))

  return {
    ...ctx,
    indicator: {
      id: input.id,
      code: input.code,
      name: input.name,
      satuan: input.unit,
      polarity: POLARITY_SHORT[input.polarity],
      polaUkur: POLA_UKUR_LABELS[input.polaUkur],
      aspect: input.aspect,
      aspectLabel: ASPECT_LABELS[input.aspect],
      strategy: input.strategy,
      strategyLabel: STRATEGY_LABELS[input.strategy],
      unitName: input.unitName,
      weight: input.weight,
      baselineText: valueText(detail.baseline == null ? null : Number(detail.baseline)),
      baselineYear: detail.baseline_year,
      targetAkhirText: valueText(detail.target_akhir == null ? null : Number(detail.target_akhir)),
      definition: detail.definition,
      periodName: detail.period_name.includes(String(detail.start_year)) ? detail.period_name : `${detail.period_name} (${detail.start_year}–${detail.end_year})`,
      sasaran: detail.sasaran_code ? `${detail.sasaran_code} ${detail.sasaran_name}` : null,
      program: detail.program_code ? `${detail.program_code} ${detail.program_name}` : null,
      cellHref: cellHref(input.aspect, input.strategy, ctx.query),
    },
    current: indicatorRowView(input, result, ctx.query, bundle.result.flags),
    renstra: {
      mode: result.renstra.mode,
      modeLabel: RENSTRA_MODE_LABELS[result.renstra.mode],
      modeHint: RENSTRA_MODE_HINTS[result.renstra.mode],
      target: result.renstra.target,
      targetText: valueText(result.renstra.target),
      realisasi: result.renstra.realisasi,
      realisasiText: valueText(result.renstra.realisasi),
      capaian: result.renstra.capaian,
      capaianText: result.renstra.capaian === null ? NO_DATA : `${formatNumber(result.renstra.capaian)}%`,
    },
    perYear,
    quarters,
    entries,
    history,
  }
}
export type IndicatorPageView = NonNullable<Awaited<ReturnType<typeof indicatorPageView>>>

// ---------------------------------------------------------------------------
// Public page: verified results and strategy scores only
// ---------------------------------------------------------------------------

export async function publicView(db: Executor, base: DashboardBase) {
  const { bundle, ctx } = base
  const r = bundle.result
  // public cells: no notes, no flags, no links
  const cells = cellViews(bundle, [], '', { withFlags: false }).map((row) => row.map((c) => ({ ...c, href: '', note: null, disagreement: null })))
  const ids = bundle.data.indicators.map((i) => i.id)
  const quarters = periodQuarters(ctx.period)
  const evidence = ids.length
    ? await db
        .selectFrom('realisasi')
        .select(['indicator_id', 'quarter', 'bukti_link'])
        .where('indicator_id', 'in', ids)
        .where('year', '=', ctx.period.year)
        .where('quarter', 'in', quarters)
        .where('status', '=', 'diverifikasi')
        .where('bukti_internal', '=', 0)
        .where('bukti_link', 'is not', null)
        .orderBy('indicator_id')
        .orderBy('quarter')
        .execute()
    : []
  const resultById = new Map(r.indicators.map((x) => [x.indicatorId, x]))
  return {
    ...ctx,
    overall: scoreView(r.overall),
    strategies: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s] })),
    aspects: ASPECTS.map((a) => ({ aspect: a, label: ASPECT_LABELS[a], name: ASPECT_NAMES[a] })),
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
          .map((e) => ({ quarter: e.quarter, label: `Bukti ${quarterLabel(e.quarter)}`, href: safeHttpLink(e.bukti_link) }))
          .filter((e): e is { quarter: number; label: string; href: string } => e.href !== null),
      }
    }),
  }
}
export type PublicView = Awaited<ReturnType<typeof publicView>>
