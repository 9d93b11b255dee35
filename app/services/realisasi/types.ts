// The shapes of the realisation use cases: what the entry form asks for and what a save answers.
// Type-only (plus the length limits), so the entry page's components can import it.

import type { FormResult } from '../../utils/forms'
import type { TypedRow } from '../../utils/view-types'

export const LIMITS = { buktiText: 2000, buktiLink: 1000, kendala: 4000, tindakLanjut: 4000, note: 2000, maxAbs: 1e14 } as const

/** One row of the entry form, exactly as typed (only these fields are read: no mass assignment). */
export interface RowInput extends TypedRow {
  indicatorId: number
  /** The version the form was loaded with; null when the form had no row yet (a new entry). */
  version: number | null
  /** Set when the user read a conflict and chose to save over the version shown to him. */
  overrideVersion: number | null
}

export type EntryIntent = 'save' | 'submit'

export interface EntryRequest {
  year: number
  quarter: number
  rows: RowInput[]
  intent: EntryIntent
  /** Only this indicator's row (row-level button); null = every posted row. */
  only: number | null
}

export type RowField = 'value' | 'tidak_diukur' | 'bukti_text' | 'bukti_link' | 'kendala' | 'tindak_lanjut' | 'row'

export interface RowProblem {
  indicatorId: number
  code: string
  field: RowField
  message: string
}

export interface RowConflict {
  indicatorId: number
  realisasiId: number | null
  code: string
  /** "Data sudah diubah oleh … pada … WIB (nilai: …)" */
  message: string
  currentVersion: number | null
  current: { value: string; tidakDiukur: boolean; status: string | null; statusLabel: string | null }
}

export type EntryResult =
  | {
      ok: true
      created: number
      updated: number
      submitted: number
      processed: number[]
      /** The version each written row has now (indicator id → version). */
      versions: Record<number, number>
      message: string
      /** True when this answers a resent submission key: nothing was written this time. */
      replayed?: boolean
    }
  | { ok: false; status: 400 | 409; message: string; general: string[]; problems: RowProblem[]; conflicts: RowConflict[] }

export type ReviewResult = { ok: true; count: number; message: string } | { ok: false; status: 400 | 404 | 409; message: string; problems: string[]; conflicts: RowConflict[] }

export type ClosureResult = { ok: true; message: string } | { ok: false; status: 400 | 409; message: string }

/**
 * The verification page's answer: the one FormResult shape, with the row it was about (`targetId`),
 * the conflicts of stale rows, and the message in one field (also on failure).
 */
export type VerificationAnswer = FormResult & { message: string; targetId: number | null; conflicts: RowConflict[] }
