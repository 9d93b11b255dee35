// Shared pieces of the Rekap workbook: the data it is built from, the title rows every sheet
// starts with, and the coloured score and predikat-label cells.
import type ExcelJS from 'exceljs'
import type { Executor } from '../../../utils/db.server'
import { periodLabel, type Score, type ScoringSettings } from '../../../domain'
import { getSettings } from '../../../models/settings.server'
import { scoreScope, type ScoreBundle } from '../../scoring.server'
import { loadNarratives, loadNotes, opdList, unitName, type ExportScope, type NoteRow, type Narrative, type OpdInfo } from '../context.server'
import { exportText } from '../safety.server'
import { BORDER_ALL, FONT, NUM_FMT, paintPredikat, predikatColours, stampId } from '../style.server'

export interface RekapData {
  scope: ExportScope
  opds: OpdInfo[]
  unitLabel: string | null
  bundle: ScoreBundle
  notes: NoteRow[]
  narratives: Map<number, Narrative>
}

export async function loadRekap(db: Executor, scope: ExportScope, settings?: ScoringSettings): Promise<RekapData> {
  const s = settings ?? (await getSettings(db)).scoring
  const bundle = await scoreScope(db, { opdId: scope.opdId, unitId: scope.unitId ?? null }, scope.period, scope.asOf, s)
  const opds = await opdList(db, scope.opdId)
  const notes = await loadNotes(db, scope.opdId, scope.period)
  const narratives = await loadNarratives(
    db,
    bundle.data.indicators.map((i) => i.id),
    scope.period.year,
    scope.period.quarter,
  )
  return { scope, opds, unitLabel: await unitName(db, scope.unitId), bundle, notes, narratives }
}

/** A landscape A4 sheet fitted to one page wide, as every Rekap sheet is printed. */
export function addRekapSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
}

export function titleRows(ws: ExcelJS.Worksheet, data: RekapData, title: string, lastCol: number): number {
  const scopeText = data.scope.opdId == null ? 'Seluruh perangkat daerah' : (data.opds[0]?.name ?? '')
  const lines: [string, number, boolean][] = [
    [title, 13, true],
    [`${scopeText}${data.unitLabel ? ` — ${data.unitLabel}` : ''}`, 11, true],
    [`Periode: ${periodLabel(data.bundle.result.period, { explicitQuarter: true })} · dibuat ${stampId(data.scope.asOf, data.bundle.settings.timeZone)}`, 10, false],
  ]
  lines.forEach(([text, size, bold], i) => {
    ws.mergeCells(i + 1, 1, i + 1, lastCol)
    const c = ws.getCell(i + 1, 1)
    c.value = exportText(text)
    c.font = { ...FONT, size, bold }
    c.alignment = { vertical: 'middle', horizontal: 'left' }
  })
  ws.getRow(1).height = 20
  return lines.length + 1
}

export function scoreCell(cell: ExcelJS.Cell, s: Score) {
  if (s.value === null) {
    cell.value = 'belum ada data'
    paintPredikat(cell, null)
    cell.font = { ...FONT, italic: true, color: { argb: predikatColours(null).fg } }
  } else {
    cell.value = s.value
    cell.numFmt = NUM_FMT
    paintPredikat(cell, s.predikat?.key)
  }
  cell.border = BORDER_ALL
  cell.alignment = { horizontal: 'center', vertical: 'middle' }
}

export function labelCell(cell: ExcelJS.Cell, s: Score) {
  const label = s.value === null ? '–' : (s.predikat?.label ?? '–')
  cell.value = `${label} · ${s.scoredCount}/${s.indicatorCount} indikator`
  paintPredikat(cell, s.value === null ? null : s.predikat?.key)
  cell.font = { ...FONT, size: 9, color: { argb: predikatColours(s.value === null ? null : s.predikat?.key).fg } }
  cell.border = BORDER_ALL
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
}
