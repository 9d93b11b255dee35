// Application settings stored as key → JSON in app_setting, with defaults from the domain.
import type { Executor } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { DEFAULT_DROP_TOLERANCE, DEFAULT_SETTINGS, validateBands } from '../domain'
import type { PredikatBand, ScoringSettings } from '../domain/types'

export interface AppSettings {
  scoring: ScoringSettings
  /** Public transparency page (no login): off by default. */
  publicPageEnabled: boolean
}

export const SETTING_KEYS = ['predikat_bands', 'cap', 'deadline_days', 'time_zone', 'drop_tolerance', 'public_page_enabled'] as const
export type SettingKey = (typeof SETTING_KEYS)[number]

export async function getSettings(db: Executor): Promise<AppSettings> {
  const rows = await db.selectFrom('app_setting').select(['key', 'value_json']).execute()
  const map = new Map(rows.map((r) => [r.key, safeParse(r.value_json)]))
  const bands = map.get('predikat_bands') as PredikatBand[] | undefined
  const cap = map.get('cap')
  const deadlineDays = map.get('deadline_days')
  const timeZone = map.get('time_zone')
  const dropTolerance = map.get('drop_tolerance')
  return {
    scoring: {
      bands: Array.isArray(bands) && validateBands(bands).length === 0 ? bands : [...DEFAULT_SETTINGS.bands],
      cap: typeof cap === 'number' && cap > 0 ? cap : DEFAULT_SETTINGS.cap,
      deadlineDays: typeof deadlineDays === 'number' && deadlineDays >= 0 ? deadlineDays : DEFAULT_SETTINGS.deadlineDays,
      timeZone: typeof timeZone === 'string' && timeZone ? timeZone : DEFAULT_SETTINGS.timeZone,
      dropTolerance: typeof dropTolerance === 'number' && Number.isFinite(dropTolerance) && dropTolerance >= 0 ? dropTolerance : DEFAULT_DROP_TOLERANCE,
    },
    publicPageEnabled: map.get('public_page_enabled') === true,
  }
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v)
  } catch {
    return undefined
  }
}

/** Writes one setting (select-then-insert/update: works on both dialects). Call inside a transaction with the audit row. */
export async function putSetting(db: Executor, key: SettingKey, value: unknown, userId: number | null): Promise<{ before: unknown }> {
  const existing = await db.selectFrom('app_setting').select('value_json').where('key', '=', key).executeTakeFirst()
  const t = toDbTime(now())
  const json = JSON.stringify(value)
  if (existing) await db.updateTable('app_setting').set({ value_json: json, updated_at: t, updated_by: userId }).where('key', '=', key).execute()
  else await db.insertInto('app_setting').values({ key, value_json: json, updated_at: t, updated_by: userId }).execute()
  return { before: existing ? safeParse(existing.value_json) : undefined }
}
