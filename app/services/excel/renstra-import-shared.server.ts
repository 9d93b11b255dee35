// What the two Renstra importers (the app's template and the T-C.27 / T-C.28 / SIPD sources) share:
// the preview's plan shape, the OPD check, unit codes, the targets already stored, the next sort
// order, and the answer when a concurrent writer got there first.
import type { Executor } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { issue, round6, sha256, type ImportIssue } from './import-common.server'
import { shortUnitCode } from './templates.server'
import { annualTargetsOfIndicators } from '../../models/renstra-content.server'

export type RenstraRowKind = 'baru' | 'berubah' | 'tetap'

export interface RenstraPreviewRow {
  rowNumber: number
  code: string
  name: string
  kind: RenstraRowKind
  changes: { field: string; before: string; after: string }[]
  /** Years whose target changes although verified realisations exist. */
  verifiedYears: number[]
}

export interface RenstraImportPlan {
  fileName: string
  period: { id: number; name: string; startYear: number; endYear: number } | null
  rows: RenstraPreviewRow[]
  counts: Record<RenstraRowKind, number>
  errors: ImportIssue[]
  warnings: ImportIssue[]
  /** A reason is required because targets of years with verified results change. */
  needsReason: boolean
  hash: string
}

/** The plan of a file refused before any row was compared. */
export function refusedRenstraPlan(fileName: string, bytes: Uint8Array, errors: ImportIssue[], warnings: ImportIssue[] = []): RenstraImportPlan {
  return { fileName, period: null, rows: [], counts: { baru: 0, berubah: 0, tetap: 0 }, errors, warnings, needsReason: false, hash: sha256(bytes) }
}

/** A city-level account may import for any OPD; an OPD account only for its own. */
export function outsideOwnOpd(user: SessionUser, opdId: number): ImportIssue | null {
  return user.opdId != null && user.opdId !== opdId ? issue('Anda hanya dapat mengimpor Renstra perangkat daerah Anda sendiri.') : null
}

/** Unit id by its full code and by its short code ("DKISP-DUMAI-IKP" and "IKP"), lower case. */
export function unitIdsByCode(units: readonly { id: number; code: string }[], opdCode: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const u of units) {
    out.set(u.code.toLowerCase(), u.id)
    out.set(shortUnitCode(u.code, opdCode).toLowerCase(), u.id)
  }
  return out
}

/** The stored annual targets of the given indicators: id → year → target. */
export async function storedTargets(db: Executor, indicatorIds: number[]): Promise<Map<number, Record<number, number>>> {
  const out = new Map<number, Record<number, number>>()
  if (!indicatorIds.length) return out
  for (const t of await annualTargetsOfIndicators(db, indicatorIds)) {
    const m = out.get(t.indicator_id) ?? {}
    m[t.year] = round6(Number(t.target))
    out.set(t.indicator_id, m)
  }
  return out
}

/** Thrown inside the transaction when a versioned update finds another writer's version. */
export class ImportConflict extends Error {}

export const CONFLICT_MESSAGE = 'Terjadi konflik perubahan; tidak ada yang disimpan.'

/** A unique key taken by a concurrent writer (MariaDB or SQLite wording). */
export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null
  return err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed|Duplicate entry/i.test(err?.message ?? '')
}
