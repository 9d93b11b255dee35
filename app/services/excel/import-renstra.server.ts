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
import { actorOf, writeAudit } from '../audit.server'
import type { SessionUser } from '../auth.server'
import { cleanOptional, issue } from './import-common.server'
import { fieldsOfExisting, planRenstra, type Fields } from './import-renstra/plan.server'
import type { RenstraImportPlan } from './import-renstra/plan.server'

export { RENSTRA_MODE_TITLE, type RenstraImportPlan, type RenstraPreviewRow, type RenstraRowKind } from './import-renstra/plan.server'

export async function previewRenstraImport(db: Executor, user: SessionUser, opdId: number, bytes: Uint8Array, fileName: string, year: number): Promise<RenstraImportPlan> {
  return (await planRenstra(db, user, opdId, bytes, fileName, year)).plan
}

export type RenstraCommitResult =
  { ok: true; created: number; updated: number; message: string; plan: RenstraImportPlan } | { ok: false; status: 400 | 409; message: string; plan: RenstraImportPlan }

class Conflict extends Error {}

function snapshot(f: Fields | null, targets: Record<number, number | null> | null, meta: { id: number; version: number }) {
  return f ? { id: meta.id, version: meta.version, ...f, targets } : null
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
  if (plan.needsReason && !reason) {
    plan.errors.push(issue('Alasan perubahan wajib diisi: ada target tahun yang sudah memiliki realisasi terverifikasi.'))
    return { ok: false, status: 400, message: 'Alasan perubahan wajib diisi.', plan }
  }
  if (reason && reason.length > 2000) {
    plan.errors.push(issue('Alasan paling panjang 2000 karakter.'))
    return { ok: false, status: 400, message: 'Alasan terlalu panjang.', plan }
  }
  const t = toDbTime(now())
  const periodId = planned.periodRow!.id
  try {
    const counts = await writeTransaction(db, opdId, async (trx) => {
      let created = 0
      let updated = 0
      let order = Number(
        (
          await trx
            .selectFrom('indicator')
            .select((eb) => eb.fn.max('sort_order').as('m'))
            .where('period_id', '=', periodId)
            .executeTakeFirst()
        )?.m ?? 0,
      )
      const kindOf = new Map(plan.rows.map((r) => [r.rowNumber, r.kind]))
      for (const p of planned.rows) {
        const kind = kindOf.get(p.rowNumber)
        if (kind === 'tetap') continue
        if (kind === 'baru') {
          const res = await trx
            .insertInto('indicator')
            .values({ period_id: periodId, ...p.fields, sort_order: ++order, version: 1, created_at: t, updated_at: t, deleted_at: null, deleted_reason: null })
            .executeTakeFirstOrThrow()
          const id = Number(res.insertId)
          for (const [y, v] of Object.entries(p.targets))
            if (v !== null)
              await trx
                .insertInto('indicator_target')
                .values({ indicator_id: id, year: Number(y), target: v })
                .execute()
          await writeAudit(trx, {
            actor: actorOf(user),
            opdId,
            entity: 'indicator',
            entityId: id,
            action: 'import_create',
            before: null,
            after: snapshot(p.fields, p.targets, { id, version: 1 }),
            reason: reason ?? `Impor Renstra dari ${fileName}`,
            requestId,
          })
          created++
          continue
        }
        const ex = planned.existing.get(p.fields.code.toLowerCase())!
        const res = await trx
          .updateTable('indicator')
          .set({ ...p.fields, version: ex.version + 1, updated_at: t })
          .where('id', '=', ex.id)
          .where('version', '=', ex.version)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) !== 1) throw new Conflict(p.fields.code)
        const before = planned.targetsBefore.get(ex.id) ?? {}
        for (const [yRaw, v] of Object.entries(p.targets)) {
          const y = Number(yRaw)
          const b = before[y] ?? null
          if (b === v) continue
          if (v === null) await trx.deleteFrom('indicator_target').where('indicator_id', '=', ex.id).where('year', '=', y).execute()
          else if (b === null) await trx.insertInto('indicator_target').values({ indicator_id: ex.id, year: y, target: v }).execute()
          else await trx.updateTable('indicator_target').set({ target: v }).where('indicator_id', '=', ex.id).where('year', '=', y).execute()
        }
        await writeAudit(trx, {
          actor: actorOf(user),
          opdId,
          entity: 'indicator',
          entityId: ex.id,
          action: 'import_update',
          before: snapshot(fieldsOfExisting(ex), before, { id: ex.id, version: ex.version }),
          after: snapshot(p.fields, { ...before, ...p.targets }, { id: ex.id, version: ex.version + 1 }),
          reason: reason ?? `Impor Renstra dari ${fileName}`,
          requestId,
        })
        updated++
      }
      return { created, updated }
    })
    return { ok: true, ...counts, message: `Impor Renstra selesai: ${counts.created} indikator baru, ${counts.updated} diubah.`, plan }
  } catch (e) {
    if (e instanceof Conflict) {
      plan.errors.push(issue(`Indikator ${e.message} baru saja diubah oleh pengguna lain; tidak ada yang disimpan. Unduh templat terbaru.`))
      return { ok: false, status: 409, message: 'Terjadi konflik perubahan; tidak ada yang disimpan.', plan }
    }
    const err = e as { code?: string; message?: string }
    if (err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed|Duplicate entry/i.test(err?.message ?? '')) {
      plan.errors.push(issue('Kode indikator baru saja dipakai oleh pengguna lain; tidak ada yang disimpan. Periksa ulang lalu impor lagi.'))
      return { ok: false, status: 409, message: 'Terjadi konflik perubahan; tidak ada yang disimpan.', plan }
    }
    throw e
  }
}
