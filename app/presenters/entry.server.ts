// Read model of the "Input Realisasi" page (/realisasi) of a kepala bidang: the quarter shown,
// one view per indicator of his unit (targets, earlier quarters, the saved row, its capaian, why it
// is locked), the quarter picker, the deadline and the quarter's closure.
import type { DB } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { getSettings } from '../models/settings.server'
import {
  closedQuarters,
  indicatorsOfUnits,
  quarterClosure,
  quartersWithStatus,
  realisasiOfYear,
  targetsOf,
  unitWithDescendants,
  type EntryIndicatorRow,
  type QuarterClosureRow,
  type RealisasiWithNames,
} from '../models/realisasi.server'
import { capaianSatuTriwulan, currentQuarterOf, isQuarter, quarterName, quarterTarget } from '../domain'
import { indicatorInputOfYear } from '../domain/indicator-input'
import type { IndicatorInput, Quarter, ScoringSettings } from '../domain/types'
import { deadlineInfo, formatDateTime } from '../utils/entry-format'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../domain/labels'
import { formatValue } from '../domain/format'
import { isFutureQuarter } from '../services/realisasi/common.server'
import { openWorkOf } from './open-work.server'
import { capaianView, savedRowView, type CapaianView, type SavedRowView } from './realisasi-views.server'

export interface EntryRowView {
  indicatorId: number
  code: string
  name: string
  satuan: string
  polaUkur: EntryIndicatorRow['pola_ukur']
  polarity: EntryIndicatorRow['polarity']
  unitShort: string
  minValue: number | null
  maxValue: number | null
  /** The engine's indicator (targets of this year), for the live capaian in the browser. */
  indicator: IndicatorInput
  targetQuarter: number | null
  targetYear: number | null
  earlier: { quarter: number; label: string; text: string; statusLabel: string | null }[]
  row: SavedRowView | null
  /** The capaian of the saved value (server-rendered: right without JavaScript). */
  savedCapaian: CapaianView | null
  editable: boolean
  lockReason: string | null
}

export interface QuarterOption {
  year: number
  quarter: number
  label: string
  note: string | null
}

const qIndex = (year: number, quarter: number) => year * 4 + (quarter - 1)

/**
 * The quarter shown: `?tahun=2026&triwulan=3` or `?tw=2026-3` (the picker); a future or invalid one
 * falls back to the current quarter with a notice; none asked for opens on the oldest open work.
 */
async function chosenQuarter(db: DB, user: SessionUser, params: URLSearchParams, asOf: Date, timeZone: string) {
  const current = currentQuarterOf(asOf, timeZone)
  const notices: string[] = []
  let year: number = current.year
  let quarter: Quarter = current.quarter
  const tw = /^(\d{4})-([1-4])$/.exec(params.get('tw') ?? '')
  const rawYear = tw ? tw[1]! : params.get('tahun')
  const rawQuarter = tw ? tw[2]! : params.get('triwulan')
  if (rawYear || rawQuarter) {
    const y = Number(rawYear)
    const q = Number(rawQuarter ?? '')
    if (!/^\d{4}$/.test(rawYear ?? '') || !isQuarter(q)) notices.push('Tahun atau triwulan pada alamat tidak valid; triwulan berjalan ditampilkan.')
    else if (isFutureQuarter(y, q, asOf, timeZone)) notices.push(`${quarterName(q)} ${y} belum dimulai; triwulan berjalan ditampilkan.`)
    else {
      year = y
      quarter = q
    }
  } else {
    // no period asked for: open on the oldest quarter with open work (returned, draft, overdue)
    const oldest = (await openWorkOf(db, user, asOf)).oldest
    if (oldest && isQuarter(oldest.quarter) && (oldest.year !== year || oldest.quarter !== quarter)) {
      year = oldest.year
      quarter = oldest.quarter
      notices.push(`${quarterName(quarter)} ${year} ditampilkan karena masih ada pekerjaan terbuka di sana (dikembalikan, draf, atau belum diisi melewati batas waktu).`)
    }
  }
  return { current, year, quarter, notices }
}

/** Why a row cannot be edited now, or null. */
function lockReasonOf(ind: EntryIndicatorRow, r: RealisasiWithNames | undefined, closure: QuarterClosureRow | undefined): string | null {
  if (ind.period_closed) return `Periode ${ind.period_name} sudah ditutup.`
  if (r?.status === 'diajukan') return 'Sudah diajukan; menunggu verifikasi perencanaan.'
  if (r?.status === 'diverifikasi') return 'Sudah diverifikasi (terkunci).'
  if (closure && r?.status !== 'dikembalikan') return 'Triwulan sudah ditutup oleh perencanaan.'
  return null
}

interface RowsInput {
  year: number
  quarter: Quarter
  annual: Map<number, number>
  quarterly: Map<number, Record<string, number>>
  rowOf: Map<string, RealisasiWithNames>
  closure: QuarterClosureRow | undefined
  scoring: ScoringSettings
}

function entryRowView(ind: EntryIndicatorRow, x: RowsInput): EntryRowView {
  const { year, quarter } = x
  const indicator = indicatorInputOfYear(ind, year, x.annual, x.quarterly)
  const r = x.rowOf.get(`${ind.id}|${quarter}`)
  const earlier: EntryRowView['earlier'] = []
  for (let q = 1; q < quarter; q++) {
    const e = x.rowOf.get(`${ind.id}|${q}`)
    earlier.push({
      quarter: q,
      label: quarterName(q),
      text: !e ? '–' : e.tidak_diukur ? 'tidak diukur' : formatValue(e.value),
      statusLabel: e ? (STATUS_LABELS[e.status] ?? e.status) : null,
    })
  }
  const lockReason = lockReasonOf(ind, r, x.closure)
  const saved = r && !r.tidak_diukur && r.value != null ? capaianView(capaianSatuTriwulan(indicator, year, quarter, Number(r.value), x.scoring)) : null
  return {
    indicatorId: ind.id,
    code: ind.code,
    name: ind.name,
    satuan: ind.satuan,
    polaUkur: ind.pola_ukur,
    polarity: ind.polarity,
    unitShort: ind.unit_short ?? ind.unit_name,
    minValue: ind.min_value == null ? null : Number(ind.min_value),
    maxValue: ind.max_value == null ? null : Number(ind.max_value),
    indicator,
    targetQuarter: quarterTarget(indicator, year, quarter),
    targetYear: x.annual.get(ind.id) ?? null,
    earlier,
    row: r ? savedRowView(r, x.scoring.timeZone) : null,
    savedCapaian: saved,
    editable: lockReason === null,
    lockReason,
  }
}

type Pending = Awaited<ReturnType<typeof quartersWithStatus>>

/** The quarter picker: the current quarter, the four before it (unless closed), and any quarter with returned or draft rows. */
async function quarterOptions(db: DB, user: SessionUser, current: { year: number; quarter: number }, shown: { year: number; quarter: number }, pending: Pending) {
  const closed = await closedQuarters(db, user.opdId != null ? [user.opdId] : [])
  const isClosed = (y: number, q: number) => user.opdId != null && closed.has(`${user.opdId}|${y}|${q}`)
  const notesOf = new Map<string, string[]>()
  for (const p of pending) {
    const k = `${p.year}|${p.quarter}`
    const list = notesOf.get(k) ?? []
    list.push(`${Number(p.n)} ${p.status === 'dikembalikan' ? 'dikembalikan' : 'draf'}`)
    notesOf.set(k, list)
  }
  const seen = new Set<string>()
  const options: QuarterOption[] = []
  const add = (y: number, q: number, forced = false) => {
    const k = `${y}|${q}`
    if (seen.has(k) || (!forced && isClosed(y, q))) return
    seen.add(k)
    const bits = [...(notesOf.get(k) ?? [])]
    if (y === current.year && q === current.quarter) bits.unshift('berjalan')
    if (isClosed(y, q)) bits.push('ditutup')
    options.push({ year: y, quarter: q, label: `${quarterName(q)} ${y}`, note: bits.length ? bits.join(', ') : null })
  }
  let y = current.year
  let q: number = current.quarter
  for (let i = 0; i < 5; i++) {
    add(y, q)
    if (q === 1) {
      y--
      q = 4
    } else q--
  }
  for (const p of pending) add(p.year, p.quarter, true)
  add(shown.year, shown.quarter, true)
  options.sort((a, b) => qIndex(b.year, b.quarter) - qIndex(a.year, a.quarter))
  return options
}

/** Data of the "Input Realisasi" page of a kepala bidang. */
export async function entryPageData(db: DB, user: SessionUser, params: URLSearchParams) {
  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const asOf = now()
  const { current, year, quarter, notices } = await chosenQuarter(db, user, params, asOf, timeZone)
  const scoring = { bands: settings.scoring.bands, cap: settings.scoring.cap, deadlineDays, timeZone }
  const deadline = deadlineInfo(year, quarter, asOf, deadlineDays, timeZone)
  const base = { year, quarter, current, settings: scoring, notices, quarterTitle: `${quarterName(quarter)} ${year}` }
  if (user.unitId == null)
    return {
      ...base,
      unitName: null,
      rows: [] as EntryRowView[],
      options: [] as QuarterOption[],
      closure: null,
      deadline,
      returnedElsewhere: [] as QuarterOption[],
      periodClosed: false,
    }

  const unitIds = await unitWithDescendants(db, user.unitId)
  const indicators = await indicatorsOfUnits(db, unitIds, year)
  const ids = indicators.map((i) => i.id)
  const [{ annual, quarterly }, rows, closure, pending] = await Promise.all([
    targetsOf(db, ids, year),
    realisasiOfYear(db, ids, year),
    user.opdId != null ? quarterClosure(db, user.opdId, year, quarter) : Promise.resolve(undefined),
    quartersWithStatus(db, (await indicatorsOfUnits(db, unitIds, current.year)).map((i) => i.id).concat(ids), ['dikembalikan', 'draft']),
  ])
  const rowOf = new Map(rows.map((r) => [`${r.indicator_id}|${r.quarter}`, r]))
  const views = indicators.map((ind) => entryRowView(ind, { year, quarter, annual, quarterly, rowOf, closure, scoring: settings.scoring }))
  const returnedElsewhere = pending
    .filter((p) => p.status === 'dikembalikan' && !(p.year === year && p.quarter === quarter))
    .map((p) => ({ year: p.year, quarter: p.quarter, label: `${quarterName(p.quarter)} ${p.year}`, note: `${Number(p.n)} dikembalikan` }))

  return {
    ...base,
    unitName: user.unitName,
    rows: views,
    options: await quarterOptions(db, user, current, { year, quarter }, pending),
    closure: closure ? { by: closure.closed_by_name, at: formatDateTime(closure.closed_at, timeZone) } : null,
    deadline,
    returnedElsewhere,
    periodClosed: indicators.some((i) => i.period_closed),
  }
}
