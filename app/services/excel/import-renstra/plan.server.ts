// Import of the Renstra workbook (perencanaan): indicators with their mapping (code, name, satuan,
// polarity, pola ukur, aspect, strategy, weight, unit, sasaran, program, baseline, target akhir,
// bounds) and the annual target of every Renstra year. Same shape as the realisation import:
// preview (new / changed / unchanged, problems by row and column) → commit in ONE transaction
// with one audit row per created or changed indicator; the commit must match the preview (hash),
// versions guard against concurrent edits, and changing a target of a year that already has
// verified realisations needs a reason.
import type { Executor } from '../../../utils/db.server'
import type { SessionUser } from '../../auth.server'
import { checkRowCap, issue, locateColumns, openUpload, sha256, sheetOf, type ImportIssue } from '../import-common.server'
import { outsideOwnOpd, refusedRenstraPlan, type RenstraImportPlan, type RenstraPreviewRow, type RenstraRowKind } from '../renstra-import-shared.server'
import { RENSTRA_SHEET, RS, type RenstraPeriodRow } from '../templates.server'
import { resolvePeriod } from './period.server'
import { loadReferences, type ExistingIndicator } from './references.server'
import { readRenstraRows, RENSTRA_SPECS, targetColumns, type RowPlan } from './read.server'
import { compareRenstraRows } from './compare.server'
import { getOpdCode } from '../../../models/organisation.server'

export { RENSTRA_MODE_TITLE } from './read.server'
export { fieldsOfExisting, loadExisting, type ExistingIndicator, type Fields } from './references.server'
export type { RenstraImportPlan, RenstraPreviewRow, RenstraRowKind }

export interface Planned {
  plan: RenstraImportPlan
  rows: RowPlan[]
  periodRow: RenstraPeriodRow | null
  existing: Map<string, ExistingIndicator>
  targetsBefore: Map<number, Record<number, number>>
}

export async function planRenstra(db: Executor, user: SessionUser, opdId: number, bytes: Uint8Array, fileName: string, year: number): Promise<Planned> {
  const fail = (errors: ImportIssue[]): Planned => ({ plan: refusedRenstraPlan(fileName, bytes, errors), rows: [], periodRow: null, existing: new Map(), targetsBefore: new Map() })
  const outside = outsideOwnOpd(user, opdId)
  if (outside) return fail([outside])

  const opened = await openUpload(bytes)
  if (!opened.ok) return fail(opened.issues)
  const ws = sheetOf(opened.workbook, RENSTRA_SHEET)
  if (!ws) return fail([issue('Berkas tidak berisi lembar kerja.')])
  const { headerRow, cols, extra, issues } = locateColumns(ws, RS.code, RENSTRA_SPECS)
  if (headerRow < 0 || issues.length) return fail(issues)
  const cap = checkRowCap(ws, headerRow)
  if (cap) return fail([cap])
  const errors: ImportIssue[] = []
  const targetCols = targetColumns(extra)

  // Period: the template's hidden column, else the OPD's period containing `year`.
  const opd = await getOpdCode(db, opdId)
  if (!opd) return fail([issue('Perangkat daerah tidak ditemukan.')])
  const resolved = await resolvePeriod(db, ws, headerRow, cols.period, opdId, year)
  if ('error' in resolved) return fail([resolved.error])
  const { periodRow } = resolved
  const periodInfo = { id: periodRow.id, name: periodRow.name, startYear: periodRow.start_year, endYear: periodRow.end_year }
  for (const t of targetCols) {
    if (t.year < periodRow.start_year || t.year > periodRow.end_year)
      errors.push(issue(`Tahun ${t.year} di luar periode ${periodRow.name} (${periodRow.start_year}–${periodRow.end_year}).`, { row: headerRow, col: t.col }))
  }

  const refs = await loadReferences(db, opd, periodRow)
  const rows = readRenstraRows(ws, headerRow, { cols, targetCols, refs, periodName: periodRow.name }, errors)
  if (!rows.length && !errors.length) errors.push(issue('Tidak ada baris indikator dalam berkas.'))

  const { preview, counts, needsReason, planned, warnings } = compareRenstraRows(rows, refs, opd.code, cols, errors)
  const hash = sha256(JSON.stringify({ file: sha256(bytes), period: periodRow.id, planned }))
  return {
    plan: { fileName, period: periodInfo, rows: preview, counts, errors, warnings, needsReason, hash },
    rows,
    periodRow,
    existing: refs.existing,
    targetsBefore: refs.targetsBefore,
  }
}
