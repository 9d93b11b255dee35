// Import of a Renstra from T-C.27 / T-C.28 / SIPD (perencanaan): detect the source, propose the
// column mapping (the remembered one first), read the rows, and plan tujuan, sasaran, program →
// kegiatan → sub kegiatan, indicators with their targets, and pagu per year. Preview and commit
// follow the template import: the same plan shape (RenstraImportPlan), the commit recomputes the
// plan and must match the preview's hash, and everything is written in ONE transaction with its
// audit rows — or nothing is.
import type ExcelJS from 'exceljs'
import { writeTransaction, type DB, type Executor } from '../../../utils/db.server'
import { toDbTime } from '../../../../db/time'
import { now } from '../../../utils/clock.server'
import { actorOf, writeAudit } from '../../audit.server'
import type { SessionUser } from '../../auth.server'
import { getSourceMapping, putSourceMapping } from '../../../models/import-mapping.server'
import { getOpdCode } from '../../../models/organisation.server'
import { checkRowCap, issue, openUpload, type ImportIssue } from '../import-common.server'
import { CONFLICT_MESSAGE, ImportConflict, isDuplicateKey, outsideOwnOpd, refusedRenstraPlan, unitIdsByCode, type RenstraImportPlan } from '../renstra-import-shared.server'
import { renstraPeriodOf, shortUnitCode, unitsOfOpd, type RenstraPeriodRow } from '../templates.server'
import {
  FIELDS,
  REQUIRED,
  SOURCE_LABELS,
  detectSource,
  isAppTemplate,
  proposeMapping,
  readHeaders,
  type FieldKey,
  type Mapping,
  type SheetHeaders,
  type SourceKind,
} from './fields.server'
import { mappingProblems, readSourceRows, type ReadContext } from './read.server'
import {
  defaultsWarning,
  loadStoredRenstra,
  planIndicators,
  planPrograms,
  sourcePlanHash,
  sourcePreviewRows,
  type PlannedIndicator,
  type PlannedProgram,
  type UnitChoice,
} from './plan-source.server'
import { writeSourcePlan, type SourceWriter } from './commit-source.server'

export { SOURCE_DEFAULTS } from './plan-source.server'

export interface MappingView {
  source: SourceKind
  sourceLabel: string
  headerRow: number
  columns: { letter: string; title: string }[]
  fields: { key: FieldKey; label: string; required: boolean; column: string | null }[]
  remembered: boolean
  /** Units an indicator may go to when the file has no unit column (short codes). */
  units: { code: string; name: string }[]
  defaultUnit: string | null
}

export type SourceDetection = { kind: 'template' } | { kind: 'source'; source: SourceKind } | { kind: 'unknown'; issues: ImportIssue[] }

/** Is the upload the app's template, a known source, or neither? (Opens the file safely.) */
export async function detectRenstraUpload(bytes: Uint8Array): Promise<SourceDetection> {
  const opened = await openUpload(bytes)
  if (!opened.ok) return { kind: 'template' } // the template importer reports the file problems
  for (const ws of opened.workbook.worksheets) {
    const h = readHeaders(ws)
    if (!h) continue
    if (isAppTemplate(h)) return { kind: 'template' }
    const s = detectSource(h)
    if (s) return { kind: 'source', source: s }
  }
  return { kind: 'template' }
}

export interface SourcePlan {
  plan: RenstraImportPlan
  mapping: MappingView | null
  indicators: PlannedIndicator[]
  programs: PlannedProgram[]
  periodRow: RenstraPeriodRow | null
  mappingUsed: Mapping
}

type Opts = { mapping: Mapping | null; defaultUnit: string | null }

/** The first sheet whose header row names a known source. */
function findSourceSheet(wb: ExcelJS.Workbook): { ws: ExcelJS.Worksheet; headers: SheetHeaders; source: SourceKind } | null {
  for (const ws of wb.worksheets) {
    const headers = readHeaders(ws)
    const source = headers ? detectSource(headers) : null
    if (headers && source) return { ws, headers, source }
  }
  return null
}

/** The mapping used (posted, else remembered, else proposed; in canonical order) and its form view. */
async function mappingOf(db: Executor, opdId: number, source: SourceKind, headers: SheetHeaders, opts: Opts): Promise<{ mapping: Mapping; view: MappingView }> {
  const remembered = opts.mapping ? null : await getSourceMapping(db, opdId, source)
  const proposed = opts.mapping ?? proposeMapping(headers, remembered as Mapping | null)
  // canonical order, so the preview's hash and the commit's agree however the mapping was posted
  const mapping: Mapping = Object.fromEntries(FIELDS.filter((f) => proposed[f.key]).map((f) => [f.key, proposed[f.key]]))
  const view: MappingView = {
    source,
    sourceLabel: SOURCE_LABELS[source],
    headerRow: headers.headerRow,
    columns: headers.headers.map((h) => ({ letter: h.letter, title: h.title })),
    fields: FIELDS.map((f) => ({ key: f.key, label: f.label, required: REQUIRED[source].includes(f.key), column: mapping[f.key] ?? null })),
    remembered: !!remembered,
    units: [],
    defaultUnit: opts.defaultUnit,
  }
  return { mapping, view }
}

/** The OPD's units (listed on the mapping view) and the open Renstra period of `year`. */
async function opdAndPeriod(
  db: Executor,
  opdId: number,
  year: number,
  view: MappingView,
): Promise<{ error: string } | { opd: { id: number; code: string }; units: { id: number; code: string }[]; periodRow: RenstraPeriodRow }> {
  const opd = await getOpdCode(db, opdId)
  if (!opd) return { error: 'Perangkat daerah tidak ditemukan.' }
  const units = await unitsOfOpd(db, opdId)
  view.units = units.map((u) => ({ code: shortUnitCode(u.code, opd.code), name: u.name }))
  view.defaultUnit ??= view.units[0]?.code ?? null
  const periodRow = await renstraPeriodOf(db, opdId, year)
  if (!periodRow) return { error: 'Belum ada periode Renstra untuk perangkat daerah ini. Tambahkan periodenya di Renstra › Kelola, lalu impor lagi.' }
  if (periodRow.closed) return { error: `Periode ${periodRow.name} sudah ditutup; Renstra-nya tidak dapat diubah.` }
  return { opd, units, periodRow }
}

/** Units: the row's unit code, else the default chosen on the mapping form, else the first unit. */
function unitChoiceOf(units: { id: number; code: string }[], opd: { id: number; code: string }, defaultUnit: string | null, errors: ImportIssue[]): UnitChoice {
  const byCode = unitIdsByCode(units, opd.code)
  const chosen = defaultUnit ? byCode.get(defaultUnit.toLowerCase()) : undefined
  if (defaultUnit && chosen === undefined) errors.push(issue(`Unit bawaan "${defaultUnit}" tidak dikenal pada perangkat daerah ini.`))
  return { byCode, defaultId: chosen ?? units[0]?.id ?? opd.id }
}

export async function planSourceImport(db: Executor, user: SessionUser, opdId: number, bytes: Uint8Array, fileName: string, year: number, opts: Opts): Promise<SourcePlan> {
  const fail = (errors: ImportIssue[], mapping: MappingView | null = null): SourcePlan => ({
    plan: refusedRenstraPlan(fileName, bytes, errors),
    mapping,
    indicators: [],
    programs: [],
    periodRow: null,
    mappingUsed: {},
  })
  const outside = outsideOwnOpd(user, opdId)
  if (outside) return fail([outside])
  const opened = await openUpload(bytes)
  if (!opened.ok) return fail(opened.issues)
  const sheet = findSourceSheet(opened.workbook)
  if (!sheet)
    return fail([issue('Jenis berkas tidak dikenali: bukan templat Renstra aplikasi, bukan tabel T-C.27/T-C.28, dan bukan ekspor Renstra SIPD-RI. Periksa baris judul kolom.')])
  const cap = checkRowCap(sheet.ws, sheet.headers.headerRow)
  if (cap) return fail([cap])
  const { mapping, view } = await mappingOf(db, opdId, sheet.source, sheet.headers, opts)
  const setting = await opdAndPeriod(db, opdId, year, view)
  if ('error' in setting) return fail([issue(setting.error)], view)
  const { periodRow } = setting
  const ctx: ReadContext = { source: sheet.source, headers: sheet.headers, mapping, period: { name: periodRow.name, startYear: periodRow.start_year, endYear: periodRow.end_year } }
  const mp = mappingProblems(ctx)
  if (mp.length) return fail(mp, view)
  const read = readSourceRows(sheet.ws, ctx)
  const errors = [...read.errors]
  const warnings = [...read.warnings]
  const units = unitChoiceOf(setting.units, setting.opd, opts.defaultUnit, errors)
  const stored = await loadStoredRenstra(db, periodRow.id)
  const programs = planPrograms(read.rows, stored, periodRow.start_year, errors)
  const indicators = planIndicators(read.rows, stored, programs, units, errors, warnings)
  if (!indicators.length && !programs.size && !errors.length) errors.push(issue('Tidak ada indikator maupun program dalam berkas.'))
  const { rows, counts } = sourcePreviewRows(programs.values(), indicators)
  if (indicators.some((i) => !i.existing)) warnings.push(defaultsWarning())
  const hash = sourcePlanHash(bytes, periodRow.id, mapping, programs.values(), indicators)
  const period = { id: periodRow.id, name: periodRow.name, startYear: periodRow.start_year, endYear: periodRow.end_year }
  return {
    plan: { fileName, period, rows, counts, errors, warnings, needsReason: false, hash },
    mapping: view,
    indicators,
    programs: [...programs.values()],
    periodRow,
    mappingUsed: mapping,
  }
}

export type SourceCommitResult =
  | { ok: true; message: string; plan: RenstraImportPlan; mapping: MappingView | null }
  | { ok: false; status: 400 | 409; message: string; plan: RenstraImportPlan; mapping: MappingView | null }

export async function commitSourceImport(
  db: DB,
  user: SessionUser,
  opdId: number,
  bytes: Uint8Array,
  fileName: string,
  year: number,
  opts: Opts & { previewHash: string; requestId: string | null },
): Promise<SourceCommitResult> {
  const sp = await planSourceImport(db, user, opdId, bytes, fileName, year, opts)
  const { plan, mapping } = sp
  if (plan.errors.length) return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan, mapping }
  if (plan.hash !== opts.previewHash)
    return { ok: false, status: 409, message: 'Data Renstra, pemetaan kolom atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru, lalu simpan lagi.', plan, mapping }
  const actor = actorOf(user)
  const reason = `Impor Renstra dari ${fileName} (${SOURCE_LABELS[mapping!.source]})`
  const requestId = opts.requestId
  try {
    const done = await writeTransaction(db, opdId, async (trx) => {
      const w: SourceWriter = {
        trx,
        periodId: sp.periodRow!.id,
        startYear: sp.periodRow!.start_year,
        t: toDbTime(now()),
        userId: user.id,
        audit: (entity, entityId, action, before, after) => ({ actor, opdId, entity, entityId, action, before, after, reason, requestId }),
      }
      const counts = await writeSourcePlan(w, sp.programs, sp.indicators)
      const before = await putSourceMapping(trx, opdId, mapping!.source, sp.mappingUsed as Record<string, string>, user.id)
      const after = { source: mapping!.source, mapping: sp.mappingUsed }
      await writeAudit(trx, { actor, opdId, entity: 'app_setting', entityId: null, action: 'import_mapping', before, after, reason, requestId })
      return counts
    })
    return {
      ok: true,
      message: `Impor Renstra selesai: ${done.created} indikator baru, ${done.updated} diubah, ${done.programs} program/kegiatan/sub kegiatan baru, ${done.paguWritten} pagu tahunan disimpan.`,
      plan,
      mapping,
    }
  } catch (e) {
    if (e instanceof ImportConflict) plan.errors.push(issue(`Indikator ${e.message} baru saja diubah oleh pengguna lain; tidak ada yang disimpan.`))
    else if (isDuplicateKey(e)) plan.errors.push(issue('Kode baru saja dipakai oleh pengguna lain; tidak ada yang disimpan. Periksa ulang lalu impor lagi.'))
    else throw e
    return { ok: false, status: 409, message: CONFLICT_MESSAGE, plan, mapping }
  }
}
