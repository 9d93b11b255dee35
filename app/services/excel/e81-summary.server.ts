// Below the E.81 table: the summary of column 14 (K and Rp apart: the arithmetic mean, its
// predikat, and the app's weighted score on its own row), the four texts derived from the scores,
// the kendala / tindak lanjut and the meeting notes, and the notes on how the columns are made.
import type ExcelJS from 'exceljs'
import { formatNumber, formatPercent, isBelowAttention, periodLabel, predikatOf } from '../../domain'
import { ASPECT_SHORT, STRATEGY_LABELS } from '../../domain/labels'
import { FONT, FONT_BOLD, heightFor, labelRow, linesNeeded, NUM_FMT, paintPredikat, setNumber, setText } from './style.server'
import { bandText, merge, writeNotes } from './form-sheet.server'
import { meanOf, type E81Sheet } from './e81-rows.server'
import { COL_INDIKATOR, COL15, E81_LAST_COL, kCol, rpCol, widthOf, WIDTHS } from './e81-layout.server'

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
    .map(
      (n) =>
        `${STRATEGY_LABELS[n.strategy as keyof typeof STRATEGY_LABELS] ?? n.strategy} — aspek ${ASPECT_SHORT[n.aspect as keyof typeof ASPECT_SHORT] ?? n.aspect}: ${n.rekomendasi!.trim()}`,
    )
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

type E81Narrative = ReturnType<typeof e81Narrative>

type CellFill = (c: ExcelJS.Cell) => void

/** One summary row: the label over columns 1–13, the K and Rp cells of column 14, a note over 15–16. */
function summaryRow(ws: ExcelJS.Worksheet, r: number, label: string, fillK: CellFill, fillRp: CellFill, note: string) {
  const labelEnd = kCol(14) - 1
  merge(ws, r, 1, r, labelEnd)
  merge(ws, r, COL15, r, E81_LAST_COL)
  labelRow(ws, r, E81_LAST_COL, label, 'right')
  fillK(ws.getCell(r, kCol(14)))
  fillRp(ws.getCell(r, rpCol(14)))
  setText(ws.getCell(r, COL15), note)
  ws.getCell(r, COL15).font = { ...FONT, italic: true, size: 9 }
  const valueLines = [kCol(14), rpCol(14)].map((c) => {
    const v = ws.getCell(r, c).value
    return typeof v === 'string' ? linesNeeded(v, WIDTHS[c]!) : 1
  })
  ws.getRow(r).height = heightFor(Math.max(2, ...valueLines, linesNeeded(note, widthOf(COL15, E81_LAST_COL)), linesNeeded(label, widthOf(1, labelEnd))))
}

const meanCell = (v: number | null) => (cell: ExcelJS.Cell) => {
  setNumber(cell, v, NUM_FMT)
  cell.font = FONT_BOLD
  cell.alignment = { horizontal: 'right', vertical: 'top' }
}

/** The three summary rows of column 14 from row r; returns the next free row. */
function writeSummaryRows(ws: ExcelJS.Worksheet, r: number, sheet: E81Sheet, overall: E81Narrative['overall'], kValues: number[], rpValues: number[]): number {
  const { bundle } = sheet
  const bands = bundle.settings.bands
  const meanK = meanOf(kValues)
  const meanRp = meanOf(rpValues)
  const bandCell = (v: number | null) => (cell: ExcelJS.Cell) => {
    const band = predikatOf(v, bands)
    cell.value = bandText(band)
    paintPredikat(cell, band?.key)
    cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
  }
  summaryRow(
    ws,
    r++,
    'Rata-rata capaian kinerja (%)',
    meanCell(meanK),
    meanCell(meanRp),
    `K: rata-rata hitung ${kValues.length} nilai kolom 14 K; Rp: rata-rata hitung ${rpValues.length} nilai kolom 14 Rp.`,
  )
  summaryRow(ws, r++, 'Predikat kinerja', bandCell(meanK), bandCell(meanRp), 'Predikat dari rata-rata di atas menurut skala kategori capaian.')
  summaryRow(
    ws,
    r++,
    'Skor kinerja tertimbang aplikasi (Strategi Osborne, tahun berjalan) — bukan rata-rata kolom 14',
    (cell) => {
      meanCell(overall.value)(cell)
      cell.font = FONT
    },
    (cell) => {
      const band = overall.predikat
      cell.value = band ? band.label : 'Belum ada data'
      cell.font = { ...FONT, size: 9 }
      cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true }
    },
    `Rata-rata tertimbang capaian ${periodLabel(bundle.result.period, { explicitQuarter: true })} (dibatasi ${formatNumber(bundle.settings.cap, 0)}%) yang dipakai dasbor.`,
  )
  return r
}

/** The four texts: label over columns 1–5, text over the rest; returns the next free row. */
function writeTexts(ws: ExcelJS.Worksheet, r: number, n: E81Narrative): number {
  const footer: [string, string][] = [
    ['Faktor pendorong keberhasilan pencapaian', n.pendorong],
    ['Faktor penghambat pencapaian kinerja', n.penghambat],
    ['Tindak lanjut yang diperlukan dalam triwulan berikutnya', n.tindakLanjutTriwulan],
    ['Tindak lanjut yang diperlukan dalam Renja PD berikutnya', n.tindakLanjutRenja],
  ]
  for (const [label, text] of footer) {
    merge(ws, r, 1, r, COL_INDIKATOR)
    merge(ws, r, kCol(5), r, E81_LAST_COL)
    labelRow(ws, r, E81_LAST_COL, label)
    setText(ws.getCell(r, kCol(5)), text)
    ws.getRow(r).height = heightFor(Math.max(linesNeeded(text, widthOf(kCol(5), E81_LAST_COL)), linesNeeded(label, widthOf(1, COL_INDIKATOR))))
    r++
  }
  return r
}

// The notes: how the summary rows and columns 12–14 are made.
const E81_NOTES = [
  'Catatan rata-rata: "Rata-rata capaian kinerja (%)" adalah rata-rata hitung (jumlah dibagi banyaknya nilai) seluruh nilai yang tercantum pada kolom 14, K dan Rp masing-masing — sama dengan AVERAGE() atas kolom itu; sel kosong tidak dihitung. Predikat mengikuti rata-rata tersebut. Skor tertimbang aplikasi adalah angka lain (rata-rata tertimbang capaian tahun berjalan yang dibatasi) dan berdiri pada barisnya sendiri.',
  'Catatan kolom: kolom 12 K mengikuti pola ukur indikator — kumulatif: jumlah triwulan; rata-rata: rerata triwulan yang diukur; posisi: nilai triwulan terakhir; rilis: nilai rilis terakhir. Kolom 6 dan 13 K mengikuti mode Renstra indikator — akumulasi: jumlah seluruh triwulan sejak awal Renstra (kolom 13 = 6 + 12); tahun akhir: nilai tahun terakhir yang dilaporkan, dibandingkan dengan target akhir sebagai tingkat yang harus dicapai. Kolom 14 K = 13 ÷ 5 × 100% (indikator "makin rendah makin baik": (2 × 5 − 13) ÷ 5 × 100%). Rp: kolom 5 = jumlah pagu tahun-tahun Renstra; 7 = pagu tahun berjalan; 8–11 = realisasi anggaran per triwulan; 12 = jumlah triwulan tahun berjalan; 6 = jumlah tahun-tahun sebelumnya; 13 = 6 + 12; 14 = 13 ÷ 5 × 100%.',
]

/**
 * Everything below the table, from one row after `lastDataRow`: the summary rows, the texts and
 * the notes. Returns the next free row (after one blank row).
 */
export function writeE81Summary(ws: ExcelJS.Worksheet, lastDataRow: number, sheet: E81Sheet, kValues: number[], rpValues: number[]): number {
  const n = e81Narrative(sheet)
  let r = writeSummaryRows(ws, lastDataRow + 2, sheet, n.overall, kValues, rpValues)
  r = writeTexts(ws, r, n)
  r = writeNotes(ws, r + 1, E81_NOTES, E81_LAST_COL, widthOf(1, E81_LAST_COL) * 1.1)
  return r + 1
}
