// Budget beside performance (domain §8): the pagu of every program / kegiatan / sub kegiatan per
// year, and the realisasi anggaran per quarter, entered with the realisation by the responsible
// bidang and verified with it. And history: quarters before the app went live, stored verified and
// marked historical (never late). Frozen in time: never import app code here.
import { MysqlAdapter, sql, type Kysely } from 'kysely'

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter instanceof MysqlAdapter
const ts = (db: Kysely<any>) => (isMysql(db) ? sql`datetime(3)` : sql`text`)
/** Rupiah: up to 10^16 with cents. */
const money = sql`decimal(18,2)`
const STATUSES = ['draft', 'diajukan', 'diverifikasi', 'dikembalikan'] as const
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)))

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db)
  const id = (b: any) => (mysql ? b.autoIncrement().primaryKey() : b.primaryKey().autoIncrement())
  const tableOpts = (t: any) => (mysql ? t.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`) : t)

  await tableOpts(
    db.schema
      .createTable('program_pagu')
      .addColumn('id', 'integer', id)
      .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('pagu', money, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
      .addUniqueConstraint('program_pagu_uq', ['program_id', 'year'])
      .addCheckConstraint('program_pagu_chk', sql`pagu >= 0`),
  ).execute()

  await tableOpts(
    db.schema
      .createTable('realisasi_anggaran')
      .addColumn('id', 'integer', id)
      .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('amount', money, (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('draft'))
      .addColumn('return_note', 'varchar(2000)')
      .addColumn('is_historical', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('entered_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('entered_at', ts(db))
      .addColumn('verified_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('verified_at', ts(db))
      .addColumn('created_at', ts(db), (c) => c.notNull())
      .addColumn('updated_at', ts(db), (c) => c.notNull())
      .addUniqueConstraint('realisasi_anggaran_uq', ['program_id', 'year', 'quarter'])
      .addCheckConstraint('realisasi_anggaran_q_chk', sql`quarter between 1 and 4`)
      .addCheckConstraint('realisasi_anggaran_amount_chk', sql`amount >= 0`)
      .addCheckConstraint('realisasi_anggaran_status_chk', sql`status in (${list(STATUSES)})`)
      .addCheckConstraint('realisasi_anggaran_hist_chk', sql`is_historical in (0, 1)`),
  ).execute()

  // History: a realisation entered or imported by perencanaan for a quarter before go-live.
  await db.schema
    .alterTable('realisasi')
    .addColumn('is_historical', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('realisasi').dropColumn('is_historical').execute()
  await db.schema.dropTable('realisasi_anggaran').ifExists().execute()
  await db.schema.dropTable('program_pagu').ifExists().execute()
}
