// Set-based reads for the city view (/kota, issue 17): the scoring inputs of many OPD at once, in a
// fixed number of queries whatever the number of OPD (never a query per OPD). The rows are the
// ones loadScoringData (app/services/scoring.server.ts) reads for one OPD, with the OPD beside
// them; app/services/city-scoring.server.ts groups them per OPD and hands them to app/domain.
import { sql } from 'kysely'
import type { Executor } from '../utils/db.server'
import { INDICATOR_SCORING_COLUMNS } from './indicator-columns.server'

/** Every OPD's Renstra periods (distinct spans per OPD), oldest first: one query. */
export async function renstraSpansOfAllOpd(db: Executor) {
  return db.selectFrom('renstra_period').select(['opd_id', 'start_year', 'end_year']).distinct().orderBy('start_year').execute()
}

/**
 * The indicators (with their OPD and unit), annual targets, quarterly targets and realisations
 * of the Renstra periods containing `year`, for the OPD in `opdIds` (null: every OPD). Four
 * queries, however many OPD; indicators ordered as loadScoringData orders them within an OPD.
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
    db
      .selectFrom('realisasi')
      .select(['indicator_id', 'year', 'quarter', 'value', 'tidak_diukur', 'status', 'is_late', 'is_historical'])
      // only whether there is proof; the texts are read by the pages that show them
      .select(sql<number>`case when trim(coalesce(bukti_text, '')) <> '' or trim(coalesce(bukti_link, '')) <> '' then 1 else 0 end`.as('has_proof'))
      .where('indicator_id', 'in', indicatorIds)
      .execute(),
  ])
  return { indicators, targets, quarterTargets, realisasi }
}

export type CityScoringRows = Awaited<ReturnType<typeof scoringRowsOfOpd>>
