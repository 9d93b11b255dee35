// Shared parts of the importers: problems located by row and column, finding a table's columns
// by their titles, and opening an upload safely (checks before parsing, row cap).
import { createHash } from 'node:crypto'
import type ExcelJS from 'exceljs'
import { cellAsText, checkInflatedXlsx, columnLetter, IMPORT_ROW_CAP, inspectXlsx, loadWorkbook, readCell } from './safety.server'

/** A problem found in an upload, in Indonesian, located by row number and column (letter + title). */
export interface ImportIssue {
  row: number | null
  column: string | null
  columnName: string | null
  message: string
}

export function issue(message: string, at: { row?: number | null; col?: ColumnRef | null } = {}): ImportIssue {
  return { row: at.row ?? null, column: at.col?.letter ?? null, columnName: at.col?.header ?? null, message }
}

/** "Baris 12, kolom J (Nilai realisasi TW IV 2026): …" */
export function issueText(i: ImportIssue): string {
  const where: string[] = []
  if (i.row != null) where.push(`Baris ${i.row}`)
  if (i.column) where.push(`kolom ${i.column}${i.columnName ? ` (${i.columnName})` : ''}`)
  return where.length ? `${where.join(', ')}: ${i.message}` : i.message
}

export interface ColumnRef {
  index: number
  letter: string
  header: string
}

export interface ColumnSpec<K extends string> {
  key: K
  /** Does a (normalised, lower-case) title name this column? */
  match: (title: string) => boolean
  required?: boolean
  /** Title shown in messages when the column is missing. */
  label: string
}

export const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

/** Finds the header row (the first of the first 20 rows holding `anchor`) and maps the columns. */
export function locateColumns<K extends string>(
  ws: ExcelJS.Worksheet,
  anchor: string,
  specs: readonly ColumnSpec<K>[],
): { headerRow: number; cols: Partial<Record<K, ColumnRef>>; extra: ColumnRef[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = []
  let headerRow = -1
  const maxCol = Math.min(ws.columnCount, 200)
  for (let r = 1; r <= Math.min(20, ws.rowCount) && headerRow < 0; r++) {
    for (let c = 1; c <= maxCol; c++) {
      const t = cellAsText(ws.getCell(r, c))
      if ('value' in t && t.value && norm(t.value) === norm(anchor)) {
        headerRow = r
        break
      }
    }
  }
  const cols: Partial<Record<K, ColumnRef>> = {}
  const extra: ColumnRef[] = []
  if (headerRow < 0) {
    issues.push(issue(`Baris judul kolom tidak ditemukan (kolom "${anchor}"). Gunakan templat yang diunduh dari aplikasi.`))
    return { headerRow, cols, extra, issues }
  }
  for (let c = 1; c <= maxCol; c++) {
    const t = cellAsText(ws.getCell(headerRow, c))
    if (!('value' in t) || !t.value) continue
    const title = norm(t.value)
    const ref = { index: c, letter: columnLetter(c), header: t.value }
    const spec = specs.find((s) => s.match(title))
    if (!spec) {
      extra.push(ref)
      continue
    }
    if (cols[spec.key]) {
      issues.push(issue(`Kolom "${spec.label}" muncul lebih dari sekali.`, { row: headerRow, col: ref }))
      continue
    }
    cols[spec.key] = ref
  }
  for (const s of specs)
    if (s.required && !cols[s.key])
      issues.push(issue(`Kolom "${s.label}" tidak ada. Gunakan templat terbaru dari aplikasi; jangan menghapus kolom (termasuk kolom tersembunyi).`, { row: headerRow }))
  return { headerRow, cols, extra, issues }
}

/**
 * The existing rows below the header, in order. Rows are read as ExcelJS stored them: a sheet
 * formatted down to row 1 048 576 does not make us create a million empty rows.
 */
export function dataRows(ws: ExcelJS.Worksheet, headerRow: number): ExcelJS.Row[] {
  const out: ExcelJS.Row[] = []
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > headerRow) out.push(row)
  })
  return out
}

/** True when every cell of the row (within the known columns) is empty. */
export function isBlankRow(row: ExcelJS.Row, indices: number[]): boolean {
  for (const i of indices) if (readCell(row.getCell(i)).kind !== 'empty') return false
  return true
}

export type OpenResult = { ok: true; workbook: ExcelJS.Workbook } | { ok: false; issues: ImportIssue[] }

/**
 * Checks the file (zip, parts, macros, declared sizes), then inflates it with a bound on the
 * real sizes and the row cap, and only then parses it.
 */
export async function openUpload(bytes: Uint8Array): Promise<OpenResult> {
  const problems = inspectXlsx(bytes)
  if (problems.length) return { ok: false, issues: problems.map((m) => issue(m)) }
  const inflated = await checkInflatedXlsx(bytes)
  if (inflated.length) return { ok: false, issues: inflated.map((m) => issue(m)) }
  const loaded = await loadWorkbook(bytes)
  if (!loaded.ok) return { ok: false, issues: [issue(loaded.error)] }
  return { ok: true, workbook: loaded.workbook }
}

/** The worksheet named `name` (case-insensitive), else the first one. */
export function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | null {
  return wb.worksheets.find((w) => norm(w.name) === norm(name)) ?? wb.worksheets[0] ?? null
}

/** Refuses sheets with more data rows than the cap (before looking at any row). */
export function checkRowCap(ws: ExcelJS.Worksheet, headerRow: number): ImportIssue | null {
  const rows = ws.actualRowCount - headerRow
  if (rows > IMPORT_ROW_CAP) {
    return issue(
      `Berkas berisi ${rows.toLocaleString('id-ID')} baris data; paling banyak ${IMPORT_ROW_CAP.toLocaleString('id-ID')} baris per unggahan. Pecah menjadi beberapa berkas.`,
    )
  }
  return null
}

export function sha256(s: string | Uint8Array): string {
  return createHash('sha256').update(s).digest('hex')
}

/** Same normalisation of free text as the entry form: CRLF → LF, trimmed, empty → null. */
export function cleanOptional(s: string | null | undefined): string | null {
  if (s == null) return null
  const t = s.replace(/\r\n?/g, '\n').trim()
  return t === '' ? null : t
}

export const round6 = (v: number) => Math.round(v * 1e6) / 1e6
