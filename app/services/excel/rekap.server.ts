// "Rekap Strategi Osborne" for the evaluation meeting: the aspect × strategy matrix in the
// dashboard's colours with the predikat in words, one sheet per aspect, the flags with their
// reasons, the meeting notes of the period and every indicator's detail. Scores from scoreScope.
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import {
  ASPECTS,
  FLAG_KIND_LABELS,
  formatNumberTrim,
  periodLabel,
  romanQuarter,
  sortBands,
  STRATEGIES,
  type Aspect,
  type IndicatorInput,
  type IndicatorResult,
  type Score,
  type ScoringSettings,
  type Strategy,
} from '../../domain'
import { getSettings } from '../../models/settings.server'
import { ASPECT_NAMES, ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_LABELS, STRATEGY_SHORT } from '../../domain/labels'
import { judgementDisagreement, JUDGEMENT_TEXT, isJudgement } from '../../utils/notes'
import { scoreScope, type ScoreBundle } from '../scoring.server'
import { loadNarratives, loadNotes, opdList, unitName, type ExportScope, type NoteRow, type Narrative, type OpdInfo } from './context.server'
import { exportText } from './safety.server'
import { BORDER_ALL, FONT, FONT_BOLD, heightFor, NUM_FMT, paintPredikat, predikatColours, slug, stampId, stampWorkbook, styleHeader, workbookBuffer } from './style.server'
import { writeTable, type CellValue, type Col } from './table.server'
import type { BuiltFile } from './form-sheet.server'
import { writeActionsSheet } from './rekap-actions.server'

export interface RekapData {
  scope: ExportScope
  opds: OpdInfo[]
  unitLabel: string | null
  bundle: ScoreBundle
  notes: NoteRow[]
  narratives: Map<number, Narrative>
}

export async function loadRekap(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<RekapData> {
  const s = settings ?? (await getSettings(db)).scoring
  const bundle = await scoreScope(db, { opdId: scope.opdId, unitId: scope.unitId ?? null }, scope.period, scope.asOf, s)
  const opds = await opdList(db, scope.opdId)
  const notes = await loadNotes(db, scope.opdId, scope.period)
  const narratives = await loadNarratives(
    db,
    bundle.data.indicators.map((i) => i.id),
    scope.period.year,
    scope.period.quarter,
  )
  return { scope, opds, unitLabel: await unitName(db, scope.unitId), bundle, notes, narratives }
}

const MATRIX_COLS = 2 + STRATEGIES.length // aspect label, five strategies, aspect mean

function titleRows(ws: ExcelJS.Worksheet, data: RekapData, title: string, lastCol: number): number {
  const scopeText = data.scope.opdId == null ? 'Seluruh perangkat daerah' : (data.opds[0]?.name ?? '')
  const lines: [string, number, boolean][] = [
    [title, 13, true],
    [`${scopeText}${data.unitLabel ? ` — ${data.unitLabel}` : ''}`, 11, true],
    [`Periode: ${periodLabel(data.bundle.result.period, { explicitQuarter: true })} · dibuat ${stampId(data.scope.asOf, data.bundle.settings.timeZone)}`, 10, false],
  ]
  lines.forEach(([text, size, bold], i) => {
    ws.mergeCells(i + 1, 1, i + 1, lastCol)
    const c = ws.getCell(i + 1, 1)
    c.value = exportText(text)
    c.font = { ...FONT, size, bold }
    c.alignment = { vertical: 'middle', horizontal: 'left' }
  })
  ws.getRow(1).height = 20
  return lines.length + 1
}

function scoreCell(cell: ExcelJS.Cell, s: Score) {
  if (s.value === null) {
    cell.value = 'belum ada data'
    paintPredikat(cell, null)
    cell.font = { ...FONT, italic: true, color: { argb: predikatColours(null).fg } }
  } else {
    cell.value = s.value
    cell.numFmt = NUM_FMT
    paintPredikat(cell, s.predikat?.key)
  }
  cell.border = BORDER_ALL
  cell.alignment = { horizontal: 'center', vertical: 'middle' }
}

function labelCell(cell: ExcelJS.Cell, s: Score) {
  const label = s.value === null ? '–' : (s.predikat?.label ?? '–')
  cell.value = `${label} · ${s.scoredCount}/${s.indicatorCount} indikator`
  paintPredikat(cell, s.value === null ? null : s.predikat?.key)
  cell.font = { ...FONT, size: 9, color: { argb: predikatColours(s.value === null ? null : s.predikat?.key).fg } }
  cell.border = BORDER_ALL
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
}

/** Sheet "Matriks": 3 aspects × 5 strategies; a score row (number, coloured) and a label row per aspect. */
export const MATRIX_HEADER_ROW = 5
export const matrixRowOf = (aspect: Aspect) => MATRIX_HEADER_ROW + 1 + ASPECTS.indexOf(aspect) * 2
export const matrixColOf = (strategy: Strategy) => 2 + STRATEGIES.indexOf(strategy)

function writeMatrix(wb: ExcelJS.Workbook, data: RekapData) {
  const ws = wb.addWorksheet('Matriks', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  titleRows(ws, data, 'REKAP STRATEGI OSBORNE & PLASTRIK PER ASPEK LAYANAN INFORMASI PUBLIK', MATRIX_COLS)
  const res = data.bundle.result
  ws.getColumn(1).width = 30
  for (let c = 2; c <= MATRIX_COLS; c++) ws.getColumn(c).width = 17
  const hr = MATRIX_HEADER_ROW
  styleHeader(ws.getCell(hr, 1))
  ws.getCell(hr, 1).value = 'Aspek \\ Strategi'
  STRATEGIES.forEach((s) => {
    const c = ws.getCell(hr, matrixColOf(s))
    styleHeader(c)
    c.value = STRATEGY_LABELS[s]
  })
  styleHeader(ws.getCell(hr, MATRIX_COLS))
  ws.getCell(hr, MATRIX_COLS).value = 'Rata-rata aspek'
  ws.getRow(hr).height = 30

  const pair = (row: number, label: string, scores: Score[], last: Score | null) => {
    ws.mergeCells(row, 1, row + 1, 1)
    const lc = ws.getCell(row, 1)
    lc.value = label
    lc.font = FONT_BOLD
    lc.border = BORDER_ALL
    lc.alignment = { vertical: 'middle', wrapText: true }
    scores.forEach((s, i) => {
      scoreCell(ws.getCell(row, 2 + i), s)
      labelCell(ws.getCell(row + 1, 2 + i), s)
    })
    if (last) {
      scoreCell(ws.getCell(row, MATRIX_COLS), last)
      labelCell(ws.getCell(row + 1, MATRIX_COLS), last)
    }
    ws.getRow(row).height = 24
    ws.getRow(row + 1).height = 26
  }
  for (const a of ASPECTS)
    pair(
      matrixRowOf(a),
      ASPECT_NAMES[a],
      STRATEGIES.map((s) => res.cells[a][s]),
      res.byAspect[a],
    )
  const stratRow = matrixRowOf(ASPECTS[ASPECTS.length - 1]!) + 2
  pair(
    stratRow,
    'Rata-rata strategi',
    STRATEGIES.map((s) => res.byStrategy[s]),
    res.overall,
  )
  ws.getCell(stratRow + 2, 1).value = 'Kolom terakhir baris "Rata-rata strategi" = skor keseluruhan.'
  ws.getCell(stratRow + 2, 1).font = { ...FONT, italic: true, size: 9 }

  // Legend: the bands with their colours, and how the scores are made.
  let r = stratRow + 4
  ws.getCell(r, 1).value = 'Keterangan predikat'
  ws.getCell(r, 1).font = FONT_BOLD
  r++
  for (const b of [...sortBands(data.bundle.settings.bands)].reverse()) {
    const range = b.min === null ? `< ${formatNumberTrim(b.max)}` : b.max === null ? `≥ ${formatNumberTrim(b.min)}` : `${formatNumberTrim(b.min)} – < ${formatNumberTrim(b.max)}`
    const c = ws.getCell(r, 1)
    c.value = exportText(b.label)
    paintPredikat(c, b.key)
    c.border = BORDER_ALL
    ws.getCell(r, 2).value = range
    ws.getCell(r, 2).font = FONT
    r++
  }
  const c = ws.getCell(r, 1)
  c.value = 'belum ada data'
  paintPredikat(c, null)
  c.border = BORDER_ALL
  ws.getCell(r, 2).value = 'tidak ada indikator atau belum ada realisasi (bukan 0)'
  ws.getCell(r, 2).font = FONT
  r += 2
  ws.mergeCells(r, 1, r, MATRIX_COLS)
  const note = ws.getCell(r, 1)
  note.value = `Skor sel = rata-rata tertimbang capaian indikator pada sel tersebut, setiap capaian dibatasi ${formatNumberTrim(data.bundle.settings.cap)}%. Rata-rata aspek, strategi dan keseluruhan dihitung dari capaian indikator yang sama (bukan rata-rata dari rata-rata).`
  note.font = { ...FONT, italic: true, size: 9 }
  note.alignment = { wrapText: true, vertical: 'top' }
  ws.getRow(r).height = heightFor(2)
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: MATRIX_HEADER_ROW, showGridLines: false }]
  ws.pageSetup.printTitlesRow = `${MATRIX_HEADER_ROW}:${MATRIX_HEADER_ROW}`
}

function indicatorCols(withOpd: boolean): Col[] {
  return [
    ...(withOpd ? [{ header: 'Perangkat daerah', width: 22 } as Col] : []),
    { header: 'Kode', width: 10, kind: 'code' },
    { header: 'Indikator', width: 44 },
    { header: 'Unit penanggung jawab', width: 18 },
    { header: 'Aspek', width: 13 },
    { header: 'Strategi', width: 13 },
    { header: 'Satuan', width: 10 },
    { header: 'Polaritas', width: 10 },
    { header: 'Pola ukur', width: 12 },
    { header: 'Bobot', width: 8, kind: 'num' },
    { header: 'Target periode', width: 12, kind: 'num' },
    { header: 'Realisasi periode', width: 12, kind: 'num' },
    { header: 'Capaian (%)', width: 11, kind: 'num' },
    { header: 'Capaian dibatasi (%)', width: 11, kind: 'num' },
    { header: 'Predikat', width: 13 },
    { header: 'Status', width: 14 },
  ]
}

function indicatorValues(ind: IndicatorInput, r: IndicatorResult, opdName: string | null, withOpd: boolean): CellValue[] {
  return [
    ...(withOpd ? [opdName] : []),
    ind.code,
    ind.name,
    ind.unitName,
    ASPECT_SHORT[ind.aspect],
    STRATEGY_SHORT[ind.strategy],
    ind.unit,
    ind.polarity === 'turun' ? 'Turun' : 'Naik',
    POLA_UKUR_LABELS[ind.polaUkur],
    ind.weight,
    r.target,
    r.realisasi,
    r.capaianRaw,
    r.capaianCapped,
    r.predikat?.label ?? '–',
    r.statusLabel,
  ]
}

function writeAspectSheet(wb: ExcelJS.Workbook, data: RekapData, aspect: Aspect, opdName: (ind: IndicatorInput) => string | null) {
  const ws = wb.addWorksheet(`Aspek ${ASPECT_SHORT[aspect]}`, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const withOpd = data.scope.opdId == null
  // One column grid for both tables: the strategy summary on top, the indicators below.
  const cols: Col[] = [
    { header: 'Strategi', width: 20 },
    { header: 'Kode', width: 10, kind: 'code' },
    { header: 'Capaian dibatasi (%)', width: 11, kind: 'num' },
    { header: 'Predikat', width: 14 },
    { header: 'Indikator', width: 46 },
    { header: 'Unit penanggung jawab', width: 20 },
    { header: 'Satuan', width: 10 },
    { header: 'Pola ukur', width: 12 },
    { header: 'Target periode', width: 11, kind: 'num' },
    { header: 'Realisasi periode', width: 11, kind: 'num' },
    { header: 'Capaian (%)', width: 11, kind: 'num' },
    { header: 'Status', width: 14 },
    ...(withOpd ? [{ header: 'Perangkat daerah', width: 22 } as Col] : []),
  ]
  const r0 = titleRows(ws, data, `ASPEK ${ASPECT_NAMES[aspect].toUpperCase()}`, 8)
  const res = data.bundle.result
  const notes = data.notes.filter((n) => n.aspect === aspect)
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width))

  const stratCols: Col[] = [
    { header: 'Strategi', width: 20 },
    { header: 'Dinilai / jumlah indikator', width: 10, kind: 'code' },
    { header: 'Skor', width: 11, kind: 'num' },
    { header: 'Predikat', width: 14 },
    { header: 'Penilaian rapat evaluasi (kendala; rekomendasi)', width: 46 },
    { header: 'Belum ada data', width: 20 },
  ]
  ws.getCell(r0, 1).value = 'Skor per strategi'
  ws.getCell(r0, 1).font = FONT_BOLD
  const stratRows = STRATEGIES.map((s) => {
    const sc = res.cells[aspect][s]
    const meeting = notes
      .filter((x) => x.strategy === s)
      .map((x) => {
        const j = isJudgement(x.judgement) ? JUDGEMENT_TEXT[x.judgement] : x.judgement
        const parts = [x.kendala?.trim() ? `Kendala: ${x.kendala.trim()}` : '', x.rekomendasi?.trim() ? `Rekomendasi: ${x.rekomendasi.trim()}` : ''].filter(Boolean)
        return `${j}${parts.length ? ` — ${parts.join(' ')}` : ''}`
      })
      .join('\n')
    return [
      STRATEGY_LABELS[s],
      `${sc.scoredCount}/${sc.indicatorCount}`,
      sc.value,
      sc.value === null ? 'belum ada data' : (sc.predikat?.label ?? '–'),
      meeting || 'Belum ada catatan rapat',
      sc.missing.join(', ') || '–',
    ] as CellValue[]
  })
  const last = writeTable(ws, r0 + 1, stratCols, stratRows, { autoFilter: false, setWidths: false })
  STRATEGIES.forEach((s, i) => {
    const sc = res.cells[aspect][s]
    const row = r0 + 2 + i
    scoreCell(ws.getCell(row, 3), sc)
    paintPredikat(ws.getCell(row, 4), sc.value === null ? null : sc.predikat?.key)
    ws.getCell(row, 4).border = BORDER_ALL
  })

  const ir0 = last + 3
  ws.getCell(ir0 - 1, 1).value = 'Indikator pada aspek ini'
  ws.getCell(ir0 - 1, 1).font = FONT_BOLD
  const byId = new Map(res.indicators.map((r) => [r.indicatorId, r]))
  const inds = data.bundle.data.indicators.filter((i) => i.aspect === aspect)
  inds.sort((a, b) => STRATEGIES.indexOf(a.strategy) - STRATEGIES.indexOf(b.strategy) || a.code.localeCompare(b.code, 'id'))
  const rows = inds.map((ind) => {
    const r = byId.get(ind.id)!
    return [
      STRATEGY_LABELS[ind.strategy],
      ind.code,
      r.capaianCapped,
      r.predikat?.label ?? '–',
      ind.name,
      ind.unitName,
      ind.unit,
      POLA_UKUR_LABELS[ind.polaUkur],
      r.target,
      r.realisasi,
      r.capaianRaw,
      r.statusLabel,
      ...(withOpd ? [opdName(ind)] : []),
    ] as CellValue[]
  })
  writeTable(ws, ir0, cols, rows, { autoFilter: true, setWidths: false })
  inds.forEach((ind, i) => paintPredikat(ws.getCell(ir0 + 1 + i, 4), byId.get(ind.id)?.predikat?.key))
  ws.views = [{ state: 'normal', showGridLines: false }]
}

function writeFlags(wb: ExcelJS.Workbook, data: RekapData) {
  const ws = wb.addWorksheet('Perlu Perhatian', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const cols: Col[] = [
    { header: 'No', width: 5, kind: 'int' },
    { header: 'Jenis', width: 26 },
    { header: 'Aspek', width: 14 },
    { header: 'Strategi', width: 20 },
    { header: 'Indikator', width: 12, kind: 'code' },
    { header: 'Alasan', width: 90 },
  ]
  const r0 = titleRows(ws, data, 'AREA YANG PERLU PERHATIAN', cols.length)
  const rows = data.bundle.result.flags.map((f, i) => [
    i + 1,
    FLAG_KIND_LABELS[f.kind] ?? f.kind,
    f.aspect ? ASPECT_SHORT[f.aspect] : '–',
    f.strategy ? STRATEGY_LABELS[f.strategy] : '–',
    f.indicatorCode ?? '–',
    f.reason,
  ])
  if (rows.length === 0) rows.push(['', 'Tidak ada', '', '', '', 'Tidak ada sel atau indikator yang perlu perhatian pada periode ini.'] as never)
  writeTable(ws, r0, cols, rows)
  ws.views = [{ state: 'frozen', ySplit: r0, showGridLines: false }]
  ws.pageSetup.printTitlesRow = `${r0}:${r0}`
}

function writeNotes(wb: ExcelJS.Workbook, data: RekapData) {
  const ws = wb.addWorksheet('Catatan Rapat', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const withOpd = data.scope.opdId == null
  const cols: Col[] = [
    ...(withOpd ? [{ header: 'Perangkat daerah', width: 22 } as Col] : []),
    { header: 'Aspek', width: 14 },
    { header: 'Strategi', width: 20 },
    { header: 'Penilaian rapat', width: 13 },
    { header: 'Skor terhitung', width: 11, kind: 'num' },
    { header: 'Predikat terhitung', width: 14 },
    { header: 'Kesesuaian', width: 34 },
    { header: 'Kendala', width: 44 },
    { header: 'Rekomendasi', width: 44 },
    { header: 'Dicatat oleh', width: 18 },
    { header: 'Diperbarui (UTC)', width: 20 },
  ]
  const r0 = titleRows(ws, data, 'CATATAN RAPAT EVALUASI', cols.length)
  const res = data.bundle.result
  const opdNames = new Map(data.opds.map((o) => [o.id, o.shortName ?? o.name]))
  const rows: CellValue[][] = data.notes.map((n) => {
    // City level: the matrix is the city's; per OPD notes are compared with the city cell.
    const cell =
      (ASPECTS as readonly string[]).includes(n.aspect) && (STRATEGIES as readonly string[]).includes(n.strategy) ? res.cells[n.aspect as Aspect][n.strategy as Strategy] : null
    const disagreement = cell && isJudgement(n.judgement) ? judgementDisagreement(n.judgement, cell.value, cell.predikat, data.bundle.settings.bands) : null
    return [
      ...(withOpd ? [opdNames.get(n.opdId) ?? String(n.opdId)] : []),
      ASPECT_SHORT[n.aspect as Aspect] ?? n.aspect,
      STRATEGY_LABELS[n.strategy as Strategy] ?? n.strategy,
      isJudgement(n.judgement) ? JUDGEMENT_TEXT[n.judgement] : n.judgement,
      cell?.value ?? null,
      cell ? (cell.value === null ? 'belum ada data' : (cell.predikat?.label ?? '–')) : '–',
      disagreement ?? (cell?.value == null ? '–' : 'Sesuai'),
      n.kendala,
      n.rekomendasi,
      n.updatedBy ?? n.createdBy,
      n.updatedAt,
    ]
  })
  if (rows.length === 0) {
    const empty: CellValue[] = cols.map(() => null)
    empty[withOpd ? 1 : 0] = 'Belum ada catatan rapat untuk periode ini.'
    rows.push(empty)
  }
  writeTable(ws, r0, cols, rows)
  ws.views = [{ state: 'frozen', ySplit: r0, showGridLines: false }]
  ws.pageSetup.printTitlesRow = `${r0}:${r0}`
}

function writeDetail(wb: ExcelJS.Workbook, data: RekapData, opdName: (ind: IndicatorInput) => string | null) {
  const ws = wb.addWorksheet('Rincian Indikator', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const withOpd = data.scope.opdId == null
  const period = data.bundle.result.period
  const cols: Col[] = [
    ...indicatorCols(withOpd),
    ...[1, 2, 3, 4].map((q) => ({ header: `TW ${romanQuarter(q)} ${period.year}`, width: 10, kind: 'num' }) as Col),
    { header: 'Target akhir Renstra', width: 11, kind: 'num' },
    { header: 'Realisasi Renstra s.d. periode', width: 12, kind: 'num' },
    { header: 'Capaian Renstra (%)', width: 11, kind: 'num' },
    { header: 'Kendala', width: 40 },
    { header: 'Tindak lanjut', width: 40 },
  ]
  const r0 = titleRows(ws, data, 'RINCIAN INDIKATOR', Math.min(cols.length, 12))
  const byId = new Map(data.bundle.result.indicators.map((r) => [r.indicatorId, r]))
  const rows = data.bundle.data.indicators.map((ind) => {
    const r = byId.get(ind.id)!
    const n = data.narratives.get(ind.id)
    return [
      ...indicatorValues(ind, r, opdName(ind), withOpd),
      ...r.e81.quarters.map((v, i) => (r.notMeasuredQuarters.includes(i + 1) ? 'tidak diukur' : v)),
      r.renstra.target,
      r.renstra.realisasi,
      r.renstra.capaian,
      n?.kendala ? `TW ${romanQuarter(n.kendala.quarter)}: ${n.kendala.text}` : null,
      n?.tindakLanjut ? `TW ${romanQuarter(n.tindakLanjut.quarter)}: ${n.tindakLanjut.text}` : null,
    ] as CellValue[]
  })
  writeTable(ws, r0, cols, rows)
  const predCol = cols.findIndex((c) => c.header === 'Predikat') + 1
  data.bundle.data.indicators.forEach((ind, i) => paintPredikat(ws.getCell(r0 + 1 + i, predCol), byId.get(ind.id)?.predikat?.key))
  ws.views = [{ state: 'frozen', xSplit: withOpd ? 3 : 2, ySplit: r0, showGridLines: false }]
  ws.pageSetup.printTitlesRow = `${r0}:${r0}`
}

export async function buildRekapWorkbook(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<BuiltFile> {
  const data = await loadRekap(db, scope, settings)
  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, `Rekap Strategi Osborne ${periodLabel(data.bundle.result.period, { explicitQuarter: true })}`, scope.asOf)
  const opdByIndicator = new Map<number, string>()
  const opdNames = new Map(data.opds.map((o) => [o.id, o.shortName ?? o.name]))
  for (const [id, m] of data.bundle.data.meta) opdByIndicator.set(id, opdNames.get(m.opdId) ?? '')
  const opdName = (ind: IndicatorInput) => opdByIndicator.get(ind.id) ?? null
  writeMatrix(wb, data)
  for (const a of ASPECTS) writeAspectSheet(wb, data, a, opdName)
  writeFlags(wb, data)
  writeNotes(wb, data)
  await writeActionsSheet(wb, db, scope, data.opds.length === 1 ? (data.opds[0]!.shortName ?? data.opds[0]!.name) : 'Seluruh perangkat daerah')
  writeDetail(wb, data, opdName)
  const p = data.bundle.result.period
  const who = scope.opdId == null ? 'semua-opd' : slug(data.opds[0]?.shortName ?? data.opds[0]?.code ?? 'opd')
  const kind = p.kind === 'renstra' ? 'renstra_' : p.kind === 'satu_triwulan' ? 'tw_' : ''
  const filename = `Rekap_Strategi_${who}${data.unitLabel ? `_${slug(data.unitLabel)}` : ''}_${kind}${p.year}_TW${romanQuarter(p.quarter)}.xlsx`
  return { buffer: await workbookBuffer(wb), filename }
}
