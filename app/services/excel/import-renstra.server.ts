// Import of the Renstra workbook (perencanaan): indicators with their mapping (code, name, satuan,
// polarity, pola ukur, aspect, strategy, weight, unit, sasaran, program, baseline, target akhir,
// bounds) and the annual target of every Renstra year. Same shape as the realisation import:
// preview (new / changed / unchanged, problems by row and column) → commit in ONE transaction
// with one audit row per created or changed indicator; the commit must match the preview (hash),
// versions guard against concurrent edits, and changing a target of a year that already has
// verified realisations needs a reason.
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { actorOf, writeAudit, type AuditEntry } from '../audit.server'
import type { SessionUser } from '../auth.server'
import { cleanOptional, issue } from './import-common.server'
import { fieldsOfExisting, planRenstra, type Fields, type Planned } from './import-renstra/plan.server'
import type { RenstraImportPlan } from './import-renstra/plan.server'
import { CONFLICT_MESSAGE, ImportConflict, isDuplicateKey } from './renstra-import-shared.server'
import { maxSortOrder } from '../../models/renstra.server'
import { deleteAnnualTarget, insertAnnualTarget, insertIndicator, updateAnnualTarget, updateIndicatorAtVersion } from '../../models/renstra-write.server'

export { RENSTRA_MODE_TITLE, type RenstraImportPlan, type RenstraPreviewRow, type RenstraRowKind } from './import-renstra/plan.server'

export async function previewRenstraImport(db: Executor, user: SessionUser, opdId: number, bytes: Uint8Array, fileName: string, year: number): Promise<RenstraImportPlan> {
  return (await planRenstra(db, user, opdId, bytes, fileName, year)).plan
}

export type RenstraCommitResult =
  { ok: true; created: number; updated: number; message: string; plan: RenstraImportPlan } | { ok: false; status: 400 | 409; message: string; plan: RenstraImportPlan }

function snapshot(f: Fields | null, targets: Record<number, number | null> | null, meta: { id: number; version: number }) {
  return f ? { id: meta.id, version: meta.version, ...f, targets } : null
}

type RowOf = Planned['rows'][number]
interface Writer {
  trx: Executor
  planned: Planned
  t: string
  audit: (entityId: number, action: string, before: unknown, after: unknown) => AuditEntry
}

/** The reason a change needs (targets of verified years), checked; a string is the refusal. */
function reasonProblem(plan: RenstraImportPlan, reason: string | null): string | null {
  if (plan.needsReason && !reason) {
    plan.errors.push(issue('Alasan perubahan wajib diisi: ada target tahun yang sudah memiliki realisasi terverifikasi.'))
    return 'Alasan perubahan wajib diisi.'
  }
  if (reason && reason.length > 2000) {
    plan.errors.push(issue('Alasan paling panjang 2000 karakter.'))
    return 'Alasan terlalu panjang.'
  }
  return null
}

async function createIndicator(w: Writer, p: RowOf, sortOrder: number): Promise<void> {
  const id = await insertIndicator(w.trx, {
    period_id: w.planned.periodRow!.id,
    ...p.fields,
    sort_order: sortOrder,
    version: 1,
    created_at: w.t,
    updated_at: w.t,
    deleted_at: null,
    deleted_reason: null,
  })
  for (const [y, v] of Object.entries(p.targets)) if (v !== null) await insertAnnualTarget(w.trx, id, Number(y), v)
  await writeAudit(w.trx, w.audit(id, 'import_create', null, snapshot(p.fields, p.targets, { id, version: 1 })))
}

async function updateIndicator(w: Writer, p: RowOf): Promise<void> {
  const ex = w.planned.existing.get(p.fields.code.toLowerCase())!
  const updatedRows = await updateIndicatorAtVersion(w.trx, ex.id, ex.version, { ...p.fields, version: ex.version + 1, updated_at: w.t })
  if (updatedRows !== 1) throw new ImportConflict(p.fields.code)
  const before = w.planned.targetsBefore.get(ex.id) ?? {}
  for (const [yRaw, v] of Object.entries(p.targets)) {
    const y = Number(yRaw)
    const b = before[y] ?? null
    if (b === v) continue
    if (v === null) await deleteAnnualTarget(w.trx, ex.id, y)
    else if (b === null) await insertAnnualTarget(w.trx, ex.id, y, v)
    else await updateAnnualTarget(w.trx, ex.id, y, v)
  }
  await writeAudit(
    w.trx,
    w.audit(
      ex.id,
      'import_update',
      snapshot(fieldsOfExisting(ex), before, { id: ex.id, version: ex.version }),
      snapshot(p.fields, { ...before, ...p.targets }, { id: ex.id, version: ex.version + 1 }),
    ),
  )
}

/** Every new or changed row, in ONE transaction, one audit row each. */
async function writeRows(w: Writer): Promise<{ created: number; updated: number }> {
  let created = 0
  let updated = 0
  let order = await maxSortOrder(w.trx, 'indicator', w.planned.periodRow!.id)
  const kindOf = new Map(w.planned.plan.rows.map((r) => [r.rowNumber, r.kind]))
  for (const p of w.planned.rows) {
    const kind = kindOf.get(p.rowNumber)
    if (kind === 'tetap') continue
    if (kind === 'baru') {
      await createIndicator(w, p, ++order)
      created++
    } else {
      await updateIndicator(w, p)
      updated++
    }
  }
  return { created, updated }
}

export async function commitRenstraImport(
  db: DB,
  user: SessionUser,
  opdId: number,
  bytes: Uint8Array,
  fileName: string,
  year: number,
  previewHash: string,
  reasonRaw: string | null,
  requestId: string | null,
): Promise<RenstraCommitResult> {
  const planned = await planRenstra(db, user, opdId, bytes, fileName, year)
  const { plan } = planned
  if (plan.errors.length) return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan }
  if (plan.hash !== previewHash) return { ok: false, status: 409, message: 'Data Renstra atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru, lalu simpan lagi.', plan }
  const reason = cleanOptional(reasonRaw)
  const refused = reasonProblem(plan, reason)
  if (refused) return { ok: false, status: 400, message: refused, plan }
  const actor = actorOf(user)
  const auditReason = reason ?? `Impor Renstra dari ${fileName}`
  try {
    const counts = await writeTransaction(db, opdId, (trx) =>
      writeRows({
        trx,
        planned,
        t: toDbTime(now()),
        audit: (entityId, action, before, after) => ({ actor, opdId, entity: 'indicator', entityId, action, before, after, reason: auditReason, requestId }),
      }),
    )
    return { ok: true, ...counts, message: `Impor Renstra selesai: ${counts.created} indikator baru, ${counts.updated} diubah.`, plan }
  } catch (e) {
    if (e instanceof ImportConflict) plan.errors.push(issue(`Indikator ${e.message} baru saja diubah oleh pengguna lain; tidak ada yang disimpan. Unduh templat terbaru.`))
    else if (isDuplicateKey(e)) plan.errors.push(issue('Kode indikator baru saja dipakai oleh pengguna lain; tidak ada yang disimpan. Periksa ulang lalu impor lagi.'))
    else throw e
    return { ok: false, status: 409, message: CONFLICT_MESSAGE, plan }
  }
}
