// Plain tables (header row + data rows + autofilter) for the recap and audit workbooks, in the
// in-memory and the streaming writer alike. Text is always written as a string cell.
import type ExcelJS from 'exceljs'
import { exportNumber, exportText } from './safety.server'
import { BORDER_ALL, FONT, FONT_BOLD, HEADER_FILL, INT_FMT, NUM_FMT, heightFor, linesNeeded } from './style.server'

export type ColKind = 'text' | 'num' | 'int' | 'code'

export interface Col {
  header: string
  width: number
  kind?: ColKind
  /** Keeps long text on one line (JSON, ids): no wrap, no row-height estimate. */
  nowrap?: boolean
}

export type CellValue = string | number | null | undefined

/**
 * Writes one value into a cell by its column kind: numbers stay numeric, everything else a
 * string. `inline` writes text as an inline string (`t="inlineStr"`), which the streaming writer
 * needs to avoid a shared-string table growing in memory.
 */
export function putValue(cell: ExcelJS.Cell, col: Col, v: CellValue, inline = false) {
  const kind = col.kind ?? 'text'
  if ((kind === 'num' || kind === 'int') && typeof v === 'number') {
    cell.value = exportNumber(v)
    cell.numFmt = kind === 'int' ? INT_FMT : NUM_FMT
    cell.alignment = { vertical: 'top', horizontal: 'right' }
  } else {
    const text = exportText(v)
    cell.value = inline && text !== null ? { richText: [{ text }] } : text
    cell.alignment = { vertical: 'top', horizontal: kind === 'code' ? 'center' : 'left', wrapText: !col.nowrap }
  }
  cell.font = FONT
  cell.border = BORDER_ALL
}

export function writeHeaderRow(ws: ExcelJS.Worksheet, rowNumber: number, cols: readonly Col[]) {
  const row = ws.getRow(rowNumber)
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1)
    cell.value = c.header
    cell.font = FONT_BOLD
    cell.fill = HEADER_FILL
    cell.border = BORDER_ALL
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  })
  const lines = Math.max(...cols.map((c) => linesNeeded(c.header, c.width)))
  row.height = heightFor(lines)
  return row
}

export function rowHeightFor(cols: readonly Col[], values: readonly CellValue[]): number {
  let lines = 1
  cols.forEach((c, i) => {
    const v = values[i]
    if (c.nowrap || typeof v !== 'string') return
    lines = Math.max(lines, linesNeeded(v, c.width))
  })
  return heightFor(Math.min(lines, 30))
}

/**
 * A table at `firstRow` (header) with rows below; sets widths, an autofilter over the whole
 * table and returns the last row written.
 */
export function writeTable(
  ws: ExcelJS.Worksheet,
  firstRow: number,
  cols: readonly Col[],
  rows: readonly (readonly CellValue[])[],
  opts: { autoFilter?: boolean; setWidths?: boolean } = {},
): number {
  if (opts.setWidths !== false) cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width))
  writeHeaderRow(ws, firstRow, cols)
  let r = firstRow
  for (const values of rows) {
    r++
    const row = ws.getRow(r)
    cols.forEach((c, i) => putValue(row.getCell(i + 1), c, values[i]))
    const h = rowHeightFor(cols, values)
    if (h > 15) row.height = h
  }
  if (opts.autoFilter !== false) {
    ws.autoFilter = { from: { row: firstRow, column: 1 }, to: { row: Math.max(r, firstRow), column: cols.length } }
  }
  return r
}

/** A list sheet's table: `writeTable` with its header row frozen (and the first `xSplit` columns,
 *  when given) and printed on every page; returns the last row written. */
export function writeListTable(ws: ExcelJS.Worksheet, firstRow: number, cols: readonly Col[], rows: readonly (readonly CellValue[])[], xSplit?: number): number {
  const last = writeTable(ws, firstRow, cols, rows)
  ws.views = [{ state: 'frozen', ...(xSplit === undefined ? {} : { xSplit }), ySplit: firstRow, showGridLines: false }]
  ws.pageSetup.printTitlesRow = `${firstRow}:${firstRow}`
  return last
}
