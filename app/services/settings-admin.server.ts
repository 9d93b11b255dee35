// The admin settings form: parse what was typed, validate it (bands through the domain's
// validateBands), and save the changed keys with one audit row each, in one transaction.
import { z } from 'zod'
import type { DB } from '../utils/db.server'
import { writeTransaction } from '../utils/db.server'
import { DEFAULT_DROP_TOLERANCE, parseDecimalInput, validateBands, type PredikatBand } from '../domain'
import { getSettings, putSetting, type AppSettings, type SettingKey } from '../models/settings.server'
import { actorOf, writeAudit } from './audit.server'
import { forbidden, type SessionUser } from './auth.server'

/** Settings are city-wide (ADR 0010): only a city-level admin changes them. */
import { SETTINGS_CITY_ONLY } from '../utils/page-shared'

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
 * The settings form's schema (ADR 0024). The band keys (they name the colours) and the number of
 * bands come from the current settings, never from the form: only labels and bounds are edited
 * here. A form without the dropTolerance input at all (an older page still open) keeps the stored
 * tolerance. Problems of the band table as a whole (overlap, gap …, from the domain's
 * validateBands) are the messages of the field `bands`; the others sit on their input
 * (band_label_0, band_min_2, cap, deadlineDays, timeZone, dropTolerance).
 */
export function settingsFormSchema(current: AppSettings) {
  return z.record(z.string()).transform((raw, ctx): ParsedSettings => {
    const s = (k: string) => (raw[k] ?? '').trim()
    const problem = (field: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message })
    const bands: PredikatBand[] = []
    let boundsOk = true
    current.scoring.bands.forEach((b, i) => {
      const label = s(`band_label_${i}`)
      if (label.length > 60) problem(`band_label_${i}`, 'Label maksimal 60 karakter.')
      const bound = (field: string): number | null => {
        const v = parseDecimalInput(s(field))
        if (typeof v !== 'string') return v
        problem(field, v)
        boundsOk = false
        return null
      }
      bands.push({ key: b.key, label, min: bound(`band_min_${i}`), max: bound(`band_max_${i}`) })
    })
    if (boundsOk) for (const message of validateBands(bands)) problem('bands', message)

    const cap = parseDecimalInput(s('cap'))
    if (cap === null) problem('cap', 'Batas atas capaian wajib diisi.')
    else if (typeof cap === 'string') problem('cap', cap)
    else if (cap < CAP_MIN || cap > CAP_MAX) problem('cap', `Batas atas capaian harus antara ${CAP_MIN} dan ${CAP_MAX} persen.`)

    const deadline = parseDecimalInput(s('deadlineDays'))
    if (deadline === null) problem('deadlineDays', 'Batas waktu pengisian wajib diisi.')
    else if (typeof deadline === 'string') problem('deadlineDays', deadline)
    else if (!Number.isInteger(deadline) || deadline < 0 || deadline > DEADLINE_MAX) problem('deadlineDays', `Batas waktu pengisian berupa bilangan bulat 0–${DEADLINE_MAX} hari.`)

    const tolerance = 'dropTolerance' in raw ? parseDecimalInput(s('dropTolerance')) : (current.scoring.dropTolerance ?? DEFAULT_DROP_TOLERANCE)
    if (tolerance === null) problem('dropTolerance', 'Toleransi penurunan skor wajib diisi (bawaan 1).')
    else if (typeof tolerance === 'string') problem('dropTolerance', tolerance)
    else if (tolerance < 0 || tolerance > DROP_TOLERANCE_MAX) problem('dropTolerance', `Toleransi penurunan skor harus antara 0 dan ${DROP_TOLERANCE_MAX} poin.`)
    else if (Math.abs(tolerance * 100 - Math.round(tolerance * 100)) > 1e-9)
      problem('dropTolerance', 'Toleransi penurunan skor paling banyak dua angka desimal, seperti skor yang ditampilkan (misalnya 0,5 atau 1,25).')

    const timeZone = s('timeZone')
    const tz = canonicalTimeZone(timeZone)
    if (!timeZone) problem('timeZone', 'Zona waktu wajib diisi, misalnya Asia/Jakarta.')
    else if (!tz) problem('timeZone', `Zona waktu "${timeZone}" tidak dikenal. Gunakan nama IANA, misalnya Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).`)

    const publicPageEnabled = raw.publicPageEnabled === 'on' || raw.publicPageEnabled === '1'
    // on a problem zod discards this value; the numbers below are then never read
    return { bands, cap: Number(cap), deadlineDays: Number(deadline), timeZone: tz ?? '', dropTolerance: Number(tolerance), publicPageEnabled }
  })
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
