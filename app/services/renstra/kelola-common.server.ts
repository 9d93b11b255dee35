// Shared parts of the kelola use cases (periods and the tujuan → sasaran → program tree): the result
// shape, the checks of typed codes, names and years, the run of one change in a transaction, the
// owner of a node (scope check before anything is written) and the audit snapshot of a node.
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction, type WriteScope } from '../../utils/db.server'
import { isUniqueViolation } from '../realisasi.server'
import { getPeriod, getProgram, getSasaran, getTujuan, responsibleUnitsOf, type PeriodRow, type ProgramRow, type SasaranRow, type TujuanRow } from '../../models/renstra.server'
import { PROGRAM_KIND_LABELS, TREE_FIELD_LABELS, type FormErrors, type FormProblem } from '../../utils/renstra-fields'
import { clean, closedMessage, CODE_PATTERN, optionalId, problemList, Refusal, RENSTRA_LIMITS, text } from './common.server'

export type TreeEntity = 'tujuan' | 'sasaran' | 'program'

export type KelolaResult = { ok: true; message: string; periodId?: number } | { ok: false; status: 400 | 404 | 409; message: string; errors: FormErrors; problems: FormProblem[] }

export const treeLabel = (f: string) => TREE_FIELD_LABELS[f] ?? f

export function kelolaRefused(e: Refusal): KelolaResult {
  const problems = problemList(e.errors, e.general, treeLabel)
  const n = problems.length
  return { ok: false, status: e.status, message: n > 1 ? `Ada ${n} masalah; tidak ada yang disimpan.` : (problems[0]?.message ?? e.message), errors: e.errors, problems }
}

export function checkCode(errors: FormErrors, raw: string, max: number): string | null {
  const code = clean(raw)
  if (!code) return ((errors.code = 'Kode wajib diisi.'), null)
  if (code.length > max) return ((errors.code = `Kode paling panjang ${max} karakter.`), null)
  if (!CODE_PATTERN.test(code)) return ((errors.code = 'Kode hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung atau garis miring, tanpa spasi.'), null)
  return code
}

export function checkName(errors: FormErrors, raw: string, max: number = RENSTRA_LIMITS.name): string | null {
  const name = clean(raw)
  if (!name) return ((errors.name = 'Nama wajib diisi.'), null)
  if (name.length > max) return ((errors.name = `Nama paling panjang ${max} karakter.`), null)
  return name
}

export function checkYear(errors: FormErrors, field: 'start_year' | 'end_year', raw: string): number | null {
  const v = raw.trim()
  if (!v) return ((errors[field] = `${treeLabel(field)} wajib diisi.`), null)
  if (!/^\d{4}$/.test(v) || Number(v) < 2000 || Number(v) > 2100) return ((errors[field] = `${treeLabel(field)} harus tahun empat angka antara 2000 dan 2100.`), null)
  return Number(v)
}

export async function requireOpenPeriod(trx: Executor, periodId: number): Promise<PeriodRow> {
  const p = await getPeriod(trx, periodId)
  if (!p) throw new Refusal(404, 'Periode Renstra tidak ditemukan.', {}, ['Periode Renstra tidak ditemukan.'])
  if (p.closed) throw new Refusal(400, closedMessage(p), {}, [closedMessage(p)])
  return p
}

/** Runs one tree/period change in a transaction; Refusal → rolled back, a Indonesian answer. */
export async function runKelola(
  db: DB,
  scope: WriteScope,
  work: (trx: Executor) => Promise<string | { message: string; periodId: number }>,
  duplicate: string,
): Promise<KelolaResult> {
  try {
    const out = await writeTransaction(db, scope, work)
    return typeof out === 'string' ? { ok: true, message: out } : { ok: true, ...out }
  } catch (e) {
    if (e instanceof Refusal) return kelolaRefused(e)
    if (isUniqueViolation(e)) return kelolaRefused(new Refusal(400, duplicate, { code: duplicate }))
    throw e
  }
}

/** The OPD a tree node or period belongs to (scope check before any transaction). */
export async function opdOfNode(db: Executor, entity: TreeEntity | 'renstra_period', id: number): Promise<{ opdId: number; periodId: number } | null> {
  if (entity === 'renstra_period') {
    const p = await getPeriod(db, id)
    return p ? { opdId: p.opd_id, periodId: p.id } : null
  }
  let periodId: number | null = null
  if (entity === 'tujuan') periodId = (await getTujuan(db, id))?.period_id ?? null
  if (entity === 'sasaran') periodId = (await getSasaran(db, id))?.period_id ?? null
  if (entity === 'program') periodId = (await getProgram(db, id))?.period_id ?? null
  if (periodId == null) return null
  const p = await getPeriod(db, periodId)
  return p ? { opdId: p.opd_id, periodId: p.id } : null
}

export const KELOLA_INTENTS = [
  'periode.tambah',
  'periode.tutup',
  'periode.buka',
  'tujuan.tambah',
  'tujuan.ubah',
  'tujuan.hapus',
  'tujuan.pulihkan',
  'sasaran.tambah',
  'sasaran.ubah',
  'sasaran.hapus',
  'sasaran.pulihkan',
  'program.tambah',
  'program.ubah',
  'program.hapus',
  'program.pulihkan',
] as const
export type KelolaIntent = (typeof KELOLA_INTENTS)[number]

/** Values a kelola form posted (kept when refused). Only these fields are read. */
export const KELOLA_FIELDS = [
  'id',
  'period_id',
  'tujuan_id',
  'sasaran_id',
  'parent_id',
  'code',
  'name',
  'unit_id',
  'reason',
  'start_year',
  'end_year',
  'before_code',
  'before_name',
] as const

export function readKelolaForm(form: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of KELOLA_FIELDS) out[f] = text(form.get(f)).slice(0, 5000)
  return out
}

export function refusalWithGeneral(errors: FormErrors, message: string): Refusal {
  const general = errors.general ? [errors.general] : []
  delete errors.general
  return new Refusal(400, message, errors, general)
}

export async function checkUnit(trx: Executor, errors: FormErrors, raw: string, opdId: number, keep?: number | null): Promise<number | null> {
  if (raw.trim() === '') return null
  const id = optionalId(raw)
  const allowed = (await responsibleUnitsOf(trx, opdId)).map((u) => u.id)
  if (id === null || (!allowed.includes(id) && id !== keep)) {
    errors.unit_id = 'Unit pelaksana harus sekretariat, bidang atau UPT perangkat daerah ini.'
    return null
  }
  return id
}

export type NodeRow = TujuanRow | SasaranRow | ProgramRow

export async function nodeOf(trx: Executor, entity: TreeEntity, id: number): Promise<NodeRow> {
  const row = entity === 'tujuan' ? await getTujuan(trx, id) : entity === 'sasaran' ? await getSasaran(trx, id) : await getProgram(trx, id)
  if (!row) throw new Refusal(404, 'Data tidak ditemukan; muat ulang halaman.', {}, ['Data tidak ditemukan; muat ulang halaman.'])
  return row
}

export function nodeSnapshot(entity: TreeEntity, r: NodeRow) {
  if (entity === 'tujuan') {
    const x = r as TujuanRow
    return { id: x.id, period_id: x.period_id, code: x.code, name: x.name, deleted_at: x.deleted_at }
  }
  if (entity === 'sasaran') {
    const x = r as SasaranRow
    return { id: x.id, tujuan_id: x.tujuan_id, code: x.code, name: x.name, deleted_at: x.deleted_at }
  }
  const x = r as ProgramRow
  return {
    id: x.id,
    period_id: x.period_id,
    sasaran_id: x.sasaran_id,
    parent_id: x.parent_id,
    kind: x.kind,
    code: x.code,
    name: x.name,
    unit_id: x.unit_id,
    deleted_at: x.deleted_at,
  }
}

export function entityWord(entity: TreeEntity, r: NodeRow): string {
  if (entity === 'tujuan') return 'Tujuan'
  if (entity === 'sasaran') return 'Sasaran'
  return PROGRAM_KIND_LABELS[(r as ProgramRow).kind]
}

/** The values a tree form needs for its code and name (checked before the transaction). */
export function codeAndName(entity: TreeEntity, v: Record<string, string>, errors: FormErrors) {
  const code = checkCode(errors, v.code ?? '', entity === 'program' ? RENSTRA_LIMITS.programCode : RENSTRA_LIMITS.code)
  const name = checkName(errors, v.name ?? '')
  return { code, name }
}

/** Who is changing what: the OPD and period a node belongs to, checked for scope already. */
export interface NodeOwner {
  opdId: number
  periodId: number
}
