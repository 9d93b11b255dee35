// The organisation, its Renstra and indicators as read-only overviews.
import type { Executor } from '../utils/db.server'

export async function listOpd(db: Executor) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'city']).where('kind', '=', 'opd').orderBy('sort_order').orderBy('name').execute()
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
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'short_name', 'kind'])
    .where('parent_id', '=', opdId)
    .orderBy('sort_order')
    .execute()
  if (!period) return { opd, period: null, tujuan: [], units, indicators: [] }
  const tujuan = await db.selectFrom('tujuan').selectAll().where('period_id', '=', period.id).where('deleted_at', 'is', null).orderBy('sort_order').execute()
  const sasaran = tujuan.length
    ? await db.selectFrom('sasaran').selectAll().where('tujuan_id', 'in', tujuan.map((t) => t.id)).where('deleted_at', 'is', null).orderBy('sort_order').execute()
    : []
  const indicators = await db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .leftJoin('indicator_target as t', (j) => j.onRef('t.indicator_id', '=', 'i.id').on('t.year', '=', year))
    .select(['i.id', 'i.code', 'i.name', 'i.satuan', 'i.polarity', 'i.pola_ukur', 'i.aspect', 'i.strategy', 'i.weight', 'i.baseline', 'i.target_akhir', 'i.sasaran_id', 'u.short_name as unit_short', 'u.name as unit_name', 't.target as target_tahun_ini'])
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
