// Use case: import the organisation-and-users workbook into one OPD — a preview first, then an
// all-or-nothing commit. Every problem is reported with its sheet, row and column, in Indonesian.
// New accounts get a random one-time initial password (hashed before the transaction opens),
// returned once to the page and never stored in clear or in the audit trail.
import { randomInt } from 'node:crypto'
import type ExcelJS from 'exceljs'
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { insertUnit, maxSortOrder } from '../../models/organisation.server'
import { insertUser, listUsernames } from '../../models/users.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { hashPassword, passwordProblems } from '../../utils/password.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { cellAsText } from '../excel/safety.server'
import { checkRowCap, dataRows, isBlankRow, issue, locateColumns, norm, openUpload, sha256, type ColumnRef } from '../excel/import-common.server'
import { opdIdOf } from './rules'
import { auditView, cleanText, loadTree, OUTSIDE_OPD, Refusal } from './common.server'
import { UNIT_COLS, UNIT_SHEET, USER_COLS, USER_SHEET } from './workbook.server'
import { planRows, type OrgImportPlan, type OrgIssue, type Parsed, type RawRow, type RawSheet } from './import-plan.server'

export type { OrgImportPlan, OrgIssue, PlannedUnit, PlannedUser } from './import-plan.server'

export interface Credential {
  username: string
  fullName: string
  password: string
}

export type OrgCommitResult =
  { ok: true; message: string; plan: OrgImportPlan; credentials: Credential[] } | { ok: false; status: number; message: string; plan: OrgImportPlan | null }

export { orgIssueText } from './issue-text'

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

export async function parseOrganisationWorkbook(bytes: Uint8Array): Promise<Parsed> {
  const issues: OrgIssue[] = []
  const opened = await openUpload(bytes)
  if (!opened.ok) return { units: { rows: [], cols: {} }, users: { rows: [], cols: {} }, issues: opened.issues.map((i) => ({ ...i, sheet: null })), fileHash: sha256(bytes) }
  const units = readSheet(opened.workbook, UNIT_SHEET, UNIT_COLS, ['code', 'name', 'kind', 'parentCode'], issues)
  const users = readSheet(opened.workbook, USER_SHEET, USER_COLS, ['username', 'fullName', 'role', 'unitCode'], issues)
  return { units, users, issues, fileHash: sha256(bytes) }
}

async function plan(db: Executor, actor: SessionUser, opdId: number, parsed: Parsed, fileName: string): Promise<OrgImportPlan> {
  const tree = await loadTree(db)
  const opd = tree.index.get(opdId)
  if (!opd || opd.kind !== 'opd') throw new Refusal(404, 'Perangkat daerah tidak ditemukan.')
  if (actor.opdId != null && actor.opdId !== opdId) throw new Refusal(403, OUTSIDE_OPD)
  const names = await listUsernames(db)
  const p = planRows(parsed, tree, new Set(names.map((n) => n.toLowerCase())), opdId, fileName)
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

/** Initial passwords for the new accounts (shown once) and their hashes — scrypt is slow on purpose, so before the transaction opens (SQLite has one connection). */
async function initialCredentials(users: OrgImportPlan['users']): Promise<{ credentials: Credential[]; hashes: Map<string, string> }> {
  const credentials: Credential[] = []
  const hashes = new Map<string, string>()
  for (const u of users) {
    let password = initialPassword()
    while (passwordProblems(password, u.username).length) password = initialPassword()
    credentials.push({ username: u.username, fullName: u.fullName, password })
    hashes.set(u.username, await hashPassword(password))
  }
  return { credentials, hashes }
}

/** What one commit writes with: the transaction, who, the OPD, the audit reason and request, the time. */
interface CommitContext {
  trx: Executor
  actor: SessionUser
  opdId: number
  reason: string
  requestId: string | null
  t: string
}

const UNIT_DEPTH: Record<string, number> = { sekretariat: 1, bidang: 1, upt: 1, subbagian: 2, seksi: 2 }

/** The plan's new units, parents before children; `ids` (code → id) gains each. Returns how many. */
async function insertNewUnits(c: CommitContext, units: OrgImportPlan['units'], ids: Map<string, number>): Promise<number> {
  let count = 0
  for (const u of units.filter((x) => x.status === 'baru').sort((a, b) => (UNIT_DEPTH[a.kind] ?? 9) - (UNIT_DEPTH[b.kind] ?? 9) || a.row - b.row)) {
    const parentId = u.parentCode ? ids.get(u.parentCode.toLowerCase())! : c.opdId
    const values = {
      parent_id: parentId,
      kind: u.kind,
      code: u.code,
      name: u.name,
      short_name: u.shortName,
      city: null,
      sort_order: (await maxSortOrder(c.trx, parentId)) + 1,
      created_at: c.t,
      active: 1,
    }
    const id = await insertUnit(c.trx, values)
    ids.set(u.code.toLowerCase(), id)
    await writeAudit(c.trx, {
      actor: actorOf(c.actor),
      opdId: c.opdId,
      entity: 'org_unit',
      entityId: id,
      action: 'import_create',
      after: { id, ...auditView(values) },
      reason: c.reason,
      requestId: c.requestId,
    })
    count++
  }
  return count
}

/** The plan's accounts, each in its unit (by code; none: the OPD) with its hashed initial password. */
async function insertNewUsers(c: CommitContext, users: OrgImportPlan['users'], ids: Map<string, number>, hashes: Map<string, string>): Promise<void> {
  for (const u of users) {
    const unitId = u.unitCode ? ids.get(u.unitCode.toLowerCase())! : c.opdId
    const id = await insertUser(c.trx, {
      username: u.username,
      full_name: u.fullName,
      password_hash: hashes.get(u.username)!,
      role: u.role,
      unit_id: unitId,
      active: 1,
      created_at: c.t,
      updated_at: c.t,
      password_changed_at: c.t,
    })
    await writeAudit(c.trx, {
      actor: actorOf(c.actor),
      opdId: c.opdId,
      entity: 'user',
      entityId: id,
      action: 'import_create',
      after: { username: u.username, full_name: u.fullName, role: u.role, unit_id: unitId, active: 1 },
      reason: c.reason,
      requestId: c.requestId,
    })
  }
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
  const { credentials, hashes } = await initialCredentials(first.users)
  const t = toDbTime(now())
  const written = await writeTransaction(db, 'city', async (trx) => {
    const again = await plan(trx, actor, opdId, parsed, fileName)
    if (again.errors.length || again.hash !== first.hash) return null
    const tree = await loadTree(trx)
    const ids = new Map(tree.rows.filter((r) => opdIdOf(tree.index, r.id) === opdId).map((r) => [r.code.toLowerCase(), r.id]))
    const c: CommitContext = { trx, actor, opdId, reason: `Impor buku kerja organisasi ${fileName}`, requestId, t }
    const units = await insertNewUnits(c, again.units, ids)
    await insertNewUsers(c, again.users, ids, hashes)
    return { units, users: again.users.length }
  })
  if (!written)
    return { ok: false, status: 409, message: 'Data organisasi berubah sejak pratinjau; tidak ada yang disimpan. Periksa pratinjau terbaru, lalu simpan lagi.', plan: first }
  return { ok: true, message: `Impor selesai: ${written.units} unit dan ${written.users} pengguna ditambahkan.`, plan: first, credentials }
}
