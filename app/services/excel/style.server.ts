// Shared look of the exported workbooks: fonts, borders, the dashboard's predikat colours,
// number formats, Indonesian dates, sheet names and the HTTP headers of a download.
import type ExcelJS from 'exceljs'
import { calendarDateIn, formatDateId, formatTimeIn } from '../../domain'
import { exportNumber, exportText, XLSX_MIME } from './safety.server'

/** Two decimals with a thousands separator; Excel and LibreOffice show it as 1.234,56 in id-ID. */
export const NUM_FMT = '#,##0.00'
/** A whole number with a thousands separator (1.234). */
export const INT_GROUPED_FMT = '#,##0'
export const INT_FMT = '0'
/** Excel's own format: shows what was typed, in the reader's locale (for cells the user fills in). */
export const GENERAL_FMT = 'General'

/**
 * The display format of one number that shows it exactly, with no trailing separator: `#,##0`
 * for a whole number (1.234), else as many fixed decimals as the value has, up to six (87,5 →
 * `#,##0.0`; 0,125 → `#,##0.000`). A format with optional decimals (`#,##0.##`) leaves a bare
 * separator on whole numbers in Excel ("1.234,"), so none is used. The separators themselves
 * come from the reader's locale (id-ID: 1.234,5).
 */
export function numFmtFor(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return INT_GROUPED_FMT
  for (let d = 0; d <= 6; d++) {
    const scaled = Math.abs(v) * 10 ** d
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d === 0 ? INT_GROUPED_FMT : `#,##0.${'0'.repeat(d)}`
  }
  return `#,##0.${'0'.repeat(6)}`
}

export const FONT = { name: 'Calibri', size: 10 } as const
export const FONT_BOLD = { ...FONT, bold: true } as const

const THIN = { style: 'thin' as const, color: { argb: 'FF8C96A3' } }
export const BORDER_ALL: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3EAF3' } }
export const NUMBERS_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F4F8' } }
export const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF7F9FC' } }
export const EDITABLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } }

/** The dashboard's predikat colours (app.css --p-*) with a text colour that keeps 4.5:1 contrast. */
export const PREDIKAT_COLOURS: Record<string, { bg: string; fg: string }> = {
  sangat_tinggi: { bg: 'FF1B7F3B', fg: 'FFFFFFFF' },
  tinggi: { bg: 'FF6AA84F', fg: 'FF10240A' },
  sedang: { bg: 'FFF2C230', fg: 'FF2B2200' },
  rendah: { bg: 'FFE8833A', fg: 'FF2B1200' },
  sangat_rendah: { bg: 'FFC0392B', fg: 'FFFFFFFF' },
  none: { bg: 'FFC9CED6', fg: 'FF1A2230' },
}

export function predikatColours(key: string | null | undefined) {
  return PREDIKAT_COLOURS[key ?? 'none'] ?? PREDIKAT_COLOURS.none!
}

/** Paints a cell with a predikat's colours (grey for "belum ada data" or an unknown key). */
export function paintPredikat(cell: ExcelJS.Cell, key: string | null | undefined) {
  const c = predikatColours(key)
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.bg } }
  cell.font = { ...FONT, bold: true, color: { argb: c.fg } }
}

/** "29 November 2026" for an instant, in the scoring time zone. */
export function longDateId(asOf: Date, timeZone = 'Asia/Jakarta'): string {
  return formatDateId(calendarDateIn(asOf, timeZone))
}

/** "2026-11-29 10.00 WIB"-style stamp for the "dibuat pada" line. */
export function stampId(asOf: Date, timeZone = 'Asia/Jakarta'): string {
  return `${longDateId(asOf, timeZone)} pukul ${formatTimeIn(asOf, timeZone)} (${timeZone})`
}

/** Writes user text as a string cell (or leaves the cell empty). */
export function setText(cell: ExcelJS.Cell, v: unknown) {
  cell.value = exportText(v)
}

/** Writes a finite number (or leaves the cell empty) with a number format. */
export function setNumber(cell: ExcelJS.Cell, v: unknown, fmt = NUM_FMT) {
  cell.value = exportNumber(v)
  cell.numFmt = fmt
}

/** Styles a header cell: bold, shaded, bordered, centred, wrapped. */
export function styleHeader(cell: ExcelJS.Cell, fill: ExcelJS.Fill = HEADER_FILL) {
  cell.font = FONT_BOLD
  cell.fill = fill
  cell.border = BORDER_ALL
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
}

export function styleBody(cell: ExcelJS.Cell, opts: { number?: boolean; center?: boolean } = {}) {
  cell.font = FONT
  cell.border = BORDER_ALL
  cell.alignment = BODY_ALIGNMENT[opts.number ? 'right' : opts.center ? 'center' : 'left']
}

/** A body cell's alignment: one object per side, shared by every body cell (never changed in place). */
const BODY_ALIGNMENT = {
  left: { vertical: 'top', horizontal: 'left', wrapText: true },
  right: { vertical: 'top', horizontal: 'right', wrapText: true },
  center: { vertical: 'top', horizontal: 'center', wrapText: true },
} satisfies Record<string, Partial<ExcelJS.Alignment>>

/**
 * Lines a text needs in a column `widthChars` wide (Calibri 10 fits ~1.15 characters per width
 * unit). Wraps word by word as Excel does — a word that does not fit starts a new line, a word
 * longer than a line is cut — so the estimate is never below the characters ÷ line length.
 */
export function linesNeeded(text: string | null | undefined, widthChars: number): number {
  if (!text) return 1
  const perLine = Math.max(4, Math.floor(widthChars * 1.15))
  let lines = 0
  for (const para of text.split('\n')) {
    let used = 0
    let paraLines = 1
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length
      if (need <= perLine) {
        used = need
        continue
      }
      if (used > 0) paraLines++
      // a word longer than a line fills whole lines
      paraLines += Math.floor(Math.max(0, word.length - 1) / perLine)
      used = word.length % perLine || perLine
    }
    lines += paraLines
  }
  return lines
}

/** Row height in points for a number of lines of 10-pt text. */
export const heightFor = (lines: number) => Math.max(15, Math.min(409, Math.ceil(lines * 13 + 4)))

/** A worksheet name Excel accepts (≤ 31 chars, none of []:*?/\), unique within `used`. */
export function sheetName(raw: string, used: Set<string>): string {
  const base = (
    raw
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Lembar'
  )
    .slice(0, 31)
    .replace(/^'|'$/g, '')
  let name = base
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`
    name = base.slice(0, 31 - suffix.length) + suffix
  }
  used.add(name.toLowerCase())
  return name
}

/** A file name safe in Content-Disposition (ASCII, no quotes) plus its UTF-8 form. */
export function attachmentHeaders(filename: string, extra: Record<string, string> = {}): Record<string, string> {
  const ascii =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\/;:]/g, '_')
      .replace(/\s+/g, '_') || 'berkas.xlsx'
  return {
    'Content-Type': XLSX_MIME,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  }
}

/** A slug for file names: "Bidang IKP" → "bidang-ikp". */
export function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 40) || 'semua'
  )
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  const ab = await wb.xlsx.writeBuffer()
  return Buffer.from(ab as ArrayBuffer)
}

/** Workbook properties shared by every export. */
export function stampWorkbook(wb: ExcelJS.Workbook, title: string, asOf: Date) {
  wb.creator = 'Dasbor Kinerja Strategi'
  wb.lastModifiedBy = 'Dasbor Kinerja Strategi'
  wb.title = exportText(title) ?? ''
  wb.created = asOf
  wb.modified = asOf
  wb.calcProperties = { fullCalcOnLoad: false }
}

/**
 * A boxed form row with a bold label on a group fill in its first cell: every cell from 1 to
 * `lastCol` framed, top-aligned and wrapping (the summary and footer rows of Formulir E.80/E.81).
 */
export function labelRow(ws: ExcelJS.Worksheet, r: number, lastCol: number, label: string, horizontal?: 'right'): ExcelJS.Cell {
  for (let c = 1; c <= lastCol; c++) {
    const cell = ws.getCell(r, c)
    cell.border = BORDER_ALL
    cell.font = FONT
    cell.alignment = { vertical: 'top', wrapText: true }
  }
  const lc = ws.getCell(r, 1)
  lc.value = label
  lc.font = FONT_BOLD
  lc.fill = GROUP_FILL
  if (horizontal) lc.alignment = { vertical: 'top', horizontal, wrapText: true }
  return lc
}
