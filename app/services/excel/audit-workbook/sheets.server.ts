// The sheets of the audit workbook, one writer each; they share one context (the scope, its time
// zone, users and units read once).
import type ExcelJS from 'exceljs'
import type { Executor } from '../../../utils/db.server'
import { PERMISSIONS, ROLE_LABELS, ROLES, can } from '../../../utils/permissions'
import { romanQuarter } from '../../../domain'
import { exportText } from '../safety.server'
import { FONT, FONT_BOLD, stampId } from '../style.server'
import { rowHeightFor, type Col } from '../table.server'
import type { opdList } from '../context.server'
import { auditPageAfter } from '../../../models/audit.server'
import { lastSuccessfulLogins } from '../../../models/login-attempts.server'
import {
  forEachPage,
  PAGE,
  StreamTable,
  displayValue,
  historyOf,
  historySummary,
  realisasiPage,
  statusText,
  type AuditCol,
  type AuditScope,
  type SheetWriter,
} from './parts.server'

export interface AuditSheetContext {
  wb: ExcelJS.stream.xlsx.WorkbookWriter
  db: Executor
  scope: AuditScope
  /** The zone's abbreviation (WIB) and name (Asia/Jakarta). */
  zone: string
  timeZone: string
  /** A stored time as a local date cell. */
  at: (v: unknown) => Date | null
  frozen: Partial<ExcelJS.AddWorksheetOptions>
  users: {
    id: number
    username: string
    full_name: string
    role: string
    unit_id: number | null
    active: number
    created_at: string
    updated_at: string
    password_changed_at: string | null
  }[]
  userMap: Map<number, { username: string; role: string }>
  unitById: Map<number, { id: number; parent_id: number | null; name: string; short_name: string | null; kind: string }>
  opds: Awaited<ReturnType<typeof opdList>>
  opdOf: (unitId: number | null) => number | null
  /** True once the reader has gone (the response stream was destroyed): the paged sheets stop. */
  stopped: () => boolean
}

/** Info sheet: what the workbook holds, its scope and how to read its times. */
export async function writeInfoSheet(c: AuditSheetContext): Promise<void> {
  const { wb, scope, zone, timeZone, unitById, opds } = c
  // Info sheet: A4 portrait, wrapped text in rows tall enough for it.
  const info = wb.addWorksheet('Info', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } }) as SheetWriter
  info.getColumn(1).width = 18
  info.getColumn(2).width = 70
  const infoCols: Col[] = [
    { header: '', width: 18 },
    { header: '', width: 70 },
  ]
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
}

/** Realisasi: every row of the scope with a compact status history; answers the row count. */
export async function writeRealisasiSheet(c: AuditSheetContext): Promise<number> {
  const { wb, db, scope, zone, timeZone, at, frozen, userMap, opds } = c
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
  await forEachPage(
    (after) => realisasiPage(db, scope, after),
    async (page) => {
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
    },
    c.stopped,
  )
  realTable.finish()
  return realTable.count
}

/** Riwayat Status: one row per status event (a second paged pass). */
export async function writeHistorySheet(c: AuditSheetContext): Promise<void> {
  const { wb, db, scope, zone, at, frozen, userMap } = c
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
  await forEachPage(
    (after) => realisasiPage(db, scope, after),
    async (page) => {
      const hist = await historyOf(db, page, userMap)
      for (const r of page) {
        for (const e of hist.get(r.id) ?? []) {
          histTable.add([
            r.id,
            r.code,
            r.year,
            romanQuarter(r.quarter),
            at(e.time),
            e.actor,
            e.role ? (ROLE_LABELS[e.role as keyof typeof ROLE_LABELS] ?? e.role) : null,
            e.action,
            e.from,
            e.to,
            displayValue(e.valueFrom),
            displayValue(e.valueTo),
            e.note,
            e.source,
          ])
        }
      }
    },
    c.stopped,
  )
  histTable.finish()
}

/** Jejak Audit: the audit rows of the scope (its `opd_id`), or every row for all OPDs; answers the count. */
export async function writeAuditTrailSheet(c: AuditSheetContext): Promise<number> {
  const { wb, db, scope, zone, at, frozen } = c
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
  await forEachPage(
    (after) => auditPageAfter(db, scope.opdId, after, PAGE),
    (page) => {
      for (const a of page) {
        auditTable.add([a.id, at(a.occurred_at), a.actor_username, a.actor_role, a.entity, a.entity_id, a.action, a.reason, a.before_json, a.after_json, a.request_id])
      }
    },
    c.stopped,
  )
  auditTable.finish()
  return auditTable.count
}

/** Pengguna: the users of the scope (never a password hash); answers the count. */
export async function writeUsersSheet(c: AuditSheetContext): Promise<number> {
  const { wb, db, scope, zone, at, frozen, users, unitById, opdOf } = c
  // Users (no password hash) and roles.
  const lastLogins = await lastSuccessfulLogins(db)
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
  return userCount
}

/** Peran dan Izin: the permission matrix. */
export async function writeRolesSheet(c: AuditSheetContext): Promise<void> {
  const { wb, frozen } = c
  const roleTable = new StreamTable(wb.addWorksheet('Peran dan Izin', frozen) as SheetWriter, [
    { header: 'Izin', width: 20 },
    ...ROLES.map((r) => ({ header: ROLE_LABELS[r], width: 14, kind: 'code' }) as AuditCol),
  ])
  for (const p of PERMISSIONS) roleTable.add([p, ...ROLES.map((r) => (can(r, p) ? 'Ya' : '–'))])
  roleTable.finish()
}
