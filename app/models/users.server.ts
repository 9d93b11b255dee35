// User accounts: list, create, edit role/unit, reset or change a password, disable/enable.
// Every change writes an audit row (entity 'user', with the account's OPD) in the same transaction
// as the change. Tenancy: a city-level admin (no OPD) manages every account; an admin placed in an
// OPD manages the accounts of that OPD only (ADR 0010) — the others are 403 and nothing is written.
// Password hashes are computed BEFORE the transaction opens (scrypt takes a few hundred ms and
// SQLite has one connection), and are never written to the audit trail.
import type { Executor, DB } from '../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { hashPassword, passwordProblems } from '../utils/password.server'
import { ROLES, type Role } from '../utils/permissions'
import { attemptLogin, destroyUserSessions, opdOfUnit, type SessionUser } from '../services/auth.server'
import { unitWithDescendants } from './realisasi.server'
import { actorOf, writeAudit } from '../services/audit.server'

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,59}$/

export interface UserRow {
  id: number
  username: string
  fullName: string
  role: Role
  unitId: number | null
  unitName: string | null
  unitKind: string | null
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

export type UserField = 'username' | 'fullName' | 'role' | 'unitId' | 'password' | 'passwordConfirm' | 'currentPassword'
export type FieldErrors = Partial<Record<UserField, string>>

export type Outcome<T = undefined> =
  | { ok: true; message: string; value: T }
  | { ok: false; status: number; message: string; fieldErrors: FieldErrors }

const fail = (status: number, message: string, fieldErrors: FieldErrors = {}): Outcome<never> => ({ ok: false, status, message, fieldErrors })

/** Who manages accounts: an admin's OPD (null = city level, every account). */
export type AdminScope = Pick<SessionUser, 'opdId'>

/** The OPD of an account placed in `unitId` (null = city level). */
export const opdOfAccount = (db: Executor, unitId: number | null): Promise<number | null> => (unitId == null ? Promise.resolve(null) : opdOfUnit(db, unitId))

/** May this admin manage an account of `opdId`? City level: every one; OPD-bound: its own OPD only. */
export const managesOpd = (actor: AdminScope, opdId: number | null): boolean => actor.opdId == null || actor.opdId === opdId

export const OUTSIDE_OPD = 'Pengguna ini bukan bagian dari perangkat daerah Anda; hanya administrator tingkat kota yang dapat mengelolanya.'
const PLACEMENT_OUTSIDE_OPD = 'Anda hanya dapat menempatkan pengguna pada perangkat daerah Anda sendiri (atau unit di bawahnya).'

/** Every account an admin may manage: all for a city-level admin, the OPD's own for an OPD-bound one. */
export async function listUsers(db: Executor, actor: AdminScope): Promise<UserRow[]> {
  const t = toDbTime(new Date(now().getTime() - 12 * 3_600_000))
  const units = actor.opdId == null ? null : await unitWithDescendants(db, actor.opdId)
  let q = db.selectFrom('app_user as u')
  if (units) q = q.where('u.unit_id', 'in', units)
  const rows = await q
    .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.full_name',
      'u.role',
      'u.unit_id',
      'u.active',
      'u.created_at',
      'u.password_changed_at',
      'o.name as unit_name',
      'o.kind as unit_kind',
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
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    role: r.role,
    unitId: r.unit_id,
    unitName: r.unit_name ?? null,
    unitKind: r.unit_kind ?? null,
    active: r.active === 1,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
    activeSessions: Number(r.sessions ?? 0),
  }))
}

export async function getUser(db: Executor, id: number): Promise<UserRow | null> {
  return (await listUsers(db, { opdId: null })).find((u) => u.id === id) ?? null
}

/**
 * One account for an admin page: 404 when unknown, 403 when it lies outside the admin's OPD
 * (thrown as a Response, before anything is read for the page or written).
 */
export async function requireManagedUser(db: Executor, actor: AdminScope, id: number): Promise<UserRow> {
  const user = await getUser(db, id)
  if (!user) throw new Response('Pengguna tidak ditemukan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  if (!managesOpd(actor, await opdOfAccount(db, user.unitId))) throw new Response(OUTSIDE_OPD, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return user
}

/** Units an admin may place accounts in: every OPD and bidang for a city-level admin; his own OPD's for an OPD-bound one. */
export async function listUnitOptions(db: Executor, actor: AdminScope): Promise<UnitOption[]> {
  const own = actor.opdId == null ? null : new Set(await unitWithDescendants(db, actor.opdId))
  const rows = (await db.selectFrom('org_unit').select(['id', 'name', 'kind', 'parent_id', 'sort_order']).where('active', '=', 1).orderBy('sort_order').orderBy('name').execute()).filter((r) => !own || own.has(r.id))
  return rows
    .filter((r) => r.kind === 'opd' || r.kind === 'bidang' || r.kind === 'sekretariat')
    .map((r) => ({ id: r.id, name: r.name, kind: r.kind, forKabid: r.kind === 'bidang' || r.kind === 'sekretariat', forOthers: r.kind === 'opd' }))
}

export interface UserInput {
  username: string
  fullName: string
  role: string
  unitId: string
}

/** Reads the account fields from a form, trimmed (the raw values are sent back on errors). */
export function userInputOf(form: FormData): UserInput {
  const s = (k: string) => String(form.get(k) ?? '').trim()
  return { username: s('username').toLowerCase(), fullName: s('fullName'), role: s('role'), unitId: s('unitId') }
}

/**
 * Role and unit rules: a kepala_bidang needs a bidang/sekretariat; others an OPD or none (city
 * level). An existing placement left as it was (same role, same unit) is kept even when it predates
 * the rule (the demo's perencanaan account sits in the Sekretariat).
 */
async function checkRoleAndUnit(
  db: Executor,
  input: Pick<UserInput, 'role' | 'unitId'>,
  errors: FieldErrors,
  current?: { role: Role; unitId: number | null },
): Promise<{ role: Role; unitId: number | null } | null> {
  const role = (ROLES as readonly string[]).includes(input.role) ? (input.role as Role) : null
  if (!role) errors.role = 'Pilih peran yang tersedia.'
  let unitId: number | null = null
  if (input.unitId !== '') {
    if (!/^\d{1,9}$/.test(input.unitId)) errors.unitId = 'Unit kerja tidak dikenal.'
    else {
      const unit = await db.selectFrom('org_unit').select(['id', 'kind', 'active']).where('id', '=', Number(input.unitId)).executeTakeFirst()
      if (!unit) errors.unitId = 'Unit kerja tidak dikenal.'
      else {
        unitId = unit.id
        const unchanged = !!current && current.role === role && current.unitId === unit.id
        if (unchanged) {
          // kept as it is
        } else if (!unit.active) {
          errors.unitId = 'Unit kerja ini nonaktif; pilih unit lain atau aktifkan kembali di halaman Organisasi.'
        } else if (role === 'kepala_bidang' && unit.kind !== 'bidang' && unit.kind !== 'sekretariat')
          errors.unitId = 'Kepala bidang harus ditempatkan pada sebuah bidang atau sekretariat.'
        else if (role && role !== 'kepala_bidang' && unit.kind !== 'opd')
          errors.unitId = 'Peran ini ditempatkan pada perangkat daerah (OPD) atau tanpa unit (tingkat kota).'
      }
    }
  } else if (role === 'kepala_bidang') errors.unitId = 'Kepala bidang harus ditempatkan pada sebuah bidang atau sekretariat.'
  return role && !errors.role && !errors.unitId ? { role, unitId } : null
}

function checkFullName(fullName: string, errors: FieldErrors) {
  if (!fullName) errors.fullName = 'Nama lengkap wajib diisi.'
  else if (fullName.length > 200) errors.fullName = 'Nama lengkap maksimal 200 karakter.'
}

function checkNewPassword(password: string, confirm: string, username: string | undefined, errors: FieldErrors) {
  const problems = passwordProblems(password, username)
  if (problems.length) errors.password = problems.join(' ')
  else if (password !== confirm) errors.passwordConfirm = 'Konfirmasi kata sandi tidak sama.'
}

const INVALID = 'Periksa kembali isian yang ditandai.'

export async function createUser(
  db: DB,
  actor: SessionUser,
  input: UserInput & { password: string; passwordConfirm: string },
  requestId: string | null,
): Promise<Outcome<{ id: number }>> {
  const errors: FieldErrors = {}
  if (!USERNAME_PATTERN.test(input.username))
    errors.username = 'Nama pengguna 3–60 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.'
  checkFullName(input.fullName, errors)
  const placement = await checkRoleAndUnit(db, input, errors)
  checkNewPassword(input.password, input.passwordConfirm, input.username, errors)
  // an OPD-bound admin places accounts in his own OPD only (city level included: refused)
  const placementOpd = placement ? await opdOfAccount(db, placement.unitId) : null
  if (placement && !managesOpd(actor, placementOpd)) return fail(403, PLACEMENT_OUTSIDE_OPD, { unitId: PLACEMENT_OUTSIDE_OPD })
  if (!errors.username && (await db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst()))
    errors.username = `Nama pengguna "${input.username}" sudah dipakai.`
  if (Object.keys(errors).length || !placement) return fail(400, INVALID, errors)

  const passwordHash = await hashPassword(input.password)
  const t = toDbTime(now())
  try {
    const id = await writeTransaction(db, placementOpd ?? 'city', async (trx) => {
      if (await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst()) return null
      const newId = Number(
        (
          await trx
            .insertInto('app_user')
            .values({ username: input.username, full_name: input.fullName, password_hash: passwordHash, role: placement.role, unit_id: placement.unitId, active: 1, created_at: t, updated_at: t, password_changed_at: t })
            .executeTakeFirstOrThrow()
        ).insertId,
      )
      await writeAudit(trx, {
        actor: actorOf(actor),
        opdId: placementOpd,
        entity: 'user',
        entityId: newId,
        action: 'create',
        after: { username: input.username, full_name: input.fullName, role: placement.role, unit_id: placement.unitId, active: 1 },
        requestId,
      })
      return newId
    })
    if (id == null) return fail(409, INVALID, { username: `Nama pengguna "${input.username}" sudah dipakai.` })
    return { ok: true, message: `Pengguna ${input.username} dibuat.`, value: { id } }
  } catch (e) {
    // a concurrent insert of the same username hits the unique index
    if (/unique|duplicate/i.test(String((e as Error)?.message))) return fail(409, INVALID, { username: `Nama pengguna "${input.username}" sudah dipakai.` })
    throw e
  }
}

/** Full name, role and unit of an existing user. An admin cannot take away his own admin role. */
export async function updateUser(db: DB, actor: SessionUser, userId: number, input: Omit<UserInput, 'username'>, requestId: string | null): Promise<Outcome> {
  const before = await db.selectFrom('app_user').select(['id', 'username', 'full_name', 'role', 'unit_id']).where('id', '=', userId).executeTakeFirst()
  if (!before) return fail(404, 'Pengguna tidak ditemukan.')
  const opdBefore = await opdOfAccount(db, before.unit_id)
  if (!managesOpd(actor, opdBefore)) return fail(403, OUTSIDE_OPD)
  const errors: FieldErrors = {}
  checkFullName(input.fullName, errors)
  const placement = await checkRoleAndUnit(db, input, errors, { role: before.role, unitId: before.unit_id })
  const opdAfter = placement ? await opdOfAccount(db, placement.unitId) : opdBefore
  if (placement && !managesOpd(actor, opdAfter)) return fail(403, PLACEMENT_OUTSIDE_OPD, { unitId: PLACEMENT_OUTSIDE_OPD })
  if (placement && userId === actor.id && placement.role !== 'admin') errors.role = 'Anda tidak dapat mencabut peran administrator dari akun Anda sendiri.'
  if (Object.keys(errors).length || !placement) return fail(400, INVALID, errors)
  const after = { full_name: input.fullName, role: placement.role, unit_id: placement.unitId }
  const old = { full_name: before.full_name, role: before.role, unit_id: before.unit_id }
  if (JSON.stringify(after) === JSON.stringify(old)) return { ok: true, message: 'Tidak ada perubahan.', value: undefined }
  await writeTransaction(db, scopeOfOpds([opdBefore, opdAfter]), async (trx) => {
    await trx.updateTable('app_user').set({ ...after, updated_at: toDbTime(now()) }).where('id', '=', userId).execute()
    // a move between OPDs (city level only) is recorded under the new OPD
    await writeAudit(trx, { actor: actorOf(actor), opdId: opdAfter ?? opdBefore, entity: 'user', entityId: userId, action: 'update', before: old, after, requestId })
  })
  return { ok: true, message: `Data pengguna ${before.username} disimpan.`, value: undefined }
}

/** The admin sets a new password; the user's sessions end (he signs in again with the new one). */
export async function resetPassword(db: DB, actor: SessionUser, userId: number, password: string, passwordConfirm: string, requestId: string | null): Promise<Outcome> {
  const user = await db.selectFrom('app_user').select(['id', 'username', 'unit_id']).where('id', '=', userId).executeTakeFirst()
  if (!user) return fail(404, 'Pengguna tidak ditemukan.')
  const opdId = await opdOfAccount(db, user.unit_id)
  if (!managesOpd(actor, opdId)) return fail(403, OUTSIDE_OPD)
  const errors: FieldErrors = {}
  checkNewPassword(password, passwordConfirm, user.username, errors)
  if (Object.keys(errors).length) return fail(400, INVALID, errors)
  const passwordHash = await hashPassword(password)
  await writeTransaction(db, opdId ?? 'city', async (trx) => {
    const t = toDbTime(now())
    await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: t, updated_at: t }).where('id', '=', userId).execute()
    if (userId !== actor.id) await destroyUserSessions(trx, userId)
    else await trx.deleteFrom('user_session').where('user_id', '=', userId).where('id', '!=', actor.sessionId).execute()
    await writeAudit(trx, { actor: actorOf(actor), opdId, entity: 'user', entityId: userId, action: 'reset_password', after: { password_changed_at: t, sessions_ended: true }, requestId })
  })
  return { ok: true, message: `Kata sandi ${user.username} diganti; sesi yang sedang berjalan diakhiri.`, value: undefined }
}

/** Disable (ends every session of the user at once) or enable an account. Not oneself. */
export async function setUserActive(db: DB, actor: SessionUser, userId: number, active: boolean, requestId: string | null): Promise<Outcome> {
  if (userId === actor.id && !active) return fail(400, 'Anda tidak dapat menonaktifkan akun Anda sendiri.')
  const user = await db.selectFrom('app_user').select(['id', 'username', 'active', 'unit_id']).where('id', '=', userId).executeTakeFirst()
  if (!user) return fail(404, 'Pengguna tidak ditemukan.')
  const opdId = await opdOfAccount(db, user.unit_id)
  if (!managesOpd(actor, opdId)) return fail(403, OUTSIDE_OPD)
  const flag = active ? 1 : 0
  if (user.active === flag) return { ok: true, message: active ? `${user.username} sudah aktif.` : `${user.username} sudah nonaktif.`, value: undefined }
  await writeTransaction(db, opdId ?? 'city', async (trx) => {
    await trx.updateTable('app_user').set({ active: flag, updated_at: toDbTime(now()) }).where('id', '=', userId).execute()
    if (!active) await destroyUserSessions(trx, userId)
    await writeAudit(trx, {
      actor: actorOf(actor),
      opdId,
      entity: 'user',
      entityId: userId,
      action: active ? 'enable' : 'disable',
      before: { active: user.active },
      after: { active: flag },
      requestId,
    })
  })
  return { ok: true, message: active ? `Akun ${user.username} diaktifkan kembali.` : `Akun ${user.username} dinonaktifkan; semua sesinya diakhiri.`, value: undefined }
}

/**
 * A signed-in user changes his own password. The current password is checked through the login
 * rate limiter (a stolen session cannot guess it endlessly); other sessions of the user end.
 */
export async function changeOwnPassword(
  db: DB,
  user: SessionUser,
  input: { currentPassword: string; password: string; passwordConfirm: string },
  ip: string,
  requestId: string | null,
): Promise<Outcome> {
  const errors: FieldErrors = {}
  if (!input.currentPassword) errors.currentPassword = 'Isi kata sandi saat ini.'
  checkNewPassword(input.password, input.passwordConfirm, user.username, errors)
  if (!errors.password && input.currentPassword && input.password === input.currentPassword) errors.password = 'Kata sandi baru harus berbeda dari kata sandi saat ini.'
  if (Object.keys(errors).length) return fail(400, INVALID, errors)
  const check = await attemptLogin(db, user.username, input.currentPassword, ip)
  if (!check.ok && check.reason === 'rate_limited')
    return fail(429, `Terlalu banyak percobaan yang gagal. Coba lagi dalam ${check.retryAfterSeconds} detik.`)
  if (!check.ok || check.userId !== user.id) return fail(400, INVALID, { currentPassword: 'Kata sandi saat ini salah.' })
  const passwordHash = await hashPassword(input.password)
  await writeTransaction(db, user.opdId ?? 'city', async (trx) => {
    const t = toDbTime(now())
    await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: t, updated_at: t }).where('id', '=', user.id).execute()
    await trx.deleteFrom('user_session').where('user_id', '=', user.id).where('id', '!=', user.sessionId).execute()
    await writeAudit(trx, { actor: actorOf(user), opdId: user.opdId, entity: 'user', entityId: user.id, action: 'change_password', after: { password_changed_at: t }, requestId })
  })
  return { ok: true, message: 'Kata sandi Anda diganti. Sesi lain pada perangkat lain telah diakhiri.', value: undefined }
}
