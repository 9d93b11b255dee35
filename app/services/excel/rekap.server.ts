// "Rekap Strategi Osborne" for the evaluation meeting: the aspect × strategy matrix in the
// dashboard's colours with the predikat in words, one sheet per aspect, the flags with their
// reasons, the meeting notes of the period and every indicator's detail. Scores from scoreScope.
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { ASPECTS, periodLabel, romanQuarter, type IndicatorInput, type ScoringSettings } from '../../domain'
import type { ExportScope } from './context.server'
import { slug, stampWorkbook, workbookBuffer } from './style.server'
import type { BuiltFile } from './form-sheet.server'
import { writeActionsSheet } from './rekap-actions.server'
import { loadRekap } from './rekap/common.server'
import { writeMatrix } from './rekap/matrix-sheet.server'
import { writeAspectSheet } from './rekap/aspect-sheet.server'
import { writeDetail, writeFlags, writeNotes } from './rekap/list-sheets.server'

export { loadRekap, type RekapData } from './rekap/common.server'
export { MATRIX_HEADER_ROW, matrixColOf, matrixRowOf } from './rekap/matrix-sheet.server'

export async function buildRekapWorkbook(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<BuiltFile> {
  const data = await loadRekap(db, scope, settings)
  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, `Rekap Strategi Osborne ${periodLabel(data.bundle.result.period, { explicitQuarter: true })}`, scope.asOf)
  const opdByIndicator = new Map<number, string>()
  const opdNames = new Map(data.opds.map((o) => [o.id, o.shortName ?? o.name]))
  for (const [id, m] of data.bundle.data.meta) opdByIndicator.set(id, opdNames.get(m.opdId) ?? '')
  const opdName = (ind: IndicatorInput) => opdByIndicator.get(ind.id) ?? null
  writeMatrix(wb, data)
  for (const a of ASPECTS) writeAspectSheet(wb, data, a, opdName)
  writeFlags(wb, data)
  writeNotes(wb, data)
  await writeActionsSheet(wb, db, scope, data.opds.length === 1 ? (data.opds[0]!.shortName ?? data.opds[0]!.name) : 'Seluruh perangkat daerah')
  writeDetail(wb, data, opdName)
  const p = data.bundle.result.period
  const who = scope.opdId == null ? 'semua-opd' : slug(data.opds[0]?.shortName ?? data.opds[0]?.code ?? 'opd')
  const kind = p.kind === 'renstra' ? 'renstra_' : p.kind === 'satu_triwulan' ? 'tw_' : ''
  const filename = `Rekap_Strategi_${who}${data.unitLabel ? `_${slug(data.unitLabel)}` : ''}_${kind}${p.year}_TW${romanQuarter(p.quarter)}.xlsx`
  return { buffer: await workbookBuffer(wb), filename }
}
