// Read models of the rencana aksi: the list (/aksi, "Tugas saya"), the cell drill-down, the
// indicator page, the projector slide "Tindak lanjut rapat sebelumnya" and the Rekap sheet.
import type { Executor } from '../utils/db.server'
import { listActions, type ActionFilter, type ActionRow } from '../models/actions.server'
import { getSettings } from '../models/settings.server'
import { ACTION_STATUS_LABELS, daysBetween, dueDateText, followThroughOf, FOLLOW_THROUGH_LABELS, type FollowThrough } from '../domain/actions'
import { ASPECT_SHORT, STRATEGY_LABELS } from '../domain/labels'
import { ASPECTS, STRATEGIES, type Aspect, type Period, type Strategy } from '../domain/types'
import { todayIn } from '../services/actions/flags.server'
import { formatDateTime } from '../utils/entry-format'
import type { SessionUser } from '../services/auth.server'
import { canReportProgress } from '../services/actions/access.server'
import { cachedRead } from '../services/cache.server'

export const SOURCE_LABELS = { catatan: 'Rekomendasi rapat', tindak_lanjut: 'Tindak lanjut indikator', langsung: 'Dibuat langsung' } as const

export function cellLabelOf(aspect: Aspect | null, strategy: Strategy | null): string | null {
  return aspect && strategy ? `${ASPECT_SHORT[aspect]} × ${STRATEGY_LABELS[strategy].replace(/^Strategi /, '')}` : null
}

/** "2026-Q3" → "2026 s.d. TW III"; "renstra-2026-Q3" → "Renstra s.d. 2026 TW III". */
export function periodKeyLabel(key: string): string {
  const m = /^(renstra-)?(\d{4})-Q([1-4])$/.exec(key)
  if (!m) return key
  const roman = ['I', 'II', 'III', 'IV'][Number(m[3]) - 1]
  return m[1] ? `Renstra s.d. ${m[2]} TW ${roman}` : `${m[2]} s.d. TW ${roman}`
}

/** Year and quarter of a period key, for ordering meetings. */
function keyPosition(key: string): number | null {
  const m = /(\d{4})-Q([1-4])$/.exec(key)
  return m ? Number(m[1]) * 4 + Number(m[2]) : null
}

export interface ActionItemView {
  id: number
  href: string
  title: string
  cellLabel: string | null
  indicators: { id: number; code: string; name: string }[]
  ownerText: string
  ownerUserId: number | null
  dueDate: string
  dueText: string
  /** "3 hari lagi", "hari ini", "terlambat 5 hari", "selesai 2 Mei 2026 10.00 WIB". */
  dueHint: string
  status: ActionRow['status']
  statusLabel: string
  followThrough: FollowThrough
  followLabel: string
  sourceLabel: string
  periodLabel: string
  latestNote: string | null
  evidenceText: string | null
  evidenceLink: string | null
  version: number
  canReport: boolean
}

export function actionItemView(a: ActionRow, today: string, timeZone: string, user?: Pick<SessionUser, 'id' | 'role' | 'opdId' | 'unitId'>): ActionItemView {
  const follow = followThroughOf(a, today)
  const left = daysBetween(today, a.dueDate)
  const dueHint =
    a.status === 'selesai'
      ? `selesai ${formatDateTime(a.completedAt, timeZone)}`
      : a.status === 'batal'
        ? 'dibatalkan'
        : left < 0
          ? `terlambat ${-left} hari`
          : left === 0
            ? 'jatuh tempo hari ini'
            : `${left} hari lagi`
  return {
    id: a.id,
    href: `/aksi/${a.id}`,
    title: a.title,
    cellLabel: cellLabelOf(a.aspect, a.strategy),
    indicators: a.indicators.map((i) => ({ id: i.id, code: i.code, name: i.name })),
    ownerText: a.ownerName ? `${a.ownerName} (${a.ownerUnitName})` : a.ownerUnitName,
    ownerUserId: a.ownerUserId,
    dueDate: a.dueDate,
    dueText: dueDateText(a.dueDate),
    dueHint,
    status: a.status,
    statusLabel: ACTION_STATUS_LABELS[a.status],
    followThrough: follow,
    followLabel: FOLLOW_THROUGH_LABELS[follow],
    sourceLabel: SOURCE_LABELS[a.source],
    periodLabel: periodKeyLabel(a.periodKey),
    latestNote: a.latest?.note ?? null,
    evidenceText: a.latest?.evidenceText ?? null,
    evidenceLink: a.latest?.evidenceLink ?? null,
    version: a.version,
    canReport: user ? canReportProgress(user, a) : false,
  }
}

async function clock(db: Executor, asOf: Date) {
  const { scoring } = await getSettings(db)
  return { today: todayIn(asOf, scoring.timeZone), timeZone: scoring.timeZone }
}

/** Actions of a filter as views (already scoped by the caller's opdId). */
export async function actionViews(db: Executor, filter: ActionFilter, asOf: Date, user?: SessionUser): Promise<ActionItemView[]> {
  const { today, timeZone } = await clock(db, asOf)
  return (await listActions(db, filter)).map((a) => actionItemView(a, today, timeZone, user))
}

/**
 * "Tugas saya": the user's open actions (soonest due first), and how many are overdue or due
 * within 7 days. Served from the read cache (every action change raises the data version; the
 * cache's 15-minute slot covers a due day passing), so a beranda at an unchanged version costs
 * no query for it.
 */
export function myActionsView(db: Executor, user: SessionUser, asOf: Date) {
  return cachedRead(db, user.opdId, `tugas-saya|${user.id}|${user.opdId ?? 'kota'}`, () => myActionsFresh(db, user, asOf), user.dataVersion)
}

async function myActionsFresh(db: Executor, user: SessionUser, asOf: Date) {
  const items = await actionViews(db, { opdId: user.opdId, ownerUserId: user.id, statuses: ['direncanakan', 'berjalan'] }, asOf, user)
  const { today } = await clock(db, asOf)
  return {
    items: items.slice(0, 8),
    total: items.length,
    overdue: items.filter((i) => i.followThrough === 'terlambat').length,
    dueSoon: items.filter((i) => i.followThrough === 'berjalan' && daysBetween(today, i.dueDate) <= 7).length,
  }
}
export type MyActionsView = Awaited<ReturnType<typeof myActionsFresh>>

export interface FollowThroughCell {
  aspect: Aspect
  strategy: Strategy
  label: string
  selesai: number
  berjalan: number
  terlambat: number
  items: { id: number; title: string; ownerText: string; dueText: string; followThrough: FollowThrough; followLabel: string; periodLabel: string }[]
}

/**
 * The projector slide "Tindak lanjut rapat sebelumnya": actions decided at meetings before the
 * shown period (by period key), cancelled ones left out, grouped by the cells they serve.
 */
export async function followThroughView(db: Executor, opdId: number | null, period: Period, asOf: Date) {
  const { today, timeZone } = await clock(db, asOf)
  const shown = period.year * 4 + period.quarter
  const rows = (await listActions(db, { opdId })).filter((a) => {
    const p = keyPosition(a.periodKey)
    return a.status !== 'batal' && p !== null && p < shown
  })
  const cells = new Map<string, FollowThroughCell>()
  for (const a of rows) {
    const v = actionItemView(a, today, timeZone)
    const served = [...(a.aspect && a.strategy ? [{ aspect: a.aspect, strategy: a.strategy }] : []), ...a.indicators.map((i) => ({ aspect: i.aspect, strategy: i.strategy }))]
    const first = served[0]
    if (!first) continue
    const key = `${first.aspect}|${first.strategy}` // each action counted once, on its first cell
    let c = cells.get(key)
    if (!c)
      cells.set(key, (c = { aspect: first.aspect, strategy: first.strategy, label: cellLabelOf(first.aspect, first.strategy)!, selesai: 0, berjalan: 0, terlambat: 0, items: [] }))
    if (v.followThrough === 'selesai' || v.followThrough === 'berjalan' || v.followThrough === 'terlambat') c[v.followThrough]++
    c.items.push({ id: v.id, title: v.title, ownerText: v.ownerText, dueText: v.dueText, followThrough: v.followThrough, followLabel: v.followLabel, periodLabel: v.periodLabel })
  }
  const order = (c: FollowThroughCell) => ASPECTS.indexOf(c.aspect) * 10 + STRATEGIES.indexOf(c.strategy)
  const list = [...cells.values()].sort((a, b) => order(a) - order(b))
  return {
    cells: list,
    totals: { selesai: list.reduce((s, c) => s + c.selesai, 0), berjalan: list.reduce((s, c) => s + c.berjalan, 0), terlambat: list.reduce((s, c) => s + c.terlambat, 0) },
  }
}
export type FollowThroughView = Awaited<ReturnType<typeof followThroughView>>
