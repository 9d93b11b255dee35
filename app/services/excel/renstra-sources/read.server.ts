// Reads the rows of a T-C.27 / T-C.28 / SIPD sheet through a column mapping and normalises them
// to one shape: tujuan, sasaran, program → kegiatan → sub kegiatan (codes checked against the
// Permendagri 90/2019 nomenclature), indicator, satuan, unit, baseline, target and pagu per
// calendar year. Every problem is located by row and column, in Indonesian.
import type ExcelJS from 'exceljs'
import { parseDecimalInput } from '../../../domain/format'
import { readCell } from '../safety.server'
import { cleanOptional, dataRows, issue, round6, type ColumnRef, type ImportIssue } from '../import-common.server'
import { FIELD_BY_KEY, FIELDS, REQUIRED, SOURCE_LABELS, normHeader, type FieldKey, type Mapping, type SheetHeaders, type SourceKind } from './fields.server'

export type Level = 'program' | 'kegiatan' | 'subkegiatan'

/** The nomenclature shapes: 2.16.02 / 2.16.02.2.01 / 2.16.02.2.01.0001 (urusan may be X for unsur pendukung). */
export const NOMENCLATURE: Record<Level, { re: RegExp; shape: string; example: string; label: string }> = {
  program: { re: /^[0-9X]\.(\d{2}|XX)\.\d{2}$/, shape: 'U.BB.PP', example: '2.16.02', label: 'program' },
  kegiatan: { re: /^[0-9X]\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}$/, shape: 'U.BB.PP.K.KK', example: '2.16.02.2.01', label: 'kegiatan' },
  subkegiatan: { re: /^[0-9X]\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$/, shape: 'U.BB.PP.K.KK.SSSS', example: '2.16.02.2.01.0001', label: 'sub kegiatan' },
}

/** Level of a code by its number of segments (3, 5 or 6), for a single "Kode" column. */
export function levelOfCode(code: string): Level | null {
  const n = code.split('.').length
  return n === 3 ? 'program' : n === 5 ? 'kegiatan' : n === 6 ? 'subkegiatan' : null
}

export function nomenclatureProblem(level: Level, code: string): string | null {
  const s = NOMENCLATURE[level]
  if (s.re.test(code)) return null
  return `kode ${s.label} "${code}" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan ${s.shape}, misalnya ${s.example}.`
}

export interface SourceProgram {
  level: Level
  code: string
  name: string | null
  parentCode: string | null
}

export interface SourceRow {
  rowNumber: number
  tujuan: string | null
  sasaran: string | null
  indicatorCode: string | null
  indicator: string | null
  satuan: string | null
  unitCode: string | null
  baseline: number | null
  targetAkhir: number | null
  targets: Record<number, number>
  /** The programme path of the row, outermost first. */
  programs: SourceProgram[]
  pagu: Record<number, number>
  /** Column of each read value, for messages found later (unit, duplicates). */
  at: Partial<Record<FieldKey, ColumnRef>>
}

export interface ReadResult {
  rows: SourceRow[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
}

const LIMITS = { indicator: 500, satuan: 40, text: 500, code: 40 } as const

/** A target/pagu cell: a number, or text "100%", "95 %", "12,5"; "-" is empty. */
export function sourceNumber(cell: ExcelJS.Cell, opts: { dotDecimal: boolean; money: boolean }): { value: number | null } | { error: string } {
  const r = readCell(cell)
  if (r.kind === 'empty') return { value: null }
  if (r.kind === 'number') return { value: r.value }
  if (r.kind !== 'text') return { error: r.kind === 'refused' ? r.reason : 'bukan angka' }
  let t = r.text.trim()
  if (/^[-–—]$/.test(t)) return { value: null }
  t = t.replace(/\s*%$/, '')
  if (opts.money) t = t.replace(/^rp\.?\s*/i, '')
  // SIPD writes "." as its decimal separator, so "1.250" there is 1,25 — not ambiguous.
  if (opts.dotDecimal && /^[+-]?\d+\.\d+$/.test(t)) return { value: Number(t) }
  // Rupiah written with thousand groups ("1.250.000.000" or "1.250.000,50").
  if (opts.money && /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return { value: Number(t.replace(/\./g, '').replace(',', '.')) }
  const p = parseDecimalInput(t)
  if (typeof p === 'number' || p === null) return { value: p }
  if (/bukan angka/.test(p)) return { error: `"${r.text}" bukan angka; isi angka, misalnya 95, 95% atau 12,5.` }
  return { error: p }
}

export interface ReadContext {
  source: SourceKind
  headers: SheetHeaders
  mapping: Mapping
  period: { name: string; startYear: number; endYear: number }
}

/** Checks the mapping itself: required fields, unknown or doubly used columns. */
export function mappingProblems(ctx: ReadContext): ImportIssue[] {
  const out: ImportIssue[] = []
  const byTitle = new Map(ctx.headers.headers.map((h) => [h.norm, h]))
  const used = new Map<string, FieldKey>()
  for (const [k, title] of Object.entries(ctx.mapping) as [FieldKey, string][]) {
    const f = FIELD_BY_KEY.get(k)
    if (!f || !title) continue
    const h = byTitle.get(normHeader(title))
    if (!h) {
      out.push(issue(`Kolom "${title}" untuk isian "${f.label}" tidak ada di berkas.`, { row: ctx.headers.headerRow }))
      continue
    }
    const prev = used.get(h.norm)
    if (prev) out.push(issue(`Kolom ${h.letter} (${h.title}) dipilih untuk dua isian: "${FIELD_BY_KEY.get(prev)!.label}" dan "${f.label}".`, { row: ctx.headers.headerRow }))
    used.set(h.norm, k)
  }
  for (const k of REQUIRED[ctx.source]) {
    if (!ctx.mapping[k])
      out.push(
        issue(`Isian wajib "${FIELD_BY_KEY.get(k)!.label}" belum dipetakan ke kolom mana pun (${SOURCE_LABELS[ctx.source]}). Pilih kolomnya pada langkah pemetaan.`, {
          row: ctx.headers.headerRow,
        }),
      )
  }
  const slots = FIELDS.filter((f) => f.slot && ctx.mapping[f.key])
  if (!slots.length) out.push(issue('Tidak ada kolom target atau pagu per tahun yang dipetakan (misalnya "target_1" atau "Target Tahun 1").', { row: ctx.headers.headerRow }))
  if (ctx.source === 'tc27' && !(ctx.mapping.kode || ctx.mapping.kodeProgram))
    out.push(issue('Isian wajib "Kode" atau "Kode program" belum dipetakan (T-C.27 memuat kode program, kegiatan dan sub kegiatan).', { row: ctx.headers.headerRow }))
  return out
}

/** The mapped columns and what follows from them for every row. */
interface Columns {
  col: Partial<Record<FieldKey, ColumnRef>>
  /** The calendar year written in a column's title ("Target 2023"), if any. */
  titleYear: (k: FieldKey) => number | null | undefined
  /** The target/pagu columns mapped, in field order. */
  slotFields: typeof FIELDS
  dotDecimal: boolean
}

function columnsOf(ctx: ReadContext): Columns {
  const col: Partial<Record<FieldKey, ColumnRef>> = {}
  for (const [k, title] of Object.entries(ctx.mapping) as [FieldKey, string][]) {
    const h = ctx.headers.headers.find((x) => x.norm === normHeader(title))
    if (h) col[k] = { index: h.index, letter: h.letter, header: h.title }
  }
  const titleYear = (k: FieldKey) => ctx.headers.headers.find((x) => x.index === col[k]?.index)?.year
  return { col, titleYear, slotFields: FIELDS.filter((f) => f.slot && col[f.key]), dotDecimal: ctx.source === 'sipd' }
}

/** A column titled with a calendar year outside the period is reported once, at the header. */
function titleYearProblems(cols: Columns, ctx: ReadContext): ImportIssue[] {
  const { period } = ctx
  const out: ImportIssue[] = []
  for (const f of cols.slotFields) {
    const y = cols.titleYear(f.key)
    if (y != null && (y < period.startYear || y > period.endYear))
      out.push(issue(`tahun ${y} di luar periode ${period.name} (${period.startYear}–${period.endYear}).`, { row: ctx.headers.headerRow, col: cols.col[f.key]! }))
  }
  return out
}

/** One row's cells as text or number, each problem added to the row's problems with its column. */
interface RowReader {
  r: number
  col: Partial<Record<FieldKey, ColumnRef>>
  problems: ImportIssue[]
  problem: (message: string, k: FieldKey) => void
  text: (k: FieldKey, max?: number) => string | null
  num: (k: FieldKey, money?: boolean) => number | null
}

function rowReader(row: ExcelJS.Row, cols: Columns): RowReader {
  const r = row.number
  const { col } = cols
  const problems: ImportIssue[] = []
  const problem = (message: string, k: FieldKey) => problems.push(issue(message, { row: r, col: col[k]! }))
  const text = (k: FieldKey, max: number = LIMITS.text): string | null => {
    const c = col[k]
    if (!c) return null
    const v = readCell(row.getCell(c.index))
    if (v.kind === 'refused') {
      problem(v.reason, k)
      return null
    }
    const s = v.kind === 'empty' ? null : cleanOptional(v.kind === 'text' ? v.text : v.kind === 'number' ? String(v.value) : String(v.value))
    if (s && s.length > max) problem(`paling panjang ${max} karakter (sekarang ${s.length}).`, k)
    return s
  }
  const num = (k: FieldKey, money = false): number | null => {
    const c = col[k]
    if (!c) return null
    const n = sourceNumber(row.getCell(c.index), { dotDecimal: cols.dotDecimal, money })
    if ('error' in n) {
      problem(n.error, k)
      return null
    }
    if (n.value !== null && (Math.abs(n.value) >= 1e14 || (money && n.value < 0))) {
      problem(money ? 'pagu harus angka 0 atau lebih dan kurang dari 100 triliun.' : 'angka terlalu besar.', k)
      return null
    }
    return n.value === null ? null : round6(n.value)
  }
  return { r, col, problems, problem, text, num }
}

/** What carries down from the rows above: tujuan, sasaran (merged cells) and the programme path. */
interface Carried {
  tujuan: string | null
  sasaran: string | null
  path: SourceProgram[]
}

/** Separate code columns (program, kegiatan, sub kegiatan): each level under the one before. */
function pathFromLevelColumns(read: RowReader): SourceProgram[] {
  const path: SourceProgram[] = []
  const addLevel = (level: Level, codeKey: FieldKey, nameKey: FieldKey) => {
    const code = read.text(codeKey, LIMITS.code)
    if (!code) return
    const p = nomenclatureProblem(level, code)
    if (p) read.problem(p, codeKey)
    const parent = path[path.length - 1] ?? null
    if (!p && parent && !code.startsWith(`${parent.code}.`))
      read.problem(`kode ${NOMENCLATURE[level].label} "${code}" tidak berada di bawah ${NOMENCLATURE[parent.level].label} ${parent.code}.`, codeKey)
    path.push({ level, code, name: read.text(nameKey), parentCode: parent?.code ?? null })
  }
  addLevel('program', 'kodeProgram', 'namaProgram')
  addLevel('kegiatan', 'kodeKegiatan', 'namaKegiatan')
  addLevel('subkegiatan', 'kodeSub', 'namaSub')
  return path
}

const shapeOf = (l: Level) => `${NOMENCLATURE[l].shape} (${NOMENCLATURE[l].label}, misalnya ${NOMENCLATURE[l].example})`
const ANY_LEVEL = `${shapeOf('program')}, ${shapeOf('kegiatan')} atau ${shapeOf('subkegiatan')}`

/** One "Kode" column: the code's shape gives its level, its parents are the rows above with its prefixes. */
function pathFromCodeColumn(read: RowReader, above: SourceProgram[]): SourceProgram[] {
  const code = read.text('kode', LIMITS.code)
  if (!code) return [...above]
  const level = levelOfCode(code)
  if (!level) {
    read.problem(`kode "${code}" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan ${ANY_LEVEL}.`, 'kode')
    return []
  }
  const p = nomenclatureProblem(level, code)
  if (p) read.problem(p, 'kode')
  const parents = above.filter((x) => code.startsWith(`${x.code}.`))
  const parent = parents[parents.length - 1] ?? null
  if (!p && level !== 'program' && !parent)
    read.problem(`${NOMENCLATURE[level].label} ${code} tidak berada di bawah program/kegiatan pada baris di atasnya; urutkan seperti tabel T-C.27.`, 'kode')
  return [...parents, { level, code, name: read.text('uraian'), parentCode: parent?.code ?? null }]
}

/**
 * Calendar year of slot 1: the period's first year. A mapped tahun_awal must be that year (a
 * different one is reported), and a tahun_akhir inside the period.
 */
function firstYearOf(read: RowReader, period: ReadContext['period']): number {
  if (read.col.tahunAwal) {
    const y = read.num('tahunAwal')
    if (y === null) read.problem('wajib diisi (tahun awal Renstra, misalnya 2021).', 'tahunAwal')
    else if (!Number.isInteger(y) || y < 1900 || y > 2100) read.problem('tahun harus empat angka, misalnya 2021.', 'tahunAwal')
    else if (y !== period.startYear)
      read.problem(
        `tahun awal ${y} berbeda dengan periode ${period.name} (${period.startYear}–${period.endYear}); target tahun ke-1 akan jatuh di luar periode. Pilih periode yang sesuai.`,
        'tahunAwal',
      )
  }
  if (read.col.tahunAkhir) {
    const y = read.num('tahunAkhir')
    if (y !== null && Number.isInteger(y) && (y < period.startYear || y > period.endYear))
      read.problem(`tahun akhir ${y} di luar periode ${period.name} (${period.startYear}–${period.endYear}).`, 'tahunAkhir')
  }
  return period.startYear
}

/** Targets and pagu by calendar year: a year in the title, else the first year plus the slot. */
function yearSlotsOf(read: RowReader, cols: Columns, period: ReadContext['period'], first: number) {
  const targets: Record<number, number> = {}
  const pagu: Record<number, number> = {}
  for (const f of cols.slotFields) {
    const isPagu = f.key.startsWith('pagu')
    const v = read.num(f.key, isPagu)
    const hy = cols.titleYear(f.key)
    const year = hy ?? first + f.slot! - 1
    if (v === null) continue
    if (hy == null && (year < period.startYear || year > period.endYear)) {
      read.problem(`tahun ke-${f.slot} jatuh pada ${year}, di luar periode ${period.name} (${period.startYear}–${period.endYear}).`, f.key)
      continue
    }
    if (isPagu) pagu[year] = v
    else targets[year] = v
  }
  return { targets, pagu }
}

/** One data row: its problems, and the row when it has none and holds anything. */
function readRow(row: ExcelJS.Row, cols: Columns, ctx: ReadContext, current: Carried): { problems: ImportIssue[]; row: SourceRow | null } {
  const read = rowReader(row, cols)
  // Tujuan and sasaran carry down (T-C.28 merges them over several indicator rows).
  const tujuan = read.text('tujuan')
  const sasaran = read.text('sasaran')
  if (tujuan) {
    if (tujuan !== current.tujuan) current.sasaran = null
    current.tujuan = tujuan
  }
  if (sasaran) current.sasaran = sasaran
  // Programme path: explicit code columns, or one "Kode" column whose shape gives the level.
  const path = cols.col.kode ? pathFromCodeColumn(read, current.path) : pathFromLevelColumns(read)
  if (cols.col.kode) current.path = path
  const indicator = read.text('indikator', LIMITS.indicator)
  const satuan = read.text('satuan', LIMITS.satuan)
  if (indicator && !satuan) read.problem('wajib diisi.', 'satuan')
  const { targets, pagu } = yearSlotsOf(read, cols, ctx.period, firstYearOf(read, ctx.period))
  const baseline = read.num('baseline')
  const targetAkhir = read.num('targetAkhir')
  if (indicator === null && Object.keys(targets).length) read.problem('target terisi tetapi nama indikator kosong.', 'indikator')
  // read before the row's problems are taken: a refused or over-long code is reported with its cell
  const indicatorCode = read.text('kodeIndikator', LIMITS.code)
  const unitCode = read.text('unit', LIMITS.code)
  const problems = [...read.problems]
  if (problems.length) return { problems, row: null }
  if (indicator === null && !Object.keys(pagu).length && !path.length && !tujuan && !sasaran) return { problems, row: null }
  return {
    problems,
    row: {
      rowNumber: read.r,
      tujuan: current.tujuan,
      sasaran: current.sasaran,
      indicatorCode,
      indicator,
      satuan,
      unitCode,
      baseline,
      targetAkhir,
      targets,
      programs: path,
      pagu,
      at: cols.col,
    },
  }
}

/** The source has fewer year slots than the Renstra has years (SIPD: 5 slots, Dumai 2021–2026). */
function missingSlotsWarning(cols: Columns, period: ReadContext['period']): ImportIssue | null {
  const years = period.endYear - period.startYear + 1
  const maxTargetSlot = Math.max(0, ...cols.slotFields.filter((f) => f.key.startsWith('target')).map((f) => f.slot!))
  const namedYears = cols.slotFields.some((f) => cols.titleYear(f.key) != null)
  if (namedYears || maxTargetSlot === 0 || maxTargetSlot >= years) return null
  const missing: number[] = []
  for (let y = period.startYear + maxTargetSlot; y <= period.endYear; y++) missing.push(y)
  return issue(
    `Periode ${period.name} berisi ${years} tahun (${period.startYear}–${period.endYear}), sedangkan berkas hanya memiliki ${maxTargetSlot} kolom target tahunan (tahun ke-1 = ${period.startYear} … tahun ke-${maxTargetSlot} = ${period.startYear + maxTargetSlot - 1}). Target tahun ${missing.join(', ')} tidak diisi dari berkas; isi lewat Renstra › Kelola atau templat Renstra aplikasi.`,
  )
}

export function readSourceRows(ws: ExcelJS.Worksheet, ctx: ReadContext): ReadResult {
  const cols = columnsOf(ctx)
  const errors = titleYearProblems(cols, ctx)
  const rows: SourceRow[] = []
  const current: Carried = { tujuan: null, sasaran: null, path: [] }
  const indices = Object.values(cols.col).map((c) => c.index)
  for (const row of dataRows(ws, ctx.headers.headerRow)) {
    if (indices.every((i) => readCell(row.getCell(i)).kind === 'empty')) continue
    const read = readRow(row, cols, ctx, current)
    errors.push(...read.problems)
    if (read.row) rows.push(read.row)
  }
  const warning = missingSlotsWarning(cols, ctx.period)
  if (!rows.length && !errors.length) errors.push(issue('Tidak ada baris data di bawah baris judul kolom.'))
  return { rows, errors, warnings: warning ? [warning] : [] }
}
