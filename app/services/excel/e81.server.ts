// Formulir E.81 "Evaluasi terhadap Hasil Renja Perangkat Daerah" (Permendagri 86/2017), one
// worksheet per OPD. Every number comes from the scoring service (app/domain through
// scoreScope); columns 12–14 follow the pola ukur rules, never the plain sum of the quarters.
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import {
  formatPercent,
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
import {
  BORDER_ALL,
  FONT,
  FONT_BOLD,
  GROUP_FILL,
  heightFor,
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

/** Excel columns: 1–4, then K/Rp pairs for form columns 5–13, then 14 and 15. */
export const E81_LAST_COL = 24
/** Excel column of the K (kinerja) cell of a form column 5–13. */
export const kCol = (formCol: number) => 5 + (formCol - 5) * 2
export const COL14 = 23
export const COL15 = 24
/** Row layout of the sheet head. */
export const E81_HEADER_FIRST = 6
export const E81_NUMBERS_ROW = 9
export const E81_FIRST_DATA_ROW = 10

// Narrow enough that one A4 landscape page wide stays readable; K fits 12.345,67, Rp stays empty.
const WIDTHS: Record<number, number> = { 1: 4.5, 2: 20, 3: 20, 4: 35, [COL14]: 10.5, [COL15]: 14 }
for (let c = 5; c <= 13; c++) {
  WIDTHS[kCol(c)] = 9.5
  WIDTHS[kCol(c) + 1] = 4.5
}

/** Total width of the columns c1..c2. */
const widthOf = (c1: number, c2: number) => {
  let w = 0
  for (let c = c1; c <= c2; c++) w += WIDTHS[c] ?? 9
  return w
}

/** E.81 always covers a year to date (s.d. TW n). */
export function e81Period(p: Period): Period & { kind: 'triwulan' } {
  return { kind: 'triwulan', year: p.year, quarter: p.quarter }
}

interface E81Row {
  input: IndicatorInput
  result: IndicatorResult
  sasaranKey: string
  sasaranText: string
  programKey: string
  programText: string
}

export interface E81Sheet {
  opd: OpdInfo
  bundle: ScoreBundle
  rows: E81Row[]
  narratives: Map<number, Narrative>
  notes: NoteRow[]
}

function orderRows(bundle: ScoreBundle, structure: Structure): E81Row[] {
  const resultById = new Map(bundle.result.indicators.map((r) => [r.indicatorId, r]))
  const rows = bundle.data.indicators.map((input) => {
    const meta = bundle.data.meta.get(input.id)
    const s = meta?.sasaranId != null ? structure.sasaran.get(meta.sasaranId) : undefined
    const p = meta?.programId != null ? structure.program.get(meta.programId) : undefined
    return {
      input,
      result: resultById.get(input.id)!,
      sasaranKey: s ? `s${meta!.sasaranId}` : 's-',
      sasaranText: s ? `${s.code} ${s.name}` : '(tanpa sasaran)',
      programKey: p ? `p${meta!.programId}` : 'p-',
      programText: p ? `${p.code} ${p.name}` : '(tanpa program/kegiatan)',
      sort: [
        s ? s.order[0] : Number.MAX_SAFE_INTEGER,
        s ? s.order[1] : Number.MAX_SAFE_INTEGER,
        p ? p.order : Number.MAX_SAFE_INTEGER,
        meta?.sortOrder ?? 0,
      ] as number[],
    }
  })
  rows.sort((a, b) => {
    for (let i = 0; i < a.sort.length; i++) if (a.sort[i] !== b.sort[i]) return a.sort[i]! - b.sort[i]!
    return a.sasaranKey.localeCompare(b.sasaranKey) || a.programKey.localeCompare(b.programKey) || a.input.code.localeCompare(b.input.code, 'id')
  })
  return rows
}

/** Loads and scores what the form needs (one scoreScope per OPD). */
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
  const programIds: number[] = []
  const indicatorIds: number[] = []
  for (const { bundle } of bundles) {
    for (const [id, m] of bundle.data.meta) {
      indicatorIds.push(id)
      if (m.sasaranId != null) sasaranIds.push(m.sasaranId)
      if (m.programId != null) programIds.push(m.programId)
    }
  }
  const structure = await loadStructure(db, sasaranIds, programIds)
  const narratives = await loadNarratives(db, indicatorIds, period.year, period.quarter)
  const notes = await loadNotes(db, scope.opdId, period)
  return bundles.map(({ opd, bundle }) => ({
    opd,
    bundle,
    rows: orderRows(bundle, structure),
    narratives,
    notes: notes.filter((n) => n.opdId === opd.id),
  }))
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

function merge(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number) {
  if (r1 === r2 && c1 === c2) return
  ws.mergeCells(r1, c1, r2, c2)
}

function header(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number, text: string | number) {
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) styleHeader(ws.getCell(r, c))
  merge(ws, r1, c1, r2, c2)
  ws.getCell(r1, c1).value = text
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: E81Sheet, opts: { unitLabel: string | null; asOf: Date }) {
  const { opd, bundle, rows } = sheet
  const period = bundle.result.period
  const year = period.year
  const q = period.quarter
  const renstra = bundle.data.renstra
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
    ['K = kinerja; Rp = anggaran (anggaran tidak dicatat dalam aplikasi ini, kolom Rp dibiarkan kosong).', 9, false],
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
  header(ws, h1, 1, h3, 1, 'No')
  header(ws, h1, 2, h3, 2, 'Sasaran')
  header(ws, h1, 3, h3, 3, 'Program/Kegiatan')
  header(ws, h1, 4, h3, 4, 'Indikator Kinerja Program (outcome)/Kegiatan (output)')
  header(ws, h1, kCol(5), h2, kCol(5) + 1, `Target Renstra PD pada akhir periode Renstra${renstra ? ` (${renstra.endYear})` : ''}`)
  header(ws, h1, kCol(6), h2, kCol(6) + 1, `Realisasi capaian kinerja Renstra PD s.d. Renja PD tahun lalu (${year - 1})`)
  header(ws, h1, kCol(7), h2, kCol(7) + 1, `Target kinerja dan anggaran Renja PD tahun berjalan (${year}) yang dievaluasi`)
  header(ws, h1, kCol(8), h1, kCol(11) + 1, 'Realisasi kinerja pada triwulan')
  for (let t = 1; t <= 4; t++) header(ws, h2, kCol(7 + t), h2, kCol(7 + t) + 1, romanQuarter(t))
  header(ws, h1, kCol(12), h2, kCol(12) + 1, `Realisasi capaian kinerja dan anggaran Renja PD yang dievaluasi (${year} s.d. TW ${romanQuarter(q)})`)
  header(ws, h1, kCol(13), h2, kCol(13) + 1, `Realisasi kinerja dan anggaran Renstra PD s.d. tahun ${year}`)
  header(ws, h1, COL14, h3, COL14, `Tingkat capaian kinerja dan realisasi anggaran Renstra PD s.d. tahun ${year} (%)`)
  header(ws, h1, COL15, h3, COL15, 'Unit PD penanggung jawab')
  for (let c = 5; c <= 13; c++) {
    header(ws, h3, kCol(c), h3, kCol(c), 'K')
    header(ws, h3, kCol(c) + 1, h3, kCol(c) + 1, 'Rp')
  }
  for (let c = 1; c <= 15; c++) {
    const col = c <= 4 ? c : c <= 13 ? kCol(c) : c === 14 ? COL14 : COL15
    const span = c >= 5 && c <= 13 ? 1 : 0
    header(ws, E81_NUMBERS_ROW, col, E81_NUMBERS_ROW, col + span, c)
    for (let x = col; x <= col + span; x++) ws.getCell(E81_NUMBERS_ROW, x).fill = NUMBERS_FILL
    ws.getCell(E81_NUMBERS_ROW, col).numFmt = '0'
  }
  ws.getRow(h1).height = 30
  ws.getRow(h2).height = 84
  ws.getRow(h3).height = 16

  // Data rows, grouped under sasaran and program.
  let r = E81_FIRST_DATA_ROW
  if (rows.length === 0) {
    merge(ws, r, 1, r, E81_LAST_COL)
    const cell = ws.getCell(r, 1)
    cell.value = 'Belum ada indikator pada cakupan ini.'
    styleBody(cell, { center: true })
    r++
  }
  const groupStart = { sasaran: r, program: r }
  const closeGroup = (kind: 'sasaran' | 'program', endRow: number) => {
    const col = kind === 'sasaran' ? 2 : 3
    if (endRow > groupStart[kind]) merge(ws, groupStart[kind], col, endRow, col)
  }
  rows.forEach((row, i) => {
    const prev = rows[i - 1]
    const newSasaran = !prev || prev.sasaranKey !== row.sasaranKey
    const newProgram = newSasaran || prev!.programKey !== row.programKey
    if (i > 0 && newSasaran) closeGroup('sasaran', r - 1)
    if (i > 0 && newProgram) closeGroup('program', r - 1)
    if (newSasaran) groupStart.sasaran = r
    if (newProgram) groupStart.program = r

    const { input, result } = row
    const e = result.e81
    const cells = ws.getRow(r)
    for (let c = 1; c <= E81_LAST_COL; c++) styleBody(cells.getCell(c), { number: c >= 5 && c <= COL14 })
    setNumber(cells.getCell(1), i + 1, '0')
    cells.getCell(1).alignment = { vertical: 'top', horizontal: 'center' }
    if (newSasaran) setText(cells.getCell(2), row.sasaranText)
    if (newProgram) setText(cells.getCell(3), row.programText)
    const indText = `${input.code} ${input.name}\nSatuan: ${input.unit} · ${POLA_UKUR_LABELS[input.polaUkur]} · ${input.polarity === 'turun' ? 'makin rendah makin baik' : 'makin tinggi makin baik'}`
    setText(cells.getCell(4), indText)
    setNumber(cells.getCell(kCol(5)), result.renstra.target)
    setNumber(cells.getCell(kCol(6)), e.realisasiSdTahunLalu)
    setNumber(cells.getCell(kCol(7)), input.annualTargets[period.year] ?? null)
    for (let t = 0; t < 4; t++) {
      const cell = cells.getCell(kCol(8 + t))
      if (result.notMeasuredQuarters.includes(t + 1)) {
        cell.value = 'tidak diukur'
        cell.font = { ...FONT, italic: true, size: 8 }
      } else setNumber(cell, e.quarters[t])
    }
    const c12 = cells.getCell(kCol(12))
    if (e.realisasiTahunIni === null) {
      c12.value = result.statusLabel.toLowerCase()
      c12.font = { ...FONT, italic: true, size: 8 }
    } else setNumber(c12, e.realisasiTahunIni)
    setNumber(cells.getCell(kCol(13)), e.realisasiSdTahunIni)
    setNumber(cells.getCell(COL14), result.renstra.capaian)
    setText(cells.getCell(COL15), input.unitName)
    // Rp columns stay empty (bordered); number format ready for whoever fills them in.
    for (let c = 5; c <= 13; c++) cells.getCell(kCol(c) + 1).numFmt = '#,##0'

    const lines = Math.max(
      linesNeeded(indText, WIDTHS[4]!),
      newSasaran ? Math.ceil(linesNeeded(row.sasaranText, WIDTHS[2]!) / countRun(rows, i, 'sasaranKey')) : 1,
      newProgram ? Math.ceil(linesNeeded(row.programText, WIDTHS[3]!) / countRun(rows, i, 'programKey')) : 1,
      linesNeeded(input.unitName, WIDTHS[COL15]!),
    )
    cells.height = heightFor(lines)
    r++
  })
  if (rows.length) {
    closeGroup('sasaran', r - 1)
    closeGroup('program', r - 1)
  }
  const lastDataRow = r - 1

  // Below the table.
  const n = e81Narrative(sheet)
  r++
  const footer: [string, (cell: ExcelJS.Cell) => string | null][] = [
    [
      'Rata-rata capaian kinerja (%)',
      (cell) => {
        setNumber(cell, n.overall.value, NUM_FMT)
        cell.alignment = { horizontal: 'left', vertical: 'top' }
        cell.font = FONT_BOLD
        return null
      },
    ],
    [
      'Predikat kinerja',
      (cell) => {
        const band = n.overall.predikat
        const wording = lkjipWording(band)
        cell.value = band ? `${band.label}${wording && wording !== band.label ? ` (${wording})` : ''}` : 'Belum ada data'
        paintPredikat(cell, band?.key)
        return null
      },
    ],
    ['Faktor pendorong keberhasilan pencapaian', (cell) => put(cell, n.pendorong)],
    ['Faktor penghambat pencapaian kinerja', (cell) => put(cell, n.penghambat)],
    ['Tindak lanjut yang diperlukan dalam triwulan berikutnya', (cell) => put(cell, n.tindakLanjutTriwulan)],
    ['Tindak lanjut yang diperlukan dalam Renja PD berikutnya', (cell) => put(cell, n.tindakLanjutRenja)],
  ]
  for (const [label, fill] of footer) {
    merge(ws, r, 1, r, 4)
    merge(ws, r, 5, r, E81_LAST_COL)
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
    const text = fill(ws.getCell(r, 5))
    const valueWidth = widthOf(5, E81_LAST_COL)
    ws.getRow(r).height = heightFor(Math.max(linesNeeded(text, valueWidth), linesNeeded(label, widthOf(1, 4))))
    r++
  }

  // The pola ukur note.
  r++
  merge(ws, r, 1, r, E81_LAST_COL)
  const note = ws.getCell(r, 1)
  note.value =
    'Catatan: kolom 12 mengikuti pola ukur indikator — kumulatif: jumlah triwulan; rata-rata: rerata triwulan yang diukur; posisi: nilai triwulan terakhir; rilis: nilai rilis terakhir. Kolom 6 dan 13 mengikuti mode Renstra indikator — akumulasi: jumlah seluruh triwulan sejak awal Renstra (kolom 13 = 6 + 12); tahun akhir: nilai tahun terakhir yang dilaporkan (kumulatif: jumlah triwulan tahun itu; lainnya: nilai terakhir), dibandingkan dengan target akhir sebagai tingkat yang harus dicapai. Kolom 14 = 13 ÷ 5 × 100% (untuk indikator "makin rendah makin baik": (2 × 5 − 13) ÷ 5 × 100%). Triwulan "tidak diukur" tidak dihitung.'
  note.font = { ...FONT, italic: true, size: 9 }
  note.alignment = { wrapText: true, vertical: 'top' }
  ws.getRow(r).height = heightFor(4)
  r += 2

  // Signature blocks: Disusun (Kepala Dinas) on the left, Dievaluasi (Bappeda) on the right.
  const place = opd.city ?? '……………'
  const date = longDateId(opts.asOf, bundle.settings.timeZone)
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
  for (let i = 0; i < left.length; i++) {
    merge(ws, r, 2, r, 4)
    merge(ws, r, kCol(11), r, COL15)
    const a = ws.getCell(r, 2)
    const b = ws.getCell(r, kCol(11))
    a.value = exportText(left[i]) ?? null
    b.value = exportText(right[i]) ?? null
    for (const cell of [a, b]) {
      cell.font = i === 1 || i === 6 ? FONT_BOLD : FONT
      cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
    }
    if (i === 2) ws.getRow(r).height = heightFor(Math.max(linesNeeded(left[2], widthOf(2, 4)), linesNeeded(right[2], widthOf(kCol(11), COL15))))
    r++
  }

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
    printArea: `A1:X${r - 1}`,
  }
  ws.headerFooter = {
    oddFooter: `&L&8Formulir E.81 — ${hf(opd.shortName ?? opd.name)} — ${hf(periodLabel(period, { explicitQuarter: true }))}&R&8Halaman &P dari &N`,
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: E81_NUMBERS_ROW, topLeftCell: `A${E81_FIRST_DATA_ROW}`, activeCell: `A${E81_FIRST_DATA_ROW}`, showGridLines: false }]
  return { lastDataRow }
}

function put(cell: ExcelJS.Cell, text: string): string {
  setText(cell, text)
  return text
}

/** Header/footer text: '&' starts a code there, so it is doubled. */
function hf(s: string): string {
  return (exportText(s) ?? '').replace(/&/g, '&&').slice(0, 80)
}

function countRun(rows: E81Row[], start: number, key: 'sasaranKey' | 'programKey'): number {
  let n = 1
  for (let i = start + 1; i < rows.length && rows[i]![key] === rows[start]![key]; i++) {
    if (key === 'programKey' && rows[i]!.sasaranKey !== rows[start]!.sasaranKey) break
    n++
  }
  return n
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

