// The writes of a source import, inside the caller's ONE transaction, each with its audit row:
// tujuan and sasaran found by name or created, programmes outermost first with their pagu, new
// indicators with their targets, and changed ones (targets, and the programme link of an
// indicator that had none).
import type { Executor } from '../../../utils/db.server'
import { writeAudit, type AuditEntry } from '../../audit.server'
import { ImportConflict } from '../renstra-import-shared.server'
import { maxSortOrder } from '../../../models/renstra.server'
import { liveSasaranOfTujuan, liveTujuanOfPeriod, tujuanCodeOf } from '../../../models/renstra-content.server'
import { insertAnnualTarget, insertIndicator, insertProgram, insertSasaran, insertTujuan, updateAnnualTarget, updateIndicatorAtVersion } from '../../../models/renstra-write.server'
import { insertPagu, setProgramPaguOfYear } from '../../../models/budget.server'
import { SOURCE_DEFAULTS, type PlannedIndicator, type PlannedProgram } from './plan-source.server'

export interface SourceWriter {
  trx: Executor
  periodId: number
  startYear: number
  /** Time of the change (database format). */
  t: string
  userId: number
  audit: (entity: string, entityId: number, action: string, before: unknown, after: unknown) => AuditEntry
}

export interface SourceWriteCounts {
  created: number
  updated: number
  programs: number
  paguWritten: number
}

export async function writeSourcePlan(w: SourceWriter, programs: PlannedProgram[], indicators: PlannedIndicator[]): Promise<SourceWriteCounts> {
  const goals = goalsOf(w)
  const { progIds, paguWritten } = await writePrograms(w, programs, goals)
  const { created, updated } = await writeIndicators(w, indicators, progIds, goals)
  return { created, updated, programs: programs.filter((p) => p.existingId === null).length, paguWritten }
}

type Goals = ReturnType<typeof goalsOf>

/** Tujuan and sasaran of the period by name, created (and audited) the first time one is missing. */
function goalsOf(w: SourceWriter) {
  const { trx, periodId } = w
  const tujuanIds = new Map<string, number>()
  const sasaranIds = new Map<string, number>()
  const tujuanOf = async (name: string | null): Promise<number | null> => {
    if (!name) return null
    const k = name.toLowerCase()
    if (tujuanIds.has(k)) return tujuanIds.get(k)!
    const all = await liveTujuanOfPeriod(trx, periodId)
    let id = all.find((x) => x.name.toLowerCase() === k)?.id
    if (!id) {
      const row = { period_id: periodId, code: `T${all.length + 1}`, name, sort_order: all.length + 1, deleted_at: null }
      id = await insertTujuan(trx, row)
      await writeAudit(trx, w.audit('tujuan', id, 'import_create', null, { id, ...row }))
    }
    tujuanIds.set(k, id)
    return id
  }
  const sasaranOf = async (tujuan: string | null, name: string | null): Promise<number | null> => {
    const tid = await tujuanOf(tujuan ?? (name ? 'Tujuan (dari impor)' : null))
    if (!name || tid === null) return null
    const k = `${tid}|${name.toLowerCase()}`
    if (sasaranIds.has(k)) return sasaranIds.get(k)!
    const all = await liveSasaranOfTujuan(trx, tid)
    let id = all.find((x) => x.name.toLowerCase() === name.toLowerCase())?.id
    if (!id) {
      const tcode = await tujuanCodeOf(trx, tid)
      const row = { tujuan_id: tid, code: `S${tcode.replace(/^T/, '')}.${all.length + 1}`, name, sort_order: all.length + 1, deleted_at: null }
      id = await insertSasaran(trx, row)
      await writeAudit(trx, w.audit('sasaran', id, 'import_create', null, { id, ...row }))
    }
    sasaranIds.set(k, id)
    return id
  }
  return { sasaranOf }
}

const LEVEL_ORDER = { program: 0, kegiatan: 1, subkegiatan: 2 } as const

/** Programmes outermost first, so a kegiatan finds its program's id; then each one's pagu. */
async function writePrograms(w: SourceWriter, programs: PlannedProgram[], goals: Goals): Promise<{ progIds: Map<string, number>; paguWritten: number }> {
  const progIds = new Map<string, number>()
  let sort = await maxSortOrder(w.trx, 'program', w.periodId)
  let paguWritten = 0
  for (const p of [...programs].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level])) {
    let id = p.existingId
    if (id === null) {
      const row = {
        period_id: w.periodId,
        sasaran_id: p.level === 'program' ? await goals.sasaranOf(p.tujuan, p.sasaran) : null,
        parent_id: p.parentCode ? (progIds.get(p.parentCode) ?? null) : null,
        kind: p.level,
        code: p.code,
        name: p.name,
        unit_id: p.unitId,
        sort_order: ++sort,
        deleted_at: null,
      }
      id = await insertProgram(w.trx, row)
      await writeAudit(w.trx, w.audit('program', id, 'import_create', null, { id, ...row }))
    }
    progIds.set(p.code, id)
    paguWritten += await writePagu(w, id, p)
  }
  return { progIds, paguWritten }
}

async function writePagu(w: SourceWriter, id: number, p: PlannedProgram): Promise<number> {
  let written = 0
  for (const [yRaw, v] of Object.entries(p.pagu)) {
    const y = Number(yRaw)
    const b = p.paguBefore[y]
    if (b === v) continue
    if (b === undefined) await insertPagu(w.trx, { program_id: id, year: y, pagu: v, version: 1, updated_at: w.t, updated_by: w.userId })
    else await setProgramPaguOfYear(w.trx, id, y, { pagu: v, updated_at: w.t, updated_by: w.userId })
    const before = b === undefined ? null : { program_id: id, year: y, pagu: b }
    await writeAudit(w.trx, w.audit('program_pagu', id, b === undefined ? 'import_create' : 'import_update', before, { program_id: id, year: y, pagu: v }))
    written++
  }
  return written
}

async function writeIndicators(w: SourceWriter, indicators: PlannedIndicator[], progIds: Map<string, number>, goals: Goals): Promise<{ created: number; updated: number }> {
  let created = 0
  let updated = 0
  let sort = await maxSortOrder(w.trx, 'indicator', w.periodId)
  for (const i of indicators) {
    const programId = i.linkProgram ? (progIds.get(i.linkProgram) ?? null) : null
    if (!i.existing) {
      await createIndicator(w, i, programId, ++sort, goals)
      created++
    } else if (await updateIndicator(w, i, i.existing, programId)) updated++
  }
  return { created, updated }
}

async function createIndicator(w: SourceWriter, i: PlannedIndicator, programId: number | null, sortOrder: number, goals: Goals): Promise<void> {
  const fields = {
    period_id: w.periodId,
    sasaran_id: await goals.sasaranOf(i.row.tujuan, i.row.sasaran),
    program_id: programId,
    unit_id: i.unitId,
    code: i.code,
    name: i.row.indicator!,
    satuan: i.row.satuan!,
    ...SOURCE_DEFAULTS,
    renstra_mode: null,
    weight: 1,
    baseline: i.row.baseline,
    baseline_year: i.row.baseline !== null ? w.startYear - 1 : null,
    target_akhir: i.row.targetAkhir,
    min_value: null,
    max_value: null,
    definition: null,
  }
  const id = await insertIndicator(w.trx, { ...fields, sort_order: sortOrder, version: 1, created_at: w.t, updated_at: w.t, deleted_at: null, deleted_reason: null })
  for (const [y, v] of Object.entries(i.row.targets)) await insertAnnualTarget(w.trx, id, Number(y), v)
  await writeAudit(w.trx, w.audit('indicator', id, 'import_create', null, { id, version: 1, ...fields, targets: i.row.targets }))
}

/** Changed targets and, for an indicator without a programme, its link; false = nothing to write. */
async function updateIndicator(w: SourceWriter, i: PlannedIndicator, ex: NonNullable<PlannedIndicator['existing']>, programId: number | null): Promise<boolean> {
  const link = programId !== null ? { program_id: programId } : null
  if (!Object.keys(i.changedTargets).length && !link) return false
  const updatedRows = await updateIndicatorAtVersion(w.trx, ex.id, ex.version, { version: ex.version + 1, updated_at: w.t, ...link })
  if (updatedRows !== 1) throw new ImportConflict(i.code)
  for (const [yRaw, v] of Object.entries(i.changedTargets)) {
    const y = Number(yRaw)
    if (ex.targets[y] === undefined) await insertAnnualTarget(w.trx, ex.id, y, v)
    else await updateAnnualTarget(w.trx, ex.id, y, v)
  }
  const before = { id: ex.id, version: ex.version, ...(link && { program_id: null }), targets: ex.targets }
  const after = { id: ex.id, version: ex.version + 1, ...link, targets: { ...ex.targets, ...i.changedTargets } }
  await writeAudit(w.trx, w.audit('indicator', ex.id, 'import_update', before, after))
  return true
}
