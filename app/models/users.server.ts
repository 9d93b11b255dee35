// User accounts, SQL only: the admin list, one account, the units an account may be placed in, and
// the row writes the use cases in app/services/users/ make inside their transactions.
import type { Insertable, Updateable } from 'kysely'
import type { AppUserTable } from '../../db/schema'
import type { Executor } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import type { Role } from '../utils/permissions'
import { unitWithDescendants } from './realisasi.server'

/** Who a user is: what the account list and the signed-in session both show. */
export interface UserIdentity {
  id: number
  username: string
  fullName: string
  role: Role
  unitId: number | null
  unitName: string | null
  unitKind: string | null
}

/** The columns a UserIdentity is read from (`app_user as u` left-joined to its unit `org_unit as o`), plus `active`. */
export const USER_IDENTITY_COLUMNS = ['u.id', 'u.username', 'u.full_name', 'u.role', 'u.unit_id', 'u.active', 'o.name as unit_name', 'o.kind as unit_kind'] as const

/** A row read with USER_IDENTITY_COLUMNS as a UserIdentity. */
export function identityOf(r: {
  id: number
  username: string
  full_name: string
  role: Role
  unit_id: number | null
  unit_name?: string | null
  unit_kind?: string | null
}): UserIdentity {
  return { id: r.id, username: r.username, fullName: r.full_name, role: r.role, unitId: r.unit_id, unitName: r.unit_name ?? null, unitKind: r.unit_kind ?? null }
}

export interface UserRow extends UserIdentity {
  active: boolean
  createdAt: string
  passwordChangedAt: string | null
  activeSessions: number
}

export interface UnitOption {
  id: number
  name: string
  kind: string
  /** Units a kepala_bidang may belong to: bidang and sekretariat. */
  forKabid: boolean
  /** Units other roles may belong to: an OPD. */
  forOthers: boolean
}

/** Whose accounts a list shows: an admin's OPD (null = city level, every account). */
export interface AdminScope {
  opdId: number | null
}

/** Every account an admin may manage: all for a city-level admin, the OPD's own for an OPD-bound one. */
export async function listUsers(db: Executor, actor: AdminScope): Promise<UserRow[]> {
  const t = toDbTime(new Date(now().getTime() - 12 * 3_600_000))
  const units = actor.opdId == null ? null : await unitWithDescendants(db, actor.opdId)
  let q = db.selectFrom('app_user as u')
  if (units) q = q.where('u.unit_id', 'in', units)
  const rows = await q
    .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select((eb) => [
      ...USER_IDENTITY_COLUMNS,
      'u.created_at',
      'u.password_changed_at',
      eb
        .selectFrom('user_session as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.user_id', '=', 'u.id')
        .where('s.created_at', '>', t)
        .as('sessions'),
    ])
    .orderBy('u.active', 'desc')
    .orderBy('u.role')
    .orderBy('u.username')
    .execute()
  return rows.map((r) => ({
    ...identityOf(r),
    active: r.active === 1,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
    activeSessions: Number(r.sessions ?? 0),
  }))
}

export async function getUser(db: Executor, id: number): Promise<UserRow | null> {
  return (await listUsers(db, { opdId: null })).find((u) => u.id === id) ?? null
}

/** Units an admin may place accounts in: every OPD and bidang for a city-level admin; his own OPD's for an OPD-bound one. */
export async function listUnitOptions(db: Executor, actor: AdminScope): Promise<UnitOption[]> {
  const own = actor.opdId == null ? null : new Set(await unitWithDescendants(db, actor.opdId))
  const rows = (
    await db.selectFrom('org_unit').select(['id', 'name', 'kind', 'parent_id', 'sort_order']).where('active', '=', 1).orderBy('sort_order').orderBy('name').execute()
  ).filter((r) => !own || own.has(r.id))
  return rows
    .filter((r) => r.kind === 'opd' || r.kind === 'bidang' || r.kind === 'sekretariat')
    .map((r) => ({ id: r.id, name: r.name, kind: r.kind, forKabid: r.kind === 'bidang' || r.kind === 'sekretariat', forOthers: r.kind === 'opd' }))
}

/** The fields a use case checks before changing an account. */
export async function findUserBrief(db: Executor, id: number) {
  return db.selectFrom('app_user').select(['id', 'username', 'full_name', 'role', 'unit_id', 'active']).where('id', '=', id).executeTakeFirst()
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  return !!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())
}

/** A unit an account may be placed in: its kind and whether it is active. */
export async function findPlacementUnit(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['id', 'kind', 'active']).where('id', '=', id).executeTakeFirst()
}

export async function insertUser(db: Executor, values: Insertable<AppUserTable>): Promise<number> {
  return Number((await db.insertInto('app_user').values(values).executeTakeFirstOrThrow()).insertId)
}

export async function updateUserRow(db: Executor, id: number, patch: Updateable<AppUserTable>): Promise<void> {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute()
}

/** A new password hash; returns the stored change time. */
export async function setPasswordHash(db: Executor, id: number, passwordHash: string): Promise<string> {
  const t = toDbTime(now())
  await db.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: t, updated_at: t }).where('id', '=', id).execute()
  return t
}

// Reads of the audit workbook (app/services/excel/audit-workbook.server.ts) ---------------------

/** Every account, by id, with its times (never the password hash). */
export async function usersForAuditExport(db: Executor) {
  return db.selectFrom('app_user').select(['id', 'username', 'full_name', 'role', 'unit_id', 'active', 'created_at', 'updated_at', 'password_changed_at']).orderBy('id').execute()
}

/** What a login checks: the account's password hash, whether it is active, and when its login counts were cleared. */
export async function findLoginAccount(db: Executor, username: string) {
  return db.selectFrom('app_user').select(['id', 'password_hash', 'active', 'login_cleared_at']).where('username', '=', username).executeTakeFirst()
}

/** When an admin last cleared the account's login counts ("buka blokir login"); undefined: no such account. */
export async function findLoginClearedAt(db: Executor, username: string) {
  return db.selectFrom('app_user').select('login_cleared_at').where('username', '=', username).executeTakeFirst()
}

/** The fields "buka blokir login" checks and audits. */
export async function findUserLoginClearance(db: Executor, id: number) {
  return db.selectFrom('app_user').select(['id', 'username', 'unit_id', 'login_cleared_at']).where('id', '=', id).executeTakeFirst()
}

/** Every username (any case, active or not). */
export async function listUsernames(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('username').execute()
  return rows.map((n) => n.username)
}

/** Active accounts that sit in a unit, in id order, with the unit, its parent and grandparent (id and kind). */
export async function listActiveUsersWithUnitChain(db: Executor) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
    .select([
      'u.id',
      'u.username',
      'u.full_name',
      'u.role',
      'u.unit_id',
      'o.id as o_id',
      'o.kind as o_kind',
      'p.id as p_id',
      'p.kind as p_kind',
      'g.id as g_id',
      'g.kind as g_kind',
    ])
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .execute()
}
