// Sheet "Aspek …" of the Rekap workbook, one per aspect: the strategy summary with the meeting's
// judgement on top, the aspect's indicators below, both on one column grid.
import type ExcelJS from 'exceljs'
import { STRATEGIES, type Aspect, type IndicatorInput } from '../../../domain'
import { ASPECT_NAMES, ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_LABELS } from '../../../domain/labels'
import { JUDGEMENT_TEXT, isJudgement } from '../../../utils/notes'
import type { NoteRow } from '../context.server'
import { BORDER_ALL, FONT_BOLD, paintPredikat } from '../style.server'
import { writeTable, type CellValue, type Col } from '../table.server'
import { addRekapSheet, scoreCell, titleRows, type RekapData } from './common.server'

/** The sheet's column grid (the indicator table's headers; the summary uses the widths only). */
function aspectCols(withOpd: boolean): Col[] {
  return [
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
}

const STRATEGY_COLS: Col[] = [
  { header: 'Strategi', width: 20 },
  { header: 'Dinilai / jumlah indikator', width: 10, kind: 'code' },
  { header: 'Skor', width: 11, kind: 'num' },
  { header: 'Predikat', width: 14 },
  { header: 'Penilaian rapat evaluasi (kendala; rekomendasi)', width: 46 },
  { header: 'Belum ada data', width: 20 },
]

/** The meeting's judgements of one cell, one line each, with kendala and rekomendasi. */
function meetingText(notes: NoteRow[]): string {
  return notes
    .map((x) => {
      const j = isJudgement(x.judgement) ? JUDGEMENT_TEXT[x.judgement] : x.judgement
      const parts = [x.kendala?.trim() ? `Kendala: ${x.kendala.trim()}` : '', x.rekomendasi?.trim() ? `Rekomendasi: ${x.rekomendasi.trim()}` : ''].filter(Boolean)
      return `${j}${parts.length ? ` — ${parts.join(' ')}` : ''}`
    })
    .join('\n')
}

/** "Skor per strategi" from row r0; returns the table's last row. */
function writeStrategySummary(ws: ExcelJS.Worksheet, data: RekapData, aspect: Aspect, r0: number): number {
  const res = data.bundle.result
  const notes = data.notes.filter((n) => n.aspect === aspect)
  ws.getCell(r0, 1).value = 'Skor per strategi'
  ws.getCell(r0, 1).font = FONT_BOLD
  const stratRows = STRATEGIES.map((s) => {
    const sc = res.cells[aspect][s]
    const meeting = meetingText(notes.filter((x) => x.strategy === s))
    return [
      STRATEGY_LABELS[s],
      `${sc.scoredCount}/${sc.indicatorCount}`,
      sc.value,
      sc.value === null ? 'belum ada data' : (sc.predikat?.label ?? '–'),
      meeting || 'Belum ada catatan rapat',
      sc.missing.join(', ') || '–',
    ] as CellValue[]
  })
  const last = writeTable(ws, r0 + 1, STRATEGY_COLS, stratRows, { autoFilter: false, setWidths: false })
  STRATEGIES.forEach((s, i) => {
    const sc = res.cells[aspect][s]
    const row = r0 + 2 + i
    scoreCell(ws.getCell(row, 3), sc)
    paintPredikat(ws.getCell(row, 4), sc.value === null ? null : sc.predikat?.key)
    ws.getCell(row, 4).border = BORDER_ALL
  })
  return last
}

/** "Indikator pada aspek ini": the table's header on row ir0, by strategy then code. */
function writeAspectIndicators(ws: ExcelJS.Worksheet, data: RekapData, aspect: Aspect, ir0: number, cols: Col[], opdName: (ind: IndicatorInput) => string | null) {
  const withOpd = data.scope.opdId == null
  ws.getCell(ir0 - 1, 1).value = 'Indikator pada aspek ini'
  ws.getCell(ir0 - 1, 1).font = FONT_BOLD
  const byId = new Map(data.bundle.result.indicators.map((r) => [r.indicatorId, r]))
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
}

export function writeAspectSheet(wb: ExcelJS.Workbook, data: RekapData, aspect: Aspect, opdName: (ind: IndicatorInput) => string | null) {
  const ws = addRekapSheet(wb, `Aspek ${ASPECT_SHORT[aspect]}`)
  const cols = aspectCols(data.scope.opdId == null)
  const r0 = titleRows(ws, data, `ASPEK ${ASPECT_NAMES[aspect].toUpperCase()}`, 8)
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width))
  const last = writeStrategySummary(ws, data, aspect, r0)
  writeAspectIndicators(ws, data, aspect, last + 3, cols, opdName)
  ws.views = [{ state: 'normal', showGridLines: false }]
}
