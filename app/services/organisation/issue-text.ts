// How a workbook problem reads on the page (shared by server and browser; no server imports):
// "Lembar Unit, baris 7, kolom A (Kode unit): Kode "SEK" ganda: sudah dipakai di baris 5."
export interface SheetIssue {
  sheet: string | null
  row: number | null
  column: string | null
  columnName: string | null
  message: string
}

export function orgIssueText(i: SheetIssue): string {
  const where: string[] = []
  if (i.sheet) where.push(`Lembar ${i.sheet}`)
  if (i.row != null) where.push(`${i.sheet ? 'baris' : 'Baris'} ${i.row}`)
  if (i.column) where.push(`kolom ${i.column}${i.columnName ? ` (${i.columnName})` : ''}`)
  return where.length ? `${where.join(', ')}: ${i.message}` : i.message
}
