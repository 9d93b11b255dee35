// Entry completeness of one quarter per bidang: which indicators are reported, late, pending or
// waiting for an institution's release. Read by the beranda, the presentation, the city view and
// the reminders (app/services/reminders/kinds.server.ts).
import type { Executor } from '../utils/db.server'
import { indicatorsOfYear, realisasiStatesOfQuarter } from '../models/dashboard-read.server'
import { currentQuarterOf, deadlineOf, dueDateLabel, lastDueQuarterOf, quarterName, type Quarter, type ScoringSettings } from '../domain'

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

const ENTRY_LABELS: Record<EntryState, string> = {
  lengkap: 'Sudah dilaporkan',
  terlambat_dientri: 'Dilaporkan setelah batas waktu',
  draf: 'Masih draf, belum diajukan',
  dikembalikan: 'Dikembalikan untuk diperbaiki',
  terlambat: 'Terlambat: belum dilaporkan dan batas waktu sudah lewat',
  belum_jatuh_tempo: 'Belum dilaporkan (belum jatuh tempo)',
  menunggu_rilis: 'Menunggu rilis lembaga',
}

export type IndicatorOfYear = Awaited<ReturnType<typeof indicatorsOfYear>>[number]
export type QuarterState = Awaited<ReturnType<typeof realisasiStatesOfQuarter>>[number]

/** One indicator's entry state for the quarter, with its label when it differs from ENTRY_LABELS. */
function entryStateOf(ind: IndicatorOfYear, row: QuarterState | undefined, pastDeadline: boolean): { state: EntryState; label: string | null } {
  if (row && (row.status === 'diajukan' || row.status === 'diverifikasi')) {
    return { state: row.is_late === 1 && row.is_historical !== 1 && ind.pola_ukur !== 'rilis' ? 'terlambat_dientri' : 'lengkap', label: null }
  }
  if (row) {
    if (pastDeadline && ind.pola_ukur !== 'rilis') {
      return { state: 'terlambat', label: `Terlambat: ${row.status === 'dikembalikan' ? 'dikembalikan dan belum diajukan ulang' : 'masih draf'}, batas waktu sudah lewat` }
    }
    return { state: row.status === 'dikembalikan' ? 'dikembalikan' : 'draf', label: null }
  }
  if (ind.pola_ukur === 'rilis') return { state: 'menunggu_rilis', label: null }
  return { state: pastDeadline ? 'terlambat' : 'belum_jatuh_tempo', label: null }
}

type Counts = CompletenessView['totals']

function count(c: Counts, state: EntryState): void {
  c.total++
  if (state === 'lengkap' || state === 'terlambat_dientri') c.reported++
  if (state === 'terlambat' || state === 'terlambat_dientri') c.late++
  if (state === 'draf' || state === 'dikembalikan' || state === 'belum_jatuh_tempo') c.pending++
  if (state === 'menunggu_rilis') c.waitingRelease++
}

export async function completenessOf(db: Executor, opdId: number, year: number, quarter: Quarter, settings: ScoringSettings, asOf: Date): Promise<CompletenessView> {
  const indicators = await indicatorsOfYear(db, opdId, year)
  const rows = await realisasiStatesOfQuarter(
    db,
    indicators.map((i) => i.id),
    year,
    quarter,
  )
  return completenessFrom(indicators, rows, year, quarter, settings, asOf)
}

/**
 * The completeness of one quarter from rows already read: the OPD's indicators of the year (units
 * in the order given) and the quarter's realisation states (the city view reads them for every OPD
 * at once, app/presenters/kota-rows.server.ts).
 */
export function completenessFrom(
  indicators: readonly IndicatorOfYear[],
  rows: readonly QuarterState[],
  year: number,
  quarter: Quarter,
  settings: ScoringSettings,
  asOf: Date,
): CompletenessView {
  const deadline = deadlineOf(year, quarter, settings.deadlineDays, settings.timeZone)
  const pastDeadline = asOf.getTime() > deadline.getTime()
  const rowOf = new Map(rows.map((r) => [r.indicator_id, r]))

  const units = new Map<number, CompletenessUnit>()
  const totals: Counts = { total: 0, reported: 0, late: 0, pending: 0, waitingRelease: 0 }
  for (const ind of indicators) {
    const { state, label } = entryStateOf(ind, rowOf.get(ind.id), pastDeadline)
    let u = units.get(ind.unit_id)
    if (!u) {
      u = { unitId: ind.unit_id, unitName: ind.unit_short ?? ind.unit_name, total: 0, reported: 0, late: 0, pending: 0, waitingRelease: 0, items: [] }
      units.set(ind.unit_id, u)
    }
    count(u, state)
    count(totals, state)
    if (state !== 'lengkap') u.items.push({ indicatorId: ind.id, code: ind.code, name: ind.name, state, stateLabel: label ?? ENTRY_LABELS[state] })
  }
  return {
    year,
    quarter,
    label: `${quarterName(quarter)} ${year}`,
    deadlineText: dueDateLabel(year, quarter, settings.deadlineDays),
    pastDeadline,
    units: [...units.values()],
    totals,
  }
}

/** The current quarter, and the last quarter past its deadline when that is another one. */
export async function completenessViews(db: Executor, opdId: number, settings: ScoringSettings, asOf: Date): Promise<CompletenessView[]> {
  const cur = currentQuarterOf(asOf, settings.timeZone)
  const due = lastDueQuarterOf(asOf, settings.deadlineDays, settings.timeZone)
  const out = [await completenessOf(db, opdId, cur.year, cur.quarter, settings, asOf)]
  if (due.year !== cur.year || due.quarter !== cur.quarter) out.push(await completenessOf(db, opdId, due.year, due.quarter, settings, asOf))
  return out
}
