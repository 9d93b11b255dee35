// Shared parts of the indicator use cases: the result shape (a refusal is shaped for the form by
// indicator-form.server.ts), the audit snapshots of an indicator and
// of one year's targets, and the comparison of targets before and after a change.
import { defaultRenstraMode, parseDecimalInput } from '../../domain'
import type { IndicatorTargets, IndicatorWithPeriod } from '../../models/renstra.server'
import type { IndicatorFormValues } from '../../utils/renstra-fields'
import { num, round6, sameNumber, type Refusal } from './common.server'
import type { IndicatorRefusal } from './indicator-form.server'
import type { IndicatorFields, ParsedIndicator } from './indicator-validate.server'

export type TargetSet = { annual: Record<number, number>; quarterly: Record<string, number> }

/** The indicator fields kept in the audit trail's before/after JSON. */
export function indicatorSnapshot(i: Pick<IndicatorWithPeriod, 'id' | 'period_id' | 'version' | 'deleted_at' | 'deleted_reason'> & IndicatorFields) {
  return {
    id: i.id,
    period_id: i.period_id,
    code: i.code,
    name: i.name,
    satuan: i.satuan,
    polarity: i.polarity,
    pola_ukur: i.pola_ukur,
    renstra_mode: i.renstra_mode ?? defaultRenstraMode(i.pola_ukur),
    aspect: i.aspect,
    strategy: i.strategy,
    weight: num(i.weight),
    unit_id: i.unit_id,
    sasaran_id: i.sasaran_id,
    program_id: i.program_id,
    baseline: num(i.baseline),
    baseline_year: i.baseline_year,
    target_akhir: num(i.target_akhir),
    min_value: num(i.min_value),
    max_value: num(i.max_value),
    definition: i.definition,
    version: i.version,
    deleted_at: i.deleted_at,
    deleted_reason: i.deleted_reason,
  }
}

/** One year's targets as kept in the audit trail: the annual target and the quarterly ones that are set. */
export function targetSnapshot(indicatorId: number, year: number, t: IndicatorTargets | TargetSet) {
  const quarters: Record<string, number> = {}
  for (let q = 1; q <= 4; q++) {
    const v = t.quarterly[`${year}-${q}`]
    if (v !== undefined) quarters[`tw${q}`] = v
  }
  const annual = t.annual[year]
  if (annual === undefined && Object.keys(quarters).length === 0) return null
  return { indicator_id: indicatorId, year, target: annual ?? null, ...quarters }
}

export function yearChanged(year: number, before: IndicatorTargets, after: TargetSet): boolean {
  if (!sameNumber(before.annual[year], after.annual[year])) return true
  for (let q = 1; q <= 4; q++) if (!sameNumber(before.quarterly[`${year}-${q}`], after.quarterly[`${year}-${q}`])) return true
  return false
}

export type IndicatorSaveResult = { ok: true; id: number; changed: boolean; message: string } | IndicatorRefusal

/** A refusal of the indicator form: with field problems, the count above the form; else the first general problem. */
export function refused(e: Refusal, reasonYears: number[] = []): IndicatorRefusal {
  const n = e.general.length + Object.keys(e.errors).length
  const message = Object.keys(e.errors).length ? `Ada ${n} masalah; tidak ada yang disimpan. Perbaiki lalu kirim lagi.` : (e.general[0] ?? e.message)
  return { ok: false, status: e.status, message, errors: e.errors, general: e.general, reasonYears, conflict: null }
}

/** The targets as typed (unparseable ones as NaN, so they count as changed). */
export function typedTargets(values: IndicatorFormValues, years: number[]): TargetSet {
  const read = (raw: string | undefined): number | undefined => {
    const p = parseDecimalInput(raw ?? '')
    if (p === null) return undefined
    return typeof p === 'string' ? Number.NaN : round6(p)
  }
  const annual: Record<number, number> = {}
  const quarterly: Record<string, number> = {}
  for (const y of years) {
    const a = read(values.targets[y])
    if (a !== undefined) annual[y] = a
    for (let q = 1; q <= 4; q++) {
      const v = read(values.quarters[`${y}-${q}`])
      if (v !== undefined) quarterly[`${y}-${q}`] = v
    }
  }
  return { annual, quarterly }
}

export function quarterlyAfter(before: IndicatorTargets, parsed: ParsedIndicator, years: number[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(before.quarterly)) if (!years.includes(Number(k.split('-')[0]))) out[k] = v // outside the form: untouched
  for (const [k, v] of Object.entries(parsed.quarters)) out[k] = v
  return out
}
