// Use case "Buka kunci" (perencanaan): diverifikasi → diajukan or dikembalikan, with a reason kept
// in the audit trail (and, when returned, shown to the kepala bidang as the return note).
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../../domain/labels'
import { clean } from './common.server'
import { guardedUpdate, refused, reviewTransaction, type ReviewItem } from './review.server'
import { LIMITS, type ReviewResult } from './types'

export async function unlockRealisasi(
  db: DB,
  user: SessionUser,
  item: ReviewItem,
  reasonRaw: string,
  to: 'diajukan' | 'dikembalikan',
  requestId: string | null,
): Promise<ReviewResult> {
  const reason = clean(reasonRaw)
  if (!reason) return refused('Alasan membuka kunci wajib diisi.')
  if (reason.length > LIMITS.note) return refused(`Alasan paling panjang ${LIMITS.note} karakter.`)
  if (to !== 'diajukan' && to !== 'dikembalikan') return refused('Status tujuan tidak valid.')
  return reviewTransaction(
    db,
    user,
    [item],
    {
      check: (d) => (d.status === 'diverifikasi' ? null : `hanya realisasi yang sudah diverifikasi yang dapat dibuka kuncinya (status sekarang: ${STATUS_LABELS[d.status]}).`),
      apply: async (trx, d) => {
        await guardedUpdate(trx, d, { status: to, verified_by: null, verified_at: null, ...(to === 'dikembalikan' ? { return_note: reason } : {}) })
        return { action: 'unlock', reason }
      },
      verb: 'dibuka kuncinya',
    },
    requestId,
  )
}
