// Read model of /impor/historis/isi: the indicators of the user's OPD (live Renstra periods), the
// years they cover, and the latest historical rows entered, so perencanaan sees what is there.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'

export interface HistorisFormData {
  indicators: { id: number; code: string; name: string; satuan: string }[]
  years: number[]
  recent: { code: string; year: number; quarter: number; value: number | null; bukti: string | null }[]
}

export async function historisFormData(db: Executor, user: SessionUser): Promise<HistorisFormData> {
  if (user.opdId == null) return { indicators: [], years: [], recent: [] }
  const rows = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.name', 'i.satuan', 'rp.start_year', 'rp.end_year'])
    .where('rp.opd_id', '=', user.opdId)
    .where('rp.closed', '=', 0)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute()
  const years = new Set<number>()
  for (const r of rows) for (let y = r.start_year; y <= r.end_year; y++) years.add(y)
  const recent = await db
    .selectFrom('realisasi as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.code', 'r.year', 'r.quarter', 'r.value', 'r.bukti_text as bukti'])
    .where('rp.opd_id', '=', user.opdId)
    .where('r.is_historical', '=', 1)
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(10)
    .execute()
  return {
    indicators: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, satuan: r.satuan })),
    years: [...years].sort((a, b) => a - b),
    recent: recent.map((r) => ({ ...r, value: r.value == null ? null : Number(r.value) })),
  }
}
