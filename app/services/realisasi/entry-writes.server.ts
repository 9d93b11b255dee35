// The writes of a checked save: create or update each planned row, then submit it when asked —
// each step guarded by the row's version and followed by its audit row, in the caller's transaction.
import type { Executor } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getRealisasi, insertRealisasi, updateRealisasiAtVersion, type RealisasiRow } from '../../models/realisasi.server'
import { parseDbTime } from '../../utils/entry-format'
import { snapshot } from './common.server'
import type { Plan } from './entry-checks.server'

/** Thrown when a guarded update finds the row changed since it was read: the save answers 409. */
export class WriteConflict extends Error {
  constructor(readonly key: { indicatorId: number; code: string }) {
    super('conflict')
  }
}

export interface WriteContext {
  user: SessionUser
  year: number
  quarter: number
  asOf: Date
  tsNow: string
  deadline: Date
  requestId: string | null
}

export interface Written {
  created: number
  updated: number
  submitted: number
  processed: number[]
  /** The version each written row has now (indicator id → version). */
  versions: Record<number, number>
}

/** Late: past the deadline and not submitted on time before (released values are never late). */
function lateFlag(ctx: WriteContext, p: Plan, prev: RealisasiRow | undefined): number {
  if (p.ind.pola_ukur === 'rilis') return prev?.is_late ? 1 : 0
  const submittedOnTime = prev?.submitted_at ? parseDbTime(prev.submitted_at)!.getTime() <= ctx.deadline.getTime() : false
  return prev?.is_late || (ctx.asOf.getTime() > ctx.deadline.getTime() && !submittedOnTime) ? 1 : 0
}

/** Reads the row as written and records the step in the audit log (before = the row as read). */
async function readAndAudit(
  trx: Executor,
  ctx: WriteContext,
  p: Plan,
  id: number,
  action: 'create' | 'update' | 'submit',
  prev: RealisasiRow | undefined,
): Promise<RealisasiRow | undefined> {
  const current = await getRealisasi(trx, id)
  await writeAudit(trx, {
    actor: actorOf(ctx.user),
    opdId: p.ind.opd_id,
    entity: 'realisasi',
    entityId: id,
    action,
    ...(prev ? { before: snapshot(prev) } : {}),
    after: snapshot(current),
    requestId: ctx.requestId,
  })
  return current
}

async function createRow(trx: Executor, ctx: WriteContext, p: Plan): Promise<RealisasiRow | undefined> {
  const { user, year, quarter, tsNow } = ctx
  const id = await insertRealisasi(trx, {
    indicator_id: p.ind.id,
    year,
    quarter,
    ...p.content,
    bukti_internal: 0,
    status: 'draft',
    return_note: null,
    is_late: lateFlag(ctx, p, undefined),
    version: 1,
    entered_by: user.id,
    entered_at: tsNow,
    submitted_by: null,
    submitted_at: null,
    verified_by: null,
    verified_at: null,
    created_at: tsNow,
    updated_at: tsNow,
  })
  return readAndAudit(trx, ctx, p, id, 'create', undefined)
}

async function updateRow(trx: Executor, ctx: WriteContext, p: Plan, prev: RealisasiRow): Promise<RealisasiRow | undefined> {
  const { user, tsNow } = ctx
  const ok = await updateRealisasiAtVersion(trx, prev.id, prev.version, {
    ...p.content,
    is_late: lateFlag(ctx, p, prev),
    entered_by: user.id,
    entered_at: tsNow,
    updated_at: tsNow,
  })
  if (!ok) throw new WriteConflict({ indicatorId: p.ind.id, code: p.ind.code })
  return readAndAudit(trx, ctx, p, prev.id, 'update', prev)
}

async function submitRow(trx: Executor, ctx: WriteContext, p: Plan, prev: RealisasiRow): Promise<RealisasiRow | undefined> {
  const { user, tsNow } = ctx
  const ok = await updateRealisasiAtVersion(trx, prev.id, prev.version, {
    status: 'diajukan',
    submitted_by: user.id,
    submitted_at: tsNow,
    is_late: lateFlag(ctx, p, prev),
    updated_at: tsNow,
  })
  if (!ok) throw new WriteConflict({ indicatorId: p.ind.id, code: p.ind.code })
  return readAndAudit(trx, ctx, p, prev.id, 'submit', prev)
}

/** Writes every plan, each step with its audit row. */
export async function writePlans(trx: Executor, ctx: WriteContext, plans: Plan[]): Promise<Written> {
  const out: Written = { created: 0, updated: 0, submitted: 0, processed: [], versions: {} }
  for (const p of plans) {
    let current = p.existing
    if (p.write === 'create') {
      current = await createRow(trx, ctx, p)
      out.created++
    } else if (p.write === 'update') {
      current = await updateRow(trx, ctx, p, p.existing!)
      out.updated++
    }
    if (p.submit && current && (current.status === 'draft' || current.status === 'dikembalikan')) {
      current = await submitRow(trx, ctx, p, current)
      out.submitted++
    }
    if (p.write || p.submit) out.processed.push(p.ind.id)
    if (current) out.versions[p.ind.id] = current.version
  }
  return out
}
