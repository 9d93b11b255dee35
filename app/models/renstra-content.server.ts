// The Renstra's content as other areas read it: the Excel workbook and the Renstra importers
// (indicators, tujuan, sasaran and programmes by code — live or with the deleted ones whose codes
// stay taken — and the annual targets of a set of indicators), the E.81's sasaran and programmes,
// and the indicator checks of the historis form and of new actions. SQL only; the writes are in
// renstra-write, the Renstra management pages' reads in renstra.server.
import type { Executor } from '../utils/db.server'

/** Every indicator of a period, soft-deleted ones included, all columns. */
export async function allIndicatorsOfPeriod(db: Executor, periodId: number) {
  return db.selectFrom('indicator').selectAll().where('period_id', '=', periodId).execute()
}

/** The live indicators of a period, all columns, in the Renstra's order. */
export async function liveIndicatorsOfPeriod(db: Executor, periodId: number) {
  return db.selectFrom('indicator').selectAll().where('period_id', '=', periodId).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('code').execute()
}

/** Code, name, version and programme of every indicator of a period (deleted ones too: their codes stay taken). */
export async function indicatorVersionsOfPeriod(db: Executor, periodId: number) {
  return db.selectFrom('indicator').select(['id', 'code', 'name', 'version', 'program_id', 'deleted_at']).where('period_id', '=', periodId).execute()
}

/** The stored annual targets of the given indicators (none asked, none read: the caller checks). */
export async function annualTargetsOfIndicators(db: Executor, indicatorIds: number[]) {
  return db.selectFrom('indicator_target').select(['indicator_id', 'year', 'target']).where('indicator_id', 'in', indicatorIds).execute()
}

/** The live tujuan of a period: id, name and code. */
export async function liveTujuanOfPeriod(db: Executor, periodId: number) {
  return db.selectFrom('tujuan').select(['id', 'name', 'code']).where('period_id', '=', periodId).where('deleted_at', 'is', null).execute()
}

export async function tujuanCodeOf(db: Executor, tujuanId: number): Promise<string> {
  return (await db.selectFrom('tujuan').select('code').where('id', '=', tujuanId).executeTakeFirstOrThrow()).code
}

/** The live sasaran under one tujuan: id and name. */
export async function liveSasaranOfTujuan(db: Executor, tujuanId: number) {
  return db.selectFrom('sasaran').select(['id', 'name']).where('tujuan_id', '=', tujuanId).where('deleted_at', 'is', null).execute()
}

/** The live sasaran of a period: id and code. */
export async function liveSasaranCodesOfPeriod(db: Executor, periodId: number) {
  return db
    .selectFrom('sasaran as s')
    .innerJoin('tujuan as t', 't.id', 's.tujuan_id')
    .select(['s.id', 's.code'])
    .where('t.period_id', '=', periodId)
    .where('s.deleted_at', 'is', null)
    .execute()
}

/** The live sasaran of a period with the code of their tujuan, in the Renstra's order. */
export async function liveSasaranWithTujuanCode(db: Executor, periodId: number) {
  return db
    .selectFrom('sasaran as s')
    .innerJoin('tujuan as t', 't.id', 's.tujuan_id')
    .select(['s.id', 's.code', 's.name', 't.code as tujuan_code'])
    .where('t.period_id', '=', periodId)
    .where('s.deleted_at', 'is', null)
    .orderBy('t.sort_order')
    .orderBy('s.sort_order')
    .execute()
}

/** The live programmes (all levels) of a period: id, code, name and level, in the Renstra's order (the workbook lists them; the importers look them up by code). */
export async function liveProgramsOfPeriod(db: Executor, periodId: number) {
  return db
    .selectFrom('program')
    .select(['id', 'code', 'name', 'kind'])
    .where('period_id', '=', periodId)
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('code')
    .execute()
}

/** Some sasaran with the sort order of their tujuan. */
export async function sasaranWithTujuanOrder(db: Executor, ids: number[]) {
  return db
    .selectFrom('sasaran as s')
    .innerJoin('tujuan as t', 't.id', 's.tujuan_id')
    .select(['s.id', 's.code', 's.name', 's.sort_order', 't.sort_order as tujuan_order'])
    .where('s.id', 'in', ids)
    .execute()
}

/** Some programs: code, name, kind and sort order. */
export async function programsByIds(db: Executor, ids: number[]) {
  return db.selectFrom('program').select(['id', 'code', 'name', 'kind', 'sort_order']).where('id', 'in', ids).execute()
}

/** A live indicator with its value bounds and its period's span and closed flag (the historis form checks them). */
export async function liveIndicatorWithSpan(db: Executor, id: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.min_value', 'i.max_value', 'rp.opd_id', 'rp.start_year', 'rp.end_year', 'rp.closed'])
    .where('i.id', '=', id)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The live indicators among `ids` with their unit and OPD (who may act on them). */
export async function liveIndicatorOwners(db: Executor, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['i.id', 'i.unit_id', 'p.opd_id'])
    .where('i.id', 'in', ids)
    .where('i.deleted_at', 'is', null)
    .execute()
}
