// Append-only audit trail. Always call inside the same transaction as the change it records.
import { bumpDataVersion, type Executor } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'

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

/** Appends one audit row and raises the data version (every audited change is a data change). */
export async function writeAudit(db: Executor, e: AuditEntry): Promise<void> {
  await bumpDataVersion(db)
  await db
    .insertInto('audit_log')
    .values({
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
    .execute()
}

export const actorOf = (u: { id: number; username: string; role: string }): AuditActor => ({ id: u.id, username: u.username, role: u.role })
