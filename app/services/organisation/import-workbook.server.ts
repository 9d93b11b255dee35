// Use case: import the organisation-and-users workbook into one OPD — a preview first, then an
// all-or-nothing commit. Every problem is reported with its sheet, row and column, in Indonesian.
// New accounts get a random one-time initial password (hashed before the transaction opens),
// returned once to the page and never stored in clear or in the audit trail.
import { randomInt } from 'node:crypto'
import type ExcelJS from 'exceljs'
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { insertUnit, maxSortOrder } from '../../models/organisation.server'
import { USERNAME_PATTERN } from '../users/rules'
import { toDbTime } from '../../../db/time'
import type { UnitKind } from '../../../db/schema'
import { now } from '../../utils/clock.server'
import { hashPassword, passwordProblems } from '../../utils/password.server'
import { ROLE_LABELS, ROLES, type Role } from '../../utils/permissions'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { cellAsText } from '../excel/safety.server'
import { checkRowCap, dataRows, isBlankRow, issue, locateColumns, norm, openUpload, sha256, type ColumnRef, type ImportIssue } from '../excel/import-common.server'
import { CODE_PATTERN, CODE_RULE, kindProblem, opdIdOf, UNIT_KIND_LABELS } from './rules'
import { auditView, cleanText, loadTree, OUTSIDE_OPD, Refusal, type Tree } from './common.server'
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

export interface Credential {
  username: string
  fullName: string
  password: string
}

export type OrgCommitResult =
  { ok: true; message: string; plan: OrgImportPlan; credentials: Credential[] } | { ok: false; status: number; message: string; plan: OrgImportPlan | null }

export { orgIssueText } from './issue-text'

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

interface RawRow {
  row: number
  cells: Record<string, string | null>
}

interface RawSheet {
  rows: RawRow[]
  cols: Record<string, ColumnRef | undefined>
}

/** Reads a sheet's rows as trimmed text per column key; refused cells become issues. */
function readSheet<K extends string>(wb: ExcelJS.Workbook, sheet: string, titles: Record<K, string>, required: K[], issues: OrgIssue[]): RawSheet {
  const ws = wb.worksheets.find((w) => norm(w.name) === norm(sheet))
  if (!ws) {
    issues.push({ ...issue(`Lembar "${sheet}" tidak ditemukan. Gunakan templat yang diunduh dari halaman Organisasi.`), sheet: null })
    return { rows: [], cols: {} }
  }
  const keys = Object.keys(titles) as K[]
  const specs = keys.map((k) => ({ key: k, label: titles[k], required: required.includes(k), match: (t: string) => t === norm(titles[k]) }))
  const located = locateColumns(ws, titles[keys[0]!], specs)
  issues.push(...located.issues.map((i) => ({ ...i, sheet })))
  const cols = located.cols as Partial<Record<K, ColumnRef>>
  if (located.headerRow < 0 || located.issues.length) return { rows: [], cols }
  const cap = checkRowCap(ws, located.headerRow)
  if (cap) {
    issues.push({ ...cap, sheet })
    return { rows: [], cols }
  }
  const indices = keys.map((k) => cols[k]?.index).filter((i): i is number => i != null)
  const out: RawRow[] = []
  for (const r of dataRows(ws, located.headerRow)) {
    if (isBlankRow(r, indices)) continue
    const cells: Record<string, string | null> = {}
    for (const k of keys) {
      const col = cols[k]
      if (!col) {
        cells[k] = null
        continue
      }
      const t = cellAsText(r.getCell(col.index))
      if ('error' in t) {
        issues.push({ ...issue(`${t.error}; ketik nilainya langsung.`, { row: r.number, col }), sheet })
        cells[k] = null
      } else cells[k] = t.value == null ? null : cleanText(t.value) || null
    }
    out.push({ row: r.number, cells })
  }
  return { rows: out, cols }
}

interface Parsed {
  units: RawSheet
  users: RawSheet
  issues: OrgIssue[]
  fileHash: string
}

export async function parseOrganisationWorkbook(bytes: Uint8Array): Promise<Parsed> {
  const issues: OrgIssue[] = []
  const opened = await openUpload(bytes)
  if (!opened.ok) return { units: { rows: [], cols: {} }, users: { rows: [], cols: {} }, issues: opened.issues.map((i) => ({ ...i, sheet: null })), fileHash: sha256(bytes) }
  const units = readSheet(opened.workbook, UNIT_SHEET, UNIT_COLS, ['code', 'name', 'kind', 'parentCode'], issues)
  const users = readSheet(opened.workbook, USER_SHEET, USER_COLS, ['username', 'fullName', 'role', 'unitCode'], issues)
  return { units, users, issues, fileHash: sha256(bytes) }
}

/** Checks the parsed rows against the OPD's current tree. Pure apart from the reads it is given. */
function planRows(parsed: Parsed, tree: Tree, existingUsernames: Set<string>, opdId: number, fileName: string): OrgImportPlan {
  const opd = tree.index.get(opdId)!
  const errors: OrgIssue[] = [...parsed.issues]
  const at = (sheet: string, row: number, key: string, titles: Record<string, string>, message: string) => {
    const c = (sheet === UNIT_SHEET ? parsed.units : parsed.users).cols[key]
    errors.push({ row, column: c?.letter ?? null, columnName: c?.header ?? titles[key] ?? null, message, sheet })
  }
  // the OPD's current units by code (the OPD itself included)
  const inOpd = new Map(tree.rows.filter((r) => opdIdOf(tree.index, r.id) === opdId).map((r) => [r.code.toLowerCase(), r]))
  // first pass: every unit row's own fields
  const fileUnits = new Map<string, { row: number; code: string; name: string; shortName: string | null; kind: UnitKind | null; parentCode: string | null }>()
  for (const r of parsed.units.rows) {
    const u = UNIT_SHEET
    const code = r.cells.code ?? ''
    const name = r.cells.name ?? ''
    const kindRaw = r.cells.kind ?? ''
    let kind: UnitKind | null = null
    if (!code) at(u, r.row, 'code', UNIT_COLS, 'Kode unit wajib diisi.')
    else if (!CODE_PATTERN.test(code)) at(u, r.row, 'code', UNIT_COLS, `"${code}": ${CODE_RULE}`)
    if (!name) at(u, r.row, 'name', UNIT_COLS, 'Nama unit wajib diisi.')
    else if (name.length > 255) at(u, r.row, 'name', UNIT_COLS, 'Nama unit paling panjang 255 karakter.')
    if ((r.cells.shortName ?? '').length > 100) at(u, r.row, 'shortName', UNIT_COLS, 'Nama singkat paling panjang 100 karakter.')
    if (!kindRaw) at(u, r.row, 'kind', UNIT_COLS, `Jenis wajib diisi: ${IMPORT_KINDS.join(', ')}.`)
    else {
      const k = KIND_WORDS[norm(kindRaw)]
      if (!k) at(u, r.row, 'kind', UNIT_COLS, `Jenis "${kindRaw}" tidak dikenal. Pilih salah satu: ${IMPORT_KINDS.join(', ')}.`)
      else if (k === 'opd' || k === 'kota')
        at(
          u,
          r.row,
          'kind',
          UNIT_COLS,
          `${UNIT_KIND_LABELS[k]} tidak diimpor lewat buku kerja; buat di halaman Organisasi (admin tingkat kota). Lembar Unit berisi unit di bawah OPD.`,
        )
      else kind = k
    }
    if (code && CODE_PATTERN.test(code)) {
      const dup = fileUnits.get(code.toLowerCase())
      if (dup) at(u, r.row, 'code', UNIT_COLS, `Kode "${code}" ganda: sudah dipakai di baris ${dup.row}.`)
      else fileUnits.set(code.toLowerCase(), { row: r.row, code, name, shortName: r.cells.shortName ?? null, kind, parentCode: r.cells.parentCode ?? null })
    }
  }
  // second pass: parents, kinds under parents, codes already in the OPD
  const planned: PlannedUnit[] = []
  for (const f of fileUnits.values()) {
    if (!f.kind || !f.name) continue
    const u = UNIT_SHEET
    let parentKind: UnitKind | null
    let parentName = opd.name
    if (f.parentCode && f.parentCode.toLowerCase() !== opd.code.toLowerCase()) {
      const inFile = fileUnits.get(f.parentCode.toLowerCase())
      const existing = inOpd.get(f.parentCode.toLowerCase())
      if (inFile) {
        parentKind = inFile.kind
        parentName = inFile.name
      } else if (existing) {
        if (!existing.active) at(u, f.row, 'parentCode', UNIT_COLS, `Unit induk "${f.parentCode}" (${existing.name}) nonaktif; aktifkan dulu di halaman Organisasi.`)
        parentKind = existing.kind
        parentName = existing.name
      } else {
        at(u, f.row, 'parentCode', UNIT_COLS, `Kode induk "${f.parentCode}" tidak dikenal: tidak ada di lembar Unit maupun di ${opd.name}.`)
        continue
      }
    } else parentKind = 'opd'
    if (parentKind) {
      const problem = kindProblem(f.kind, parentKind)
      if (problem) at(u, f.row, 'kind', UNIT_COLS, problem)
    }
    const existing = inOpd.get(f.code.toLowerCase())
    let status: PlannedUnit['status'] = 'baru'
    if (existing) {
      const existingParent = existing.parent_id == null ? null : tree.index.get(existing.parent_id)
      const sameParent = (existingParent?.code.toLowerCase() ?? '') === (f.parentCode ?? opd.code).toLowerCase()
      if (existing.kind === f.kind && existing.name === f.name && sameParent) status = 'tetap'
      else
        at(
          u,
          f.row,
          'code',
          UNIT_COLS,
          `Kode "${f.code}" sudah dipakai di ${opd.name} oleh ${UNIT_KIND_LABELS[existing.kind].toLowerCase()} "${existing.name}". Pakai kode lain, atau ubah unit itu di halaman Organisasi.`,
        )
    }
    planned.push({
      row: f.row,
      code: f.code,
      name: f.name,
      shortName: f.shortName,
      kind: f.kind,
      parentCode: f.parentCode && f.parentCode.toLowerCase() !== opd.code.toLowerCase() ? f.parentCode : null,
      parentName,
      status,
    })
  }
  // users
  const seen = new Map<string, number>()
  const users: PlannedUser[] = []
  for (const r of parsed.users.rows) {
    const s = USER_SHEET
    const username = (r.cells.username ?? '').toLowerCase()
    const fullName = r.cells.fullName ?? ''
    const roleRaw = r.cells.role ?? ''
    const unitCode = r.cells.unitCode
    let ok = true
    const bad = (key: string, message: string) => {
      at(s, r.row, key, USER_COLS, message)
      ok = false
    }
    if (!username) bad('username', 'Nama pengguna wajib diisi.')
    else if (!USERNAME_PATTERN.test(username)) bad('username', `"${username}": 3–60 karakter huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.`)
    else if (seen.has(username)) bad('username', `Nama pengguna "${username}" ganda: sudah dipakai di baris ${seen.get(username)}.`)
    else if (existingUsernames.has(username)) bad('username', `Nama pengguna "${username}" sudah dipakai akun lain.`)
    if (username) seen.set(username, seen.get(username) ?? r.row)
    if (!fullName) bad('fullName', 'Nama lengkap wajib diisi.')
    else if (fullName.length > 200) bad('fullName', 'Nama lengkap paling panjang 200 karakter.')
    const role = ROLE_WORDS[norm(roleRaw)] ?? null
    if (!roleRaw) bad('role', `Peran wajib diisi: ${ROLES.join(', ')}.`)
    else if (!role) bad('role', `Peran "${roleRaw}" tidak dikenal. Pilih salah satu: ${ROLES.join(', ')}.`)
    let unitName = opd.name
    if (role) {
      const code = unitCode && unitCode.toLowerCase() !== opd.code.toLowerCase() ? unitCode : null
      const target = code ? (fileUnits.get(code.toLowerCase()) ?? inOpd.get(code.toLowerCase()) ?? null) : null
      if (code && !target) bad('unitCode', `Kode unit "${code}" tidak dikenal: tidak ada di lembar Unit maupun di ${opd.name}.`)
      else if (role === 'kepala_bidang') {
        if (!target) bad('unitCode', 'Kepala bidang wajib diisi kode bidang atau sekretariatnya.')
        else if (target.kind !== 'bidang' && target.kind !== 'sekretariat')
          bad(
            'unitCode',
            `Kepala bidang ditempatkan pada bidang atau sekretariat, bukan ${UNIT_KIND_LABELS[target.kind as UnitKind]?.toLowerCase() ?? 'unit ini'} "${target.name}".`,
          )
        else if ('active' in target && !target.active) bad('unitCode', `Unit "${target.name}" nonaktif.`)
      } else if (target) bad('unitCode', `Peran ${ROLE_LABELS[role]} ditempatkan pada OPD; kosongkan kode unit (hanya kepala bidang yang ditempatkan pada bidang/sekretariat).`)
      if (target) unitName = target.name
      if (ok) users.push({ row: r.row, username, fullName, role, roleLabel: ROLE_LABELS[role], unitCode: code, unitName })
    }
  }
  const rank = (i: OrgIssue) => (i.sheet === UNIT_SHEET ? 1 : i.sheet === USER_SHEET ? 2 : 0)
  errors.sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0))
  const counts = { unitsNew: planned.filter((p) => p.status === 'baru').length, unitsSame: planned.filter((p) => p.status === 'tetap').length, users: users.length }
  const hash = sha256(JSON.stringify({ file: parsed.fileHash, opdId, units: planned, users, tree: tree.rows.length }))
  return { fileName, opd: { id: opd.id, code: opd.code, name: opd.name }, units: planned, users, counts, errors, hash }
}

async function plan(db: Executor, actor: SessionUser, opdId: number, parsed: Parsed, fileName: string): Promise<OrgImportPlan> {
  const tree = await loadTree(db)
  const opd = tree.index.get(opdId)
  if (!opd || opd.kind !== 'opd') throw new Refusal(404, 'Perangkat daerah tidak ditemukan.')
  if (actor.opdId != null && actor.opdId !== opdId) throw new Refusal(403, OUTSIDE_OPD)
  const names = await db.selectFrom('app_user').select('username').execute()
  const p = planRows(parsed, tree, new Set(names.map((n) => n.username.toLowerCase())), opdId, fileName)
  if (!p.errors.length && p.counts.unitsNew + p.counts.users === 0)
    p.errors.push({ ...issue('Buku kerja tidak berisi unit atau pengguna baru; tidak ada yang perlu disimpan.'), sheet: null })
  return p
}

export async function previewOrganisationImport(db: DB, actor: SessionUser, opdId: number, bytes: Uint8Array, fileName: string): Promise<OrgImportPlan> {
  return plan(db, actor, opdId, await parseOrganisationWorkbook(bytes), fileName)
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A random initial password: four groups of four from an alphabet without look-alikes (~78 bits). */
export function initialPassword(): string {
  const group = () => Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('')
  return [group(), group(), group(), group()].join('-')
}

export async function commitOrganisationImport(
  db: DB,
  actor: SessionUser,
  opdId: number,
  bytes: Uint8Array,
  fileName: string,
  previewHash: string,
  requestId: string | null,
): Promise<OrgCommitResult> {
  const parsed = await parseOrganisationWorkbook(bytes)
  const first = await plan(db, actor, opdId, parsed, fileName)
  if (first.errors.length) return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan: first }
  if (first.hash !== previewHash)
    return { ok: false, status: 409, message: 'Data organisasi atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru, lalu simpan lagi.', plan: first }
  // scrypt is slow on purpose: hash before the transaction opens (SQLite has one connection)
  const credentials: Credential[] = []
  const hashes = new Map<string, string>()
  for (const u of first.users) {
    let password = initialPassword()
    while (passwordProblems(password, u.username).length) password = initialPassword()
    credentials.push({ username: u.username, fullName: u.fullName, password })
    hashes.set(u.username, await hashPassword(password))
  }
  const depth: Record<string, number> = { sekretariat: 1, bidang: 1, upt: 1, subbagian: 2, seksi: 2 }
  const t = toDbTime(now())
  const written = await writeTransaction(db, 'city', async (trx) => {
    const again = await plan(trx, actor, opdId, parsed, fileName)
    if (again.errors.length || again.hash !== first.hash) return null
    const tree = await loadTree(trx)
    const ids = new Map(tree.rows.filter((r) => opdIdOf(tree.index, r.id) === opdId).map((r) => [r.code.toLowerCase(), r.id]))
    const reason = `Impor buku kerja organisasi ${fileName}`
    let units = 0
    for (const u of [...again.units].filter((x) => x.status === 'baru').sort((a, b) => (depth[a.kind] ?? 9) - (depth[b.kind] ?? 9) || a.row - b.row)) {
      const parentId = u.parentCode ? ids.get(u.parentCode.toLowerCase())! : opdId
      const values = {
        parent_id: parentId,
        kind: u.kind,
        code: u.code,
        name: u.name,
        short_name: u.shortName,
        city: null,
        sort_order: (await maxSortOrder(trx, parentId)) + 1,
        created_at: t,
        active: 1,
      }
      const id = await insertUnit(trx, values)
      ids.set(u.code.toLowerCase(), id)
      await writeAudit(trx, { actor: actorOf(actor), opdId, entity: 'org_unit', entityId: id, action: 'import_create', after: { id, ...auditView(values) }, reason, requestId })
      units++
    }
    for (const u of again.users) {
      const unitId = u.unitCode ? ids.get(u.unitCode.toLowerCase())! : opdId
      const res = await trx
        .insertInto('app_user')
        .values({
          username: u.username,
          full_name: u.fullName,
          password_hash: hashes.get(u.username)!,
          role: u.role,
          unit_id: unitId,
          active: 1,
          created_at: t,
          updated_at: t,
          password_changed_at: t,
        })
        .executeTakeFirstOrThrow()
      await writeAudit(trx, {
        actor: actorOf(actor),
        opdId,
        entity: 'user',
        entityId: Number(res.insertId),
        action: 'import_create',
        after: { username: u.username, full_name: u.fullName, role: u.role, unit_id: unitId, active: 1 },
        reason,
        requestId,
      })
    }
    return { units, users: again.users.length }
  })
  if (!written)
    return { ok: false, status: 409, message: 'Data organisasi berubah sejak pratinjau; tidak ada yang disimpan. Periksa pratinjau terbaru, lalu simpan lagi.', plan: first }
  return { ok: true, message: `Impor selesai: ${written.units} unit dan ${written.users} pengguna ditambahkan.`, plan: first, credentials }
}
