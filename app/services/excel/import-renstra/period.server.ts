// The Renstra period a workbook is for: the template's hidden period column (one period per file,
// the OPD's own), else the OPD's period containing the chosen year; a closed period is refused.
import type ExcelJS from 'exceljs'
import type { Executor } from '../../../utils/db.server'
import { cellAsNumber } from '../safety.server'
import { dataRows, issue, type ColumnRef, type ImportIssue } from '../import-common.server'
import { renstraPeriodOf, type RenstraPeriodRow } from '../templates.server'
import { getPeriodHeader } from '../../../models/renstra.server'

/** The period ids written in the hidden period column. */
function periodIdsOf(ws: ExcelJS.Worksheet, headerRow: number, periodCol: ColumnRef | undefined): Set<number> {
  const periodIds = new Set<number>()
  if (periodCol) {
    for (const row of dataRows(ws, headerRow)) {
      const n = cellAsNumber(row.getCell(periodCol.index))
      if ('value' in n && n.value !== null) periodIds.add(n.value)
    }
  }
  return periodIds
}

export async function resolvePeriod(
  db: Executor,
  ws: ExcelJS.Worksheet,
  headerRow: number,
  periodCol: ColumnRef | undefined,
  opdId: number,
  year: number,
): Promise<{ periodRow: RenstraPeriodRow } | { error: ImportIssue }> {
  const periodIds = periodIdsOf(ws, headerRow, periodCol)
  if (periodIds.size > 1) return { error: issue('Berkas mencampur beberapa periode Renstra; satu berkas untuk satu periode.', { col: periodCol! }) }
  let periodRow: RenstraPeriodRow | null
  if (periodIds.size === 1) {
    const pid = [...periodIds][0]!
    periodRow = (await getPeriodHeader(db, pid)) ?? null
    if (!periodRow || periodRow.opd_id !== opdId)
      return { error: issue('Periode Renstra pada berkas bukan milik perangkat daerah Anda. Unduh ulang templat.', { col: periodCol! }) }
  } else {
    periodRow = await renstraPeriodOf(db, opdId, year)
  }
  if (!periodRow) return { error: issue('Belum ada periode Renstra untuk perangkat daerah ini.') }
  if (periodRow.closed) return { error: issue(`Periode ${periodRow.name} sudah ditutup; Renstra-nya tidak dapat diubah.`) }
  return { periodRow }
}
