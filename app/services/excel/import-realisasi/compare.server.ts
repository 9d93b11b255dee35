// Comparing the matched rows with the database: what each row would change (new / changed /
// unchanged / empty / refused), the fields shown before and after, and the entry service's input.
import type { Executor } from '../../../utils/db.server'
import type { Quarter } from '../../../domain'
import { realisasiOfQuarter, type RealisasiRow } from '../../../models/realisasi.server'
import type { RowInput } from '../../realisasi/types'
import type { Content } from '../../realisasi/entry-checks.server'
import { toInputString } from '../../../utils/entry-format'
import { WORKFLOW_STATUS_LABELS } from '../../../domain/labels'
import { formatValue } from '../../../domain/format'
import { cleanOptional, round6, type ImportIssue } from '../import-common.server'
import type { ParsedRow } from './read.server'
import type { MatchedRow } from './match.server'

/** `ditolak`: the row has a problem (listed in the errors) and is not among the rows to save. */
export type RowKind = 'baru' | 'berubah' | 'tetap' | 'kosong' | 'ditolak'

export const ROW_KIND_LABELS: Record<RowKind, string> = {
  baru: 'Baru',
  berubah: 'Berubah',
  tetap: 'Tidak berubah',
  kosong: 'Kosong (dilewati)',
  ditolak: 'Ditolak (ada kesalahan)',
}

export interface FieldChange {
  field: string
  before: string
  after: string
}

export interface PreviewRow {
  rowNumber: number
  indicatorId: number | null
  code: string
  name: string
  kind: RowKind
  status: string | null
  changes: FieldChange[]
}

const FIELD_LABELS: Record<string, string> = {
  value: 'Nilai',
  tidak_diukur: 'Tidak diukur',
  bukti_text: 'Bukti dukung',
  bukti_link: 'Tautan bukti',
  kendala: 'Kendala',
  tindak_lanjut: 'Tindak lanjut',
}

function contentOf(r: ParsedRow): Content {
  return {
    value: r.value === null ? null : round6(r.value),
    tidak_diukur: r.tidakDiukur ? 1 : 0,
    bukti_text: r.buktiText,
    bukti_link: r.buktiLink,
    kendala: r.kendala,
    tindak_lanjut: r.tindakLanjut,
  }
}

function contentOfRow(r: RealisasiRow): Content {
  return {
    value: r.value == null ? null : round6(Number(r.value)),
    tidak_diukur: Number(r.tidak_diukur) ? 1 : 0,
    bukti_text: cleanOptional(r.bukti_text),
    bukti_link: cleanOptional(r.bukti_link),
    kendala: cleanOptional(r.kendala),
    tindak_lanjut: cleanOptional(r.tindak_lanjut),
  }
}

const show = (field: keyof Content, v: Content[keyof Content]): string => {
  if (v === null || v === undefined) return '–'
  if (field === 'value') return formatValue(v as number)
  if (field === 'tidak_diukur') return v ? 'Ya' : 'Tidak'
  const s = String(v)
  return s.length > 120 ? `${s.slice(0, 117)}…` : s
}

function diff(before: Content | null, after: Content): FieldChange[] {
  const out: FieldChange[] = []
  for (const f of Object.keys(after) as (keyof Content)[]) {
    const b = before ? before[f] : f === 'tidak_diukur' ? 0 : null
    if (b !== after[f]) out.push({ field: FIELD_LABELS[f] ?? f, before: show(f, b), after: show(f, after[f]) })
  }
  return out
}

const isEmptyContent = (c: Content) => c.value === null && !c.tidak_diukur && !c.bukti_text && !c.bukti_link && !c.kendala && !c.tindak_lanjut

export interface Comparison {
  rows: PreviewRow[]
  counts: Record<RowKind, number>
  /** What the entry service is asked to save (new and changed rows). */
  inputs: RowInput[]
  /** The planned writes with the versions they apply to (hashed into the plan). */
  planned: unknown[]
  rowOf: Map<number, ParsedRow>
}

/** Compares every matched row with the stored realisation of the period; `errors` so far mark rows refused. */
export async function compareWithStored(
  db: Executor,
  period: { year: number; quarter: Quarter },
  resolved: readonly MatchedRow[],
  unresolved: readonly ParsedRow[],
  errors: readonly ImportIssue[],
): Promise<Comparison> {
  const ids = resolved.map((x) => x.ind.id)
  const existing = await realisasiOfQuarter(db, ids, period.year, period.quarter)
  const existingOf = new Map(existing.map((r) => [r.indicator_id, r]))
  const rows: PreviewRow[] = []
  const counts: Record<RowKind, number> = { baru: 0, berubah: 0, tetap: 0, kosong: 0, ditolak: 0 }
  const inputs: RowInput[] = []
  const planned: unknown[] = []
  const rowOf = new Map<number, ParsedRow>()
  // A row with an unreadable cell is checked no further here and never saved: what it would
  // save (an empty value in place of "abc") is not what the user wrote.
  const badRows = new Set(errors.map((e) => e.row).filter((n): n is number => n !== null))
  for (const r of unresolved) {
    counts.ditolak++
    rows.push({ rowNumber: r.rowNumber, indicatorId: null, code: r.code ?? '', name: '', kind: 'ditolak', status: null, changes: [] })
  }
  for (const { row, ind } of resolved) {
    rowOf.set(ind.id, row)
    const cur = existingOf.get(ind.id)
    const after = contentOf(row)
    const before = cur ? contentOfRow(cur) : null
    const changes = diff(before, after)
    const kind: RowKind = badRows.has(row.rowNumber) ? 'ditolak' : cur ? (changes.length ? 'berubah' : 'tetap') : isEmptyContent(after) ? 'kosong' : 'baru'
    counts[kind]++
    rows.push({
      rowNumber: row.rowNumber,
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      kind,
      status: cur ? (WORKFLOW_STATUS_LABELS[cur.status] ?? cur.status) : null,
      changes: kind === 'baru' || kind === 'berubah' ? changes : [],
    })
    if (kind === 'baru' || kind === 'berubah') {
      inputs.push({
        indicatorId: ind.id,
        version: row.version,
        overrideVersion: null,
        value: toInputString(after.value),
        tidakDiukur: row.tidakDiukur,
        buktiText: after.bukti_text ?? '',
        buktiLink: after.bukti_link ?? '',
        kendala: after.kendala ?? '',
        tindakLanjut: after.tindak_lanjut ?? '',
      })
      planned.push([ind.id, row.version, cur?.id ?? null, cur?.version ?? null, after])
    }
  }
  rows.sort((a, b) => a.rowNumber - b.rowNumber)
  return { rows, counts, inputs, planned, rowOf }
}
