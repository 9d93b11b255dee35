// The audit workbook: every realisation with its status history, the full audit trail (before /
// after JSON as text), users and roles (never a password hash). Written with ExcelJS's streaming
// WorkbookWriter: rows are read from the database in pages and committed as they go, so memory
// stays flat whatever the size of the trail. Scoped to one OPD (the audit trail by its `opd_id`)
// unless a city-level reader asks for every OPD. Times are date cells in the OPD's time zone; every
// sheet prints on A4.
import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { calendarDateIn, isoDate } from '../../domain/periods'
import { getSettings } from '../../models/settings.server'
import { unitCode, unitTreeRows } from '../../models/organisation.server'
import { usersForAuditExport } from '../../models/users.server'
import { zoneAbbreviation } from '../../utils/entry-format'
import { opdList } from './context.server'
import { A4_LANDSCAPE, ExportAborted, localTimeCell, type AuditScope } from './audit-workbook/parts.server'
import {
  writeAuditTrailSheet,
  writeHistorySheet,
  writeInfoSheet,
  writeRealisasiSheet,
  writeRolesSheet,
  writeUsersSheet,
  type AuditSheetContext,
} from './audit-workbook/sheets.server'

export { DATETIME_FMT, ExportAborted, localTimeCell, type AuditScope } from './audit-workbook/parts.server'

/** Writes the audit workbook into `out` (a file, an HTTP response, a buffer collector). */
export async function writeAuditWorkbook(db: Executor, scope: AuditScope, out: Writable): Promise<{ realisasi: number; audit: number; users: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Dasbor Kinerja Strategi'
  wb.created = scope.asOf
  const frozen = { views: [{ state: 'frozen' as const, xSplit: 0, ySplit: 1 }], pageSetup: A4_LANDSCAPE }
  const timeZone = scope.timeZone ?? (await getSettings(db)).scoring.timeZone
  const zone = zoneAbbreviation(timeZone)
  const at = (v: unknown) => localTimeCell(v, timeZone)

  const [users, units, opds] = await Promise.all([usersForAuditExport(db), unitTreeRows(db), opdList(db, scope.opdId)])
  const userMap = new Map(users.map((u) => [u.id, { username: u.username, role: u.role }]))
  const unitById = new Map(units.map((u) => [u.id, u]))
  const opdOf = (unitId: number | null): number | null => {
    let id = unitId
    for (let i = 0; id != null && i < 10; i++) {
      const u = unitById.get(id)
      if (!u) return null
      if (u.kind === 'opd' || u.parent_id == null) return u.id
      id = u.parent_id
    }
    return null
  }
  const c: AuditSheetContext = { wb, db, scope, zone, timeZone, at, frozen, users, userMap, unitById, opds, opdOf, stopped: () => out.destroyed }

  await writeInfoSheet(c)
  const realisasiCount = await writeRealisasiSheet(c)
  await writeHistorySheet(c)
  const auditCount = await writeAuditTrailSheet(c)
  const userCount = await writeUsersSheet(c)
  await writeRolesSheet(c)

  // a reader who leaves while the zip is finished: ExcelJS would wait for it for ever
  if (out.destroyed) throw new ExportAborted()
  let onClose = () => {}
  const left = new Promise<never>((_, reject) => {
    onClose = () => {
      if (!out.writableFinished) reject(new ExportAborted())
    }
    out.once('close', onClose)
  })
  try {
    await Promise.race([wb.commit(), left])
  } finally {
    out.off('close', onClose)
  }
  return { realisasi: realisasiCount, audit: auditCount, users: userCount }
}

/** A code as a file-name part: letters, digits, dot, dash and underscore kept (case too). */
const fileCode = (code: string) => code.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'opd'

/**
 * The file name: the OPD's code (or "semua-opd"), the unit's code when one is chosen, and the
 * local date of the export, e.g. `Audit_DKISP-DUMAI_2026-11-29.xlsx`.
 */
export async function auditWorkbookFilename(db: Executor, scope: AuditScope): Promise<string> {
  const codeOf = async (id: number) => (await unitCode(db, id)) ?? String(id)
  const who = scope.opdId == null ? 'semua-opd' : fileCode(await codeOf(scope.opdId))
  const unit = scope.unitId == null ? '' : `_${fileCode(await codeOf(scope.unitId))}`
  const timeZone = scope.timeZone ?? (await getSettings(db)).scoring.timeZone
  return `Audit_${who}${unit}_${isoDate(calendarDateIn(scope.asOf, timeZone))}.xlsx`
}

/** The audit workbook as a stream for an HTTP response, plus its file name. */
export async function auditWorkbookStream(db: Executor, scope: AuditScope, onError: (e: unknown) => void): Promise<{ stream: PassThrough; filename: string }> {
  const filename = await auditWorkbookFilename(db, scope)
  const pass = new PassThrough()
  writeAuditWorkbook(db, scope, pass).catch((e) => {
    if (e instanceof ExportAborted) return // the reader left: nothing failed, the rest is simply not made
    onError(e)
    pass.destroy(e instanceof Error ? e : new Error(String(e)))
  })
  return { stream: pass, filename }
}

/** The whole audit workbook in memory (tests, small installs). */
export async function auditWorkbookBuffer(db: Executor, scope: AuditScope): Promise<Buffer> {
  const pass = new PassThrough()
  const chunks: Buffer[] = []
  pass.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    pass.on('end', resolve)
    pass.on('error', reject)
  })
  await writeAuditWorkbook(db, scope, pass)
  await done
  return Buffer.concat(chunks)
}
