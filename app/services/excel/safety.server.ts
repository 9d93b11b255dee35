// Safety of spreadsheet uploads and exports.
// - Uploads: size cap, zip signature, the parts an .xlsx must (and must not) hold, a cap on the
//   uncompressed size (zip bombs) checked on the declared sizes and then on the bytes really
//   inflated (stopping at the limit), a row cap applied while the sheets are inflated, before
//   ExcelJS parses anything; formula, error, rich-text and hyperlink cells are normalised or
//   refused, never stored raw.
// - Exports: user text is always written as a string cell (never a formula), stripped of the
//   characters XML cannot hold and cut to Excel's cell limit.
import ExcelJS from 'exceljs'
import { parseDecimalInput } from '../../domain'
import { UPLOAD_LIMIT_BYTES } from '../../utils/limits'
import { hasZipSignature, inflateEntryBounded, listZipEntries, readZipEntry, ZipFormatError, ZipLimitError } from './zip.server'

export { UPLOAD_LIMIT_BYTES }
/** Largest number of data rows an import accepts. */
export const IMPORT_ROW_CAP = 5_000
/**
 * Largest total uncompressed size of the parts of an uploaded workbook, and of one worksheet.
 * A 5,000-row template is a few MB of XML; the caps keep the parser's memory bounded.
 */
export const MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
export const MAX_SHEET_BYTES = 40 * 1024 * 1024
/** Largest number of parts in an uploaded workbook. */
export const MAX_ZIP_ENTRIES = 2_000
/** Excel's limit of characters in one cell. */
export const EXCEL_CELL_MAX_CHARS = 32_767

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject|ms-office\.activeX|ms-excel\.(?:intl)?macrosheet/i

/**
 * Checks an uploaded file before parsing. Returns the problems in Indonesian (empty = fine):
 * a zip starting `PK\x03\x04`, holding `xl/workbook.xml`, no macros (`xl/vbaProject.bin`, macro
 * sheets, ActiveX, a macro-enabled content type), no encryption, within the entry and size caps.
 */
export function inspectXlsx(buf: Uint8Array, opts: { maxBytes?: number } = {}): string[] {
  const maxBytes = opts.maxBytes ?? UPLOAD_LIMIT_BYTES
  if (buf.length === 0) return ['Berkas kosong.']
  if (buf.length > maxBytes) return [`Ukuran berkas melebihi batas ${formatMb(maxBytes)}.`]
  if (!hasZipSignature(buf)) return ['Berkas bukan buku kerja Excel (.xlsx). Simpan berkas sebagai "Excel Workbook (.xlsx)" lalu unggah lagi.']
  const entries = zipEntriesOf(buf)
  if (typeof entries === 'string') return [entries]
  const errors: string[] = []
  const names = new Set(entries.map((e) => e.name.toLowerCase()))
  if (!names.has('xl/workbook.xml')) errors.push('Berkas bukan buku kerja Excel (.xlsx): bagian xl/workbook.xml tidak ada.')
  if (!names.has('[content_types].xml')) errors.push('Berkas .xlsx tidak lengkap: bagian [Content_Types].xml tidak ada.')
  const macro = entries.find((e) => {
    const n = e.name.toLowerCase()
    return n.endsWith('vbaproject.bin') || n.startsWith('xl/macrosheets/') || n.startsWith('xl/activex/') || n.endsWith('vbaprojectsignature.bin')
  })
  if (macro) errors.push('Berkas berisi makro (VBA/XLM/ActiveX) dan ditolak. Simpan sebagai .xlsx tanpa makro.')
  if (entries.some((e) => e.encrypted)) errors.push('Berkas terenkripsi atau dilindungi kata sandi; buka proteksinya lalu simpan ulang.')
  if (entries.some((e) => e.method !== 0 && e.method !== 8)) errors.push('Berkas memakai metode kompresi yang tidak didukung.')
  if (entries.some((e) => e.name.includes('..') || e.name.startsWith('/'))) errors.push('Berkas berisi nama bagian yang tidak sah.')
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0)
  if (total > MAX_UNCOMPRESSED_BYTES) errors.push(`Isi berkas terlalu besar setelah diekstrak (lebih dari ${formatMb(MAX_UNCOMPRESSED_BYTES)}).`)
  else if (entries.some((e) => e.uncompressedSize > MAX_SHEET_BYTES))
    errors.push(`Salah satu lembar kerja terlalu besar setelah diekstrak (lebih dari ${formatMb(MAX_SHEET_BYTES)}); hapus baris dan format yang tidak perlu.`)
  // Compression ratios far beyond any spreadsheet's are a zip bomb.
  if (entries.some((e) => e.compressedSize > 0 && e.uncompressedSize / e.compressedSize > 1000 && e.uncompressedSize > 10 * 1024 * 1024)) {
    errors.push('Berkas memiliki rasio kompresi yang tidak wajar dan ditolak.')
  }
  if (!macro && errors.length === 0) {
    // A macro-enabled workbook renamed to .xlsx still declares it in [Content_Types].xml.
    try {
      const ct = readZipEntry(buf, entries.find((e) => e.name.toLowerCase() === '[content_types].xml')!.name, 2 * 1024 * 1024)
      if (ct && MACRO_CONTENT_TYPE.test(ct.toString('utf8'))) errors.push('Berkas berisi makro (VBA/XLM/ActiveX) dan ditolak. Simpan sebagai .xlsx tanpa makro.')
    } catch {
      errors.push('Berkas .xlsx rusak: [Content_Types].xml tidak dapat dibaca.')
    }
  }
  return errors
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`
}

/**
 * Rows of a sheet that hold something (a value, an inline string or a formula), counted on the
 * sheet's XML as it streams out of the inflater: `<row …>` … `<v>` / `<is>` / `<f>` … `</row>`.
 * Rows that carry only a format (a user shaded 10,000 empty rows) do not count. Tag names may
 * carry a namespace prefix (`<x:row>`). Chunks may cut a tag anywhere: the last bytes of a chunk
 * are kept and read again with the next one.
 */
export class SheetRowCounter {
  rows = 0
  private carry = ''
  private inRow = false
  private hasValue = false
  private static readonly TAG = /<(\/?)(?:[A-Za-z_][\w.-]{0,15}:)?(row|v|is|f)(?=[\s>/])/g
  private static readonly KEEP = 40

  /** Feeds a chunk of the sheet's XML; returns the rows with content counted so far. */
  push(chunk: Buffer): number {
    const text = this.carry + chunk.toString('latin1')
    const upTo = Math.max(0, text.length - SheetRowCounter.KEEP)
    this.scan(text, upTo)
    this.carry = text.slice(upTo)
    return this.rows
  }

  /** Reads what was kept back at the end of the sheet. */
  end(): number {
    this.scan(this.carry, this.carry.length)
    this.carry = ''
    if (this.inRow && this.hasValue) this.rows++
    this.inRow = false
    return this.rows
  }

  /** Reads the tags that start before `upTo` (a tag starting later is read with the next chunk). */
  private scan(text: string, upTo: number) {
    const re = SheetRowCounter.TAG
    re.lastIndex = 0
    for (let m = re.exec(text); m && m.index < upTo; m = re.exec(text)) {
      const closing = m[1] === '/'
      if (m[2] === 'row') {
        if (this.inRow && this.hasValue) this.rows++
        this.inRow = !closing
        this.hasValue = false
      } else if (!closing && this.inRow) this.hasValue = true
    }
  }
}

/**
 * Rows (with content) above the data a sheet may hold besides `IMPORT_ROW_CAP` data rows: the
 * importers look for their header in the first 20 rows. The exact count of data rows below the
 * header is checked again after parsing (`checkRowCap`); this bound is what keeps a 100,000-row
 * file from being parsed at all.
 */
export const ROWS_ABOVE_DATA_ALLOWANCE = 20

const isSheetPart = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name)

/** The entries of an uploaded zip, or the message for a file that is not a readable one. */
function zipEntriesOf(buf: Uint8Array): ReturnType<typeof listZipEntries> | string {
  try {
    return listZipEntries(buf, MAX_ZIP_ENTRIES)
  } catch (e) {
    const why = e instanceof ZipFormatError ? e.message : 'struktur zip tidak dapat dibaca'
    return `Berkas .xlsx rusak atau tidak didukung (${why}).`
  }
}

/**
 * The second check of an upload, after `inspectXlsx` (which reads only the declared sizes):
 * inflates every part as a stream, counting the bytes it really produces, and stops at once
 * when a part produces more than it declares (the headers lie: a zip bomb), more than the caps,
 * or when a sheet passes the row cap. Nothing is kept but the current chunk, so memory stays
 * small whatever the file claims. Returns the problems in Indonesian (empty = fine); only then
 * may ExcelJS parse the file, and it will inflate exactly the bytes checked here.
 */
export async function checkInflatedXlsx(buf: Uint8Array, opts: { rowCap?: number } = {}): Promise<string[]> {
  const rowCap = (opts.rowCap ?? IMPORT_ROW_CAP) + ROWS_ABOVE_DATA_ALLOWANCE
  const entries = zipEntriesOf(buf)
  if (typeof entries === 'string') return [entries]
  let total = 0
  for (const entry of entries) {
    const sheet = isSheetPart(entry.name)
    const counter = sheet ? new SheetRowCounter() : null
    let overCap = false
    // Never more than the part declares, one sheet's cap, or what is left of the total cap.
    const limit = Math.min(entry.uncompressedSize, sheet ? MAX_SHEET_BYTES : MAX_UNCOMPRESSED_BYTES, MAX_UNCOMPRESSED_BYTES - total)
    try {
      const r = await inflateEntryBounded(buf, entry, limit, counter ? (chunk) => !(overCap = counter.push(chunk) > rowCap) : undefined)
      if (counter && r.complete && counter.end() > rowCap) overCap = true
      if (overCap) {
        return [
          `Berkas berisi lebih dari ${IMPORT_ROW_CAP.toLocaleString('id-ID')} baris data; paling banyak ${IMPORT_ROW_CAP.toLocaleString('id-ID')} baris per unggahan. Pecah menjadi beberapa berkas.`,
        ]
      }
      if (r.bytes !== entry.uncompressedSize) return [`Berkas .xlsx rusak: isi bagian ${entry.name} tidak sesuai dengan ukuran yang tercatat.`]
      total += r.bytes
    } catch (e) {
      if (e instanceof ZipLimitError) {
        if (e.inflated > entry.uncompressedSize) {
          return ['Isi berkas lebih besar daripada ukuran yang tercatat di dalamnya (ciri bom zip); berkas ditolak dan tidak diproses.']
        }
        return [`Isi berkas terlalu besar setelah diekstrak (lebih dari ${formatMb(sheet ? MAX_SHEET_BYTES : MAX_UNCOMPRESSED_BYTES)}).`]
      }
      const why = e instanceof ZipFormatError ? e.message : 'data tidak dapat diekstrak'
      return [`Berkas .xlsx rusak atau tidak didukung (${why}).`]
    }
  }
  return []
}

/** How many times ExcelJS was asked to parse an upload (tests prove a check came first). */
export const loadStats = { workbooks: 0 }

/** Loads a checked upload with ExcelJS; returns an Indonesian error instead of throwing. */
export async function loadWorkbook(buf: Uint8Array): Promise<{ ok: true; workbook: ExcelJS.Workbook } | { ok: false; error: string }> {
  const wb = new ExcelJS.Workbook()
  loadStats.workbooks++
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ExcelJS's types name an older Buffer type
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as any)
    return { ok: true, workbook: wb }
  } catch {
    return { ok: false, error: 'Berkas .xlsx tidak dapat dibaca. Pastikan berkas dibuat dari templat aplikasi dan disimpan sebagai .xlsx.' }
  }
}

// ---------------------------------------------------------------------------
// Reading cells
// ---------------------------------------------------------------------------

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = ''
  let x = n
  while (x > 0) {
    const m = (x - 1) % 26
    s = String.fromCharCode(65 + m) + s
    x = Math.floor((x - 1) / 26)
  }
  return s
}

export type CellRead =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'refused'; reason: string }

function richTextOf(v: unknown): string | null {
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return (v as { richText: { text?: unknown }[] }).richText.map((r) => (typeof r.text === 'string' ? r.text : '')).join('')
  }
  return null
}

/**
 * What a cell holds, normalised: rich text → its plain text; a hyperlink → its text (the link
 * target is dropped); a formula → refused (type the value instead); an error value (#N/A …) →
 * refused. Strings are trimmed; an empty string is empty.
 */
export function readCell(cell: ExcelJS.Cell | undefined | null): CellRead {
  if (!cell) return { kind: 'empty' }
  const v = cell.value as unknown
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { kind: 'empty' }
    case ExcelJS.ValueType.Number:
      return typeof v === 'number' && Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'refused', reason: 'angka tidak sah' }
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString: {
      const s = cleanText(String(v ?? ''))
      return s === '' ? { kind: 'empty' } : { kind: 'text', text: s }
    }
    case ExcelJS.ValueType.RichText: {
      const s = cleanText(richTextOf(v) ?? '')
      return s === '' ? { kind: 'empty' } : { kind: 'text', text: s }
    }
    case ExcelJS.ValueType.Hyperlink: {
      const h = v as { text?: unknown; hyperlink?: unknown }
      const raw = typeof h?.text === 'string' ? h.text : (richTextOf(h?.text) ?? '')
      const s = cleanText(raw)
      return s === '' ? { kind: 'empty' } : { kind: 'text', text: s }
    }
    case ExcelJS.ValueType.Boolean:
      return { kind: 'boolean', value: v === true }
    case ExcelJS.ValueType.Date:
      return v instanceof Date && !Number.isNaN(v.getTime()) ? { kind: 'date', value: v } : { kind: 'refused', reason: 'tanggal tidak sah' }
    case ExcelJS.ValueType.Formula:
      return { kind: 'refused', reason: 'sel berisi rumus; ketik nilainya langsung (tanpa "=")' }
    case ExcelJS.ValueType.Error:
      return { kind: 'refused', reason: `sel berisi nilai galat ${String((v as { error?: unknown })?.error ?? '')}`.trim() }
    default:
      return { kind: 'refused', reason: 'jenis isi sel tidak dikenal' }
  }
}

/** Removes characters XML cannot hold (and NUL), normalises line ends, trims. */
export function cleanText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  )
}

type CellAs<T> = { value: T } | { error: string }
type ReadOf<K extends CellRead['kind']> = Extract<CellRead, { kind: K }>

/** Reads a cell and turns each kind of content into a value or an error; a refused cell is always
 *  its reason. One table a reader, so what each reader accepts stands side by side. */
function cellAs<T>(cell: ExcelJS.Cell | undefined | null, as: { [K in Exclude<CellRead['kind'], 'refused'>]: CellAs<T> | ((r: ReadOf<K>) => CellAs<T>) }): CellAs<T> {
  const r = readCell(cell)
  if (r.kind === 'refused') return { error: r.reason }
  const to = as[r.kind] as CellAs<T> | ((r: CellRead) => CellAs<T>)
  return typeof to === 'function' ? to(r) : to
}

/** A text cell: text, a number written as text, or empty. */
export function cellAsText(cell: ExcelJS.Cell | undefined | null): CellAs<string | null> {
  return cellAs<string | null>(cell, {
    empty: { value: null },
    text: (r) => ({ value: r.text }),
    number: (r) => ({ value: String(r.value) }),
    boolean: (r) => ({ value: r.value ? 'Ya' : 'Tidak' }),
    date: (r) => ({ value: r.value.toISOString().slice(0, 10) }),
  })
}

/** A number cell: a number, a text such as "12,5" or "12.5" (domain parser), or empty. */
export function cellAsNumber(cell: ExcelJS.Cell | undefined | null): CellAs<number | null> {
  return cellAs<number | null>(cell, {
    empty: { value: null },
    number: (r) => ({ value: r.value }),
    text: (r) => {
      const p = parseDecimalInput(r.text)
      return typeof p === 'string' ? { error: p } : { value: p }
    },
    boolean: { error: 'bukan angka (berisi nilai benar/salah)' },
    date: { error: 'bukan angka (berisi tanggal); ubah format sel menjadi angka' },
  })
}

const YES = new Set(['ya', 'y', 'yes', 'true', 'benar', '1', 'x', '✓'])
const NO = new Set(['tidak', 't', 'no', 'n', 'false', 'salah', '0', '-'])

/** A yes/no cell: "Ya"/"Tidak" (and common variants), a boolean, 1/0, or empty (= no). */
export function cellAsYesNo(cell: ExcelJS.Cell | undefined | null): CellAs<boolean> {
  return cellAs<boolean>(cell, {
    empty: { value: false },
    boolean: (r) => ({ value: r.value }),
    number: (r) => (r.value === 1 ? { value: true } : r.value === 0 ? { value: false } : { error: 'isi "Ya" atau kosongkan' }),
    text: (r) => {
      const t = r.text.toLowerCase()
      if (YES.has(t)) return { value: true }
      if (NO.has(t)) return { value: false }
      return { error: `"${r.text}" tidak dikenal; isi "Ya" atau kosongkan` }
    },
    date: { error: 'isi "Ya" atau kosongkan' },
  })
}

// ---------------------------------------------------------------------------
// Writing cells
// ---------------------------------------------------------------------------

/**
 * User text for an export cell: always a plain JS string (ExcelJS writes strings as shared or
 * inline strings, never as formulas — even "=HYPERLINK(…)" stays text), without characters XML
 * cannot hold, and cut to Excel's 32 767 characters.
 */
export function exportText(v: unknown): string | null {
  if (v === null || v === undefined) return null
  const s = cleanText(String(v))
  if (s === '') return null
  if (s.length <= EXCEL_CELL_MAX_CHARS) return s
  const note = ' … [dipotong: melebihi batas sel Excel]'
  return s.slice(0, EXCEL_CELL_MAX_CHARS - note.length) + note
}

/** A finite number or null (never NaN / Infinity, which Excel shows as an error). */
export function exportNumber(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) ? n : null
}
