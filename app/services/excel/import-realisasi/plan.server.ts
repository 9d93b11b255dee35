// The import plan of a realisation template: read, match and compare; no write, no dry run.
import type { Executor } from '../../../utils/db.server'
import type { Quarter } from '../../../domain'
import type { EntryRequest } from '../../realisasi/types'
import type { SessionUser } from '../../auth.server'
import { issue, openUpload, sha256, type ImportIssue } from '../import-common.server'
import { parseRealisasiSheet, type ParsedRow, type RealisasiCols } from './read.server'
import { filePeriod, matchIndicators } from './match.server'
import { compareWithStored, type PreviewRow, type RowKind } from './compare.server'

export interface RealisasiImportPlan {
  fileName: string
  period: { year: number; quarter: Quarter } | null
  rows: PreviewRow[]
  counts: Record<RowKind, number>
  errors: ImportIssue[]
  warnings: ImportIssue[]
  /** Hash of the file and of the planned writes (with the versions they apply to). */
  hash: string
}

export interface Planned {
  plan: RealisasiImportPlan
  request: EntryRequest | null
  rowOf: Map<number, ParsedRow>
  cols: RealisasiCols
}

/** Reads, checks and compares; no write, no dry run. */
export async function planImport(db: Executor, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<Planned> {
  const empty: RealisasiImportPlan = { fileName, period: null, rows: [], counts: { baru: 0, berubah: 0, tetap: 0, kosong: 0, ditolak: 0 }, errors: [], warnings: [], hash: '' }
  const done = (errors: ImportIssue[], cols: RealisasiCols = {}): Planned => ({
    plan: { ...empty, errors, hash: sha256(bytes) },
    request: null,
    rowOf: new Map(),
    cols,
  })
  if (user.role !== 'kepala_bidang' || user.unitId == null) return done([issue('Hanya kepala bidang yang dapat mengimpor realisasi bidangnya.')])

  const opened = await openUpload(bytes)
  if (!opened.ok) return done(opened.issues)
  const parsed = parseRealisasiSheet(opened.workbook)
  const { cols } = parsed
  const errors = [...parsed.issues]
  if (!parsed.rows.length && !errors.length) errors.push(issue('Tidak ada baris data dalam berkas.'))
  if (errors.length && !parsed.rows.length) return done(errors, cols)

  const period = filePeriod(parsed.rows, cols, errors)
  if (!period) return done(errors, cols)
  const { resolved, unresolved } = await matchIndicators(db, user.unitId, period.year, parsed.rows, cols, errors)
  const { rows, counts, inputs, planned, rowOf } = await compareWithStored(db, period, resolved, unresolved, errors)
  const hash = sha256(JSON.stringify({ file: sha256(bytes), period, planned }))
  const plan: RealisasiImportPlan = { fileName, period, rows, counts, errors, warnings: [], hash }
  return { plan, request: inputs.length ? { year: period.year, quarter: period.quarter, rows: inputs, intent: 'save', only: null } : null, rowOf, cols }
}
