// Login limits that hold under parallel guesses and cannot lock a user out everywhere (ADR 0008).
// Every attempt is a row before its password is checked: `evaluated` = the password was checked,
// `refused` = the limiter answered 429 without checking it. An admin's "buka blokir login" sets
// app_user.login_cleared_at: attempts before it no longer count for that account (no row is deleted).
// Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter
const ts = (db: Kysely<any>) => (isMysql(db) ? sql`datetime(3)` : sql`text`)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('login_attempt')
    .addColumn('evaluated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('login_attempt')
    .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // rows written before this migration were all checked (the old code wrote them after the check)
  await db.updateTable('login_attempt').set({ evaluated: 1 }).execute()
  await db.schema.alterTable('app_user').addColumn('login_cleared_at', ts(db)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('login_cleared_at').execute()
  await db.schema.alterTable('login_attempt').dropColumn('refused').execute()
  await db.schema.alterTable('login_attempt').dropColumn('evaluated').execute()
}
