// Data access for Renstra management: periods, tujuan → sasaran → program/kegiatan, indicators and
// their targets. Functions take `db` or a transaction (`trx`) as their first argument; soft-deleted
// rows are included where a management page needs them (to show and restore them).
import type { Executor } from '../utils/db.server'
import type { Indicator } from '../../db/schema'

export interface PeriodRow {
  id: number
  opd_id: number
  name: string
  start_year: number
  end_year: number
  closed: number
  created_at: string
}

export async function periodsOfOpd(db: Executor, opdId: number): Promise<PeriodRow[]> {
  return db.selectFrom('renstra_period').selectAll().where('opd_id', '=', opdId).orderBy('start_year', 'desc').execute()
}

export async function getPeriod(db: Executor, id: number): Promise<PeriodRow | undefined> {
  return db.selectFrom('renstra_period').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The columns of a period the Excel templates and importers read (no creation time). */
const PERIOD_HEADER = ['id', 'opd_id', 'name', 'start_year', 'end_year', 'closed'] as const

export async function getPeriodHeader(db: Executor, id: number): Promise<Omit<PeriodRow, 'created_at'> | undefined> {
  return db.selectFrom('renstra_period').select(PERIOD_HEADER).where('id', '=', id).executeTakeFirst()
}

/** The periods of an OPD, newest first, without their creation time. */
export async function periodHeadersOfOpd(db: Executor, opdId: number): Promise<Omit<PeriodRow, 'created_at'>[]> {
  return db.selectFrom('renstra_period').select(PERIOD_HEADER).where('opd_id', '=', opdId).orderBy('start_year', 'desc').execute()
}

/** Periods of an OPD sharing at least one year with [startYear, endYear]. */
export async function overlappingPeriods(db: Executor, opdId: number, startYear: number, endYear: number): Promise<PeriodRow[]> {
  return db
    .selectFrom('renstra_period')
    .selectAll()
    .where('opd_id', '=', opdId)
    .where('start_year', '<=', endYear)
    .where('end_year', '>=', startYear)
    .orderBy('start_year')
    .execute()
}

export async function getOpd(db: Executor, opdId: number) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'kind']).where('id', '=', opdId).executeTakeFirst()
}

/** The units an indicator or a program may be assigned to: the sekretariat, bidang and UPT directly under the OPD. */
export async function responsibleUnitsOf(db: Executor, opdId: number) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'short_name', 'kind'])
    .where('parent_id', '=', opdId)
    .where('kind', 'in', ['sekretariat', 'bidang', 'upt'])
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
}

export async function getUnit(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst()
}

// Tree -----------------------------------------------------------------------------------------

export interface TujuanRow {
  id: number
  period_id: number
  code: string
  name: string
  sort_order: number
  deleted_at: string | null
}

export interface SasaranRow {
  id: number
  tujuan_id: number
  code: string
  name: string
  sort_order: number
  deleted_at: string | null
  period_id: number
  tujuan_deleted_at: string | null
}

export interface ProgramRow {
  id: number
  period_id: number
  sasaran_id: number | null
  parent_id: number | null
  kind: 'program' | 'kegiatan' | 'subkegiatan'
  code: string
  name: string
  unit_id: number | null
  sort_order: number
  deleted_at: string | null
}

export async function tujuanOfPeriod(db: Executor, periodId: number): Promise<TujuanRow[]> {
  return db.selectFrom('tujuan').selectAll().where('period_id', '=', periodId).orderBy('sort_order').orderBy('code').execute()
}

export async function getTujuan(db: Executor, id: number): Promise<TujuanRow | undefined> {
  return db.selectFrom('tujuan').selectAll().where('id', '=', id).executeTakeFirst()
}

function sasaranQuery(db: Executor) {
  return db
    .selectFrom('sasaran as s')
    .innerJoin('tujuan as t', 't.id', 's.tujuan_id')
    .select(['s.id', 's.tujuan_id', 's.code', 's.name', 's.sort_order', 's.deleted_at', 't.period_id', 't.deleted_at as tujuan_deleted_at'])
}

export async function sasaranOfPeriod(db: Executor, periodId: number): Promise<SasaranRow[]> {
  return sasaranQuery(db).where('t.period_id', '=', periodId).orderBy('t.sort_order').orderBy('s.sort_order').orderBy('s.code').execute()
}

export async function getSasaran(db: Executor, id: number): Promise<SasaranRow | undefined> {
  return sasaranQuery(db).where('s.id', '=', id).executeTakeFirst()
}

export async function programsOfPeriod(db: Executor, periodId: number): Promise<ProgramRow[]> {
  return db.selectFrom('program').selectAll().where('period_id', '=', periodId).orderBy('sort_order').orderBy('code').execute()
}

export async function getProgram(db: Executor, id: number): Promise<ProgramRow | undefined> {
  return db.selectFrom('program').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Live children that keep a node from being deleted. */
export async function liveChildrenOf(db: Executor, entity: 'tujuan' | 'sasaran' | 'program', id: number) {
  if (entity === 'tujuan') {
    const s = await db.selectFrom('sasaran').select('code').where('tujuan_id', '=', id).where('deleted_at', 'is', null).execute()
    return { sasaran: s.map((r) => r.code), programs: [] as string[], indicators: [] as string[] }
  }
  if (entity === 'sasaran') {
    const [p, i] = await Promise.all([
      db.selectFrom('program').select('code').where('sasaran_id', '=', id).where('parent_id', 'is', null).where('deleted_at', 'is', null).execute(),
      db.selectFrom('indicator').select('code').where('sasaran_id', '=', id).where('deleted_at', 'is', null).execute(),
    ])
    return { sasaran: [] as string[], programs: p.map((r) => r.code), indicators: i.map((r) => r.code) }
  }
  const [p, i] = await Promise.all([
    db.selectFrom('program').select('code').where('parent_id', '=', id).where('deleted_at', 'is', null).execute(),
    db.selectFrom('indicator').select('code').where('program_id', '=', id).where('deleted_at', 'is', null).execute(),
  ])
  return { sasaran: [] as string[], programs: p.map((r) => r.code), indicators: i.map((r) => r.code) }
}

export async function maxSortOrder(db: Executor, table: 'tujuan' | 'program' | 'indicator', periodId: number): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('period_id', '=', periodId)
    .executeTakeFirst()
  return Number(row?.m ?? 0)
}

export async function maxSasaranOrder(db: Executor, tujuanId: number): Promise<number> {
  const row = await db
    .selectFrom('sasaran')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('tujuan_id', '=', tujuanId)
    .executeTakeFirst()
  return Number(row?.m ?? 0)
}

// Indicators -----------------------------------------------------------------------------------

export interface IndicatorListRow {
  id: number
  code: string
  name: string
  satuan: string
  pola_ukur: Indicator['pola_ukur']
  aspect: Indicator['aspect']
  strategy: Indicator['strategy']
  weight: number
  sasaran_id: number | null
  program_id: number | null
  unit_id: number
  unit_name: string
  unit_short: string | null
  deleted_at: string | null
  deleted_reason: string | null
}

/** Every indicator of a period, soft-deleted ones included (flagged by deleted_at). */
export async function indicatorsOfPeriod(db: Executor, periodId: number): Promise<IndicatorListRow[]> {
  const rows = await db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.satuan',
      'i.pola_ukur',
      'i.aspect',
      'i.strategy',
      'i.weight',
      'i.sasaran_id',
      'i.program_id',
      'i.unit_id',
      'u.name as unit_name',
      'u.short_name as unit_short',
      'i.deleted_at',
      'i.deleted_reason',
    ])
    .where('i.period_id', '=', periodId)
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute()
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }))
}

/** Codes already used in a period (soft-deleted indicators keep theirs), lower-cased → id and whether deleted. */
export async function indicatorCodesOf(db: Executor, periodId: number): Promise<Map<string, { id: number; code: string; deleted: boolean }>> {
  const rows = await db.selectFrom('indicator').select(['id', 'code', 'deleted_at']).where('period_id', '=', periodId).execute()
  return new Map(rows.map((r) => [r.code.toLowerCase(), { id: r.id, code: r.code, deleted: r.deleted_at != null }]))
}

/** The live indicators of every Renstra period of an OPD: code, value bounds and the period's span (the historis import matches codes on them). */
export async function indicatorCodesOfOpd(db: Executor, opdId: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.min_value', 'i.max_value', 'rp.opd_id', 'rp.start_year', 'rp.end_year'])
    .where('rp.opd_id', '=', opdId)
    .where('i.deleted_at', 'is', null)
    .execute()
}

export type IndicatorWithPeriod = Indicator & {
  opd_id: number
  period_name: string
  start_year: number
  end_year: number
  period_closed: number
}

/** One indicator (also a soft-deleted one) with its period. DECIMAL columns as numbers. */
export async function getIndicatorWithPeriod(db: Executor, id: number): Promise<IndicatorWithPeriod | undefined> {
  const row = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .selectAll('i')
    .select(['p.opd_id', 'p.name as period_name', 'p.start_year', 'p.end_year', 'p.closed as period_closed'])
    .where('i.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const num = (v: number | null) => (v == null ? null : Number(v))
  return {
    ...row,
    weight: Number(row.weight),
    baseline: num(row.baseline),
    target_akhir: num(row.target_akhir),
    min_value: num(row.min_value),
    max_value: num(row.max_value),
  }
}

export interface IndicatorTargets {
  /** year → target */
  annual: Record<number, number>
  /** `${year}-${quarter}` → target */
  quarterly: Record<string, number>
}

export async function targetsOfIndicator(db: Executor, indicatorId: number): Promise<IndicatorTargets> {
  const [a, q] = await Promise.all([
    db.selectFrom('indicator_target').select(['year', 'target']).where('indicator_id', '=', indicatorId).orderBy('year').execute(),
    db.selectFrom('indicator_quarter_target').select(['year', 'quarter', 'target']).where('indicator_id', '=', indicatorId).orderBy('year').orderBy('quarter').execute(),
  ])
  const annual: Record<number, number> = {}
  for (const r of a) annual[r.year] = Number(r.target)
  const quarterly: Record<string, number> = {}
  for (const r of q) quarterly[`${r.year}-${r.quarter}`] = Number(r.target)
  return { annual, quarterly }
}

/** Years in which the indicator has at least one verified ('diverifikasi') realisation. */
export async function verifiedYearsOf(db: Executor, indicatorId: number): Promise<number[]> {
  const rows = await db.selectFrom('realisasi').select('year').distinct().where('indicator_id', '=', indicatorId).where('status', '=', 'diverifikasi').orderBy('year').execute()
  return rows.map((r) => r.year)
}

/** The (indicator, year) pairs of the given indicators that have a verified realisation. */
export async function verifiedIndicatorYears(db: Executor, indicatorIds: number[]) {
  return db
    .selectFrom('realisasi')
    .select(['indicator_id', 'year'])
    .where('indicator_id', 'in', indicatorIds)
    .where('status', '=', 'diverifikasi')
    .groupBy(['indicator_id', 'year'])
    .execute()
}

/** Number of realisation rows per status (shown before a delete). */
export async function realisasiCountsOf(db: Executor, indicatorId: number) {
  const rows = await db
    .selectFrom('realisasi')
    .select(['status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('indicator_id', '=', indicatorId)
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>
}

// Audit reads ----------------------------------------------------------------------------------

/** Entity ids of the per-year target audit rows of an indicator: `<indicatorId>:<year>`. */
export const targetAuditId = (indicatorId: number, year: number) => `${indicatorId}:${year}`

/** The latest audit row about an indicator (itself or its targets): who changed it last and when. */
export async function lastIndicatorChange(db: Executor, indicatorId: number): Promise<{ name: string; at: string } | null> {
  const row = await db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.occurred_at', 'a.actor_username', 'u.full_name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('a.entity', '=', 'indicator'), eb('a.entity_id', '=', String(indicatorId))]),
        eb.and([eb('a.entity', '=', 'indicator_target'), eb('a.entity_id', 'like', `${indicatorId}:%`)]),
      ]),
    )
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { name: row.full_name ?? row.actor_username ?? 'pengguna lain', at: row.occurred_at } : null
}

/** The latest audit row of one entity (tujuan, sasaran, program, renstra_period). */
export async function lastChangeOfEntity(db: Executor, entity: string, id: number): Promise<{ name: string; at: string } | null> {
  const row = await db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.occurred_at', 'a.actor_username', 'u.full_name'])
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', String(id))
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { name: row.full_name ?? row.actor_username ?? 'pengguna lain', at: row.occurred_at } : null
}

/** Every audit row of an indicator and of its targets, newest first. */
export async function indicatorHistory(db: Executor, indicatorId: number, limit = 200) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.occurred_at',
      'a.actor_username',
      'a.actor_role',
      'a.entity',
      'a.entity_id',
      'a.action',
      'a.reason',
      'a.before_json',
      'a.after_json',
      'a.request_id',
      'u.full_name as actor_name',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('a.entity', '=', 'indicator'), eb('a.entity_id', '=', String(indicatorId))]),
        eb.and([eb('a.entity', '=', 'indicator_target'), eb('a.entity_id', 'like', `${indicatorId}:%`)]),
      ]),
    )
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
}
