// The organisation becomes data an admin edits (issue "[R2 2/7]", ADR 0012):
//   - `active`: units are deactivated, never deleted once they have history;
//   - `kind` may be 'kota' (Pemerintah Kota/Kabupaten above its OPD);
//   - `code` is unique within one OPD, no longer across the whole database (many OPD may each have
//     a "SEKRETARIAT"): the global UNIQUE goes, a plain index stays, and the write services check
//     the per-OPD rule inside their write transaction (every writer queues on data_version first).
// SQLite cannot drop a column's UNIQUE or change a CHECK in place: the table is rebuilt from its
// own stored definition (the documented 12-step procedure), with foreign keys off meanwhile.
// Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter

const KINDS_BEFORE = ['opd', 'sekretariat', 'bidang', 'subbagian', 'seksi', 'upt']
const KINDS_AFTER = ['kota', ...KINDS_BEFORE]
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)))
const sqliteList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

/** Rebuilds org_unit on SQLite with its CREATE statement changed by `change`. */
async function rebuildSqlite(db: Kysely<any>, change: (createSql: string) => string): Promise<void> {
  const row = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'org_unit'`.execute(db)).rows[0]
  if (!row) throw new Error('0006: table org_unit not found')
  const changed = change(row.sql).replace(/^CREATE TABLE "org_unit"/i, 'CREATE TABLE "org_unit_new"')
  if (!changed.startsWith('CREATE TABLE "org_unit_new"')) throw new Error('0006: unexpected org_unit definition')
  const indexes = (await sql<{ sql: string | null }>`select sql from sqlite_master where type = 'index' and tbl_name = 'org_unit' and sql is not null`.execute(db)).rows
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin`.execute(db)
    try {
      await sql.raw(changed).execute(db)
      const columns = (await sql<{ name: string }>`pragma table_info(org_unit_new)`.execute(db)).rows.map((c) => sql.id(c.name))
      await sql`insert into org_unit_new (${sql.join(columns)}) select ${sql.join(columns)} from org_unit`.execute(db)
      await sql`drop table org_unit`.execute(db)
      await sql`alter table org_unit_new rename to org_unit`.execute(db)
      for (const i of indexes) await sql.raw(i.sql!).execute(db)
      const broken = (await sql`pragma foreign_key_check`.execute(db)).rows
      if (broken.length) throw new Error(`0006: foreign keys broken by the rebuild: ${JSON.stringify(broken.slice(0, 3))}`)
      await sql`commit`.execute(db)
    } catch (e) {
      await sql`rollback`.execute(db)
      throw e
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at < 0) throw new Error(`0006: "${from}" not found in the org_unit definition`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isMysql(db)) {
    const unique = await sql<{ name: string }>`
      select s.index_name as name from information_schema.statistics s
      where s.table_schema = database() and s.table_name = 'org_unit' and s.non_unique = 0 and s.index_name <> 'PRIMARY'
      group by s.index_name having count(*) = 1 and max(s.column_name) = 'code'`.execute(db)
    for (const u of unique.rows) await sql`alter table org_unit drop index ${sql.id(u.name)}`.execute(db)
    await sql`alter table org_unit drop constraint org_unit_kind_chk`.execute(db)
    await sql`alter table org_unit add constraint org_unit_kind_chk check (kind in (${list(KINDS_AFTER)}))`.execute(db)
    await sql`alter table org_unit add column active integer not null default 1`.execute(db)
    await sql`alter table org_unit add constraint org_unit_active_chk check (active in (0, 1))`.execute(db)
  } else {
    await rebuildSqlite(db, (s) =>
      replaceOnce(
        replaceOnce(s, '"code" varchar(40) not null unique', '"code" varchar(40) not null'),
        `kind in (${sqliteList(KINDS_BEFORE)})`,
        `kind in (${sqliteList(KINDS_AFTER)})`,
      ),
    )
    await sql`alter table org_unit add column active integer not null default 1 constraint org_unit_active_chk check (active in (0, 1))`.execute(db)
    await db.schema.createIndex('org_unit_parent_idx').on('org_unit').column('parent_id').execute()
  }
  await db.schema.createIndex('org_unit_code_idx').on('org_unit').column('code').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // Refused when the data no longer fits the old shape (a kota unit, a code used in two OPD).
  if (isMysql(db)) {
    await db.schema.dropIndex('org_unit_code_idx').on('org_unit').execute()
    await sql`alter table org_unit drop constraint org_unit_active_chk`.execute(db)
    await sql`alter table org_unit drop column active`.execute(db)
    await sql`alter table org_unit drop constraint org_unit_kind_chk`.execute(db)
    await sql`alter table org_unit add constraint org_unit_kind_chk check (kind in (${list(KINDS_BEFORE)}))`.execute(db)
    await sql`alter table org_unit add unique index code (code)`.execute(db)
  } else {
    await db.schema.dropIndex('org_unit_code_idx').execute()
    await db.schema.dropIndex('org_unit_parent_idx').execute()
    await rebuildSqlite(db, (s) => {
      const withoutActive = s.replace(/, "?active"? integer not null default 1 constraint "?org_unit_active_chk"? check \(active in \(0, 1\)\)/i, '')
      if (withoutActive === s) throw new Error('0006 down: column active not found')
      return replaceOnce(
        replaceOnce(withoutActive, '"code" varchar(40) not null', '"code" varchar(40) not null unique'),
        `kind in (${sqliteList(KINDS_AFTER)})`,
        `kind in (${sqliteList(KINDS_BEFORE)})`,
      )
    })
  }
}
