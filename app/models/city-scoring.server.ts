// Set-based reads of the scoring inputs: the indicators, annual and quarterly targets and
// realisations a scoring needs, in a fixed number of queries whatever the number of indicators or
// OPD (never a query per indicator or per OPD). scoringRowsOfScope serves one scope (an OPD, a
// bidang, or the whole city) for app/services/scoring.server.ts (loadScoringData); scoringRowsOfOpd
// the city view (/kota, issue 17), many OPD at once with the OPD beside each row, grouped per OPD
// by app/services/city-scoring.server.ts. Both hand plain rows to app/domain.
import { sql } from 'kysely'
import type { Executor } from '../utils/db.server'
import { INDICATOR_SCORING_COLUMNS } from './indicator-columns.server'

/** Only whether a realisation has proof (the texts are read by the pages that show them). */
const HAS_PROOF = sql<number>`case when trim(coalesce(bukti_text, '')) <> '' or trim(coalesce(bukti_link, '')) <> '' then 1 else 0 end`.as('has_proof')

/** The realisation columns the scoring reads. */
const REALISASI_SCORING_COLUMNS = ['indicator_id', 'year', 'quarter', 'value', 'tidak_diukur', 'status', 'is_late', 'is_historical'] as const

/** One OPD's Renstra periods (`opdId`), or every OPD's (null): distinct spans, oldest first. */
export async function renstraSpansOf(db: Executor, opdId: number | null) {
  let q = db.selectFrom('renstra_period').select(['start_year', 'end_year']).distinct()
  if (opdId != null) q = q.where('opd_id', '=', opdId)
  return q.orderBy('start_year').execute()
}

/** What a scoring reads: one OPD (or every OPD, null), one unit's indicators only, only verified realisations. */
export interface ScoringRowsScope {
  opdId: number | null
  unitId?: number | null
  onlyVerified?: boolean
}

/** The periods of the scope containing `year` (a subquery). */
function periodsOfYear(db: Executor, scope: ScoringRowsScope, year: number) {
  let periods = db.selectFrom('renstra_period').select('id').where('start_year', '<=', year).where('end_year', '>=', year)
  if (scope.opdId != null) periods = periods.where('opd_id', '=', scope.opdId)
  return periods
}

/** The ids of the scope's live indicators in the periods containing `year` (a subquery). */
function scopeIndicatorIds(db: Executor, scope: ScoringRowsScope, year: number) {
  let indicatorIds = db
    .selectFrom('indicator')
    .select('indicator.id')
    .where('indicator.period_id', 'in', periodsOfYear(db, scope, year))
    .where('indicator.deleted_at', 'is', null)
  if (scope.unitId != null) indicatorIds = indicatorIds.where('indicator.unit_id', '=', scope.unitId)
  return indicatorIds
}

type IndicatorIds = ReturnType<typeof scopeIndicatorIds>

function indicatorRowsQuery(db: Executor, indicatorIds: IndicatorIds) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select([...INDICATOR_SCORING_COLUMNS, 'p.start_year', 'p.end_year'])
    .where('i.id', 'in', indicatorIds)
    .orderBy('p.opd_id')
    .orderBy('i.sort_order')
    .orderBy('i.code')
}

function realisasiRowsQuery(db: Executor, indicatorIds: IndicatorIds, onlyVerified: boolean | undefined) {
  let q = db.selectFrom('realisasi').select(REALISASI_SCORING_COLUMNS).select(HAS_PROOF).where('indicator_id', 'in', indicatorIds)
  if (onlyVerified) q = q.where('status', '=', 'diverifikasi')
  return q
}

function renstraSpansQuery(db: Executor, scope: ScoringRowsScope, year: number) {
  let q = db.selectFrom('renstra_period').select(['start_year', 'end_year']).where('start_year', '<=', year).where('end_year', '>=', year)
  if (scope.opdId != null) q = q.where('opd_id', '=', scope.opdId)
  return q
}

/**
 * The indicators (with unit, OPD and period years), annual targets, quarterly targets and
 * realisations of the scope in the Renstra periods containing `year`, and those periods' spans:
 * five queries, however many indicators; indicators by OPD, sort order, code.
 */
export async function scoringRowsOfScope(db: Executor, scope: ScoringRowsScope, year: number) {
  const indicatorIds = scopeIndicatorIds(db, scope, year)
  const [indicators, targets, quarterTargets, realisasi, spans] = await Promise.all([
    indicatorRowsQuery(db, indicatorIds).execute(),
    db.selectFrom('indicator_target').select(['indicator_id', 'year', 'target']).where('indicator_id', 'in', indicatorIds).execute(),
    db.selectFrom('indicator_quarter_target').select(['indicator_id', 'year', 'quarter', 'target']).where('indicator_id', 'in', indicatorIds).execute(),
    realisasiRowsQuery(db, indicatorIds, scope.onlyVerified).execute(),
    renstraSpansQuery(db, scope, year).execute(),
  ])
  return { indicators, targets, quarterTargets, realisasi, spans }
}

/** Every OPD's Renstra periods (distinct spans per OPD), oldest first: one query. */
export async function renstraSpansOfAllOpd(db: Executor) {
  return db.selectFrom('renstra_period').select(['opd_id', 'start_year', 'end_year']).distinct().orderBy('start_year').execute()
}

/**
 * The indicators (with their OPD and unit), annual targets, quarterly targets and realisations
 * of the Renstra periods containing `year`, for the OPD in `opdIds` (null: every OPD). Four
 * queries, however many OPD; indicators ordered as scoringRowsOfScope orders them within an OPD.
 */
export async function scoringRowsOfOpd(db: Executor, opdIds: readonly number[] | null, year: number) {
  if (opdIds && !opdIds.length) return { indicators: [], targets: [], quarterTargets: [], realisasi: [] }
  let periods = db.selectFrom('renstra_period').select('id').where('start_year', '<=', year).where('end_year', '>=', year)
  if (opdIds) periods = periods.where('opd_id', 'in', [...opdIds])
  const indicatorIds = db.selectFrom('indicator').select('indicator.id').where('indicator.period_id', 'in', periods).where('indicator.deleted_at', 'is', null)

  const [indicators, targets, quarterTargets, realisasi] = await Promise.all([
    db
      .selectFrom('indicator as i')
      .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
      .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
      .select([...INDICATOR_SCORING_COLUMNS])
      .where('i.id', 'in', indicatorIds)
      .orderBy('p.opd_id')
      .orderBy('i.sort_order')
      .orderBy('i.code')
      .execute(),
    db.selectFrom('indicator_target').select(['indicator_id', 'year', 'target']).where('indicator_id', 'in', indicatorIds).execute(),
    db.selectFrom('indicator_quarter_target').select(['indicator_id', 'year', 'quarter', 'target']).where('indicator_id', 'in', indicatorIds).execute(),
    db.selectFrom('realisasi').select(REALISASI_SCORING_COLUMNS).select(HAS_PROOF).where('indicator_id', 'in', indicatorIds).execute(),
  ])
  return { indicators, targets, quarterTargets, realisasi }
}

export type CityScoringRows = Awaited<ReturnType<typeof scoringRowsOfOpd>>
