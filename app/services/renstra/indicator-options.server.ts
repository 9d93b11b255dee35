// The choices of the indicator form for a period (units, sasaran, programs) and the validation
// context built from them. Read by the indicator pages and by the create/update use cases.
import type { Executor } from '../../utils/db.server'
import { getUnit, programsOfPeriod, responsibleUnitsOf, sasaranOfPeriod, tujuanOfPeriod, type PeriodRow } from '../../models/renstra.server'
import { PROGRAM_KIND_LABELS } from '../../utils/renstra-fields'
import type { IndicatorOptions, ValidationContext } from './indicator-validate.server'

const unitLabel = (u: { name: string; short_name: string | null }) => u.name

/** The choices of the indicator form for a period (current values kept even when no longer offered). */
export async function indicatorOptions(
  db: Executor,
  period: PeriodRow,
  current?: { unit_id: number; sasaran_id: number | null; program_id: number | null },
): Promise<{ options: IndicatorOptions; ctx: Omit<ValidationContext, 'codes' | 'selfId' | 'years'> }> {
  const [units, sasaran, programs] = await Promise.all([responsibleUnitsOf(db, period.opd_id), sasaranOfPeriod(db, period.id), programsOfPeriod(db, period.id)])
  const unitList = units.map((u) => ({ id: u.id, label: unitLabel(u) }))
  if (current && !unitList.some((u) => u.id === current.unit_id)) {
    const u = await getUnit(db, current.unit_id)
    if (u) unitList.push({ id: u.id, label: `${u.name} (unit saat ini)` })
  }
  const liveSasaran = sasaran.filter((s) => (!s.deleted_at && !s.tujuan_deleted_at) || s.id === current?.sasaran_id)
  const liveProgram = programs.filter((p) => !p.deleted_at || p.id === current?.program_id)
  const tujuanCodes = new Map((await tujuanOfPeriod(db, period.id)).map((t) => [t.id, t.code]))
  return {
    options: {
      units: unitList,
      sasaran: liveSasaran.map((s) => ({ id: s.id, label: `${s.code} — ${s.name}${s.deleted_at ? ' (dihapus)' : ''}`, tujuanCode: tujuanCodes.get(s.tujuan_id) ?? '' })),
      programs: liveProgram.map((p) => ({
        id: p.id,
        label: `${p.code} — ${p.name} (${PROGRAM_KIND_LABELS[p.kind]})${p.deleted_at ? ' (dihapus)' : ''}`,
        sasaranId: p.sasaran_id,
        kind: p.kind,
      })),
    },
    ctx: {
      unitIds: new Set(unitList.map((u) => u.id)),
      sasaran: new Map(liveSasaran.map((s) => [s.id, { code: s.code }])),
      programs: new Map(liveProgram.map((p) => [p.id, { sasaranId: p.sasaran_id, code: p.code }])),
    },
  }
}
