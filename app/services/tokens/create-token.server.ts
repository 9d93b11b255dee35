// Use case: an admin creates a read-only API token. The plaintext (32 random bytes, base64url) is
// returned once; only its SHA-256 is stored. One audit row 'create' (entity 'api_token', its OPD),
// never with the token or its hash.
import { randomBytes } from 'node:crypto'
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { hashApiToken, type SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { findOpd, insertToken } from '../../models/tokens.server'
import type { TokenField, TokenOutcome } from './common.server'

const CITY_WIDE_ONLY = 'Token untuk semua perangkat daerah hanya dapat dibuat oleh administrator tingkat kota; pilih perangkat daerah Anda.'
const OWN_OPD_ONLY = 'Anda hanya dapat membuat token untuk perangkat daerah Anda sendiri.'

export async function createApiToken(
  db: DB,
  actor: SessionUser,
  input: { name: string; opdId: string },
  requestId: string | null,
): Promise<TokenOutcome<{ id: number; token: string }>> {
  const name = input.name.trim()
  const fieldErrors: Partial<Record<TokenField, string>> = {}
  if (!name) fieldErrors.name = 'Nama token wajib diisi (misalnya nama aplikasi yang memakainya).'
  else if (name.length > 120) fieldErrors.name = 'Nama token maksimal 120 karakter.'
  let opdId: number | null = null
  if (input.opdId.trim() !== '') {
    const opd = /^\d{1,9}$/.test(input.opdId.trim()) ? await findOpd(db, Number(input.opdId)) : undefined
    if (!opd) fieldErrors.opdId = 'Perangkat daerah tidak dikenal.'
    else opdId = opd.id
  }
  if (actor.opdId != null && !fieldErrors.opdId && opdId !== actor.opdId) {
    const message = opdId == null ? CITY_WIDE_ONLY : OWN_OPD_ONLY
    return { ok: false, status: 403, message, fieldErrors: { opdId: message } }
  }
  if (Object.keys(fieldErrors).length) return { ok: false, status: 400, message: 'Periksa kembali isian yang ditandai.', fieldErrors }

  const token = randomBytes(32).toString('base64url')
  const id = await writeTransaction(db, opdId ?? 'city', async (trx) => {
    const newId = await insertToken(trx, {
      name,
      token_hash: hashApiToken(token),
      opd_id: opdId,
      created_by: actor.id,
      created_at: toDbTime(now()),
      last_used_at: null,
      revoked_at: null,
    })
    // never the token itself, nor its hash, in the audit trail
    await writeAudit(trx, { actor: actorOf(actor), opdId, entity: 'api_token', entityId: newId, action: 'create', after: { name, opd_id: opdId }, requestId })
    return newId
  })
  return { ok: true, message: `Token "${name}" dibuat. Salin sekarang: token ini tidak akan ditampilkan lagi.`, value: { id, token } }
}
