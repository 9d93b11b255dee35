// The SQL behind the dashboard read models (app/presenters/): the indicator page's rows and
// history, the completeness of a quarter, the narratives and public evidence of a period, and
// whether an OPD holds the seeded demo. Queries only: the presenters shape and score.
import type { Executor } from '../utils/db.server'
import { REALISASI_RECORD_COLUMNS } from './indicator-columns.server'
import type { Quarter } from '../domain'

/**
 * Whether the OPD holds the Dumai demo: the seed wrote its `seed_demo` audit row for this OPD
 * (entity 'seed', entity_id = the OPD code, found through the entity index). A database fact, so
 * the app never reads the seed files; an OPD created by hand is never labelled demo.
 */
export async function isDemoOpd(db: Executor, opd: { id: number; code: string }): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'seed')
    .where('entity_id', '=', opd.code)
    .where('action', '=', 'seed_demo')
    .where('opd_id', '=', opd.id)
    .executeTakeFirst()
  return row !== undefined
}

/** The OPD an indicator belongs to (through its Renstra period); null when it does not exist. */
export async function indicatorOpd(db: Executor, indicatorId: number): Promise<{ opdId: number; unitId: number } | null> {
  const row = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['p.opd_id', 'i.unit_id'])
    .where('i.id', '=', indicatorId)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst()
  return row ? { opdId: row.opd_id, unitId: row.unit_id } : null
}

/** The indicator page's header: baseline, final target, definition, its Renstra period, sasaran and program. */
export async function indicatorDetail(db: Executor, indicatorId: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .leftJoin('sasaran as s', 's.id', 'i.sasaran_id')
    .leftJoin('program as g', 'g.id', 'i.program_id')
    .select([
      'i.baseline',
      'i.baseline_year',
      'i.target_akhir',
      'i.definition',
      'p.name as period_name',
      'p.start_year',
      'p.end_year',
      's.code as sasaran_code',
      's.name as sasaran_name',
      'g.code as program_code',
      'g.name as program_name',
    ])
    .where('i.id', '=', indicatorId)
    .executeTakeFirstOrThrow()
}

/** Every realisation of one indicator, oldest first, with the names of who entered, submitted and verified it. */
export async function realisasiOfIndicator(db: Executor, indicatorId: number) {
  return db
    .selectFrom('realisasi as r')
    .leftJoin('app_user as ue', 'ue.id', 'r.entered_by')
    .leftJoin('app_user as us', 'us.id', 'r.submitted_by')
    .leftJoin('app_user as uv', 'uv.id', 'r.verified_by')
    .select([
      ...REALISASI_RECORD_COLUMNS,
      'r.entered_at',
      'r.submitted_at',
      'r.verified_at',
      'ue.full_name as entered_name',
      'us.full_name as submitted_name',
      'uv.full_name as verified_name',
    ])
    .where('r.indicator_id', '=', indicatorId)
    .orderBy('r.year')
    .orderBy('r.quarter')
    .execute()
}
export type IndicatorRealisasiRow = Awaited<ReturnType<typeof realisasiOfIndicator>>[number]

/** The audit rows of the given realisations, oldest first. */
export async function realisasiAuditRows(db: Executor, realisasiIds: string[]) {
  if (!realisasiIds.length) return []
  return db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'actor_username', 'actor_role', 'entity_id', 'action', 'reason', 'before_json', 'after_json'])
    .where('entity', '=', 'realisasi')
    .where('entity_id', 'in', realisasiIds)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
}

/** The indicators of an OPD's Renstra covering the year, per bidang in display order. */
export async function indicatorsOfYear(db: Executor, opdId: number, year: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.code', 'i.name', 'i.pola_ukur', 'i.unit_id', 'u.name as unit_name', 'u.short_name as unit_short'])
    .where('p.opd_id', '=', opdId)
    .where('p.start_year', '<=', year)
    .where('p.end_year', '>=', year)
    .where('i.deleted_at', 'is', null)
    .orderBy('u.sort_order')
    .orderBy('u.name')
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute()
}

/** The workflow state of the realisations of one quarter. */
export async function realisasiStatesOfQuarter(db: Executor, ids: number[], year: number, quarter: Quarter) {
  if (!ids.length) return []
  return db
    .selectFrom('realisasi')
    .select(['indicator_id', 'status', 'is_late', 'is_historical'])
    .where('indicator_id', 'in', ids)
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .execute()
}

/** Kendala / tindak lanjut written on the realisations of the given quarters of a year. */
export async function narrativesOf(db: Executor, ids: number[], year: number, quarters: Quarter[]) {
  if (!ids.length) return []
  return db
    .selectFrom('realisasi')
    .select(['indicator_id', 'quarter', 'kendala', 'tindak_lanjut', 'status'])
    .where('indicator_id', 'in', ids)
    .where('year', '=', year)
    .where('quarter', 'in', quarters)
    .where((eb) => eb.or([eb('kendala', 'is not', null), eb('tindak_lanjut', 'is not', null)]))
    .orderBy('indicator_id')
    .orderBy('quarter')
    .execute()
}

/** Public evidence links: verified realisations of the quarters whose bukti is not internal. */
export async function publicEvidenceOf(db: Executor, ids: number[], year: number, quarters: Quarter[]) {
  if (!ids.length) return []
  return db
    .selectFrom('realisasi')
    .select(['indicator_id', 'quarter', 'bukti_link'])
    .where('indicator_id', 'in', ids)
    .where('year', '=', year)
    .where('quarter', 'in', quarters)
    .where('status', '=', 'diverifikasi')
    .where('bukti_internal', '=', 0)
    .where('bukti_link', 'is not', null)
    .orderBy('indicator_id')
    .orderBy('quarter')
    .execute()
}

/** A live indicator's code, name, cell (aspect × strategy), unit and OPD; undefined when missing or deleted. */
export async function indicatorCellOf(db: Executor, indicatorId: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.name', 'i.aspect', 'i.strategy', 'i.unit_id', 'p.opd_id'])
    .where('i.id', '=', indicatorId)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** Every live indicator of an OPD (all its Renstra periods), by code. */
export async function liveIndicatorsOfOpdByCode(db: Executor, opdId: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.name'])
    .where('p.opd_id', '=', opdId)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.code')
    .execute()
}

/** The live indicators of an OPD's open Renstra periods, with the years of their period, in display order. */
export async function indicatorsOfOpenPeriods(db: Executor, opdId: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.name', 'i.satuan', 'rp.start_year', 'rp.end_year'])
    .where('rp.opd_id', '=', opdId)
    .where('rp.closed', '=', 0)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute()
}
