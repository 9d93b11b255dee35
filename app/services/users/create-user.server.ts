// Use case: an admin creates an account (one audit row 'create', entity 'user', with its OPD).
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { hashPassword } from '../../utils/password.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { insertUser, usernameTaken } from '../../models/users.server'
import { USERNAME_PATTERN } from './rules'
import {
  checkFullName,
  checkNewPassword,
  checkRoleAndUnit,
  fail,
  INVALID,
  managesOpd,
  opdOfAccount,
  PLACEMENT_OUTSIDE_OPD,
  type FieldErrors,
  type Outcome,
  type UserInput,
} from './common.server'

export async function createUser(
  db: DB,
  actor: SessionUser,
  input: UserInput & { password: string; passwordConfirm: string },
  requestId: string | null,
): Promise<Outcome<{ id: number }>> {
  const errors: FieldErrors = {}
  if (!USERNAME_PATTERN.test(input.username)) errors.username = 'Nama pengguna 3–60 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.'
  checkFullName(input.fullName, errors)
  const placement = await checkRoleAndUnit(db, input, errors)
  checkNewPassword(input.password, input.passwordConfirm, input.username, errors)
  // an OPD-bound admin places accounts in his own OPD only (city level included: refused)
  const placementOpd = placement ? await opdOfAccount(db, placement.unitId) : null
  if (placement && !managesOpd(actor, placementOpd)) return fail(403, PLACEMENT_OUTSIDE_OPD, { unitId: PLACEMENT_OUTSIDE_OPD })
  if (!errors.username && (await usernameTaken(db, input.username))) errors.username = `Nama pengguna "${input.username}" sudah dipakai.`
  if (Object.keys(errors).length || !placement) return fail(400, INVALID, errors)

  const passwordHash = await hashPassword(input.password)
  const t = toDbTime(now())
  try {
    const id = await writeTransaction(db, placementOpd ?? 'city', async (trx) => {
      if (await usernameTaken(trx, input.username)) return null
      const newId = await insertUser(trx, {
        username: input.username,
        full_name: input.fullName,
        password_hash: passwordHash,
        role: placement.role,
        unit_id: placement.unitId,
        active: 1,
        created_at: t,
        updated_at: t,
        password_changed_at: t,
      })
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
