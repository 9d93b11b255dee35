// Rencana aksi (follow-through of meeting decisions) and reminders: actions with the indicators
// they serve and their progress notes; in-app notifications, each claimed once by its unique key
// (user, kind, subject, date); one e-mail digest per person per day, claimed by (user, date);
// an e-mail address and an opt-out per user. Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter
const ts = (db: Kysely<any>) => (isMysql(db) ? sql`datetime(3)` : sql`text`)
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)))

const ACTION_STATUSES = ['direncanakan', 'berjalan', 'selesai', 'batal'] as const
const ACTION_SOURCES = ['catatan', 'tindak_lanjut', 'langsung'] as const
const ASPECTS = ['pengelolaan', 'layanan', 'kemitraan'] as const
const STRATEGIES = ['inti', 'konsekuensi', 'pelanggan', 'pengawasan', 'budaya'] as const
const DIGEST_STATUSES = ['mengirim', 'terkirim', 'gagal'] as const

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  const id = (b: any) => (mysql ? b.autoIncrement().primaryKey() : b.primaryKey().autoIncrement())
  const tableOpts = (t: any) => (mysql ? t.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`) : t)

  await db.schema.alterTable('app_user').addColumn('email', 'varchar(200)').execute()
  await db.schema
    .alterTable('app_user')
    .addColumn('notify_email', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await tableOpts(
    db.schema
      .createTable('action_item')
      .addColumn('id', 'integer', id)
      .addColumn('opd_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('title', 'varchar(500)', (c) => c.notNull())
      .addColumn('aspect', 'varchar(20)')
      .addColumn('strategy', 'varchar(20)')
      .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('owner_user_id', 'integer', (c) => c.references('app_user.id'))
      // a calendar day 'YYYY-MM-DD' (text on both databases: no time zone, no driver conversion)
      .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('direncanakan'))
      .addColumn('source', 'varchar(20)', (c) => c.notNull())
      .addColumn('source_note_id', 'integer', (c) => c.references('evaluation_note.id'))
      .addColumn('source_index', 'integer')
      .addColumn('source_realisasi_id', 'integer', (c) => c.references('realisasi.id'))
      // the meeting period that decided it: 'YYYY-Qn' or 'renstra-YYYY-Qn'
      .addColumn('period_key', 'varchar(30)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addColumn('completed_at', ts(db))
      .addUniqueConstraint('action_item_note_uq', ['source_note_id', 'source_index'])
      .addCheckConstraint('action_item_status_chk', sql`status in (${list(ACTION_STATUSES)})`)
      .addCheckConstraint('action_item_source_chk', sql`source in (${list(ACTION_SOURCES)})`)
      .addCheckConstraint('action_item_aspect_chk', sql`aspect is null or aspect in (${list(ASPECTS)})`)
      .addCheckConstraint('action_item_strategy_chk', sql`strategy is null or strategy in (${list(STRATEGIES)})`),
  ).execute()
  await db.schema.createIndex('action_item_opd_idx').on('action_item').columns(['opd_id', 'status', 'due_date']).execute()
  await db.schema.createIndex('action_item_owner_idx').on('action_item').columns(['owner_user_id', 'status']).execute()

  await tableOpts(
    db.schema
      .createTable('action_indicator')
      .addColumn('action_id', 'integer', (c) => c.notNull().references('action_item.id'))
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
      .addPrimaryKeyConstraint('action_indicator_pk', ['action_id', 'indicator_id']),
  ).execute()
  await db.schema.createIndex('action_indicator_ind_idx').on('action_indicator').column('indicator_id').execute()

  await tableOpts(
    db.schema
      .createTable('action_progress')
      .addColumn('id', 'integer', id)
      .addColumn('action_id', 'integer', (c) => c.notNull().references('action_item.id'))
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('note', 'varchar(4000)')
      .addColumn('evidence_text', 'varchar(2000)')
      .addColumn('evidence_link', 'varchar(1000)')
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addCheckConstraint('action_progress_status_chk', sql`status in (${list(ACTION_STATUSES)})`),
  ).execute()
  await db.schema.createIndex('action_progress_action_idx').on('action_progress').column('action_id').execute()

  await tableOpts(
    db.schema
      .createTable('notification')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('kind', 'varchar(40)', (c) => c.notNull())
      .addColumn('subject', 'varchar(100)', (c) => c.notNull())
      // the day the reminder is about ('YYYY-MM-DD' in the app's time zone)
      .addColumn('occurs_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('opd_id', 'integer', (c) => c.references('org_unit.id'))
      .addColumn('title', 'varchar(300)', (c) => c.notNull())
      .addColumn('body', 'varchar(4000)', (c) => c.notNull())
      .addColumn('link', 'varchar(500)', (c) => c.notNull())
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('read_at', ts(db))
      .addColumn('digest_id', 'integer')
      .addUniqueConstraint('notification_claim_uq', ['user_id', 'kind', 'subject', 'occurs_on']),
  ).execute()
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'read_at']).execute()
  await db.schema.createIndex('notification_digest_idx').on('notification').columns(['digest_id', 'user_id']).execute()

  await tableOpts(
    db.schema
      .createTable('email_digest')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('digest_date', 'varchar(10)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_until', ts(db))
      .addColumn('next_attempt_at', ts(db))
      .addColumn('last_error', 'varchar(1000)')
      .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('sent_at', ts(db))
      .addUniqueConstraint('email_digest_claim_uq', ['user_id', 'digest_date'])
      .addCheckConstraint('email_digest_status_chk', sql`status in (${list(DIGEST_STATUSES)})`),
  ).execute()
  await db.schema.createIndex('email_digest_retry_idx').on('email_digest').columns(['status', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_digest').execute()
  await db.schema.dropTable('notification').execute()
  await db.schema.dropTable('action_progress').execute()
  await db.schema.dropTable('action_indicator').execute()
  await db.schema.dropTable('action_item').execute()
  await db.schema.alterTable('app_user').dropColumn('notify_email').execute()
  await db.schema.alterTable('app_user').dropColumn('email').execute()
}
