// Sheet "Matriks" of the Rekap workbook: 3 aspects × 5 strategies, a score row (number, coloured)
// and a label row per aspect, the strategy means and overall score, then the predikat legend.
import type ExcelJS from 'exceljs'
import { ASPECTS, formatNumberTrim, sortBands, STRATEGIES, type Aspect, type Score, type Strategy } from '../../../domain'
import { ASPECT_NAMES, STRATEGY_LABELS } from '../../../domain/labels'
import { exportText } from '../safety.server'
import { BORDER_ALL, FONT, FONT_BOLD, heightFor, paintPredikat, styleHeader } from '../style.server'
import { addRekapSheet, labelCell, scoreCell, titleRows, type RekapData } from './common.server'

const MATRIX_COLS = 2 + STRATEGIES.length // aspect label, five strategies, aspect mean

export const MATRIX_HEADER_ROW = 5
export const matrixRowOf = (aspect: Aspect) => MATRIX_HEADER_ROW + 1 + ASPECTS.indexOf(aspect) * 2
export const matrixColOf = (strategy: Strategy) => 2 + STRATEGIES.indexOf(strategy)

function writeHeader(ws: ExcelJS.Worksheet) {
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
}

/** One matrix line: the merged label, a score row and a predikat-label row under it. */
function writePair(ws: ExcelJS.Worksheet, row: number, label: string, scores: Score[], last: Score | null) {
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

/** Legend from row `start`: the bands with their colours, and how the scores are made. */
function writeLegend(ws: ExcelJS.Worksheet, data: RekapData, start: number) {
  let r = start
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
}

export function writeMatrix(wb: ExcelJS.Workbook, data: RekapData) {
  const ws = addRekapSheet(wb, 'Matriks')
  titleRows(ws, data, 'REKAP STRATEGI OSBORNE & PLASTRIK PER ASPEK LAYANAN INFORMASI PUBLIK', MATRIX_COLS)
  const res = data.bundle.result
  writeHeader(ws)
  for (const a of ASPECTS)
    writePair(
      ws,
      matrixRowOf(a),
      ASPECT_NAMES[a],
      STRATEGIES.map((s) => res.cells[a][s]),
      res.byAspect[a],
    )
  const stratRow = matrixRowOf(ASPECTS[ASPECTS.length - 1]!) + 2
  writePair(
    ws,
    stratRow,
    'Rata-rata strategi',
    STRATEGIES.map((s) => res.byStrategy[s]),
    res.overall,
  )
  ws.getCell(stratRow + 2, 1).value = 'Kolom terakhir baris "Rata-rata strategi" = skor keseluruhan.'
  ws.getCell(stratRow + 2, 1).font = { ...FONT, italic: true, size: 9 }
  writeLegend(ws, data, stratRow + 4)
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: MATRIX_HEADER_ROW, showGridLines: false }]
  ws.pageSetup.printTitlesRow = `${MATRIX_HEADER_ROW}:${MATRIX_HEADER_ROW}`
}
