// Read model of the verification page (/verifikasi) of perencanaan: the queue of one OPD and one
// quarter, grouped per bidang with its counts (submitted, verified, returned, draft, missing, late),
// the deadline and the quarter's closure.
import type { DB } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { getSettings } from '../models/settings.server'
import {
  bidangOfOpd,
  firstOpdId,
  indicatorsOfOpd,
  latestSubmittedQuarter,
  listOpds,
  quarterClosure,
  realisasiOfYear,
  targetsOf,
  type EntryIndicatorRow,
  type RealisasiWithNames,
} from '../models/realisasi.server'
import { capaianSatuTriwulan, currentQuarterOf, deadlineOf, isQuarter, quarterName, quarterTarget } from '../domain'
import { indicatorInputOfYear } from '../domain/indicator-input'
import type { Quarter, ScoringSettings } from '../domain/types'
import { deadlineInfo, formatDateTime } from '../utils/entry-format'
import { hasQuarterEnded, isFutureQuarter } from '../services/realisasi/common.server'
import { capaianView, savedRowView, type CapaianView, type SavedRowView } from './realisasi-views.server'

export interface ReviewRowView {
  indicatorId: number
  code: string
  name: string
  satuan: string
  polaUkur: EntryIndicatorRow['pola_ukur']
  targetQuarter: number | null
  row: SavedRowView | null
  capaian: CapaianView | null
  /** Nothing usable for this quarter yet (no row, or an empty one); `rilis` waiting for release is not missing. */
  missing: boolean
  /** Not submitted yet: no row, a draft or a returned row (`rilis` waiting for release excluded). */
  notSubmitted: boolean
  waitingRelease: boolean
}

export interface BidangView {
  id: number
  name: string
  short: string
  rows: ReviewRowView[]
  counts: { diajukan: number; diverifikasi: number; dikembalikan: number; draft: number; belum: number; terlambat: number }
}

const noCounts = (): BidangView['counts'] => ({ diajukan: 0, diverifikasi: 0, dikembalikan: 0, draft: 0, belum: 0, terlambat: 0 })

/** The quarter shown: `?tahun=&triwulan=`, else the latest with submitted rows, else the current one. */
async function chosenQuarter(db: DB, params: URLSearchParams, opdId: number | null, current: { year: number; quarter: Quarter }) {
  const notices: string[] = []
  const rawYear = params.get('tahun')
  const rawQuarter = params.get('triwulan')
  const fallback = (opdId != null ? await latestSubmittedQuarter(db, opdId) : null) ?? current
  let year = fallback.year
  let quarter = fallback.quarter
  if (rawYear || rawQuarter) {
    const y = Number(rawYear)
    const q = Number(rawQuarter ?? '')
    if (!/^\d{4}$/.test(rawYear ?? '') || !isQuarter(q)) notices.push('Tahun atau triwulan pada alamat tidak valid.')
    else {
      year = y
      quarter = q
    }
  }
  return { year, quarter, notices }
}

interface GroupInput {
  year: number
  quarter: Quarter
  annual: Map<number, number>
  quarterly: Map<number, Record<string, number>>
  rowOf: Map<number, RealisasiWithNames>
  pastDeadline: boolean
  scoring: ScoringSettings
}

/** Adds one indicator's row to its bidang's group and counts it. */
function addReviewRow(g: BidangView, ind: EntryIndicatorRow, x: GroupInput) {
  const { year, quarter } = x
  const indicator = indicatorInputOfYear(ind, year, x.annual, x.quarterly)
  const r = x.rowOf.get(ind.id)
  const hasData = !!r && (r.value != null || !!r.tidak_diukur)
  const waitingRelease = ind.pola_ukur === 'rilis' && !hasData
  const missing = !hasData && !waitingRelease
  // not submitted: no row, a draft or a returned row (a rilis indicator waiting for its release is not)
  const notSubmitted = !waitingRelease && (!r || r.status === 'draft' || r.status === 'dikembalikan')
  if (r) g.counts[r.status]++
  if (missing) g.counts.belum++
  // late: past the deadline and still not submitted (a draft counts as not submitted), or submitted late
  if ((notSubmitted && x.pastDeadline && ind.pola_ukur !== 'rilis') || (!notSubmitted && r?.is_late)) g.counts.terlambat++
  g.rows.push({
    indicatorId: ind.id,
    code: ind.code,
    name: ind.name,
    satuan: ind.satuan,
    polaUkur: ind.pola_ukur,
    targetQuarter: quarterTarget(indicator, year, quarter),
    row: r ? savedRowView(r, x.scoring.timeZone) : null,
    capaian: r && !r.tidak_diukur && r.value != null ? capaianView(capaianSatuTriwulan(indicator, year, quarter, Number(r.value), x.scoring)) : null,
    missing,
    notSubmitted,
    waitingRelease,
  })
}

/** Data of the verification page: the queue per bidang for one quarter. */
export async function verificationPageData(db: DB, user: SessionUser, params: URLSearchParams) {
  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const asOf = now()
  const current = currentQuarterOf(asOf, timeZone)
  const requestedOpd = Number(params.get('opd')) || null
  const opdId = user.opdId ?? requestedOpd ?? (await firstOpdId(db))
  const opds = user.opdId == null ? await listOpds(db) : []
  const { year, quarter, notices } = await chosenQuarter(db, params, opdId, current)
  const bidangFilter = Number(params.get('bidang')) || null
  const deadline = deadlineInfo(year, quarter, asOf, deadlineDays, timeZone)
  const pastDeadline = asOf.getTime() > deadlineOf(year, quarter, deadlineDays, timeZone).getTime()
  const empty = {
    year,
    quarter,
    quarterTitle: `${quarterName(quarter)} ${year}`,
    notices,
    opdId,
    opds,
    deadline,
    bidang: [] as BidangView[],
    allBidang: [] as { id: number; name: string }[],
    bidangFilter,
    closure: null as null | { by: string | null; at: string },
    canClose: false,
    pastDeadline,
    future: isFutureQuarter(year, quarter, asOf, timeZone),
  }
  if (opdId == null) return empty

  const indicators = await indicatorsOfOpd(db, opdId, year)
  const ids = indicators.map((i) => i.id)
  const [{ annual, quarterly }, rows, closure, { top, owner }] = await Promise.all([
    targetsOf(db, ids, year),
    realisasiOfYear(db, ids, year),
    quarterClosure(db, opdId, year, quarter),
    bidangOfOpd(db, opdId),
  ])
  const rowOf = new Map(rows.filter((r) => r.quarter === quarter).map((r) => [r.indicator_id, r]))
  const groups = new Map<number, BidangView>()
  for (const t of top) groups.set(t.id, { id: t.id, name: t.name, short: t.short_name ?? t.name, rows: [], counts: noCounts() })
  const input: GroupInput = { year, quarter, annual, quarterly, rowOf, pastDeadline, scoring: settings.scoring }
  for (const ind of indicators) {
    const topId = owner.get(ind.unit_id) ?? ind.unit_id
    let g = groups.get(topId)
    if (!g) groups.set(topId, (g = { id: topId, name: ind.unit_name, short: ind.unit_short ?? ind.unit_name, rows: [], counts: noCounts() }))
    addReviewRow(g, ind, input)
  }
  const all = [...groups.values()].filter((g) => g.rows.length > 0)
  return {
    ...empty,
    bidang: bidangFilter ? all.filter((g) => g.id === bidangFilter) : all,
    allBidang: all.map((g) => ({ id: g.id, name: g.name })),
    closure: closure ? { by: closure.closed_by_name, at: formatDateTime(closure.closed_at, timeZone) } : null,
    canClose: !closure && hasQuarterEnded(year, quarter, asOf, timeZone),
  }
}
