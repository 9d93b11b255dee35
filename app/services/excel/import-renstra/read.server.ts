// Reading the rows of a Renstra workbook: every cell checked (text limits, enumerations by key or
// Indonesian label, codes of units, sasaran and programmes, numbers, bounds, targets) with each
// problem at its row and column; a row with a problem is not planned.
import type ExcelJS from 'exceljs'
import { ASPECTS, POLA_UKUR, POLARITIES, RENSTRA_MODE_LABELS, RENSTRA_MODES, STRATEGIES, defaultRenstraMode, formatNumberTrim, type PolaUkur, type Polarity } from '../../../domain'
import { ASPECT_NAMES, ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_LABELS, STRATEGY_SHORT } from '../../../domain/labels'
import { cellAsNumber, cellAsText } from '../safety.server'
import { cleanOptional, dataRows, isBlankRow, issue, norm, round6, type ColumnRef, type ColumnSpec, type ImportIssue } from '../import-common.server'
import { RS } from '../templates.server'
import { fieldsOfExisting, type Fields, type References } from './references.server'

export type Key =
  | 'code'
  | 'name'
  | 'satuan'
  | 'polarity'
  | 'pola'
  | 'aspect'
  | 'strategy'
  | 'weight'
  | 'unit'
  | 'sasaran'
  | 'program'
  | 'baseline'
  | 'baselineYear'
  | 'targetAkhir'
  | 'min'
  | 'max'
  | 'definition'
  | 'id'
  | 'version'
  | 'period'
  | 'renstraMode'

/** Title of the optional Renstra mode column (akumulasi / tahun akhir). */
export const RENSTRA_MODE_TITLE = 'Mode Renstra'

const eq = (title: string) => (t: string) => t === norm(title)
export const RENSTRA_SPECS: ColumnSpec<Key>[] = [
  { key: 'code', match: eq(RS.code), required: true, label: RS.code },
  { key: 'name', match: eq(RS.name), required: true, label: RS.name },
  { key: 'satuan', match: eq(RS.satuan), required: true, label: RS.satuan },
  { key: 'polarity', match: eq(RS.polarity), required: true, label: RS.polarity },
  { key: 'pola', match: eq(RS.pola), required: true, label: RS.pola },
  { key: 'aspect', match: eq(RS.aspect), required: true, label: RS.aspect },
  { key: 'strategy', match: eq(RS.strategy), required: true, label: RS.strategy },
  { key: 'weight', match: eq(RS.weight), label: RS.weight },
  { key: 'unit', match: eq(RS.unit), required: true, label: RS.unit },
  { key: 'sasaran', match: eq(RS.sasaran), label: RS.sasaran },
  { key: 'program', match: eq(RS.program), label: RS.program },
  { key: 'baseline', match: eq(RS.baseline), label: RS.baseline },
  { key: 'baselineYear', match: eq(RS.baselineYear), label: RS.baselineYear },
  { key: 'targetAkhir', match: eq(RS.targetAkhir), label: RS.targetAkhir },
  { key: 'min', match: eq(RS.min), label: RS.min },
  { key: 'max', match: eq(RS.max), label: RS.max },
  { key: 'definition', match: eq(RS.definition), label: RS.definition },
  { key: 'id', match: eq(RS.id), label: RS.id },
  { key: 'version', match: eq(RS.version), label: RS.version },
  { key: 'period', match: eq(RS.period), label: RS.period },
  // optional: blank or absent → the indicator keeps its mode (a new one gets its pola ukur's default)
  { key: 'renstraMode', match: eq(RENSTRA_MODE_TITLE), label: RENSTRA_MODE_TITLE },
]
const TARGET_TITLE = /^target (\d{4})$/

const LIMITS = { code: 40, name: 500, satuan: 40, definition: 1000 } as const

/** Accepts the key or the Indonesian label of an enumeration value (case-insensitive). */
function enumOf<T extends string>(raw: string, values: readonly T[], labels: Record<T, string>[]): T | null {
  const t = norm(raw).replace(/[↑↓]/g, '').trim()
  for (const v of values) {
    if (t === v || t === v.replace('_', ' ') || t === v.replace('_', '-')) return v
    for (const l of labels) if (t === norm(l[v])) return v
  }
  return null
}
const POLARITY_WORDS: Record<Polarity, string> = { naik: 'naik', turun: 'turun' }
const POLA_WORDS: Record<PolaUkur, string> = { kumulatif: 'kumulatif', rata_rata: 'rata-rata', posisi: 'posisi', rilis: 'rilis' }

export interface RowPlan {
  rowNumber: number
  fields: Fields
  targets: Record<number, number | null>
  existingId: number | null
  existingVersion: number | null
  sentVersion: number | null
}

export type RenstraCols = Partial<Record<Key, ColumnRef>>
export type TargetCol = { year: number; col: ColumnRef }

/** The target columns ("Target 2025", …) among the columns no spec claimed. */
export function targetColumns(extra: readonly ColumnRef[]): TargetCol[] {
  const targetCols: TargetCol[] = []
  for (const c of extra) {
    const m = TARGET_TITLE.exec(norm(c.header))
    if (m) targetCols.push({ year: Number(m[1]), col: c })
  }
  return targetCols
}

interface ReadContext {
  cols: RenstraCols
  targetCols: readonly TargetCol[]
  refs: Pick<References, 'unitByCode' | 'sasaranByCode' | 'programByCode' | 'existing'>
  periodName: string
  /** Code (lower case) → the row it was first seen on. */
  seen: Map<string, number>
}

/** Cell readers of one row; each problem goes to `rowErrors`. */
function cellReaders(row: ExcelJS.Row, cols: RenstraCols, rowErrors: ImportIssue[]) {
  const r = row.number
  const text = (k: Key, max?: number): string | null => {
    const c = cols[k]
    if (!c) return null
    const t = cellAsText(row.getCell(c.index))
    if ('error' in t) {
      rowErrors.push(issue(t.error, { row: r, col: c }))
      return null
    }
    const v = cleanOptional(t.value)
    if (v && max && v.length > max) rowErrors.push(issue(`paling panjang ${max} karakter (sekarang ${v.length}).`, { row: r, col: c }))
    return v
  }
  const num = (col: ColumnRef | undefined): number | null => {
    if (!col) return null
    const n = cellAsNumber(row.getCell(col.index))
    if ('error' in n) {
      rowErrors.push(issue(n.error, { row: r, col }))
      return null
    }
    if (n.value !== null && Math.abs(n.value) >= 1e14) {
      rowErrors.push(issue('angka terlalu besar.', { row: r, col }))
      return null
    }
    return n.value === null ? null : round6(n.value)
  }
  const required = (k: Key, v: string | null) => {
    if (v === null && !rowErrors.some((e) => e.column === cols[k]?.letter)) rowErrors.push(issue('wajib diisi.', { row: r, col: cols[k]! }))
    return v
  }
  const pick = <T extends string>(k: Key, values: readonly T[], labels: Record<T, string>[], what: string): T | null => {
    const raw = required(k, text(k))
    if (raw === null) return null
    const v = enumOf(raw, values, labels)
    if (!v) rowErrors.push(issue(`"${raw}" bukan ${what} yang dikenal; pilih salah satu: ${values.join(', ')}.`, { row: r, col: cols[k]! }))
    return v
  }
  return { text, num, required, pick }
}

type Readers = ReturnType<typeof cellReaders>

/** Code, names and the mapping of a row: enumerations, weight, unit, sasaran and programme. */
function readMapping(rd: Readers, ctx: ReadContext, r: number, rowErrors: ImportIssue[]) {
  const { cols, refs } = ctx
  const { text, num, required, pick } = rd
  const code = required('code', text('code', LIMITS.code))
  const name = required('name', text('name', LIMITS.name))
  const satuan = required('satuan', text('satuan', LIMITS.satuan))
  const polarity = pick('polarity', POLARITIES, [POLARITY_WORDS], 'polaritas')
  const pola = pick('pola', POLA_UKUR, [POLA_WORDS, POLA_UKUR_LABELS], 'pola ukur')
  const aspect = pick('aspect', ASPECTS, [ASPECT_SHORT, ASPECT_NAMES], 'aspek')
  const strategy = pick('strategy', STRATEGIES, [STRATEGY_SHORT, STRATEGY_LABELS], 'strategi')
  let weight = num(cols.weight)
  if (weight === null) weight = 1
  else if (!(weight > 0)) rowErrors.push(issue('bobot harus lebih dari 0.', { row: r, col: cols.weight! }))
  const unitRaw = required('unit', text('unit'))
  const unitId = unitRaw ? (refs.unitByCode.get(unitRaw.toLowerCase()) ?? null) : null
  if (unitRaw && unitId === null) rowErrors.push(issue(`kode unit "${unitRaw}" tidak dikenal (lihat lembar Referensi).`, { row: r, col: cols.unit! }))
  const sasaranRaw = text('sasaran')
  const sasaranId = sasaranRaw ? (refs.sasaranByCode.get(sasaranRaw.toLowerCase()) ?? null) : null
  if (sasaranRaw && sasaranId === null) rowErrors.push(issue(`kode sasaran "${sasaranRaw}" tidak ada pada ${ctx.periodName}.`, { row: r, col: cols.sasaran! }))
  const programRaw = text('program')
  const programId = programRaw ? (refs.programByCode.get(programRaw.toLowerCase()) ?? null) : null
  if (programRaw && programId === null) rowErrors.push(issue(`kode program "${programRaw}" tidak ada pada ${ctx.periodName}.`, { row: r, col: cols.program! }))
  return { code, name, satuan, polarity, pola, aspect, strategy, weight, unitId, sasaranId, programId }
}

/** Baseline, bounds, definition and the annual targets of a row. */
function readValues(rd: Readers, ctx: ReadContext, r: number, rowErrors: ImportIssue[]) {
  const { cols } = ctx
  const { text, num } = rd
  const baseline = num(cols.baseline)
  const baselineYear = num(cols.baselineYear)
  if (baselineYear !== null && (!Number.isInteger(baselineYear) || baselineYear < 1900 || baselineYear > 2100))
    rowErrors.push(issue('tahun baseline harus empat angka, misalnya 2020.', { row: r, col: cols.baselineYear! }))
  const targetAkhir = num(cols.targetAkhir)
  const min = num(cols.min)
  const max = num(cols.max)
  if (min !== null && max !== null && min > max)
    rowErrors.push(issue(`nilai minimum (${formatNumberTrim(min, 6)}) lebih besar dari nilai maksimum (${formatNumberTrim(max, 6)}).`, { row: r, col: cols.min! }))
  const definition = text('definition', LIMITS.definition)
  const targets: Record<number, number | null> = {}
  for (const t of ctx.targetCols) {
    const v = num(t.col)
    targets[t.year] = v
    if (v !== null && ((min !== null && v < min) || (max !== null && v > max)))
      rowErrors.push(issue(`target di luar batas nilai indikator (${formatNumberTrim(min, 6)}–${formatNumberTrim(max, 6)}).`, { row: r, col: t.col }))
  }
  return { baseline, baselineYear, targetAkhir, min, max, definition, targets }
}

/** Reads one data row; its problems go to `errors`, and a row with a problem gives null. */
function readRow(row: ExcelJS.Row, ctx: ReadContext, errors: ImportIssue[]): RowPlan | null {
  const { cols, seen } = ctx
  const r = row.number
  const rowErrors: ImportIssue[] = []
  const rd = cellReaders(row, cols, rowErrors)
  const { code, name, satuan, polarity, pola, aspect, strategy, weight, unitId, sasaranId, programId } = readMapping(rd, ctx, r, rowErrors)
  const { baseline, baselineYear, targetAkhir, min, max, definition, targets } = readValues(rd, ctx, r, rowErrors)
  const sentVersion = (() => {
    if (!cols.version) return null
    const n = cellAsNumber(row.getCell(cols.version.index))
    return 'value' in n && n.value !== null && Number.isInteger(n.value) ? n.value : null
  })()
  if (code) {
    const k = code.toLowerCase()
    if (seen.has(k)) rowErrors.push(issue(`kode ${code} muncul dua kali (juga di baris ${seen.get(k)}).`, { row: r, col: cols.code! }))
    else seen.set(k, r)
  }
  const ex = code ? ctx.refs.existing.get(code.toLowerCase()) : undefined
  if (ex?.deleted_at) rowErrors.push(issue(`kode ${code} dipakai indikator yang sudah dihapus; pakai kode lain.`, { row: r, col: cols.code! }))
  const modeRaw = rd.text('renstraMode')
  const renstraMode = modeRaw ? enumOf(modeRaw, RENSTRA_MODES, [RENSTRA_MODE_LABELS]) : ex ? fieldsOfExisting(ex).renstra_mode : pola ? defaultRenstraMode(pola) : null
  if (modeRaw && !renstraMode) rowErrors.push(issue(`"${modeRaw}" bukan mode Renstra yang dikenal; pilih salah satu: akumulasi, tahun akhir.`, { row: r, col: cols.renstraMode! }))
  errors.push(...rowErrors)
  if (rowErrors.length) return null
  return {
    rowNumber: r,
    fields: {
      code: code!,
      name: name!,
      satuan: satuan!,
      polarity: polarity!,
      pola_ukur: pola!,
      renstra_mode: renstraMode,
      aspect: aspect!,
      strategy: strategy!,
      weight,
      unit_id: unitId!,
      sasaran_id: sasaranId,
      program_id: programId,
      baseline,
      baseline_year: baselineYear,
      target_akhir: targetAkhir,
      min_value: min,
      max_value: max,
      definition,
    },
    targets,
    existingId: ex?.id ?? null,
    existingVersion: ex?.version ?? null,
    sentVersion,
  }
}

/** Reads every non-blank data row below the header. */
export function readRenstraRows(ws: ExcelJS.Worksheet, headerRow: number, ctx: Omit<ReadContext, 'seen'>, errors: ImportIssue[]): RowPlan[] {
  const full: ReadContext = { ...ctx, seen: new Map<string, number>() }
  const indices = [...Object.values(ctx.cols).map((c) => (c as ColumnRef).index), ...ctx.targetCols.map((t) => t.col.index)]
  const rows: RowPlan[] = []
  for (const row of dataRows(ws, headerRow)) {
    if (isBlankRow(row, indices)) continue
    const planned = readRow(row, full, errors)
    if (planned) rows.push(planned)
  }
  return rows
}
