// Idempotent resend of a form: the browser sends a random key with each submission; the server
// stores the key and the first result in the same transaction as the write it made, and answers
// a repeated key with that result, so a save resent over a bad line is written once.
// Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  let t = db.schema
    .createTable('submission_key')
    .addColumn('id', 'integer', (c) => (mysql ? c.autoIncrement().primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('submission_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('created_at', mysql ? sql`datetime(3)` : sql`text`, (c) => c.notNull())
    .addUniqueConstraint('submission_key_user_key_uq', ['user_id', 'submission_key'])
  if (mysql) t = t.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`)
  await t.execute()
  await db.schema.createIndex('submission_key_created_idx').on('submission_key').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submission_key').execute()
}
