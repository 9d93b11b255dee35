// Matching the template's rows: the one period of the file (its hidden Tahun / Triwulan columns)
// and each row's indicator (by the hidden id, else by code among the user's indicators), refusing
// indicators outside the user's unit and indicators listed twice.
import type { Executor } from '../../../utils/db.server'
import { isQuarter, type Quarter } from '../../../domain'
import { indicatorsByIds, indicatorsOfUnits, unitWithDescendants, type EntryIndicatorRow } from '../../../models/realisasi.server'
import { issue, type ImportIssue } from '../import-common.server'
import type { ParsedRow, RealisasiCols } from './read.server'

export interface MatchedRow {
  row: ParsedRow
  ind: EntryIndicatorRow
}

/** The file's one period, or null with the problem added to `errors`; rows of another period are problems too. */
export function filePeriod(rows: readonly ParsedRow[], cols: RealisasiCols, errors: ImportIssue[]): { year: number; quarter: Quarter } | null {
  const periods = new Set(rows.filter((r) => r.year && r.quarter).map((r) => `${r.year}-${r.quarter}`))
  let period: { year: number; quarter: Quarter } | null = null
  if (periods.size === 1) {
    const [y, q] = [...periods][0]!.split('-').map(Number) as [number, number]
    if (isQuarter(q)) period = { year: y, quarter: q }
  }
  if (!period) {
    errors.push(
      issue(
        periods.size > 1
          ? 'Berkas mencampur beberapa triwulan; satu berkas untuk satu triwulan. Unduh templat per triwulan.'
          : 'Tahun dan triwulan templat tidak terbaca (kolom tersembunyi). Unduh ulang templat.',
        { col: cols.year ?? null },
      ),
    )
    return null
  }
  for (const r of rows) {
    if ((r.year && r.year !== period.year) || (r.quarter && r.quarter !== period.quarter)) {
      errors.push(issue('Tahun/triwulan baris ini berbeda dengan baris lain.', { row: r.rowNumber, col: cols.year ?? null }))
    }
  }
  return period
}

/** Each row's indicator; a row that matches none (or one it may not write) gets its problem in `errors`. */
export async function matchIndicators(
  db: Executor,
  unitId: number,
  year: number,
  rows: readonly ParsedRow[],
  cols: RealisasiCols,
  errors: ImportIssue[],
): Promise<{ resolved: MatchedRow[]; unresolved: ParsedRow[] }> {
  const scope = new Set(await unitWithDescendants(db, unitId))
  const own = await indicatorsOfUnits(db, [...scope], year)
  const ownByCode = new Map(own.map((i) => [i.code.toLowerCase(), i]))
  const byId = new Map<number, EntryIndicatorRow>(
    (
      await indicatorsByIds(
        db,
        rows.map((r) => r.indicatorId).filter((x): x is number => x !== null),
      )
    ).map((i) => [i.id, i]),
  )
  const seen = new Map<number, number>()
  const resolved: MatchedRow[] = []
  const unresolved: ParsedRow[] = []
  for (const r of rows) {
    const before = errors.length
    resolveRow(r)
    if (errors.length > before) unresolved.push(r)
  }
  function resolveRow(r: ParsedRow): void {
    let ind: EntryIndicatorRow | undefined
    if (r.indicatorId !== null) {
      ind = byId.get(r.indicatorId)
      if (!ind) {
        errors.push(issue('Indikator tidak ditemukan (mungkin sudah dihapus). Unduh ulang templat.', { row: r.rowNumber, col: cols.code! }))
        return
      }
      if (r.code && r.code.toLowerCase() !== ind.code.toLowerCase()) {
        errors.push(
          issue(`Kode "${r.code}" tidak cocok dengan indikator baris ini (${ind.code}). Jangan mengubah kode atau memindahkan isi antarbaris.`, {
            row: r.rowNumber,
            col: cols.code!,
          }),
        )
        return
      }
    } else if (r.code) {
      ind = ownByCode.get(r.code.toLowerCase())
      if (!ind) {
        errors.push(issue(`Kode indikator "${r.code}" tidak dikenal atau bukan indikator bidang Anda.`, { row: r.rowNumber, col: cols.code! }))
        return
      }
    } else {
      errors.push(issue('Kode indikator kosong.', { row: r.rowNumber, col: cols.code! }))
      return
    }
    // Permission: only the user's own unit (and the units below it).
    if (!scope.has(ind.unit_id)) {
      errors.push(issue(`Indikator ${ind.code} milik ${ind.unit_short ?? ind.unit_name}, bukan bidang Anda; baris ini ditolak.`, { row: r.rowNumber, col: cols.code! }))
      return
    }
    if (seen.has(ind.id)) {
      errors.push(issue(`Indikator ${ind.code} muncul dua kali (juga di baris ${seen.get(ind.id)}).`, { row: r.rowNumber, col: cols.code! }))
      return
    }
    seen.set(ind.id, r.rowNumber)
    resolved.push({ row: r, ind })
  }
  return { resolved, unresolved }
}
