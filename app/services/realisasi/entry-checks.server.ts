// The checks of one posted entry row before anything is written: version (optimistic concurrency),
// the typed content, the row's and the quarter's state, field limits and what "Ajukan" requires.
// The result is a plan per row (what to write) or problems; saveEntries writes only when no row
// has a problem or a conflict.
import type { QuarterClosureRow, EntryIndicatorRow, RealisasiRow } from '../../models/realisasi.server'
import { capaianSatuTriwulan, formatNumberTrim, formatPercent, parseDecimalInput, quarterName } from '../../domain'
import { indicatorInputOfYear } from '../../domain/indicator-input'
import type { Quarter, ScoringSettings } from '../../domain/types'
import { formatDateTime, safeHttpUrl } from '../../utils/entry-format'
import { clean, round6 } from './common.server'
import { LIMITS, type EntryRequest, type RowField, type RowInput, type RowProblem } from './types'

/** What the checks of one save need to know (read once, before the rows are checked). */
export interface EntryContext {
  req: EntryRequest
  year: number
  quarter: Quarter
  settings: ScoringSettings
  timeZone: string
  /** The quarter has not started yet. */
  future: boolean
  annual: Map<number, number>
  quarterly: Map<number, Record<string, number>>
}

/** The stored columns a row's typed content sets. */
export interface Content {
  value: number | null
  tidak_diukur: number
  bukti_text: string | null
  bukti_link: string | null
  kendala: string | null
  tindak_lanjut: string | null
}

/** What to do with one row once every row passed its checks. */
export interface Plan {
  row: RowInput
  ind: EntryIndicatorRow
  existing: RealisasiRow | undefined
  content: Content
  write: 'create' | 'update' | null
  submit: boolean
}

/** The outcome of checking every row: plans, problems, quarter-wide messages and version conflicts. */
export interface Checked {
  plans: Plan[]
  problems: RowProblem[]
  general: string[]
  conflictKeys: { indicatorId: number; code: string }[]
}

type Problem = (field: RowField, message: string) => void

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

/** The typed content of a row; `parsed` is the value parser's answer (a string = its message). */
function typedContent(row: RowInput, existing: RealisasiRow | undefined, problem: Problem) {
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
  const invalid = typeof parsed === 'string'
  const hasContent = invalid || value !== null || row.tidakDiukur || !!(content.bukti_text || content.bukti_link || content.kendala || content.tindak_lanjut)
  const changed = existing ? invalid || !sameContent(existing, content) : hasContent
  return { invalid, value, content, hasContent, changed }
}

/** The row's status and the quarter's state (future, period closed, outside the period, quarter closed). */
function stateProblems(
  ctx: EntryContext,
  ind: EntryIndicatorRow,
  existing: RealisasiRow | undefined,
  closure: QuarterClosureRow | undefined,
  problem: Problem,
  addGeneral: (m: string) => void,
) {
  const { year, quarter } = ctx
  if (existing?.status === 'diajukan') problem('row', 'Sudah diajukan dan menunggu verifikasi; tidak dapat diubah. Minta perencanaan mengembalikannya bila perlu diperbaiki.')
  if (existing?.status === 'diverifikasi') problem('row', 'Sudah diverifikasi dan terkunci; hanya perencanaan yang dapat membuka kuncinya.')
  if (ctx.future) addGeneral(`${quarterName(quarter)} ${year} belum dimulai: realisasi triwulan yang akan datang tidak dapat diisi.`)
  if (ind.period_closed) addGeneral(`Periode ${ind.period_name} sudah ditutup; realisasinya tidak dapat diubah.`)
  if (year < ind.start_year || year > ind.end_year) addGeneral(`Tahun ${year} di luar periode ${ind.period_name} (${ind.start_year}–${ind.end_year}).`)
  // A returned row may still be corrected after the quarter was closed: perencanaan asked for it.
  if (closure && existing?.status !== 'dikembalikan') {
    addGeneral(
      `${quarterName(quarter)} ${year} sudah ditutup oleh ${closure.closed_by_name ?? 'perencanaan'} pada ${formatDateTime(closure.closed_at, ctx.timeZone)}; realisasi tidak dapat diisi lagi.`,
    )
  }
}

/** The value's bounds and the texts' lengths and link form. */
function fieldProblems(ind: EntryIndicatorRow, row: RowInput, value: number | null, content: Content, problem: Problem) {
  if (value !== null) {
    if (row.tidakDiukur) problem('value', 'Kosongkan nilai bila triwulan ini ditandai "tidak diukur".')
    if (Math.abs(value) >= LIMITS.maxAbs) problem('value', 'Nilai terlalu besar.')
    const min = ind.min_value == null ? null : Number(ind.min_value)
    const max = ind.max_value == null ? null : Number(ind.max_value)
    if (min !== null && value < min) problem('value', min === 0 ? 'Nilai tidak boleh negatif.' : `Nilai tidak boleh kurang dari ${formatNumberTrim(min, 6)} ${ind.satuan}.`)
    if (max !== null && value > max) {
      problem(
        'value',
        ind.satuan.toLowerCase() === 'persen' && max === 100
          ? 'Nilai persen tidak boleh lebih dari 100.'
          : `Nilai tidak boleh lebih dari ${formatNumberTrim(max, 6)} ${ind.satuan}.`,
      )
    }
  }
  if ((content.bukti_text?.length ?? 0) > LIMITS.buktiText) problem('bukti_text', `Bukti dukung paling panjang ${LIMITS.buktiText} karakter.`)
  if ((content.bukti_link?.length ?? 0) > LIMITS.buktiLink) problem('bukti_link', `Tautan bukti paling panjang ${LIMITS.buktiLink} karakter.`)
  else if (content.bukti_link && !safeHttpUrl(content.bukti_link)) problem('bukti_link', 'Tautan bukti harus alamat web lengkap yang diawali http:// atau https://.')
  if ((content.kendala?.length ?? 0) > LIMITS.kendala) problem('kendala', `Kendala paling panjang ${LIMITS.kendala} karakter.`)
  if ((content.tindak_lanjut?.length ?? 0) > LIMITS.tindakLanjut) problem('tindak_lanjut', `Tindak lanjut paling panjang ${LIMITS.tindakLanjut} karakter.`)
}

/** What "Ajukan" additionally requires: a value (or "tidak diukur"), proof for rilis, and a narrative below the threshold. */
function submitProblems(ctx: EntryContext, ind: EntryIndicatorRow, row: RowInput, value: number | null, content: Content, problem: Problem) {
  if (value === null && !row.tidakDiukur) problem('value', 'Isi nilai realisasi atau tandai "tidak diukur" sebelum diajukan.')
  if (ind.pola_ukur === 'rilis' && value !== null && !content.bukti_text && !content.bukti_link) {
    problem('bukti_text', 'Bukti dukung wajib untuk indikator rilis: sebutkan dokumen rilis resmi dan/atau tautannya.')
  }
  if (value !== null && !row.tidakDiukur) {
    const indInput = indicatorInputOfYear(ind, ctx.year, ctx.annual, ctx.quarterly)
    const cap = capaianSatuTriwulan(indInput, ctx.year, ctx.quarter, value, ctx.settings)
    if (cap.needsNarrative) {
      const why = `Capaian ${formatPercent(cap.capaianRaw)} (${cap.predikat?.label ?? 'di bawah ambang'})`
      if (!content.kendala) problem('kendala', `${why}: kendala (faktor penghambat) wajib diisi.`)
      if (!content.tindak_lanjut) problem('tindak_lanjut', `${why}: tindak lanjut wajib diisi.`)
    }
  }
}

/**
 * Checks one row. Adds its problems (and quarter-wide messages) and answers its plan, 'conflict'
 * when the version the form was loaded with is no longer current, or null when there is nothing to do.
 */
function checkRow(
  ctx: EntryContext,
  row: RowInput,
  ind: EntryIndicatorRow,
  existing: RealisasiRow | undefined,
  closure: QuarterClosureRow | undefined,
  out: Checked,
  addGeneral: (m: string) => void,
): Plan | 'conflict' | null {
  // Optimistic concurrency: the version the form was loaded with must still be current.
  const expected = row.overrideVersion ?? row.version
  if ((existing && expected !== existing.version) || (!existing && expected != null)) return 'conflict'

  const rowProblems: RowProblem[] = []
  const problem: Problem = (field, message) => rowProblems.push({ indicatorId: ind.id, code: ind.code, field, message })
  const { invalid, value, content, hasContent, changed } = typedContent(row, existing, problem)

  // Nothing to do for this row?
  const { intent, only } = ctx.req
  if (intent === 'save' && !changed) return null
  if (intent === 'submit') {
    if (!existing && !hasContent) {
      if (ind.pola_ukur === 'rilis' && only == null) return null // menunggu rilis: nothing to submit yet
      problem('value', 'Isi nilai realisasi atau tandai "tidak diukur" sebelum diajukan.')
      out.problems.push(...rowProblems)
      return null
    }
    if (existing && (existing.status === 'diajukan' || existing.status === 'diverifikasi') && !changed) return null
  }

  stateProblems(ctx, ind, existing, closure, problem, addGeneral)
  fieldProblems(ind, row, value, content, problem)
  if (intent === 'submit' && !invalid) submitProblems(ctx, ind, row, value, content, problem)

  out.problems.push(...rowProblems)
  return { row, ind, existing, content, write: changed ? (existing ? 'update' : 'create') : null, submit: intent === 'submit' }
}

/** Checks every row of a save (inside the transaction, against the rows as they are now). */
export function checkRows(
  ctx: EntryContext,
  rows: RowInput[],
  byId: Map<number, EntryIndicatorRow>,
  existingOf: Map<number, RealisasiRow>,
  closures: Map<number, QuarterClosureRow | undefined>,
): Checked {
  const out: Checked = { plans: [], problems: [], general: [], conflictKeys: [] }
  const addGeneral = (m: string) => {
    if (!out.general.includes(m)) out.general.push(m)
  }
  for (const row of rows) {
    const ind = byId.get(row.indicatorId)!
    const plan = checkRow(ctx, row, ind, existingOf.get(row.indicatorId), closures.get(ind.opd_id), out, addGeneral)
    if (plan === 'conflict') out.conflictKeys.push({ indicatorId: ind.id, code: ind.code })
    else if (plan) out.plans.push(plan)
  }
  return out
}
