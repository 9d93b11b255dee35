// Who may see and change a rencana aksi. OPD-bound users see only their OPD; city-level accounts
// (opdId null) see every OPD.
import type { SessionUser } from '../auth.server'
import { can } from '../../utils/permissions'
import type { ActionRow } from '../../models/actions.server'

export const canSeeOpd = (user: Pick<SessionUser, 'opdId'>, opdId: number): boolean => user.opdId == null || user.opdId === opdId

/** Create and re-plan actions (owner, due date): the roles that record meeting decisions. */
export const canManageActions = (user: Pick<SessionUser, 'role' | 'opdId'>, opdId: number): boolean => can(user.role, 'note:write') && canSeeOpd(user, opdId)

/** Report progress: the owner, or whoever manages actions of that OPD. Auditors never write. */
export function canReportProgress(user: Pick<SessionUser, 'id' | 'role' | 'opdId' | 'unitId'>, a: Pick<ActionRow, 'opdId' | 'ownerUserId' | 'ownerUnitId'>): boolean {
  if (user.role === 'auditor' || user.role === 'admin') return false
  if (!canSeeOpd(user, a.opdId)) return false
  if (a.ownerUserId === user.id) return true
  if (user.role === 'kepala_bidang' && a.ownerUserId == null && user.unitId === a.ownerUnitId) return true
  return canManageActions(user, a.opdId)
}
