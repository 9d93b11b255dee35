// Import of the quarterly realisation template (kepala bidang).
//
// preview: check the file → read the rows → compare with the database (new / changed /
//   unchanged) → run the entry service's own save in a transaction that is always rolled back
//   (a dry run: every rule of the entry form — locks, versions, bounds, closed quarters — is
//   applied by the same code) → problems by row and column, plus a hash of the planned change.
// commit: read the same file again, recompute the plan; it must hash to what was previewed (else
//   the data or the file changed: a new preview is shown); then the entry service saves every row
//   in ONE transaction with one audit row per changed realisation — all or nothing.
import type { DB, Executor } from '../../utils/db.server'
import { capaianSatuTriwulan, formatPercent, romanQuarter } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { indicatorsByIds, targetsOf } from '../../models/realisasi.server'
import { indicatorInputOfYear } from '../../domain/indicator-input'
import { saveEntries } from '../realisasi/save-entries.server'
import type { EntryResult, RowField } from '../realisasi/types'
import type { SessionUser } from '../auth.server'
import { issue, type ImportIssue } from './import-common.server'
import { RT } from './templates.server'
import type { Key } from './import-realisasi/read.server'
import { planImport, type Planned, type RealisasiImportPlan } from './import-realisasi/plan.server'

export { parseRealisasiSheet, type ParsedRow, type ParsedSheet } from './import-realisasi/read.server'
export { ROW_KIND_LABELS, type FieldChange, type PreviewRow, type RowKind } from './import-realisasi/compare.server'
export type { RealisasiImportPlan } from './import-realisasi/plan.server'

const FIELD_COLUMN: Record<RowField, Key | null> = {
  value: 'value',
  tidak_diukur: 'tidak',
  bukti_text: 'bukti',
  bukti_link: 'link',
  kendala: 'kendala',
  tindak_lanjut: 'tl',
  row: null,
}

/** Maps the entry service's answer (problems per indicator and field, conflicts) to rows and columns. */
function mapEntryResult(result: Extract<EntryResult, { ok: false }>, planned: Planned): ImportIssue[] {
  const out: ImportIssue[] = []
  for (const g of result.general) out.push(issue(g))
  for (const p of result.problems) {
    const row = planned.rowOf.get(p.indicatorId)
    const key = FIELD_COLUMN[p.field]
    out.push(issue(`${p.code}: ${p.message}`, { row: row?.rowNumber ?? null, col: key ? (planned.cols[key] ?? null) : (planned.cols.code ?? null) }))
  }
  for (const c of result.conflicts) {
    const row = planned.rowOf.get(c.indicatorId)
    out.push(
      issue(`${c.code}: ${c.message}. Baris ini sudah diubah di aplikasi sejak templat diunduh; unduh templat terbaru lalu isi kembali.`, {
        row: row?.rowNumber ?? null,
        col: planned.cols.version ? { ...planned.cols.version, header: `${RT.version} (tersembunyi)` } : null,
      }),
    )
  }
  if (!out.length) out.push(issue(result.message))
  return out
}

const DRY_RUN = Symbol('dry-run')

/**
 * The same database, except that `transaction().execute(fn)` runs `fn` in a real transaction
 * and then always rolls it back, returning what `fn` returned: the entry service's checks and
 * writes run exactly as in a real save, and nothing stays.
 */
export function dryRunDb(db: DB): DB {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({
          execute: async <T>(fn: (trx: Executor) => Promise<T>): Promise<T> => {
            let out: T | undefined
            try {
              await target.transaction().execute(async (trx) => {
                out = await fn(trx)
                throw DRY_RUN
              })
            } catch (e) {
              if (e !== DRY_RUN) throw e
            }
            return out as T
          },
        })
      }
      const v = Reflect.get(target, prop, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  }) as DB
}

async function addWarnings(db: Executor, planned: Planned): Promise<void> {
  const { plan, request } = planned
  if (!request || !plan.period) return
  const settings = (await getSettings(db)).scoring
  const ids = request.rows.map((r) => r.indicatorId)
  const inds = await indicatorsByIds(db, ids)
  const { annual, quarterly } = await targetsOf(db, ids, plan.period.year)
  for (const ind of inds) {
    const row = planned.rowOf.get(ind.id)
    if (!row || row.tidakDiukur || row.value === null) continue
    if (ind.pola_ukur === 'rilis' && !row.buktiText && !row.buktiLink) {
      plan.warnings.push(issue(`${ind.code}: indikator rilis wajib disertai bukti publikasi sebelum diajukan.`, { row: row.rowNumber, col: planned.cols.bukti ?? null }))
    }
    const cap = capaianSatuTriwulan(indicatorInputOfYear(ind, plan.period.year, annual, quarterly), plan.period.year, plan.period.quarter, row.value, settings)
    if (cap.needsNarrative && (!row.kendala || !row.tindakLanjut)) {
      plan.warnings.push(
        issue(`${ind.code}: capaian ${formatPercent(cap.capaianRaw)} (${cap.predikat?.label ?? '–'}); kendala dan tindak lanjut wajib diisi sebelum diajukan.`, {
          row: row.rowNumber,
          col: (!row.kendala ? planned.cols.kendala : planned.cols.tl) ?? null,
        }),
      )
    }
  }
}

/**
 * Preview: nothing is written (the entry service runs in a rolled-back transaction). Every row
 * is checked in one pass: the rows that could be read go through the entry service's rules even
 * when other rows have unreadable cells, so the answer lists every problem at once, and a row
 * with a problem is marked `ditolak`, never shown among the rows to save.
 */
export async function previewRealisasiImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<RealisasiImportPlan> {
  const planned = await planImport(db, user, bytes, fileName)
  const { plan, request } = planned
  if (request) {
    const result = await saveEntries(dryRunDb(db), user, request, null)
    if (!result.ok) {
      const found = mapEntryResult(result, planned)
      plan.errors.push(...found)
      markRejected(plan, found)
    }
  }
  plan.errors.sort(byPlace)
  if (!plan.errors.length) await addWarnings(db, planned)
  return plan
}

/** File-wide problems first, then by row and column. */
function byPlace(a: ImportIssue, b: ImportIssue): number {
  if (a.row !== b.row) return a.row === null ? -1 : b.row === null ? 1 : a.row - b.row
  return (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '')
}

/** Rows named by a problem leave the rows to save. */
function markRejected(plan: RealisasiImportPlan, found: ImportIssue[]): void {
  const bad = new Set(found.map((e) => e.row).filter((n): n is number => n !== null))
  for (const r of plan.rows) {
    if (!bad.has(r.rowNumber) || r.kind === 'ditolak') continue
    plan.counts[r.kind]--
    plan.counts.ditolak++
    r.kind = 'ditolak'
    r.changes = []
  }
}

export type CommitResult =
  { ok: true; created: number; updated: number; message: string; plan: RealisasiImportPlan } | { ok: false; status: 400 | 409; message: string; plan: RealisasiImportPlan }

/** Commit: the same plan as previewed, saved by the entry service in one transaction. */
export async function commitRealisasiImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string, previewHash: string, requestId: string | null): Promise<CommitResult> {
  const planned = await planImport(db, user, bytes, fileName)
  const { plan, request } = planned
  if (plan.errors.length) {
    // show every problem, as the preview does
    return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan: await previewRealisasiImport(db, user, bytes, fileName) }
  }
  if (plan.hash !== previewHash) {
    const fresh = await previewRealisasiImport(db, user, bytes, fileName)
    return { ok: false, status: 409, message: 'Data di aplikasi atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru di bawah, lalu simpan lagi.', plan: fresh }
  }
  if (!request) return { ok: true, created: 0, updated: 0, message: 'Tidak ada perubahan untuk disimpan.', plan }
  const result = await saveEntries(db, user, request, requestId)
  if (!result.ok) {
    plan.errors.push(...mapEntryResult(result, planned))
    return { ok: false, status: result.status, message: `${result.message}`, plan }
  }
  return {
    ok: true,
    created: result.created,
    updated: result.updated,
    message: `Impor selesai: ${result.created} realisasi baru dan ${result.updated} diubah (TW ${romanQuarter(plan.period!.quarter)} ${plan.period!.year}). Semua tercatat di jejak audit sebagai draf; ajukan dari halaman Input Realisasi.`,
    plan,
  }
}
