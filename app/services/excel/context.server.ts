// What every export needs besides the scores: the OPD and unit names, the period key of the
// meeting notes, sasaran/program names and the narrative texts of the realisations.
import type { Executor } from '../../utils/db.server'
import type { Period } from '../../domain'
import { periodKeyOf } from '../../utils/notes'
import { notesOfPeriodWithAuthors } from '../../models/notes.server'
import { opdsOfScope, unitNames } from '../../models/organisation.server'
import { narrativeRowsOfYear } from '../../models/realisasi.server'
import { programsByIds, sasaranWithTujuanOrder } from '../../models/renstra-content.server'

export interface OpdInfo {
  id: number
  code: string
  name: string
  shortName: string | null
  city: string | null
  /** "Kota Dumai" (from the name, else from the city). */
  region: string | null
}

export interface ExportScope {
  /** One OPD, or null for every OPD (city level). */
  opdId: number | null
  /** One bidang (its indicators only), or null for all. */
  unitId?: number | null
  period: Period
  asOf: Date
}

export function regionOf(name: string, city: string | null): string | null {
  const m = /\b(Kota|Kabupaten)\s+([A-Z][\p{L}'.-]*(?:\s+[A-Z][\p{L}'.-]*)*)\s*$/u.exec(name)
  if (m) return `${m[1]} ${m[2]}`
  return city ? `Kota ${city}` : null
}

export async function opdList(db: Executor, opdId: number | null): Promise<OpdInfo[]> {
  const rows = await opdsOfScope(db, opdId)
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, shortName: r.short_name, city: r.city, region: regionOf(r.name, r.city) }))
}

export async function unitName(db: Executor, unitId: number | null | undefined): Promise<string | null> {
  if (unitId == null) return null
  const u = await unitNames(db, unitId)
  return u ? u.name : null
}

/** Splits an id list for `in (...)` lists that stay well under every driver's parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export interface Structure {
  sasaran: Map<number, { code: string; name: string; order: [number, number] }>
  program: Map<number, { code: string; name: string; kind: string; order: number }>
}

/** Names and orders of the sasaran and programs the indicators point to. */
export async function loadStructure(db: Executor, sasaranIds: number[], programIds: number[]): Promise<Structure> {
  const sasaran: Structure['sasaran'] = new Map()
  const program: Structure['program'] = new Map()
  for (const ids of chunks([...new Set(sasaranIds)])) {
    const rows = await sasaranWithTujuanOrder(db, ids)
    for (const r of rows) sasaran.set(r.id, { code: r.code, name: r.name, order: [r.tujuan_order, r.sort_order] })
  }
  for (const ids of chunks([...new Set(programIds)])) {
    const rows = await programsByIds(db, ids)
    for (const r of rows) program.set(r.id, { code: r.code, name: r.name, kind: r.kind, order: r.sort_order })
  }
  return { sasaran, program }
}

export interface Narrative {
  /** Latest non-empty kendala within the quarters looked at. */
  kendala: { quarter: number; text: string } | null
  tindakLanjut: { quarter: number; text: string } | null
}

/** Folds rows in quarter order into `out`: the latest non-empty kendala and tindak lanjut win (only the indicators of `keep`, when given). */
function addNarratives(
  out: Map<number, Narrative>,
  rows: { indicator_id: number; quarter: number; kendala: string | null; tindak_lanjut: string | null }[],
  keep?: ReadonlySet<number>,
) {
  for (const r of rows) {
    if (keep && !keep.has(r.indicator_id)) continue
    let n = out.get(r.indicator_id)
    if (!n) out.set(r.indicator_id, (n = { kendala: null, tindakLanjut: null }))
    if (r.kendala?.trim()) n.kendala = { quarter: r.quarter, text: r.kendala.trim() }
    if (r.tindak_lanjut?.trim()) n.tindakLanjut = { quarter: r.quarter, text: r.tindak_lanjut.trim() }
  }
}

/** Kendala and tindak lanjut of each indicator in `year`, quarters ≤ `lastQuarter` (latest wins). */
export async function loadNarratives(db: Executor, indicatorIds: number[], year: number, lastQuarter: number): Promise<Map<number, Narrative>> {
  const out = new Map<number, Narrative>()
  for (const ids of chunks(indicatorIds)) addNarratives(out, await narrativeRowsOfYear(db, year, lastQuarter, ids))
  return out
}

/** loadNarratives for any number of indicators in one query (the year's rows, kept for the indicators of `keep`). */
export async function loadNarrativesOfYear(db: Executor, keep: ReadonlySet<number>, year: number, lastQuarter: number): Promise<Map<number, Narrative>> {
  const out = new Map<number, Narrative>()
  addNarratives(out, await narrativeRowsOfYear(db, year, lastQuarter), keep)
  return out
}

export interface NoteRow {
  opdId: number
  aspect: string
  strategy: string
  judgement: string
  kendala: string | null
  rekomendasi: string | null
  createdBy: string | null
  updatedBy: string | null
  updatedAt: string
}

/** The evaluation-meeting notes of a period. */
export async function loadNotes(db: Executor, opdId: number | null, period: Period): Promise<NoteRow[]> {
  const key = periodKeyOf(period)
  if (key === null) return []
  const rows = await notesOfPeriodWithAuthors(db, opdId, key)
  return rows.map((r) => ({
    opdId: r.opd_id,
    aspect: r.aspect,
    strategy: r.strategy,
    judgement: r.judgement,
    kendala: r.kendala,
    rekomendasi: r.rekomendasi,
    createdBy: r.created_name ?? null,
    updatedBy: r.updated_name ?? null,
    updatedAt: String(r.updated_at),
  }))
}
