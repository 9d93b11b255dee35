// The copy on this device of what is typed (localStorage), for the entry page and the other
// free-text forms. Keys name the user, the OPD, the period, the row and the version of the row
// the text was typed on:  sakip.draf:<user>:<opd>:<period>:<row>:v<version>
// A draft on the row's current version is applied; one on an older version ("stale": the row
// changed on the server since) is shown beside the server's value and never applied silently.
// Every access is guarded: a browser without storage (private mode, full quota) just has no copy.
import type { TypedRow } from '../../utils/entry-fields'

export const DRAFT_PREFIX = 'sakip.draf:'

export interface StoredDraft<T = TypedRow> {
  fields: T
  /** The row version the text was typed on ('' = the row did not exist yet). */
  version: string
  /** When it was last typed (ms since epoch). */
  at: number
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

/** The key prefix of one row of one period for one user and OPD (version not included). */
export const rowDraftPrefix = (scope: string, period: string, row: string | number) => `${DRAFT_PREFIX}${scope}:${period}:${row}:`

export const draftKey = (scope: string, period: string, row: string | number, version: string) => `${rowDraftPrefix(scope, period, row)}v${version}`

export function writeDraft<T>(key: string, draft: StoredDraft<T>): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft))
  } catch {
    /* quota or privacy mode: keep working without the copy */
  }
}

export function removeDraft(key: string): void {
  try {
    storage()?.removeItem(key)
  } catch {
    /* ignore */
  }
}

function parse<T>(raw: string | null): StoredDraft<T> | null {
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as StoredDraft<T>
    return v && typeof v === 'object' && v.fields && typeof v.version === 'string' ? v : null
  } catch {
    return null
  }
}

/** Every stored draft of one row (any version), newest first, with its key. */
export function draftsOfRow<T = TypedRow>(scope: string, period: string, row: string | number): (StoredDraft<T> & { key: string })[] {
  const s = storage()
  if (!s) return []
  const prefix = rowDraftPrefix(scope, period, row)
  const out: (StoredDraft<T> & { key: string })[] = []
  try {
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i)
      if (!k?.startsWith(prefix)) continue
      const d = parse<T>(s.getItem(k))
      if (d) out.push({ ...d, key: k })
    }
  } catch {
    return []
  }
  return out.sort((a, b) => b.at - a.at)
}

/** Removes every stored draft of one row (any version). */
export function removeRowDrafts(scope: string, period: string, row: string | number): void {
  for (const d of draftsOfRow(scope, period, row)) removeDraft(d.key)
}

export const sameFields = (a: TypedRow, b: TypedRow) =>
  a.value === b.value &&
  a.tidakDiukur === b.tidakDiukur &&
  a.buktiText === b.buktiText &&
  a.buktiLink === b.buktiLink &&
  a.kendala === b.kendala &&
  a.tindakLanjut === b.tindakLanjut

/** A random key for one submission (idempotent resend), from the browser's CSPRNG. */
export function newSubmissionKey(): string {
  const bytes = new Uint8Array(18)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
