// The one write of a historical realisation (domain §8), used by the form (enter-historis) and the
// workbook import (budget/import-historis): inside the caller's transaction, stored verified by the
// one who wrote it, is_historical = 1, is_late = 0, an earlier historical row replaced with its
// version bumped, one audit row (action 'historis'). A quarter entered through the app is never
// overwritten.
import type { Executor } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { quarterName, type Quarter } from '../../domain'
import { findRealisasi, getRealisasi, insertRealisasi, updateRealisasiAtVersion } from '../../models/realisasi.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { hasQuarterEnded, snapshot } from '../realisasi/common.server'

export interface HistorisWrite {
  indicatorId: number
  opdId: number
  year: number
  quarter: number
  value: number
  bukti: string | null
}

/** Why a quarter cannot take historical data yet (null = it has ended). */
export function historisQuarterProblem(year: number, quarter: Quarter, asOf: Date, timeZone: string): string | null {
  if (hasQuarterEnded(year, quarter, asOf, timeZone)) return null
  return `${quarterName(quarter)} ${year} belum berakhir; data historis hanya untuk triwulan yang sudah lewat. Triwulan berjalan diisi lewat Input Realisasi.`
}

/** "<label> sudah punya realisasi yang diisi lewat aplikasi; …" (label: code, quarter, year). */
export const historisEnteredMessage = (label: string) => `${label} sudah punya realisasi yang diisi lewat aplikasi; data historis tidak menimpanya.`

/**
 * Writes one historical realisation in `trx`: 'entered' (nothing written) when the quarter has a
 * realisation entered through the app, else 'created' or 'replaced' with the row id.
 */
export async function writeHistorisRealisasi(
  trx: Executor,
  user: SessionUser,
  row: HistorisWrite,
  audit: { reason: string; requestId: string | null },
): Promise<{ outcome: 'entered' } | { outcome: 'created' | 'replaced'; id: number }> {
  const { indicatorId, year, quarter } = row
  const prev = await findRealisasi(trx, indicatorId, year, quarter)
  if (prev && prev.is_historical !== 1) return { outcome: 'entered' }
  const t = toDbTime(now())
  const content = {
    value: row.value,
    tidak_diukur: 0,
    bukti_text: row.bukti,
    status: 'diverifikasi' as const,
    is_late: 0,
    is_historical: 1,
    return_note: null,
    entered_by: user.id,
    entered_at: t,
    submitted_by: user.id,
    submitted_at: t,
    verified_by: user.id,
    verified_at: t,
    updated_at: t,
  }
  let id: number
  if (prev) {
    await updateRealisasiAtVersion(trx, prev.id, prev.version, content)
    id = prev.id
  } else {
    id = await insertRealisasi(trx, {
      ...content,
      indicator_id: indicatorId,
      year,
      quarter,
      bukti_link: null,
      bukti_internal: 0,
      kendala: null,
      tindak_lanjut: null,
      version: 1,
      created_at: t,
    })
  }
  await writeAudit(trx, {
    actor: actorOf(user),
    opdId: row.opdId,
    entity: 'realisasi',
    entityId: id,
    action: 'historis',
    before: prev ? (snapshot(prev as never) ?? undefined) : undefined,
    after: snapshot((await getRealisasi(trx, id)) as never),
    reason: audit.reason,
    requestId: audit.requestId,
  })
  return { outcome: prev ? 'replaced' : 'created', id }
}
