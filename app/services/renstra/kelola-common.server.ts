// Shared parts of the kelola use cases (periods and the tujuan → sasaran → program tree): the result
// shape, the run of one change in a transaction, the
// owner of a node (scope check before anything is written) and the audit snapshot of a node.
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction, type WriteScope } from '../../utils/db.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import { getPeriod, getProgram, getSasaran, getTujuan, responsibleUnitsOf, type PeriodRow, type ProgramRow, type SasaranRow, type TujuanRow } from '../../models/renstra.server'
import { PROGRAM_KIND_LABELS, type FormErrors } from '../../utils/renstra-fields'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { closedMessage, Refusal } from './common.server'

export type TreeEntity = 'tujuan' | 'sasaran' | 'program'

/** What a kelola use case answers; the action turns it into the page's FormResult. */
export type KelolaResult = { ok: true; message: string; periodId?: number } | { ok: false; status: 400 | 404 | 409; formErrors: string[]; fieldErrors: FormErrors }

/** The message above a form whose fields are marked. */
export const KELOLA_SUMMARY = 'Tidak ada yang disimpan: periksa isian yang ditandai.'

export function kelolaRefused(e: Refusal): KelolaResult {
  const formErrors = e.general.length ? e.general : Object.keys(e.errors).length ? [KELOLA_SUMMARY] : [e.message]
  return { ok: false, status: e.status, formErrors, fieldErrors: e.errors }
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

export function refusalWithGeneral(errors: FormErrors, message: string): Refusal {
  const general = errors.general ? [errors.general] : []
  delete errors.general
  return new Refusal(400, message, errors, general)
}

export async function checkUnit(trx: Executor, errors: FormErrors, id: number | null, opdId: number, keep?: number | null): Promise<number | null> {
  if (id === null) return null
  const allowed = (await responsibleUnitsOf(trx, opdId)).map((u) => u.id)
  if (!allowed.includes(id) && id !== keep) {
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

/** After a change: reads the node again and writes the one audit row with its before and after. */
export async function auditNodeChange(
  trx: Executor,
  user: SessionUser,
  owner: NodeOwner,
  entity: TreeEntity,
  id: number,
  change: { action: string; before: NodeRow; reason?: string | null; requestId: string | null },
): Promise<void> {
  const after = await nodeOf(trx, entity, id)
  await writeAudit(trx, {
    actor: actorOf(user),
    opdId: owner.opdId,
    entity,
    entityId: id,
    action: change.action,
    before: nodeSnapshot(entity, change.before),
    after: nodeSnapshot(entity, after),
    reason: change.reason,
    requestId: change.requestId,
  })
}

export function entityWord(entity: TreeEntity, r: NodeRow): string {
  if (entity === 'tujuan') return 'Tujuan'
  if (entity === 'sasaran') return 'Sasaran'
  return PROGRAM_KIND_LABELS[(r as ProgramRow).kind]
}

/** Who is changing what: the OPD and period a node belongs to, checked for scope already. */
export interface NodeOwner {
  opdId: number
  periodId: number
}
