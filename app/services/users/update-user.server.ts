// Use case: an admin changes an account's full name, role and unit (one audit row 'update').
// An admin cannot take away his own admin role.
import type { DB } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { findUserBrief, updateUserRow } from '../../models/users.server'
import {
  checkFullName,
  checkRoleAndUnit,
  fail,
  INVALID,
  managesOpd,
  opdOfAccount,
  OUTSIDE_OPD,
  PLACEMENT_OUTSIDE_OPD,
  type FieldErrors,
  type Outcome,
  type UserInput,
} from './common.server'

export async function updateUser(db: DB, actor: SessionUser, userId: number, input: Omit<UserInput, 'username'>, requestId: string | null): Promise<Outcome> {
  const before = await findUserBrief(db, userId)
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
    await updateUserRow(trx, userId, { ...after, updated_at: toDbTime(now()) })
    // a move between OPDs (city level only) is recorded under the new OPD
    await writeAudit(trx, { actor: actorOf(actor), opdId: opdAfter ?? opdBefore, entity: 'user', entityId: userId, action: 'update', before: old, after, requestId })
  })
  return { ok: true, message: `Data pengguna ${before.username} disimpan.`, value: undefined }
}
