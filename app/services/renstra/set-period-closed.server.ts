// Perencanaan closes a Renstra period (nothing in it can be changed afterwards) or reopens it with a
// reason. One transaction with the OPD scope and one audit row.
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getPeriod } from '../../models/renstra.server'
import { setPeriodClosedFlag } from '../../models/renstra-write.server'
import { Refusal } from './common.server'
import { runKelola, type KelolaResult } from './kelola-common.server'

export async function setPeriodClosed(
  db: DB,
  user: SessionUser,
  opdId: number,
  periodId: number,
  close: boolean,
  /** Checked by the form's schema: required to reopen, at most 500 characters. */
  reason: string | null,
  requestId: string | null,
): Promise<KelolaResult> {
  return runKelola(
    db,
    opdId,
    async (trx) => {
      const before = await getPeriod(trx, periodId)
      if (!before) throw new Refusal(404, 'Periode Renstra tidak ditemukan.', {}, ['Periode Renstra tidak ditemukan.'])
      const general: string[] = []
      if (close && before.closed) general.push('Periode ini sudah ditutup.')
      if (!close && !before.closed) general.push('Periode ini masih terbuka.')
      if (general.length) throw new Refusal(400, general[0]!, {}, general)
      await setPeriodClosedFlag(trx, periodId, close)
      await writeAudit(trx, {
        actor: actorOf(user),
        opdId: before.opd_id,
        entity: 'renstra_period',
        entityId: periodId,
        action: close ? 'close' : 'reopen',
        before: { ...before },
        after: { ...before, closed: close ? 1 : 0 },
        reason,
        requestId,
      })
      return close ? `${before.name} ditutup: Renstra, indikator dan target periode ini tidak dapat diubah lagi.` : `${before.name} dibuka kembali.`
    },
    'Perubahan ditolak.',
  )
}
