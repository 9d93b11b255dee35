// The organisation workbook, the checking pass (ADR 0034): the parsed rows of sheets "Unit" and
// "Pengguna" against the OPD's current tree. One checker per column group — a unit's own fields,
// its parent and kind under that parent, its code against the OPD; a user's name, full name, role
// and unit — each problem reported with its sheet, row and column. Pure apart from the reads given.
import type { UnitKind } from '../../../db/schema'
import type { UnitRecord } from '../../models/organisation.server'
import { ROLE_LABELS, ROLES, type Role } from '../../utils/permissions'
import { USERNAME_PATTERN } from '../users/rules'
import { norm, sha256, type ColumnRef, type ImportIssue } from '../excel/import-common.server'
import { CODE_PATTERN, CODE_RULE, kindProblem, opdIdOf, UNIT_KIND_LABELS } from './rules'
import type { Tree } from './common.server'
import { IMPORT_KINDS, UNIT_COLS, UNIT_SHEET, USER_COLS, USER_SHEET } from './workbook.server'

export interface OrgIssue extends ImportIssue {
  sheet: string | null
}

export interface PlannedUnit {
  row: number
  code: string
  name: string
  shortName: string | null
  kind: UnitKind
  parentCode: string | null
  parentName: string
  status: 'baru' | 'tetap'
}

export interface PlannedUser {
  row: number
  username: string
  fullName: string
  role: Role
  roleLabel: string
  unitCode: string | null
  unitName: string
}

export interface OrgImportPlan {
  fileName: string
  opd: { id: number; code: string; name: string }
  units: PlannedUnit[]
  users: PlannedUser[]
  counts: { unitsNew: number; unitsSame: number; users: number }
  errors: OrgIssue[]
  hash: string
}

export interface RawRow {
  row: number
  cells: Record<string, string | null>
}

export interface RawSheet {
  rows: RawRow[]
  cols: Record<string, ColumnRef | undefined>
}

export interface Parsed {
  units: RawSheet
  users: RawSheet
  issues: OrgIssue[]
  fileHash: string
}

const KIND_WORDS: Record<string, UnitKind> = {
  sekretariat: 'sekretariat',
  bidang: 'bidang',
  upt: 'upt',
  subbagian: 'subbagian',
  'sub bagian': 'subbagian',
  subbag: 'subbagian',
  seksi: 'seksi',
  opd: 'opd',
  kota: 'kota',
}
const ROLE_WORDS: Record<string, Role> = Object.fromEntries([
  ...ROLES.map((r) => [r, r]),
  ...ROLES.map((r) => [norm(ROLE_LABELS[r]), r]),
  ['kepala bidang', 'kepala_bidang'],
  ['kabid', 'kepala_bidang'],
])

/** Reports a problem at a row and column (by key) of one sheet. */
type At = (row: number, key: string, message: string) => void

/** A unit row as read, its own fields checked (kind null when refused). */
interface FileUnit {
  row: number
  code: string
  name: string
  shortName: string | null
  kind: UnitKind | null
  parentCode: string | null
}

/** What the checkers compare against: the OPD and its current units by code (the OPD included). */
interface Scope {
  tree: Tree
  opd: UnitRecord
  inOpd: Map<string, UnitRecord>
}

/** The unit's kind word: known, and a kind imported through the workbook. */
function unitKindOf(r: RawRow, at: At): UnitKind | null {
  const kindRaw = r.cells.kind ?? ''
  if (!kindRaw) {
    at(r.row, 'kind', `Jenis wajib diisi: ${IMPORT_KINDS.join(', ')}.`)
    return null
  }
  const k = KIND_WORDS[norm(kindRaw)]
  if (!k) at(r.row, 'kind', `Jenis "${kindRaw}" tidak dikenal. Pilih salah satu: ${IMPORT_KINDS.join(', ')}.`)
  else if (k === 'opd' || k === 'kota')
    at(r.row, 'kind', `${UNIT_KIND_LABELS[k]} tidak diimpor lewat buku kerja; buat di halaman Organisasi (admin tingkat kota). Lembar Unit berisi unit di bawah OPD.`)
  else return k
  return null
}

/** First pass: every unit row's own fields (code, name, short name, kind) and codes used twice. */
function readUnitRows(rows: RawRow[], at: At): Map<string, FileUnit> {
  const fileUnits = new Map<string, FileUnit>()
  for (const r of rows) {
    const code = r.cells.code ?? ''
    const name = r.cells.name ?? ''
    if (!code) at(r.row, 'code', 'Kode unit wajib diisi.')
    else if (!CODE_PATTERN.test(code)) at(r.row, 'code', `"${code}": ${CODE_RULE}`)
    if (!name) at(r.row, 'name', 'Nama unit wajib diisi.')
    else if (name.length > 255) at(r.row, 'name', 'Nama unit paling panjang 255 karakter.')
    if ((r.cells.shortName ?? '').length > 100) at(r.row, 'shortName', 'Nama singkat paling panjang 100 karakter.')
    const kind = unitKindOf(r, at)
    if (!code || !CODE_PATTERN.test(code)) continue
    const dup = fileUnits.get(code.toLowerCase())
    if (dup) at(r.row, 'code', `Kode "${code}" ganda: sudah dipakai di baris ${dup.row}.`)
    else fileUnits.set(code.toLowerCase(), { row: r.row, code, name, shortName: r.cells.shortName ?? null, kind, parentCode: r.cells.parentCode ?? null })
  }
  return fileUnits
}

/** The unit's parent: the OPD, a unit of the file, or an active unit already in the OPD. */
function parentOf(f: FileUnit, s: Scope, fileUnits: Map<string, FileUnit>, at: At): { kind: UnitKind | null; name: string } | null {
  if (!f.parentCode || f.parentCode.toLowerCase() === s.opd.code.toLowerCase()) return { kind: 'opd', name: s.opd.name }
  const inFile = fileUnits.get(f.parentCode.toLowerCase())
  if (inFile) return { kind: inFile.kind, name: inFile.name }
  const existing = s.inOpd.get(f.parentCode.toLowerCase())
  if (!existing) {
    at(f.row, 'parentCode', `Kode induk "${f.parentCode}" tidak dikenal: tidak ada di lembar Unit maupun di ${s.opd.name}.`)
    return null
  }
  if (!existing.active) at(f.row, 'parentCode', `Unit induk "${f.parentCode}" (${existing.name}) nonaktif; aktifkan dulu di halaman Organisasi.`)
  return { kind: existing.kind, name: existing.name }
}

/** 'tetap' when the OPD already has this very unit; a different unit under the code is a problem. */
function statusOf(f: FileUnit & { kind: UnitKind }, s: Scope, at: At): PlannedUnit['status'] {
  const existing = s.inOpd.get(f.code.toLowerCase())
  if (!existing) return 'baru'
  const existingParent = existing.parent_id == null ? null : s.tree.index.get(existing.parent_id)
  const sameParent = (existingParent?.code.toLowerCase() ?? '') === (f.parentCode ?? s.opd.code).toLowerCase()
  if (existing.kind === f.kind && existing.name === f.name && sameParent) return 'tetap'
  at(
    f.row,
    'code',
    `Kode "${f.code}" sudah dipakai di ${s.opd.name} oleh ${UNIT_KIND_LABELS[existing.kind].toLowerCase()} "${existing.name}". Pakai kode lain, atau ubah unit itu di halaman Organisasi.`,
  )
  return 'baru'
}

/** Second pass: parents, kinds under parents, codes already in the OPD. */
function planUnits(fileUnits: Map<string, FileUnit>, s: Scope, at: At): PlannedUnit[] {
  const planned: PlannedUnit[] = []
  for (const f of fileUnits.values()) {
    const kind = f.kind
    if (!kind || !f.name) continue
    const parent = parentOf(f, s, fileUnits, at)
    if (!parent) continue
    if (parent.kind) {
      const problem = kindProblem(kind, parent.kind)
      if (problem) at(f.row, 'kind', problem)
    }
    const status = statusOf({ ...f, kind }, s, at)
    const parentCode = f.parentCode && f.parentCode.toLowerCase() !== s.opd.code.toLowerCase() ? f.parentCode : null
    planned.push({ row: f.row, code: f.code, name: f.name, shortName: f.shortName, kind, parentCode, parentName: parent.name, status })
  }
  return planned
}

/** The username: present, well formed, once in the file, not taken by another account. */
function usernameProblem(username: string, seen: Map<string, number>, existingUsernames: Set<string>): string | null {
  if (!username) return 'Nama pengguna wajib diisi.'
  if (!USERNAME_PATTERN.test(username)) return `"${username}": 3–60 karakter huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.`
  if (seen.has(username)) return `Nama pengguna "${username}" ganda: sudah dipakai di baris ${seen.get(username)}.`
  if (existingUsernames.has(username)) return `Nama pengguna "${username}" sudah dipakai akun lain.`
  return null
}

type Target = FileUnit | UnitRecord

/** Where the role may sit: a kepala bidang on an active bidang or sekretariat, the others on the OPD. */
function placementProblem(role: Role, code: string | null, target: Target | null, s: Scope): string | null {
  if (code && !target) return `Kode unit "${code}" tidak dikenal: tidak ada di lembar Unit maupun di ${s.opd.name}.`
  if (role !== 'kepala_bidang')
    return target ? `Peran ${ROLE_LABELS[role]} ditempatkan pada OPD; kosongkan kode unit (hanya kepala bidang yang ditempatkan pada bidang/sekretariat).` : null
  if (!target) return 'Kepala bidang wajib diisi kode bidang atau sekretariatnya.'
  if (target.kind !== 'bidang' && target.kind !== 'sekretariat')
    return `Kepala bidang ditempatkan pada bidang atau sekretariat, bukan ${UNIT_KIND_LABELS[target.kind as UnitKind]?.toLowerCase() ?? 'unit ini'} "${target.name}".`
  if ('active' in target && !target.active) return `Unit "${target.name}" nonaktif.`
  return null
}

/** Every user row: username, full name, role, and the unit the role is placed on. */
function planUsers(rows: RawRow[], s: Scope, fileUnits: Map<string, FileUnit>, existingUsernames: Set<string>, at: At): PlannedUser[] {
  const seen = new Map<string, number>()
  const users: PlannedUser[] = []
  for (const r of rows) {
    const username = (r.cells.username ?? '').toLowerCase()
    const fullName = r.cells.fullName ?? ''
    const roleRaw = r.cells.role ?? ''
    let ok = true
    const bad = (key: string, message: string | null) => {
      if (message === null) return
      at(r.row, key, message)
      ok = false
    }
    bad('username', usernameProblem(username, seen, existingUsernames))
    if (username) seen.set(username, seen.get(username) ?? r.row)
    bad('fullName', !fullName ? 'Nama lengkap wajib diisi.' : fullName.length > 200 ? 'Nama lengkap paling panjang 200 karakter.' : null)
    const role = ROLE_WORDS[norm(roleRaw)] ?? null
    bad('role', !roleRaw ? `Peran wajib diisi: ${ROLES.join(', ')}.` : !role ? `Peran "${roleRaw}" tidak dikenal. Pilih salah satu: ${ROLES.join(', ')}.` : null)
    if (!role) continue
    const unitCode = r.cells.unitCode
    const code = unitCode && unitCode.toLowerCase() !== s.opd.code.toLowerCase() ? unitCode : null
    const target = code ? (fileUnits.get(code.toLowerCase()) ?? s.inOpd.get(code.toLowerCase()) ?? null) : null
    bad('unitCode', placementProblem(role, code, target, s))
    if (ok) users.push({ row: r.row, username, fullName, role, roleLabel: ROLE_LABELS[role], unitCode: code, unitName: target ? target.name : s.opd.name })
  }
  return users
}

/** Checks the parsed rows against the OPD's current tree. Pure apart from the reads it is given. */
export function planRows(parsed: Parsed, tree: Tree, existingUsernames: Set<string>, opdId: number, fileName: string): OrgImportPlan {
  const opd = tree.index.get(opdId)!
  const errors: OrgIssue[] = [...parsed.issues]
  const atSheet =
    (sheet: string, raw: RawSheet, titles: Record<string, string>): At =>
    (row, key, message) => {
      const c = raw.cols[key]
      errors.push({ row, column: c?.letter ?? null, columnName: c?.header ?? titles[key] ?? null, message, sheet })
    }
  const s: Scope = { tree, opd, inOpd: new Map(tree.rows.filter((r) => opdIdOf(tree.index, r.id) === opdId).map((r) => [r.code.toLowerCase(), r])) }
  const unitAt = atSheet(UNIT_SHEET, parsed.units, UNIT_COLS)
  const fileUnits = readUnitRows(parsed.units.rows, unitAt)
  const planned = planUnits(fileUnits, s, unitAt)
  const users = planUsers(parsed.users.rows, s, fileUnits, existingUsernames, atSheet(USER_SHEET, parsed.users, USER_COLS))
  const rank = (i: OrgIssue) => (i.sheet === UNIT_SHEET ? 1 : i.sheet === USER_SHEET ? 2 : 0)
  errors.sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0))
  const counts = { unitsNew: planned.filter((p) => p.status === 'baru').length, unitsSame: planned.filter((p) => p.status === 'tetap').length, users: users.length }
  const hash = sha256(JSON.stringify({ file: parsed.fileHash, opdId, units: planned, users, tree: tree.rows.length }))
  return { fileName, opd: { id: opd.id, code: opd.code, name: opd.name }, units: planned, users, counts, errors, hash }
}
