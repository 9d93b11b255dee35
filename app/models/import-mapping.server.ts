// The column mapping perencanaan last used for a Renstra source, remembered per OPD and source
// in app_setting under `impor_renstra_kolom:<opd id>:<source>` (no table of its own; ADR 0019).
import type { Executor } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'

export const mappingKey = (opdId: number, source: string) => `impor_renstra_kolom:${opdId}:${source}`

export async function getSourceMapping(db: Executor, opdId: number, source: string): Promise<Record<string, string> | null> {
  const row = await db.selectFrom('app_setting').select('value_json').where('key', '=', mappingKey(opdId, source)).executeTakeFirst()
  if (!row) return null
  try {
    const v = JSON.parse(row.value_json) as unknown
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null
    const out: Record<string, string> = {}
    for (const [k, t] of Object.entries(v as Record<string, unknown>)) if (typeof t === 'string') out[k] = t
    return out
  } catch {
    return null
  }
}

/** Select-then-insert/update (both dialects); returns the mapping it replaced. */
export async function putSourceMapping(
  db: Executor,
  opdId: number,
  source: string,
  mapping: Record<string, string>,
  userId: number | null,
): Promise<Record<string, string> | null> {
  const before = await getSourceMapping(db, opdId, source)
  const key = mappingKey(opdId, source)
  const t = toDbTime(now())
  const json = JSON.stringify(mapping)
  if (before !== null || (await db.selectFrom('app_setting').select('key').where('key', '=', key).executeTakeFirst())) {
    await db.updateTable('app_setting').set({ value_json: json, updated_at: t, updated_by: userId }).where('key', '=', key).execute()
  } else await db.insertInto('app_setting').values({ key, value_json: json, updated_at: t, updated_by: userId }).execute()
  return before
}
