// One counter that every write to the domain data raises (in the same transaction as the write).
// Read caches key on it: a cached score or page is only reused while the counter is unchanged, on
// every process and server that shares the database. Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('data_version_single_row_chk', sql`id = 1`)
  if (isMysql(db)) t = t.modifyEnd(sql`engine=InnoDB`)
  await t.execute()
  await db.insertInto('data_version').values({ id: 1, version: 0 }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_version').execute()
}
