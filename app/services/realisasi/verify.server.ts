// Use case "Verifikasi" (perencanaan): diajukan → diverifikasi (locked), one row or many at once.
import type { DB } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../../domain/labels'
import { guardedUpdate, reviewTransaction, type ReviewItem } from './review.server'
import type { ReviewResult } from './types'

export async function verifyRealisasi(db: DB, user: SessionUser, items: ReviewItem[], requestId: string | null): Promise<ReviewResult> {
  return reviewTransaction(
    db,
    user,
    items,
    {
      check: (d) => (d.status === 'diajukan' ? null : `hanya realisasi berstatus Diajukan yang dapat diverifikasi (status sekarang: ${STATUS_LABELS[d.status]}).`),
      apply: async (trx, d) => {
        await guardedUpdate(trx, d, { status: 'diverifikasi', verified_by: user.id, verified_at: toDbTime(now()) })
        return { action: 'verify' }
      },
      verb: 'diverifikasi',
    },
    requestId,
  )
}
