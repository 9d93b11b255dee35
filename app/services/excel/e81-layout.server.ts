// The columns of Formulir E.81: No, Sasaran, Kode, Program/Kegiatan, Indikator; then a K/Rp pair
// for each form column 5–14; then 15 (unit) and Keterangan — with their widths and the row layout
// of the sheet head.
export { COL_NO, COL_SASARAN, COL_KODE, COL_PROGRAM, COL_INDIKATOR } from './form-sheet.server'

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
export const WIDTHS: Record<number, number> = { 1: 4.5, 2: 18, 3: 11, 4: 22, 5: 30, [COL15]: 13, [COL_KETERANGAN]: 16 }
for (let c = 5; c <= 14; c++) {
  WIDTHS[kCol(c)] = 9
  WIDTHS[rpCol(c)] = 13
}

/** Total width of the columns c1..c2. */
export const widthOf = (c1: number, c2: number) => {
  let w = 0
  for (let c = c1; c <= c2; c++) w += WIDTHS[c] ?? 9
  return w
}
