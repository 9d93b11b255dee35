// Data access for quarterly realisations and quarter closures (SQL only: the audit rows are written
// by the use cases in services/realisasi/, in the same transaction).
// Functions take `db` or a transaction (`trx`) as their first argument.
import type { Executor } from '../utils/db.server'
import { INDICATOR_SCORING_COLUMNS, REALISASI_RECORD_COLUMNS } from './indicator-columns.server'
import type { IndicatorInput, Quarter } from '../domain/types'
import type { IndicatorSourceRow } from '../domain/indicator-input'
import type { Insertable, Updateable } from 'kysely'
import type { Realisasi, RealisasiTable } from '../../db/schema'

export type RealisasiRow = Realisasi

/** A unit and every unit below it (seksi under a bidang, …). */
export async function unitWithDescendants(db: Executor, unitId: number): Promise<number[]> {
  const out = [unitId]
  let frontier = [unitId]
  for (let depth = 0; depth < 8 && frontier.length; depth++) {
    const rows = await db.selectFrom('org_unit').select('id').where('parent_id', 'in', frontier).execute()
    frontier = rows.map((r) => r.id).filter((id) => !out.includes(id))
    out.push(...frontier)
  }
  return out
}

/** Top-level units of an OPD (sekretariat, bidang, UPT) and, for every unit below, which of them it belongs to. */
export async function bidangOfOpd(db: Executor, opdId: number) {
  const top = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'kind']).where('parent_id', '=', opdId).orderBy('sort_order').orderBy('name').execute()
  const owner = new Map<number, number>()
  for (const t of top) for (const id of await unitWithDescendants(db, t.id)) owner.set(id, t.id)
  return { top, owner }
}

export interface EntryIndicatorRow extends IndicatorSourceRow {
  id: number
  code: string
  name: string
  satuan: string
  polarity: 'naik' | 'turun'
  pola_ukur: 'kumulatif' | 'rata_rata' | 'posisi' | 'rilis'
  aspect: IndicatorInput['aspect']
  strategy: IndicatorInput['strategy']
  weight: number
  unit_id: number
  unit_name: string
  unit_short: string | null
  baseline: number | null
  target_akhir: number | null
  min_value: number | null
  max_value: number | null
  sort_order: number
  period_id: number
  period_name: string
  period_closed: number
  start_year: number
  end_year: number
  opd_id: number
}

function indicatorQuery(db: Executor) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select([...INDICATOR_SCORING_COLUMNS, 'i.min_value', 'i.max_value', 'p.name as period_name', 'p.closed as period_closed', 'p.start_year', 'p.end_year'])
    .where('i.deleted_at', 'is', null)
}

/** Live indicators in the Renstra period containing `year`, by sort order then code. */
function indicatorsInYear(db: Executor, year: number) {
  return indicatorQuery(db).where('p.start_year', '<=', year).where('p.end_year', '>=', year).orderBy('i.sort_order').orderBy('i.code')
}

/** Live indicators of some units in the Renstra period containing `year`. */
export async function indicatorsOfUnits(db: Executor, unitIds: number[], year: number): Promise<EntryIndicatorRow[]> {
  if (!unitIds.length) return []
  return (await indicatorsInYear(db, year).where('i.unit_id', 'in', unitIds).execute()) as EntryIndicatorRow[]
}

/** Live indicators of an OPD in the Renstra period containing `year`. */
export async function indicatorsOfOpd(db: Executor, opdId: number, year: number): Promise<EntryIndicatorRow[]> {
  return (await indicatorsInYear(db, year).where('p.opd_id', '=', opdId).execute()) as EntryIndicatorRow[]
}

/** Indicators by id (deleted ones excluded), whatever their period. */
export async function indicatorsByIds(db: Executor, ids: number[]): Promise<EntryIndicatorRow[]> {
  if (!ids.length) return []
  return (await indicatorQuery(db).where('i.id', 'in', ids).execute()) as EntryIndicatorRow[]
}

/** Annual and quarterly targets of one year, for the domain's IndicatorInput. */
export async function targetsOf(db: Executor, indicatorIds: number[], year: number) {
  const annual = new Map<number, number>()
  const quarterly = new Map<number, Record<string, number>>()
  if (!indicatorIds.length) return { annual, quarterly }
  const [a, q] = await Promise.all([
    db.selectFrom('indicator_target').select(['indicator_id', 'target']).where('indicator_id', 'in', indicatorIds).where('year', '=', year).execute(),
    db.selectFrom('indicator_quarter_target').select(['indicator_id', 'quarter', 'target']).where('indicator_id', 'in', indicatorIds).where('year', '=', year).execute(),
  ])
  for (const t of a) annual.set(t.indicator_id, Number(t.target))
  for (const t of q) {
    let m = quarterly.get(t.indicator_id)
    if (!m) quarterly.set(t.indicator_id, (m = {}))
    m[`${year}-${t.quarter}`] = Number(t.target)
  }
  return { annual, quarterly }
}

export type RealisasiWithNames = RealisasiRow & { entered_by_name: string | null; verified_by_name: string | null; submitted_by_name: string | null }

/** Every realisation of some indicators in one year, with the names of who entered, submitted and verified it. */
export async function realisasiOfYear(db: Executor, indicatorIds: number[], year: number): Promise<RealisasiWithNames[]> {
  if (!indicatorIds.length) return []
  return (await db
    .selectFrom('realisasi as r')
    .leftJoin('app_user as e', 'e.id', 'r.entered_by')
    .leftJoin('app_user as s', 's.id', 'r.submitted_by')
    .leftJoin('app_user as v', 'v.id', 'r.verified_by')
    .selectAll('r')
    .select(['e.full_name as entered_by_name', 's.full_name as submitted_by_name', 'v.full_name as verified_by_name'])
    .where('r.indicator_id', 'in', indicatorIds)
    .where('r.year', '=', year)
    .execute()) as RealisasiWithNames[]
}

export async function findRealisasi(db: Executor, indicatorId: number, year: number, quarter: number): Promise<RealisasiRow | undefined> {
  return db.selectFrom('realisasi').selectAll().where('indicator_id', '=', indicatorId).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirst()
}

export async function getRealisasi(db: Executor, id: number): Promise<RealisasiRow | undefined> {
  return db.selectFrom('realisasi').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A realisation with its indicator (also a soft-deleted one: its history stays readable). */
export async function getRealisasiDetail(db: Executor, id: number) {
  return db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .leftJoin('app_user as e', 'e.id', 'r.entered_by')
    .leftJoin('app_user as v', 'v.id', 'r.verified_by')
    .selectAll('r')
    .select([
      'i.code',
      'i.name',
      'i.satuan',
      'i.unit_id',
      'i.deleted_at as indicator_deleted_at',
      'u.name as unit_name',
      'p.opd_id',
      'p.closed as period_closed',
      'p.name as period_name',
      'e.full_name as entered_by_name',
      'v.full_name as verified_by_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

/** Who changed a realisation last and when: its latest audit row, else who entered it. */
export async function lastChangeOf(db: Executor, row: RealisasiRow): Promise<{ name: string; at: string }> {
  const audit = await db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.occurred_at', 'a.actor_username', 'u.full_name'])
    .where('a.entity', '=', 'realisasi')
    .where('a.entity_id', '=', String(row.id))
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (audit) return { name: audit.full_name ?? audit.actor_username ?? 'pengguna lain', at: audit.occurred_at }
  const who = row.entered_by ? await db.selectFrom('app_user').select('full_name').where('id', '=', row.entered_by).executeTakeFirst() : undefined
  return { name: who?.full_name ?? 'pengguna lain', at: row.updated_at }
}

export async function quarterClosure(db: Executor, opdId: number, year: number, quarter: number) {
  return db
    .selectFrom('quarter_closure as c')
    .leftJoin('app_user as u', 'u.id', 'c.closed_by')
    .select(['c.id', 'c.opd_id', 'c.year', 'c.quarter', 'c.closed_by', 'c.closed_at', 'u.full_name as closed_by_name'])
    .where('c.opd_id', '=', opdId)
    .where('c.year', '=', year)
    .where('c.quarter', '=', quarter)
    .executeTakeFirst()
}

export type QuarterClosureRow = NonNullable<Awaited<ReturnType<typeof quarterClosure>>>

/** Closed quarters of some OPDs, as a set of 'opdId|year|quarter'. */
export async function closedQuarters(db: Executor, opdIds: number[]): Promise<Set<string>> {
  if (!opdIds.length) return new Set()
  const rows = await db.selectFrom('quarter_closure').select(['opd_id', 'year', 'quarter']).where('opd_id', 'in', opdIds).execute()
  return new Set(rows.map((r) => `${r.opd_id}|${r.year}|${r.quarter}`))
}

/** Quarters where some of these indicators have rows in a given status (e.g. returned ones). */
export async function quartersWithStatus(db: Executor, indicatorIds: number[], statuses: RealisasiRow['status'][]) {
  if (!indicatorIds.length) return []
  return db
    .selectFrom('realisasi')
    .select(['year', 'quarter', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('indicator_id', 'in', indicatorIds)
    .where('status', 'in', statuses)
    .groupBy(['year', 'quarter', 'status'])
    .orderBy('year', 'desc')
    .orderBy('quarter', 'desc')
    .execute()
}

/** The latest (year, quarter) with rows awaiting verification in an OPD, if any. */
export async function latestSubmittedQuarter(db: Executor, opdId: number | null): Promise<{ year: number; quarter: Quarter } | null> {
  let q = db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['r.year', 'r.quarter'])
    .where('r.status', '=', 'diajukan')
    .where('i.deleted_at', 'is', null)
  if (opdId != null) q = q.where('p.opd_id', '=', opdId)
  const row = await q.orderBy('r.year', 'desc').orderBy('r.quarter', 'desc').limit(1).executeTakeFirst()
  return row ? { year: row.year, quarter: row.quarter as Quarter } : null
}

// ---------------------------------------------------------------------------
// Writes (the caller runs them inside its transaction and writes the audit row)
// ---------------------------------------------------------------------------

/** The rows of some indicators in one quarter. */
export async function realisasiOfQuarter(db: Executor, indicatorIds: number[], year: number, quarter: number): Promise<RealisasiRow[]> {
  if (!indicatorIds.length) return []
  return db.selectFrom('realisasi').selectAll().where('indicator_id', 'in', indicatorIds).where('year', '=', year).where('quarter', '=', quarter).execute()
}

export type NewRealisasi = Omit<Insertable<RealisasiTable>, 'id'>

/** Inserts a realisation; its id. A duplicate (indicator, year, quarter) throws the unique violation. */
export async function insertRealisasi(db: Executor, values: NewRealisasi): Promise<number> {
  const res = await db.insertInto('realisasi').values(values).executeTakeFirstOrThrow()
  return Number(res.insertId)
}

/**
 * Optimistic update: sets the fields and the next version only when the row still has `version`.
 * True when the row was changed (false: someone changed it first).
 */
export async function updateRealisasiAtVersion(db: Executor, id: number, version: number, set: Updateable<RealisasiTable>): Promise<boolean> {
  const res = await db
    .updateTable('realisasi')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Closes a quarter of an OPD; the closure's id. A second closure throws the unique violation. */
export async function insertQuarterClosure(db: Executor, values: { opd_id: number; year: number; quarter: number; closed_by: number; closed_at: string }): Promise<number> {
  const res = await db.insertInto('quarter_closure').values(values).executeTakeFirstOrThrow()
  return Number(res.insertId)
}

/** Removes a quarter closure; true when it was there. */
export async function deleteQuarterClosure(db: Executor, id: number): Promise<boolean> {
  const res = await db.deleteFrom('quarter_closure').where('id', '=', id).executeTakeFirst()
  return Number(res.numDeletedRows) === 1
}

/** An organisation unit's kind, if the unit exists. */
export async function orgUnitKind(db: Executor, id: number) {
  return db.selectFrom('org_unit').select(['id', 'kind']).where('id', '=', id).executeTakeFirst()
}

/** Every OPD, in display order. */
export async function listOpds(db: Executor) {
  return db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'opd').orderBy('sort_order').orderBy('name').execute()
}

/** The first OPD (by sort order, then id), if any. */
export async function firstOpdId(db: Executor): Promise<number | null> {
  return (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').orderBy('sort_order').orderBy('id').executeTakeFirst())?.id ?? null
}

// ---------------------------------------------------------------------------
// Reads of the exports and forms (app/services/excel/, app/presenters/)
// ---------------------------------------------------------------------------

/**
 * One keyset page of realisations with their indicator, unit and OPD: at most `limit` rows with
 * id > `afterId`, of one OPD and unit when given, by id (the audit workbook's paged reads).
 */
export async function realisasiPageAfter(db: Executor, scope: { opdId: number | null; unitId?: number | null }, afterId: number, limit: number) {
  let q = db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .select([
      ...REALISASI_RECORD_COLUMNS,
      'r.indicator_id',
      'r.entered_by',
      'r.entered_at',
      'r.submitted_by',
      'r.submitted_at',
      'r.verified_by',
      'r.verified_at',
      'r.created_at',
      'r.updated_at',
      'i.code',
      'i.name',
      'i.deleted_at',
      'u.name as unit_name',
      'u.short_name as unit_short',
      'p.opd_id',
    ])
    .where('r.id', '>', afterId)
  if (scope.opdId != null) q = q.where('p.opd_id', '=', scope.opdId)
  if (scope.unitId != null) q = q.where('i.unit_id', '=', scope.unitId)
  return q.orderBy('r.id').limit(limit).execute()
}

/**
 * The realisations of `year` up to `lastQuarter` with a kendala or a tindak lanjut, in quarter
 * order; of some indicators when `indicatorIds` is given, else of every indicator.
 */
export async function narrativeRowsOfYear(db: Executor, year: number, lastQuarter: number, indicatorIds?: readonly number[]) {
  let q = db
    .selectFrom('realisasi')
    .select(['indicator_id', 'quarter', 'kendala', 'tindak_lanjut'])
    .where('year', '=', year)
    .where('quarter', '<=', lastQuarter)
    .where((eb) => eb.or([eb('kendala', 'is not', null), eb('tindak_lanjut', 'is not', null)]))
    .orderBy('quarter')
  if (indicatorIds) q = q.where('indicator_id', 'in', [...indicatorIds])
  return q.execute()
}

/** The latest realisation of an indicator with a tindak lanjut (latest year, then quarter). */
export async function latestTindakLanjut(db: Executor, indicatorId: number) {
  return db
    .selectFrom('realisasi')
    .select(['id', 'year', 'quarter', 'tindak_lanjut'])
    .where('indicator_id', '=', indicatorId)
    .where('tindak_lanjut', 'is not', null)
    .orderBy('year', 'desc')
    .orderBy('quarter', 'desc')
    .executeTakeFirst()
}

/** The historical realisations of an OPD entered last (latest change first), at most `limit`. */
export async function recentHistoricalRealisasi(db: Executor, opdId: number, limit: number) {
  return db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.code', 'r.year', 'r.quarter', 'r.value', 'r.bukti_text as bukti'])
    .where('rp.opd_id', '=', opdId)
    .where('r.is_historical', '=', 1)
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute()
}
/** Returned realisations (status dikembalikan) of live indicators of some OPDs from `fromYear` on, with code, unit and OPD. */
export async function returnedRealisasiOfOpds(db: Executor, opdIds: number[], fromYear: number) {
  if (!opdIds.length) return []
  return db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['r.id', 'r.year', 'r.quarter', 'r.return_note', 'r.version', 'r.updated_at', 'r.entered_by', 'i.code', 'i.unit_id', 'p.opd_id'])
    .where('r.status', '=', 'dikembalikan')
    .where('r.year', '>=', fromYear)
    .where('p.opd_id', 'in', opdIds)
    .where('i.deleted_at', 'is', null)
    .execute()
}

/** How many realisations of live indicators await verification (status diajukan), per OPD. */
export async function submittedCountsByOpd(db: Executor, opdIds: number[]): Promise<{ opd_id: number; n: number }[]> {
  if (!opdIds.length) return []
  const rows = await db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['p.opd_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.status', '=', 'diajukan')
    .where('p.opd_id', 'in', opdIds)
    .where('i.deleted_at', 'is', null)
    .groupBy('p.opd_id')
    .execute()
  return rows.map((r) => ({ opd_id: r.opd_id, n: Number(r.n) }))
}
