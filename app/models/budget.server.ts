// Budget (domain §8): pagu per program / kegiatan / sub kegiatan and year, realisasi anggaran per
// quarter. SQL only; the rules live in app/services/budget/*.
import type { Executor } from '../utils/db.server'
import { capaianAnggaran } from '../domain/rupiah'
import type { Insertable, Updateable } from 'kysely'
import type { ProgramPaguTable, ProgramTable, RealisasiAnggaranTable } from '../../db/schema'

export type AnggaranStatus = 'draft' | 'diajukan' | 'diverifikasi' | 'dikembalikan'

export interface BudgetProgram {
  id: number
  parent_id: number | null
  kind: ProgramTable['kind']
  code: string
  name: string
  unit_id: number | null
  unit_name: string | null
  opd_id: number
  period_id: number
  start_year: number
  end_year: number
  period_closed: number
}

const num = (v: unknown): number | null => (v == null ? null : Number(v))

function programQuery(db: Executor) {
  return db
    .selectFrom('program as p')
    .innerJoin('renstra_period as rp', 'rp.id', 'p.period_id')
    .leftJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.parent_id',
      'p.kind',
      'p.code',
      'p.name',
      'p.unit_id',
      'u.name as unit_name',
      'rp.opd_id',
      'p.period_id',
      'rp.start_year',
      'rp.end_year',
      'rp.closed as period_closed',
    ])
    .where('p.deleted_at', 'is', null)
    .orderBy('p.code')
}

/** Programs, kegiatan and sub kegiatan of the OPD's Renstra covering `year`, by code. */
export async function budgetProgramsOfOpd(db: Executor, opdId: number, year: number): Promise<BudgetProgram[]> {
  return programQuery(db).where('rp.opd_id', '=', opdId).where('rp.start_year', '<=', year).where('rp.end_year', '>=', year).execute()
}

/** Those of them a unit (and its descendants) is responsible for (program.unit_id). */
export async function budgetProgramsOfUnits(db: Executor, unitIds: number[], year: number): Promise<BudgetProgram[]> {
  if (!unitIds.length) return []
  return programQuery(db).where('p.unit_id', 'in', unitIds).where('rp.start_year', '<=', year).where('rp.end_year', '>=', year).execute()
}

export async function budgetProgram(db: Executor, id: number): Promise<BudgetProgram | undefined> {
  return programQuery(db).where('p.id', '=', id).executeTakeFirst()
}

/** Every live program / kegiatan / sub kegiatan code of an OPD's Renstra periods → id and years. */
export async function programCodesOfOpd(db: Executor, opdId: number) {
  return programQuery(db).where('rp.opd_id', '=', opdId).execute()
}

export interface PaguRow {
  id: number
  program_id: number
  year: number
  pagu: number
  version: number
  updated_at: string
  updated_by: number | null
}

export async function paguOf(db: Executor, programIds: number[], year: number): Promise<PaguRow[]> {
  if (!programIds.length) return []
  const rows = await db.selectFrom('program_pagu').selectAll().where('program_id', 'in', programIds).where('year', '=', year).execute()
  return rows.map((r) => ({ ...r, pagu: Number(r.pagu) }))
}

export async function findPagu(db: Executor, programId: number, year: number): Promise<PaguRow | undefined> {
  const r = await db.selectFrom('program_pagu').selectAll().where('program_id', '=', programId).where('year', '=', year).executeTakeFirst()
  return r ? { ...r, pagu: Number(r.pagu) } : undefined
}

// Pagu writes (the caller runs them inside its transaction and writes the audit row).

/** Inserts a pagu row. A duplicate (program, year) throws the unique violation. */
export async function insertPagu(db: Executor, values: Insertable<ProgramPaguTable>): Promise<void> {
  await db.insertInto('program_pagu').values(values).execute()
}

/** Optimistic update of a pagu row: only while it still has `version`. True when the row was changed. */
export async function updatePaguAtVersion(db: Executor, id: number, version: number, set: { pagu: number; updated_at: string; updated_by: number | null }): Promise<boolean> {
  const res = await db
    .updateTable('program_pagu')
    .set({ pagu: set.pagu, version: version + 1, updated_at: set.updated_at, updated_by: set.updated_by })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export interface AnggaranRow {
  id: number
  program_id: number
  year: number
  quarter: number
  amount: number
  status: AnggaranStatus
  return_note: string | null
  is_historical: number
  version: number
  entered_by: number | null
  entered_at: string | null
  verified_by: number | null
  verified_at: string | null
  created_at: string
  updated_at: string
}

const anggaranOfRow = <T extends { amount: unknown }>(r: T) => ({ ...r, amount: Number(r.amount) })

export async function anggaranOfYear(db: Executor, programIds: number[], year: number): Promise<AnggaranRow[]> {
  if (!programIds.length) return []
  const rows = await db.selectFrom('realisasi_anggaran').selectAll().where('program_id', 'in', programIds).where('year', '=', year).execute()
  return rows.map(anggaranOfRow) as AnggaranRow[]
}

export async function findAnggaran(db: Executor, programId: number, year: number, quarter: number): Promise<AnggaranRow | undefined> {
  const r = await db.selectFrom('realisasi_anggaran').selectAll().where('program_id', '=', programId).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirst()
  return r ? (anggaranOfRow(r) as AnggaranRow) : undefined
}

export async function getAnggaran(db: Executor, id: number): Promise<AnggaranRow | undefined> {
  const r = await db.selectFrom('realisasi_anggaran').selectAll().where('id', '=', id).executeTakeFirst()
  return r ? (anggaranOfRow(r) as AnggaranRow) : undefined
}

// Realisasi anggaran writes (the caller runs them inside its transaction and writes the audit row).

export type AnggaranChange = Updateable<RealisasiAnggaranTable>

/** Inserts a realisasi anggaran row. A duplicate (program, year, quarter) throws the unique violation. */
export async function insertAnggaran(db: Executor, values: Insertable<RealisasiAnggaranTable>): Promise<void> {
  await db.insertInto('realisasi_anggaran').values(values).execute()
}

/**
 * Optimistic update of a realisasi anggaran row: sets the fields and the next version only while
 * the row still has `version`. True when the row was changed (false: someone changed it first).
 */
export async function updateAnggaranAtVersion(db: Executor, id: number, version: number, set: AnggaranChange): Promise<boolean> {
  const res = await db
    .updateTable('realisasi_anggaran')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** A realisasi anggaran row with its program and OPD (for scope checks and messages). */
export async function getAnggaranDetail(db: Executor, id: number) {
  const r = await db
    .selectFrom('realisasi_anggaran as a')
    .innerJoin('program as p', 'p.id', 'a.program_id')
    .innerJoin('renstra_period as rp', 'rp.id', 'p.period_id')
    .selectAll('a')
    .select(['p.code', 'p.name', 'rp.opd_id', 'rp.closed as period_closed'])
    .where('a.id', '=', id)
    .executeTakeFirst()
  return r ? { ...r, amount: Number(r.amount) } : undefined
}

/** The OPD's realisasi anggaran rows of one quarter, with program code, name and unit. */
export async function anggaranOfQuarter(db: Executor, opdId: number, year: number, quarter: number) {
  const rows = await db
    .selectFrom('realisasi_anggaran as a')
    .innerJoin('program as p', 'p.id', 'a.program_id')
    .innerJoin('renstra_period as rp', 'rp.id', 'p.period_id')
    .leftJoin('org_unit as u', 'u.id', 'p.unit_id')
    .leftJoin('program_pagu as g', (j) => j.onRef('g.program_id', '=', 'a.program_id').onRef('g.year', '=', 'a.year'))
    .selectAll('a')
    .select(['p.code', 'p.name', 'p.kind', 'u.name as unit_name', 'g.pagu'])
    .where('rp.opd_id', '=', opdId)
    .where('a.year', '=', year)
    .where('a.quarter', '=', quarter)
    .orderBy('p.code')
    .execute()
  return rows.map((r) => ({ ...r, amount: Number(r.amount), pagu: num(r.pagu) }))
}

// ---------------------------------------------------------------------------
// The read function other parts (E.81, E.80) call
// ---------------------------------------------------------------------------

export interface BudgetLine {
  programId: number
  parentId: number | null
  kind: ProgramTable['kind']
  code: string
  name: string
  unitId: number | null
  /** Pagu of the year; null = none set. */
  pagu: number | null
  /** Realisasi anggaran of TW I..IV (index 0..3); null = no row, or a quarter after `quarterUpTo`. */
  quarters: [number | null, number | null, number | null, number | null]
  /** Sum of the quarters up to `quarterUpTo`; null when none has a value. */
  total: number | null
  /** total / pagu × 100, no polarity, uncapped (display); null without pagu or realisasi. */
  capaian: number | null
  /** The same, capped at `cap` (use for averages, as the performance scoring does). */
  capaianCapped: number | null
}

export interface BudgetOptions {
  /** Only verified rows (default true: what E.81 reports). */
  onlyVerified?: boolean
  /** Cap for `capaianCapped` (the scoring cap, default 120). */
  cap?: number
}

/**
 * Per program / kegiatan / sub kegiatan of the OPD's Renstra covering `year` (ordered by code):
 * pagu of the year, realisasi anggaran per quarter up to `quarterUpTo`, their total and the
 * capaian anggaran. Shape documented in docs/decisions/0017.
 */
export async function budgetForPeriod(db: Executor, opdId: number, year: number, quarterUpTo: number, opts: BudgetOptions = {}): Promise<BudgetLine[]> {
  const onlyVerified = opts.onlyVerified ?? true
  const cap = opts.cap ?? 120
  const programs = await budgetProgramsOfOpd(db, opdId, year)
  const ids = programs.map((p) => p.id)
  const [pagu, rows] = await Promise.all([paguOf(db, ids, year), anggaranOfYear(db, ids, year)])
  const paguOfId = new Map(pagu.map((p) => [p.program_id, p.pagu]))
  const byKey = new Map<string, number>()
  for (const r of rows) {
    if (r.quarter > quarterUpTo) continue
    if (onlyVerified && r.status !== 'diverifikasi') continue
    byKey.set(`${r.program_id}|${r.quarter}`, r.amount)
  }
  return programs.map((p) => {
    const quarters = [1, 2, 3, 4].map((q) => byKey.get(`${p.id}|${q}`) ?? null) as BudgetLine['quarters']
    const present = quarters.filter((v): v is number => v != null)
    const total = present.length ? Math.round(present.reduce((s, v) => s + v, 0) * 100) / 100 : null
    const paguValue = paguOfId.get(p.id) ?? null
    const capaian = capaianAnggaran(total, paguValue)
    return {
      programId: p.id,
      parentId: p.parent_id,
      kind: p.kind,
      code: p.code,
      name: p.name,
      unitId: p.unit_id,
      pagu: paguValue,
      quarters,
      total,
      capaian,
      capaianCapped: capaian == null ? null : Math.min(capaian, cap),
    }
  })
}

// Pagu as the Renstra source import reads and writes it (every year of a set of programmes).

/** The stored pagu of every year of the given programmes (none asked, none read: the caller checks). */
export async function paguOfProgramsAllYears(db: Executor, programIds: number[]) {
  return db.selectFrom('program_pagu').select(['program_id', 'year', 'pagu']).where('program_id', 'in', programIds).execute()
}

/** Sets a programme's pagu of a year and raises its version (no version check). */
export async function setProgramPaguOfYear(db: Executor, programId: number, year: number, set: { pagu: number; updated_at: string; updated_by: number | null }): Promise<void> {
  await db
    .updateTable('program_pagu')
    .set((eb) => ({ pagu: set.pagu, version: eb('version', '+', 1), updated_at: set.updated_at, updated_by: set.updated_by }))
    .where('program_id', '=', programId)
    .where('year', '=', year)
    .execute()
}
