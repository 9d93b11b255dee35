// The audit workbook's parts: its column kinds and page setup, local-time date cells, the streamed
// table writer, and the paged reads of realisations with their status history.
import type ExcelJS from 'exceljs'
import type { Executor } from '../../../utils/db.server'
import { auditRowsOfRealisasi } from '../../../models/audit.server'
import { realisasiPageAfter } from '../../../models/realisasi.server'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../../../domain/labels'
import { timeZoneOffsetMs } from '../../../domain/periods'
import { fromDbTime } from '../../../../db/time'
import { exportNumber, exportText } from '../safety.server'
import { BORDER_ALL, FONT, FONT_BOLD, INT_FMT, NUM_FMT } from '../style.server'
import { rowHeightFor, type CellValue, type Col, type ColKind } from '../table.server'

export interface AuditScope {
  opdId: number | null
  unitId?: number | null
  asOf: Date
  timeZone?: string
}

export const PAGE = 1_000

export type SheetWriter = ExcelJS.Worksheet & { commit(): void }

/** A column of this workbook: the table kinds plus 'time' (a date cell, local time of the OPD). */
export type AuditCol = Omit<Col, 'kind'> & { kind?: ColKind | 'time' }
export type AuditValue = CellValue | Date

/** Excel's date-time display (a number format, so the cell stays a sortable date). */
export const DATETIME_FMT = 'dd/mm/yyyy hh:mm:ss'

/** A4 (paperSize 9) landscape, one page wide: every sheet of the workbook. */
export const A4_LANDSCAPE = { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0 }

/**
 * A stored UTC time as an Excel date cell showing the wall-clock time in `timeZone`: Excel has no
 * zones, and ExcelJS writes a Date by its UTC fields, so the instant is shifted by the zone's offset.
 */
export function localTimeCell(value: unknown, timeZone: string): Date | null {
  const d = value == null ? null : fromDbTime(value as string | Date)
  if (!d) return null
  return new Date(d.getTime() + timeZoneOffsetMs(d, timeZone))
}

/**
 * A streaming table: header in row 1 (frozen), rows committed one by one, autofilter at the end.
 * Every body cell of a column shares ONE style object: ExcelJS caches a style's id by object
 * identity, so styling costs nothing per cell (a fresh object per cell costs a style lookup each).
 */
export class StreamTable {
  private r = 1
  private readonly styles: Partial<ExcelJS.Style>[]
  private readonly textStyles: Partial<ExcelJS.Style>[]
  constructor(
    private ws: SheetWriter,
    private cols: readonly AuditCol[],
  ) {
    cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width))
    const header: Partial<ExcelJS.Style> = {
      font: FONT_BOLD,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3EAF3' } },
      border: BORDER_ALL,
      alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
    }
    const row = ws.getRow(1)
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      cell.value = c.header
      cell.style = header
    })
    row.height = 30
    row.commit()
    const text = (c: AuditCol): Partial<ExcelJS.Style> => ({
      font: FONT,
      border: BORDER_ALL,
      alignment: { vertical: 'top', horizontal: c.kind === 'code' ? 'center' : 'left', wrapText: !c.nowrap },
    })
    this.textStyles = cols.map(text)
    this.styles = cols.map((c) =>
      c.kind === 'num' || c.kind === 'int'
        ? { font: FONT, border: BORDER_ALL, alignment: { vertical: 'top', horizontal: 'right' }, numFmt: c.kind === 'int' ? INT_FMT : NUM_FMT }
        : c.kind === 'time'
          ? { font: FONT, border: BORDER_ALL, alignment: { vertical: 'top', horizontal: 'left' }, numFmt: DATETIME_FMT }
          : text(c),
    )
  }
  add(values: readonly AuditValue[]) {
    this.r++
    const row = this.ws.getRow(this.r)
    this.cols.forEach((c, i) => {
      const v = values[i]
      const cell = row.getCell(i + 1)
      if (c.kind === 'time' && v instanceof Date) {
        cell.value = v
        cell.style = this.styles[i]!
      } else if ((c.kind === 'num' || c.kind === 'int') && typeof v === 'number') {
        cell.value = exportNumber(v)
        cell.style = this.styles[i]!
      } else {
        const t = exportText(v instanceof Date ? v.toISOString() : v)
        // inline strings: no shared-string table growing in memory while streaming
        cell.value = t === null ? null : { richText: [{ text: t }] }
        cell.style = this.textStyles[i]!
      }
    })
    const h = rowHeightFor(
      this.cols as readonly Col[],
      values.map((v) => (v instanceof Date ? null : v)),
    )
    if (h > 15) row.height = h
    row.commit()
  }
  get count() {
    return this.r - 1
  }
  finish() {
    this.ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, this.r), column: this.cols.length } }
    this.ws.commit()
  }
}

/** A local time as short text ('dd/mm/yyyy hh:mm'), for the one-cell status history summary. */
export function shortLocalText(value: unknown, timeZone: string): string | null {
  const d = localTimeCell(value, timeZone)
  if (!d) return null
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

export function parseJson(s: string | null): Record<string, unknown> | null {
  if (!s) return null
  try {
    const v = JSON.parse(s)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export const statusText = (s: unknown) => (typeof s === 'string' ? (STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s) : null)

export interface RealisasiRow {
  id: number
  indicator_id: number
  year: number
  quarter: number
  value: number | null
  tidak_diukur: number
  bukti_text: string | null
  bukti_link: string | null
  bukti_internal: number
  kendala: string | null
  tindak_lanjut: string | null
  status: string
  return_note: string | null
  is_late: number
  version: number
  entered_by: number | null
  entered_at: string | null
  submitted_by: number | null
  submitted_at: string | null
  verified_by: number | null
  verified_at: string | null
  created_at: string
  updated_at: string
  code: string
  name: string
  deleted_at: string | null
  unit_name: string
  unit_short: string | null
  opd_id: number
}

/** The reader of a streamed workbook went away: the rest is not read nor written. */
export class ExportAborted extends Error {
  constructor() {
    super('ekspor dihentikan: pengunduh memutus sambungan')
    this.name = 'ExportAborted'
  }
}

/** Keyset paging by id: `each` gets every page of at most PAGE rows (ids ascending) until a page
 *  comes back short or empty; before each page, `stopped()` true ends it with ExportAborted. */
export async function forEachPage<R extends { id: number }>(
  fetch: (afterId: number) => Promise<R[]>,
  each: (page: R[]) => Promise<void> | void,
  stopped: () => boolean = () => false,
): Promise<void> {
  let last = 0
  for (;;) {
    if (stopped()) throw new ExportAborted()
    const page = await fetch(last)
    if (page.length === 0) break
    await each(page)
    last = page[page.length - 1]!.id
    if (page.length < PAGE) break
  }
}

export async function realisasiPage(db: Executor, scope: AuditScope, afterId: number): Promise<RealisasiRow[]> {
  return (await realisasiPageAfter(db, scope, afterId, PAGE)) as RealisasiRow[]
}

export interface HistoryEvent {
  /** The stored UTC time. */
  time: string | null
  actor: string | null
  role: string | null
  action: string
  from: string | null
  to: string | null
  valueFrom: unknown
  valueTo: unknown
  note: string | null
  source: string
}

export async function historyOf(db: Executor, rows: RealisasiRow[], users: Map<number, { username: string; role: string }>): Promise<Map<number, HistoryEvent[]>> {
  const out = new Map<number, HistoryEvent[]>()
  if (rows.length === 0) return out
  const audit = await auditRowsOfRealisasi(
    db,
    rows.map((r) => String(r.id)),
  )
  for (const a of audit) {
    const id = Number(a.entity_id)
    const before = parseJson(a.before_json)
    const after = parseJson(a.after_json)
    let list = out.get(id)
    if (!list) out.set(id, (list = []))
    list.push({
      time: a.occurred_at,
      actor: a.actor_username,
      role: a.actor_role,
      action: a.action,
      from: statusText(before?.status),
      to: statusText(after?.status ?? before?.status),
      valueFrom: before?.value,
      valueTo: after?.value,
      note: a.reason,
      source: 'jejak audit',
    })
  }
  // Rows without any audit event (e.g. loaded by the demo seed): the row's own time stamps.
  for (const r of rows) {
    if (out.has(r.id)) continue
    const who = (id: number | null) => (id == null ? null : (users.get(id) ?? null))
    const ev: HistoryEvent[] = []
    const push = (time: string | null, by: number | null, action: string, to: string) => {
      if (!time) return
      const u = who(by)
      ev.push({
        time,
        actor: u?.username ?? null,
        role: u?.role ?? null,
        action,
        from: null,
        to,
        valueFrom: undefined,
        valueTo: undefined,
        note: null,
        source: 'stempel waktu baris (tanpa jejak audit)',
      })
    }
    push(r.entered_at, r.entered_by, 'dientri', STATUS_LABELS.draft)
    push(r.submitted_at, r.submitted_by, 'diajukan', STATUS_LABELS.diajukan)
    push(r.verified_at, r.verified_by, 'diverifikasi', STATUS_LABELS.diverifikasi)
    if (r.status === 'dikembalikan')
      ev.push({
        time: r.updated_at,
        actor: null,
        role: null,
        action: 'dikembalikan',
        from: null,
        to: STATUS_LABELS.dikembalikan,
        valueFrom: undefined,
        valueTo: undefined,
        note: r.return_note,
        source: 'stempel waktu baris (tanpa jejak audit)',
      })
    out.set(r.id, ev)
  }
  return out
}

export function historySummary(events: HistoryEvent[], timeZone: string): string {
  return events
    .map((e) => {
      const change = e.from && e.to && e.from !== e.to ? ` (${e.from} → ${e.to})` : !e.from && e.to && e.to.toLowerCase() !== e.action ? ` (→ ${e.to})` : ''
      return `${shortLocalText(e.time, timeZone) ?? '?'} ${e.actor ?? '–'}: ${e.action}${change}`
    })
    .join('\n')
}

export const displayValue = (v: unknown): CellValue => (typeof v === 'number' ? v : v == null ? null : String(v))
