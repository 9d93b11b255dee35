// The entry form's POST, shared by the page's action (a plain form post, works without
// JavaScript) and the JSON endpoint /realisasi/simpan the page uses when JavaScript runs (a
// failed network then leaves the page and what was typed in place).
import type { DB } from '../utils/db.server'
import type { SessionUser } from './auth.server'
import { parseEntryForm, saveEntries, type RowConflict, type RowProblem } from './realisasi.server'
import { submissionKeyOf } from './submission.server'
import type { TypedRow } from '../utils/view-types'

export interface EntryActionData {
  ok: boolean
  message: string
  year: number | null
  quarter: number | null
  general: string[]
  problems: RowProblem[]
  conflicts: RowConflict[]
  /** What was typed, per indicator id (kept when nothing was saved, and for rows a row-level save did not touch). */
  values: Record<string, TypedRow>
  /** The version each kept row was based on. */
  versions: Record<string, string>
  /** After a save: the version each saved row has now (indicator id → version). */
  savedVersions: Record<string, number>
  /** The indicator ids the save covered (all posted rows, or the one row of a row button). */
  covered: number[]
  /** True when this answered a resent submission (nothing written again). */
  replayed: boolean
}

/** Parses and saves the entry form; the answer's body and HTTP status. */
export async function runEntryAction(db: DB, user: SessionUser, form: FormData, requestId: string | null): Promise<{ status: number; body: EntryActionData }> {
  const empty = { values: {}, versions: {}, savedVersions: {}, covered: [], replayed: false }
  const parsed = parseEntryForm(form)
  if (!parsed.ok) {
    return { status: 400, body: { ok: false, message: parsed.errors.join(' '), year: null, quarter: null, general: parsed.errors, problems: [], conflicts: [], ...empty } }
  }
  const req = parsed.request
  const result = await saveEntries(db, user, req, requestId, submissionKeyOf(form))
  const values: Record<string, TypedRow> = {}
  const versions: Record<string, string> = {}
  const covered = req.rows.filter((r) => req.only == null || req.only === r.indicatorId).map((r) => r.indicatorId)
  for (const r of req.rows) {
    if (result.ok && covered.includes(r.indicatorId)) continue // saved: show what the database holds now
    values[r.indicatorId] = { value: r.value, tidakDiukur: r.tidakDiukur, buktiText: r.buktiText, buktiLink: r.buktiLink, kendala: r.kendala, tindakLanjut: r.tindakLanjut }
    const v = r.overrideVersion ?? r.version
    versions[r.indicatorId] = v == null ? '' : String(v)
  }
  const base = { year: req.year, quarter: req.quarter, values, versions, covered }
  if (result.ok) {
    const savedVersions: Record<string, number> = {}
    for (const [id, v] of Object.entries(result.versions)) savedVersions[id] = v
    return { status: 200, body: { ok: true, message: result.message, general: [], problems: [], conflicts: [], savedVersions, replayed: !!result.replayed, ...base } }
  }
  return {
    status: result.status,
    body: { ok: false, message: result.message, general: result.general, problems: result.problems, conflicts: result.conflicts, savedVersions: {}, replayed: false, ...base },
  }
}
