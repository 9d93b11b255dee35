// Read model of /impor/historis/isi: the indicators of the user's OPD (live Renstra periods), the
// years they cover, and the latest historical rows entered, so perencanaan sees what is there.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { indicatorsOfOpenPeriods } from '../models/dashboard-read.server'
import { recentHistoricalRealisasi } from '../models/realisasi.server'

export interface HistorisFormData {
  indicators: { id: number; code: string; name: string; satuan: string }[]
  years: number[]
  recent: { code: string; year: number; quarter: number; value: number | null; bukti: string | null }[]
}

export async function historisFormData(db: Executor, user: SessionUser): Promise<HistorisFormData> {
  if (user.opdId == null) return { indicators: [], years: [], recent: [] }
  const rows = await indicatorsOfOpenPeriods(db, user.opdId)
  const years = new Set<number>()
  for (const r of rows) for (let y = r.start_year; y <= r.end_year; y++) years.add(y)
  const recent = await recentHistoricalRealisasi(db, user.opdId, 10)
  return {
    indicators: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, satuan: r.satuan })),
    years: [...years].sort((a, b) => a - b),
    recent: recent.map((r) => ({ ...r, value: r.value == null ? null : Number(r.value) })),
  }
}
