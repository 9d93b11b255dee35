// Row heights, title rows and column set-up shared by the downloadable templates.
import type ExcelJS from 'exceljs'
import { FONT, heightFor, linesNeeded } from '../style.server'
import { rowHeightFor, type CellValue, type Col } from '../table.server'

/**
 * Sets the height of a data row so that its wrapped text (indicator names, evidence, notes) is
 * not hidden behind the next row: the lines the longest text needs in its column's width.
 * Hidden columns and numbers do not count.
 */
export function fitRowHeight(row: ExcelJS.Row, cols: readonly (Col & { key: string; hidden?: boolean })[], values: Record<string, CellValue>) {
  const shown = cols.filter((c) => !c.hidden)
  const h = rowHeightFor(
    shown,
    shown.map((c) => values[c.key]),
  )
  if (h > heightFor(1)) row.height = h
}

/** Height of a title line of `size` pt merged over `width` character units. */
export function titleHeight(text: string, width: number, size: number): number {
  const lines = linesNeeded(text, (width * 10) / size)
  return Math.max(heightFor(1), Math.ceil(lines * size * 1.3 + 4))
}

/** A title line: text, font size in pt, bold. */
export type TitleLine = [text: string, size: number, bold: boolean]

/**
 * The title block of a template: one line a row from row 1, each merged over columns 1..`mergeTo`,
 * wrapped, and as high as its text needs over `width` character units. `toValue` makes the cell
 * value from the text (the Renstra workbook cleans it with exportText).
 */
export function writeTitleRows(ws: ExcelJS.Worksheet, lines: readonly TitleLine[], mergeTo: number, width: number, toValue: (text: string) => CellValue = (t) => t) {
  lines.forEach(([text, size, bold], i) => {
    ws.mergeCells(i + 1, 1, i + 1, mergeTo)
    const c = ws.getCell(i + 1, 1)
    c.value = toValue(text)
    c.font = { ...FONT, size, bold }
    c.alignment = { wrapText: true, vertical: 'top' }
    ws.getRow(i + 1).height = titleHeight(text, width, size)
  })
}

/** Sets each column's width and hides the hidden ones (ids and versions the importer reads back). */
export function setTemplateColumns(ws: ExcelJS.Worksheet, cols: readonly (Col & { hidden?: boolean })[]) {
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = c.width
    if (c.hidden) col.hidden = true
  })
}

/** The summed width of the first `n` columns (what a title merged over them can use). */
export function widthOf(cols: readonly Col[], n: number): number {
  return cols.slice(0, n).reduce((w, c) => w + c.width, 0)
}
