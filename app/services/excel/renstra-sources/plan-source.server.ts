// The planning steps of a source import, after its rows are read: the Renstra already stored in
// the period, programmes with their pagu, indicators matched by code or name (and linked to their
// programme when they have none yet), the preview rows and the hash the commit must match.
import type { Executor } from '../../../utils/db.server'
import { formatNumberTrim } from '../../../domain'
import { POLA_UKUR_LABELS } from '../../../domain/labels'
import { issue, round6, sha256, type ImportIssue } from '../import-common.server'
import { storedTargets, type RenstraPreviewRow, type RenstraRowKind } from '../renstra-import-shared.server'
import type { FieldKey, Mapping } from './fields.server'
import { indicatorVersionsOfPeriod, liveProgramsOfPeriod } from '../../../models/renstra-content.server'
import { paguOfProgramsAllYears } from '../../../models/budget.server'
import type { Level, SourceRow } from './read.server'

/** Defaults for what the sources do not carry; perencanaan corrects them in Renstra › Kelola. */
export const SOURCE_DEFAULTS = { polarity: 'naik', pola_ukur: 'posisi', aspect: 'pengelolaan', strategy: 'inti' } as const

export interface PlannedIndicator {
  row: SourceRow
  code: string
  unitId: number
  existing: { id: number; version: number; targets: Record<number, number> } | null
  changedTargets: Record<number, number>
  /**
   * Code of the programme (the row's deepest) the indicator is linked to: a new indicator, or an
   * existing one with no programme yet. Null = the link stays as it is.
   */
  linkProgram: string | null
}

export interface PlannedProgram {
  level: Level
  code: string
  name: string
  parentCode: string | null
  sasaran: string | null
  tujuan: string | null
  unitId: number | null
  existingId: number | null
  pagu: Record<number, number>
  paguBefore: Record<number, number>
  rowNumber: number
}

export const LEVEL_LABEL: Record<Level, string> = { program: 'Program', kegiatan: 'Kegiatan', subkegiatan: 'Sub kegiatan' }
const fmt = (v: number | null | undefined) => (v == null ? '–' : formatNumberTrim(v, 6))
const rp = (v: number | null | undefined) => (v == null ? '–' : `Rp ${formatNumberTrim(v, 2)}`)
const deepestOf = (r: SourceRow) => r.programs[r.programs.length - 1] ?? null

type ExistingIndicator = { id: number; code: string; name: string; version: number; program_id: number | null; deleted_at: string | null }

export interface StoredRenstra {
  indByCode: Map<string, ExistingIndicator>
  indByName: Map<string, ExistingIndicator>
  progByCode: Map<string, { id: number; code: string; kind: Level }>
  progCodeById: Map<number, string>
  targets: Map<number, Record<number, number>>
  pagu: Map<number, Record<number, number>>
}

/** The period's indicators (deleted ones too: their codes stay taken), programmes, targets and pagu. */
export async function loadStoredRenstra(db: Executor, periodId: number): Promise<StoredRenstra> {
  const inds = await indicatorVersionsOfPeriod(db, periodId)
  const progs = await liveProgramsOfPeriod(db, periodId)
  const pagu = new Map<number, Record<number, number>>()
  if (progs.length) {
    for (const p of await paguOfProgramsAllYears(
      db,
      progs.map((x) => x.id),
    )) {
      const m = pagu.get(p.program_id) ?? {}
      m[p.year] = round6(Number(p.pagu))
      pagu.set(p.program_id, m)
    }
  }
  return {
    indByCode: new Map(inds.map((e) => [e.code.toLowerCase(), e as ExistingIndicator])),
    indByName: new Map(inds.filter((e) => !e.deleted_at).map((e) => [e.name.toLowerCase(), e as ExistingIndicator])),
    progByCode: new Map(progs.map((p) => [p.code, p as { id: number; code: string; kind: Level }])),
    progCodeById: new Map(progs.map((p) => [p.id, p.code])),
    targets: await storedTargets(
      db,
      inds.map((e) => e.id),
    ),
    pagu,
  }
}

/** Programmes unique by code with their pagu; the same code and year with two values is an error. */
export function planPrograms(rows: SourceRow[], stored: StoredRenstra, startYear: number, errors: ImportIssue[]): Map<string, PlannedProgram> {
  const programs = new Map<string, PlannedProgram>()
  for (const r of rows) {
    for (const p of r.programs) {
      const ex = stored.progByCode.get(p.code)
      if (ex && ex.kind !== p.level)
        errors.push(issue(`kode ${p.code} sudah dipakai ${ex.kind} pada periode ini, bukan ${LEVEL_LABEL[p.level].toLowerCase()}.`, { row: r.rowNumber }))
      const pp = programs.get(p.code)
      if (!pp) {
        programs.set(p.code, {
          level: p.level,
          code: p.code,
          name: p.name ?? p.code,
          parentCode: p.parentCode,
          sasaran: r.sasaran,
          tujuan: r.tujuan,
          unitId: null,
          existingId: ex?.id ?? null,
          pagu: {},
          paguBefore: ex ? (stored.pagu.get(ex.id) ?? {}) : {},
          rowNumber: r.rowNumber,
        })
      } else if (p.name && pp.name === pp.code) pp.name = p.name
    }
    addPagu(r, programs, startYear, errors)
  }
  return programs
}

/** The row's pagu goes to its deepest programme. */
function addPagu(r: SourceRow, programs: Map<string, PlannedProgram>, startYear: number, errors: ImportIssue[]): void {
  const deepest = deepestOf(r)
  if (!deepest) {
    if (Object.keys(r.pagu).length) errors.push(issue('pagu terisi tetapi baris ini tidak memiliki kode program/kegiatan/sub kegiatan.', { row: r.rowNumber }))
    return
  }
  const pp = programs.get(deepest.code)!
  for (const [y, v] of Object.entries(r.pagu)) {
    const prev = pp.pagu[Number(y)]
    const col = r.at[`pagu${Number(y) - startYear + 1}` as FieldKey] ?? null
    if (prev !== undefined && prev !== v)
      errors.push(
        issue(`kode ${deepest.code} muncul lagi dengan pagu ${y} berbeda (${rp(prev)} di baris ${pp.rowNumber}); satu kode satu pagu per tahun.`, { row: r.rowNumber, col }),
      )
    else pp.pagu[Number(y)] = v
  }
}

export interface UnitChoice {
  byCode: Map<string, number>
  defaultId: number
}

/** Indicators: code given, else the same name in the period, else a new IK-nn. */
export function planIndicators(
  rows: SourceRow[],
  stored: StoredRenstra,
  programs: Map<string, PlannedProgram>,
  units: UnitChoice,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): PlannedIndicator[] {
  const indicators: PlannedIndicator[] = []
  const seen = new Map<string, number>()
  const codes = newCodes(stored)
  for (const r of rows) {
    if (!r.indicator) continue
    const unitId = unitOfRow(r, units, errors)
    if (unitId === null) continue
    const deepest = deepestOf(r)
    if (deepest) programs.get(deepest.code)!.unitId ??= unitId
    const given = r.indicatorCode ?? stored.indByName.get(r.indicator.toLowerCase())?.code ?? null
    const key = (given ?? r.indicator).toLowerCase()
    if (seen.has(key)) {
      const what = r.indicatorCode ? `kode indikator ${r.indicatorCode}` : `indikator "${r.indicator}"`
      errors.push(issue(`${what} muncul dua kali (juga di baris ${seen.get(key)}).`, { row: r.rowNumber, col: (r.indicatorCode ? r.at.kodeIndikator : r.at.indikator) ?? null }))
      continue
    }
    seen.set(key, r.rowNumber)
    const code = given ?? codes.next()
    codes.take(code)
    const ex = stored.indByCode.get(code.toLowerCase())
    if (ex?.deleted_at) {
      errors.push(issue(`kode ${code} dipakai indikator yang sudah dihapus; pakai kode lain.`, { row: r.rowNumber, col: r.at.kodeIndikator ?? null }))
      continue
    }
    const before = ex ? (stored.targets.get(ex.id) ?? {}) : {}
    const changedTargets: Record<number, number> = {}
    for (const [y, v] of Object.entries(r.targets)) if (before[Number(y)] !== v) changedTargets[Number(y)] = v
    const linkProgram = programLink(r, code, ex, stored, warnings)
    indicators.push({ row: r, code, unitId, existing: ex ? { id: ex.id, version: ex.version, targets: before } : null, changedTargets, linkProgram })
  }
  return indicators
}

/** The row's unit code, else the default chosen on the mapping form; null = unknown (an error). */
function unitOfRow(r: SourceRow, units: UnitChoice, errors: ImportIssue[]): number | null {
  if (!r.unitCode) return units.defaultId
  const u = units.byCode.get(r.unitCode.toLowerCase())
  if (u === undefined)
    errors.push(issue(`kode unit "${r.unitCode}" tidak dikenal pada perangkat daerah ini (lihat Admin › Organisasi).`, { row: r.rowNumber, col: r.at.unit ?? null }))
  return u ?? null
}

/** New indicator codes IK-01, IK-02, … skipping the codes already taken. */
function newCodes(stored: StoredRenstra) {
  const used = new Set(stored.indByCode.keys())
  let n = 1
  const code = (k: number) => `IK-${String(k).padStart(2, '0')}`
  return {
    next: () => {
      while (used.has(code(n).toLowerCase())) n++
      return code(n)
    },
    take: (c: string) => used.add(c.toLowerCase()),
  }
}

/**
 * The programme a row places its indicator under: always for a new indicator, and for an existing
 * one that has none yet (matched by name from an earlier T-C.28 import, say). An existing link to
 * another programme is kept, with a warning.
 */
function programLink(r: SourceRow, code: string, ex: ExistingIndicator | undefined, stored: StoredRenstra, warnings: ImportIssue[]): string | null {
  const deepest = deepestOf(r)
  if (!deepest) return null
  if (!ex || ex.program_id === null) return deepest.code
  const current = stored.progCodeById.get(ex.program_id)
  if (current !== deepest.code)
    warnings.push(
      issue(
        `${code} sudah berada di bawah ${current ?? 'program lain'}; berkas menempatkannya di bawah ${deepest.code}. Keterkaitan tidak diubah oleh impor; ubah di Renstra › Kelola bila perlu.`,
        { row: r.rowNumber },
      ),
    )
  return null
}

/** Preview rows in the template import's shape: programmes first, then indicators. */
export function sourcePreviewRows(programs: Iterable<PlannedProgram>, indicators: PlannedIndicator[]): { rows: RenstraPreviewRow[]; counts: Record<RenstraRowKind, number> } {
  const rows: RenstraPreviewRow[] = []
  const counts: Record<RenstraRowKind, number> = { baru: 0, berubah: 0, tetap: 0 }
  const add = (rowNumber: number, code: string, name: string, isNew: boolean, changes: RenstraPreviewRow['changes']) => {
    const kind: RenstraRowKind = isNew ? 'baru' : changes.length ? 'berubah' : 'tetap'
    counts[kind]++
    rows.push({ rowNumber, code, name, kind, changes, verifiedYears: [] })
  }
  for (const p of programs) {
    const changes: RenstraPreviewRow['changes'] = []
    for (const [y, v] of Object.entries(p.pagu)) if (p.paguBefore[Number(y)] !== v) changes.push({ field: `Pagu ${y}`, before: rp(p.paguBefore[Number(y)]), after: rp(v) })
    add(p.rowNumber, p.code, `${LEVEL_LABEL[p.level]}: ${p.name}`, !p.existingId, changes)
  }
  for (const i of indicators) add(i.row.rowNumber, i.code, i.row.indicator!, !i.existing, indicatorChanges(i))
  return { rows, counts }
}

function indicatorChanges(i: PlannedIndicator): RenstraPreviewRow['changes'] {
  const changes: RenstraPreviewRow['changes'] = []
  if (!i.existing) {
    changes.push(
      { field: 'Satuan', before: '–', after: i.row.satuan ?? '–' },
      { field: 'Baseline', before: '–', after: fmt(i.row.baseline) },
      // the sources carry no pola ukur: say so on the row, not only in the file-wide note
      { field: 'Pola ukur', before: '–', after: `${POLA_UKUR_LABELS[SOURCE_DEFAULTS.pola_ukur]} (bawaan; berkas tidak memuat pola ukur)` },
    )
  }
  if (i.linkProgram) changes.push({ field: 'Program', before: '–', after: i.linkProgram })
  for (const [y, v] of Object.entries(i.changedTargets)) changes.push({ field: `Target ${y}`, before: fmt(i.existing?.targets[Number(y)]), after: fmt(v) })
  return changes
}

export function defaultsWarning(): ImportIssue {
  return issue(
    `Berkas sumber tidak memuat polaritas, pola ukur, aspek dan strategi: indikator baru diisi ${SOURCE_DEFAULTS.polarity} / ${SOURCE_DEFAULTS.pola_ukur} / ${SOURCE_DEFAULTS.aspect} / ${SOURCE_DEFAULTS.strategy}. Periksa dan ubah di Renstra › Kelola setelah impor.`,
  )
}

/** What the commit will write, hashed with the file, the period and the mapping. */
export function sourcePlanHash(bytes: Uint8Array, periodId: number, mapping: Mapping, programs: Iterable<PlannedProgram>, indicators: PlannedIndicator[]): string {
  const planned = {
    p: [...programs].map((p) => [p.code, p.name, p.existingId, p.pagu, p.unitId]),
    i: indicators.map((i) => [i.code, i.row.indicator, i.row.satuan, i.unitId, i.existing?.version ?? null, i.changedTargets, i.row.baseline, i.row.targetAkhir, i.linkProgram]),
  }
  return sha256(JSON.stringify({ file: sha256(bytes), period: periodId, mapping, planned }))
}
