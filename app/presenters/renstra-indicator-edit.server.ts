// Read model of /renstra/indikator/:id: the indicator as form values, its period, the choices of the
// form, the years with verified realisations, who changed it last, and its history from the audit trail.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import {
  getIndicatorWithPeriod,
  getPeriod,
  indicatorHistory,
  lastIndicatorChange,
  realisasiCountsOf,
  targetsOfIndicator,
  verifiedYearsOf,
  type IndicatorTargets,
  type IndicatorWithPeriod,
} from '../models/renstra.server'
import { defaultRenstraMode, formatNumberTrim } from '../domain'
import { formatDateTime, toInputString } from '../utils/entry-format'
import { actionLabel } from '../utils/audit-labels'
import { emptyIndicatorValues, indicatorFieldLabel, yearsOf, type IndicatorField, type IndicatorFormValues } from '../utils/renstra-fields'
import { ROLE_LABELS, type Role } from '../utils/permissions'
import { notFound } from '../services/renstra/common.server'
import { indicatorOptions } from '../services/renstra/indicator-options.server'

/** An indicator as form values (what the edit page shows before anything is typed). */
export function valuesOfIndicator(i: IndicatorWithPeriod, t: IndicatorTargets, years: number[]): IndicatorFormValues {
  const v = emptyIndicatorValues()
  const s = (x: number | null) => (x == null ? '' : toInputString(x))
  Object.assign(v.fields, {
    code: i.code,
    name: i.name,
    satuan: i.satuan,
    polarity: i.polarity,
    pola_ukur: i.pola_ukur,
    renstra_mode: i.renstra_mode ?? defaultRenstraMode(i.pola_ukur),
    aspect: i.aspect,
    strategy: i.strategy,
    weight: s(i.weight),
    unit_id: String(i.unit_id),
    sasaran_id: i.sasaran_id == null ? '' : String(i.sasaran_id),
    program_id: i.program_id == null ? '' : String(i.program_id),
    baseline: s(i.baseline),
    baseline_year: i.baseline_year == null ? '' : String(i.baseline_year),
    target_akhir: s(i.target_akhir),
    min_value: s(i.min_value),
    max_value: s(i.max_value),
    definition: i.definition ?? '',
  } satisfies Record<IndicatorField, string>)
  for (const y of years) {
    v.targets[y] = s(t.annual[y] ?? null)
    for (let q = 1; q <= 4; q++) v.quarters[`${y}-${q}`] = s(t.quarterly[`${y}-${q}`] ?? null)
  }
  return v
}

/** One change of an indicator as the edit page's history panel shows it. */
export interface IndicatorChange {
  id: number
  at: string
  actor: string
  role: string
  action: string
  what: string
  reason: string | null
  changes: { label: string; before: string; after: string }[]
}

function historyValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–'
  if (typeof v === 'number') return formatNumberTrim(v, 6)
  return String(v)
}

const HISTORY_HIDDEN = new Set(['id', 'indicator_id', 'period_id', 'version'])
const HISTORY_LABELS: Record<string, string> = {
  target: 'Target tahunan',
  tw1: 'Target TW I',
  tw2: 'Target TW II',
  tw3: 'Target TW III',
  tw4: 'Target TW IV',
  deleted_at: 'Dihapus pada',
  deleted_reason: 'Alasan penghapusan',
  year: 'Tahun',
}

function diff(beforeJson: string | null, afterJson: string | null) {
  const parse = (s: string | null): Record<string, unknown> | null => {
    if (!s) return null
    try {
      const v = JSON.parse(s)
      return v && typeof v === 'object' ? v : null
    } catch {
      return null
    }
  }
  const b = parse(beforeJson)
  const a = parse(afterJson)
  const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])
  const out: { label: string; before: string; after: string }[] = []
  for (const k of keys) {
    if (HISTORY_HIDDEN.has(k)) continue
    if (JSON.stringify(b?.[k] ?? null) === JSON.stringify(a?.[k] ?? null)) continue
    out.push({ label: HISTORY_LABELS[k] ?? indicatorFieldLabel(k), before: historyValue(b?.[k]), after: historyValue(a?.[k]) })
  }
  return out
}

async function historyOf(db: Executor, indicatorId: number, timeZone: string): Promise<IndicatorChange[]> {
  const rows = await indicatorHistory(db, indicatorId)
  return rows.map((r) => ({
    id: r.id,
    at: formatDateTime(r.occurred_at, timeZone),
    actor: r.actor_name ?? r.actor_username ?? 'sistem',
    role: r.actor_role ? (ROLE_LABELS[r.actor_role as Role] ?? r.actor_role) : '',
    action: actionLabel(r.action),
    what: r.entity === 'indicator_target' ? `Target ${r.entity_id?.split(':')[1] ?? ''}` : 'Indikator',
    reason: r.reason,
    changes: diff(r.before_json, r.after_json),
  }))
}

export async function indicatorEditPageData(db: Executor, user: SessionUser, id: number) {
  const ind = await getIndicatorWithPeriod(db, id)
  // a user bound to an OPD sees only that OPD's indicators (404, not 403: no hint it exists)
  if (!ind || (user.opdId != null && user.opdId !== ind.opd_id)) notFound('Indikator tidak ditemukan.')
  const period = (await getPeriod(db, ind.period_id))!
  const years = yearsOf(period.start_year, period.end_year)
  const [targets, verifiedYears, counts, { options }, settings] = await Promise.all([
    targetsOfIndicator(db, id),
    verifiedYearsOf(db, id),
    realisasiCountsOf(db, id),
    indicatorOptions(db, period, ind),
    getSettings(db),
  ])
  const tz = settings.scoring.timeZone
  const last = await lastIndicatorChange(db, id)
  return {
    indicator: {
      id: ind.id,
      code: ind.code,
      name: ind.name,
      version: ind.version,
      deletedAt: ind.deleted_at ? formatDateTime(ind.deleted_at, tz) : null,
      deletedReason: ind.deleted_reason,
    },
    period: { id: period.id, name: period.name, startYear: period.start_year, endYear: period.end_year, closed: !!period.closed },
    years,
    timeZone: tz,
    values: valuesOfIndicator(ind, targets, years),
    options,
    verifiedYears: verifiedYears.filter((y) => years.includes(y)),
    realisasiCounts: counts,
    lastChange: last ? { name: last.name, at: formatDateTime(last.at, tz) } : null,
    history: await historyOf(db, id, tz),
    /** Whose copy on this device the form keeps: `<user>:<opd>`. */
    draftScope: `${user.id}:${ind.opd_id}`,
  }
}
