// The admin settings form: parse what was typed, validate it (bands through the domain's
// validateBands), and save the changed keys with one audit row each, in one transaction.
import type { DB } from '../utils/db.server'
import { writeTransaction } from '../utils/db.server'
import { DEFAULT_DROP_TOLERANCE, parseDecimalInput, validateBands, type PredikatBand } from '../domain'
import { getSettings, putSetting, type AppSettings, type SettingKey } from '../models/settings.server'
import { actorOf, writeAudit } from './audit.server'
import { forbidden, type SessionUser } from './auth.server'

/** Settings are city-wide (ADR 0010): only a city-level admin changes them. */
export const SETTINGS_CITY_ONLY = 'Pengaturan berlaku untuk seluruh perangkat daerah; hanya administrator tingkat kota yang dapat mengubahnya. Hubungi administrator kota.'

/** 403 for an admin placed in an OPD (he may read the settings, not change them). */
export function assertMayChangeSettings(actor: Pick<SessionUser, 'opdId'>): void {
  if (actor.opdId != null) forbidden(SETTINGS_CITY_ONLY)
}

export interface SettingsFormValues {
  bands: { key: string; label: string; min: string; max: string }[]
  cap: string
  deadlineDays: string
  timeZone: string
  dropTolerance: string
  publicPageEnabled: boolean
}

export interface SettingsFormErrors {
  /** Problems of the band table as a whole (overlap, gap, missing label …), from validateBands. */
  bands: string[]
  /** Per-input errors: band_label_0, band_min_2, cap, deadlineDays, timeZone, dropTolerance. */
  fields: Record<string, string>
}

export const CAP_MIN = 100
export const CAP_MAX = 1000
export const DEADLINE_MAX = 90
/** Flag 3's tolerance: 0 (every shown fall counts) to this many points. */
export const DROP_TOLERANCE_MAX = 50
export const TIME_ZONE_SUGGESTIONS = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC'] as const

const fmt = (n: number | null) => (n == null ? '' : String(n).replace('.', ','))

export function formValuesOf(s: AppSettings): SettingsFormValues {
  return {
    bands: s.scoring.bands.map((b) => ({ key: b.key, label: b.label, min: fmt(b.min), max: fmt(b.max) })),
    cap: fmt(s.scoring.cap),
    deadlineDays: String(s.scoring.deadlineDays),
    timeZone: s.scoring.timeZone,
    dropTolerance: fmt(s.scoring.dropTolerance ?? DEFAULT_DROP_TOLERANCE),
    publicPageEnabled: s.publicPageEnabled,
  }
}

/** A canonical IANA time zone name, or null when Intl does not know it. */
export function canonicalTimeZone(tz: string): string | null {
  if (!tz || tz.length > 64) return null
  try {
    return new Intl.DateTimeFormat('id-ID', { timeZone: tz }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export interface ParsedSettings {
  bands: PredikatBand[]
  cap: number
  deadlineDays: number
  timeZone: string
  dropTolerance: number
  publicPageEnabled: boolean
}

/**
 * Reads the form. The band keys (they name the colours) and the number of bands come from the
 * current settings, never from the form: only labels and bounds are edited here. A form without
 * the dropTolerance input at all (an older page still open) keeps the stored tolerance.
 */
export function parseSettingsForm(form: FormData, current: AppSettings): { values: SettingsFormValues; errors: SettingsFormErrors; parsed: ParsedSettings | null } {
  const s = (k: string) => String(form.get(k) ?? '').trim()
  const errors: SettingsFormErrors = { bands: [], fields: {} }
  const values: SettingsFormValues = {
    bands: current.scoring.bands.map((b, i) => ({ key: b.key, label: s(`band_label_${i}`), min: s(`band_min_${i}`), max: s(`band_max_${i}`) })),
    cap: s('cap'),
    deadlineDays: s('deadlineDays'),
    timeZone: s('timeZone'),
    dropTolerance: form.has('dropTolerance') ? s('dropTolerance') : fmt(current.scoring.dropTolerance ?? DEFAULT_DROP_TOLERANCE),
    publicPageEnabled: form.get('publicPageEnabled') === 'on' || form.get('publicPageEnabled') === '1',
  }

  const bands: PredikatBand[] = []
  let boundsOk = true
  values.bands.forEach((b, i) => {
    if (b.label.length > 60) errors.fields[`band_label_${i}`] = 'Label maksimal 60 karakter.'
    const bound = (text: string, field: string): number | null => {
      const v = parseDecimalInput(text)
      if (typeof v === 'string') {
        errors.fields[field] = v
        boundsOk = false
        return null
      }
      return v
    }
    bands.push({ key: b.key, label: b.label, min: bound(b.min, `band_min_${i}`), max: bound(b.max, `band_max_${i}`) })
  })
  if (boundsOk) errors.bands = validateBands(bands)

  const cap = parseDecimalInput(values.cap)
  if (cap === null) errors.fields.cap = 'Batas atas capaian wajib diisi.'
  else if (typeof cap === 'string') errors.fields.cap = cap
  else if (cap < CAP_MIN || cap > CAP_MAX) errors.fields.cap = `Batas atas capaian harus antara ${CAP_MIN} dan ${CAP_MAX} persen.`

  const deadline = parseDecimalInput(values.deadlineDays)
  if (deadline === null) errors.fields.deadlineDays = 'Batas waktu pengisian wajib diisi.'
  else if (typeof deadline === 'string') errors.fields.deadlineDays = deadline
  else if (!Number.isInteger(deadline) || deadline < 0 || deadline > DEADLINE_MAX)
    errors.fields.deadlineDays = `Batas waktu pengisian berupa bilangan bulat 0–${DEADLINE_MAX} hari.`

  const tolerance = parseDecimalInput(values.dropTolerance)
  if (tolerance === null) errors.fields.dropTolerance = 'Toleransi penurunan skor wajib diisi (bawaan 1).'
  else if (typeof tolerance === 'string') errors.fields.dropTolerance = tolerance
  else if (tolerance < 0 || tolerance > DROP_TOLERANCE_MAX) errors.fields.dropTolerance = `Toleransi penurunan skor harus antara 0 dan ${DROP_TOLERANCE_MAX} poin.`
  else if (Math.abs(tolerance * 100 - Math.round(tolerance * 100)) > 1e-9)
    errors.fields.dropTolerance = 'Toleransi penurunan skor paling banyak dua angka desimal, seperti skor yang ditampilkan (misalnya 0,5 atau 1,25).'

  const tz = canonicalTimeZone(values.timeZone)
  if (!values.timeZone) errors.fields.timeZone = 'Zona waktu wajib diisi, misalnya Asia/Jakarta.'
  else if (!tz)
    errors.fields.timeZone = `Zona waktu "${values.timeZone}" tidak dikenal. Gunakan nama IANA, misalnya Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).`

  const failed = errors.bands.length > 0 || Object.keys(errors.fields).length > 0
  return {
    values,
    errors,
    parsed: failed
      ? null
      : { bands, cap: cap as number, deadlineDays: deadline as number, timeZone: tz!, dropTolerance: tolerance as number, publicPageEnabled: values.publicPageEnabled },
  }
}

/** Saves the keys whose value changed; one audit row per key, all in one transaction. Returns the changed keys. */
export async function saveSettings(db: DB, actor: SessionUser, next: ParsedSettings, requestId: string | null): Promise<SettingKey[]> {
  assertMayChangeSettings(actor)
  return writeTransaction(db, 'city', async (trx) => {
    const cur = await getSettings(trx)
    const pairs: [SettingKey, unknown, unknown][] = [
      ['predikat_bands', cur.scoring.bands.map(({ min, max, label, key }) => ({ min, max, label, key })), next.bands.map(({ min, max, label, key }) => ({ min, max, label, key }))],
      ['cap', cur.scoring.cap, next.cap],
      ['deadline_days', cur.scoring.deadlineDays, next.deadlineDays],
      ['time_zone', cur.scoring.timeZone, next.timeZone],
      ['drop_tolerance', cur.scoring.dropTolerance ?? DEFAULT_DROP_TOLERANCE, next.dropTolerance],
      ['public_page_enabled', cur.publicPageEnabled, next.publicPageEnabled],
    ]
    const changed: SettingKey[] = []
    for (const [key, before, after] of pairs) {
      if (JSON.stringify(before) === JSON.stringify(after)) continue
      await putSetting(trx, key, after, actor.id)
      // settings are city-wide: the row belongs to no OPD (city-level accounts read it)
      await writeAudit(trx, { actor: actorOf(actor), opdId: null, entity: 'setting', entityId: key, action: 'update', before, after, requestId })
      changed.push(key)
    }
    return changed
  })
}
