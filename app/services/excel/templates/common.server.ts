// Row and title heights shared by the downloadable templates.
import type ExcelJS from 'exceljs'
import { heightFor, linesNeeded } from '../style.server'
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
