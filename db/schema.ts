// The Database interface: one entry per table, snake_case columns as stored.
// Timestamps are UTC strings 'YYYY-MM-DD HH:MM:SS.mmm' on both databases; booleans are 0/1.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export type Role = 'admin' | 'perencanaan' | 'kepala_bidang' | 'pimpinan' | 'auditor'
export type UnitKind = 'kota' | 'opd' | 'sekretariat' | 'bidang' | 'subbagian' | 'seksi' | 'upt'

export interface OrgUnitTable {
  id: Generated<number>
  parent_id: number | null
  kind: UnitKind
  code: string
  name: string
  short_name: string | null
  city: string | null
  sort_order: Generated<number>
  created_at: string
  /** 1 = in use; 0 = deactivated (kept with its history, never deleted). Migration 0006. */
  active: Generated<number>
}

export interface AppUserTable {
  id: Generated<number>
  username: string
  full_name: string
  password_hash: string
  role: Role
  unit_id: number | null
  active: Generated<number>
  created_at: string
  updated_at: string
  password_changed_at: string | null
  /** Set by an admin's "buka blokir login": login attempts before it no longer count for this account. */
  login_cleared_at: ColumnType<string | null, string | null | undefined, string | null>
  /** Where reminder digests go (null: in-app only). */
  email: string | null
  /** 1: send the daily reminder digest by e-mail; 0: opted out. */
  notify_email: Generated<number>
}

export interface UserSessionTable {
  id: string
  user_id: number
  csrf_token: string
  created_at: string
  last_seen_at: string
  ip: string | null
  user_agent: string | null
}

export interface LoginAttemptTable {
  id: Generated<number>
  username: string
  ip: string
  attempted_at: string
  success: number
  /** 1 = the password was checked (the limiter let the attempt through). */
  evaluated: Generated<number>
  /** 1 = the limiter answered 429 without checking the password. */
  refused: Generated<number>
}

export interface ApiTokenTable {
  id: Generated<number>
  name: string
  token_hash: string
  opd_id: number | null
  created_by: number
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export interface RenstraPeriodTable {
  id: Generated<number>
  opd_id: number
  name: string
  start_year: number
  end_year: number
  closed: Generated<number>
  created_at: string
}

export interface TujuanTable {
  id: Generated<number>
  period_id: number
  code: string
  name: string
  sort_order: Generated<number>
  deleted_at: string | null
}

export interface SasaranTable {
  id: Generated<number>
  tujuan_id: number
  code: string
  name: string
  sort_order: Generated<number>
  deleted_at: string | null
}

export interface ProgramTable {
  id: Generated<number>
  period_id: number
  sasaran_id: number | null
  parent_id: number | null
  kind: 'program' | 'kegiatan' | 'subkegiatan'
  code: string
  name: string
  unit_id: number | null
  sort_order: Generated<number>
  deleted_at: string | null
}

export interface IndicatorTable {
  id: Generated<number>
  period_id: number
  sasaran_id: number | null
  program_id: number | null
  unit_id: number
  code: string
  name: string
  satuan: string
  polarity: 'naik' | 'turun'
  pola_ukur: 'kumulatif' | 'rata_rata' | 'posisi' | 'rilis'
  /** null = the default of the pola ukur (akumulasi for kumulatif, tahun_akhir otherwise). */
  renstra_mode: 'akumulasi' | 'tahun_akhir' | null
  aspect: 'pengelolaan' | 'layanan' | 'kemitraan'
  strategy: 'inti' | 'konsekuensi' | 'pelanggan' | 'pengawasan' | 'budaya'
  weight: Generated<number>
  baseline: number | null
  baseline_year: number | null
  target_akhir: number | null
  min_value: number | null
  max_value: number | null
  definition: string | null
  sort_order: Generated<number>
  version: Generated<number>
  created_at: string
  updated_at: string
  deleted_at: string | null
  deleted_reason: string | null
}

export interface IndicatorTargetTable {
  id: Generated<number>
  indicator_id: number
  year: number
  target: number
}

export interface IndicatorQuarterTargetTable {
  id: Generated<number>
  indicator_id: number
  year: number
  quarter: number
  target: number
}

export interface RealisasiTable {
  id: Generated<number>
  indicator_id: number
  year: number
  quarter: number
  value: number | null
  tidak_diukur: Generated<number>
  bukti_text: string | null
  bukti_link: string | null
  bukti_internal: Generated<number>
  kendala: string | null
  tindak_lanjut: string | null
  status: Generated<'draft' | 'diajukan' | 'diverifikasi' | 'dikembalikan'>
  return_note: string | null
  is_late: Generated<number>
  /** 1: a quarter before go-live, entered or imported by perencanaan as history (never late). */
  is_historical: Generated<number>
  version: Generated<number>
  entered_by: number | null
  entered_at: string | null
  submitted_by: number | null
  submitted_at: string | null
  verified_by: number | null
  verified_at: string | null
  created_at: string
  updated_at: string
}

/** Pagu (budget ceiling) of a program / kegiatan / sub kegiatan for one year (migration 0008). */
export interface ProgramPaguTable {
  id: Generated<number>
  program_id: number
  year: number
  pagu: number
  version: Generated<number>
  updated_at: string
  updated_by: number | null
}

/** Realisasi anggaran of a program / kegiatan / sub kegiatan in one quarter (migration 0008). */
export interface RealisasiAnggaranTable {
  id: Generated<number>
  program_id: number
  year: number
  quarter: number
  amount: number
  status: Generated<'draft' | 'diajukan' | 'diverifikasi' | 'dikembalikan'>
  return_note: string | null
  is_historical: Generated<number>
  version: Generated<number>
  entered_by: number | null
  entered_at: string | null
  verified_by: number | null
  verified_at: string | null
  created_at: string
  updated_at: string
}

export interface QuarterClosureTable {
  id: Generated<number>
  opd_id: number
  year: number
  quarter: number
  closed_by: number
  closed_at: string
}

export interface EvaluationNoteTable {
  id: Generated<number>
  opd_id: number
  aspect: 'pengelolaan' | 'layanan' | 'kemitraan'
  strategy: 'inti' | 'konsekuensi' | 'pelanggan' | 'pengawasan' | 'budaya'
  period_key: string
  judgement: 'baik' | 'cukup_baik' | 'kurang'
  kendala: string | null
  rekomendasi: string | null
  version: Generated<number>
  created_by: number | null
  created_at: string
  updated_by: number | null
  updated_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  occurred_at: string
  actor_id: number | null
  actor_username: string | null
  actor_role: string | null
  entity: string
  entity_id: string | null
  action: string
  reason: string | null
  before_json: string | null
  after_json: string | null
  request_id: string | null
  /** The OPD the row belongs to; null = city level (settings, city-level accounts and tokens). */
  opd_id: number | null
}

export interface AppSettingTable {
  key: string
  value_json: string
  updated_at: string
  updated_by: number | null
}

/**
 * One row per OPD (id = the OPD's org_unit id) and one city-wide row (id 0), migration 0012: a
 * write raises the row of the OPD it writes (settings and cross-OPD changes: row 0); read caches
 * key on the rows a view depends on (db/version.ts).
 */
export interface DataVersionTable {
  id: number
  version: ColumnType<number | string, number, number>
}

/** A submission's key and its first result (idempotent resend; migration 0007). */
export interface SubmissionKeyTable {
  id: Generated<number>
  user_id: number
  submission_key: string
  result_json: string
  created_at: string
}

export type ActionStatus = 'direncanakan' | 'berjalan' | 'selesai' | 'batal'
export type ActionSource = 'catatan' | 'tindak_lanjut' | 'langsung'

/** Rencana aksi: a meeting's rekomendasi or an indicator's tindak lanjut with an owner and a due date. */
export interface ActionItemTable {
  id: Generated<number>
  opd_id: number
  title: string
  aspect: 'pengelolaan' | 'layanan' | 'kemitraan' | null
  strategy: 'inti' | 'konsekuensi' | 'pelanggan' | 'pengawasan' | 'budaya' | null
  owner_unit_id: number
  owner_user_id: number | null
  /** 'YYYY-MM-DD' */
  due_date: string
  status: Generated<ActionStatus>
  source: ActionSource
  source_note_id: number | null
  source_index: number | null
  source_realisasi_id: number | null
  period_key: string
  version: Generated<number>
  created_by: number | null
  created_at: string
  updated_by: number | null
  updated_at: string
  completed_at: string | null
}

export interface ActionIndicatorTable {
  action_id: number
  indicator_id: number
}

export interface ActionProgressTable {
  id: Generated<number>
  action_id: number
  status: ActionStatus
  note: string | null
  evidence_text: string | null
  evidence_link: string | null
  created_by: number | null
  created_at: string
}

/** An in-app reminder; its unique key (user_id, kind, subject, occurs_on) is the claim. */
export interface NotificationTable {
  id: Generated<number>
  user_id: number
  kind: string
  subject: string
  occurs_on: string
  opd_id: number | null
  title: string
  body: string
  link: string
  created_at: string
  read_at: string | null
  digest_id: number | null
}

/** One e-mail digest per person per day; the unique key (user_id, digest_date) is the claim. */
export interface EmailDigestTable {
  id: Generated<number>
  user_id: number
  digest_date: string
  status: 'mengirim' | 'terkirim' | 'gagal'
  attempts: Generated<number>
  lease_until: string | null
  next_attempt_at: string | null
  last_error: string | null
  item_count: Generated<number>
  created_at: string
  sent_at: string | null
}

export interface Database {
  org_unit: OrgUnitTable
  app_user: AppUserTable
  user_session: UserSessionTable
  login_attempt: LoginAttemptTable
  api_token: ApiTokenTable
  renstra_period: RenstraPeriodTable
  tujuan: TujuanTable
  sasaran: SasaranTable
  program: ProgramTable
  indicator: IndicatorTable
  indicator_target: IndicatorTargetTable
  indicator_quarter_target: IndicatorQuarterTargetTable
  realisasi: RealisasiTable
  program_pagu: ProgramPaguTable
  realisasi_anggaran: RealisasiAnggaranTable
  quarter_closure: QuarterClosureTable
  evaluation_note: EvaluationNoteTable
  audit_log: AuditLogTable
  app_setting: AppSettingTable
  data_version: DataVersionTable
  submission_key: SubmissionKeyTable
  action_item: ActionItemTable
  action_indicator: ActionIndicatorTable
  action_progress: ActionProgressTable
  notification: NotificationTable
  email_digest: EmailDigestTable
}

export type OrgUnit = Selectable<OrgUnitTable>
export type AppUser = Selectable<AppUserTable>
export type Indicator = Selectable<IndicatorTable>
export type NewIndicator = Insertable<IndicatorTable>
export type IndicatorUpdate = Updateable<IndicatorTable>
export type Realisasi = Selectable<RealisasiTable>
export type NewRealisasi = Insertable<RealisasiTable>
export type AuditLog = Selectable<AuditLogTable>
export type EvaluationNote = Selectable<EvaluationNoteTable>
