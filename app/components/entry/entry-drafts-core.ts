// The pure part of the entry page's device drafts (no React, no storage): which copy on this
// device a row takes, what a save accepted, and the retry backoff. Unit-tested in
// test/unit/entry-drafts-core.test.ts; the hooks in use-*.ts apply it.
import type { EntryRowView } from '../../presenters/entry.server'
import type { TypedRow } from '../../utils/entry-fields'
import { sameFields, type StoredDraft } from './local-draft'

/** A row as typed on this page. `saved`: the server accepted exactly these fields (kept only until the page data shows them). */
export interface RowDraft {
  fields: TypedRow
  /** The row version the text is based on ('' = a new row). */
  base: string
  saved: boolean
  at: number
}

/** A copy on this device typed on an older version of the row: shown beside the server's value. */
export interface StaleDraft {
  fields: TypedRow
  version: string
  at: number
  key: string
}

/** Backoff between automatic resends (ms); the last one repeats. */
export const RETRY_DELAYS = [2_000, 4_000, 8_000, 16_000, 30_000, 60_000]

/** The delay before automatic resend number `attempt` (1-based). */
export const retryDelay = (attempt: number) => RETRY_DELAYS[Math.min(Math.max(attempt, 1) - 1, RETRY_DELAYS.length - 1)]!

export function serverFields(view: EntryRowView): TypedRow {
  const r = view.row
  return {
    value: r?.valueText ?? '',
    tidakDiukur: r?.tidakDiukur ?? false,
    buktiText: r?.buktiText ?? '',
    buktiLink: r?.buktiLink ?? '',
    kendala: r?.kendala ?? '',
    tindakLanjut: r?.tindakLanjut ?? '',
  }
}

export const versionOf = (view: EntryRowView) => (view.row ? String(view.row.version) : '')

/**
 * The stored copies of one row (newest first), sorted out: one on the row's current version is
 * its draft, one on an older version is stale (shown, never applied), one equal to the server's
 * row is obsolete (the server holds exactly this: its key is to be removed).
 */
export function sortStored(view: EntryRowView, stored: (StoredDraft & { key: string })[]): { draft?: RowDraft; stale?: StaleDraft; obsolete: string[] } {
  const serverV = versionOf(view)
  const server = serverFields(view)
  const out: { draft?: RowDraft; stale?: StaleDraft; obsolete: string[] } = { obsolete: [] }
  for (const d of stored) {
    if (sameFields(d.fields, server)) out.obsolete.push(d.key)
    else if (d.version === serverV) out.draft ??= { fields: d.fields, base: serverV, saved: false, at: d.at }
    else out.stale ??= { fields: d.fields, version: d.version, at: d.at, key: d.key }
  }
  return out
}

/**
 * The drafts after new page data: an unsaved one in memory stays; a saved one goes once the page
 * shows it (same version or same fields); otherwise the copy from storage, if any.
 */
export function mergeDrafts(prev: Record<number, RowDraft>, rows: EntryRowView[], fromStorage: Record<number, RowDraft>): Record<number, RowDraft> {
  const next: Record<number, RowDraft> = {}
  for (const view of rows) {
    const id = view.indicatorId
    const mem = prev[id]
    if (!view.editable) continue
    if (mem && mem.saved && (mem.base === versionOf(view) || sameFields(mem.fields, serverFields(view)))) continue
    if (mem && !mem.saved) {
      next[id] = mem
      continue
    }
    if (fromStorage[id]) next[id] = fromStorage[id]
  }
  return next
}

/** What one submission covered and sent (for accepting its answer). */
export interface SentRows {
  covered: number[]
  sent: Record<number, TypedRow>
  versions: Record<number, string>
}

/**
 * After the server accepted a save: a row still as sent is saved on its new version; a row typed on
 * since keeps its text, now based on the new version, and must be written to storage again (`rewrite`).
 */
export function acceptSaved(
  drafts: Record<number, RowDraft>,
  p: SentRows,
  savedVersions: Record<string, number>,
): { next: Record<number, RowDraft>; touched: number[]; rewrite: number[] } {
  const next = { ...drafts }
  const touched: number[] = []
  const rewrite: number[] = []
  for (const id of p.covered) {
    const cur = next[id]
    if (!cur) continue
    const newV = savedVersions[id] != null ? String(savedVersions[id]) : (p.versions[id] ?? cur.base)
    touched.push(id)
    const sent = p.sent[id]
    if (sent && sameFields(cur.fields, sent)) next[id] = { ...cur, base: newV, saved: true }
    else {
      next[id] = { ...cur, base: newV, saved: false }
      rewrite.push(id)
    }
  }
  return { next, touched, rewrite }
}

/** The rows typed on this device and not yet on the server. */
export const dirtyIdsOf = (drafts: Record<number, RowDraft>) =>
  Object.entries(drafts)
    .filter(([, d]) => !d.saved)
    .map(([id]) => Number(id))
