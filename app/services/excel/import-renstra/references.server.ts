// What a Renstra import compares against: the period's indicators as stored (with their targets
// and the years that already have verified realisations) and the codes of units, sasaran and
// programmes a row may name.
import type { Executor } from '../../../utils/db.server'
import { defaultRenstraMode } from '../../../domain'
import type { IndicatorFields } from '../../renstra/indicator-validate.server'
import { cleanOptional, round6 } from '../import-common.server'
import { storedTargets, unitIdsByCode } from '../renstra-import-shared.server'
import { unitsOfOpd, type RenstraPeriodRow } from '../templates.server'
import { allIndicatorsOfPeriod, liveProgramsOfPeriod, liveSasaranCodesOfPeriod } from '../../../models/renstra-content.server'
import { verifiedIndicatorYears } from '../../../models/renstra.server'

/** The indicator fields a Renstra row sets: the same shape the Renstra form saves. */
export type Fields = IndicatorFields

export type ExistingIndicator = Awaited<ReturnType<typeof loadExisting>>[number]

export async function loadExisting(db: Executor, periodId: number) {
  return allIndicatorsOfPeriod(db, periodId)
}

const num6 = (v: unknown): number | null => (v == null ? null : round6(Number(v)))

export function fieldsOfExisting(e: ExistingIndicator): Fields {
  return {
    code: e.code,
    name: e.name,
    satuan: e.satuan,
    polarity: e.polarity,
    pola_ukur: e.pola_ukur,
    renstra_mode: e.renstra_mode ?? defaultRenstraMode(e.pola_ukur),
    aspect: e.aspect,
    strategy: e.strategy,
    weight: num6(e.weight) ?? 1,
    unit_id: e.unit_id,
    sasaran_id: e.sasaran_id,
    program_id: e.program_id,
    baseline: num6(e.baseline),
    baseline_year: e.baseline_year,
    target_akhir: num6(e.target_akhir),
    min_value: num6(e.min_value),
    max_value: num6(e.max_value),
    definition: cleanOptional(e.definition),
  }
}

export type References = Awaited<ReturnType<typeof loadReferences>>

/** Units, sasaran and programmes of the OPD's period by code, and the period's stored indicators. */
export async function loadReferences(db: Executor, opd: { id: number; code: string }, periodRow: RenstraPeriodRow) {
  const units = await unitsOfOpd(db, opd.id)
  const unitByCode = unitIdsByCode(units, opd.code)
  const sasaran = await liveSasaranCodesOfPeriod(db, periodRow.id)
  const sasaranByCode = new Map(sasaran.map((s) => [s.code.toLowerCase(), s.id]))
  const programs = await liveProgramsOfPeriod(db, periodRow.id)
  const programByCode = new Map(programs.map((p) => [p.code.toLowerCase(), p.id]))
  const existingRows = await loadExisting(db, periodRow.id)
  const existing = new Map(existingRows.map((e) => [e.code.toLowerCase(), e]))
  const existingIds = existingRows.map((e) => e.id)
  const targetsBefore = await storedTargets(db, existingIds)
  const verified = new Set<string>()
  if (existingIds.length) {
    for (const v of await verifiedIndicatorYears(db, existingIds)) {
      verified.add(`${v.indicator_id}|${v.year}`)
    }
  }
  return { units, unitByCode, sasaran, sasaranByCode, programs, programByCode, existing, targetsBefore, verified }
}
