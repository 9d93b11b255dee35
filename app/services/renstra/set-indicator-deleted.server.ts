// Perencanaan deletes an indicator (soft delete with a reason: its history and realisations stay and
// are exported) or restores it. Optimistic concurrency on indicator.version; a closed period refuses.
// One transaction with the OPD scope and one audit row.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getIndicatorWithPeriod, lastIndicatorChange } from '../../models/renstra.server'
import { updateIndicatorAtVersion } from '../../models/renstra-write.server'
import type { FormErrors } from '../../utils/renstra-fields'
import { assertOpdScope, changedByText, clean, closedMessage, optionalId, Refusal, RENSTRA_LIMITS } from './common.server'
import { indicatorSnapshot } from './indicator-common.server'
import type { IndicatorRefusal } from './indicator-form.server'

export type SimpleResult = { ok: true; message: string } | IndicatorRefusal

const refusal = (status: 400 | 404 | 409, message: string, errors: FormErrors = {}, general: string[] = []): IndicatorRefusal => ({
  ok: false,
  status,
  message,
  errors,
  general,
  reasonYears: [],
  conflict: null,
})

export async function deleteIndicator(db: DB, user: SessionUser, id: number, versionRaw: string, reasonRaw: string, requestId: string | null): Promise<SimpleResult> {
  return deleteOrRestoreIndicator(db, user, id, versionRaw, reasonRaw, requestId, 'delete')
}

export async function restoreIndicator(db: DB, user: SessionUser, id: number, versionRaw: string, reasonRaw: string, requestId: string | null): Promise<SimpleResult> {
  return deleteOrRestoreIndicator(db, user, id, versionRaw, reasonRaw, requestId, 'restore')
}

async function deleteOrRestoreIndicator(
  db: DB,
  user: SessionUser,
  id: number,
  versionRaw: string,
  reasonRaw: string,
  requestId: string | null,
  action: 'delete' | 'restore',
): Promise<SimpleResult> {
  const current = await getIndicatorWithPeriod(db, id)
  if (!current) return refusal(404, 'Indikator tidak ditemukan.')
  assertOpdScope(user, current.opd_id)
  const reason = clean(reasonRaw)
  const expected = optionalId(versionRaw)
  const t = toDbTime(now())
  try {
    await writeTransaction(db, current.opd_id, async (trx) => {
      const before = (await getIndicatorWithPeriod(trx, id))!
      const errors: FormErrors = {} // the form schema checks the reason too; kept so the use case holds on its own
      if (action === 'delete' && !reason) errors.deleted_reason = 'Alasan penghapusan wajib diisi.'
      if (reason && reason.length > RENSTRA_LIMITS.deletedReason) errors.deleted_reason = `Alasan paling panjang ${RENSTRA_LIMITS.deletedReason} karakter.`
      const general: string[] = []
      if (before.period_closed) general.push(closedMessage({ name: before.period_name, start_year: before.start_year, end_year: before.end_year }))
      if (expected === null) general.push('Versi formulir tidak dikenali; muat ulang halaman.')
      else if (expected !== before.version) throw new Refusal(409, 'conflict')
      if (action === 'delete' && before.deleted_at) general.push('Indikator ini sudah dihapus.')
      if (action === 'restore' && !before.deleted_at) general.push('Indikator ini tidak dalam keadaan dihapus.')
      if (general.length || Object.keys(errors).length) throw new Refusal(400, general[0] ?? Object.values(errors)[0]!, errors, general)
      const set =
        action === 'delete'
          ? { deleted_at: t, deleted_reason: reason, version: before.version + 1, updated_at: t }
          : { deleted_at: null, deleted_reason: null, version: before.version + 1, updated_at: t }
      if ((await updateIndicatorAtVersion(trx, id, before.version, set)) !== 1) throw new Refusal(409, 'conflict')
      const after = (await getIndicatorWithPeriod(trx, id))!
      await writeAudit(trx, {
        actor: actorOf(user),
        opdId: current.opd_id,
        entity: 'indicator',
        entityId: id,
        action,
        before: indicatorSnapshot(before),
        after: indicatorSnapshot(after),
        reason,
        requestId,
      })
    })
    return {
      ok: true,
      message:
        action === 'delete'
          ? `Indikator ${current.code} dihapus. Riwayat dan realisasinya tetap tersimpan dan tetap ikut dalam ekspor jejak audit.`
          : `Indikator ${current.code} dipulihkan dan kembali dihitung dalam skor.`,
    }
  } catch (e) {
    if (e instanceof Refusal) {
      if (e.status === 409) {
        const message = `${await changedByText(db, await lastIndicatorChange(db, id))} Muat ulang halaman, lalu ulangi bila masih perlu.`
        return refusal(409, message)
      }
      return refusal(e.status, e.message, e.errors, e.general)
    }
    throw e
  }
}
