// Formulir E.81 "Evaluasi terhadap Hasil Renja Perangkat Daerah" (Permendagri 86/2017), one
// worksheet per OPD. Every number comes from the scoring service (app/domain through
// scoreScope); columns 12–14 follow the pola ukur rules, never the plain sum of the quarters.
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import {
  formatNumber,
  formatPercent,
  predikatOf,
  renstraModeOf,
  RENSTRA_MODE_LABELS,
  type PredikatBand,
  isBelowAttention,
  lkjipWording,
  periodLabel,
  romanQuarter,
  type IndicatorInput,
  type IndicatorResult,
  type Period,
  type Quarter,
  type ScoringSettings,
} from '../../domain'
import { getSettings } from '../../models/settings.server'
import { ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_LABELS } from '../../utils/labels'
import { scoreScope, type ScoreBundle } from '../scoring.server'
import {
  loadNarratives,
  loadNotes,
  loadStructure,
  opdList,
  unitName,
  type ExportScope,
  type Narrative,
  type NoteRow,
  type OpdInfo,
  type Structure,
} from './context.server'
import { exportText } from './safety.server'
import { anggaranOf, anggaranSum, capaianAnggaran, loadBudget, loadProgramTree, paguOf, paguSum, type BudgetData, type ProgramNode } from '../../models/budget-read.server'
import {
  BORDER_ALL,
  FONT,
  FONT_BOLD,
  GROUP_FILL,
  heightFor,
  INT_GROUPED_FMT,
  linesNeeded,
  longDateId,
  NUM_FMT,
  NUMBERS_FILL,
  paintPredikat,
  setNumber,
  setText,
  sheetName,
  slug,
  stampWorkbook,
  styleBody,
  styleHeader,
  workbookBuffer,
} from './style.server'

/**
 * Excel columns: No, Sasaran, Kode, Program/Kegiatan, Indikator; then a K/Rp pair for each form
 * column 5–14; then 15 (unit) and Keterangan.
 */
export const COL_NO = 1
export const COL_SASARAN = 2
export const COL_KODE = 3
export const COL_PROGRAM = 4
export const COL_INDIKATOR = 5
/** Excel column of the K (kinerja) cell of a form column 5–14; Rp is the next one. */
export const kCol = (formCol: number) => 6 + (formCol - 5) * 2
export const rpCol = (formCol: number) => kCol(formCol) + 1
export const COL14 = kCol(14)
export const COL15 = rpCol(14) + 1
export const COL_KETERANGAN = COL15 + 1
export const E81_LAST_COL = COL_KETERANGAN
/** Row layout of the sheet head. */
export const E81_HEADER_FIRST = 6
export const E81_NUMBERS_ROW = 9
export const E81_FIRST_DATA_ROW = 10

// Narrow enough that one A4 landscape page wide stays readable; K fits 12.345,67, Rp 1.234.567.890.
const WIDTHS: Record<number, number> = { 1: 4.5, 2: 18, 3: 11, 4: 22, 5: 30, [COL15]: 13, [COL_KETERANGAN]: 16 }
for (let c = 5; c <= 14; c++) {
  WIDTHS[kCol(c)] = 9
  WIDTHS[rpCol(c)] = 13
}

/** Total width of the columns c1..c2. */
const widthOf = (c1: number, c2: number) => {
  let w = 0
  for (let c = c1; c <= c2; c++) w += WIDTHS[c] ?? 9
  return w
}

/** Rupiah: whole rupiah without decimals, else two decimals. */
export const rpFmt = (v: number | null | undefined) => (v != null && !Number.isInteger(v) ? NUM_FMT : INT_GROUPED_FMT)

/** E.81 always covers a year to date (s.d. TW n). */
export function e81Period(p: Period): Period & { kind: 'triwulan' } {
  return { kind: 'triwulan', year: p.year, quarter: p.quarter }
}

export interface E81Row {
  input: IndicatorInput
  result: IndicatorResult
  sasaranKey: string
  sasaranText: string
  programKey: string
  programText: string
}

/** One row of the form's table: a program / kegiatan / sub kegiatan, or an indicator beneath it. */
export type FormRow =
  | { type: 'program'; node: ProgramNode; depth: number; sasaranKey: string; sasaranText: string }
  | { type: 'indicator'; row: E81Row; number: number; sasaranKey: string; sasaranText: string }

export interface E81Sheet {
  opd: OpdInfo
  bundle: ScoreBundle
  rows: E81Row[]
  /** The table in order: grouped under sasaran; programs with their kegiatan beneath; indicators on their own rows. */
  table: FormRow[]
  budget: BudgetData
  narratives: Map<number, Narrative>
  notes: NoteRow[]
}

const MAXI = Number.MAX_SAFE_INTEGER

/** Orders the table: sasaran (tujuan, sasaran order), then its programs in tree order, each followed by its indicators. */
export function buildTable(bundle: ScoreBundle, structure: Structure, tree: Map<number, ProgramNode>): { rows: E81Row[]; table: FormRow[] } {
  const resultById = new Map(bundle.result.indicators.map((r) => [r.indicatorId, r]))
  const rootOf = (id: number): ProgramNode => {
    let n = tree.get(id)!
    for (let i = 0; i < 6 && n.parentId != null && tree.has(n.parentId); i++) n = tree.get(n.parentId)!
    return n
  }
  const sasaranOf = (id: number | null) => {
    const s = id != null ? structure.sasaran.get(id) : undefined
    return s ? { key: `s${id}`, text: `${s.code} ${s.name}`, order: s.order } : { key: 's-', text: '(tanpa sasaran)', order: [MAXI, MAXI] as [number, number] }
  }
  const rows: E81Row[] = []
  const byProgram = new Map<number, E81Row[]>()
  const direct = new Map<string, E81Row[]>()
  const sasaranInfo = new Map<string, { text: string; order: [number, number] }>()
  const rootSasaran = new Map<number, string>()
  for (const input of bundle.data.indicators) {
    const meta = bundle.data.meta.get(input.id)
    const p = meta?.programId != null ? tree.get(meta.programId) : undefined
    const root = p ? rootOf(p.id) : undefined
    const sas = sasaranOf(root?.sasaranId ?? meta?.sasaranId ?? null)
    sasaranInfo.set(sas.key, { text: sas.text, order: sas.order })
    const row: E81Row = {
      input,
      result: resultById.get(input.id)!,
      sasaranKey: sas.key,
      sasaranText: sas.text,
      programKey: p ? `p${p.id}` : 'p-',
      programText: p ? `${p.code} ${p.name}` : '(tanpa program/kegiatan)',
    }
    rows.push(row)
    if (p && root) {
      if (!rootSasaran.has(root.id)) rootSasaran.set(root.id, sas.key)
      const list = byProgram.get(p.id) ?? []
      list.push(row)
      byProgram.set(p.id, list)
    } else {
      const list = direct.get(sas.key) ?? []
      list.push(row)
      direct.set(sas.key, list)
    }
  }
  const sortKey = (r: E81Row) => bundle.data.meta.get(r.input.id)?.sortOrder ?? 0
  const byOrder = (a: E81Row, b: E81Row) => sortKey(a) - sortKey(b) || a.input.code.localeCompare(b.input.code, 'id')
  const children = new Map<number | null, ProgramNode[]>()
  for (const n of tree.values()) {
    const parent = n.parentId != null && tree.has(n.parentId) ? n.parentId : null
    const list = children.get(parent) ?? []
    list.push(n)
    children.set(parent, list)
  }
  const nodeOrder = (a: ProgramNode, b: ProgramNode) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code, 'id', { numeric: true })
  for (const list of children.values()) list.sort(nodeOrder)
  // roots without an indicator beneath still belong to their own sasaran
  for (const r of children.get(null) ?? []) {
    if (!rootSasaran.has(r.id)) {
      const sas = sasaranOf(r.sasaranId)
      sasaranInfo.set(sas.key, { text: sas.text, order: sas.order })
      rootSasaran.set(r.id, sas.key)
    }
  }
  const sasaranKeys = [...sasaranInfo.keys()].sort((a, b) => {
    const oa = sasaranInfo.get(a)!.order
    const ob = sasaranInfo.get(b)!.order
    return oa[0] - ob[0] || oa[1] - ob[1] || a.localeCompare(b)
  })
  const table: FormRow[] = []
  let number = 0
  const ordered: E81Row[] = []
  for (const key of sasaranKeys) {
    const text = sasaranInfo.get(key)!.text
    const pushIndicators = (list: E81Row[] | undefined) => {
      for (const row of [...(list ?? [])].sort(byOrder)) {
        ordered.push(row)
        table.push({ type: 'indicator', row, number: ++number, sasaranKey: key, sasaranText: text })
      }
    }
    pushIndicators(direct.get(key))
    const walk = (node: ProgramNode, depth: number) => {
      table.push({ type: 'program', node, depth, sasaranKey: key, sasaranText: text })
      pushIndicators(byProgram.get(node.id))
      for (const c of children.get(node.id) ?? []) walk(c, depth + 1)
    }
    for (const root of children.get(null) ?? []) if (rootSasaran.get(root.id) === key) walk(root, 0)
  }
  return { rows: ordered, table }
}

/** Loads and scores what the form needs (one scoreScope per OPD), with the program tree and its budget. */
export async function loadE81(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<E81Sheet[]> {
  const s = settings ?? (await getSettings(db)).scoring
  const period = e81Period(scope.period)
  const opds = await opdList(db, scope.opdId)
  const bundles: { opd: OpdInfo; bundle: ScoreBundle }[] = []
  for (const opd of opds) {
    const bundle = await scoreScope(db, { opdId: opd.id, unitId: scope.unitId ?? null }, period, scope.asOf, s)
    if (scope.opdId == null && bundle.data.indicators.length === 0) continue
    bundles.push({ opd, bundle })
  }
  const sasaranIds: number[] = []
  const indicatorIds: number[] = []
  for (const { bundle } of bundles) {
    for (const [id, m] of bundle.data.meta) {
      indicatorIds.push(id)
      if (m.sasaranId != null) sasaranIds.push(m.sasaranId)
    }
  }
  const trees: Map<number, ProgramNode>[] = []
  for (const { bundle } of bundles) {
    // the tree of this OPD's indicators only
    const own = new Set<number>()
    for (const m of bundle.data.meta.values()) if (m.programId != null) own.add(m.programId)
    const tree = await loadProgramTree(db, [...own], scope.unitId ?? null)
    for (const n of tree.values()) if (n.sasaranId != null) sasaranIds.push(n.sasaranId)
    trees.push(tree)
  }
  const structure = await loadStructure(db, sasaranIds, [])
  const narratives = await loadNarratives(db, indicatorIds, period.year, period.quarter)
  const notes = await loadNotes(db, scope.opdId, period)
  const out: E81Sheet[] = []
  for (const [i, { opd, bundle }] of bundles.entries()) {
    const tree = trees[i]!
    const start = bundle.data.renstra?.startYear ?? period.year
    const end = Math.max(bundle.data.renstra?.endYear ?? period.year, period.year)
    const budget = await loadBudget(db, [...tree.keys()], Math.min(start, period.year), end)
    const { rows, table } = buildTable(bundle, structure, tree)
    out.push({ opd, bundle, rows, table, budget, narratives, notes: notes.filter((n) => n.opdId === opd.id) })
  }
  return out
}

const MAX_LISTED = 12

function listCodes(items: string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ')
  return `${items.slice(0, MAX_LISTED).join(', ')} dan ${items.length - MAX_LISTED} indikator lain`
}

/** The texts below the table, derived from the scores, the kendala/tindak lanjut and the meeting notes. */
export function e81Narrative(sheet: E81Sheet) {
  const { bundle, rows, narratives, notes } = sheet
  const bands = bundle.settings.bands
  const scored = rows.filter((r) => r.result.capaianCapped !== null)
  const achieved = scored.filter((r) => (r.result.capaianRaw ?? 0) >= 100)
  const weak = scored.filter((r) => isBelowAttention(r.result.capaianCapped, bands))

  const pendorong = achieved.length
    ? `Target tahun berjalan tercapai atau terlampaui pada ${achieved.length} dari ${scored.length} indikator yang dinilai: ${listCodes(
        achieved.map((r) => `${r.input.code} (${formatPercent(r.result.capaianRaw)})`),
      )}.`
    : scored.length
      ? 'Belum ada indikator yang mencapai target tahun berjalan pada periode ini.'
      : 'Belum ada indikator yang dapat dinilai pada periode ini.'

  const penghambat: string[] = []
  const tlTriwulan: string[] = []
  for (const r of weak) {
    const n = narratives.get(r.input.id)
    const head = `${r.input.code} (capaian ${formatPercent(r.result.capaianCapped)}, ${r.result.predikat?.label ?? '–'})`
    penghambat.push(`${head}: ${n?.kendala?.text ?? 'kendala belum diisi'}`)
    tlTriwulan.push(`${r.input.code}: ${n?.tindakLanjut?.text ?? 'tindak lanjut belum diisi'}`)
  }
  const late = rows.filter((r) => r.result.late)
  if (late.length) penghambat.push(`Realisasi terlambat/belum dilaporkan: ${listCodes(late.map((r) => r.input.code))}.`)

  const renja: string[] = notes
    .filter((n) => n.rekomendasi?.trim())
    .map((n) => `${STRATEGY_LABELS[n.strategy as keyof typeof STRATEGY_LABELS] ?? n.strategy} — aspek ${ASPECT_SHORT[n.aspect as keyof typeof ASPECT_SHORT] ?? n.aspect}: ${n.rekomendasi!.trim()}`)
  if (!renja.length && weak.length) {
    renja.push(`Meninjau target, rencana aksi dan dukungan anggaran indikator berkapaian rendah: ${listCodes(weak.map((r) => r.input.code))}.`)
  }
  return {
    overall: bundle.result.overall,
    pendorong,
    penghambat: penghambat.length ? penghambat.join('\n') : 'Tidak ada indikator dengan capaian Sedang atau lebih rendah.',
    tindakLanjutTriwulan: tlTriwulan.length ? tlTriwulan.join('\n') : 'Mempertahankan capaian seluruh indikator pada triwulan berikutnya.',
    tindakLanjutRenja: renja.length ? renja.join('\n') : 'Mempertahankan target dan strategi pada Renja PD berikutnya.',
  }
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

/** The Rp (anggaran) cells of one program / kegiatan / sub kegiatan row. */
export interface BudgetColumns {
  c5: number | null
  c6: number | null
  c7: number | null
  quarters: (number | null)[]
  c12: number | null
  c13: number | null
  c14: number | null
}

export function budgetColumns(budget: BudgetData, programId: number, renstra: { startYear: number; endYear: number } | null, year: number, quarter: number): BudgetColumns {
  const start = renstra?.startYear ?? year
  const end = renstra?.endYear ?? year
  const quarters = [1, 2, 3, 4].map((q) => (q <= quarter ? anggaranOf(budget, programId, year, q) : null))
  const c5 = paguSum(budget, programId, start, end)
  const c6 = year - 1 >= start ? anggaranSum(budget, programId, start, year - 1) : null
  const c12 = anggaranSum(budget, programId, year, year, quarter)
  const c13 = c6 == null && c12 == null ? null : Math.round(((c6 ?? 0) + (c12 ?? 0)) * 100) / 100
  return { c5, c6, c7: paguOf(budget, programId, year), quarters, c12, c13, c14: capaianAnggaran(c13, c5) }
}

/** The arithmetic mean of the numbers listed (null when none) — what AVERAGE() over the column gives. */
export function meanOf(values: (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null
}

function indicatorKeterangan(row: E81Row): string {
  const { input, result } = row
  const parts: string[] = []
  if (result.status !== 'ok' || result.late) parts.push(result.statusLabel)
  for (const q of result.notMeasuredQuarters) parts.push(`TW ${romanQuarter(q as Quarter)} tidak diukur`)
  parts.push(`Kolom 13: ${RENSTRA_MODE_LABELS[renstraModeOf(input)].toLowerCase()}`)
  return parts.join('; ')
}

export function bandText(band: PredikatBand | null): string {
  if (!band) return 'Belum ada data'
  const wording = lkjipWording(band)
  return `${band.label}${wording && wording !== band.label ? ` (${wording})` : ''}`
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: E81Sheet, opts: { unitLabel: string | null; asOf: Date }) {
  const { opd, bundle, table, budget } = sheet
  const period = bundle.result.period
  const year = period.year
  const q = period.quarter
  const renstra = bundle.data.renstra
  const bands = bundle.settings.bands
  for (const [c, w] of Object.entries(WIDTHS)) ws.getColumn(Number(c)).width = w

  // Title rows.
  const titles: [string, number, boolean][] = [
    ['EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH', 14, true],
    ['Formulir E.81 — Permendagri Nomor 86 Tahun 2017', 10, false],
    [`Perangkat Daerah: ${opd.name}${opts.unitLabel ? ` — ${opts.unitLabel}` : ''}`, 11, true],
    [
      `Periode pelaksanaan: ${periodLabel(period, { explicitQuarter: true })}${renstra ? ` · Renstra ${renstra.startYear}–${renstra.endYear}` : ''}`,
      11,
      false,
    ],
    ['K = kinerja (baris indikator); Rp = anggaran dalam rupiah (baris program/kegiatan/sub kegiatan: pagu dan realisasi anggaran yang diajukan atau diverifikasi).', 9, false],
  ]
  titles.forEach(([text, size, bold], i) => {
    const row = i + 1
    merge(ws, row, 1, row, E81_LAST_COL)
    const cell = ws.getCell(row, 1)
    cell.value = exportText(text)
    cell.font = { ...FONT, size, bold, italic: i === 4 }
    cell.alignment = { horizontal: i < 2 ? 'center' : 'left', vertical: 'middle', wrapText: false }
  })
  ws.getRow(1).height = 22

  // Header rows 6–8 and the column numbers in row 9.
  const h1 = E81_HEADER_FIRST
  const h2 = h1 + 1
  const h3 = h1 + 2
  header(ws, h1, COL_NO, h3, COL_NO, 'No')
  header(ws, h1, COL_SASARAN, h3, COL_SASARAN, 'Sasaran')
  header(ws, h1, COL_KODE, h2, COL_PROGRAM, 'Program/Kegiatan')
  header(ws, h3, COL_KODE, h3, COL_KODE, 'Kode')
  header(ws, h3, COL_PROGRAM, h3, COL_PROGRAM, 'Uraian')
  header(ws, h1, COL_INDIKATOR, h3, COL_INDIKATOR, 'Indikator Kinerja Program (outcome)/Kegiatan (output)')
  header(ws, h1, kCol(5), h2, rpCol(5), `Target Renstra PD pada akhir periode Renstra${renstra ? ` (${renstra.endYear})` : ''}`)
  header(ws, h1, kCol(6), h2, rpCol(6), `Realisasi capaian kinerja Renstra PD s.d. Renja PD tahun lalu (${year - 1})`)
  header(ws, h1, kCol(7), h2, rpCol(7), `Target kinerja dan anggaran Renja PD tahun berjalan (${year}) yang dievaluasi`)
  header(ws, h1, kCol(8), h1, rpCol(11), 'Realisasi kinerja pada triwulan')
  for (let t = 1; t <= 4; t++) header(ws, h2, kCol(7 + t), h2, rpCol(7 + t), romanQuarter(t))
  header(ws, h1, kCol(12), h2, rpCol(12), `Realisasi capaian kinerja dan anggaran Renja PD yang dievaluasi (${year} s.d. TW ${romanQuarter(q)})`)
  header(ws, h1, kCol(13), h2, rpCol(13), `Realisasi kinerja dan anggaran Renstra PD s.d. tahun ${year}`)
  header(ws, h1, kCol(14), h2, rpCol(14), `Tingkat capaian kinerja dan realisasi anggaran Renstra PD s.d. tahun ${year} (%)`)
  header(ws, h1, COL15, h3, COL15, 'Unit PD penanggung jawab')
  header(ws, h1, COL_KETERANGAN, h3, COL_KETERANGAN, 'Keterangan')
  for (let c = 5; c <= 14; c++) {
    header(ws, h3, kCol(c), h3, kCol(c), 'K')
    header(ws, h3, rpCol(c), h3, rpCol(c), 'Rp')
  }
  // the form's column numbers: 3 spans Kode and Uraian, 5–14 span K and Rp
  const numberCols: [number, number, number | string][] = [
    [COL_NO, COL_NO, 1],
    [COL_SASARAN, COL_SASARAN, 2],
    [COL_KODE, COL_PROGRAM, 3],
    [COL_INDIKATOR, COL_INDIKATOR, 4],
    ...[5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((c) => [kCol(c), rpCol(c), c] as [number, number, number]),
    [COL15, COL15, 15],
    [COL_KETERANGAN, COL_KETERANGAN, 16],
  ]
  for (const [c1, c2, n] of numberCols) {
    header(ws, E81_NUMBERS_ROW, c1, E81_NUMBERS_ROW, c2, n)
    for (let x = c1; x <= c2; x++) ws.getCell(E81_NUMBERS_ROW, x).fill = NUMBERS_FILL
    ws.getCell(E81_NUMBERS_ROW, c1).numFmt = '0'
  }
  ws.getRow(h1).height = 30
  ws.getRow(h2).height = 72
  ws.getRow(h3).height = 16

  // Data rows: grouped under sasaran; programs with their kegiatan beneath; indicators on their own rows.
  let r = E81_FIRST_DATA_ROW
  if (table.length === 0) {
    merge(ws, r, 1, r, E81_LAST_COL)
    const cell = ws.getCell(r, 1)
    cell.value = 'Belum ada indikator pada cakupan ini.'
    styleBody(cell, { center: true })
    r++
  }
  const kValues: number[] = []
  const rpValues: number[] = []
  let groupStart = r
  let groupLines = 1
  const closeGroup = (endRow: number) => {
    if (endRow > groupStart) merge(ws, groupStart, COL_SASARAN, endRow, COL_SASARAN)
    // the merged sasaran cell needs the height of its text over the rows it spans
    let have = 0
    for (let x = groupStart; x <= endRow; x++) have += ws.getRow(x).height ?? 15
    const need = heightFor(groupLines)
    if (need > have) ws.getRow(endRow).height = Math.min(409, (ws.getRow(endRow).height ?? 15) + need - have)
  }
  table.forEach((fr, i) => {
    const prev = table[i - 1]
    const newSasaran = !prev || prev.sasaranKey !== fr.sasaranKey
    if (i > 0 && newSasaran) closeGroup(r - 1)
    if (newSasaran) {
      groupStart = r
      groupLines = linesNeeded(fr.sasaranText, WIDTHS[COL_SASARAN]!)
    }
    const cells = ws.getRow(r)
    const numeric = (c: number) => c >= kCol(5) && c <= rpCol(14)
    for (let c = 1; c <= E81_LAST_COL; c++) styleBody(cells.getCell(c), { number: numeric(c) })
    if (newSasaran) setText(cells.getCell(COL_SASARAN), fr.sasaranText)
    const lines: number[] = [1]
    if (fr.type === 'program') {
      const { node, depth } = fr
      const kindLabel = node.kind === 'program' ? '' : node.kind === 'kegiatan' ? 'Kegiatan: ' : 'Sub Kegiatan: '
      setText(cells.getCell(COL_KODE), node.code)
      const name = `${kindLabel}${node.name}`
      setText(cells.getCell(COL_PROGRAM), name)
      cells.getCell(COL_PROGRAM).alignment = { vertical: 'top', horizontal: 'left', wrapText: true, indent: depth }
      for (const c of [COL_KODE, COL_PROGRAM]) cells.getCell(c).font = node.kind === 'program' ? FONT_BOLD : FONT
      for (let c = COL_KODE; c <= E81_LAST_COL; c++) if (node.kind === 'program') cells.getCell(c).fill = GROUP_FILL
      const b = budgetColumns(budget, node.id, renstra, year, q)
      const put = (col: number, v: number | null) => setNumber(cells.getCell(col), v, rpFmt(v))
      put(rpCol(5), b.c5)
      put(rpCol(6), b.c6)
      put(rpCol(7), b.c7)
      b.quarters.forEach((v, t) => put(rpCol(8 + t), v))
      put(rpCol(12), b.c12)
      put(rpCol(13), b.c13)
      setNumber(cells.getCell(rpCol(14)), b.c14, NUM_FMT)
      if (b.c14 != null) rpValues.push(b.c14)
      const ket = b.c5 == null && b.c7 == null ? 'Pagu belum diisi' : ''
      setText(cells.getCell(COL_KETERANGAN), ket || null)
      lines.push(linesNeeded(node.code, WIDTHS[COL_KODE]!), linesNeeded(name, WIDTHS[COL_PROGRAM]! - depth * 1.5), linesNeeded(ket, WIDTHS[COL_KETERANGAN]!))
    } else {
      const { input, result } = fr.row
      const e = result.e81
      setNumber(cells.getCell(COL_NO), fr.number, '0')
      cells.getCell(COL_NO).alignment = { vertical: 'top', horizontal: 'center' }
      const indText = `${input.code} ${input.name}\nSatuan: ${input.unit} · ${POLA_UKUR_LABELS[input.polaUkur]} · ${input.polarity === 'turun' ? 'makin rendah makin baik' : 'makin tinggi makin baik'}`
      setText(cells.getCell(COL_INDIKATOR), indText)
      const put = (col: number, v: number | null) => setNumber(cells.getCell(col), v, numFmt(v))
      put(kCol(5), result.renstra.target)
      put(kCol(6), e.realisasiSdTahunLalu)
      put(kCol(7), input.annualTargets[period.year] ?? null)
      for (let t = 0; t < 4; t++) put(kCol(8 + t), result.notMeasuredQuarters.includes(t + 1) ? null : e.quarters[t]!)
      put(kCol(12), e.realisasiTahunIni)
      put(kCol(13), e.realisasiSdTahunIni)
      setNumber(cells.getCell(kCol(14)), result.renstra.capaian, NUM_FMT)
      if (result.renstra.capaian != null) kValues.push(result.renstra.capaian)
      setText(cells.getCell(COL15), input.unitName)
      const ket = indicatorKeterangan(fr.row)
      setText(cells.getCell(COL_KETERANGAN), ket)
      lines.push(linesNeeded(indText, WIDTHS[COL_INDIKATOR]!), linesNeeded(input.unitName, WIDTHS[COL15]!), linesNeeded(ket, WIDTHS[COL_KETERANGAN]!))
    }
    cells.height = heightFor(Math.max(...lines))
    r++
  })
  if (table.length) closeGroup(r - 1)
  const lastDataRow = r - 1

  // Below the table: the summary of column 14 (K and Rp apart), then the texts.
  const n = e81Narrative(sheet)
  const meanK = meanOf(kValues)
  const meanRp = meanOf(rpValues)
  r++
  const labelEnd = kCol(14) - 1
  const summaryRow = (label: string, fillK: (c: ExcelJS.Cell) => void, fillRp: (c: ExcelJS.Cell) => void, note: string) => {
    merge(ws, r, 1, r, labelEnd)
    merge(ws, r, COL15, r, E81_LAST_COL)
    for (let c = 1; c <= E81_LAST_COL; c++) {
      const cell = ws.getCell(r, c)
      cell.border = BORDER_ALL
      cell.font = FONT
      cell.alignment = { vertical: 'top', wrapText: true }
    }
    const lc = ws.getCell(r, 1)
    lc.value = label
    lc.font = FONT_BOLD
    lc.fill = GROUP_FILL
    lc.alignment = { vertical: 'top', horizontal: 'right', wrapText: true }
    fillK(ws.getCell(r, kCol(14)))
    fillRp(ws.getCell(r, rpCol(14)))
    setText(ws.getCell(r, COL15), note)
    ws.getCell(r, COL15).font = { ...FONT, italic: true, size: 9 }
    const valueLines = [kCol(14), rpCol(14)].map((c) => {
      const v = ws.getCell(r, c).value
      return typeof v === 'string' ? linesNeeded(v, WIDTHS[c]!) : 1
    })
    ws.getRow(r).height = heightFor(Math.max(2, ...valueLines, linesNeeded(note, widthOf(COL15, E81_LAST_COL)), linesNeeded(label, widthOf(1, labelEnd))))
    r++
  }
  const meanCell = (v: number | null) => (cell: ExcelJS.Cell) => {
    setNumber(cell, v, NUM_FMT)
    cell.font = FONT_BOLD
    cell.alignment = { horizontal: 'right', vertical: 'top' }
  }
  const bandCell = (v: number | null) => (cell: ExcelJS.Cell) => {
    const band = predikatOf(v, bands)
    cell.value = bandText(band)
    paintPredikat(cell, band?.key)
    cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
  }
  summaryRow(
    'Rata-rata capaian kinerja (%)',
    meanCell(meanK),
    meanCell(meanRp),
    `K: rata-rata hitung ${kValues.length} nilai kolom 14 K; Rp: rata-rata hitung ${rpValues.length} nilai kolom 14 Rp.`,
  )
  summaryRow('Predikat kinerja', bandCell(meanK), bandCell(meanRp), 'Predikat dari rata-rata di atas menurut skala kategori capaian.')
  summaryRow(
    'Skor kinerja tertimbang aplikasi (Strategi Osborne, tahun berjalan) — bukan rata-rata kolom 14',
    (cell) => {
      meanCell(n.overall.value)(cell)
      cell.font = FONT
    },
    (cell) => {
      const band = n.overall.predikat
      cell.value = band ? band.label : 'Belum ada data'
      cell.font = { ...FONT, size: 9 }
      cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
    },
    `Rata-rata tertimbang capaian ${periodLabel(period, { explicitQuarter: true })} (dibatasi ${formatNumber(bundle.settings.cap, 0)}%) yang dipakai dasbor.`,
  )
  const footer: [string, string][] = [
    ['Faktor pendorong keberhasilan pencapaian', n.pendorong],
    ['Faktor penghambat pencapaian kinerja', n.penghambat],
    ['Tindak lanjut yang diperlukan dalam triwulan berikutnya', n.tindakLanjutTriwulan],
    ['Tindak lanjut yang diperlukan dalam Renja PD berikutnya', n.tindakLanjutRenja],
  ]
  for (const [label, text] of footer) {
    merge(ws, r, 1, r, COL_INDIKATOR)
    merge(ws, r, kCol(5), r, E81_LAST_COL)
    for (let c = 1; c <= E81_LAST_COL; c++) {
      const cell = ws.getCell(r, c)
      cell.border = BORDER_ALL
      cell.font = FONT
      cell.alignment = { vertical: 'top', wrapText: true }
    }
    const lc = ws.getCell(r, 1)
    lc.value = label
    lc.font = FONT_BOLD
    lc.fill = GROUP_FILL
    setText(ws.getCell(r, kCol(5)), text)
    ws.getRow(r).height = heightFor(Math.max(linesNeeded(text, widthOf(kCol(5), E81_LAST_COL)), linesNeeded(label, widthOf(1, COL_INDIKATOR))))
    r++
  }

  // The notes: how the summary rows and columns 12–14 are made.
  r++
  const notes = [
    'Catatan rata-rata: "Rata-rata capaian kinerja (%)" adalah rata-rata hitung (jumlah dibagi banyaknya nilai) seluruh nilai yang tercantum pada kolom 14, K dan Rp masing-masing — sama dengan AVERAGE() atas kolom itu; sel kosong tidak dihitung. Predikat mengikuti rata-rata tersebut. Skor tertimbang aplikasi adalah angka lain (rata-rata tertimbang capaian tahun berjalan yang dibatasi) dan berdiri pada barisnya sendiri.',
    'Catatan kolom: kolom 12 K mengikuti pola ukur indikator — kumulatif: jumlah triwulan; rata-rata: rerata triwulan yang diukur; posisi: nilai triwulan terakhir; rilis: nilai rilis terakhir. Kolom 6 dan 13 K mengikuti mode Renstra indikator — akumulasi: jumlah seluruh triwulan sejak awal Renstra (kolom 13 = 6 + 12); tahun akhir: nilai tahun terakhir yang dilaporkan, dibandingkan dengan target akhir sebagai tingkat yang harus dicapai. Kolom 14 K = 13 ÷ 5 × 100% (indikator "makin rendah makin baik": (2 × 5 − 13) ÷ 5 × 100%). Rp: kolom 5 = jumlah pagu tahun-tahun Renstra; 7 = pagu tahun berjalan; 8–11 = realisasi anggaran per triwulan; 12 = jumlah triwulan tahun berjalan; 6 = jumlah tahun-tahun sebelumnya; 13 = 6 + 12; 14 = 13 ÷ 5 × 100%.',
  ]
  for (const text of notes) {
    merge(ws, r, 1, r, E81_LAST_COL)
    const note = ws.getCell(r, 1)
    note.value = text
    note.font = { ...FONT, italic: true, size: 9 }
    note.alignment = { wrapText: true, vertical: 'top' }
    ws.getRow(r).height = heightFor(linesNeeded(text, widthOf(1, E81_LAST_COL) * 1.1))
    r++
  }
  r++

  r = signatureBlocks(ws, r, opd, opts.asOf, bundle.settings.timeZone, { left: [COL_SASARAN, COL_INDIKATOR], right: [kCol(12), E81_LAST_COL] })

  // Printing: A4 landscape, one page wide, header rows on every page; frozen below the header.
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.5, header: 0.2, footer: 0.25 },
    printTitlesRow: `${E81_HEADER_FIRST}:${E81_NUMBERS_ROW}`,
    printArea: `A1:${ws.getColumn(E81_LAST_COL).letter}${r - 1}`,
  }
  ws.headerFooter = {
    oddFooter: `&L&8Formulir E.81 — ${hf(opd.shortName ?? opd.name)} — ${hf(periodLabel(period, { explicitQuarter: true }))}&R&8Halaman &P dari &N`,
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: E81_NUMBERS_ROW, topLeftCell: `A${E81_FIRST_DATA_ROW}`, activeCell: `A${E81_FIRST_DATA_ROW}`, showGridLines: false }]
  return { lastDataRow }
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

/** Header/footer text: '&' starts a code there, so it is doubled. */
export function hf(s: string): string {
  return (exportText(s) ?? '').replace(/&/g, '&&').slice(0, 80)
}

export interface BuiltFile {
  buffer: Buffer
  filename: string
}

/** The E.81 workbook for one OPD (or every OPD, one sheet each), optionally one bidang. */
export async function buildE81Workbook(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<BuiltFile> {
  const sheets = await loadE81(db, scope, settings)
  const unitLabel = await unitName(db, scope.unitId)
  const wb = new ExcelJS.Workbook()
  const period = e81Period(scope.period)
  stampWorkbook(wb, `Formulir E.81 ${periodLabel(period, { explicitQuarter: true })}`, scope.asOf)
  const used = new Set<string>()
  if (sheets.length === 0) {
    const ws = wb.addWorksheet('E.81')
    ws.getCell('A1').value = 'Belum ada perangkat daerah atau indikator pada cakupan ini.'
  }
  for (const sheet of sheets) {
    const name = sheets.length === 1 ? 'E.81' : sheetName(sheet.opd.shortName ?? sheet.opd.name, used)
    const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape' } })
    writeSheet(ws, sheet, { unitLabel, asOf: scope.asOf })
  }
  const who = sheets.length === 1 ? slug(sheets[0]!.opd.shortName ?? sheets[0]!.opd.code) : 'semua-opd'
  const filename = `E81_${who}${unitLabel ? `_${slug(unitLabel)}` : ''}_${period.year}_TW${romanQuarter(period.quarter as Quarter)}.xlsx`
  return { buffer: await workbookBuffer(wb), filename }
}

