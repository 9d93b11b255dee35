// Reading the realisation template: the columns by their titles, then every data row, each
// unreadable cell a problem at its row and column.
import type ExcelJS from 'exceljs'
import { cellAsNumber, cellAsText, cellAsYesNo } from '../safety.server'
import { checkRowCap, cleanOptional, dataRows, isBlankRow, issue, locateColumns, norm, sheetOf, type ColumnRef, type ColumnSpec, type ImportIssue } from '../import-common.server'
import { REALISASI_SHEET, RT } from '../templates.server'

export type Key = 'code' | 'value' | 'tidak' | 'bukti' | 'link' | 'kendala' | 'tl' | 'id' | 'version' | 'year' | 'quarter' | 'name'

/** The located columns of a sheet, by key. */
export type RealisasiCols = Partial<Record<Key, ColumnRef>>

const starts = (prefix: string) => (t: string) => t.startsWith(norm(prefix))
const SPECS: ColumnSpec<Key>[] = [
  { key: 'code', match: (t) => t === norm(RT.code), required: true, label: RT.code },
  { key: 'name', match: (t) => t === norm(RT.name), label: RT.name },
  { key: 'value', match: starts(RT.value), required: true, label: RT.value },
  { key: 'tidak', match: starts(RT.tidakDiukur), required: true, label: RT.tidakDiukur },
  { key: 'bukti', match: starts(RT.buktiText), required: true, label: RT.buktiText },
  { key: 'link', match: starts(RT.buktiLink), required: true, label: RT.buktiLink },
  { key: 'kendala', match: (t) => t === norm(RT.kendala), required: true, label: RT.kendala },
  { key: 'tl', match: (t) => t === norm(RT.tindakLanjut), required: true, label: RT.tindakLanjut },
  { key: 'id', match: (t) => t === norm(RT.id), required: true, label: `${RT.id} (tersembunyi)` },
  { key: 'version', match: (t) => t === norm(RT.version), required: true, label: `${RT.version} (tersembunyi)` },
  { key: 'year', match: (t) => t === norm(RT.year), required: true, label: `${RT.year} (tersembunyi)` },
  { key: 'quarter', match: (t) => t === norm(RT.quarter), required: true, label: `${RT.quarter} (tersembunyi)` },
]

export interface ParsedRow {
  rowNumber: number
  indicatorId: number | null
  code: string | null
  version: number | null
  year: number | null
  quarter: number | null
  value: number | null
  tidakDiukur: boolean
  buktiText: string | null
  buktiLink: string | null
  kendala: string | null
  tindakLanjut: string | null
}

export interface ParsedSheet {
  rows: ParsedRow[]
  cols: RealisasiCols
  issues: ImportIssue[]
}

const intOf = (v: number | null) => (v !== null && Number.isInteger(v) && v > 0 ? v : null)

/** Reads the template's rows; every unreadable cell becomes a problem at its row and column. */
export function parseRealisasiSheet(wb: ExcelJS.Workbook): ParsedSheet {
  const ws = sheetOf(wb, REALISASI_SHEET)
  if (!ws) return { rows: [], cols: {}, issues: [issue('Berkas tidak berisi lembar kerja.')] }
  const { headerRow, cols, issues } = locateColumns(ws, RT.code, SPECS)
  if (headerRow < 0 || issues.length) return { rows: [], cols, issues }
  const cap = checkRowCap(ws, headerRow)
  if (cap) return { rows: [], cols, issues: [cap] }
  const indices = Object.values(cols).map((c) => (c as ColumnRef).index)
  const rows: ParsedRow[] = []
  for (const row of dataRows(ws, headerRow)) {
    const r = row.number
    if (isBlankRow(row, indices)) continue
    const at = (k: Key) => cols[k]!
    const text = (k: Key): string | null => {
      const t = cellAsText(row.getCell(at(k).index))
      if ('error' in t) {
        issues.push(issue(t.error, { row: r, col: at(k) }))
        return null
      }
      return cleanOptional(t.value)
    }
    const num = (k: Key): number | null => {
      const n = cellAsNumber(row.getCell(at(k).index))
      if ('error' in n) {
        issues.push(issue(n.error, { row: r, col: at(k) }))
        return null
      }
      return n.value
    }
    const hiddenInt = (k: Key): number | null => {
      const n = cellAsNumber(row.getCell(at(k).index))
      if ('error' in n) {
        issues.push(issue(`${n.error} (kolom tersembunyi; unduh ulang templat)`, { row: r, col: at(k) }))
        return null
      }
      if (n.value !== null && intOf(n.value) === null) issues.push(issue('nilai kolom tersembunyi rusak; unduh ulang templat', { row: r, col: at(k) }))
      return intOf(n.value)
    }
    const yn = cellAsYesNo(row.getCell(at('tidak').index))
    if ('error' in yn) issues.push(issue(yn.error, { row: r, col: at('tidak') }))
    rows.push({
      rowNumber: r,
      code: text('code'),
      indicatorId: hiddenInt('id'),
      version: hiddenInt('version'),
      year: hiddenInt('year'),
      quarter: hiddenInt('quarter'),
      value: num('value'),
      tidakDiukur: 'value' in yn ? yn.value : false,
      buktiText: text('bukti'),
      buktiLink: text('link'),
      kendala: text('kendala'),
      tindakLanjut: text('tl'),
    })
  }
  return { rows, cols, issues }
}
