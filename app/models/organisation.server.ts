// The organisation, its Renstra and indicators as read-only overviews.
import type { Executor } from '../utils/db.server'
import { INDICATOR_COLUMNS } from './indicator-columns.server'
import type { Insertable, Updateable } from 'kysely'
import type { OrgUnitTable } from '../../db/schema'

export async function listOpd(db: Executor) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'city']).where('kind', '=', 'opd').orderBy('sort_order').orderBy('name').execute()
}

/** An OPD's id and code (undefined when there is no such unit). */
export async function getOpdCode(db: Executor, opdId: number) {
  return db.selectFrom('org_unit').select(['id', 'code']).where('id', '=', opdId).executeTakeFirst()
}

/** An OPD's id, code and names; throws when there is no such unit. */
export async function getOpdNamesOrThrow(db: Executor, opdId: number) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name']).where('id', '=', opdId).executeTakeFirstOrThrow()
}

/** The units among `ids` that are not an OPD, in the tree's order. */
export async function nonOpdUnitsAmong(db: Executor, ids: number[]) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind', 'parent_id'])
    .where('id', 'in', ids)
    .where('kind', '!=', 'opd')
    .orderBy('sort_order')
    .orderBy('code')
    .execute()
}

/** The OPD a user works in (their own), or the first OPD for city-level users; null when the database is empty. */
export async function resolveOpdId(db: Executor, userOpdId: number | null, requested?: number | null): Promise<number | null> {
  if (userOpdId != null) return userOpdId
  const all = await listOpd(db)
  if (requested != null && all.some((o) => o.id === requested)) return requested
  return all[0]?.id ?? null
}

export async function currentPeriodOf(db: Executor, opdId: number, year: number) {
  const periods = await db.selectFrom('renstra_period').selectAll().where('opd_id', '=', opdId).orderBy('start_year', 'desc').execute()
  return periods.find((p) => p.start_year <= year && year <= p.end_year) ?? periods[0] ?? null
}

export async function getOverview(db: Executor, opdId: number, year: number) {
  const opd = await db.selectFrom('org_unit').selectAll().where('id', '=', opdId).executeTakeFirst()
  if (!opd) return null
  const period = await currentPeriodOf(db, opdId, year)
  const units = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'kind']).where('parent_id', '=', opdId).orderBy('sort_order').execute()
  if (!period) return { opd, period: null, tujuan: [], units, indicators: [] }
  const tujuan = await db.selectFrom('tujuan').selectAll().where('period_id', '=', period.id).where('deleted_at', 'is', null).orderBy('sort_order').execute()
  const sasaran = tujuan.length
    ? await db
        .selectFrom('sasaran')
        .selectAll()
        .where(
          'tujuan_id',
          'in',
          tujuan.map((t) => t.id),
        )
        .where('deleted_at', 'is', null)
        .orderBy('sort_order')
        .execute()
    : []
  const indicators = await db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .leftJoin('indicator_target as t', (j) => j.onRef('t.indicator_id', '=', 'i.id').on('t.year', '=', year))
    .select([...INDICATOR_COLUMNS, 'u.short_name as unit_short', 'u.name as unit_name', 't.target as target_tahun_ini'])
    .where('i.period_id', '=', period.id)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute()
  const ids = indicators.map((i) => i.id)
  const latest = new Map<number, { year: number; quarter: number; value: number | null; status: string }>()
  if (ids.length) {
    const rows = await db
      .selectFrom('realisasi')
      .select(['indicator_id', 'year', 'quarter', 'value', 'status'])
      .where('indicator_id', 'in', ids)
      .where('value', 'is not', null)
      .orderBy('year', 'desc')
      .orderBy('quarter', 'desc')
      .execute()
    for (const r of rows) if (!latest.has(r.indicator_id)) latest.set(r.indicator_id, r)
  }
  return {
    opd,
    period,
    tujuan: tujuan.map((t) => ({ ...t, sasaran: sasaran.filter((s) => s.tujuan_id === t.id) })),
    units,
    indicators: indicators.map((i) => ({ ...i, latest: latest.get(i.id) ?? null })),
  }
}

// ---------------------------------------------------------------------------
// The unit tree as an admin edits it (services/organisation/* write through these).
// ---------------------------------------------------------------------------

export const UNIT_COLUMNS = ['id', 'parent_id', 'kind', 'code', 'name', 'short_name', 'city', 'sort_order', 'active', 'created_at'] as const

/** Every unit of the database (a few hundred rows at most: the tree is built in memory). */
export async function listAllUnits(db: Executor) {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).orderBy('sort_order').orderBy('name').orderBy('id').execute()
}

export type UnitRecord = Awaited<ReturnType<typeof listAllUnits>>[number]

export async function findUnit(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export async function insertUnit(db: Executor, values: Insertable<OrgUnitTable>): Promise<number> {
  return Number((await db.insertInto('org_unit').values(values).executeTakeFirstOrThrow()).insertId)
}

export async function updateUnit(db: Executor, id: number, patch: Updateable<OrgUnitTable>): Promise<number> {
  return Number((await db.updateTable('org_unit').set(patch).where('id', '=', id).executeTakeFirst()).numUpdatedRows)
}

export async function maxSortOrder(db: Executor, parentId: number | null): Promise<number> {
  const q = db.selectFrom('org_unit').select((eb) => eb.fn.max('sort_order').as('m'))
  const row = await (parentId == null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId)).executeTakeFirst()
  return Number(row?.m ?? 0)
}

/** What still works in a set of units: active users and indicators of Renstra periods not closed. */
export async function activeUsage(db: Executor, unitIds: number[]) {
  if (unitIds.length === 0) return { users: [] as { username: string; unit_id: number | null }[], indicators: [] as { code: string; unit_id: number }[] }
  const users = await db.selectFrom('app_user').select(['username', 'unit_id']).where('unit_id', 'in', unitIds).where('active', '=', 1).orderBy('username').execute()
  const indicators = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['i.code', 'i.unit_id'])
    .where('i.unit_id', 'in', unitIds)
    .where('i.deleted_at', 'is', null)
    .where('p.closed', '=', 0)
    .orderBy('i.code')
    .execute()
  return { users, indicators }
}

export async function countOpd(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'opd')
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Whether the OPD holds the demo data: the demo seed leaves its mark in the audit trail (action seed_demo). */
export async function isDemoOpd(db: Executor, opdId: number): Promise<boolean> {
  const row = await db.selectFrom('audit_log').select('id').where('action', '=', 'seed_demo').where('opd_id', '=', opdId).limit(1).executeTakeFirst()
  return !!row
}

// Reads of the Excel exports (app/services/excel/) -----------------------------------------------

/** One OPD (`opdId`), or every OPD (null), in display order, with code, short name and city. */
export async function opdsOfScope(db: Executor, opdId: number | null) {
  let q = db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'city']).where('kind', '=', 'opd')
  if (opdId != null) q = q.where('id', '=', opdId)
  return q.orderBy('sort_order').orderBy('name').execute()
}

/** A unit's name and short name, if the unit exists. */
export async function unitNames(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['name', 'short_name']).where('id', '=', id).executeTakeFirst()
}

/** A unit's parent and kind, if the unit exists. */
export async function unitParentAndKind(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['id', 'parent_id', 'kind']).where('id', '=', id).executeTakeFirst()
}

/** A unit's parent id (as a row), if the unit exists. */
export async function unitParent(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['parent_id']).where('id', '=', id).executeTakeFirst()
}

/** A unit's names and parent, if the unit exists. */
export async function unitHeading(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['id', 'name', 'short_name', 'parent_id']).where('id', '=', id).executeTakeFirst()
}

/** Every unit with its parent and kind (unordered): the tree of the audit workbook. */
export async function unitTreeRows(db: Executor) {
  return db.selectFrom('org_unit').select(['id', 'parent_id', 'name', 'short_name', 'kind']).execute()
}

/** A unit's code, if the unit exists. */
export async function unitCode(db: Executor, id: number): Promise<string | undefined> {
  return (await db.selectFrom('org_unit').select('code').where('id', '=', id).executeTakeFirst())?.code
}

/** A unit and its parent and grandparent, as read by one query (left joins of `org_unit as o`, `p`, `g`). */
export interface UnitChainRow {
  u_id: number | null
  u_kind: string | null
  u_parent: number | null
  p_id: number | null
  p_kind: string | null
  p_parent: number | null
  g_id: number | null
  g_kind: string | null
  g_parent: number | null
}

/** The columns a UnitChainRow is read from (`org_unit as o` left-joined to its parent `p` and grandparent `g`). */
export const UNIT_CHAIN = [
  'o.id as u_id',
  'o.kind as u_kind',
  'o.parent_id as u_parent',
  'p.id as p_id',
  'p.kind as p_kind',
  'p.parent_id as p_parent',
  'g.id as g_id',
  'g.kind as g_kind',
  'g.parent_id as g_parent',
] as const

/** A unit with its parent and grandparent (the walk up to the OPD, three levels a query). */
export async function findUnitChain(db: Executor, unitId: number): Promise<UnitChainRow | undefined> {
  return db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
    .select(UNIT_CHAIN)
    .where('o.id', '=', unitId)
    .executeTakeFirst()
}

/** The ids of every OPD, in id order. */
export async function listOpdIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').orderBy('id').execute()
  return rows.map((o) => o.id)
}
