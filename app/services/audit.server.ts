// Append-only audit trail. Always call inside the same transaction as the change it records.
import { bumpDataVersion, hasRaisedVersion, type Executor } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { insertAuditRow } from '../models/audit.server'

export interface AuditActor {
  id: number | null
  username: string | null
  role: string | null
}

export interface AuditEntry {
  actor: AuditActor
  /**
   * The OPD the change belongs to (the entity's OPD; for a user, the OPD of his unit); null = city
   * level (settings, city-level accounts and tokens). Audit reads are scoped by it.
   */
  opdId: number | null
  entity: string
  entityId: string | number | null
  action: string
  before?: unknown
  after?: unknown
  reason?: string | null
  requestId?: string | null
}

/**
 * Appends one audit row and raises the data version of its OPD (every audited change is a data
 * change) — unless `db` is a writeTransaction, which raised the version of the scope it writes first
 * (raising a second row there could take two rows' locks in different orders: deadlocks).
 */
export async function writeAudit(db: Executor, e: AuditEntry): Promise<void> {
  if (!hasRaisedVersion(db)) await bumpDataVersion(db, e.opdId ?? 'city')
  await insertAuditRow(db, {
    occurred_at: toDbTime(now()),
    actor_id: e.actor.id,
    actor_username: e.actor.username,
    actor_role: e.actor.role,
    entity: e.entity,
    entity_id: e.entityId == null ? null : String(e.entityId),
    action: e.action,
    reason: e.reason ?? null,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
    request_id: e.requestId ?? null,
    opd_id: e.opdId,
  })
}

export const actorOf = (u: { id: number; username: string; role: string }): AuditActor => ({ id: u.id, username: u.username, role: u.role })
