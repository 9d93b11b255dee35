// Rencana aksi (domain §8) and flag 5 (domain §4): pure rules, no I/O. The caller passes "today"
// as a calendar day in the app's time zone ('YYYY-MM-DD').
import type { Flag } from './flags'
import { formatDateId } from './format'
import type { Aspect, Strategy } from './types'

export const ACTION_STATUSES = ['direncanakan', 'berjalan', 'selesai', 'batal'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  direncanakan: 'Direncanakan',
  berjalan: 'Berjalan',
  selesai: 'Selesai',
  batal: 'Batal',
}

export function isActionStatus(v: unknown): v is ActionStatus {
  return typeof v === 'string' && (ACTION_STATUSES as readonly string[]).includes(v)
}

/** Still to be done: direncanakan or berjalan. */
export const isOpenStatus = (s: ActionStatus): boolean => s === 'direncanakan' || s === 'berjalan'

/** Overdue: still open and its due day is before today. Due today is not overdue yet. */
export function isOverdue(a: { status: ActionStatus; dueDate: string }, today: string): boolean {
  return isOpenStatus(a.status) && a.dueDate < today
}

/** The follow-through state shown to a meeting: done, in progress, overdue (batal: cancelled). */
export type FollowThrough = 'selesai' | 'berjalan' | 'terlambat' | 'batal'

export function followThroughOf(a: { status: ActionStatus; dueDate: string }, today: string): FollowThrough {
  if (a.status === 'selesai') return 'selesai'
  if (a.status === 'batal') return 'batal'
  return a.dueDate < today ? 'terlambat' : 'berjalan'
}

export const FOLLOW_THROUGH_LABELS: Record<FollowThrough, string> = {
  selesai: 'Selesai',
  berjalan: 'Dalam proses',
  terlambat: 'Terlambat',
  batal: 'Batal',
}

/** "2026-10-10" → "10 Oktober 2026" (the text as stored when it is not a date). */
export function dueDateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return formatDateId({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  return Math.round((b - a) / 86_400_000)
}

/** A valid calendar day 'YYYY-MM-DD' (2026-02-30 is refused). */
export function isIsoDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3])
}

/**
 * A meeting's rekomendasi text as separate recommendations: one per non-empty line, list
 * markers ("1.", "2)", "-", "•", "a.") removed. A single paragraph is one recommendation.
 */
export function splitRekomendasi(text: string | null | undefined): string[] {
  if (!text) return []
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•·]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+/i, '').trim())
    .filter((l) => l.length > 0)
}

/** An action as flag 5 sees it: the cells it serves (its own cell and its indicators' cells). */
export interface ActionForFlag {
  id: number
  title: string
  status: ActionStatus
  dueDate: string
  ownerName: string
  cells: readonly { aspect: Aspect; strategy: Strategy }[]
}

/** Flag 5: one flag per overdue action and cell it serves, with its reason in words. */
export function actionFlags(actions: readonly ActionForFlag[], today: string): Flag[] {
  const out: Flag[] = []
  for (const a of actions) {
    if (!isOverdue(a, today)) continue
    const days = daysBetween(a.dueDate, today)
    const seen = new Set<string>()
    for (const c of a.cells) {
      const key = `${c.aspect}|${c.strategy}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({
        kind: 'aksi_terlambat',
        aspect: c.aspect,
        strategy: c.strategy,
        reason: `Rencana aksi "${a.title}" (penanggung jawab ${a.ownerName}) lewat tenggat ${dueDateText(a.dueDate)} (${days} hari), status ${ACTION_STATUS_LABELS[a.status].toLowerCase()}`,
      })
    }
  }
  return out
}
