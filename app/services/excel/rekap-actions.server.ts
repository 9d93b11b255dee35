// The "Rencana Aksi" sheet of the Rekap workbook: every action of the scope with its cell,
// indicators, owner, due day, status and what became of it (done / in progress / overdue) at the
// export's moment. User text goes in as strings (never formulas).
import type ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { listActions } from '../../models/actions.server'
import { getSettings } from '../../models/settings.server'
import { actionItemView } from '../../presenters/actions.server'
import { todayIn } from '../actions/flags.server'
import { FONT } from './style.server'
import { exportText } from './safety.server'
import { writeListTable, type CellValue, type Col } from './table.server'
import type { ExportScope } from './context.server'
import { addRekapSheet } from './rekap/common.server'

export const ACTIONS_SHEET = 'Rencana Aksi'

export async function writeActionsSheet(wb: ExcelJS.Workbook, db: Executor, scope: ExportScope, heading: string): Promise<number> {
  const { scoring } = await getSettings(db)
  const today = todayIn(scope.asOf, scoring.timeZone)
  const rows = await listActions(db, { opdId: scope.opdId, ownerUnitId: scope.unitId ?? null })
  const ws = addRekapSheet(wb, ACTIONS_SHEET)
  const cols: Col[] = [
    { header: 'No', width: 5, kind: 'int' },
    { header: 'Rencana aksi', width: 44 },
    { header: 'Sel', width: 22 },
    { header: 'Indikator', width: 14, kind: 'code' },
    { header: 'Penanggung jawab', width: 28 },
    { header: 'Tenggat', width: 12, kind: 'code' },
    { header: 'Status', width: 13 },
    { header: 'Tindak lanjut', width: 13 },
    { header: 'Rapat', width: 16 },
    { header: 'Kemajuan terakhir', width: 40 },
    { header: 'Bukti', width: 40 },
  ]
  ws.mergeCells(1, 1, 1, cols.length)
  const title = ws.getCell(1, 1)
  title.value = exportText(`RENCANA AKSI DAN TINDAK LANJUTNYA — ${heading}`)
  title.font = { ...FONT, size: 13, bold: true }
  ws.mergeCells(2, 1, 2, cols.length)
  ws.getCell(2, 1).value = exportText(`Status per ${today}; "Terlambat" = belum selesai setelah tenggat.`)
  ws.getCell(2, 1).font = { ...FONT, size: 10 }
  const r0 = 4
  const values: CellValue[][] = rows.map((a, i) => {
    const v = actionItemView(a, today, scoring.timeZone)
    return [
      i + 1,
      v.title,
      v.cellLabel ?? '',
      v.indicators.map((x) => x.code).join(', '),
      v.ownerText,
      v.dueDate,
      v.statusLabel,
      v.followLabel,
      v.periodLabel,
      v.latestNote ?? '',
      [v.evidenceText, v.evidenceLink].filter(Boolean).join(' — '),
    ]
  })
  if (values.length === 0) values.push(['', 'Belum ada rencana aksi.', '', '', '', '', '', '', '', '', ''])
  writeListTable(ws, r0, cols, values)
  return rows.length
}
