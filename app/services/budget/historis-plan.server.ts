// Data historis, the checking pass (ADR 0034): reads sheet "Historis" (kode indikator, tahun,
// triwulan, nilai, bukti) and sheet "Anggaran" (kode program, tahun, triwulan, realisasi anggaran)
// and collects every problem with its sheet, row and column before anything is written. One small
// checker per column group (code / year / quarter, value, bukti, amount, the Renstra match, the
// rows already in the application); any problem empties the plan, so nothing is written.
import type ExcelJS from 'exceljs'
import type { DB } from '../../utils/db.server'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { getSettings } from '../../models/settings.server'
import { programCodesOfOpd, findAnggaran } from '../../models/budget.server'
import { findRealisasi } from '../../models/realisasi.server'
import { indicatorCodesOfOpd } from '../../models/renstra.server'
import { historisQuarterProblem } from '../history/write-historis.server'
import { isQuarter, quarterName } from '../../domain'
import { parseRupiah } from '../../domain/rupiah'
import { cellAsNumber, cellAsText, readCell } from '../excel/safety.server'
import {
  dataRows,
  isBlankRow,
  issue,
  issueText,
  locateColumns,
  norm,
  openUpload,
  sha256,
  checkRowCap,
  cleanOptional,
  type ColumnRef,
  type ColumnSpec,
  type ImportIssue,
} from '../excel/import-common.server'

export const HISTORIS_SHEET = 'Historis'
export const ANGGARAN_SHEET = 'Anggaran'
export const H = { code: 'Kode indikator', year: 'Tahun', quarter: 'Triwulan', value: 'Nilai', bukti: 'Bukti' } as const
export const A = { code: 'Kode program', year: 'Tahun', quarter: 'Triwulan', amount: 'Realisasi anggaran' } as const
type HKey = keyof typeof H
type AKey = keyof typeof A
const spec = <K extends string>(key: K, label: string, required = true): ColumnSpec<K> => ({ key, label, required, match: (t) => t === norm(label) })
const H_SPECS = (Object.keys(H) as HKey[]).map((k) => spec(k, H[k], k !== 'bukti'))
const A_SPECS = (Object.keys(A) as AKey[]).map((k) => spec(k, A[k]))

export interface HistorisRow {
  rowNumber: number
  code: string
  year: number
  quarter: number
  value: number
  bukti: string | null
  /** 'baru' or 'ganti' (replaces an earlier historical row). */
  kind: 'baru' | 'ganti'
}
export interface AnggaranHistRow {
  rowNumber: number
  code: string
  year: number
  quarter: number
  amount: number
  kind: 'baru' | 'ganti'
}
export interface HistorisPlan {
  fileName: string
  hash: string
  errors: ImportIssue[]
  /** The errors as sentences ("Lembar Historis, baris 5, kolom A (Kode indikator): …"). */
  messages: string[]
  historis: HistorisRow[]
  anggaran: AnggaranHistRow[]
}

/** The plan with the indicator and programme each code resolved to (for the commit). */
export interface HistorisResolved {
  plan: HistorisPlan
  ind: Map<string, { id: number; opdId: number }>
  prog: Map<string, { id: number; opdId: number }>
}

type Push = (i: ImportIssue) => void
type Cols<K extends string> = Partial<Record<K, ColumnRef>>
/** The OPD's codes; a code has one candidate per Renstra period that holds it (the year picks one). */
type Codes = Awaited<ReturnType<typeof loadCodes>>

/** What every row checker needs: the plan being filled, the OPD's codes, the clock. */
interface Ctx extends HistorisResolved, Codes {
  db: DB
  asOf: Date
  tz: string
}

const intOf = (v: number | null) => (v != null && Number.isInteger(v) ? v : null)
const byCode = <T extends { code: string }>(rows: T[]) => {
  const m = new Map<string, T[]>()
  for (const r of rows) m.set(norm(r.code), [...(m.get(norm(r.code)) ?? []), r])
  return m
}
/** Every issue of a sheet is prefixed with its sheet ("[Lembar Historis] …"). */
const pushTo =
  (plan: HistorisPlan, sheet: string): Push =>
  (i) =>
    plan.errors.push({ ...i, columnName: i.columnName ? `${i.columnName}` : null, message: `[Lembar ${sheet}] ${i.message}` })

/** The OPD's indicator and programme codes, each with the Renstra period it belongs to. */
async function loadCodes(db: DB, opdId: number) {
  const indicators = await indicatorCodesOfOpd(db, opdId)
  const programs = await programCodesOfOpd(db, opdId)
  return { indByCode: byCode(indicators), progByCode: byCode(programs) }
}

/** Common cells: code (text), year, quarter; the past-quarter rule. */
function readBase(ctx: Ctx, row: ExcelJS.Row, cols: Cols<'code' | 'year' | 'quarter'>, push: Push) {
  const r = row.number
  const codeCell = cellAsText(row.getCell(cols.code!.index))
  const code = 'value' in codeCell ? cleanOptional(codeCell.value) : null
  if ('error' in codeCell) push(issue(codeCell.error, { row: r, col: cols.code }))
  else if (!code) push(issue('kode wajib diisi.', { row: r, col: cols.code }))
  const yRaw = cellAsNumber(row.getCell(cols.year!.index))
  const year = 'value' in yRaw ? intOf(yRaw.value) : null
  if (year == null || year < 2000 || year > 2100) push(issue('tahun harus berupa angka empat digit, misalnya 2023.', { row: r, col: cols.year }))
  const qRaw = cellAsNumber(row.getCell(cols.quarter!.index))
  const quarter = 'value' in qRaw ? intOf(qRaw.value) : null
  if (quarter == null || !isQuarter(quarter)) push(issue('triwulan harus 1, 2, 3 atau 4.', { row: r, col: cols.quarter }))
  else if (year != null && year >= 2000 && year <= 2100) {
    const problem = historisQuarterProblem(year, quarter, ctx.asOf, ctx.tz)
    if (problem) push(issue(problem, { row: r, col: cols.quarter }))
  }
  return { code, year, quarter }
}

function readValue(row: ExcelJS.Row, cols: Cols<HKey>, push: Push): number | null {
  const vRaw = cellAsNumber(row.getCell(cols.value!.index))
  if ('error' in vRaw) push(issue(vRaw.error, { row: row.number, col: cols.value }))
  else if (vRaw.value == null) push(issue('nilai wajib diisi.', { row: row.number, col: cols.value }))
  else return vRaw.value
  return null
}

function readBukti(row: ExcelJS.Row, cols: Cols<HKey>, push: Push): string | null {
  if (!cols.bukti) return null
  let bukti: string | null = null
  const b = cellAsText(row.getCell(cols.bukti.index))
  if ('error' in b) push(issue(b.error, { row: row.number, col: cols.bukti }))
  else bukti = cleanOptional(b.value)
  if (bukti && bukti.length > 2000) push(issue('bukti paling panjang 2.000 karakter.', { row: row.number, col: cols.bukti }))
  return bukti
}

/** Realisasi anggaran: a number cell, or rupiah typed as text ("1.250.000"). */
function readAmount(row: ExcelJS.Row, cols: Cols<AKey>, push: Push): number | null {
  const cell = readCell(row.getCell(cols.amount!.index))
  if (cell.kind === 'number') {
    if (cell.value >= 0 && Number.isFinite(cell.value)) return Math.round(cell.value * 100) / 100
    push(issue('realisasi anggaran tidak boleh negatif.', { row: row.number, col: cols.amount }))
    return null
  }
  const t = cellAsText(row.getCell(cols.amount!.index))
  const p = parseRupiah('value' in t ? (t.value ?? '') : '')
  if (p.ok) return p.value
  push(issue(p.message, { row: row.number, col: cols.amount }))
  return null
}

/** The header row located and the row cap checked; null (with the issues pushed) when unusable. */
function sheetColumns<K extends string>(ws: ExcelJS.Worksheet, anchor: string, specs: ColumnSpec<K>[], push: Push) {
  const { headerRow, cols, issues } = locateColumns(ws, anchor, specs)
  issues.forEach(push)
  const cap = headerRow >= 0 && !issues.length ? checkRowCap(ws, headerRow) : null
  if (cap) push(cap)
  if (headerRow < 0 || issues.length || cap) return null
  const indices = Object.values(cols).map((c) => (c as ColumnRef).index)
  return { cols, rows: dataRows(ws, headerRow).filter((row) => !isBlankRow(row, indices)) }
}

/** A second row for the same code, year and quarter; else the row is remembered. */
function duplicateProblem(seen: Map<string, number>, id: number, code: string, year: number, quarter: number, r: number): string | null {
  const key = `${id}|${year}|${quarter}`
  const first = seen.get(key)
  if (first !== undefined) return `baris ganda: ${code} ${quarterName(quarter)} ${year} sudah ada di baris ${first}.`
  seen.set(key, r)
  return null
}

const periodsOf = (found: { start_year: number; end_year: number }[]) => found.map((f) => `${f.start_year}–${f.end_year}`).join(', ')

async function planHistorisRow(ctx: Ctx, row: ExcelJS.Row, cols: Cols<HKey>, seen: Map<string, number>, push: Push) {
  const r = row.number
  const before = ctx.plan.errors.length
  const { code, year, quarter } = readBase(ctx, row, cols, push)
  const value = readValue(row, cols, push)
  const bukti = readBukti(row, cols, push)
  if (!code) return
  const found = ctx.indByCode.get(norm(code))
  const match = found?.find((f) => year != null && year >= f.start_year && year <= f.end_year)
  if (!found) push(issue(`kode indikator "${code}" tidak dikenal di Renstra OPD Anda.`, { row: r, col: cols.code }))
  else if (year != null && !match) push(issue(`tahun ${year} di luar periode Renstra indikator ${code} (${periodsOf(found)}).`, { row: r, col: cols.year }))
  else if (match && value != null) {
    if (match.min_value != null && value < Number(match.min_value)) push(issue(`nilai ${value} di bawah batas bawah ${Number(match.min_value)}.`, { row: r, col: cols.value }))
    if (match.max_value != null && value > Number(match.max_value)) push(issue(`nilai ${value} di atas batas atas ${Number(match.max_value)}.`, { row: r, col: cols.value }))
  }
  if (!match || year == null || quarter == null) return
  const dup = duplicateProblem(seen, match.id, code, year, quarter, r)
  if (dup) push(issue(dup, { row: r, col: cols.code }))
  ctx.ind.set(code, { id: match.id, opdId: match.opd_id })
  if (ctx.plan.errors.length !== before) return
  const existing = await findRealisasi(ctx.db, match.id, year, quarter)
  if (existing && existing.is_historical !== 1)
    push(issue(`${code} ${quarterName(quarter)} ${year} sudah punya realisasi yang diisi lewat aplikasi; data historis tidak menimpanya.`, { row: r, col: cols.code }))
  else ctx.plan.historis.push({ rowNumber: r, code, year, quarter, value: value!, bukti, kind: existing ? 'ganti' : 'baru' })
}

async function planAnggaranRow(ctx: Ctx, row: ExcelJS.Row, cols: Cols<AKey>, seen: Map<string, number>, push: Push) {
  const r = row.number
  const before = ctx.plan.errors.length
  const { code, year, quarter } = readBase(ctx, row, cols, push)
  const amount = readAmount(row, cols, push)
  if (!code) return
  const found = ctx.progByCode.get(norm(code))
  const match = found?.find((f) => year != null && year >= f.start_year && year <= f.end_year)
  if (!found) push(issue(`kode program/kegiatan "${code}" tidak dikenal di Renstra OPD Anda.`, { row: r, col: cols.code }))
  else if (year != null && !match) push(issue(`tahun ${year} di luar periode Renstra (${periodsOf(found)}).`, { row: r, col: cols.year }))
  if (!match || year == null || quarter == null) return
  const dup = duplicateProblem(seen, match.id, code, year, quarter, r)
  if (dup) push(issue(dup, { row: r, col: cols.code }))
  ctx.prog.set(code, { id: match.id, opdId: match.opd_id })
  if (ctx.plan.errors.length !== before) return
  const existing = await findAnggaran(ctx.db, match.id, year, quarter)
  if (existing && existing.is_historical !== 1)
    push(issue(`${code} ${quarterName(quarter)} ${year} sudah punya realisasi anggaran yang diisi lewat aplikasi; data historis tidak menimpanya.`, { row: r, col: cols.code }))
  else ctx.plan.anggaran.push({ rowNumber: r, code, year, quarter, amount: amount!, kind: existing ? 'ganti' : 'baru' })
}

/** One sheet of the workbook: its columns found under the anchor header, then each data row planned
 *  by `planRow` (with the codes already seen on the sheet, for duplicates). */
async function planSheet<K extends string>(
  ctx: Ctx,
  ws: ExcelJS.Worksheet,
  sheetName: string,
  anchor: string,
  specs: ColumnSpec<K>[],
  planRow: (ctx: Ctx, row: ExcelJS.Row, cols: Cols<K>, seen: Map<string, number>, push: Push) => Promise<void>,
) {
  const push = pushTo(ctx.plan, sheetName)
  const sheet = sheetColumns(ws, anchor, specs, push)
  if (!sheet) return
  const seen = new Map<string, number>()
  for (const row of sheet.rows) await planRow(ctx, row, sheet.cols, seen, push)
}

/** Checks the whole workbook for the user's OPD; the plan is empty when any problem was found. */
export async function planHistorisImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<HistorisResolved> {
  const plan: HistorisPlan = { fileName, hash: '', errors: [], messages: [], historis: [], anggaran: [] }
  const resolved: HistorisResolved = { plan, ind: new Map(), prog: new Map() }
  const done = () => {
    plan.messages = plan.errors.map(issueText)
    plan.hash = sha256(JSON.stringify([plan.historis, plan.anggaran]))
    return resolved
  }
  if (user.opdId == null) {
    plan.errors.push(issue('Akun Anda tidak terhubung ke perangkat daerah; data historis diimpor per OPD.'))
    return done()
  }
  const opened = await openUpload(bytes)
  if (!opened.ok) {
    plan.errors.push(...opened.issues)
    return done()
  }
  const settings = await getSettings(db)
  const ctx: Ctx = { ...resolved, db, asOf: now(), tz: settings.scoring.timeZone, ...(await loadCodes(db, user.opdId)) }
  const hs = opened.workbook.worksheets.find((w) => norm(w.name) === norm(HISTORIS_SHEET))
  const as = opened.workbook.worksheets.find((w) => norm(w.name) === norm(ANGGARAN_SHEET))
  if (!hs && !as) {
    plan.errors.push(issue(`Berkas tidak berisi lembar "${HISTORIS_SHEET}" atau "${ANGGARAN_SHEET}". Gunakan templat data historis dari aplikasi.`))
    return done()
  }
  if (hs) await planSheet(ctx, hs, HISTORIS_SHEET, H.code, H_SPECS, planHistorisRow)
  if (as) await planSheet(ctx, as, ANGGARAN_SHEET, A.code, A_SPECS, planAnggaranRow)
  if (!plan.errors.length && !plan.historis.length && !plan.anggaran.length) plan.errors.push(issue('Berkas tidak berisi baris data historis.'))
  if (plan.errors.length) {
    plan.historis = []
    plan.anggaran = []
  }
  return done()
}
