// Formulir E.81 "Evaluasi terhadap Hasil Renja Perangkat Daerah" (Permendagri 86/2017), one
// worksheet per OPD. Every number comes from the scoring service (app/domain through
// scoreScope, loaded in e81-rows.server.ts); columns 12–14 follow the pola ukur rules, never the
// plain sum of the quarters. This module writes the sheet head and the table's E.81 columns; the
// rows below the table are e81-summary.server.ts, the layout E.80 shares is form-sheet.server.ts.
import type ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { periodLabel, renstraModeOf, RENSTRA_MODE_LABELS, romanQuarter, type Quarter, type ScoringSettings } from '../../domain'
import type { ExportScope } from './context.server'
import { NUM_FMT, setNumber, setText, linesNeeded, slug } from './style.server'
import { budgetColumns, e81Period, type E81Row, type E81Sheet } from './e81-rows.server'
import {
  buildFormWorkbook,
  formSheetOptions,
  header,
  hf,
  numFmt,
  printSetup,
  rpFmt,
  signatureBlocks,
  writeFormTable,
  writeLeftHeaders,
  writeNumbersRow,
  writeTitles,
  streamFormWorkbook,
  type BuiltFile,
  type FormSpec,
  type TableColumns,
} from './form-sheet.server'
import { writeE81Summary } from './e81-summary.server'
import { loadE81City } from './e81-batch.server'
import {
  COL_INDIKATOR,
  COL_KODE,
  COL_NO,
  COL_PROGRAM,
  COL_SASARAN,
  COL_KETERANGAN,
  COL15,
  E81_FIRST_DATA_ROW,
  E81_HEADER_FIRST,
  E81_LAST_COL,
  E81_NUMBERS_ROW,
  kCol,
  rpCol,
  WIDTHS,
} from './e81-layout.server'

function indicatorKeterangan(row: E81Row): string {
  const { input, result } = row
  const parts: string[] = []
  if (result.status !== 'ok' || result.late) parts.push(result.statusLabel)
  for (const q of result.notMeasuredQuarters) parts.push(`TW ${romanQuarter(q as Quarter)} tidak diukur`)
  parts.push(`Kolom 13: ${RENSTRA_MODE_LABELS[renstraModeOf(input)].toLowerCase()}`)
  return parts.join('; ')
}

/** Title rows 1–5, header rows 6–8 and the column numbers in row 9. */
function writeHead(ws: ExcelJS.Worksheet, sheet: E81Sheet, unitLabel: string | null) {
  const { opd, bundle } = sheet
  const period = bundle.result.period
  const year = period.year
  const renstra = bundle.data.renstra
  writeTitles(
    ws,
    [
      ['EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH', 14, true],
      ['Formulir E.81 — Permendagri Nomor 86 Tahun 2017', 10, false],
      [`Perangkat Daerah: ${opd.name}${unitLabel ? ` — ${unitLabel}` : ''}`, 11, true],
      [`Periode pelaksanaan: ${periodLabel(period, { explicitQuarter: true })}${renstra ? ` · Renstra ${renstra.startYear}–${renstra.endYear}` : ''}`, 11, false],
      ['K = kinerja (baris indikator); Rp = anggaran dalam rupiah (baris program/kegiatan/sub kegiatan: pagu dan realisasi anggaran yang diajukan atau diverifikasi).', 9, false],
    ],
    E81_LAST_COL,
  )
  const h1 = E81_HEADER_FIRST
  const h2 = h1 + 1
  const h3 = h1 + 2
  writeLeftHeaders(ws, h1)
  header(ws, h1, kCol(5), h2, rpCol(5), `Target Renstra PD pada akhir periode Renstra${renstra ? ` (${renstra.endYear})` : ''}`)
  header(ws, h1, kCol(6), h2, rpCol(6), `Realisasi capaian kinerja Renstra PD s.d. Renja PD tahun lalu (${year - 1})`)
  header(ws, h1, kCol(7), h2, rpCol(7), `Target kinerja dan anggaran Renja PD tahun berjalan (${year}) yang dievaluasi`)
  header(ws, h1, kCol(8), h1, rpCol(11), 'Realisasi kinerja pada triwulan')
  for (let t = 1; t <= 4; t++) header(ws, h2, kCol(7 + t), h2, rpCol(7 + t), romanQuarter(t))
  header(ws, h1, kCol(12), h2, rpCol(12), `Realisasi capaian kinerja dan anggaran Renja PD yang dievaluasi (${year} s.d. TW ${romanQuarter(period.quarter)})`)
  header(ws, h1, kCol(13), h2, rpCol(13), `Realisasi kinerja dan anggaran Renstra PD s.d. tahun ${year}`)
  header(ws, h1, kCol(14), h2, rpCol(14), `Tingkat capaian kinerja dan realisasi anggaran Renstra PD s.d. tahun ${year} (%)`)
  header(ws, h1, COL15, h3, COL15, 'Unit PD penanggung jawab')
  header(ws, h1, COL_KETERANGAN, h3, COL_KETERANGAN, 'Keterangan')
  for (let c = 5; c <= 14; c++) {
    header(ws, h3, kCol(c), h3, kCol(c), 'K')
    header(ws, h3, rpCol(c), h3, rpCol(c), 'Rp')
  }
  // the form's column numbers: 3 spans Kode and Uraian, 5–14 span K and Rp
  const spans: [number, number][] = [
    [COL_NO, COL_NO],
    [COL_SASARAN, COL_SASARAN],
    [COL_KODE, COL_PROGRAM],
    [COL_INDIKATOR, COL_INDIKATOR],
  ]
  for (let c = 5; c <= 14; c++) spans.push([kCol(c), rpCol(c)])
  spans.push([COL15, COL15], [COL_KETERANGAN, COL_KETERANGAN])
  writeNumbersRow(ws, E81_NUMBERS_ROW, spans)
  ws.getRow(h1).height = 30
  ws.getRow(h2).height = 72
  ws.getRow(h3).height = 16
}

/** The E.81 columns of the table's rows; collects the column-14 values the summary averages. */
function e81Columns(sheet: E81Sheet, kValues: number[], rpValues: number[]): TableColumns {
  const { bundle, budget } = sheet
  const period = bundle.result.period
  const renstra = bundle.data.renstra
  const width = (c: number) => WIDTHS[c]!
  return {
    lastCol: E81_LAST_COL,
    width,
    numeric: (c) => c >= kCol(5) && c <= rpCol(14),
    program(cells, node) {
      const b = budgetColumns(budget, node.id, renstra, period.year, period.quarter)
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
      return [linesNeeded(ket, width(COL_KETERANGAN))]
    },
    indicator(cells, row) {
      const { input, result } = row
      const e = result.e81
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
      const ket = indicatorKeterangan(row)
      setText(cells.getCell(COL_KETERANGAN), ket)
      return [linesNeeded(input.unitName, width(COL15)), linesNeeded(ket, width(COL_KETERANGAN))]
    },
  }
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: E81Sheet, opts: { unitLabel: string | null; asOf: Date }) {
  const { opd, bundle } = sheet
  const period = bundle.result.period
  for (const [c, w] of Object.entries(WIDTHS)) ws.getColumn(Number(c)).width = w
  writeHead(ws, sheet, opts.unitLabel)
  // Data rows: grouped under sasaran; programs with their kegiatan beneath; indicators on their own rows.
  const kValues: number[] = []
  const rpValues: number[] = []
  const next = writeFormTable(ws, sheet.table, E81_FIRST_DATA_ROW, e81Columns(sheet, kValues, rpValues))
  const lastDataRow = next - 1
  let r = writeE81Summary(ws, lastDataRow, sheet, kValues, rpValues)
  r = signatureBlocks(ws, r, opd, opts.asOf, bundle.settings.timeZone, { left: [COL_SASARAN, COL_INDIKATOR], right: [kCol(12), E81_LAST_COL] })
  printSetup(ws, {
    lastCol: E81_LAST_COL,
    lastRow: r - 1,
    headerFirst: E81_HEADER_FIRST,
    numbersRow: E81_NUMBERS_ROW,
    firstDataRow: E81_FIRST_DATA_ROW,
    footer: `&L&8Formulir E.81 — ${hf(opd.shortName ?? opd.name)} — ${hf(periodLabel(period, { explicitQuarter: true }))}&R&8Halaman &P dari &N`,
  })
  return { lastDataRow }
}

/**
 * The E.81 workbook for one OPD (or every OPD, one sheet each), optionally one bidang. Every OPD
 * without a bidang is the city bundle: loaded in a fixed number of queries (e81-batch.server.ts)
 * and written sheet by sheet with the streaming writer (ADR 0036).
 */
export async function buildE81Workbook(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<BuiltFile> {
  const period = e81Period(scope.period)
  const form: FormSpec = {
    sheet: 'E.81',
    title: `Formulir E.81 ${periodLabel(period, { explicitQuarter: true })}`,
    emptyPageSetup: false,
    filename: (who, unitLabel) => `E81_${who}${unitLabel ? `_${slug(unitLabel)}` : ''}_${period.year}_TW${romanQuarter(period.quarter as Quarter)}.xlsx`,
    write: writeSheet,
    sheetOptions: formSheetOptions({ numbersRow: E81_NUMBERS_ROW, firstDataRow: E81_FIRST_DATA_ROW }),
  }
  if (scope.opdId == null && scope.unitId == null) return streamFormWorkbook(await loadE81City(db, scope, settings), null, scope.asOf, form)
  return buildFormWorkbook(db, scope, settings, form)
}
