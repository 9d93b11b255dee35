// The audit workbook: every realisation with its status history, the full audit trail (before /
// after JSON as text), users and roles (never a password hash). Written with ExcelJS's streaming
// WorkbookWriter: rows are read from the database in pages and committed as they go, so memory
// stays flat whatever the size of the trail. Scoped to one OPD (the audit trail by its `opd_id`)
// unless a city-level reader asks for every OPD. Times are date cells in the OPD's time zone; every
// sheet prints on A4.
import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Executor } from '../../utils/db.server'
import { PERMISSIONS, ROLE_LABELS, ROLES, can } from '../../utils/permissions'
import { WORKFLOW_STATUS_LABELS } from '../../domain/labels'
import { romanQuarter } from '../../domain'
import { calendarDateIn, isoDate, timeZoneOffsetMs } from '../../domain/periods'
import { fromDbTime } from '../../../db/time'
import { getSettings } from '../../models/settings.server'
import { zoneAbbreviation } from '../../utils/entry-format'
import { exportNumber, exportText } from './safety.server'
import { BORDER_ALL, FONT, FONT_BOLD, INT_FMT, NUM_FMT, stampId } from './style.server'
import { rowHeightFor, type CellValue, type Col, type ColKind } from './table.server'
import { opdList } from './context.server'

export interface AuditScope {
  opdId: number | null
  unitId?: number | null
  asOf: Date
  timeZone?: string
}

const PAGE = 1_000

type SheetWriter = ExcelJS.Worksheet & { commit(): void }

/** A column of this workbook: the table kinds plus 'time' (a date cell, local time of the OPD). */
type AuditCol = Omit<Col, 'kind'> & { kind?: ColKind | 'time' }
type AuditValue = CellValue | Date

/** Excel's date-time display (a number format, so the cell stays a sortable date). */
export const DATETIME_FMT = 'dd/mm/yyyy hh:mm:ss'

/** A4 (paperSize 9) landscape, one page wide: every sheet of the workbook. */
const A4_LANDSCAPE = { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0 }

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
class StreamTable {
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
    const text = (c: AuditCol): Partial<ExcelJS.Style> => ({ font: FONT, border: BORDER_ALL, alignment: { vertical: 'top', horizontal: c.kind === 'code' ? 'center' : 'left', wrapText: !c.nowrap } })
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
    const h = rowHeightFor(this.cols as readonly Col[], values.map((v) => (v instanceof Date ? null : v)))
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
function shortLocalText(value: unknown, timeZone: string): string | null {
  const d = localTimeCell(value, timeZone)
  if (!d) return null
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

function parseJson(s: string | null): Record<string, unknown> | null {
  if (!s) return null
  try {
    const v = JSON.parse(s)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

const statusText = (s: unknown) => (typeof s === 'string' ? (WORKFLOW_STATUS_LABELS[s as keyof typeof WORKFLOW_STATUS_LABELS] ?? s) : null)

interface RealisasiRow {
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

async function realisasiPage(db: Executor, scope: AuditScope, afterId: number): Promise<RealisasiRow[]> {
  let q = db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .select([
      'r.id', 'r.indicator_id', 'r.year', 'r.quarter', 'r.value', 'r.tidak_diukur', 'r.bukti_text', 'r.bukti_link', 'r.bukti_internal',
      'r.kendala', 'r.tindak_lanjut', 'r.status', 'r.return_note', 'r.is_late', 'r.version', 'r.entered_by', 'r.entered_at',
      'r.submitted_by', 'r.submitted_at', 'r.verified_by', 'r.verified_at', 'r.created_at', 'r.updated_at',
      'i.code', 'i.name', 'i.deleted_at', 'u.name as unit_name', 'u.short_name as unit_short', 'p.opd_id',
    ])
    .where('r.id', '>', afterId)
  if (scope.opdId != null) q = q.where('p.opd_id', '=', scope.opdId)
  if (scope.unitId != null) q = q.where('i.unit_id', '=', scope.unitId)
  return (await q.orderBy('r.id').limit(PAGE).execute()) as RealisasiRow[]
}

interface HistoryEvent {
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

async function historyOf(db: Executor, rows: RealisasiRow[], users: Map<number, { username: string; role: string }>): Promise<Map<number, HistoryEvent[]>> {
  const out = new Map<number, HistoryEvent[]>()
  if (rows.length === 0) return out
  const audit = await db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'actor_username', 'actor_role', 'entity_id', 'action', 'reason', 'before_json', 'after_json'])
    .where('entity', '=', 'realisasi')
    .where('entity_id', 'in', rows.map((r) => String(r.id)))
    .orderBy('id')
    .execute()
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
      ev.push({ time, actor: u?.username ?? null, role: u?.role ?? null, action, from: null, to, valueFrom: undefined, valueTo: undefined, note: null, source: 'stempel waktu baris (tanpa jejak audit)' })
    }
    push(r.entered_at, r.entered_by, 'dientri', WORKFLOW_STATUS_LABELS.draft)
    push(r.submitted_at, r.submitted_by, 'diajukan', WORKFLOW_STATUS_LABELS.diajukan)
    push(r.verified_at, r.verified_by, 'diverifikasi', WORKFLOW_STATUS_LABELS.diverifikasi)
    if (r.status === 'dikembalikan') ev.push({ time: r.updated_at, actor: null, role: null, action: 'dikembalikan', from: null, to: WORKFLOW_STATUS_LABELS.dikembalikan, valueFrom: undefined, valueTo: undefined, note: r.return_note, source: 'stempel waktu baris (tanpa jejak audit)' })
    out.set(r.id, ev)
  }
  return out
}

function historySummary(events: HistoryEvent[], timeZone: string): string {
  return events
    .map((e) => {
      const change = e.from && e.to && e.from !== e.to ? ` (${e.from} → ${e.to})` : !e.from && e.to && e.to.toLowerCase() !== e.action ? ` (→ ${e.to})` : ''
      return `${shortLocalText(e.time, timeZone) ?? '?'} ${e.actor ?? '–'}: ${e.action}${change}`
    })
    .join('\n')
}

const displayValue = (v: unknown): CellValue => (typeof v === 'number' ? v : v == null ? null : String(v))

/** Writes the audit workbook into `out` (a file, an HTTP response, a buffer collector). */
export async function writeAuditWorkbook(db: Executor, scope: AuditScope, out: Writable): Promise<{ realisasi: number; audit: number; users: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Dasbor Kinerja Strategi'
  wb.created = scope.asOf
  const frozen = { views: [{ state: 'frozen' as const, xSplit: 0, ySplit: 1 }], pageSetup: A4_LANDSCAPE }
  const timeZone = scope.timeZone ?? (await getSettings(db)).scoring.timeZone
  const zone = zoneAbbreviation(timeZone)
  const at = (v: unknown) => localTimeCell(v, timeZone)

  const [users, units, opds] = await Promise.all([
    db.selectFrom('app_user').select(['id', 'username', 'full_name', 'role', 'unit_id', 'active', 'created_at', 'updated_at', 'password_changed_at']).orderBy('id').execute(),
    db.selectFrom('org_unit').select(['id', 'parent_id', 'name', 'short_name', 'kind']).execute(),
    opdList(db, scope.opdId),
  ])
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

  // Info sheet: A4 portrait, wrapped text in rows tall enough for it.
  const info = wb.addWorksheet('Info', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } }) as SheetWriter
  info.getColumn(1).width = 18
  info.getColumn(2).width = 70
  const infoCols: Col[] = [{ header: '', width: 18 }, { header: '', width: 70 }]
  const infoRows: [string, string][] = [
    ['Buku kerja', 'Ekspor audit — realisasi, riwayat status, jejak audit, pengguna dan peran'],
    ['Cakupan', scope.opdId == null ? 'Seluruh perangkat daerah' : opds.map((o) => o.name).join(', ')],
    ['Unit', scope.unitId == null ? 'Semua unit' : (unitById.get(scope.unitId)?.name ?? String(scope.unitId))],
    ['Dibuat', stampId(scope.asOf, timeZone)],
    ['Waktu', `Semua kolom waktu berupa sel tanggal dalam waktu setempat ${zone} (${timeZone}), format hari/bulan/tahun jam:menit:detik; basis data menyimpannya dalam UTC.`],
    ['Jejak audit', 'Tabel jejak audit hanya dapat ditambah (tidak dapat diubah atau dihapus). Kolom "Sebelum" dan "Sesudah" memuat data JSON apa adanya.'],
    ['Kata sandi', 'Hash kata sandi tidak pernah diekspor.'],
  ]
  infoRows.forEach(([k, v], i) => {
    const row = info.getRow(i + 1)
    row.getCell(1).value = k
    row.getCell(1).font = FONT_BOLD
    row.getCell(2).value = { richText: [{ text: exportText(v) ?? '' }] }
    row.getCell(2).font = FONT
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' }
    row.getCell(1).alignment = { vertical: 'top' }
    const h = rowHeightFor(infoCols, [k, v])
    if (h > 15) row.height = h
    row.commit()
  })
  info.commit()

  // Realisasi, with a compact status history.
  const opdName = new Map(opds.map((o) => [o.id, o.shortName ?? o.name]))
  const realCols: AuditCol[] = [
    { header: 'ID', width: 8, kind: 'int' },
    ...(scope.opdId == null ? [{ header: 'Perangkat daerah', width: 22 } as Col] : []),
    { header: 'Kode', width: 10, kind: 'code' },
    { header: 'Indikator', width: 40 },
    { header: `Indikator dihapus (${zone})`, width: 18, kind: 'time' },
    { header: 'Unit', width: 18 },
    { header: 'Tahun', width: 7, kind: 'int' },
    { header: 'Triwulan', width: 8, kind: 'code' },
    { header: 'Nilai', width: 11, kind: 'num' },
    { header: 'Tidak diukur', width: 8, kind: 'code' },
    { header: 'Status', width: 12 },
    { header: 'Terlambat', width: 9, kind: 'code' },
    { header: 'Bukti (teks)', width: 36 },
    { header: 'Bukti (tautan)', width: 30, nowrap: true },
    { header: 'Bukti internal', width: 8, kind: 'code' },
    { header: 'Kendala', width: 36 },
    { header: 'Tindak lanjut', width: 36 },
    { header: 'Catatan pengembalian', width: 28 },
    { header: 'Versi', width: 6, kind: 'int' },
    { header: 'Dientri oleh', width: 14 },
    { header: `Dientri (${zone})`, width: 19, kind: 'time' },
    { header: 'Diajukan oleh', width: 14 },
    { header: `Diajukan (${zone})`, width: 19, kind: 'time' },
    { header: 'Diverifikasi oleh', width: 14 },
    { header: `Diverifikasi (${zone})`, width: 19, kind: 'time' },
    { header: `Diubah (${zone})`, width: 19, kind: 'time' },
    { header: 'Riwayat status', width: 60 },
  ]
  const uname = (id: number | null) => (id == null ? null : (userMap.get(id)?.username ?? `#${id}`))
  const yes = (v: number) => (v === 1 ? 'Ya' : 'Tidak')
  const realTable = new StreamTable(wb.addWorksheet('Realisasi', frozen) as SheetWriter, realCols)
  let last = 0
  for (;;) {
    const page = await realisasiPage(db, scope, last)
    if (page.length === 0) break
    const hist = await historyOf(db, page, userMap)
    for (const r of page) {
      realTable.add([
        r.id,
        ...(scope.opdId == null ? [opdName.get(r.opd_id) ?? String(r.opd_id)] : []),
        r.code,
        r.name,
        at(r.deleted_at),
        r.unit_short ?? r.unit_name,
        r.year,
        romanQuarter(r.quarter),
        r.value == null ? null : Number(r.value),
        yes(r.tidak_diukur),
        statusText(r.status),
        yes(r.is_late),
        r.bukti_text,
        r.bukti_link,
        yes(r.bukti_internal),
        r.kendala,
        r.tindak_lanjut,
        r.return_note,
        r.version,
        uname(r.entered_by),
        at(r.entered_at),
        uname(r.submitted_by),
        at(r.submitted_at),
        uname(r.verified_by),
        at(r.verified_at),
        at(r.updated_at),
        historySummary(hist.get(r.id) ?? [], timeZone),
      ])
    }
    last = page[page.length - 1]!.id
    if (page.length < PAGE) break
  }
  const realisasiCount = realTable.count
  realTable.finish()

  // Status history: one row per event (second pass, still paged).
  const histTable = new StreamTable(wb.addWorksheet('Riwayat Status', frozen) as SheetWriter, [
    { header: 'ID realisasi', width: 10, kind: 'int' },
    { header: 'Kode', width: 10, kind: 'code' },
    { header: 'Tahun', width: 7, kind: 'int' },
    { header: 'Triwulan', width: 8, kind: 'code' },
    { header: `Waktu (${zone})`, width: 19, kind: 'time' },
    { header: 'Pelaku', width: 14 },
    { header: 'Peran', width: 14 },
    { header: 'Aksi', width: 16 },
    { header: 'Status sebelum', width: 13 },
    { header: 'Status sesudah', width: 13 },
    { header: 'Nilai sebelum', width: 11, kind: 'num' },
    { header: 'Nilai sesudah', width: 11, kind: 'num' },
    { header: 'Alasan / catatan', width: 36 },
    { header: 'Sumber', width: 26 },
  ])
  last = 0
  for (;;) {
    const page = await realisasiPage(db, scope, last)
    if (page.length === 0) break
    const hist = await historyOf(db, page, userMap)
    for (const r of page) {
      for (const e of hist.get(r.id) ?? []) {
        histTable.add([r.id, r.code, r.year, romanQuarter(r.quarter), at(e.time), e.actor, e.role ? (ROLE_LABELS[e.role as keyof typeof ROLE_LABELS] ?? e.role) : null, e.action, e.from, e.to, displayValue(e.valueFrom), displayValue(e.valueTo), e.note, e.source])
      }
    }
    last = page[page.length - 1]!.id
    if (page.length < PAGE) break
  }
  histTable.finish()

  // The audit trail of the scope: the OPD's rows (its `opd_id`), or every row for all OPDs.
  const auditTable = new StreamTable(wb.addWorksheet('Jejak Audit', frozen) as SheetWriter, [
    { header: 'ID', width: 8, kind: 'int' },
    { header: `Waktu (${zone})`, width: 19, kind: 'time' },
    { header: 'Pengguna', width: 14 },
    { header: 'Peran', width: 12 },
    { header: 'Entitas', width: 14 },
    { header: 'ID entitas', width: 12 },
    { header: 'Aksi', width: 16 },
    { header: 'Alasan', width: 30 },
    { header: 'Sebelum (JSON)', width: 60, nowrap: true },
    { header: 'Sesudah (JSON)', width: 60, nowrap: true },
    { header: 'ID permintaan', width: 22, nowrap: true },
  ])
  let lastAudit = 0
  for (;;) {
    let q = db
      .selectFrom('audit_log')
      .select(['id', 'occurred_at', 'actor_username', 'actor_role', 'entity', 'entity_id', 'action', 'reason', 'before_json', 'after_json', 'request_id'])
      .where('id', '>', lastAudit)
    if (scope.opdId != null) q = q.where('opd_id', '=', scope.opdId)
    const page = await q.orderBy('id').limit(PAGE).execute()
    if (page.length === 0) break
    for (const a of page) {
      auditTable.add([a.id, at(a.occurred_at), a.actor_username, a.actor_role, a.entity, a.entity_id, a.action, a.reason, a.before_json, a.after_json, a.request_id])
    }
    lastAudit = page[page.length - 1]!.id
    if (page.length < PAGE) break
  }
  const auditCount = auditTable.count
  auditTable.finish()

  // Users (no password hash) and roles.
  const lastLogins = await db
    .selectFrom('login_attempt')
    .select(['username', (eb) => eb.fn.max('attempted_at').as('last')])
    .where('success', '=', 1)
    .groupBy('username')
    .execute()
  const lastLogin = new Map(lastLogins.map((l) => [l.username, l.last]))
  const userTable = new StreamTable(wb.addWorksheet('Pengguna', frozen) as SheetWriter, [
    { header: 'ID', width: 6, kind: 'int' },
    { header: 'Nama pengguna', width: 16 },
    { header: 'Nama lengkap', width: 30 },
    { header: 'Peran', width: 22 },
    { header: 'Kode peran', width: 14 },
    { header: 'Unit', width: 34 },
    { header: 'Aktif', width: 7, kind: 'code' },
    { header: `Dibuat (${zone})`, width: 19, kind: 'time' },
    { header: `Diubah (${zone})`, width: 19, kind: 'time' },
    { header: `Kata sandi diganti (${zone})`, width: 19, kind: 'time' },
    { header: `Masuk terakhir (${zone})`, width: 19, kind: 'time' },
  ])
  let userCount = 0
  for (const u of users) {
    if (scope.opdId != null && u.unit_id != null && opdOf(u.unit_id) !== scope.opdId) continue
    userCount++
    userTable.add([
      u.id,
      u.username,
      u.full_name,
      ROLE_LABELS[u.role as keyof typeof ROLE_LABELS] ?? u.role,
      u.role,
      u.unit_id == null ? 'Tingkat kota (semua perangkat daerah)' : (unitById.get(u.unit_id)?.name ?? String(u.unit_id)),
      u.active === 1 ? 'Ya' : 'Tidak',
      at(u.created_at),
      at(u.updated_at),
      at(u.password_changed_at),
      at(lastLogin.get(u.username) ?? null),
    ])
  }
  userTable.finish()

  const roleTable = new StreamTable(wb.addWorksheet('Peran dan Izin', frozen) as SheetWriter, [
    { header: 'Izin', width: 20 },
    ...ROLES.map((r) => ({ header: ROLE_LABELS[r], width: 14, kind: 'code' }) as AuditCol),
  ])
  for (const p of PERMISSIONS) roleTable.add([p, ...ROLES.map((r) => (can(r, p) ? 'Ya' : '–'))])
  roleTable.finish()

  await wb.commit()
  return { realisasi: realisasiCount, audit: auditCount, users: userCount }
}

/** A code as a file-name part: letters, digits, dot, dash and underscore kept (case too). */
const fileCode = (code: string) => code.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'opd'

/**
 * The file name: the OPD's code (or "semua-opd"), the unit's code when one is chosen, and the
 * local date of the export, e.g. `Audit_DKISP-DUMAI_2026-11-29.xlsx`.
 */
export async function auditWorkbookFilename(db: Executor, scope: AuditScope): Promise<string> {
  const codeOf = async (id: number) => (await db.selectFrom('org_unit').select('code').where('id', '=', id).executeTakeFirst())?.code ?? String(id)
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

