// Import of the quarterly realisation template (kepala bidang).
//
// preview: check the file → read the rows → compare with the database (new / changed /
//   unchanged) → run the entry service's own save in a transaction that is always rolled back
//   (a dry run: every rule of the entry form — locks, versions, bounds, closed quarters — is
//   applied by the same code) → problems by row and column, plus a hash of the planned change.
// commit: read the same file again, recompute the plan; it must hash to what was previewed (else
//   the data or the file changed: a new preview is shown); then the entry service saves every row
//   in ONE transaction with one audit row per changed realisation — all or nothing.
import type { DB, Executor } from '../../utils/db.server'
import { capaianSatuTriwulan, formatPercent, isQuarter, romanQuarter, type Quarter } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { indicatorsByIds, indicatorsOfUnits, targetsOf, unitWithDescendants, type EntryIndicatorRow, type RealisasiRow } from '../../models/realisasi.server'
import { indicatorInputOfYear } from '../../domain/indicator-input'
import { saveEntries } from '../realisasi/save-entries.server'
import type { EntryRequest, EntryResult, RowField, RowInput } from '../realisasi/types'
import { toInputString } from '../../utils/entry-format'
import type { SessionUser } from '../auth.server'
import { WORKFLOW_STATUS_LABELS } from '../../domain/labels'
import { formatValue } from '../../domain/format'
import { cellAsNumber, cellAsText, cellAsYesNo } from './safety.server'
import {
  checkRowCap,
  cleanOptional,
  dataRows,
  isBlankRow,
  issue,
  locateColumns,
  norm,
  openUpload,
  round6,
  sha256,
  sheetOf,
  type ColumnRef,
  type ColumnSpec,
  type ImportIssue,
} from './import-common.server'
import { REALISASI_SHEET, RT } from './templates.server'

type Key = 'code' | 'value' | 'tidak' | 'bukti' | 'link' | 'kendala' | 'tl' | 'id' | 'version' | 'year' | 'quarter' | 'name'

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
  cols: Partial<Record<Key, ColumnRef>>
  issues: ImportIssue[]
}

const intOf = (v: number | null) => (v !== null && Number.isInteger(v) && v > 0 ? v : null)

/** Reads the template's rows; every unreadable cell becomes a problem at its row and column. */
export function parseRealisasiSheet(wb: import('exceljs').Workbook): ParsedSheet {
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

/** `ditolak`: the row has a problem (listed in the errors) and is not among the rows to save. */
export type RowKind = 'baru' | 'berubah' | 'tetap' | 'kosong' | 'ditolak'

export const ROW_KIND_LABELS: Record<RowKind, string> = {
  baru: 'Baru',
  berubah: 'Berubah',
  tetap: 'Tidak berubah',
  kosong: 'Kosong (dilewati)',
  ditolak: 'Ditolak (ada kesalahan)',
}

export interface FieldChange {
  field: string
  before: string
  after: string
}

export interface PreviewRow {
  rowNumber: number
  indicatorId: number | null
  code: string
  name: string
  kind: RowKind
  status: string | null
  changes: FieldChange[]
}

export interface RealisasiImportPlan {
  fileName: string
  period: { year: number; quarter: Quarter } | null
  rows: PreviewRow[]
  counts: Record<RowKind, number>
  errors: ImportIssue[]
  warnings: ImportIssue[]
  /** Hash of the file and of the planned writes (with the versions they apply to). */
  hash: string
}

interface Planned {
  plan: RealisasiImportPlan
  request: EntryRequest | null
  rowOf: Map<number, ParsedRow>
  cols: Partial<Record<Key, ColumnRef>>
}

const FIELD_LABELS: Record<string, string> = {
  value: 'Nilai',
  tidak_diukur: 'Tidak diukur',
  bukti_text: 'Bukti dukung',
  bukti_link: 'Tautan bukti',
  kendala: 'Kendala',
  tindak_lanjut: 'Tindak lanjut',
}

const FIELD_COLUMN: Record<RowField, Key | null> = {
  value: 'value',
  tidak_diukur: 'tidak',
  bukti_text: 'bukti',
  bukti_link: 'link',
  kendala: 'kendala',
  tindak_lanjut: 'tl',
  row: null,
}

interface Content {
  value: number | null
  tidak_diukur: number
  bukti_text: string | null
  bukti_link: string | null
  kendala: string | null
  tindak_lanjut: string | null
}

function contentOf(r: ParsedRow): Content {
  return {
    value: r.value === null ? null : round6(r.value),
    tidak_diukur: r.tidakDiukur ? 1 : 0,
    bukti_text: r.buktiText,
    bukti_link: r.buktiLink,
    kendala: r.kendala,
    tindak_lanjut: r.tindakLanjut,
  }
}

function contentOfRow(r: RealisasiRow): Content {
  return {
    value: r.value == null ? null : round6(Number(r.value)),
    tidak_diukur: Number(r.tidak_diukur) ? 1 : 0,
    bukti_text: cleanOptional(r.bukti_text),
    bukti_link: cleanOptional(r.bukti_link),
    kendala: cleanOptional(r.kendala),
    tindak_lanjut: cleanOptional(r.tindak_lanjut),
  }
}

const show = (field: keyof Content, v: Content[keyof Content]): string => {
  if (v === null || v === undefined) return '–'
  if (field === 'value') return formatValue(v as number)
  if (field === 'tidak_diukur') return v ? 'Ya' : 'Tidak'
  const s = String(v)
  return s.length > 120 ? `${s.slice(0, 117)}…` : s
}

function diff(before: Content | null, after: Content): FieldChange[] {
  const out: FieldChange[] = []
  for (const f of Object.keys(after) as (keyof Content)[]) {
    const b = before ? before[f] : f === 'tidak_diukur' ? 0 : null
    if (b !== after[f]) out.push({ field: FIELD_LABELS[f] ?? f, before: show(f, b), after: show(f, after[f]) })
  }
  return out
}

const isEmptyContent = (c: Content) => c.value === null && !c.tidak_diukur && !c.bukti_text && !c.bukti_link && !c.kendala && !c.tindak_lanjut

/** Reads, checks and compares; no write, no dry run. */
async function planImport(db: Executor, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<Planned> {
  const empty: RealisasiImportPlan = { fileName, period: null, rows: [], counts: { baru: 0, berubah: 0, tetap: 0, kosong: 0, ditolak: 0 }, errors: [], warnings: [], hash: '' }
  const done = (errors: ImportIssue[], cols: Partial<Record<Key, ColumnRef>> = {}): Planned => ({
    plan: { ...empty, errors, hash: sha256(bytes) },
    request: null,
    rowOf: new Map(),
    cols,
  })
  if (user.role !== 'kepala_bidang' || user.unitId == null) return done([issue('Hanya kepala bidang yang dapat mengimpor realisasi bidangnya.')])

  const opened = await openUpload(bytes)
  if (!opened.ok) return done(opened.issues)
  const parsed = parseRealisasiSheet(opened.workbook)
  const { cols } = parsed
  const errors = [...parsed.issues]
  if (!parsed.rows.length && !errors.length) errors.push(issue('Tidak ada baris data dalam berkas.'))
  if (errors.length && !parsed.rows.length) return done(errors, cols)

  // One period per file: the template's hidden Tahun / Triwulan columns.
  const periods = new Set(parsed.rows.filter((r) => r.year && r.quarter).map((r) => `${r.year}-${r.quarter}`))
  let period: { year: number; quarter: Quarter } | null = null
  if (periods.size === 1) {
    const [y, q] = [...periods][0]!.split('-').map(Number) as [number, number]
    if (isQuarter(q)) period = { year: y, quarter: q }
  }
  if (!period) {
    errors.push(
      issue(
        periods.size > 1
          ? 'Berkas mencampur beberapa triwulan; satu berkas untuk satu triwulan. Unduh templat per triwulan.'
          : 'Tahun dan triwulan templat tidak terbaca (kolom tersembunyi). Unduh ulang templat.',
        { col: cols.year ?? null },
      ),
    )
    return done(errors, cols)
  }
  for (const r of parsed.rows) {
    if ((r.year && r.year !== period.year) || (r.quarter && r.quarter !== period.quarter)) {
      errors.push(issue('Tahun/triwulan baris ini berbeda dengan baris lain.', { row: r.rowNumber, col: cols.year ?? null }))
    }
  }

  // Indicators: by the hidden id, else by code among the user's indicators.
  const scope = new Set(await unitWithDescendants(db, user.unitId))
  const own = await indicatorsOfUnits(db, [...scope], period.year)
  const ownByCode = new Map(own.map((i) => [i.code.toLowerCase(), i]))
  const byId = new Map<number, EntryIndicatorRow>(
    (
      await indicatorsByIds(
        db,
        parsed.rows.map((r) => r.indicatorId).filter((x): x is number => x !== null),
      )
    ).map((i) => [i.id, i]),
  )
  const seen = new Map<number, number>()
  const resolved: { row: ParsedRow; ind: EntryIndicatorRow }[] = []
  const unresolved: ParsedRow[] = []
  for (const r of parsed.rows) {
    const before = errors.length
    resolveRow(r)
    if (errors.length > before) unresolved.push(r)
  }
  function resolveRow(r: ParsedRow): void {
    let ind: EntryIndicatorRow | undefined
    if (r.indicatorId !== null) {
      ind = byId.get(r.indicatorId)
      if (!ind) {
        errors.push(issue('Indikator tidak ditemukan (mungkin sudah dihapus). Unduh ulang templat.', { row: r.rowNumber, col: cols.code! }))
        return
      }
      if (r.code && r.code.toLowerCase() !== ind.code.toLowerCase()) {
        errors.push(
          issue(`Kode "${r.code}" tidak cocok dengan indikator baris ini (${ind.code}). Jangan mengubah kode atau memindahkan isi antarbaris.`, {
            row: r.rowNumber,
            col: cols.code!,
          }),
        )
        return
      }
    } else if (r.code) {
      ind = ownByCode.get(r.code.toLowerCase())
      if (!ind) {
        errors.push(issue(`Kode indikator "${r.code}" tidak dikenal atau bukan indikator bidang Anda.`, { row: r.rowNumber, col: cols.code! }))
        return
      }
    } else {
      errors.push(issue('Kode indikator kosong.', { row: r.rowNumber, col: cols.code! }))
      return
    }
    // Permission: only the user's own unit (and the units below it).
    if (!scope.has(ind.unit_id)) {
      errors.push(issue(`Indikator ${ind.code} milik ${ind.unit_short ?? ind.unit_name}, bukan bidang Anda; baris ini ditolak.`, { row: r.rowNumber, col: cols.code! }))
      return
    }
    if (seen.has(ind.id)) {
      errors.push(issue(`Indikator ${ind.code} muncul dua kali (juga di baris ${seen.get(ind.id)}).`, { row: r.rowNumber, col: cols.code! }))
      return
    }
    seen.set(ind.id, r.rowNumber)
    resolved.push({ row: r, ind })
  }

  // Compare with the database.
  const ids = resolved.map((x) => x.ind.id)
  const existing = ids.length
    ? await db.selectFrom('realisasi').selectAll().where('indicator_id', 'in', ids).where('year', '=', period.year).where('quarter', '=', period.quarter).execute()
    : []
  const existingOf = new Map(existing.map((r) => [r.indicator_id, r]))
  const rows: PreviewRow[] = []
  const counts: Record<RowKind, number> = { baru: 0, berubah: 0, tetap: 0, kosong: 0, ditolak: 0 }
  const inputs: RowInput[] = []
  const planned: unknown[] = []
  const rowOf = new Map<number, ParsedRow>()
  // A row with an unreadable cell is checked no further here and never saved: what it would
  // save (an empty value in place of "abc") is not what the user wrote.
  const badRows = new Set(errors.map((e) => e.row).filter((n): n is number => n !== null))
  for (const r of unresolved) {
    counts.ditolak++
    rows.push({ rowNumber: r.rowNumber, indicatorId: null, code: r.code ?? '', name: '', kind: 'ditolak', status: null, changes: [] })
  }
  for (const { row, ind } of resolved) {
    rowOf.set(ind.id, row)
    const cur = existingOf.get(ind.id)
    const after = contentOf(row)
    const before = cur ? contentOfRow(cur) : null
    const changes = diff(before, after)
    const kind: RowKind = badRows.has(row.rowNumber) ? 'ditolak' : cur ? (changes.length ? 'berubah' : 'tetap') : isEmptyContent(after) ? 'kosong' : 'baru'
    counts[kind]++
    rows.push({
      rowNumber: row.rowNumber,
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      kind,
      status: cur ? (WORKFLOW_STATUS_LABELS[cur.status] ?? cur.status) : null,
      changes: kind === 'baru' || kind === 'berubah' ? changes : [],
    })
    if (kind === 'baru' || kind === 'berubah') {
      inputs.push({
        indicatorId: ind.id,
        version: row.version,
        overrideVersion: null,
        value: toInputString(after.value),
        tidakDiukur: row.tidakDiukur,
        buktiText: after.bukti_text ?? '',
        buktiLink: after.bukti_link ?? '',
        kendala: after.kendala ?? '',
        tindakLanjut: after.tindak_lanjut ?? '',
      })
      planned.push([ind.id, row.version, cur?.id ?? null, cur?.version ?? null, after])
    }
  }
  rows.sort((a, b) => a.rowNumber - b.rowNumber)
  const hash = sha256(JSON.stringify({ file: sha256(bytes), period, planned }))
  const plan: RealisasiImportPlan = { fileName, period, rows, counts, errors, warnings: [], hash }
  return { plan, request: inputs.length ? { year: period.year, quarter: period.quarter, rows: inputs, intent: 'save', only: null } : null, rowOf, cols }
}

/** Maps the entry service's answer (problems per indicator and field, conflicts) to rows and columns. */
function mapEntryResult(result: Extract<EntryResult, { ok: false }>, planned: Planned): ImportIssue[] {
  const out: ImportIssue[] = []
  for (const g of result.general) out.push(issue(g))
  for (const p of result.problems) {
    const row = planned.rowOf.get(p.indicatorId)
    const key = FIELD_COLUMN[p.field]
    out.push(issue(`${p.code}: ${p.message}`, { row: row?.rowNumber ?? null, col: key ? (planned.cols[key] ?? null) : (planned.cols.code ?? null) }))
  }
  for (const c of result.conflicts) {
    const row = planned.rowOf.get(c.indicatorId)
    out.push(
      issue(`${c.code}: ${c.message}. Baris ini sudah diubah di aplikasi sejak templat diunduh; unduh templat terbaru lalu isi kembali.`, {
        row: row?.rowNumber ?? null,
        col: planned.cols.version ? { ...planned.cols.version, header: `${RT.version} (tersembunyi)` } : null,
      }),
    )
  }
  if (!out.length) out.push(issue(result.message))
  return out
}

const DRY_RUN = Symbol('dry-run')

/**
 * The same database, except that `transaction().execute(fn)` runs `fn` in a real transaction
 * and then always rolls it back, returning what `fn` returned: the entry service's checks and
 * writes run exactly as in a real save, and nothing stays.
 */
export function dryRunDb(db: DB): DB {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({
          execute: async <T>(fn: (trx: Executor) => Promise<T>): Promise<T> => {
            let out: T | undefined
            try {
              await target.transaction().execute(async (trx) => {
                out = await fn(trx)
                throw DRY_RUN
              })
            } catch (e) {
              if (e !== DRY_RUN) throw e
            }
            return out as T
          },
        })
      }
      const v = Reflect.get(target, prop, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  }) as DB
}

async function addWarnings(db: Executor, planned: Planned): Promise<void> {
  const { plan, request } = planned
  if (!request || !plan.period) return
  const settings = (await getSettings(db)).scoring
  const ids = request.rows.map((r) => r.indicatorId)
  const inds = await indicatorsByIds(db, ids)
  const { annual, quarterly } = await targetsOf(db, ids, plan.period.year)
  for (const ind of inds) {
    const row = planned.rowOf.get(ind.id)
    if (!row || row.tidakDiukur || row.value === null) continue
    if (ind.pola_ukur === 'rilis' && !row.buktiText && !row.buktiLink) {
      plan.warnings.push(issue(`${ind.code}: indikator rilis wajib disertai bukti publikasi sebelum diajukan.`, { row: row.rowNumber, col: planned.cols.bukti ?? null }))
    }
    const cap = capaianSatuTriwulan(indicatorInputOfYear(ind, plan.period.year, annual, quarterly), plan.period.year, plan.period.quarter, row.value, settings)
    if (cap.needsNarrative && (!row.kendala || !row.tindakLanjut)) {
      plan.warnings.push(
        issue(`${ind.code}: capaian ${formatPercent(cap.capaianRaw)} (${cap.predikat?.label ?? '–'}); kendala dan tindak lanjut wajib diisi sebelum diajukan.`, {
          row: row.rowNumber,
          col: (!row.kendala ? planned.cols.kendala : planned.cols.tl) ?? null,
        }),
      )
    }
  }
}

/**
 * Preview: nothing is written (the entry service runs in a rolled-back transaction). Every row
 * is checked in one pass: the rows that could be read go through the entry service's rules even
 * when other rows have unreadable cells, so the answer lists every problem at once, and a row
 * with a problem is marked `ditolak`, never shown among the rows to save.
 */
export async function previewRealisasiImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<RealisasiImportPlan> {
  const planned = await planImport(db, user, bytes, fileName)
  const { plan, request } = planned
  if (request) {
    const result = await saveEntries(dryRunDb(db), user, request, null)
    if (!result.ok) {
      const found = mapEntryResult(result, planned)
      plan.errors.push(...found)
      markRejected(plan, found)
    }
  }
  plan.errors.sort(byPlace)
  if (!plan.errors.length) await addWarnings(db, planned)
  return plan
}

/** File-wide problems first, then by row and column. */
function byPlace(a: ImportIssue, b: ImportIssue): number {
  if (a.row !== b.row) return a.row === null ? -1 : b.row === null ? 1 : a.row - b.row
  return (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '')
}

/** Rows named by a problem leave the rows to save. */
function markRejected(plan: RealisasiImportPlan, found: ImportIssue[]): void {
  const bad = new Set(found.map((e) => e.row).filter((n): n is number => n !== null))
  for (const r of plan.rows) {
    if (!bad.has(r.rowNumber) || r.kind === 'ditolak') continue
    plan.counts[r.kind]--
    plan.counts.ditolak++
    r.kind = 'ditolak'
    r.changes = []
  }
}

export type CommitResult =
  { ok: true; created: number; updated: number; message: string; plan: RealisasiImportPlan } | { ok: false; status: 400 | 409; message: string; plan: RealisasiImportPlan }

/** Commit: the same plan as previewed, saved by the entry service in one transaction. */
export async function commitRealisasiImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string, previewHash: string, requestId: string | null): Promise<CommitResult> {
  const planned = await planImport(db, user, bytes, fileName)
  const { plan, request } = planned
  if (plan.errors.length) {
    // show every problem, as the preview does
    return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan: await previewRealisasiImport(db, user, bytes, fileName) }
  }
  if (plan.hash !== previewHash) {
    const fresh = await previewRealisasiImport(db, user, bytes, fileName)
    return { ok: false, status: 409, message: 'Data di aplikasi atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru di bawah, lalu simpan lagi.', plan: fresh }
  }
  if (!request) return { ok: true, created: 0, updated: 0, message: 'Tidak ada perubahan untuk disimpan.', plan }
  const result = await saveEntries(db, user, request, requestId)
  if (!result.ok) {
    plan.errors.push(...mapEntryResult(result, planned))
    return { ok: false, status: result.status, message: `${result.message}`, plan }
  }
  return {
    ok: true,
    created: result.created,
    updated: result.updated,
    message: `Impor selesai: ${result.created} realisasi baru dan ${result.updated} diubah (TW ${romanQuarter(plan.period!.quarter)} ${plan.period!.year}). Semua tercatat di jejak audit sebagai draf; ajukan dari halaman Input Realisasi.`,
    plan,
  }
}
