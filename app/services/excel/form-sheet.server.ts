// What Formulir E.80 and E.81 (Permendagri 86/2017) lay out the same way: the title rows, the left
// header columns (No, Sasaran, Program/Kegiatan, Indikator) and the column numbers, the table of
// sasaran groups with their programs / kegiatan and indicators, the notes, the signature blocks,
// A4 landscape printing, and the workbook with one sheet per OPD. Each form writes its own columns.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { lkjipWording, type PredikatBand, type ScoringSettings } from '../../domain'
import { POLA_UKUR_LABELS } from '../../domain/labels'
import type { ProgramNode } from '../../models/budget-read.server'
import { unitName, type ExportScope, type OpdInfo } from './context.server'
import { exportText } from './safety.server'
import {
  FONT,
  FONT_BOLD,
  GROUP_FILL,
  heightFor,
  INT_GROUPED_FMT,
  linesNeeded,
  longDateId,
  NUM_FMT,
  NUMBERS_FILL,
  setNumber,
  setText,
  sheetName,
  slug,
  stampWorkbook,
  styleBody,
  styleHeader,
  workbookBuffer,
} from './style.server'
import { loadE81, type E81Row, type E81Sheet, type FormRow } from './e81-rows.server'
import { shareStyles, writePrintOptions, type StyleSharing } from './stream-sheet.server'

/** The form's left columns, the same on E.80 and E.81. */
export const COL_NO = 1
export const COL_SASARAN = 2
export const COL_KODE = 3
export const COL_PROGRAM = 4
export const COL_INDIKATOR = 5

export interface BuiltFile {
  buffer: Buffer
  filename: string
}

export function merge(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number) {
  if (r1 === r2 && c1 === c2) return
  ws.mergeCells(r1, c1, r2, c2)
}

export function header(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number, text: string | number) {
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) styleHeader(ws.getCell(r, c))
  merge(ws, r1, c1, r2, c2)
  ws.getCell(r1, c1).value = text
}

/** A number with the form's formats: whole → `#,##0`, else `#,##0.00`. */
export const numFmt = (v: number | null | undefined) => (v != null && Number.isInteger(v) ? INT_GROUPED_FMT : NUM_FMT)

/** Rupiah: whole rupiah without decimals, else two decimals. */
export const rpFmt = (v: number | null | undefined) => (v != null && !Number.isInteger(v) ? NUM_FMT : INT_GROUPED_FMT)

export function bandText(band: PredikatBand | null): string {
  if (!band) return 'Belum ada data'
  const wording = lkjipWording(band)
  return `${band.label}${wording && wording !== band.label ? ` (${wording})` : ''}`
}

/** Header/footer text: '&' starts a code there, so it is doubled. */
export function hf(s: string): string {
  return (exportText(s) ?? '').replace(/&/g, '&&').slice(0, 80)
}

/** The five title rows: [text, font size, bold]; the first two centred, the fifth in italics. */
export function writeTitles(ws: ExcelJS.Worksheet, titles: [string, number, boolean][], lastCol: number) {
  titles.forEach(([text, size, bold], i) => {
    const row = i + 1
    merge(ws, row, 1, row, lastCol)
    const cell = ws.getCell(row, 1)
    cell.value = exportText(text)
    cell.font = { ...FONT, size, bold, italic: i === 4 }
    cell.alignment = { horizontal: i < 2 ? 'center' : 'left', vertical: 'middle', wrapText: false }
  })
  ws.getRow(1).height = 22
}

/** No, Sasaran, Program/Kegiatan (Kode, Uraian) and Indikator over the header rows h1..h1+2. */
export function writeLeftHeaders(ws: ExcelJS.Worksheet, h1: number) {
  const h2 = h1 + 1
  const h3 = h1 + 2
  header(ws, h1, COL_NO, h3, COL_NO, 'No')
  header(ws, h1, COL_SASARAN, h3, COL_SASARAN, 'Sasaran')
  header(ws, h1, COL_KODE, h2, COL_PROGRAM, 'Program/Kegiatan')
  header(ws, h3, COL_KODE, h3, COL_KODE, 'Kode')
  header(ws, h3, COL_PROGRAM, h3, COL_PROGRAM, 'Uraian')
  header(ws, h1, COL_INDIKATOR, h3, COL_INDIKATOR, 'Indikator Kinerja Program (outcome)/Kegiatan (output)')
}

/** The form's column numbers 1, 2, 3 … over the given column spans, shaded. */
export function writeNumbersRow(ws: ExcelJS.Worksheet, row: number, spans: [number, number][]) {
  spans.forEach(([c1, c2], i) => {
    header(ws, row, c1, row, c2, i + 1)
    for (let x = c1; x <= c2; x++) ws.getCell(row, x).fill = NUMBERS_FILL
    ws.getCell(row, c1).numFmt = '0'
  })
}

/** How one form writes its own columns of the table's rows. */
export interface TableColumns {
  lastCol: number
  /** The width of a column (to size the wrapped text). */
  width(c: number): number
  /** Columns written right-aligned as numbers. */
  numeric(c: number): boolean
  /** Writes a program / kegiatan row's numbers and keterangan; returns the text lines its cells need. */
  program(cells: ExcelJS.Row, node: ProgramNode): number[]
  /** Writes an indicator row's numbers, unit and keterangan; returns the text lines its cells need. */
  indicator(cells: ExcelJS.Row, row: E81Row): number[]
}

/** The merged Sasaran cell of the rows start..end, tall enough for its text. */
function closeGroup(ws: ExcelJS.Worksheet, start: number, end: number, lines: number) {
  if (end > start) merge(ws, start, COL_SASARAN, end, COL_SASARAN)
  // the merged sasaran cell needs the height of its text over the rows it spans
  let have = 0
  for (let x = start; x <= end; x++) have += ws.getRow(x).height ?? 15
  const need = heightFor(lines)
  if (need > have) ws.getRow(end).height = Math.min(409, (ws.getRow(end).height ?? 15) + need - have)
}

/** Kode and Uraian of a program / kegiatan / sub kegiatan row (a program's row shaded, bold). */
function writeProgramLabel(cells: ExcelJS.Row, node: ProgramNode, depth: number, cols: TableColumns): number[] {
  const kindLabel = node.kind === 'program' ? '' : node.kind === 'kegiatan' ? 'Kegiatan: ' : 'Sub Kegiatan: '
  setText(cells.getCell(COL_KODE), node.code)
  const name = `${kindLabel}${node.name}`
  setText(cells.getCell(COL_PROGRAM), name)
  cells.getCell(COL_PROGRAM).alignment = { vertical: 'top', horizontal: 'left', wrapText: true, indent: depth }
  for (const c of [COL_KODE, COL_PROGRAM]) cells.getCell(c).font = node.kind === 'program' ? FONT_BOLD : FONT
  if (node.kind === 'program') for (let c = COL_KODE; c <= cols.lastCol; c++) cells.getCell(c).fill = GROUP_FILL
  return [linesNeeded(node.code, cols.width(COL_KODE)), linesNeeded(name, cols.width(COL_PROGRAM) - depth * 1.5)]
}

/** No and the indicator's text (code, name, satuan, pola ukur, polarity). */
function writeIndicatorLabel(cells: ExcelJS.Row, fr: FormRow & { type: 'indicator' }, cols: TableColumns): number[] {
  const { input } = fr.row
  setNumber(cells.getCell(COL_NO), fr.number, '0')
  cells.getCell(COL_NO).alignment = { vertical: 'top', horizontal: 'center' }
  const indText = `${input.code} ${input.name}\nSatuan: ${input.unit} · ${POLA_UKUR_LABELS[input.polaUkur]} · ${input.polarity === 'turun' ? 'makin rendah makin baik' : 'makin tinggi makin baik'}`
  setText(cells.getCell(COL_INDIKATOR), indText)
  return [linesNeeded(indText, cols.width(COL_INDIKATOR))]
}

/**
 * The table from row `first`: grouped under sasaran (one merged cell per group); programs with
 * their kegiatan beneath; indicators on their own rows. Returns the next free row.
 */
export function writeFormTable(ws: ExcelJS.Worksheet, table: FormRow[], first: number, cols: TableColumns): number {
  let r = first
  if (table.length === 0) {
    merge(ws, r, 1, r, cols.lastCol)
    const cell = ws.getCell(r, 1)
    cell.value = 'Belum ada indikator pada cakupan ini.'
    styleBody(cell, { center: true })
    r++
  }
  let groupStart = r
  let groupLines = 1
  table.forEach((fr, i) => {
    const prev = table[i - 1]
    const newSasaran = !prev || prev.sasaranKey !== fr.sasaranKey
    if (i > 0 && newSasaran) closeGroup(ws, groupStart, r - 1, groupLines)
    if (newSasaran) {
      groupStart = r
      groupLines = linesNeeded(fr.sasaranText, cols.width(COL_SASARAN))
    }
    const cells = ws.getRow(r)
    for (let c = 1; c <= cols.lastCol; c++) styleBody(cells.getCell(c), { number: cols.numeric(c) })
    if (newSasaran) setText(cells.getCell(COL_SASARAN), fr.sasaranText)
    const lines: number[] = [1]
    if (fr.type === 'program') lines.push(...writeProgramLabel(cells, fr.node, fr.depth, cols), ...cols.program(cells, fr.node))
    else lines.push(...writeIndicatorLabel(cells, fr, cols), ...cols.indicator(cells, fr.row))
    cells.height = heightFor(Math.max(...lines))
    r++
  })
  if (table.length) closeGroup(ws, groupStart, r - 1, groupLines)
  return r
}

/** The notes below the table, in small italics over the whole width; returns the next free row. */
export function writeNotes(ws: ExcelJS.Worksheet, r: number, notes: string[], lastCol: number, width: number): number {
  for (const text of notes) {
    merge(ws, r, 1, r, lastCol)
    const note = ws.getCell(r, 1)
    note.value = text
    note.font = { ...FONT, italic: true, size: 9 }
    note.alignment = { wrapText: true, vertical: 'top' }
    ws.getRow(r).height = heightFor(linesNeeded(text, width))
    r++
  }
  return r
}

/**
 * The two signature blocks: "Disusun" (the Kepala Dinas) on the left, "Dievaluasi" (Bappeda) on
 * the right, each with place, date, name line and NIP. Returns the next free row.
 */
export function signatureBlocks(ws: ExcelJS.Worksheet, r: number, opd: OpdInfo, asOf: Date, timeZone: string, cols: { left: [number, number]; right: [number, number] }): number {
  const place = opd.city ?? '……………'
  const date = longDateId(asOf, timeZone)
  const region = opd.region ?? ''
  const left: string[] = [`${place}, ${date}`, 'Disusun', `Kepala ${opd.name}`, '', '', '', '( …………………………………… )', 'NIP. ……………………']
  const right: string[] = [
    `${place}, ${date}`,
    'Dievaluasi',
    `Kepala Badan Perencanaan Pembangunan Daerah${region ? ` ${region}` : ''}`,
    '',
    '',
    '',
    '( …………………………………… )',
    'NIP. ……………………',
  ]
  const w = (c1: number, c2: number) => {
    let s = 0
    for (let c = c1; c <= c2; c++) s += ws.getColumn(c).width ?? 9
    return s
  }
  for (let i = 0; i < left.length; i++) {
    merge(ws, r, cols.left[0], r, cols.left[1])
    merge(ws, r, cols.right[0], r, cols.right[1])
    const a = ws.getCell(r, cols.left[0])
    const b = ws.getCell(r, cols.right[0])
    a.value = exportText(left[i]) ?? null
    b.value = exportText(right[i]) ?? null
    for (const cell of [a, b]) {
      cell.font = i === 1 || i === 6 ? FONT_BOLD : FONT
      cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
    }
    if (i === 2) ws.getRow(r).height = heightFor(Math.max(linesNeeded(left[2], w(...cols.left)), linesNeeded(right[2], w(...cols.right))))
    r++
  }
  return r
}

const frozenView = (o: { numbersRow: number; firstDataRow: number }): Partial<ExcelJS.WorksheetView> => ({
  state: 'frozen',
  xSplit: 0,
  ySplit: o.numbersRow,
  topLeftCell: `A${o.firstDataRow}`,
  activeCell: `A${o.firstDataRow}`,
  showGridLines: false,
})

/**
 * What a form's sheet must say when it is added: ExcelJS's streaming writer writes the sheet
 * properties (fit to page) and the views at addWorksheet, before any cell; printSetup sets the same.
 */
export function formSheetOptions(o: { numbersRow: number; firstDataRow: number }): Partial<ExcelJS.AddWorksheetOptions> {
  return { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, views: [frozenView(o)] }
}

/** A4 landscape, one page wide, the header rows on every page, frozen below the header. */
export function printSetup(ws: ExcelJS.Worksheet, o: { lastCol: number; lastRow: number; headerFirst: number; numbersRow: number; firstDataRow: number; footer: string }) {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.5, header: 0.2, footer: 0.25 },
    printTitlesRow: `${o.headerFirst}:${o.numbersRow}`,
    printArea: `A1:${ws.getColumn(o.lastCol).letter}${o.lastRow}`,
  }
  ws.headerFooter = { oddFooter: o.footer }
  // in place: the streaming writer's sheet has `views` as a getter only (and wrote them when added)
  ws.views.splice(0, ws.views.length, frozenView(o))
}

/** How a form names, titles and writes its workbook. */
export interface FormSpec {
  sheet: string
  title: string
  emptyPageSetup: boolean
  filename: (who: string, unitLabel: string | null) => string
  write: (ws: ExcelJS.Worksheet, sheet: E81Sheet, opts: { unitLabel: string | null; asOf: Date }) => void
  /** The options of each OPD's sheet when it is added (formSheetOptions; needed by the streaming writer). */
  sheetOptions?: Partial<ExcelJS.AddWorksheetOptions>
}

/** One sheet per OPD (named after the form when there is one), or a note when there is none; `done` runs after each sheet. */
function addFormSheets(wb: ExcelJS.Workbook, sheets: E81Sheet[], unitLabel: string | null, asOf: Date, form: FormSpec, done: (ws: ExcelJS.Worksheet) => void): string {
  const used = new Set<string>()
  if (sheets.length === 0) {
    const ws = form.emptyPageSetup ? wb.addWorksheet(form.sheet, { pageSetup: { paperSize: 9, orientation: 'landscape' } }) : wb.addWorksheet(form.sheet)
    ws.getCell('A1').value = 'Belum ada perangkat daerah atau indikator pada cakupan ini.'
    done(ws)
  }
  for (const sheet of sheets) {
    const name = sheets.length === 1 ? form.sheet : sheetName(sheet.opd.shortName ?? sheet.opd.name, used)
    const ws = wb.addWorksheet(name, form.sheetOptions ?? { pageSetup: { paperSize: 9, orientation: 'landscape' } })
    form.write(ws, sheet, { unitLabel, asOf })
    done(ws)
  }
  const who = sheets.length === 1 ? slug(sheets[0]!.opd.shortName ?? sheets[0]!.opd.code) : 'semua-opd'
  return form.filename(who, unitLabel)
}

/** The workbook of a form (in memory): one sheet per OPD, or a note when there is none. */
export async function buildFormWorkbook(db: Executor, scope: ExportScope, settings: ScoringSettings | undefined, form: FormSpec): Promise<BuiltFile> {
  const sheets = await loadE81(db, scope, settings)
  const unitLabel = await unitName(db, scope.unitId)
  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, form.title, scope.asOf)
  const filename = addFormSheets(wb, sheets, unitLabel, scope.asOf, form, () => {})
  return { buffer: await workbookBuffer(wb), filename }
}

/**
 * The workbook of a form written with ExcelJS's streaming writer (the city bundle, ADR 0036):
 * each sheet is committed as soon as it is written, so its rows leave memory, and its cells share
 * their style objects (shareStyles). The same cells, merges and print setup as buildFormWorkbook.
 */
export async function streamFormWorkbook(sheets: E81Sheet[], unitLabel: string | null, asOf: Date, form: FormSpec): Promise<BuiltFile> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  stampWorkbook(wb, form.title, asOf)
  const sharing: StyleSharing = { styles: new Map(), ids: new WeakMap(), alignments: new Map(), next: 0 }
  const filename = addFormSheets(wb, sheets, unitLabel, asOf, form, (ws) => {
    shareStyles(ws, sharing)
    writePrintOptions(ws)
    ws.commit()
  })
  await wb.commit()
  await ended
  return { buffer: Buffer.concat(chunks), filename }
}
