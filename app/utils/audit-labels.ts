// Indonesian words for audit rows: actions, entities and the fields of a before/after snapshot.
import { formatValue } from '../domain/format'
import { WORKFLOW_STATUS_LABELS } from '../domain/labels'
import { ROLE_LABELS, type Role } from './permissions'

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: 'Dibuat',
  update: 'Diubah',
  submit: 'Diajukan',
  verify: 'Diverifikasi',
  return: 'Dikembalikan',
  unlock: 'Kunci dibuka',
  close_quarter: 'Triwulan ditutup',
  reopen_quarter: 'Triwulan dibuka kembali',
  delete: 'Dihapus',
  restore: 'Dipulihkan',
  login: 'Masuk',
  logout: 'Keluar',
  seed_demo: 'Data demo dimuat',
  import_create: 'Dibuat lewat impor Excel',
  import_update: 'Diubah lewat impor Excel',
  reset_password: 'Kata sandi diatur ulang',
  change_password: 'Kata sandi diganti',
  disable: 'Dinonaktifkan',
  enable: 'Diaktifkan',
  revoke: 'Dicabut',
  close: 'Periode ditutup',
  reopen: 'Periode dibuka kembali',
}

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  realisasi: 'Realisasi',
  quarter_closure: 'Penutupan triwulan',
  indicator: 'Indikator',
  indicator_target: 'Target indikator',
  user: 'Pengguna',
  setting: 'Pengaturan',
  api_token: 'Token API',
  evaluation_note: 'Catatan evaluasi',
  renstra_period: 'Periode Renstra',
  tujuan: 'Tujuan',
  sasaran: 'Sasaran',
  program: 'Program/kegiatan',
  seed: 'Data demo',
}

export const actionLabel = (a: string) => AUDIT_ACTION_LABELS[a] ?? a
export const entityLabel = (e: string) => AUDIT_ENTITY_LABELS[e] ?? e
export const roleLabel = (r: string | null) => (r ? (ROLE_LABELS[r as Role] ?? r) : '–')

const FIELD_LABELS: Record<string, string> = {
  value: 'Nilai',
  tidak_diukur: 'Tidak diukur',
  bukti_text: 'Bukti dukung',
  bukti_link: 'Tautan bukti',
  bukti_internal: 'Bukti internal',
  kendala: 'Kendala',
  tindak_lanjut: 'Tindak lanjut',
  status: 'Status',
  return_note: 'Catatan pengembalian',
  is_late: 'Terlambat',
  version: 'Versi',
  entered_by: 'Diisi oleh (id)',
  submitted_by: 'Diajukan oleh (id)',
  verified_by: 'Diverifikasi oleh (id)',
  indicator_id: 'Indikator (id)',
  year: 'Tahun',
  quarter: 'Triwulan',
  opd_id: 'OPD (id)',
  closed_by: 'Ditutup oleh (id)',
}

export const fieldLabel = (f: string) => FIELD_LABELS[f] ?? f

/** A snapshot value in words: statuses translated, 0/1 flags as Ya/Tidak, numbers in id-ID. */
export function fieldValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '–'
  if (field === 'status' && typeof v === 'string') return WORKFLOW_STATUS_LABELS[v as keyof typeof WORKFLOW_STATUS_LABELS] ?? v
  if ((field === 'tidak_diukur' || field === 'is_late' || field === 'bukti_internal') && (v === 0 || v === 1 || typeof v === 'boolean')) return v ? 'Ya' : 'Tidak'
  if (field === 'quarter' && typeof v === 'number') return `TW ${['I', 'II', 'III', 'IV'][v - 1] ?? v}`
  if (field === 'value' && typeof v === 'number') return formatValue(v)
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
}

function parseJson(s: string | null): Record<string, unknown> | null {
  if (!s) return null
  try {
    const v = JSON.parse(s)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { nilai: v }
  } catch {
    return { teks: s }
  }
}

/** Technical keys left out of the change list (the row's own id, foreign ids: the actor is shown anyway). */
const HIDDEN_FIELDS = new Set(['id', 'indicator_id', 'entered_by', 'submitted_by', 'verified_by', 'closed_by', 'opd_id'])

/** The fields that differ between the before and after JSON of an audit row, in words. */
export function auditChanges(beforeJson: string | null, afterJson: string | null): FieldChange[] {
  const before = parseJson(beforeJson)
  const after = parseJson(afterJson)
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const out: FieldChange[] = []
  for (const k of keys) {
    if (HIDDEN_FIELDS.has(k)) continue
    const b = before?.[k]
    const a = after?.[k]
    if (JSON.stringify(b ?? null) === JSON.stringify(a ?? null)) continue
    out.push({ field: k, label: fieldLabel(k), before: before ? fieldValue(k, b) : '–', after: after ? fieldValue(k, a) : '–' })
  }
  return out
}
