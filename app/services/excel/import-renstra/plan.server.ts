// Import of the Renstra workbook (perencanaan): indicators with their mapping (code, name, satuan,
// polarity, pola ukur, aspect, strategy, weight, unit, sasaran, program, baseline, target akhir,
// bounds) and the annual target of every Renstra year. Same shape as the realisation import:
// preview (new / changed / unchanged, problems by row and column) → commit in ONE transaction
// with one audit row per created or changed indicator; the commit must match the preview (hash),
// versions guard against concurrent edits, and changing a target of a year that already has
// verified realisations needs a reason.
import type { Executor } from '../../../utils/db.server'
import type { IndicatorFields } from '../../renstra/indicator-validate.server'
import { ASPECTS, POLA_UKUR, POLARITIES, RENSTRA_MODE_LABELS, RENSTRA_MODES, STRATEGIES, defaultRenstraMode, formatNumberTrim, type PolaUkur, type Polarity } from '../../../domain'
import { ASPECT_NAMES, ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_LABELS, STRATEGY_SHORT } from '../../../domain/labels'
import type { SessionUser } from '../../auth.server'
import { cellAsNumber, cellAsText } from '../safety.server'
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
} from '../import-common.server'
import { outsideOwnOpd, refusedRenstraPlan, type RenstraImportPlan, type RenstraPreviewRow, type RenstraRowKind } from '../renstra-import-shared.server'
import { RENSTRA_SHEET, RS, renstraPeriodOf, shortUnitCode, unitsOfOpd, type RenstraPeriodRow } from '../templates.server'

type Key =
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
const SPECS: ColumnSpec<Key>[] = [
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

/** The indicator fields a Renstra row sets: the same shape the Renstra form saves. */
export type Fields = IndicatorFields

interface RowPlan {
  rowNumber: number
  fields: Fields
  targets: Record<number, number | null>
  existingId: number | null
  existingVersion: number | null
  sentVersion: number | null
}

export type { RenstraImportPlan, RenstraPreviewRow, RenstraRowKind }

export interface Planned {
  plan: RenstraImportPlan
  rows: RowPlan[]
  periodRow: RenstraPeriodRow | null
  existing: Map<string, ExistingIndicator>
  targetsBefore: Map<number, Record<number, number>>
}

export type ExistingIndicator = Awaited<ReturnType<typeof loadExisting>>[number]

export async function loadExisting(db: Executor, periodId: number) {
  return db.selectFrom('indicator').selectAll().where('period_id', '=', periodId).execute()
}

const FIELD_LABELS: Record<keyof Fields, string> = {
  code: 'Kode',
  name: 'Nama',
  satuan: 'Satuan',
  polarity: 'Polaritas',
  pola_ukur: 'Pola ukur',
  renstra_mode: RENSTRA_MODE_TITLE,
  aspect: 'Aspek',
  strategy: 'Strategi',
  weight: 'Bobot',
  unit_id: 'Unit',
  sasaran_id: 'Sasaran',
  program_id: 'Program',
  baseline: 'Baseline',
  baseline_year: 'Tahun baseline',
  target_akhir: 'Target akhir',
  min_value: 'Nilai minimum',
  max_value: 'Nilai maksimum',
  definition: 'Definisi',
}

const num6 = (v: unknown): number | null => (v == null ? null : round6(Number(v)))

export function fieldsOfExisting(e: ExistingIndicator): Fields {
  return {
    code: e.code,
    name: e.name,
    satuan: e.satuan,
    polarity: e.polarity,
    pola_ukur: e.pola_ukur,
    renstra_mode: e.renstra_mode ?? defaultRenstraMode(e.pola_ukur),
    aspect: e.aspect,
    strategy: e.strategy,
    weight: num6(e.weight) ?? 1,
    unit_id: e.unit_id,
    sasaran_id: e.sasaran_id,
    program_id: e.program_id,
    baseline: num6(e.baseline),
    baseline_year: e.baseline_year,
    target_akhir: num6(e.target_akhir),
    min_value: num6(e.min_value),
    max_value: num6(e.max_value),
    definition: cleanOptional(e.definition),
  }
}

export async function planRenstra(db: Executor, user: SessionUser, opdId: number, bytes: Uint8Array, fileName: string, year: number): Promise<Planned> {
  const fail = (errors: ImportIssue[]): Planned => ({ plan: refusedRenstraPlan(fileName, bytes, errors), rows: [], periodRow: null, existing: new Map(), targetsBefore: new Map() })
  const outside = outsideOwnOpd(user, opdId)
  if (outside) return fail([outside])

  const opened = await openUpload(bytes)
  if (!opened.ok) return fail(opened.issues)
  const ws = sheetOf(opened.workbook, RENSTRA_SHEET)
  if (!ws) return fail([issue('Berkas tidak berisi lembar kerja.')])
  const { headerRow, cols, extra, issues } = locateColumns(ws, RS.code, SPECS)
  if (headerRow < 0 || issues.length) return fail(issues)
  const cap = checkRowCap(ws, headerRow)
  if (cap) return fail([cap])
  const errors: ImportIssue[] = []
  const targetCols: { year: number; col: ColumnRef }[] = []
  for (const c of extra) {
    const m = TARGET_TITLE.exec(norm(c.header))
    if (m) targetCols.push({ year: Number(m[1]), col: c })
  }

  // Period: the template's hidden column, else the OPD's period containing `year`.
  const opd = await db.selectFrom('org_unit').select(['id', 'code']).where('id', '=', opdId).executeTakeFirst()
  if (!opd) return fail([issue('Perangkat daerah tidak ditemukan.')])
  const periodIds = new Set<number>()
  if (cols.period) {
    for (const row of dataRows(ws, headerRow)) {
      const n = cellAsNumber(row.getCell(cols.period.index))
      if ('value' in n && n.value !== null) periodIds.add(n.value)
    }
  }
  if (periodIds.size > 1) return fail([issue('Berkas mencampur beberapa periode Renstra; satu berkas untuk satu periode.', { col: cols.period! })])
  let periodRow: RenstraPeriodRow | null
  if (periodIds.size === 1) {
    const pid = [...periodIds][0]!
    periodRow = (await db.selectFrom('renstra_period').select(['id', 'opd_id', 'name', 'start_year', 'end_year', 'closed']).where('id', '=', pid).executeTakeFirst()) ?? null
    if (!periodRow || periodRow.opd_id !== opdId) return fail([issue('Periode Renstra pada berkas bukan milik perangkat daerah Anda. Unduh ulang templat.', { col: cols.period! })])
  } else {
    periodRow = await renstraPeriodOf(db, opdId, year)
  }
  if (!periodRow) return fail([issue('Belum ada periode Renstra untuk perangkat daerah ini.')])
  if (periodRow.closed) return fail([issue(`Periode ${periodRow.name} sudah ditutup; Renstra-nya tidak dapat diubah.`)])
  const periodInfo = { id: periodRow.id, name: periodRow.name, startYear: periodRow.start_year, endYear: periodRow.end_year }
  for (const t of targetCols) {
    if (t.year < periodRow.start_year || t.year > periodRow.end_year)
      errors.push(issue(`Tahun ${t.year} di luar periode ${periodRow.name} (${periodRow.start_year}–${periodRow.end_year}).`, { row: headerRow, col: t.col }))
  }

  // Reference data.
  const units = await unitsOfOpd(db, opdId)
  const unitByCode = new Map<string, number>()
  for (const u of units) {
    unitByCode.set(u.code.toLowerCase(), u.id)
    unitByCode.set(shortUnitCode(u.code, opd.code).toLowerCase(), u.id)
  }
  const sasaran = await db
    .selectFrom('sasaran as s')
    .innerJoin('tujuan as t', 't.id', 's.tujuan_id')
    .select(['s.id', 's.code'])
    .where('t.period_id', '=', periodRow.id)
    .where('s.deleted_at', 'is', null)
    .execute()
  const sasaranByCode = new Map(sasaran.map((s) => [s.code.toLowerCase(), s.id]))
  const programs = await db.selectFrom('program').select(['id', 'code']).where('period_id', '=', periodRow.id).where('deleted_at', 'is', null).execute()
  const programByCode = new Map(programs.map((p) => [p.code.toLowerCase(), p.id]))
  const existingRows = await loadExisting(db, periodRow.id)
  const existing = new Map(existingRows.map((e) => [e.code.toLowerCase(), e]))
  const existingIds = existingRows.map((e) => e.id)
  const targetsBefore = new Map<number, Record<number, number>>()
  const verified = new Set<string>()
  if (existingIds.length) {
    for (const t of await db.selectFrom('indicator_target').select(['indicator_id', 'year', 'target']).where('indicator_id', 'in', existingIds).execute()) {
      let m = targetsBefore.get(t.indicator_id)
      if (!m) targetsBefore.set(t.indicator_id, (m = {}))
      m[t.year] = round6(Number(t.target))
    }
    for (const v of await db
      .selectFrom('realisasi')
      .select(['indicator_id', 'year'])
      .where('indicator_id', 'in', existingIds)
      .where('status', '=', 'diverifikasi')
      .groupBy(['indicator_id', 'year'])
      .execute()) {
      verified.add(`${v.indicator_id}|${v.year}`)
    }
  }

  // Rows.
  const indices = [...Object.values(cols).map((c) => (c as ColumnRef).index), ...targetCols.map((t) => t.col.index)]
  const rows: RowPlan[] = []
  const seen = new Map<string, number>()
  for (const row of dataRows(ws, headerRow)) {
    const r = row.number
    if (isBlankRow(row, indices)) continue
    const rowErrors: ImportIssue[] = []
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
    const code = required('code', text('code', LIMITS.code))
    const name = required('name', text('name', LIMITS.name))
    const satuan = required('satuan', text('satuan', LIMITS.satuan))
    const pick = <T extends string>(k: Key, values: readonly T[], labels: Record<T, string>[], what: string): T | null => {
      const raw = required(k, text(k))
      if (raw === null) return null
      const v = enumOf(raw, values, labels)
      if (!v) rowErrors.push(issue(`"${raw}" bukan ${what} yang dikenal; pilih salah satu: ${values.join(', ')}.`, { row: r, col: cols[k]! }))
      return v
    }
    const polarity = pick('polarity', POLARITIES, [POLARITY_WORDS], 'polaritas')
    const pola = pick('pola', POLA_UKUR, [POLA_WORDS, POLA_UKUR_LABELS], 'pola ukur')
    const aspect = pick('aspect', ASPECTS, [ASPECT_SHORT, ASPECT_NAMES], 'aspek')
    const strategy = pick('strategy', STRATEGIES, [STRATEGY_SHORT, STRATEGY_LABELS], 'strategi')
    let weight = num(cols.weight)
    if (weight === null) weight = 1
    else if (!(weight > 0)) rowErrors.push(issue('bobot harus lebih dari 0.', { row: r, col: cols.weight! }))
    const unitRaw = required('unit', text('unit'))
    const unitId = unitRaw ? (unitByCode.get(unitRaw.toLowerCase()) ?? null) : null
    if (unitRaw && unitId === null) rowErrors.push(issue(`kode unit "${unitRaw}" tidak dikenal (lihat lembar Referensi).`, { row: r, col: cols.unit! }))
    const sasaranRaw = text('sasaran')
    const sasaranId = sasaranRaw ? (sasaranByCode.get(sasaranRaw.toLowerCase()) ?? null) : null
    if (sasaranRaw && sasaranId === null) rowErrors.push(issue(`kode sasaran "${sasaranRaw}" tidak ada pada ${periodRow.name}.`, { row: r, col: cols.sasaran! }))
    const programRaw = text('program')
    const programId = programRaw ? (programByCode.get(programRaw.toLowerCase()) ?? null) : null
    if (programRaw && programId === null) rowErrors.push(issue(`kode program "${programRaw}" tidak ada pada ${periodRow.name}.`, { row: r, col: cols.program! }))
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
    for (const t of targetCols) {
      const v = num(t.col)
      targets[t.year] = v
      if (v !== null && ((min !== null && v < min) || (max !== null && v > max)))
        rowErrors.push(issue(`target di luar batas nilai indikator (${formatNumberTrim(min, 6)}–${formatNumberTrim(max, 6)}).`, { row: r, col: t.col }))
    }
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
    const ex = code ? existing.get(code.toLowerCase()) : undefined
    if (ex?.deleted_at) rowErrors.push(issue(`kode ${code} dipakai indikator yang sudah dihapus; pakai kode lain.`, { row: r, col: cols.code! }))
    const modeRaw = text('renstraMode')
    const renstraMode = modeRaw ? enumOf(modeRaw, RENSTRA_MODES, [RENSTRA_MODE_LABELS]) : ex ? fieldsOfExisting(ex).renstra_mode : pola ? defaultRenstraMode(pola) : null
    if (modeRaw && !renstraMode)
      rowErrors.push(issue(`"${modeRaw}" bukan mode Renstra yang dikenal; pilih salah satu: akumulasi, tahun akhir.`, { row: r, col: cols.renstraMode! }))
    errors.push(...rowErrors)
    if (rowErrors.length) continue
    rows.push({
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
    })
  }
  if (!rows.length && !errors.length) errors.push(issue('Tidak ada baris indikator dalam berkas.'))

  // Compare with the database.
  const names = {
    unit: new Map(units.map((u) => [u.id, shortUnitCode(u.code, opd.code)])),
    sasaran: new Map(sasaran.map((s) => [s.id, s.code])),
    program: new Map(programs.map((p) => [p.id, p.code])),
  }
  const showField = (k: keyof Fields, v: unknown) => {
    if (v == null || v === '') return '–'
    if (k === 'unit_id') return names.unit.get(v as number) ?? String(v)
    if (k === 'sasaran_id') return names.sasaran.get(v as number) ?? String(v)
    if (k === 'program_id') return names.program.get(v as number) ?? String(v)
    if (typeof v === 'number') return formatNumberTrim(v, 6)
    const s = String(v)
    return s.length > 80 ? `${s.slice(0, 77)}…` : s
  }
  const preview: RenstraPreviewRow[] = []
  const counts: Record<RenstraRowKind, number> = { baru: 0, berubah: 0, tetap: 0 }
  let needsReason = false
  const planned: unknown[] = []
  for (const p of rows) {
    const ex = p.existingId != null ? existing.get(p.fields.code.toLowerCase())! : null
    const before = ex ? fieldsOfExisting(ex) : null
    const changes: RenstraPreviewRow['changes'] = []
    for (const k of Object.keys(p.fields) as (keyof Fields)[]) {
      const b = before ? before[k] : null
      if (before && (b ?? null) === (p.fields[k] ?? null)) continue
      if (!before && p.fields[k] == null) continue
      changes.push({ field: FIELD_LABELS[k], before: before ? showField(k, b) : '–', after: showField(k, p.fields[k]) })
    }
    const tb = ex ? (targetsBefore.get(ex.id) ?? {}) : {}
    const verifiedYears: number[] = []
    for (const [y, v] of Object.entries(p.targets)) {
      const b = tb[Number(y)] ?? null
      if (b === v) continue
      changes.push({ field: `Target ${y}`, before: showField('target_akhir', b), after: showField('target_akhir', v) })
      if (ex && verified.has(`${ex.id}|${y}`)) verifiedYears.push(Number(y))
    }
    const kind: RenstraRowKind = !ex ? 'baru' : changes.length ? 'berubah' : 'tetap'
    counts[kind]++
    if (verifiedYears.length) needsReason = true
    if (kind === 'berubah' && p.sentVersion !== null && p.sentVersion !== ex!.version) {
      errors.push(
        issue(`indikator ${p.fields.code} sudah diubah di aplikasi sejak templat diunduh (versi ${p.sentVersion} → ${ex!.version}). Unduh templat terbaru.`, {
          row: p.rowNumber,
          col: cols.version ?? cols.code!,
        }),
      )
    }
    preview.push({ rowNumber: p.rowNumber, code: p.fields.code, name: p.fields.name, kind, changes: kind === 'tetap' ? [] : changes, verifiedYears })
    if (kind !== 'tetap') planned.push([p.fields, p.targets, ex?.id ?? null, ex?.version ?? null])
  }
  const warnings: ImportIssue[] = []
  for (const r of preview) {
    if (r.verifiedYears.length)
      warnings.push(
        issue(`${r.code}: target tahun ${r.verifiedYears.join(', ')} berubah padahal sudah ada realisasi terverifikasi; isi alasan perubahan sebelum menyimpan.`, {
          row: r.rowNumber,
        }),
      )
  }
  const hash = sha256(JSON.stringify({ file: sha256(bytes), period: periodRow.id, planned }))
  return {
    plan: { fileName, period: periodInfo, rows: preview, counts, errors, warnings, needsReason, hash },
    rows,
    periodRow,
    existing,
    targetsBefore,
  }
}
