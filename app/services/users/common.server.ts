// What the user-account use cases share: the outcome shape, tenancy (ADR 0010: a city-level admin
// manages every account, an OPD-bound admin his own OPD's only) and the field rules. Password
// hashes are computed BEFORE a transaction opens (scrypt takes a few hundred ms and SQLite has one
// connection), and never reach the audit trail.
import type { Executor } from '../../utils/db.server'
import { passwordProblems } from '../../utils/password.server'
import { ROLES, type Role } from '../../utils/permissions'
import { opdOfUnit } from '../auth.server'
import { findPlacementUnit, getUser, type AdminScope, type UserRow } from '../../models/users.server'

export type { AdminScope }

export type UserField = 'username' | 'fullName' | 'role' | 'unitId' | 'password' | 'passwordConfirm' | 'currentPassword'
export type FieldErrors = Partial<Record<UserField, string>>

export type Outcome<T = undefined> = { ok: true; message: string; value: T } | { ok: false; status: number; message: string; fieldErrors: FieldErrors }

export const fail = (status: number, message: string, fieldErrors: FieldErrors = {}): Outcome<never> => ({ ok: false, status, message, fieldErrors })

export const INVALID = 'Periksa kembali isian yang ditandai.'
export const OUTSIDE_OPD = 'Pengguna ini bukan bagian dari perangkat daerah Anda; hanya administrator tingkat kota yang dapat mengelolanya.'
export const PLACEMENT_OUTSIDE_OPD = 'Anda hanya dapat menempatkan pengguna pada perangkat daerah Anda sendiri (atau unit di bawahnya).'

/** The OPD of an account placed in `unitId` (null = city level). */
export const opdOfAccount = (db: Executor, unitId: number | null): Promise<number | null> => (unitId == null ? Promise.resolve(null) : opdOfUnit(db, unitId))

/** May this admin manage an account of `opdId`? City level: every one; OPD-bound: its own OPD only. */
export const managesOpd = (actor: AdminScope, opdId: number | null): boolean => actor.opdId == null || actor.opdId === opdId

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

export interface UserInput {
  username: string
  fullName: string
  role: string
  unitId: string
}

/**
 * Role and unit rules: a kepala_bidang needs a bidang/sekretariat; others an OPD or none (city
 * level). An existing placement left as it was (same role, same unit) is kept even when it predates
 * the rule (the demo's perencanaan account sits in the Sekretariat).
 */
export async function checkRoleAndUnit(
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
      const unit = await findPlacementUnit(db, Number(input.unitId))
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
        else if (role && role !== 'kepala_bidang' && unit.kind !== 'opd') errors.unitId = 'Peran ini ditempatkan pada perangkat daerah (OPD) atau tanpa unit (tingkat kota).'
      }
    }
  } else if (role === 'kepala_bidang') errors.unitId = 'Kepala bidang harus ditempatkan pada sebuah bidang atau sekretariat.'
  return role && !errors.role && !errors.unitId ? { role, unitId } : null
}

export function checkFullName(fullName: string, errors: FieldErrors) {
  if (!fullName) errors.fullName = 'Nama lengkap wajib diisi.'
  else if (fullName.length > 200) errors.fullName = 'Nama lengkap maksimal 200 karakter.'
}

export function checkNewPassword(password: string, confirm: string, username: string | undefined, errors: FieldErrors) {
  const problems = passwordProblems(password, username)
  if (problems.length) errors.password = problems.join(' ')
  else if (password !== confirm) errors.passwordConfirm = 'Konfirmasi kata sandi tidak sama.'
}

/** Reads the account fields from a form, trimmed (the raw values are sent back on errors). */
export function userInputOf(form: FormData): UserInput {
  const s = (k: string) => String(form.get(k) ?? '').trim()
  return { username: s('username').toLowerCase(), fullName: s('fullName'), role: s('role'), unitId: s('unitId') }
}
