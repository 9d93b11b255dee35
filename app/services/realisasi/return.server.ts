// Use case "Kembalikan" (perencanaan): diajukan → dikembalikan, with a note the kepala bidang sees
// beside the row.
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../../domain/labels'
import { clean } from './common.server'
import { guardedUpdate, refused, reviewTransaction, type ReviewItem } from './review.server'
import { LIMITS, type ReviewResult } from './types'

export async function returnRealisasi(db: DB, user: SessionUser, item: ReviewItem, noteRaw: string, requestId: string | null): Promise<ReviewResult> {
  const note = clean(noteRaw)
  if (!note) return refused('Catatan pengembalian wajib diisi: jelaskan apa yang perlu diperbaiki.')
  if (note.length > LIMITS.note) return refused(`Catatan paling panjang ${LIMITS.note} karakter.`)
  return reviewTransaction(
    db,
    user,
    [item],
    {
      check: (d) => (d.status === 'diajukan' ? null : `hanya realisasi berstatus Diajukan yang dapat dikembalikan (status sekarang: ${STATUS_LABELS[d.status]}).`),
      apply: async (trx, d) => {
        await guardedUpdate(trx, d, { status: 'dikembalikan', return_note: note })
        return { action: 'return', reason: note }
      },
      verb: 'dikembalikan',
    },
    requestId,
  )
}
