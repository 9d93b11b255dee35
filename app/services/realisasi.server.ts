// Quarterly entry and verification: validation, save / submit / verify / return / unlock and
// quarter closure. Every change runs in ONE transaction together with its audit rows; a stale
// version (optimistic concurrency) or a duplicate insert is a conflict (409) and nothing is written.
import type { DB, Executor } from '../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { forbidden, type SessionUser } from './auth.server'
import { actorOf, writeAudit } from './audit.server'
import { getSettings } from '../models/settings.server'
import {
  auditFilterOptions,
  auditOfEntity,
  bidangOfOpd,
  closedQuarters,
  findRealisasi,
  getRealisasi,
  getRealisasiDetail,
  indicatorsByIds,
  indicatorsOfOpd,
  indicatorsOfUnits,
  lastChangeOf,
  latestSubmittedQuarter,
  listAudit,
  quarterClosure,
  quartersWithStatus,
  realisasiOfYear,
  targetsOf,
  toIndicatorInput,
  unitWithDescendants,
  type EntryIndicatorRow,
  type RealisasiRow,
} from '../models/realisasi.server'
import {
  addDays,
  capaianSatuTriwulan,
  currentQuarterOf,
  deadlineOf,
  formatNumberTrim,
  formatPercent,
  isQuarter,
  parseDecimalInput,
  quarterEndDate,
  quarterLabel,
  quarterTarget,
  zonedTimeToInstant,
} from '../domain'
import type { Quarter } from '../domain/types'
import { deadlineInfo, formatDateTime, parseDbTime, safeHttpUrl, toInputString, zoneAbbreviation } from '../utils/entry-format'
import { fieldName } from '../utils/entry-fields'
import { formatValue, STATUS_LABELS } from '../utils/labels'
import { findSubmission, recordSubmission } from './submission.server'
import { openWorkOf } from './open-work.server'

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export const LIMITS = { buktiText: 2000, buktiLink: 1000, kendala: 4000, tindakLanjut: 4000, note: 2000, maxAbs: 1e14 } as const

/** One row of the entry form, exactly as typed (only these fields are read: no mass assignment). */
export interface RowInput {
  indicatorId: number
  /** The version the form was loaded with; null when the form had no row yet (a new entry). */
  version: number | null
  /** Set when the user read a conflict and chose to save over the version shown to him. */
  overrideVersion: number | null
  value: string
  tidakDiukur: boolean
  buktiText: string
  buktiLink: string
  kendala: string
  tindakLanjut: string
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

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const text = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '')
const clean = (s: string): string | null => {
  const t = s.replace(/\r\n/g, '\n').trim()
  return t === '' ? null : t
}
const round6 = (v: number) => Math.round(v * 1e6) / 1e6

function optionalInt(s: string): number | null {
  const t = s.trim()
  return /^\d{1,9}$/.test(t) ? Number(t) : null
}

/** Unique-key violation on either database. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; message?: string }
  return err?.code === 'ER_DUP_ENTRY' || err?.errno === 1062 || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|Duplicate entry/i.test(err?.message ?? '')
}

/** Fields of a realisation kept in the audit trail's before/after JSON. */
export function snapshot(r: RealisasiRow | undefined | null) {
  if (!r) return null
  return {
    id: r.id,
    indicator_id: r.indicator_id,
    year: r.year,
    quarter: r.quarter,
    value: r.value,
    tidak_diukur: r.tidak_diukur,
    bukti_text: r.bukti_text,
    bukti_link: r.bukti_link,
    kendala: r.kendala,
    tindak_lanjut: r.tindak_lanjut,
    status: r.status,
    return_note: r.return_note,
    is_late: r.is_late,
    version: r.version,
    entered_by: r.entered_by,
    submitted_by: r.submitted_by,
    verified_by: r.verified_by,
  }
}

/** Compares (year, quarter) pairs. */
const qIndex = (year: number, quarter: number) => year * 4 + (quarter - 1)

/** True when the quarter lies after the current one (it has not started yet). */
export function isFutureQuarter(year: number, quarter: number, asOf: Date, timeZone: string): boolean {
  const c = currentQuarterOf(asOf, timeZone)
  return qIndex(year, quarter) > qIndex(c.year, c.quarter)
}

/** True when the quarter's last day is over in the time zone. */
export function hasQuarterEnded(year: number, quarter: Quarter, asOf: Date, timeZone: string): boolean {
  const endNext = zonedTimeToInstant(addDays(quarterEndDate(year, quarter), 1), timeZone)
  return asOf.getTime() >= endNext.getTime()
}

class Abort extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly general: string[],
    readonly problems: RowProblem[],
    readonly conflictKeys: { indicatorId: number; code: string }[],
  ) {
    super('aborted')
  }
}

function conflictValueText(r: RealisasiRow): string {
  if (r.tidak_diukur) return 'tidak diukur'
  return r.value == null ? 'kosong' : formatValue(r.value)
}

/** The conflict message for the current state of a row (read after the rollback, outside any transaction). */
export async function describeConflict(db: Executor, indicatorId: number, code: string, year: number, quarter: number, timeZone: string): Promise<RowConflict> {
  const row = await findRealisasi(db, indicatorId, year, quarter)
  if (!row) {
    return {
      indicatorId,
      realisasiId: null,
      code,
      message: 'Data ini sudah tidak ada di basis data. Muat ulang halaman sebelum menyimpan.',
      currentVersion: null,
      current: { value: '', tidakDiukur: false, status: null, statusLabel: null },
    }
  }
  const last = await lastChangeOf(db, row)
  return {
    indicatorId,
    realisasiId: row.id,
    code,
    message: `Data sudah diubah oleh ${last.name} pada ${formatDateTime(last.at, timeZone)} (nilai: ${conflictValueText(row)})`,
    currentVersion: row.version,
    current: {
      value: row.value == null ? '' : formatValue(row.value),
      tidakDiukur: !!row.tidak_diukur,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status] ?? row.status,
    },
  }
}

// ---------------------------------------------------------------------------
// Form parsing
// ---------------------------------------------------------------------------

export type ParsedEntryForm = { ok: true; request: EntryRequest } | { ok: false; errors: string[] }

/**
 * Reads the entry form: `tahun`, `triwulan`, repeated `row` (indicator ids), per row
 * `r.<id>.value|tidak_diukur|bukti_text|bukti_link|kendala|tindak_lanjut|version|timpa`, and
 * `intent` = simpan | ajukan | simpan:<id> | ajukan:<id>. Nothing else is read.
 */
export function parseEntryForm(form: FormData): ParsedEntryForm {
  const errors: string[] = []
  const tahun = text(form.get('tahun')).trim()
  const triwulan = text(form.get('triwulan')).trim()
  if (!/^\d{4}$/.test(tahun)) errors.push('Tahun tidak valid.')
  if (!/^[1-4]$/.test(triwulan)) errors.push('Triwulan tidak valid; pilih 1, 2, 3, atau 4.')
  const rawIntent = text(form.get('intent')).trim() || 'simpan'
  const m = /^(simpan|ajukan)(?::(\d{1,9}))?$/.exec(rawIntent)
  if (!m) errors.push('Tindakan tidak dikenal.')
  const ids: number[] = []
  for (const v of form.getAll('row')) {
    const id = optionalInt(text(v))
    if (id === null || id === 0) {
      errors.push('Daftar indikator pada formulir tidak valid.')
      break
    }
    if (!ids.includes(id)) ids.push(id)
  }
  if (ids.length > 500) errors.push('Terlalu banyak baris dalam satu kiriman.')
  const only = m?.[2] ? Number(m[2]) : null
  if (only !== null && !ids.includes(only)) ids.push(only)
  if (ids.length === 0 && errors.length === 0) errors.push('Tidak ada indikator yang dikirim.')
  if (errors.length) return { ok: false, errors }
  const rows: RowInput[] = ids.map((id) => ({
    indicatorId: id,
    version: optionalInt(text(form.get(fieldName(id, 'version')))),
    overrideVersion: optionalInt(text(form.get(fieldName(id, 'timpa')))),
    value: text(form.get(fieldName(id, 'value'))),
    tidakDiukur: form.get(fieldName(id, 'tidak_diukur')) != null && text(form.get(fieldName(id, 'tidak_diukur'))) !== '0',
    buktiText: text(form.get(fieldName(id, 'bukti_text'))),
    buktiLink: text(form.get(fieldName(id, 'bukti_link'))),
    kendala: text(form.get(fieldName(id, 'kendala'))),
    tindakLanjut: text(form.get(fieldName(id, 'tindak_lanjut'))),
  }))
  return { ok: true, request: { year: Number(tahun), quarter: Number(triwulan), rows, intent: m![1] === 'ajukan' ? 'submit' : 'save', only } }
}

// ---------------------------------------------------------------------------
// Entry: save draft / submit
// ---------------------------------------------------------------------------

interface Content {
  value: number | null
  tidak_diukur: number
  bukti_text: string | null
  bukti_link: string | null
  kendala: string | null
  tindak_lanjut: string | null
}

function sameContent(r: RealisasiRow, c: Content): boolean {
  const num = (v: number | null) => (v == null ? null : round6(Number(v)))
  return (
    num(r.value) === num(c.value) &&
    Number(r.tidak_diukur) === c.tidak_diukur &&
    (r.bukti_text ?? null) === c.bukti_text &&
    (r.bukti_link ?? null) === c.bukti_link &&
    (r.kendala ?? null) === c.kendala &&
    (r.tindak_lanjut ?? null) === c.tindak_lanjut
  )
}

interface Plan {
  row: RowInput
  ind: EntryIndicatorRow
  existing: RealisasiRow | undefined
  content: Content
  write: 'create' | 'update' | null
  submit: boolean
}

/**
 * Saves (intent `save`) or submits (intent `submit`) a kepala bidang's rows of one quarter.
 * - Throws 403 when a posted indicator is not his unit's (or a unit below it): nothing is written.
 * - Returns 400 with every problem (row by row, in Indonesian) or 409 with the conflicts;
 *   in both cases nothing is written.
 */
export async function saveEntries(db: DB, user: SessionUser, req: EntryRequest, requestId: string | null, submissionKey: string | null = null): Promise<EntryResult> {
  if (user.role !== 'kepala_bidang' || user.unitId == null) forbidden('Hanya kepala bidang yang dapat mengisi realisasi bidangnya.')
  const scope = new Set(await unitWithDescendants(db, user.unitId))
  const ids = req.rows.map((r) => r.indicatorId)
  const indicators = await indicatorsByIds(db, ids)
  const byId = new Map(indicators.map((i) => [i.id, i]))
  // IDOR: every posted indicator must exist and belong to the user's unit — else 403, nothing written.
  for (const id of ids) {
    const ind = byId.get(id)
    if (!ind || !scope.has(ind.unit_id)) forbidden('Anda hanya dapat mengisi realisasi indikator bidang Anda sendiri.')
  }

  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const asOf = now()
  const year = req.year
  const quarter = req.quarter as Quarter
  if (!isQuarter(quarter)) return { ok: false, status: 400, message: 'Triwulan tidak valid.', general: ['Triwulan tidak valid.'], problems: [], conflicts: [] }
  const targetRows = req.only == null ? req.rows : req.rows.filter((r) => r.indicatorId === req.only)
  const { annual, quarterly } = await targetsOf(db, targetRows.map((r) => r.indicatorId), year)
  const deadline = deadlineOf(year, quarter, deadlineDays, timeZone)
  const tsNow = toDbTime(asOf)
  type Ok = Extract<EntryResult, { ok: true }>
  const replay = (first: Ok): EntryResult => ({ ...first, replayed: true })
  if (submissionKey) {
    const first = await findSubmission<Ok>(db, user.id, submissionKey)
    if (first) return replay(first)
  }

  try {
    const outcome = await writeTransaction(db, scopeOfOpds(targetRows.map((r) => byId.get(r.indicatorId)!.opd_id)), async (trx): Promise<{ replay: Ok } | { result: Ok }> => {
      if (submissionKey) {
        // checked again under the write lock: the same key sent twice at once writes once
        const first = await findSubmission<Ok>(trx, user.id, submissionKey)
        if (first) return { replay: first }
      }
      const general: string[] = []
      const addGeneral = (m: string) => {
        if (!general.includes(m)) general.push(m)
      }
      const problems: RowProblem[] = []
      const conflictKeys: { indicatorId: number; code: string }[] = []
      const existingRows = await trx
        .selectFrom('realisasi')
        .selectAll()
        .where('indicator_id', 'in', targetRows.map((r) => r.indicatorId))
        .where('year', '=', year)
        .where('quarter', '=', quarter)
        .execute()
      const existingOf = new Map(existingRows.map((r) => [r.indicator_id, r]))
      const closures = new Map<number, Awaited<ReturnType<typeof quarterClosure>>>()
      for (const opd of new Set(targetRows.map((r) => byId.get(r.indicatorId)!.opd_id))) closures.set(opd, await quarterClosure(trx, opd, year, quarter))
      const future = isFutureQuarter(year, quarter, asOf, timeZone)

      const plans: Plan[] = []
      for (const row of targetRows) {
        const ind = byId.get(row.indicatorId)!
        const existing = existingOf.get(row.indicatorId)
        const rowProblems: RowProblem[] = []
        const problem = (field: RowField, message: string) => rowProblems.push({ indicatorId: ind.id, code: ind.code, field, message })

        // Optimistic concurrency: the version the form was loaded with must still be current.
        const expected = row.overrideVersion ?? row.version
        if ((existing && expected !== existing.version) || (!existing && expected != null)) {
          conflictKeys.push({ indicatorId: ind.id, code: ind.code })
          continue
        }

        // The typed content.
        const parsed = parseDecimalInput(row.value)
        let value: number | null = null
        if (typeof parsed === 'string') problem('value', parsed)
        else if (parsed !== null) value = round6(parsed)
        const content: Content = {
          value,
          tidak_diukur: row.tidakDiukur ? 1 : 0,
          bukti_text: clean(row.buktiText),
          bukti_link: clean(row.buktiLink),
          kendala: clean(row.kendala),
          tindak_lanjut: clean(row.tindakLanjut),
        }
        const hasContent = typeof parsed === 'string' || value !== null || row.tidakDiukur || !!(content.bukti_text || content.bukti_link || content.kendala || content.tindak_lanjut)
        const changed = existing ? typeof parsed === 'string' || !sameContent(existing, content) : hasContent

        // Nothing to do for this row?
        if (req.intent === 'save' && !changed) continue
        if (req.intent === 'submit') {
          if (!existing && !hasContent) {
            if (ind.pola_ukur === 'rilis' && req.only == null) continue // menunggu rilis: nothing to submit yet
            problem('value', 'Isi nilai realisasi atau tandai "tidak diukur" sebelum diajukan.')
            problems.push(...rowProblems)
            continue
          }
          if (existing && (existing.status === 'diajukan' || existing.status === 'diverifikasi') && !changed) continue
        }

        // Row state and quarter state.
        if (existing?.status === 'diajukan') problem('row', 'Sudah diajukan dan menunggu verifikasi; tidak dapat diubah. Minta perencanaan mengembalikannya bila perlu diperbaiki.')
        if (existing?.status === 'diverifikasi') problem('row', 'Sudah diverifikasi dan terkunci; hanya perencanaan yang dapat membuka kuncinya.')
        if (future) addGeneral(`${quarterLabel(quarter)} ${year} belum dimulai: realisasi triwulan yang akan datang tidak dapat diisi.`)
        if (ind.period_closed) addGeneral(`Periode ${ind.period_name} sudah ditutup; realisasinya tidak dapat diubah.`)
        if (year < ind.start_year || year > ind.end_year) addGeneral(`Tahun ${year} di luar periode ${ind.period_name} (${ind.start_year}–${ind.end_year}).`)
        const closure = closures.get(ind.opd_id)
        // A returned row may still be corrected after the quarter was closed: perencanaan asked for it.
        if (closure && existing?.status !== 'dikembalikan') {
          addGeneral(`${quarterLabel(quarter)} ${year} sudah ditutup oleh ${closure.closed_by_name ?? 'perencanaan'} pada ${formatDateTime(closure.closed_at, timeZone)}; realisasi tidak dapat diisi lagi.`)
        }

        // Field checks.
        if (value !== null) {
          if (row.tidakDiukur) problem('value', 'Kosongkan nilai bila triwulan ini ditandai "tidak diukur".')
          if (Math.abs(value) >= LIMITS.maxAbs) problem('value', 'Nilai terlalu besar.')
          const min = ind.min_value == null ? null : Number(ind.min_value)
          const max = ind.max_value == null ? null : Number(ind.max_value)
          if (min !== null && value < min) problem('value', min === 0 ? 'Nilai tidak boleh negatif.' : `Nilai tidak boleh kurang dari ${formatNumberTrim(min, 6)} ${ind.satuan}.`)
          if (max !== null && value > max) {
            problem('value', ind.satuan.toLowerCase() === 'persen' && max === 100 ? 'Nilai persen tidak boleh lebih dari 100.' : `Nilai tidak boleh lebih dari ${formatNumberTrim(max, 6)} ${ind.satuan}.`)
          }
        }
        if ((content.bukti_text?.length ?? 0) > LIMITS.buktiText) problem('bukti_text', `Bukti dukung paling panjang ${LIMITS.buktiText} karakter.`)
        if ((content.bukti_link?.length ?? 0) > LIMITS.buktiLink) problem('bukti_link', `Tautan bukti paling panjang ${LIMITS.buktiLink} karakter.`)
        else if (content.bukti_link && !safeHttpUrl(content.bukti_link)) problem('bukti_link', 'Tautan bukti harus alamat web lengkap yang diawali http:// atau https://.')
        if ((content.kendala?.length ?? 0) > LIMITS.kendala) problem('kendala', `Kendala paling panjang ${LIMITS.kendala} karakter.`)
        if ((content.tindak_lanjut?.length ?? 0) > LIMITS.tindakLanjut) problem('tindak_lanjut', `Tindak lanjut paling panjang ${LIMITS.tindakLanjut} karakter.`)

        // What "Ajukan" additionally requires.
        if (req.intent === 'submit' && typeof parsed !== 'string') {
          if (value === null && !row.tidakDiukur) problem('value', 'Isi nilai realisasi atau tandai "tidak diukur" sebelum diajukan.')
          if (ind.pola_ukur === 'rilis' && value !== null && !content.bukti_text && !content.bukti_link) {
            problem('bukti_text', 'Bukti dukung wajib untuk indikator rilis: sebutkan dokumen rilis resmi dan/atau tautannya.')
          }
          if (value !== null && !row.tidakDiukur) {
            const indInput = toIndicatorInput(ind, year, annual, quarterly)
            const cap = capaianSatuTriwulan(indInput, year, quarter, value, settings.scoring)
            if (cap.needsNarrative) {
              const why = `Capaian ${formatPercent(cap.capaianRaw)} (${cap.predikat?.label ?? 'di bawah ambang'})`
              if (!content.kendala) problem('kendala', `${why}: kendala (faktor penghambat) wajib diisi.`)
              if (!content.tindak_lanjut) problem('tindak_lanjut', `${why}: tindak lanjut wajib diisi.`)
            }
          }
        }

        problems.push(...rowProblems)
        plans.push({ row, ind, existing, content, write: changed ? (existing ? 'update' : 'create') : null, submit: req.intent === 'submit' })
      }

      if (conflictKeys.length) throw new Abort(409, general, problems, conflictKeys)
      if (general.length || problems.length) throw new Abort(400, general, problems, [])

      // Everything checked: write, each step with its audit row.
      let created = 0
      let updated = 0
      let submitted = 0
      const processed: number[] = []
      const versions: Record<number, number> = {}
      for (const p of plans) {
        const lateNow = (prev: RealisasiRow | undefined) => {
          if (p.ind.pola_ukur === 'rilis') return prev?.is_late ? 1 : 0 // released values are never late
          const submittedOnTime = prev?.submitted_at ? parseDbTime(prev.submitted_at)!.getTime() <= deadline.getTime() : false
          return prev?.is_late || (asOf.getTime() > deadline.getTime() && !submittedOnTime) ? 1 : 0
        }
        let current = p.existing
        if (p.write === 'create') {
          const res = await trx
            .insertInto('realisasi')
            .values({
              indicator_id: p.ind.id, year, quarter, ...p.content, bukti_internal: 0, status: 'draft', return_note: null,
              is_late: lateNow(undefined), version: 1, entered_by: user.id, entered_at: tsNow, submitted_by: null, submitted_at: null,
              verified_by: null, verified_at: null, created_at: tsNow, updated_at: tsNow,
            })
            .executeTakeFirstOrThrow()
          current = await getRealisasi(trx, Number(res.insertId))
          await writeAudit(trx, { actor: actorOf(user), opdId: p.ind.opd_id, entity: 'realisasi', entityId: current!.id, action: 'create', after: snapshot(current), requestId })
          created++
        } else if (p.write === 'update') {
          const prev = p.existing!
          const res = await trx
            .updateTable('realisasi')
            .set({ ...p.content, is_late: lateNow(prev), entered_by: user.id, entered_at: tsNow, updated_at: tsNow, version: prev.version + 1 })
            .where('id', '=', prev.id)
            .where('version', '=', prev.version)
            .executeTakeFirst()
          if (Number(res.numUpdatedRows) !== 1) throw new Abort(409, [], [], [{ indicatorId: p.ind.id, code: p.ind.code }])
          current = await getRealisasi(trx, prev.id)
          await writeAudit(trx, { actor: actorOf(user), opdId: p.ind.opd_id, entity: 'realisasi', entityId: prev.id, action: 'update', before: snapshot(prev), after: snapshot(current), requestId })
          updated++
        }
        if (p.submit && current && (current.status === 'draft' || current.status === 'dikembalikan')) {
          const prev = current
          const res = await trx
            .updateTable('realisasi')
            .set({ status: 'diajukan', submitted_by: user.id, submitted_at: tsNow, is_late: lateNow(prev), updated_at: tsNow, version: prev.version + 1 })
            .where('id', '=', prev.id)
            .where('version', '=', prev.version)
            .executeTakeFirst()
          if (Number(res.numUpdatedRows) !== 1) throw new Abort(409, [], [], [{ indicatorId: p.ind.id, code: p.ind.code }])
          current = await getRealisasi(trx, prev.id)
          await writeAudit(trx, { actor: actorOf(user), opdId: p.ind.opd_id, entity: 'realisasi', entityId: prev.id, action: 'submit', before: snapshot(prev), after: snapshot(current), requestId })
          submitted++
        }
        if (p.write || p.submit) processed.push(p.ind.id)
        if (current) versions[p.ind.id] = current.version
      }
      const parts: string[] = []
      if (created + updated) parts.push(`${created + updated} baris disimpan`)
      if (submitted) parts.push(`${submitted} baris diajukan untuk verifikasi`)
      const message = parts.length ? `${parts.join('; ')}.` : 'Tidak ada perubahan untuk disimpan.'
      const result: Ok = { ok: true, created, updated, submitted, processed, versions, message }
      if (submissionKey) await recordSubmission(trx, user.id, submissionKey, result)
      return { result }
    })
    return 'replay' in outcome ? replay(outcome.replay) : outcome.result
  } catch (e) {
    if (e instanceof Abort) {
      if (e.status === 409) {
        const conflicts = await Promise.all(e.conflictKeys.map((k) => describeConflict(db, k.indicatorId, k.code, year, quarter, timeZone)))
        return {
          ok: false,
          status: 409,
          message: 'Sebagian data sudah diubah oleh orang lain sejak halaman ini dimuat. Tidak ada yang disimpan; periksa baris yang ditandai.',
          general: e.general,
          problems: e.problems,
          conflicts,
        }
      }
      const n = e.problems.length + e.general.length
      return { ok: false, status: 400, message: `Ada ${n} masalah; tidak ada yang disimpan. Perbaiki lalu kirim lagi.`, general: e.general, problems: e.problems, conflicts: [] }
    }
    if (submissionKey && isUniqueViolation(e)) {
      // the same key committed by a concurrent request first: answer with its result
      const first = await findSubmission<Ok>(db, user.id, submissionKey)
      if (first) return replay(first)
    }
    if (isUniqueViolation(e)) {
      // Someone inserted the same (indicator, year, quarter) first.
      const conflicts = await Promise.all(
        targetRows.map(async (r) => {
          const ind = byId.get(r.indicatorId)!
          const row = await findRealisasi(db, ind.id, year, quarter)
          return row && r.version == null && r.overrideVersion == null ? describeConflict(db, ind.id, ind.code, year, quarter, timeZone) : null
        }),
      )
      return {
        ok: false,
        status: 409,
        message: 'Data yang sama baru saja diisi oleh orang lain. Tidak ada yang disimpan; periksa baris yang ditandai.',
        general: [],
        problems: [],
        conflicts: conflicts.filter((c): c is RowConflict => c !== null),
      }
    }
    throw e
  }
}

// ---------------------------------------------------------------------------
// Verification (perencanaan): verify, return, unlock
// ---------------------------------------------------------------------------

export type ReviewResult =
  | { ok: true; count: number; message: string }
  | { ok: false; status: 400 | 404 | 409; message: string; problems: string[]; conflicts: RowConflict[] }

type Detail = NonNullable<Awaited<ReturnType<typeof getRealisasiDetail>>>

function assertOpd(user: SessionUser, opdId: number) {
  if (user.opdId != null && user.opdId !== opdId) forbidden('Realisasi ini bukan milik perangkat daerah Anda.')
}

class ReviewAbort extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly problems: string[],
    readonly conflictIds: number[],
  ) {
    super('aborted')
  }
}

const rowName = (d: Detail) => `${d.code} ${quarterLabel(d.quarter)} ${d.year}`

async function reviewTransaction(
  db: DB,
  user: SessionUser,
  items: { id: number; version: number | null }[],
  check: (d: Detail) => string | null,
  apply: (trx: Executor, d: Detail) => Promise<{ action: string; reason?: string | null }>,
  requestId: string | null,
  verb: string,
): Promise<ReviewResult> {
  if (items.length === 0) return { ok: false, status: 400, message: 'Tidak ada baris yang dipilih.', problems: ['Tidak ada baris yang dipilih.'], conflicts: [] }
  const settings = await getSettings(db)
  // Scope first (403 before anything is read or written in a transaction).
  const details = new Map<number, Detail>()
  for (const it of items) {
    const d = await getRealisasiDetail(db, it.id)
    if (!d) return { ok: false, status: 404, message: 'Data realisasi tidak ditemukan.', problems: ['Data realisasi tidak ditemukan.'], conflicts: [] }
    assertOpd(user, d.opd_id)
    details.set(it.id, d)
  }
  try {
    await writeTransaction(db, scopeOfOpds([...details.values()].map((d) => d.opd_id)), async (trx) => {
      const problems: string[] = []
      const conflicts: number[] = []
      const fresh: Detail[] = []
      for (const it of items) {
        const d = await getRealisasiDetail(trx, it.id)
        if (!d) throw new ReviewAbort(404, ['Data realisasi tidak ditemukan.'], [])
        if (it.version == null || d.version !== it.version) {
          conflicts.push(d.id)
          continue
        }
        if (d.period_closed) problems.push(`${rowName(d)}: periode ${d.period_name} sudah ditutup.`)
        const p = check(d)
        if (p) problems.push(`${rowName(d)}: ${p}`)
        fresh.push(d)
      }
      if (conflicts.length) throw new ReviewAbort(409, problems, conflicts)
      if (problems.length) throw new ReviewAbort(400, problems, [])
      for (const d of fresh) {
        const before = await getRealisasi(trx, d.id)
        const { action, reason } = await apply(trx, d)
        const after = await getRealisasi(trx, d.id)
        if (!after || after.version !== d.version + 1) throw new ReviewAbort(409, [], [d.id])
        await writeAudit(trx, { actor: actorOf(user), opdId: d.opd_id, entity: 'realisasi', entityId: d.id, action, before: snapshot(before), after: snapshot(after), reason: reason ?? null, requestId })
      }
    })
    return { ok: true, count: items.length, message: `${items.length} baris ${verb}.` }
  } catch (e) {
    if (e instanceof ReviewAbort) {
      if (e.status === 409) {
        const conflicts = await Promise.all(
          e.conflictIds.map((id) => {
            const d = details.get(id)!
            return describeConflict(db, d.indicator_id, d.code, d.year, d.quarter, settings.scoring.timeZone)
          }),
        )
        return { ok: false, status: 409, message: 'Data sudah diubah oleh orang lain sejak halaman ini dimuat. Tidak ada yang disimpan.', problems: e.problems, conflicts }
      }
      return { ok: false, status: e.status, message: e.problems.join(' '), problems: e.problems, conflicts: [] }
    }
    throw e
  }
}

async function guardedUpdate(trx: Executor, d: Detail, set: Record<string, unknown>) {
  const res = await trx
    .updateTable('realisasi')
    .set({ ...set, updated_at: toDbTime(now()), version: d.version + 1 } as never)
    .where('id', '=', d.id)
    .where('version', '=', d.version)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw new ReviewAbort(409, [], [d.id])
}

/** "Verifikasi": diajukan → diverifikasi (locked). */
export async function verifyRealisasi(db: DB, user: SessionUser, items: { id: number; version: number | null }[], requestId: string | null): Promise<ReviewResult> {
  return reviewTransaction(
    db,
    user,
    items,
    (d) => (d.status === 'diajukan' ? null : `hanya realisasi berstatus Diajukan yang dapat diverifikasi (status sekarang: ${STATUS_LABELS[d.status]}).`),
    async (trx, d) => {
      const t = toDbTime(now())
      await guardedUpdate(trx, d, { status: 'diverifikasi', verified_by: user.id, verified_at: t })
      return { action: 'verify' }
    },
    requestId,
    'diverifikasi',
  )
}

/** "Kembalikan": diajukan → dikembalikan, with a note the kepala bidang sees beside the row. */
export async function returnRealisasi(db: DB, user: SessionUser, item: { id: number; version: number | null }, noteRaw: string, requestId: string | null): Promise<ReviewResult> {
  const note = clean(noteRaw)
  if (!note) return { ok: false, status: 400, message: 'Catatan pengembalian wajib diisi: jelaskan apa yang perlu diperbaiki.', problems: ['Catatan pengembalian wajib diisi: jelaskan apa yang perlu diperbaiki.'], conflicts: [] }
  if (note.length > LIMITS.note) return { ok: false, status: 400, message: `Catatan paling panjang ${LIMITS.note} karakter.`, problems: [`Catatan paling panjang ${LIMITS.note} karakter.`], conflicts: [] }
  return reviewTransaction(
    db,
    user,
    [item],
    (d) => (d.status === 'diajukan' ? null : `hanya realisasi berstatus Diajukan yang dapat dikembalikan (status sekarang: ${STATUS_LABELS[d.status]}).`),
    async (trx, d) => {
      await guardedUpdate(trx, d, { status: 'dikembalikan', return_note: note })
      return { action: 'return', reason: note }
    },
    requestId,
    'dikembalikan',
  )
}

/** "Buka kunci": diverifikasi → diajukan or dikembalikan, with a reason. */
export async function unlockRealisasi(
  db: DB,
  user: SessionUser,
  item: { id: number; version: number | null },
  reasonRaw: string,
  to: 'diajukan' | 'dikembalikan',
  requestId: string | null,
): Promise<ReviewResult> {
  const reason = clean(reasonRaw)
  if (!reason) return { ok: false, status: 400, message: 'Alasan membuka kunci wajib diisi.', problems: ['Alasan membuka kunci wajib diisi.'], conflicts: [] }
  if (reason.length > LIMITS.note) return { ok: false, status: 400, message: `Alasan paling panjang ${LIMITS.note} karakter.`, problems: [`Alasan paling panjang ${LIMITS.note} karakter.`], conflicts: [] }
  if (to !== 'diajukan' && to !== 'dikembalikan') return { ok: false, status: 400, message: 'Status tujuan tidak valid.', problems: ['Status tujuan tidak valid.'], conflicts: [] }
  return reviewTransaction(
    db,
    user,
    [item],
    (d) => (d.status === 'diverifikasi' ? null : `hanya realisasi yang sudah diverifikasi yang dapat dibuka kuncinya (status sekarang: ${STATUS_LABELS[d.status]}).`),
    async (trx, d) => {
      await guardedUpdate(trx, d, { status: to, verified_by: null, verified_at: null, ...(to === 'dikembalikan' ? { return_note: reason } : {}) })
      return { action: 'unlock', reason }
    },
    requestId,
    'dibuka kuncinya',
  )
}

// ---------------------------------------------------------------------------
// Quarter closure
// ---------------------------------------------------------------------------

export type ClosureResult = { ok: true; message: string } | { ok: false; status: 400 | 409; message: string }

/** Perencanaan closes a quarter of an OPD: no more entries (returned rows may still be corrected). */
export async function closeQuarter(db: DB, user: SessionUser, opdId: number, year: number, quarter: number, requestId: string | null): Promise<ClosureResult> {
  assertOpd(user, opdId)
  if (!isQuarter(quarter) || !Number.isInteger(year)) return { ok: false, status: 400, message: 'Triwulan tidak valid.' }
  const opd = await db.selectFrom('org_unit').select(['id', 'kind']).where('id', '=', opdId).executeTakeFirst()
  if (!opd) return { ok: false, status: 400, message: 'Perangkat daerah tidak ditemukan.' }
  const settings = await getSettings(db)
  const asOf = now()
  if (!hasQuarterEnded(year, quarter, asOf, settings.scoring.timeZone)) return { ok: false, status: 400, message: `${quarterLabel(quarter)} ${year} belum berakhir; triwulan hanya dapat ditutup setelah berakhir.` }
  try {
    return await writeTransaction(db, opdId, async (trx) => {
      const existing = await quarterClosure(trx, opdId, year, quarter)
      if (existing) return { ok: false as const, status: 400 as const, message: `${quarterLabel(quarter)} ${year} sudah ditutup oleh ${existing.closed_by_name ?? 'perencanaan'} pada ${formatDateTime(existing.closed_at, settings.scoring.timeZone)}.` }
      const t = toDbTime(asOf)
      const res = await trx.insertInto('quarter_closure').values({ opd_id: opdId, year, quarter, closed_by: user.id, closed_at: t }).executeTakeFirstOrThrow()
      const id = Number(res.insertId)
      await writeAudit(trx, { actor: actorOf(user), opdId, entity: 'quarter_closure', entityId: id, action: 'close_quarter', after: { id, opd_id: opdId, year, quarter, closed_by: user.id }, requestId })
      return { ok: true as const, message: `${quarterLabel(quarter)} ${year} ditutup. Kepala bidang tidak dapat lagi mengisi realisasi triwulan ini.` }
    })
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, status: 409, message: `${quarterLabel(quarter)} ${year} baru saja ditutup oleh pengguna lain.` }
    throw e
  }
}

/** Perencanaan reopens a closed quarter (with a reason). */
export async function reopenQuarter(db: DB, user: SessionUser, opdId: number, year: number, quarter: number, reasonRaw: string, requestId: string | null): Promise<ClosureResult> {
  assertOpd(user, opdId)
  const reason = clean(reasonRaw)
  if (!reason) return { ok: false, status: 400, message: 'Alasan membuka kembali triwulan wajib diisi.' }
  if (reason.length > LIMITS.note) return { ok: false, status: 400, message: `Alasan paling panjang ${LIMITS.note} karakter.` }
  return writeTransaction(db, opdId, async (trx) => {
    const existing = await quarterClosure(trx, opdId, year, quarter)
    if (!existing) return { ok: false as const, status: 409 as const, message: `${quarterLabel(quarter)} ${year} tidak dalam keadaan ditutup.` }
    const res = await trx.deleteFrom('quarter_closure').where('id', '=', existing.id).executeTakeFirst()
    if (Number(res.numDeletedRows) !== 1) return { ok: false as const, status: 409 as const, message: 'Penutupan triwulan sudah diubah oleh pengguna lain.' }
    await writeAudit(trx, {
      actor: actorOf(user), opdId: existing.opd_id, entity: 'quarter_closure', entityId: existing.id, action: 'reopen_quarter',
      before: { id: existing.id, opd_id: existing.opd_id, year, quarter, closed_by: existing.closed_by }, reason, requestId,
    })
    return { ok: true as const, message: `${quarterLabel(quarter)} ${year} dibuka kembali untuk pengisian.` }
  })
}

// ---------------------------------------------------------------------------
// Page data (presenters): what the entry, verification, audit and history pages show
// ---------------------------------------------------------------------------

export interface SavedRowView {
  id: number
  version: number
  valueText: string
  valueShown: string
  tidakDiukur: boolean
  buktiText: string
  buktiLink: string
  buktiHref: string | null
  kendala: string
  tindakLanjut: string
  status: RealisasiRow['status']
  statusLabel: string
  returnNote: string | null
  isLate: boolean
  enteredBy: string | null
  enteredAt: string
  submittedAt: string | null
  verifiedBy: string | null
  verifiedAt: string | null
}

export interface CapaianView {
  raw: number | null
  text: string
  predikatKey: string | null
  predikatLabel: string | null
  needsNarrative: boolean
}

function capaianView(c: ReturnType<typeof capaianSatuTriwulan>): CapaianView {
  return { raw: c.capaianRaw, text: formatPercent(c.capaianRaw), predikatKey: c.predikat?.key ?? null, predikatLabel: c.predikat?.label ?? null, needsNarrative: c.needsNarrative }
}

function savedRowView(r: RealisasiWithNamesLike, timeZone: string): SavedRowView {
  return {
    id: r.id,
    version: r.version,
    valueText: toInputString(r.value),
    valueShown: r.tidak_diukur ? 'Tidak diukur' : formatValue(r.value),
    tidakDiukur: !!r.tidak_diukur,
    buktiText: r.bukti_text ?? '',
    buktiLink: r.bukti_link ?? '',
    buktiHref: safeHttpUrl(r.bukti_link),
    kendala: r.kendala ?? '',
    tindakLanjut: r.tindak_lanjut ?? '',
    status: r.status,
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    returnNote: r.return_note,
    isLate: !!r.is_late,
    enteredBy: r.entered_by_name,
    enteredAt: formatDateTime(r.entered_at ?? r.updated_at, timeZone),
    submittedAt: r.submitted_at ? formatDateTime(r.submitted_at, timeZone) : null,
    verifiedBy: r.verified_by_name,
    verifiedAt: r.verified_at ? formatDateTime(r.verified_at, timeZone) : null,
  }
}

type RealisasiWithNamesLike = RealisasiRow & { entered_by_name: string | null; verified_by_name: string | null }

export interface EntryRowView {
  indicatorId: number
  code: string
  name: string
  satuan: string
  polaUkur: EntryIndicatorRow['pola_ukur']
  polarity: EntryIndicatorRow['polarity']
  unitShort: string
  minValue: number | null
  maxValue: number | null
  /** The engine's indicator (targets of this year), for the live capaian in the browser. */
  indicator: ReturnType<typeof toIndicatorInput>
  targetQuarter: number | null
  targetYear: number | null
  earlier: { quarter: number; label: string; text: string; statusLabel: string | null }[]
  row: SavedRowView | null
  /** The capaian of the saved value (server-rendered: right without JavaScript). */
  savedCapaian: CapaianView | null
  editable: boolean
  lockReason: string | null
}

export interface QuarterOption {
  year: number
  quarter: number
  label: string
  note: string | null
}

/** Data of the "Input Realisasi" page of a kepala bidang. */
export async function entryPageData(db: DB, user: SessionUser, params: URLSearchParams) {
  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const asOf = now()
  const current = currentQuarterOf(asOf, timeZone)
  const notices: string[] = []
  let year: number = current.year
  let quarter: Quarter = current.quarter
  // `?tahun=2026&triwulan=3`, or `?tw=2026-3` from the quarter picker
  const tw = /^(\d{4})-([1-4])$/.exec(params.get('tw') ?? '')
  const rawYear = tw ? tw[1]! : params.get('tahun')
  const rawQuarter = tw ? tw[2]! : params.get('triwulan')
  if (rawYear || rawQuarter) {
    const y = Number(rawYear)
    const q = Number(rawQuarter ?? '')
    if (!/^\d{4}$/.test(rawYear ?? '') || !isQuarter(q)) notices.push('Tahun atau triwulan pada alamat tidak valid; triwulan berjalan ditampilkan.')
    else if (isFutureQuarter(y, q, asOf, timeZone)) notices.push(`${quarterLabel(q)} ${y} belum dimulai; triwulan berjalan ditampilkan.`)
    else {
      year = y
      quarter = q
    }
  }  else {
    // no period asked for: open on the oldest quarter with open work (returned, draft, overdue)
    const oldest = (await openWorkOf(db, user, asOf)).oldest
    if (oldest && isQuarter(oldest.quarter) && (oldest.year !== year || oldest.quarter !== quarter)) {
      year = oldest.year
      quarter = oldest.quarter
      notices.push(`${quarterLabel(quarter)} ${year} ditampilkan karena masih ada pekerjaan terbuka di sana (dikembalikan, draf, atau belum diisi melewati batas waktu).`)
    }
  }
  const scoring = { bands: settings.scoring.bands, cap: settings.scoring.cap, deadlineDays, timeZone }
  const base = { year, quarter, current, settings: scoring, notices, quarterTitle: `${quarterLabel(quarter)} ${year}` }
  if (user.unitId == null) return { ...base, unitName: null, rows: [] as EntryRowView[], options: [] as QuarterOption[], closure: null, deadline: deadlineInfo(year, quarter, asOf, deadlineDays, timeZone), returnedElsewhere: [] as QuarterOption[], periodClosed: false }

  const unitIds = await unitWithDescendants(db, user.unitId)
  const indicators = await indicatorsOfUnits(db, unitIds, year)
  const ids = indicators.map((i) => i.id)
  const [{ annual, quarterly }, rows, closure, pending] = await Promise.all([
    targetsOf(db, ids, year),
    realisasiOfYear(db, ids, year),
    user.opdId != null ? quarterClosure(db, user.opdId, year, quarter) : Promise.resolve(undefined),
    quartersWithStatus(db, (await indicatorsOfUnits(db, unitIds, current.year)).map((i) => i.id).concat(ids), ['dikembalikan', 'draft']),
  ])
  const rowOf = new Map(rows.map((r) => [`${r.indicator_id}|${r.quarter}`, r]))
  const periodClosed = indicators.some((i) => i.period_closed)

  const views: EntryRowView[] = indicators.map((ind) => {
    const indicator = toIndicatorInput(ind, year, annual, quarterly)
    const r = rowOf.get(`${ind.id}|${quarter}`)
    const earlier = [] as EntryRowView['earlier']
    for (let q = 1; q < quarter; q++) {
      const e = rowOf.get(`${ind.id}|${q}`)
      earlier.push({
        quarter: q,
        label: quarterLabel(q),
        text: !e ? '–' : e.tidak_diukur ? 'tidak diukur' : formatValue(e.value),
        statusLabel: e ? (STATUS_LABELS[e.status] ?? e.status) : null,
      })
    }
    let lockReason: string | null = null
    if (ind.period_closed) lockReason = `Periode ${ind.period_name} sudah ditutup.`
    else if (r?.status === 'diajukan') lockReason = 'Sudah diajukan; menunggu verifikasi perencanaan.'
    else if (r?.status === 'diverifikasi') lockReason = 'Sudah diverifikasi (terkunci).'
    else if (closure && r?.status !== 'dikembalikan') lockReason = 'Triwulan sudah ditutup oleh perencanaan.'
    const saved = r && !r.tidak_diukur && r.value != null ? capaianView(capaianSatuTriwulan(indicator, year, quarter, Number(r.value), settings.scoring)) : null
    return {
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      satuan: ind.satuan,
      polaUkur: ind.pola_ukur,
      polarity: ind.polarity,
      unitShort: ind.unit_short ?? ind.unit_name,
      minValue: ind.min_value == null ? null : Number(ind.min_value),
      maxValue: ind.max_value == null ? null : Number(ind.max_value),
      indicator,
      targetQuarter: quarterTarget(indicator, year, quarter),
      targetYear: annual.get(ind.id) ?? null,
      earlier,
      row: r ? savedRowView(r, timeZone) : null,
      savedCapaian: saved,
      editable: lockReason === null,
      lockReason,
    }
  })

  // The quarter picker: the current quarter, the four before it (unless closed), and any quarter with returned or draft rows.
  const closed = await closedQuarters(db, user.opdId != null ? [user.opdId] : [])
  const isClosed = (y: number, q: number) => user.opdId != null && closed.has(`${user.opdId}|${y}|${q}`)
  const notesOf = new Map<string, string[]>()
  for (const p of pending) {
    const k = `${p.year}|${p.quarter}`
    const list = notesOf.get(k) ?? []
    list.push(`${Number(p.n)} ${p.status === 'dikembalikan' ? 'dikembalikan' : 'draf'}`)
    notesOf.set(k, list)
  }
  const seen = new Set<string>()
  const options: QuarterOption[] = []
  const add = (y: number, q: number, forced = false) => {
    const k = `${y}|${q}`
    if (seen.has(k) || (!forced && isClosed(y, q))) return
    seen.add(k)
    const bits = [...(notesOf.get(k) ?? [])]
    if (y === current.year && q === current.quarter) bits.unshift('berjalan')
    if (isClosed(y, q)) bits.push('ditutup')
    options.push({ year: y, quarter: q, label: `${quarterLabel(q)} ${y}`, note: bits.length ? bits.join(', ') : null })
  }
  let y = current.year
  let q: number = current.quarter
  for (let i = 0; i < 5; i++) {
    add(y, q)
    if (q === 1) {
      y--
      q = 4
    } else q--
  }
  for (const p of pending) add(p.year, p.quarter, true)
  add(year, quarter, true)
  options.sort((a, b) => qIndex(b.year, b.quarter) - qIndex(a.year, a.quarter))
  const returnedElsewhere = pending
    .filter((p) => p.status === 'dikembalikan' && !(p.year === year && p.quarter === quarter))
    .map((p) => ({ year: p.year, quarter: p.quarter, label: `${quarterLabel(p.quarter)} ${p.year}`, note: `${Number(p.n)} dikembalikan` }))

  return {
    ...base,
    unitName: user.unitName,
    rows: views,
    options,
    closure: closure ? { by: closure.closed_by_name, at: formatDateTime(closure.closed_at, timeZone) } : null,
    deadline: deadlineInfo(year, quarter, asOf, deadlineDays, timeZone),
    returnedElsewhere,
    periodClosed,
  }
}

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

/** Data of the verification page: the queue per bidang for one quarter. */
export async function verificationPageData(db: DB, user: SessionUser, params: URLSearchParams) {
  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const asOf = now()
  const current = currentQuarterOf(asOf, timeZone)
  const notices: string[] = []
  const requestedOpd = Number(params.get('opd')) || null
  const opdId = user.opdId ?? requestedOpd ?? (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').orderBy('sort_order').orderBy('id').executeTakeFirst())?.id ?? null
  const opds = user.opdId == null ? await db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'opd').orderBy('sort_order').orderBy('name').execute() : []
  let year: number
  let quarter: Quarter
  const rawYear = params.get('tahun')
  const rawQuarter = params.get('triwulan')
  const fallback = (opdId != null ? await latestSubmittedQuarter(db, opdId) : null) ?? current
  year = fallback.year
  quarter = fallback.quarter
  if (rawYear || rawQuarter) {
    const y = Number(rawYear)
    const q = Number(rawQuarter ?? '')
    if (!/^\d{4}$/.test(rawYear ?? '') || !isQuarter(q)) notices.push('Tahun atau triwulan pada alamat tidak valid.')
    else {
      year = y
      quarter = q
    }
  }
  const bidangFilter = Number(params.get('bidang')) || null
  const deadline = deadlineInfo(year, quarter, asOf, deadlineDays, timeZone)
  const pastDeadline = asOf.getTime() > deadlineOf(year, quarter, deadlineDays, timeZone).getTime()
  const empty = { year, quarter, quarterTitle: `${quarterLabel(quarter)} ${year}`, notices, opdId, opds, deadline, bidang: [] as BidangView[], allBidang: [] as { id: number; name: string }[], bidangFilter, closure: null as null | { by: string | null; at: string }, canClose: false, pastDeadline, future: isFutureQuarter(year, quarter, asOf, timeZone) }
  if (opdId == null) return empty

  const indicators = await indicatorsOfOpd(db, opdId, year)
  const ids = indicators.map((i) => i.id)
  const [{ annual, quarterly }, rows, closure, { top, owner }] = await Promise.all([targetsOf(db, ids, year), realisasiOfYear(db, ids, year), quarterClosure(db, opdId, year, quarter), bidangOfOpd(db, opdId)])
  const rowOf = new Map(rows.filter((r) => r.quarter === quarter).map((r) => [r.indicator_id, r]))
  const groups = new Map<number, BidangView>()
  for (const t of top) groups.set(t.id, { id: t.id, name: t.name, short: t.short_name ?? t.name, rows: [], counts: { diajukan: 0, diverifikasi: 0, dikembalikan: 0, draft: 0, belum: 0, terlambat: 0 } })
  for (const ind of indicators) {
    const topId = owner.get(ind.unit_id) ?? ind.unit_id
    let g = groups.get(topId)
    if (!g) groups.set(topId, (g = { id: topId, name: ind.unit_name, short: ind.unit_short ?? ind.unit_name, rows: [], counts: { diajukan: 0, diverifikasi: 0, dikembalikan: 0, draft: 0, belum: 0, terlambat: 0 } }))
    const indicator = toIndicatorInput(ind, year, annual, quarterly)
    const r = rowOf.get(ind.id)
    const hasData = !!r && (r.value != null || !!r.tidak_diukur)
    const waitingRelease = ind.pola_ukur === 'rilis' && !hasData
    const missing = !hasData && !waitingRelease
    // not submitted: no row, a draft or a returned row (a rilis indicator waiting for its release is not)
    const notSubmitted = !waitingRelease && (!r || r.status === 'draft' || r.status === 'dikembalikan')
    if (r) g.counts[r.status]++
    if (missing) g.counts.belum++
    // late: past the deadline and still not submitted (a draft counts as not submitted), or submitted late
    if ((notSubmitted && pastDeadline && ind.pola_ukur !== 'rilis') || (!notSubmitted && r?.is_late)) g.counts.terlambat++
    g.rows.push({
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      satuan: ind.satuan,
      polaUkur: ind.pola_ukur,
      targetQuarter: quarterTarget(indicator, year, quarter),
      row: r ? savedRowView(r, timeZone) : null,
      capaian: r && !r.tidak_diukur && r.value != null ? capaianView(capaianSatuTriwulan(indicator, year, quarter, Number(r.value), settings.scoring)) : null,
      missing,
      notSubmitted,
      waitingRelease,
    })
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

export const AUDIT_PAGE_SIZE = 50

/**
 * Data of the audit trail page: filters, one page of rows, each with its changes in words. Scoped
 * to the reader's OPD (rows, counts and every filter list); a city-level reader sees every OPD.
 */
export async function auditPageData(db: DB, user: Pick<SessionUser, 'opdId'>, params: URLSearchParams) {
  const settings = await getSettings(db)
  const { timeZone } = settings.scoring
  const errors: string[] = []
  const pick = (k: string, max = 60) => {
    const v = (params.get(k) ?? '').trim()
    return v ? v.slice(0, max) : null
  }
  const dateBound = (k: string, label: string, plusDays: number): string | null => {
    const v = pick(k, 10)
    if (!v) return null
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) {
      errors.push(`Tanggal ${label} "${v}" tidak valid; gunakan format TTTT-BB-HH.`)
      return null
    }
    const d = addDays({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, plusDays)
    return toDbTime(zonedTimeToInstant(d, timeZone))
  }
  const filters = {
    opdId: user.opdId,
    entity: pick('entitas', 40),
    entityId: pick('id', 60),
    action: pick('aksi', 40),
    actor: pick('pengguna', 60),
    fromUtc: dateBound('dari', 'awal', 0),
    toUtc: dateBound('sampai', 'akhir', 1),
  }
  const rawPage = Number(params.get('halaman') ?? '1')
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 1_000_000 ? rawPage : 1
  const [{ total, rows }, options] = await Promise.all([listAudit(db, filters, page, AUDIT_PAGE_SIZE), auditFilterOptions(db, user.opdId)])
  return {
    errors,
    filters: { entitas: filters.entity ?? '', id: filters.entityId ?? '', aksi: filters.action ?? '', pengguna: filters.actor ?? '', dari: filters.fromUtc ? (params.get('dari') ?? '') : '', sampai: filters.toUtc ? (params.get('sampai') ?? '') : '' },
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    options,
    timeZoneLabel: zoneAbbreviation(timeZone),
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.occurred_at, timeZone),
      actorName: r.actor_name ?? r.actor_username ?? 'sistem',
      actorUsername: r.actor_username,
      actorRole: r.actor_role,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      reason: r.reason,
      requestId: r.request_id,
      beforeJson: r.before_json,
      afterJson: r.after_json,
    })),
  }
}

/** Data of the history panel of one realisation; 403 outside the user's scope, 404 when unknown. */
export async function historyPageData(db: DB, user: SessionUser, id: number) {
  const detail = await getRealisasiDetail(db, id)
  if (!detail) throw new Response('Data realisasi tidak ditemukan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  if (user.role === 'kepala_bidang') {
    const scope = user.unitId == null ? [] : await unitWithDescendants(db, user.unitId)
    if (!scope.includes(detail.unit_id)) forbidden('Riwayat ini bukan milik bidang Anda.')
  } else if (user.opdId != null && user.opdId !== detail.opd_id) forbidden('Riwayat ini bukan milik perangkat daerah Anda.')
  const settings = await getSettings(db)
  const { timeZone } = settings.scoring
  const audit = await auditOfEntity(db, 'realisasi', id)
  return {
    realisasi: {
      id: detail.id,
      code: detail.code,
      name: detail.name,
      satuan: detail.satuan,
      unitName: detail.unit_name,
      year: detail.year,
      quarter: detail.quarter,
      quarterTitle: `${quarterLabel(detail.quarter)} ${detail.year}`,
      valueShown: detail.tidak_diukur ? 'Tidak diukur' : formatValue(detail.value),
      status: detail.status,
      statusLabel: STATUS_LABELS[detail.status] ?? detail.status,
      version: detail.version,
      enteredBy: detail.entered_by_name,
      enteredAt: formatDateTime(detail.entered_at ?? detail.updated_at, timeZone),
      verifiedBy: detail.verified_by_name,
      verifiedAt: detail.verified_at ? formatDateTime(detail.verified_at, timeZone) : null,
      indicatorDeleted: !!detail.indicator_deleted_at,
    },
    entries: audit.map((a) => ({
      id: a.id,
      at: formatDateTime(a.occurred_at, timeZone),
      actorName: a.actor_name ?? a.actor_username ?? 'sistem',
      actorRole: a.actor_role,
      action: a.action,
      reason: a.reason,
      requestId: a.request_id,
      beforeJson: a.before_json,
      afterJson: a.after_json,
    })),
  }
}
