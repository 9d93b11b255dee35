// Use case: an admin revokes an API token (one audit row 'revoke'). Revoking twice is harmless.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { findToken, markTokenRevoked } from '../../models/tokens.server'
import type { TokenOutcome } from './common.server'

export async function revokeApiToken(db: DB, actor: SessionUser, tokenId: number, requestId: string | null): Promise<TokenOutcome<undefined>> {
  const row = await findToken(db, tokenId)
  if (!row) return { ok: false, status: 404, message: 'Token tidak ditemukan.', fieldErrors: {} }
  if (actor.opdId != null && row.opd_id !== actor.opdId)
    return { ok: false, status: 403, message: 'Token ini bukan milik perangkat daerah Anda; hanya administrator tingkat kota yang dapat mencabutnya.', fieldErrors: {} }
  if (row.revoked_at) return { ok: true, message: `Token "${row.name}" sudah dicabut sebelumnya.`, value: undefined }
  await writeTransaction(db, row.opd_id ?? 'city', async (trx) => {
    const t = toDbTime(now())
    await markTokenRevoked(trx, tokenId, t)
    await writeAudit(trx, {
      actor: actorOf(actor),
      opdId: row.opd_id,
      entity: 'api_token',
      entityId: tokenId,
      action: 'revoke',
      before: { revoked_at: null },
      after: { revoked_at: t },
      requestId,
    })
  })
  return { ok: true, message: `Token "${row.name}" dicabut; aplikasi yang memakainya tidak dapat mengakses API lagi.`, value: undefined }
}
