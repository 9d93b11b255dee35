// The data version per OPD (issue 17, ADR 0020): one row per OPD (id = the OPD's org_unit id) and
// one city-wide row (id 0, raised by settings and by changes that span OPDs). A write in OPD A
// raises A's row only, so writers of different OPDs no longer queue on one row, and a cached view
// of OPD B survives a save in OPD A. The single-row table of 0002 (CHECK id = 1) is replaced; every
// new row starts at the old global version so no version ever goes back.
// Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter

async function createTable(db: Kysely<any>, name: string, check?: boolean): Promise<void> {
  let t = db.schema
    .createTable(name)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
  if (check) t = t.addCheckConstraint(`${name}_single_row_chk`, sql`id = 1`)
  if (isMysql(db)) t = t.modifyEnd(sql`engine=InnoDB`)
  await t.execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  const old = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst()
  const version = Number(old?.version ?? 0)
  await db.schema.dropTable('data_version').execute()
  await createTable(db, 'data_version')
  // OPDs: units of kind 'opd' and roots (the same rule as the session's OPD lookup)
  const opds = await db
    .selectFrom('org_unit')
    .select('id')
    .where((eb) => eb.or([eb('kind', '=', 'opd'), eb('parent_id', 'is', null)]))
    .execute()
  await db
    .insertInto('data_version')
    .values([{ id: 0, version }, ...opds.map((o) => ({ id: Number(o.id), version }))])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // back to one row: the largest version, so caches keyed on it never see it go back
  const max = await db
    .selectFrom('data_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst()
  const version = Number(max?.v ?? 0)
  await db.schema.dropTable('data_version').execute()
  await createTable(db, 'data_version', true)
  await db.insertInto('data_version').values({ id: 1, version }).execute()
}
