// Formulir E.80 "Evaluasi terhadap Hasil Renstra Perangkat Daerah" (Permendagri 86/2017), one
// worksheet per OPD, from the same data as E.81: per Renstra year the target and the realisation
// (K for the indicators, Rp for the programs / kegiatan / sub kegiatan) and their capaian, then
// the Renstra end. K per year comes from the scoring engine (the year's period value by pola ukur,
// capaian against the year's target); the end from the engine's Renstra-to-date by Renstra mode.
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { indexRows, indicatorResult, periodLabel, predikatOf, romanQuarter, type IndicatorResult, type Quarter, type RealisasiInput, type ScoringSettings } from '../../domain'
import { anggaranSum, capaianAnggaran, paguOf, paguSum } from '../../models/budget-read.server'
import { POLA_UKUR_LABELS } from '../../utils/labels'
import { unitName, type ExportScope } from './context.server'
import { bandText, e81Period, header, hf, loadE81, meanOf, merge, numFmt, rpFmt, signatureBlocks, type E81Sheet, type BuiltFile } from './e81.server'
import { exportText } from './safety.server'
import { BORDER_ALL, FONT, FONT_BOLD, GROUP_FILL, heightFor, linesNeeded, NUM_FMT, NUMBERS_FILL, paintPredikat, setNumber, setText, sheetName, slug, stampWorkbook, styleBody, workbookBuffer } from './style.server'

export const E80_HEADER_FIRST = 6
export const E80_NUMBERS_ROW = 9
export const E80_FIRST_DATA_ROW = 10
const COL_NO = 1
const COL_SASARAN = 2
const COL_KODE = 3
const COL_PROGRAM = 4
const COL_INDIKATOR = 5
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

interface YearCells {
  targetK: number | null
  realK: number | null
  capK: number | null
}

function widthFor(layout: ReturnType<typeof e80Layout>, c: number): number {
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

function writeSheet(ws: ExcelJS.Worksheet, sheet: E81Sheet, opts: { unitLabel: string | null; asOf: Date }) {
  const { opd, bundle, table, budget } = sheet
  const period = bundle.result.period
  const Y = period.year
  const q = period.quarter
  const renstra = bundle.data.renstra ?? { startYear: Y, endYear: Y }
  const years: number[] = []
  for (let y = renstra.startYear; y <= renstra.endYear; y++) years.push(y)
  const L = e80Layout(years)
  const bands = bundle.settings.bands
  const width = (c: number) => widthFor(L, c)
  for (let c = 1; c <= L.last; c++) ws.getColumn(c).width = width(c)
  const widthOf = (c1: number, c2: number) => {
    let w = 0
    for (let c = c1; c <= c2; c++) w += width(c)
    return w
  }

  // Per-year results of every indicator, from the engine (years after the evaluated one stay empty).
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
        const res: IndicatorResult = indicatorResult(input, idx, { kind: 'triwulan', year: y, quarter: (y === Y ? q : 4) as Quarter }, bundle.settings, opts.asOf, { renstraStartYear: renstra.startYear })
        return { targetK, realK: res.e81.realisasiTahunIni, capK: res.capaianRaw }
      }),
    )
  }

  // Title rows.
  const titles: [string, number, boolean][] = [
    ['EVALUASI TERHADAP HASIL RENSTRA PERANGKAT DAERAH', 14, true],
    ['Formulir E.80 — Permendagri Nomor 86 Tahun 2017', 10, false],
    [`Perangkat Daerah: ${opd.name}${opts.unitLabel ? ` — ${opts.unitLabel}` : ''}`, 11, true],
    [`Renstra ${renstra.startYear}–${renstra.endYear} · realisasi s.d. ${periodLabel(period, { explicitQuarter: true })}`, 11, false],
    ['K = kinerja (baris indikator); Rp = anggaran dalam rupiah (baris program/kegiatan/sub kegiatan: pagu dan realisasi anggaran yang diajukan atau diverifikasi).', 9, false],
  ]
  titles.forEach(([text, size, bold], i) => {
    const row = i + 1
    merge(ws, row, 1, row, L.last)
    const cell = ws.getCell(row, 1)
    cell.value = exportText(text)
    cell.font = { ...FONT, size, bold, italic: i === 4 }
    cell.alignment = { horizontal: i < 2 ? 'center' : 'left', vertical: 'middle', wrapText: false }
  })
  ws.getRow(1).height = 22

  const h1 = E80_HEADER_FIRST
  const h2 = h1 + 1
  const h3 = h1 + 2
  header(ws, h1, COL_NO, h3, COL_NO, 'No')
  header(ws, h1, COL_SASARAN, h3, COL_SASARAN, 'Sasaran')
  header(ws, h1, COL_KODE, h2, COL_PROGRAM, 'Program/Kegiatan')
  header(ws, h3, COL_KODE, h3, COL_KODE, 'Kode')
  header(ws, h3, COL_PROGRAM, h3, COL_PROGRAM, 'Uraian')
  header(ws, h1, COL_INDIKATOR, h3, COL_INDIKATOR, 'Indikator Kinerja Program (outcome)/Kegiatan (output)')
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
  header(ws, h2, L.end.realisasi, h2, L.end.realisasi + 1, `Realisasi s.d. ${Y}`)
  header(ws, h2, L.end.capaian, h2, L.end.capaian + 1, 'Capaian (%)')
  for (let c = L.target(0); c < L.unit; c += 2) {
    header(ws, h3, c, h3, c, 'K')
    header(ws, h3, c + 1, h3, c + 1, 'Rp')
  }
  header(ws, h1, L.unit, h3, L.unit, 'Unit PD penanggung jawab')
  header(ws, h1, L.keterangan, h3, L.keterangan, 'Keterangan')
  // column numbers
  const spans: [number, number][] = [[COL_NO, COL_NO], [COL_SASARAN, COL_SASARAN], [COL_KODE, COL_PROGRAM], [COL_INDIKATOR, COL_INDIKATOR], [COL_AWAL, COL_AWAL]]
  for (let c = L.target(0); c < L.unit; c += 2) spans.push([c, c + 1])
  spans.push([L.unit, L.unit], [L.keterangan, L.keterangan])
  spans.forEach(([c1, c2], i) => {
    header(ws, E80_NUMBERS_ROW, c1, E80_NUMBERS_ROW, c2, i + 1)
    for (let x = c1; x <= c2; x++) ws.getCell(E80_NUMBERS_ROW, x).fill = NUMBERS_FILL
    ws.getCell(E80_NUMBERS_ROW, c1).numFmt = '0'
  })
  ws.getRow(h1).height = 44
  ws.getRow(h2).height = 30
  ws.getRow(h3).height = 16

  // Data rows.
  const capCols: number[] = []
  for (let i = 0; i < n; i++) capCols.push(L.capaian(i), L.capaian(i) + 1)
  capCols.push(L.end.capaian, L.end.capaian + 1)
  const listed = new Map<number, number[]>(capCols.map((c) => [c, []]))
  const putCap = (cell: ExcelJS.Cell, col: number, v: number | null) => {
    setNumber(cell, v, NUM_FMT)
    if (v != null && Number.isFinite(v)) listed.get(col)!.push(v)
  }
  let r = E80_FIRST_DATA_ROW
  if (table.length === 0) {
    merge(ws, r, 1, r, L.last)
    const cell = ws.getCell(r, 1)
    cell.value = 'Belum ada indikator pada cakupan ini.'
    styleBody(cell, { center: true })
    r++
  }
  let groupStart = r
  let groupLines = 1
  const closeGroup = (endRow: number) => {
    if (endRow > groupStart) merge(ws, groupStart, COL_SASARAN, endRow, COL_SASARAN)
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
      groupLines = linesNeeded(fr.sasaranText, width(COL_SASARAN))
    }
    const cells = ws.getRow(r)
    for (let c = 1; c <= L.last; c++) styleBody(cells.getCell(c), { number: c >= COL_AWAL && c < L.unit })
    if (newSasaran) setText(cells.getCell(COL_SASARAN), fr.sasaranText)
    const lines: number[] = [1]
    if (fr.type === 'program') {
      const { node, depth } = fr
      const name = `${node.kind === 'program' ? '' : node.kind === 'kegiatan' ? 'Kegiatan: ' : 'Sub Kegiatan: '}${node.name}`
      setText(cells.getCell(COL_KODE), node.code)
      setText(cells.getCell(COL_PROGRAM), name)
      cells.getCell(COL_PROGRAM).alignment = { vertical: 'top', horizontal: 'left', wrapText: true, indent: depth }
      for (const c of [COL_KODE, COL_PROGRAM]) cells.getCell(c).font = node.kind === 'program' ? FONT_BOLD : FONT
      if (node.kind === 'program') for (let c = COL_KODE; c <= L.last; c++) cells.getCell(c).fill = GROUP_FILL
      const put = (col: number, v: number | null) => setNumber(cells.getCell(col), v, rpFmt(v))
      years.forEach((y, i) => {
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
      lines.push(linesNeeded(node.code, width(COL_KODE)), linesNeeded(name, width(COL_PROGRAM) - depth * 1.5), linesNeeded(ket, width(L.keterangan)))
    } else {
      const { input, result } = fr.row
      setNumber(cells.getCell(COL_NO), fr.number, '0')
      cells.getCell(COL_NO).alignment = { vertical: 'top', horizontal: 'center' }
      const indText = `${input.code} ${input.name}\nSatuan: ${input.unit} · ${POLA_UKUR_LABELS[input.polaUkur]} · ${input.polarity === 'turun' ? 'makin rendah makin baik' : 'makin tinggi makin baik'}`
      setText(cells.getCell(COL_INDIKATOR), indText)
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
      const ket = [result.status !== 'ok' || result.late ? result.statusLabel : null, `Akhir: ${result.renstra.mode === 'akumulasi' ? 'akumulasi' : 'tahun akhir'}`].filter(Boolean).join('; ')
      setText(cells.getCell(L.keterangan), ket)
      lines.push(linesNeeded(indText, width(COL_INDIKATOR)), linesNeeded(input.unitName, width(L.unit)), linesNeeded(ket, width(L.keterangan)))
    }
    cells.height = heightFor(Math.max(...lines))
    r++
  })
  if (table.length) closeGroup(r - 1)

  // Summary rows: each capaian column, K and Rp apart, the arithmetic mean of its listed values.
  r++
  const labelEnd = COL_AWAL
  const summary = (label: string, fill: (cell: ExcelJS.Cell, mean: number | null) => void) => {
    merge(ws, r, 1, r, labelEnd)
    for (let c = 1; c <= L.last; c++) {
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

  r++
  const notes = [
    'Catatan rata-rata: "Rata-rata capaian kinerja (%)" pada setiap kolom rasio capaian adalah rata-rata hitung (jumlah dibagi banyaknya nilai) seluruh nilai yang tercantum pada kolom itu, K dan Rp masing-masing — sama dengan AVERAGE() atas kolom tersebut; sel kosong tidak dihitung. Predikat mengikuti rata-rata tersebut.',
    `Catatan kolom: K per tahun = nilai periode tahun itu menurut pola ukur (kumulatif: jumlah triwulan; rata-rata: rerata; posisi: triwulan terakhir; rilis: rilis terakhir), tahun ${Y} s.d. TW ${romanQuarter(q)}; rasio = realisasi ÷ target × 100% (indikator "makin rendah makin baik": (2 × target − realisasi) ÷ target × 100%). Akhir periode: mode Renstra indikator — akumulasi: jumlah seluruh tahun; tahun akhir: nilai tahun terakhir dibandingkan dengan target akhir. Rp: pagu dan realisasi anggaran per tahun; akhir periode: jumlah pagu seluruh tahun Renstra dan jumlah realisasi s.d. ${Y}; rasio = realisasi ÷ pagu × 100%.`,
  ]
  for (const text of notes) {
    merge(ws, r, 1, r, L.last)
    const note = ws.getCell(r, 1)
    note.value = text
    note.font = { ...FONT, italic: true, size: 9 }
    note.alignment = { wrapText: true, vertical: 'top' }
    ws.getRow(r).height = heightFor(linesNeeded(text, widthOf(1, L.last)))
    r++
  }
  r++
  r = signatureBlocks(ws, r, opd, opts.asOf, bundle.settings.timeZone, { left: [COL_SASARAN, COL_INDIKATOR], right: [L.end.target, L.last] })

  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.5, header: 0.2, footer: 0.25 },
    printTitlesRow: `${E80_HEADER_FIRST}:${E80_NUMBERS_ROW}`,
    printArea: `A1:${ws.getColumn(L.last).letter}${r - 1}`,
  }
  ws.headerFooter = {
    oddFooter: `&L&8Formulir E.80 — ${hf(opd.shortName ?? opd.name)} — Renstra ${renstra.startYear}–${renstra.endYear}&R&8Halaman &P dari &N`,
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: E80_NUMBERS_ROW, topLeftCell: `A${E80_FIRST_DATA_ROW}`, activeCell: `A${E80_FIRST_DATA_ROW}`, showGridLines: false }]
}

/** The E.80 workbook for one OPD (or every OPD, one sheet each), optionally one bidang. */
export async function buildE80Workbook(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<BuiltFile> {
  const sheets = await loadE81(db, scope, settings)
  const unitLabel = await unitName(db, scope.unitId)
  const period = e81Period(scope.period)
  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, `Formulir E.80 s.d. ${periodLabel(period, { explicitQuarter: true })}`, scope.asOf)
  const used = new Set<string>()
  if (sheets.length === 0) {
    const ws = wb.addWorksheet('E.80', { pageSetup: { paperSize: 9, orientation: 'landscape' } })
    ws.getCell('A1').value = 'Belum ada perangkat daerah atau indikator pada cakupan ini.'
  }
  for (const sheet of sheets) {
    const name = sheets.length === 1 ? 'E.80' : sheetName(sheet.opd.shortName ?? sheet.opd.name, used)
    const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape' } })
    writeSheet(ws, sheet, { unitLabel, asOf: scope.asOf })
  }
  const who = sheets.length === 1 ? slug(sheets[0]!.opd.shortName ?? sheets[0]!.opd.code) : 'semua-opd'
  const filename = `E80_${who}${unitLabel ? `_${slug(unitLabel)}` : ''}_sd_${period.year}_TW${romanQuarter(period.quarter as Quarter)}.xlsx`
  return { buffer: await workbookBuffer(wb), filename }
}
