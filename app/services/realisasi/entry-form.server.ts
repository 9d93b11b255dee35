// The entry form's POST, shared by the page's action (a plain form post, works without
// JavaScript) and the JSON endpoint /realisasi/simpan the page uses when JavaScript runs (a
// failed network then leaves the page and what was typed in place). The envelope (tahun,
// triwulan, intent) is a zod schema; the rows are read by their names `r.<id>.<field>` only
// (no mass assignment). The answer is EntryAnswer (ADR 0032: the per-row shape the offline
// save code reads) on the one FormResult shape (ADR 0024).
import { z } from 'zod'
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { fieldName, SUBMISSION_KEY_FIELD } from '../../utils/entry-fields'
import type { TypedRow } from '../../utils/view-types'
import { saveEntries } from './save-entries.server'
import { formError, formSuccess, type FormResult } from '../../utils/forms'
import type { EntryRequest, RowConflict, RowInput, RowProblem } from './types'

/** The verb of the entry form's intent (`simpan` / `ajukan`, optionally for one row). */
export type EntryFormIntent = 'simpan' | 'ajukan'

/**
 * The entry form's answer (ADR 0024 and ADR 0032): the one FormResult shape (status, intent,
 * formErrors = the message and the general problems, fieldErrors by the form's field names
 * `r.<id>.<field>`), extended with the per-row data the page and the offline queue read. `values`
 * holds the envelope only (tahun, triwulan, intent): what was typed in each row comes back typed
 * in `rows`, once (a 500-row form on a slow line is not sent back twice).
 */
export type EntryAnswer = FormResult & {
  /** Kept for the offline queue and older clients: same as status === 'success'. */
  ok: boolean
  message: string
  year: number | null
  quarter: number | null
  general: string[]
  problems: RowProblem[]
  conflicts: RowConflict[]
  /** What was typed, per indicator id (kept when nothing was saved, and for rows a row-level save did not touch). */
  rows: Record<string, TypedRow>
  /** The version each kept row was based on. */
  versions: Record<string, string>
  /** After a save: the version each saved row has now (indicator id → version). */
  savedVersions: Record<string, number>
  /** The indicator ids the save covered (all posted rows, or the one row of a row button). */
  covered: number[]
  /** True when this answered a resent submission (nothing written again). */
  replayed: boolean
}

const text = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '')

function optionalInt(s: string): number | null {
  const t = s.trim()
  return /^\d{1,9}$/.test(t) ? Number(t) : null
}

/** The envelope of the entry form: period and intent (simpan | ajukan, optionally `:<indicator id>` for one row). */
export const entryEnvelopeSchema = z.object({
  tahun: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'Tahun tidak valid.')
    .transform(Number),
  triwulan: z
    .string()
    .trim()
    .regex(/^[1-4]$/, 'Triwulan tidak valid; pilih 1, 2, 3, atau 4.')
    .transform(Number),
  intent: z
    .string()
    .trim()
    .transform((v) => v || 'simpan')
    .pipe(z.string().regex(/^(simpan|ajukan)(?::\d{1,9})?$/, 'Tindakan tidak dikenal.'))
    .transform((v) => {
      const [verb, id] = v.split(':')
      return { intent: verb === 'ajukan' ? ('submit' as const) : ('save' as const), only: id ? Number(id) : null }
    }),
})

/** The posted indicator ids (repeated `row`), de-duplicated; null when one is not an id. */
function postedIds(form: FormData): number[] | null {
  const ids: number[] = []
  for (const v of form.getAll('row')) {
    const id = optionalInt(text(v))
    if (id === null || id === 0) return null
    if (!ids.includes(id)) ids.push(id)
  }
  return ids
}

function rowOf(form: FormData, id: number): RowInput {
  const get = (f: Parameters<typeof fieldName>[1]) => text(form.get(fieldName(id, f)))
  return {
    indicatorId: id,
    version: optionalInt(get('version')),
    overrideVersion: optionalInt(get('timpa')),
    value: get('value'),
    tidakDiukur: form.get(fieldName(id, 'tidak_diukur')) != null && get('tidak_diukur') !== '0',
    buktiText: get('bukti_text'),
    buktiLink: get('bukti_link'),
    kendala: get('kendala'),
    tindakLanjut: get('tindak_lanjut'),
  }
}

export type ParsedEntryForm = { ok: true; request: EntryRequest } | { ok: false; errors: string[] }

/**
 * Reads the entry form: `tahun`, `triwulan`, repeated `row` (indicator ids), per row
 * `r.<id>.value|tidak_diukur|bukti_text|bukti_link|kendala|tindak_lanjut|version|timpa`, and
 * `intent` = simpan | ajukan | simpan:<id> | ajukan:<id>. Nothing else is read.
 */
export function parseEntryForm(form: FormData): ParsedEntryForm {
  const envelope = entryEnvelopeSchema.safeParse({ tahun: text(form.get('tahun')), triwulan: text(form.get('triwulan')), intent: text(form.get('intent')) })
  const errors = envelope.success ? [] : envelope.error.issues.map((i) => i.message)
  const ids = postedIds(form)
  if (ids === null) errors.push('Daftar indikator pada formulir tidak valid.')
  else if (ids.length > 500) errors.push('Terlalu banyak baris dalam satu kiriman.')
  const only = envelope.success ? envelope.data.intent.only : null
  if (ids && only !== null && !ids.includes(only)) ids.push(only)
  if (ids && ids.length === 0 && errors.length === 0) errors.push('Tidak ada indikator yang dikirim.')
  if (errors.length || !envelope.success || !ids) return { ok: false, errors }
  const { tahun, triwulan, intent } = envelope.data
  return { ok: true, request: { year: tahun, quarter: triwulan, rows: ids.map((id) => rowOf(form, id)), intent: intent.intent, only } }
}

/** The posted key when it is well-formed (16–64 of A–Z a–z 0–9 _ -), else null (no idempotency). */
export function submissionKeyOf(form: FormData): string | null {
  const v = form.get(SUBMISSION_KEY_FIELD)
  return typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? v : null
}

/** The intent verb as posted ('simpan' when missing or unknown). */
const intentOf = (form: FormData): EntryFormIntent => (text(form.get('intent')).startsWith('ajukan') ? 'ajukan' : 'simpan')

/** The envelope as typed (the FormResult `values`). */
const envelopeOf = (form: FormData) => ({ tahun: text(form.get('tahun')), triwulan: text(form.get('triwulan')), intent: text(form.get('intent')) })

/** Problems of a row under the form's field names (a row-level one under `r.<id>.row`). */
function problemFields(problems: RowProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const p of problems) (out[`r.${p.indicatorId}.${p.field}`] ??= []).push(p.message)
  return out
}

/** A refused save: the FormError part plus the per-row data. */
function refused(
  form: FormData,
  message: string,
  general: string[],
  problems: RowProblem[],
  conflicts: RowConflict[],
  rest: Pick<EntryAnswer, 'year' | 'quarter' | 'rows' | 'versions' | 'covered'>,
): EntryAnswer {
  const error = formError([message, ...general.filter((g) => g !== message)], { intent: intentOf(form), fieldErrors: problemFields(problems), values: envelopeOf(form) })
  return { ...error, ok: false, message, general, problems, conflicts, savedVersions: {}, replayed: false, ...rest }
}

/** What was typed in each row the save did not write, and the version it was based on. */
function keptRows(req: EntryRequest, saved: boolean, covered: number[]) {
  const rows: Record<string, TypedRow> = {}
  const versions: Record<string, string> = {}
  for (const r of req.rows) {
    if (saved && covered.includes(r.indicatorId)) continue // saved: show what the database holds now
    rows[r.indicatorId] = { value: r.value, tidakDiukur: r.tidakDiukur, buktiText: r.buktiText, buktiLink: r.buktiLink, kendala: r.kendala, tindakLanjut: r.tindakLanjut }
    const v = r.overrideVersion ?? r.version
    versions[r.indicatorId] = v == null ? '' : String(v)
  }
  return { rows, versions }
}

/** Parses and saves the entry form; the answer's body and HTTP status (200, 400 or 409). */
export async function runEntryAction(db: DB, user: SessionUser, form: FormData, requestId: string | null): Promise<{ status: 200 | 400 | 409; body: EntryAnswer }> {
  const parsed = parseEntryForm(form)
  if (!parsed.ok) {
    const message = parsed.errors.join(' ')
    return { status: 400, body: refused(form, message, parsed.errors, [], [], { year: null, quarter: null, rows: {}, versions: {}, covered: [] }) }
  }
  const req = parsed.request
  const result = await saveEntries(db, user, req, requestId, submissionKeyOf(form))
  const covered = req.rows.filter((r) => req.only == null || req.only === r.indicatorId).map((r) => r.indicatorId)
  const base = { year: req.year, quarter: req.quarter, ...keptRows(req, result.ok, covered), covered }
  if (!result.ok) return { status: result.status, body: refused(form, result.message, result.general, result.problems, result.conflicts, base) }
  const savedVersions: Record<string, number> = {}
  for (const [id, v] of Object.entries(result.versions)) savedVersions[id] = v
  const success = formSuccess(result.message, intentOf(form))
  return { status: 200, body: { ...success, ok: true, message: result.message, general: [], problems: [], conflicts: [], savedVersions, replayed: !!result.replayed, ...base } }
}
