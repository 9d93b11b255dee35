// Formulir E.80 "Evaluasi terhadap Hasil Renstra Perangkat Daerah" (Permendagri 86/2017), one
// worksheet per OPD, from the same rows as E.81 (e81-rows.server.ts): per Renstra year the target
// and the realisation (K for the indicators, Rp for the programs / kegiatan / sub kegiatan) and
// their capaian, then the Renstra end. K per year comes from the scoring engine (the year's period
// value by pola ukur, capaian against the year's target); the end from the engine's Renstra-to-date
// by Renstra mode. The layout E.80 shares with E.81 is form-sheet.server.ts.
import type ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { indexRows, indicatorResult, periodLabel, predikatOf, romanQuarter, type IndicatorResult, type Quarter, type RealisasiInput, type ScoringSettings } from '../../domain'
import { anggaranSum, capaianAnggaran, paguOf, paguSum } from '../../models/budget-read.server'
import type { ExportScope } from './context.server'
import { e81Period, meanOf, type E81Sheet } from './e81-rows.server'
import {
  bandText,
  buildFormWorkbook,
  COL_INDIKATOR,
  COL_KODE,
  COL_NO,
  COL_PROGRAM,
  COL_SASARAN,
  header,
  hf,
  merge,
  numFmt,
  printSetup,
  rpFmt,
  signatureBlocks,
  writeFormTable,
  writeLeftHeaders,
  writeNotes,
  writeNumbersRow,
  writeTitles,
  type BuiltFile,
  type TableColumns,
} from './form-sheet.server'
import { FONT, FONT_BOLD, heightFor, labelRow, linesNeeded, NUM_FMT, paintPredikat, setNumber, setText, slug } from './style.server'

export const E80_HEADER_FIRST = 6
export const E80_NUMBERS_ROW = 9
export const E80_FIRST_DATA_ROW = 10
const COL_AWAL = 6

/** Column layout of one sheet: sections of K/Rp pairs, one pair per Renstra year, then the end. */
export function e80Layout(years: number[]) {
  const n = years.length
  const first = COL_AWAL + 1
  const target = (i: number) => first + i * 2
  const realisasi = (i: number) => first + n * 2 + i * 2
  const capaian = (i: number) => first + n * 4 + i * 2
  const endStart = first + n * 6
  const end = { target: endStart, realisasi: endStart + 2, capaian: endStart + 4 }
  const unit = endStart + 6
  const keterangan = unit + 1
  return { years, target, realisasi, capaian, end, unit, keterangan, last: keterangan }
}
type Layout = ReturnType<typeof e80Layout>

interface YearCells {
  targetK: number | null
  realK: number | null
  capK: number | null
}

function widthFor(layout: Layout, c: number): number {
  if (c === COL_NO) return 4.5
  if (c === COL_SASARAN) return 16
  if (c === COL_KODE) return 10
  if (c === COL_PROGRAM) return 20
  if (c === COL_INDIKATOR) return 28
  if (c === COL_AWAL) return 8.5
  if (c === layout.unit) return 12
  if (c === layout.keterangan) return 14
  return (c - (COL_AWAL + 1)) % 2 === 0 ? 8.5 : 12
}

/** Per-year results of every indicator, from the engine (years after the evaluated one stay empty). */
function perYearResults(sheet: E81Sheet, years: number[], renstraStart: number, asOf: Date): Map<number, YearCells[]> {
  const { bundle } = sheet
  const { year: Y, quarter: q } = bundle.result.period
  const rowsOf = new Map<number, RealisasiInput[]>()
  for (const r of bundle.data.realisasi) {
    const list = rowsOf.get(r.indicatorId) ?? []
    list.push(r)
    rowsOf.set(r.indicatorId, list)
  }
  const perYear = new Map<number, YearCells[]>()
  for (const input of bundle.data.indicators) {
    const idx = indexRows(rowsOf.get(input.id) ?? [])
    perYear.set(
      input.id,
      years.map((y) => {
        const targetK = input.annualTargets[y] ?? null
        if (y > Y) return { targetK, realK: null, capK: null }
        const res: IndicatorResult = indicatorResult(input, idx, { kind: 'triwulan', year: y, quarter: (y === Y ? q : 4) as Quarter }, bundle.settings, asOf, {
          renstraStartYear: renstraStart,
        })
        return { targetK, realK: res.e81.realisasiTahunIni, capK: res.capaianRaw }
      }),
    )
  }
  return perYear
}

/** Title rows 1–5, header rows 6–8 and the column numbers in row 9. */
function writeHead(ws: ExcelJS.Worksheet, sheet: E81Sheet, L: Layout, renstra: { startYear: number; endYear: number }, unitLabel: string | null) {
  const { opd, bundle } = sheet
  const period = bundle.result.period
  const years = L.years
  writeTitles(
    ws,
    [
      ['EVALUASI TERHADAP HASIL RENSTRA PERANGKAT DAERAH', 14, true],
      ['Formulir E.80 — Permendagri Nomor 86 Tahun 2017', 10, false],
      [`Perangkat Daerah: ${opd.name}${unitLabel ? ` — ${unitLabel}` : ''}`, 11, true],
      [`Renstra ${renstra.startYear}–${renstra.endYear} · realisasi s.d. ${periodLabel(period, { explicitQuarter: true })}`, 11, false],
      ['K = kinerja (baris indikator); Rp = anggaran dalam rupiah (baris program/kegiatan/sub kegiatan: pagu dan realisasi anggaran yang diajukan atau diverifikasi).', 9, false],
    ],
    L.last,
  )
  const h1 = E80_HEADER_FIRST
  const h2 = h1 + 1
  const h3 = h1 + 2
  writeLeftHeaders(ws, h1)
  header(ws, h1, COL_AWAL, h2, COL_AWAL, `Data capaian pada awal tahun perencanaan`)
  header(ws, h3, COL_AWAL, h3, COL_AWAL, 'K')
  const n = years.length
  header(ws, h1, L.target(0), h1, L.target(n - 1) + 1, 'Target kinerja dan anggaran Renstra PD tahun ke-')
  header(ws, h1, L.realisasi(0), h1, L.realisasi(n - 1) + 1, 'Realisasi capaian kinerja dan anggaran Renstra PD tahun ke-')
  header(ws, h1, L.capaian(0), h1, L.capaian(n - 1) + 1, 'Rasio capaian pada tahun ke- (%)')
  header(ws, h1, L.end.target, h1, L.end.capaian + 1, `Akhir periode Renstra (${renstra.endYear})`)
  years.forEach((y, i) => {
    for (const col of [L.target(i), L.realisasi(i), L.capaian(i)]) header(ws, h2, col, h2, col + 1, `${i + 1} (${y})`)
  })
  header(ws, h2, L.end.target, h2, L.end.target + 1, 'Target')
  header(ws, h2, L.end.realisasi, h2, L.end.realisasi + 1, `Realisasi s.d. ${period.year}`)
  header(ws, h2, L.end.capaian, h2, L.end.capaian + 1, 'Capaian (%)')
  for (let c = L.target(0); c < L.unit; c += 2) {
    header(ws, h3, c, h3, c, 'K')
    header(ws, h3, c + 1, h3, c + 1, 'Rp')
  }
  header(ws, h1, L.unit, h3, L.unit, 'Unit PD penanggung jawab')
  header(ws, h1, L.keterangan, h3, L.keterangan, 'Keterangan')
  const spans: [number, number][] = [
    [COL_NO, COL_NO],
    [COL_SASARAN, COL_SASARAN],
    [COL_KODE, COL_PROGRAM],
    [COL_INDIKATOR, COL_INDIKATOR],
    [COL_AWAL, COL_AWAL],
  ]
  for (let c = L.target(0); c < L.unit; c += 2) spans.push([c, c + 1])
  spans.push([L.unit, L.unit], [L.keterangan, L.keterangan])
  writeNumbersRow(ws, E80_NUMBERS_ROW, spans)
  ws.getRow(h1).height = 44
  ws.getRow(h2).height = 30
  ws.getRow(h3).height = 16
}

/** The E.80 columns of the table's rows; `putCap` collects each capaian column's values for the summary. */
function e80Columns(
  sheet: E81Sheet,
  L: Layout,
  renstra: { startYear: number; endYear: number },
  perYear: Map<number, YearCells[]>,
  putCap: (cell: ExcelJS.Cell, col: number, v: number | null) => void,
): TableColumns {
  const { bundle, budget } = sheet
  const { year: Y, quarter: q } = bundle.result.period
  const width = (c: number) => widthFor(L, c)
  return {
    lastCol: L.last,
    width,
    numeric: (c) => c >= COL_AWAL && c < L.unit,
    program(cells, node) {
      const put = (col: number, v: number | null) => setNumber(cells.getCell(col), v, rpFmt(v))
      L.years.forEach((y, i) => {
        const pagu = paguOf(budget, node.id, y)
        const real = y > Y ? null : anggaranSum(budget, node.id, y, y, y === Y ? q : 4)
        put(L.target(i) + 1, pagu)
        put(L.realisasi(i) + 1, real)
        putCap(cells.getCell(L.capaian(i) + 1), L.capaian(i) + 1, capaianAnggaran(real, pagu))
      })
      const paguAll = paguSum(budget, node.id, renstra.startYear, renstra.endYear)
      const realAll = anggaranSum(budget, node.id, renstra.startYear, Y, q)
      put(L.end.target + 1, paguAll)
      put(L.end.realisasi + 1, realAll)
      putCap(cells.getCell(L.end.capaian + 1), L.end.capaian + 1, capaianAnggaran(realAll, paguAll))
      const ket = paguAll == null ? 'Pagu belum diisi' : ''
      setText(cells.getCell(L.keterangan), ket || null)
      return [linesNeeded(ket, width(L.keterangan))]
    },
    indicator(cells, row) {
      const { input, result } = row
      const put = (col: number, v: number | null) => setNumber(cells.getCell(col), v, numFmt(v))
      put(COL_AWAL, input.baseline)
      perYear.get(input.id)!.forEach((yc, i) => {
        put(L.target(i), yc.targetK)
        put(L.realisasi(i), yc.realK)
        putCap(cells.getCell(L.capaian(i)), L.capaian(i), yc.capK)
      })
      put(L.end.target, result.renstra.target)
      put(L.end.realisasi, result.renstra.realisasi)
      putCap(cells.getCell(L.end.capaian), L.end.capaian, result.renstra.capaian)
      setText(cells.getCell(L.unit), input.unitName)
      const ket = [result.status !== 'ok' || result.late ? result.statusLabel : null, `Akhir: ${result.renstra.mode === 'akumulasi' ? 'akumulasi' : 'tahun akhir'}`]
        .filter(Boolean)
        .join('; ')
      setText(cells.getCell(L.keterangan), ket)
      return [linesNeeded(input.unitName, width(L.unit)), linesNeeded(ket, width(L.keterangan))]
    },
  }
}

/** Summary rows: each capaian column, K and Rp apart, the arithmetic mean of its listed values, and its predikat. */
function writeSummary(ws: ExcelJS.Worksheet, r: number, sheet: E81Sheet, L: Layout, capCols: number[], listed: Map<number, number[]>): number {
  const bands = sheet.bundle.settings.bands
  const width = (c: number) => widthFor(L, c)
  const summary = (label: string, fill: (cell: ExcelJS.Cell, mean: number | null) => void) => {
    merge(ws, r, 1, r, COL_AWAL)
    labelRow(ws, r, L.last, label, 'right')
    for (const c of capCols) fill(ws.getCell(r, c), meanOf(listed.get(c)!))
    ws.getRow(r).height = heightFor(2)
    r++
  }
  summary('Rata-rata capaian kinerja (%)', (cell, mean) => {
    setNumber(cell, mean, NUM_FMT)
    cell.font = FONT_BOLD
    cell.alignment = { horizontal: 'right', vertical: 'top' }
  })
  summary('Predikat kinerja', (cell, mean) => {
    const band = predikatOf(mean, bands)
    cell.value = band ? band.label : 'Belum ada data'
    paintPredikat(cell, band?.key)
    cell.font = { ...(cell.font ?? FONT), size: 8 }
    cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
  })
  // a predikat label must fit its narrow cell
  ws.getRow(r - 1).height = heightFor(Math.max(...capCols.map((c) => linesNeeded(bandText(predikatOf(meanOf(listed.get(c)!), bands)).split(' (')[0]!, width(c)))))
  return r
}

function e80Notes(Y: number, q: Quarter): string[] {
  return [
    'Catatan rata-rata: "Rata-rata capaian kinerja (%)" pada setiap kolom rasio capaian adalah rata-rata hitung (jumlah dibagi banyaknya nilai) seluruh nilai yang tercantum pada kolom itu, K dan Rp masing-masing — sama dengan AVERAGE() atas kolom tersebut; sel kosong tidak dihitung. Predikat mengikuti rata-rata tersebut.',
    `Catatan kolom: K per tahun = nilai periode tahun itu menurut pola ukur (kumulatif: jumlah triwulan; rata-rata: rerata; posisi: triwulan terakhir; rilis: rilis terakhir), tahun ${Y} s.d. TW ${romanQuarter(q)}; rasio = realisasi ÷ target × 100% (indikator "makin rendah makin baik": (2 × target − realisasi) ÷ target × 100%). Akhir periode: mode Renstra indikator — akumulasi: jumlah seluruh tahun; tahun akhir: nilai tahun terakhir dibandingkan dengan target akhir. Rp: pagu dan realisasi anggaran per tahun; akhir periode: jumlah pagu seluruh tahun Renstra dan jumlah realisasi s.d. ${Y}; rasio = realisasi ÷ pagu × 100%.`,
  ]
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: E81Sheet, opts: { unitLabel: string | null; asOf: Date }) {
  const { opd, bundle } = sheet
  const { year: Y, quarter: q } = bundle.result.period
  const renstra = bundle.data.renstra ?? { startYear: Y, endYear: Y }
  const years: number[] = []
  for (let y = renstra.startYear; y <= renstra.endYear; y++) years.push(y)
  const L = e80Layout(years)
  const width = (c: number) => widthFor(L, c)
  for (let c = 1; c <= L.last; c++) ws.getColumn(c).width = width(c)
  let widthAll = 0
  for (let c = 1; c <= L.last; c++) widthAll += width(c)

  const perYear = perYearResults(sheet, years, renstra.startYear, opts.asOf)
  writeHead(ws, sheet, L, renstra, opts.unitLabel)

  // Data rows; every capaian column's listed values feed its summary.
  const capCols: number[] = []
  for (let i = 0; i < years.length; i++) capCols.push(L.capaian(i), L.capaian(i) + 1)
  capCols.push(L.end.capaian, L.end.capaian + 1)
  const listed = new Map<number, number[]>(capCols.map((c) => [c, []]))
  const putCap = (cell: ExcelJS.Cell, col: number, v: number | null) => {
    setNumber(cell, v, NUM_FMT)
    if (v != null && Number.isFinite(v)) listed.get(col)!.push(v)
  }
  let r = writeFormTable(ws, sheet.table, E80_FIRST_DATA_ROW, e80Columns(sheet, L, renstra, perYear, putCap))
  r = writeSummary(ws, r + 1, sheet, L, capCols, listed)
  r = writeNotes(ws, r + 1, e80Notes(Y, q), L.last, widthAll)
  r = signatureBlocks(ws, r + 1, opd, opts.asOf, bundle.settings.timeZone, { left: [COL_SASARAN, COL_INDIKATOR], right: [L.end.target, L.last] })
  printSetup(ws, {
    lastCol: L.last,
    lastRow: r - 1,
    headerFirst: E80_HEADER_FIRST,
    numbersRow: E80_NUMBERS_ROW,
    firstDataRow: E80_FIRST_DATA_ROW,
    footer: `&L&8Formulir E.80 — ${hf(opd.shortName ?? opd.name)} — Renstra ${renstra.startYear}–${renstra.endYear}&R&8Halaman &P dari &N`,
  })
}

/** The E.80 workbook for one OPD (or every OPD, one sheet each), optionally one bidang. */
export async function buildE80Workbook(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<BuiltFile> {
  const period = e81Period(scope.period)
  return buildFormWorkbook(db, scope, settings, {
    sheet: 'E.80',
    title: `Formulir E.80 s.d. ${periodLabel(period, { explicitQuarter: true })}`,
    emptyPageSetup: true,
    filename: (who, unitLabel) => `E80_${who}${unitLabel ? `_${slug(unitLabel)}` : ''}_sd_${period.year}_TW${romanQuarter(period.quarter as Quarter)}.xlsx`,
    write: writeSheet,
  })
}
