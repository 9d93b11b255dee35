// Audit rows carry the OPD they belong to (null = city level: settings, city-level accounts and
// tokens), so every audit read can be scoped to an OPD. Existing rows are backfilled from their
// entity. The append-only triggers of 0001 are dropped around the backfill and recreated; on
// SQLite a further trigger refuses `INSERT OR REPLACE` of an existing row (REPLACE deletes the old
// row without firing the delete trigger). Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely, type RawBuilder } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter

async function dropAppendOnly(db: Kysely<any>) {
  await sql`drop trigger if exists audit_log_no_update`.execute(db)
  await sql`drop trigger if exists audit_log_no_delete`.execute(db)
}

async function createAppendOnly(db: Kysely<any>) {
  if (isMysql(db)) {
    await sql`create trigger audit_log_no_update before update on audit_log for each row
      signal sqlstate '45000' set message_text = 'audit_log is append-only'`.execute(db)
    await sql`create trigger audit_log_no_delete before delete on audit_log for each row
      signal sqlstate '45000' set message_text = 'audit_log is append-only'`.execute(db)
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
  }
}

/** The OPD of a unit id expression: the unit itself, its parent or its grandparent (OPD → bidang → seksi). */
const opdOfUnitSql = (unitIdExpr: RawBuilder<unknown>) => sql`(
  select case when o.kind = 'opd' or o.parent_id is null then o.id
              when p.kind = 'opd' or p.parent_id is null then p.id
              else g.id end
  from org_unit o
  left join org_unit p on p.id = o.parent_id
  left join org_unit g on g.id = p.parent_id
  where o.id = ${unitIdExpr})`

async function backfill(db: Kysely<any>) {
  const byEntity: [string, RawBuilder<unknown>][] = [
    ['realisasi', sql`(select p.opd_id from realisasi r join indicator i on i.id = r.indicator_id join renstra_period p on p.id = i.period_id where r.id = audit_log.entity_id)`],
    ['indicator', sql`(select p.opd_id from indicator i join renstra_period p on p.id = i.period_id where i.id = audit_log.entity_id)`],
    // entity id 'indicatorId:year'
    [
      'indicator_target',
      sql`(select p.opd_id from indicator i join renstra_period p on p.id = i.period_id where i.id = substr(audit_log.entity_id, 1, instr(audit_log.entity_id, ':') - 1))`,
    ],
    ['renstra_period', sql`(select p.opd_id from renstra_period p where p.id = audit_log.entity_id)`],
    ['tujuan', sql`(select p.opd_id from tujuan t join renstra_period p on p.id = t.period_id where t.id = audit_log.entity_id)`],
    ['sasaran', sql`(select p.opd_id from sasaran s join tujuan t on t.id = s.tujuan_id join renstra_period p on p.id = t.period_id where s.id = audit_log.entity_id)`],
    ['program', sql`(select p.opd_id from program g join renstra_period p on p.id = g.period_id where g.id = audit_log.entity_id)`],
    // a reopened quarter's closure row is gone: its OPD is in the row's JSON
    ['quarter_closure', sql`json_extract(coalesce(audit_log.after_json, audit_log.before_json), '$.opd_id')`],
    ['evaluation_note', sql`(select n.opd_id from evaluation_note n where n.id = audit_log.entity_id)`],
    ['api_token', sql`(select t.opd_id from api_token t where t.id = audit_log.entity_id)`],
    ['user', opdOfUnitSql(sql`(select u.unit_id from app_user u where u.id = audit_log.entity_id)`)],
    ['seed', sql`(select o.id from org_unit o where o.code = audit_log.entity_id and o.kind = 'opd')`],
  ]
  for (const [entity, expr] of byEntity) {
    await sql`update audit_log set opd_id = ${expr} where entity = ${entity} and opd_id is null`.execute(db)
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  const steps = async (d: Kysely<any>) => {
    await d.schema.alterTable('audit_log').addColumn('opd_id', 'integer').execute()
    await dropAppendOnly(d)
    await backfill(d)
    await createAppendOnly(d)
    await d.schema.createIndex('audit_log_opd_idx').on('audit_log').columns(['opd_id', 'id']).execute()
    if (!mysql) {
      // INSERT OR REPLACE of an existing id would delete that row silently: refuse it.
      await sql`create trigger audit_log_no_replace before insert on audit_log
        when exists (select 1 from audit_log where id = new.id)
        begin select raise(abort, 'audit_log is append-only'); end`.execute(d)
    }
  }
  // SQLite: one transaction (DDL is transactional there), so the triggers are never missing.
  // MariaDB commits each DDL statement on its own; the steps run in order.
  if (mysql) await steps(db)
  else await db.transaction().execute(steps)
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  if (!mysql) await sql`drop trigger if exists audit_log_no_replace`.execute(db)
  if (mysql) await db.schema.dropIndex('audit_log_opd_idx').on('audit_log').execute()
  else await db.schema.dropIndex('audit_log_opd_idx').execute()
  await db.schema.alterTable('audit_log').dropColumn('opd_id').execute()
}
