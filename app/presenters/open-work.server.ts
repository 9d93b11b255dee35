// A kepala bidang's open work: rows returned by perencanaan (with their notes), drafts not yet
// submitted, and quarters past their deadline with rows still not submitted (with days late).
// Read model of "Tugas saya" on the beranda; /realisasi also reads it to open on the oldest quarter with work.
import type { Executor } from '../utils/db.server'
import { getSettings } from '../models/settings.server'
import { closedQuarters, indicatorsOfUnits, realisasiOfYear, unitWithDescendants, type EntryIndicatorRow } from '../models/realisasi.server'
import { currentQuarterOf, isQuarter, quarterName } from '../domain'
import type { Quarter } from '../domain/types'
import { deadlineInfo } from '../utils/entry-format'

export interface OpenRow {
  indicatorId: number
  code: string
  name: string
  year: number
  quarter: number
  periodLabel: string
  returnNote: string | null
  /** The row on the entry page. */
  href: string
}

export interface OverdueQuarter {
  year: number
  quarter: number
  label: string
  dueLabel: string
  daysLate: number
  /** Rows not submitted (missing, draft or returned), `rilis` waiting for release excluded. */
  open: number
  href: string
}

export interface OpenWork {
  returned: OpenRow[]
  drafts: OpenRow[]
  overdue: OverdueQuarter[]
  /** The oldest quarter with anything open, or null. */
  oldest: { year: number; quarter: number } | null
}

/** How many quarters back (besides the current one) are checked for missing entries. */
const LOOKBACK_QUARTERS = 4

const qIndex = (y: number, q: number) => y * 4 + (q - 1)
const entryHref = (y: number, q: number, indicatorId?: number) => `/realisasi?tahun=${y}&triwulan=${q}${indicatorId ? `#r-${indicatorId}-row` : ''}`

/** The open work of a user's unit (and the units below it) as of `asOf`. */
export async function openWorkOf(db: Executor, user: { unitId: number | null; opdId: number | null }, asOf: Date): Promise<OpenWork> {
  const empty: OpenWork = { returned: [], drafts: [], overdue: [], oldest: null }
  if (user.unitId == null) return empty
  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const current = currentQuarterOf(asOf, timeZone)
  const unitIds = await unitWithDescendants(db, user.unitId)
  const closed = await closedQuarters(db, user.opdId != null ? [user.opdId] : [])
  const isClosed = (y: number, q: number) => user.opdId != null && closed.has(`${user.opdId}|${y}|${q}`)

  const first = qIndex(current.year, current.quarter) - LOOKBACK_QUARTERS
  const years = [...new Set([Math.floor(first / 4), current.year])]
  const returned: OpenRow[] = []
  const drafts: OpenRow[] = []
  const overdue: OverdueQuarter[] = []
  for (const year of years) {
    const indicators = await indicatorsOfUnits(db, unitIds, year)
    const rows = await realisasiOfYear(
      db,
      indicators.map((i) => i.id),
      year,
    )
    const rowOf = new Map(rows.map((r) => [`${r.indicator_id}|${r.quarter}`, r]))
    for (let quarter = 1; quarter <= 4; quarter++) {
      const qi = qIndex(year, quarter)
      if (qi < first || qi > qIndex(current.year, current.quarter) || !isQuarter(quarter)) continue
      const info = deadlineInfo(year, quarter as Quarter, asOf, deadlineDays, timeZone)
      const periodLabel = `${quarterName(quarter)} ${year}`
      let open = 0
      for (const ind of indicators as EntryIndicatorRow[]) {
        if (ind.period_closed) continue
        const r = rowOf.get(`${ind.id}|${quarter}`)
        const item = (): OpenRow => ({
          indicatorId: ind.id,
          code: ind.code,
          name: ind.name,
          year,
          quarter,
          periodLabel,
          returnNote: r?.return_note ?? null,
          href: entryHref(year, quarter, ind.id),
        })
        if (r?.status === 'dikembalikan') {
          returned.push(item())
          open++
        } else if (r?.status === 'draft' && !isClosed(year, quarter)) {
          drafts.push(item())
          open++
        } else if (!r && ind.pola_ukur !== 'rilis' && !isClosed(year, quarter)) open++
      }
      if (info.late && open > 0) overdue.push({ year, quarter, label: periodLabel, dueLabel: info.dueLabel, daysLate: -info.daysLeft, open, href: entryHref(year, quarter) })
    }
  }
  // the oldest quarter with a returned row, a draft, or (past its deadline) a missing row
  const candidates = [...returned, ...drafts, ...overdue].map((w) => ({ year: w.year, quarter: w.quarter }))
  candidates.sort((a, b) => qIndex(a.year, a.quarter) - qIndex(b.year, b.quarter))
  const byPeriod = (a: OpenRow, b: OpenRow) => qIndex(a.year, a.quarter) - qIndex(b.year, b.quarter) || a.code.localeCompare(b.code)
  return { returned: returned.sort(byPeriod), drafts: drafts.sort(byPeriod), overdue, oldest: candidates[0] ?? null }
}
