// Initial schema for the whole domain. Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter

/** Timestamps are stored as UTC text 'YYYY-MM-DD HH:MM:SS.mmm' (SQLite) / DATETIME(3) (MySQL). */
const ts = (db: Kysely<any>) => (isMysql(db) ? sql`datetime(3)` : sql`text`)
const dec = sql`decimal(20,6)`
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)))

export const UNIT_KINDS = ['opd', 'sekretariat', 'bidang', 'subbagian', 'seksi', 'upt'] as const
export const ROLES = ['admin', 'perencanaan', 'kepala_bidang', 'pimpinan', 'auditor'] as const
export const ASPECTS = ['pengelolaan', 'layanan', 'kemitraan'] as const
export const STRATEGIES = ['inti', 'konsekuensi', 'pelanggan', 'pengawasan', 'budaya'] as const
export const POLARITIES = ['naik', 'turun'] as const
export const POLA_UKUR = ['kumulatif', 'rata_rata', 'posisi', 'rilis'] as const
export const STATUSES = ['draft', 'diajukan', 'diverifikasi', 'dikembalikan'] as const
export const JUDGEMENTS = ['baik', 'cukup_baik', 'kurang'] as const

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  const id = (b: any) => (mysql ? b.autoIncrement().primaryKey() : b.primaryKey().autoIncrement())
  const tableOpts = (t: any) => (mysql ? t.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`) : t)

  // Organisation tree: OPD → sekretariat/bidang/upt → subbagian/seksi. Many OPD fit.
  await tableOpts(
    db.schema
      .createTable('org_unit')
      .addColumn('id', 'integer', id)
      .addColumn('parent_id', 'integer', (c) => c.references('org_unit.id'))
      .addColumn('kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('short_name', 'varchar(100)')
      .addColumn('city', 'varchar(100)')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addCheckConstraint('org_unit_kind_chk', sql`kind in (${list(UNIT_KINDS)})`),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('app_user')
      .addColumn('id', 'integer', id)
      .addColumn('username', 'varchar(60)', (c) => c.notNull().unique())
      .addColumn('full_name', 'varchar(200)', (c) => c.notNull())
      .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
      .addColumn('role', 'varchar(20)', (c) => c.notNull())
      // kepala_bidang: the bidang; others: their OPD; null = city level (all OPD)
      .addColumn('unit_id', 'integer', (c) => c.references('org_unit.id'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addColumn('password_changed_at', ts(db))
      .addCheckConstraint('app_user_role_chk', sql`role in (${list(ROLES)})`)
      .addCheckConstraint('app_user_active_chk', sql`active in (0, 1)`),
  ).execute()

  // Server-side sessions: id is the SHA-256 of the cookie token (a stolen table cannot log in).
  await tableOpts(
    db.schema
      .createTable('user_session')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('last_seen_at', ts(db), (c) => c.notNull())
      .addColumn('ip', 'varchar(64)')
      .addColumn('user_agent', 'varchar(255)'),
  ).execute()
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute()

  await tableOpts(
    db.schema
      .createTable('login_attempt')
      .addColumn('id', 'integer', id)
      .addColumn('username', 'varchar(60)', (c) => c.notNull())
      .addColumn('ip', 'varchar(64)', (c) => c.notNull())
      .addColumn('attempted_at', ts(db), (c) => c.notNull())
      .addColumn('success', 'integer', (c) => c.notNull())
      .addCheckConstraint('login_attempt_success_chk', sql`success in (0, 1)`),
  ).execute()
  await db.schema.createIndex('login_attempt_user_idx').on('login_attempt').columns(['username', 'attempted_at']).execute()
  await db.schema.createIndex('login_attempt_ip_idx').on('login_attempt').columns(['ip', 'attempted_at']).execute()

  // Read-only API tokens (stored as SHA-256), revocable.
  await tableOpts(
    db.schema
      .createTable('api_token')
      .addColumn('id', 'integer', id)
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('opd_id', 'integer', (c) => c.references('org_unit.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('last_used_at', ts(db))
      .addColumn('revoked_at', ts(db)),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('renstra_period')
      .addColumn('id', 'integer', id)
      .addColumn('opd_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('start_year', 'integer', (c) => c.notNull())
      .addColumn('end_year', 'integer', (c) => c.notNull())
      .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addUniqueConstraint('renstra_period_opd_start_uq', ['opd_id', 'start_year'])
      .addCheckConstraint('renstra_period_years_chk', sql`end_year >= start_year`)
      .addCheckConstraint('renstra_period_closed_chk', sql`closed in (0, 1)`),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('tujuan')
      .addColumn('id', 'integer', id)
      .addColumn('period_id', 'integer', (c) => c.notNull().references('renstra_period.id'))
      .addColumn('code', 'varchar(40)', (c) => c.notNull())
      .addColumn('name', 'varchar(500)', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted_at', ts(db))
      .addUniqueConstraint('tujuan_period_code_uq', ['period_id', 'code']),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('sasaran')
      .addColumn('id', 'integer', id)
      .addColumn('tujuan_id', 'integer', (c) => c.notNull().references('tujuan.id'))
      .addColumn('code', 'varchar(40)', (c) => c.notNull())
      .addColumn('name', 'varchar(500)', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted_at', ts(db))
      .addUniqueConstraint('sasaran_tujuan_code_uq', ['tujuan_id', 'code']),
  ).execute()

  // Program → kegiatan → sub kegiatan (parent_id), under a sasaran.
  await tableOpts(
    db.schema
      .createTable('program')
      .addColumn('id', 'integer', id)
      .addColumn('period_id', 'integer', (c) => c.notNull().references('renstra_period.id'))
      .addColumn('sasaran_id', 'integer', (c) => c.references('sasaran.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('program.id'))
      .addColumn('kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('code', 'varchar(60)', (c) => c.notNull())
      .addColumn('name', 'varchar(500)', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.references('org_unit.id'))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted_at', ts(db))
      .addUniqueConstraint('program_period_code_uq', ['period_id', 'code'])
      .addCheckConstraint('program_kind_chk', sql`kind in ('program', 'kegiatan', 'subkegiatan')`),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('indicator')
      .addColumn('id', 'integer', id)
      .addColumn('period_id', 'integer', (c) => c.notNull().references('renstra_period.id'))
      .addColumn('sasaran_id', 'integer', (c) => c.references('sasaran.id'))
      .addColumn('program_id', 'integer', (c) => c.references('program.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('code', 'varchar(40)', (c) => c.notNull())
      .addColumn('name', 'varchar(500)', (c) => c.notNull())
      .addColumn('satuan', 'varchar(40)', (c) => c.notNull())
      .addColumn('polarity', 'varchar(10)', (c) => c.notNull())
      .addColumn('pola_ukur', 'varchar(20)', (c) => c.notNull())
      .addColumn('aspect', 'varchar(20)', (c) => c.notNull())
      .addColumn('strategy', 'varchar(20)', (c) => c.notNull())
      .addColumn('weight', dec, (c) => c.notNull().defaultTo(1))
      .addColumn('baseline', dec)
      .addColumn('baseline_year', 'integer')
      .addColumn('target_akhir', dec)
      // Bounds a value must respect (e.g. persen 0–100); null = unbounded.
      .addColumn('min_value', dec)
      .addColumn('max_value', dec)
      .addColumn('definition', 'varchar(1000)')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addColumn('deleted_at', ts(db))
      .addColumn('deleted_reason', 'varchar(500)')
      .addUniqueConstraint('indicator_period_code_uq', ['period_id', 'code'])
      .addCheckConstraint('indicator_polarity_chk', sql`polarity in (${list(POLARITIES)})`)
      .addCheckConstraint('indicator_pola_chk', sql`pola_ukur in (${list(POLA_UKUR)})`)
      .addCheckConstraint('indicator_aspect_chk', sql`aspect in (${list(ASPECTS)})`)
      .addCheckConstraint('indicator_strategy_chk', sql`strategy in (${list(STRATEGIES)})`)
      .addCheckConstraint('indicator_weight_chk', sql`weight > 0`),
  ).execute()
  await db.schema.createIndex('indicator_unit_idx').on('indicator').column('unit_id').execute()

  await tableOpts(
    db.schema
      .createTable('indicator_target')
      .addColumn('id', 'integer', id)
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('target', dec, (c) => c.notNull())
      .addUniqueConstraint('indicator_target_uq', ['indicator_id', 'year']),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('indicator_quarter_target')
      .addColumn('id', 'integer', id)
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('target', dec, (c) => c.notNull())
      .addUniqueConstraint('indicator_quarter_target_uq', ['indicator_id', 'year', 'quarter'])
      .addCheckConstraint('indicator_quarter_target_q_chk', sql`quarter between 1 and 4`),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('realisasi')
      .addColumn('id', 'integer', id)
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('value', dec)
      .addColumn('tidak_diukur', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('bukti_text', 'varchar(2000)')
      .addColumn('bukti_link', 'varchar(1000)')
      .addColumn('bukti_internal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('kendala', 'varchar(4000)')
      .addColumn('tindak_lanjut', 'varchar(4000)')
      .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('draft'))
      .addColumn('return_note', 'varchar(2000)')
      .addColumn('is_late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('entered_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('entered_at', ts(db))
      .addColumn('submitted_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('submitted_at', ts(db))
      .addColumn('verified_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('verified_at', ts(db))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addUniqueConstraint('realisasi_indicator_year_quarter_uq', ['indicator_id', 'year', 'quarter'])
      .addCheckConstraint('realisasi_quarter_chk', sql`quarter between 1 and 4`)
      .addCheckConstraint('realisasi_status_chk', sql`status in (${list(STATUSES)})`)
      .addCheckConstraint('realisasi_flags_chk', sql`tidak_diukur in (0, 1) and is_late in (0, 1) and bukti_internal in (0, 1)`)
      .addCheckConstraint('realisasi_value_chk', sql`not (tidak_diukur = 1 and value is not null)`),
  ).execute()
  await db.schema.createIndex('realisasi_year_idx').on('realisasi').columns(['year', 'quarter']).execute()

  // A quarter closed by perencanaan for one OPD: no more entries.
  await tableOpts(
    db.schema
      .createTable('quarter_closure')
      .addColumn('id', 'integer', id)
      .addColumn('opd_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('closed_by', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('closed_at', ts(db), (c) => c.notNull())
      .addUniqueConstraint('quarter_closure_uq', ['opd_id', 'year', 'quarter'])
      .addCheckConstraint('quarter_closure_q_chk', sql`quarter between 1 and 4`),
  ).execute()

  // Meeting judgements per (aspect, strategy, period).
  await tableOpts(
    db.schema
      .createTable('evaluation_note')
      .addColumn('id', 'integer', id)
      .addColumn('opd_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('aspect', 'varchar(20)', (c) => c.notNull())
      .addColumn('strategy', 'varchar(20)', (c) => c.notNull())
      // period_key: 'YYYY-Qn' (year s.d. TW n) or 'renstra-YYYY-Qn'
      .addColumn('period_key', 'varchar(30)', (c) => c.notNull())
      .addColumn('judgement', 'varchar(20)', (c) => c.notNull())
      .addColumn('kendala', 'varchar(4000)')
      .addColumn('rekomendasi', 'varchar(4000)')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addUniqueConstraint('evaluation_note_uq', ['opd_id', 'aspect', 'strategy', 'period_key'])
      .addCheckConstraint('evaluation_note_aspect_chk', sql`aspect in (${list(ASPECTS)})`)
      .addCheckConstraint('evaluation_note_strategy_chk', sql`strategy in (${list(STRATEGIES)})`)
      .addCheckConstraint('evaluation_note_judgement_chk', sql`judgement in (${list(JUDGEMENTS)})`),
  ).execute()

  // Append-only audit trail.
  await tableOpts(
    db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', id)
      .addColumn('occurred_at', ts(db), (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_username', 'varchar(60)')
      .addColumn('actor_role', 'varchar(20)')
      .addColumn('entity', 'varchar(40)', (c) => c.notNull())
      .addColumn('entity_id', 'varchar(60)')
      .addColumn('action', 'varchar(40)', (c) => c.notNull())
      .addColumn('reason', 'varchar(2000)')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('request_id', 'varchar(64)'),
  ).execute()
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute()
  if (mysql) {
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

  // Settings: key → JSON value (predikat bands, cap, deadline days, time zone, public page).
  await tableOpts(
    db.schema
      .createTable('app_setting')
      .addColumn('key', 'varchar(60)', (c) => c.primaryKey())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id')),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  if (mysql) {
    await sql`drop trigger if exists audit_log_no_update`.execute(db)
    await sql`drop trigger if exists audit_log_no_delete`.execute(db)
  }
  for (const table of [
    'app_setting',
    'audit_log',
    'evaluation_note',
    'quarter_closure',
    'realisasi',
    'indicator_quarter_target',
    'indicator_target',
    'indicator',
    'program',
    'sasaran',
    'tujuan',
    'renstra_period',
    'api_token',
    'login_attempt',
    'user_session',
    'app_user',
    'org_unit',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
