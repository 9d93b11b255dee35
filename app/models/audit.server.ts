// The audit trail (SQL only). Rows are written only through services/audit.server.ts (writeAudit),
// which calls insertAuditRow in the transaction of the change it records.
import type { Insertable } from 'kysely'
import type { Executor } from '../utils/db.server'
import type { AuditLogTable } from '../../db/schema'

/** Appends one row to the append-only audit trail (call only from services/audit.server.ts). */
export async function insertAuditRow(db: Executor, row: Omit<Insertable<AuditLogTable>, 'id'>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute()
}

export interface AuditFilters {
  /**
   * Tenancy: the reader's OPD. A number keeps only that OPD's rows; null (a city-level reader)
   * keeps every row. Required, so no read forgets it.
   */
  opdId: number | null
  entity?: string | null
  entityId?: string | null
  action?: string | null
  actor?: string | null
  /** UTC bounds, inclusive from, exclusive to ('YYYY-MM-DD HH:MM:SS.mmm'). */
  fromUtc?: string | null
  toUtc?: string | null
}

export async function listAudit(db: Executor, f: AuditFilters, page: number, pageSize: number) {
  let base = db.selectFrom('audit_log as a')
  if (f.opdId != null) base = base.where('a.opd_id', '=', f.opdId)
  if (f.entity) base = base.where('a.entity', '=', f.entity)
  if (f.entityId) base = base.where('a.entity_id', '=', f.entityId)
  if (f.action) base = base.where('a.action', '=', f.action)
  if (f.actor) base = base.where('a.actor_username', '=', f.actor)
  if (f.fromUtc) base = base.where('a.occurred_at', '>=', f.fromUtc)
  if (f.toUtc) base = base.where('a.occurred_at', '<', f.toUtc)
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .leftJoin('app_user as u', 'u.id', 'a.actor_id')
      .selectAll('a')
      .select('u.full_name as actor_name')
      .orderBy('a.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ])
  return { total: Number(countRow?.n ?? 0), rows }
}

/**
 * Distinct values for the audit filters, from the rows the reader may see (`opdId` null = city
 * level, every row): an OPD's reader is offered only the entities, actions and people of his OPD's rows.
 */
export async function auditFilterOptions(db: Executor, opdId: number | null) {
  const rows = () => {
    const q = db.selectFrom('audit_log as a')
    return opdId == null ? q : q.where('a.opd_id', '=', opdId)
  }
  const [entities, actions, actors] = await Promise.all([
    rows().select('a.entity').distinct().orderBy('a.entity').execute(),
    rows().select('a.action').distinct().orderBy('a.action').execute(),
    rows()
      .leftJoin('app_user as u', 'u.id', 'a.actor_id')
      .select(['a.actor_username as username', 'u.full_name'])
      .where('a.actor_username', 'is not', null)
      .distinct()
      .orderBy('a.actor_username')
      .execute(),
  ])
  // one entry per username (a renamed full name would otherwise list it twice)
  const seen = new Set<string>()
  const people = actors
    .filter((a) => a.username != null && !seen.has(a.username) && seen.add(a.username))
    .map((a) => ({ username: a.username!, full_name: a.full_name ?? a.username! }))
  return { entities: entities.map((e) => e.entity), actions: actions.map((a) => a.action), actors: people }
}

/** Every audit row of one entity, oldest first. */
export async function auditOfEntity(db: Executor, entity: string, entityId: string | number) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .selectAll('a')
    .select('u.full_name as actor_name')
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', String(entityId))
    .orderBy('a.id', 'asc')
    .execute()
}

/** The audit rows of some realisations (ids as text), by id: their status history in the audit workbook. */
export async function auditRowsOfRealisasi(db: Executor, realisasiIds: string[]) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'actor_username', 'actor_role', 'entity_id', 'action', 'reason', 'before_json', 'after_json'])
    .where('entity', '=', 'realisasi')
    .where('entity_id', 'in', realisasiIds)
    .orderBy('id')
    .execute()
}

/** One keyset page of the audit trail: at most `limit` rows with id > `afterId`, of one OPD (null: every row), by id. */
export async function auditPageAfter(db: Executor, opdId: number | null, afterId: number, limit: number) {
  let q = db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'actor_username', 'actor_role', 'entity', 'entity_id', 'action', 'reason', 'before_json', 'after_json', 'request_id'])
    .where('id', '>', afterId)
  if (opdId != null) q = q.where('opd_id', '=', opdId)
  return q.orderBy('id').limit(limit).execute()
}
