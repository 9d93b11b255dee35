// Rencana aksi (action_item, action_indicator, action_progress): SQL only. Rows come back in the
// same shape from both databases; the service layer audits and authorises.
import type { Executor } from '../utils/db.server'
import type { ActionSource, ActionStatus } from '../../db/schema'
import type { Aspect, Strategy } from '../domain/types'

export interface ActionIndicatorRef {
  id: number
  code: string
  name: string
  aspect: Aspect
  strategy: Strategy
}

export interface ActionProgressRow {
  id: number
  status: ActionStatus
  note: string | null
  evidenceText: string | null
  evidenceLink: string | null
  createdAt: string
  createdByName: string | null
}

export interface ActionRow {
  id: number
  opdId: number
  title: string
  aspect: Aspect | null
  strategy: Strategy | null
  ownerUnitId: number
  ownerUnitName: string
  ownerUserId: number | null
  ownerName: string | null
  dueDate: string
  status: ActionStatus
  source: ActionSource
  sourceNoteId: number | null
  sourceIndex: number | null
  sourceRealisasiId: number | null
  periodKey: string
  version: number
  createdAt: string
  updatedAt: string
  completedAt: string | null
  indicators: ActionIndicatorRef[]
  /** The newest progress entry (note, evidence), if any. */
  latest: ActionProgressRow | null
}

export interface ActionFilter {
  /** One OPD, or null for every OPD (city level). */
  opdId: number | null
  ids?: number[]
  ownerUserId?: number
  ownerUnitId?: number | null
  aspect?: Aspect
  strategy?: Strategy
  /** Actions serving this indicator (linked to it directly). */
  indicatorId?: number
  statuses?: ActionStatus[]
  /** Only actions due on or before this day. */
  dueOnOrBefore?: string
  limit?: number
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('action_item as a')
    .innerJoin('org_unit as ou', 'ou.id', 'a.owner_unit_id')
    .leftJoin('app_user as u', 'u.id', 'a.owner_user_id')
    .select([
      'a.id',
      'a.opd_id',
      'a.title',
      'a.aspect',
      'a.strategy',
      'a.owner_unit_id',
      'ou.name as owner_unit_name',
      'ou.short_name as owner_unit_short',
      'a.owner_user_id',
      'u.full_name as owner_name',
      'a.due_date',
      'a.status',
      'a.source',
      'a.source_note_id',
      'a.source_index',
      'a.source_realisasi_id',
      'a.period_key',
      'a.version',
      'a.created_at',
      'a.updated_at',
      'a.completed_at',
    ])
}

/** Actions matching the filter, soonest due first, with their indicators and newest progress. */
export async function listActions(db: Executor, f: ActionFilter): Promise<ActionRow[]> {
  let q = baseQuery(db)
  if (f.opdId != null) q = q.where('a.opd_id', '=', f.opdId)
  if (f.ids) q = f.ids.length ? q.where('a.id', 'in', f.ids) : q.where('a.id', '=', -1)
  if (f.ownerUserId != null) q = q.where('a.owner_user_id', '=', f.ownerUserId)
  if (f.ownerUnitId != null) q = q.where('a.owner_unit_id', '=', f.ownerUnitId)
  if (f.statuses) q = q.where('a.status', 'in', f.statuses)
  if (f.dueOnOrBefore) q = q.where('a.due_date', '<=', f.dueOnOrBefore)
  if (f.aspect && f.strategy) {
    const { aspect, strategy } = f
    // its own cell, or an indicator of that cell
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('a.aspect', '=', aspect), eb('a.strategy', '=', strategy)]),
        eb.exists(
          eb
            .selectFrom('action_indicator as ai')
            .innerJoin('indicator as i', 'i.id', 'ai.indicator_id')
            .select('ai.action_id')
            .whereRef('ai.action_id', '=', 'a.id')
            .where('i.aspect', '=', aspect)
            .where('i.strategy', '=', strategy),
        ),
      ]),
    )
  }
  if (f.indicatorId != null) {
    const indicatorId = f.indicatorId
    q = q.where((eb) => eb.exists(eb.selectFrom('action_indicator as ai').select('ai.action_id').whereRef('ai.action_id', '=', 'a.id').where('ai.indicator_id', '=', indicatorId)))
  }
  q = q.orderBy('a.due_date').orderBy('a.id')
  if (f.limit) q = q.limit(f.limit)
  const rows = await q.execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [indicators, progress] = await Promise.all([indicatorsOf(db, ids), latestProgressOf(db, ids)])
  return rows.map((r) => ({
    id: r.id,
    opdId: r.opd_id,
    title: r.title,
    aspect: r.aspect,
    strategy: r.strategy,
    ownerUnitId: r.owner_unit_id,
    ownerUnitName: r.owner_unit_short ?? r.owner_unit_name,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name ?? null,
    dueDate: r.due_date,
    status: r.status,
    source: r.source,
    sourceNoteId: r.source_note_id,
    sourceIndex: r.source_index,
    sourceRealisasiId: r.source_realisasi_id,
    periodKey: r.period_key,
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    completedAt: r.completed_at == null ? null : String(r.completed_at),
    indicators: indicators.get(r.id) ?? [],
    latest: progress.get(r.id) ?? null,
  }))
}

export async function getAction(db: Executor, id: number): Promise<ActionRow | null> {
  const [row] = await listActions(db, { opdId: null, ids: [id] })
  return row ?? null
}

async function indicatorsOf(db: Executor, actionIds: number[]): Promise<Map<number, ActionIndicatorRef[]>> {
  const rows = await db
    .selectFrom('action_indicator as ai')
    .innerJoin('indicator as i', 'i.id', 'ai.indicator_id')
    .select(['ai.action_id', 'i.id', 'i.code', 'i.name', 'i.aspect', 'i.strategy'])
    .where('ai.action_id', 'in', actionIds)
    .orderBy('i.code')
    .execute()
  const out = new Map<number, ActionIndicatorRef[]>()
  for (const r of rows) {
    let list = out.get(r.action_id)
    if (!list) out.set(r.action_id, (list = []))
    list.push({ id: r.id, code: r.code, name: r.name, aspect: r.aspect, strategy: r.strategy })
  }
  return out
}

const progressSelect = (db: Executor) =>
  db
    .selectFrom('action_progress as p')
    .leftJoin('app_user as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.action_id', 'p.status', 'p.note', 'p.evidence_text', 'p.evidence_link', 'p.created_at', 'u.full_name as created_by_name'])

type ProgressRaw = Awaited<ReturnType<ReturnType<typeof progressSelect>['executeTakeFirstOrThrow']>>
const toProgress = (r: ProgressRaw): ActionProgressRow => ({
  id: r.id,
  status: r.status,
  note: r.note,
  evidenceText: r.evidence_text,
  evidenceLink: r.evidence_link,
  createdAt: String(r.created_at),
  createdByName: r.created_by_name ?? null,
})

async function latestProgressOf(db: Executor, actionIds: number[]): Promise<Map<number, ActionProgressRow>> {
  const rows = await progressSelect(db).where('p.action_id', 'in', actionIds).orderBy('p.id').execute()
  const out = new Map<number, ActionProgressRow>()
  for (const r of rows) out.set(r.action_id, toProgress(r)) // ascending ids: the last one wins
  return out
}

/** Every progress entry of an action, newest first. */
export async function listProgress(db: Executor, actionId: number): Promise<ActionProgressRow[]> {
  const rows = await progressSelect(db).where('p.action_id', '=', actionId).orderBy('p.id', 'desc').execute()
  return rows.map(toProgress)
}

export interface NewAction {
  opdId: number
  title: string
  aspect: Aspect | null
  strategy: Strategy | null
  ownerUnitId: number
  ownerUserId: number | null
  dueDate: string
  source: ActionSource
  sourceNoteId: number | null
  sourceIndex: number | null
  sourceRealisasiId: number | null
  periodKey: string
  indicatorIds: number[]
  userId: number
  at: string
}

export async function insertAction(db: Executor, a: NewAction): Promise<number> {
  const r = await db
    .insertInto('action_item')
    .values({
      opd_id: a.opdId,
      title: a.title,
      aspect: a.aspect,
      strategy: a.strategy,
      owner_unit_id: a.ownerUnitId,
      owner_user_id: a.ownerUserId,
      due_date: a.dueDate,
      status: 'direncanakan',
      source: a.source,
      source_note_id: a.sourceNoteId,
      source_index: a.sourceIndex,
      source_realisasi_id: a.sourceRealisasiId,
      period_key: a.periodKey,
      version: 1,
      created_by: a.userId,
      created_at: a.at,
      updated_by: a.userId,
      updated_at: a.at,
      completed_at: null,
    })
    .executeTakeFirstOrThrow()
  const id = Number(r.insertId)
  const unique = [...new Set(a.indicatorIds)]
  if (unique.length)
    await db
      .insertInto('action_indicator')
      .values(unique.map((indicator_id) => ({ action_id: id, indicator_id })))
      .execute()
  return id
}

export interface ActionChange {
  status: ActionStatus
  dueDate: string
  ownerUnitId: number
  ownerUserId: number | null
  completedAt: string | null
}

/** `WHERE id = ? AND version = ?`: returns false when someone else changed it first. */
export async function updateAction(db: Executor, id: number, version: number, c: ActionChange, userId: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('action_item')
    .set({
      status: c.status,
      due_date: c.dueDate,
      owner_unit_id: c.ownerUnitId,
      owner_user_id: c.ownerUserId,
      completed_at: c.completedAt,
      version: version + 1,
      updated_by: userId,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function insertProgress(
  db: Executor,
  p: { actionId: number; status: ActionStatus; note: string | null; evidenceText: string | null; evidenceLink: string | null; userId: number; at: string },
): Promise<number> {
  const r = await db
    .insertInto('action_progress')
    .values({ action_id: p.actionId, status: p.status, note: p.note, evidence_text: p.evidenceText, evidence_link: p.evidenceLink, created_by: p.userId, created_at: p.at })
    .executeTakeFirstOrThrow()
  return Number(r.insertId)
}

/** The rekomendasi positions of a note that already became actions. */
export async function convertedIndexes(db: Executor, noteId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('action_item').select(['id', 'source_index']).where('source_note_id', '=', noteId).execute()
  return new Map(rows.filter((r) => r.source_index != null).map((r) => [r.source_index!, r.id]))
}

/** Open actions due before `today` (for flag 5), optionally of one owner unit. */
export async function overdueActions(db: Executor, opdId: number | null, today: string, ownerUnitId: number | null = null): Promise<ActionRow[]> {
  return listActions(db, { opdId, ownerUnitId, statuses: ['direncanakan', 'berjalan'], dueOnOrBefore: previousDay(today) })
}

function previousDay(iso: string): string {
  const t = new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000)
  return t.toISOString().slice(0, 10)
}

/** People an action can be given to: active users of the OPD with their unit (for the owner picker). */
export async function assignableUsers(db: Executor, opdId: number): Promise<{ id: number; fullName: string; role: string; unitId: number | null; unitName: string | null }[]> {
  const rows = await db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select(['u.id', 'u.full_name', 'u.role', 'u.unit_id', 'o.name as unit_name', 'o.short_name as unit_short', 'o.parent_id', 'o.kind'])
    .where('u.active', '=', 1)
    .where('u.role', 'in', ['kepala_bidang', 'perencanaan', 'pimpinan'])
    .where((eb) => eb.or([eb('o.id', '=', opdId), eb('o.parent_id', '=', opdId)]))
    .orderBy('u.full_name')
    .execute()
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, role: r.role, unitId: r.unit_id, unitName: r.unit_short ?? r.unit_name ?? null }))
}

/** Units of the OPD an action can be owned by (the OPD itself and its direct units). */
export async function ownerUnits(db: Executor, opdId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name', 'sort_order'])
    .where((eb) => eb.or([eb('id', '=', opdId), eb('parent_id', '=', opdId)]))
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.short_name ?? r.name }))
}
