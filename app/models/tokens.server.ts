// Read-only API tokens. The plaintext (32 random bytes, base64url) is returned once at creation;
// only its SHA-256 is stored. Creation and revocation write an audit row (entity 'api_token', with
// the token's OPD). Tenancy (ADR 0010): an OPD-bound admin sees, creates and revokes only tokens
// bound to his own OPD; a city-wide token (no OPD) needs a city-level admin.
import { randomBytes } from 'node:crypto'
import type { DB, Executor } from '../utils/db.server'
import { writeTransaction } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { hashApiToken, type SessionUser } from '../services/auth.server'
import { actorOf, writeAudit } from '../services/audit.server'

export interface TokenRow {
  id: number
  name: string
  opdId: number | null
  opdName: string | null
  createdBy: string | null
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** Tokens an admin may see: every one for a city-level admin, his OPD's for an OPD-bound one. */
export async function listTokens(db: Executor, actor: Pick<SessionUser, 'opdId'>): Promise<TokenRow[]> {
  let q = db.selectFrom('api_token as t')
  if (actor.opdId != null) q = q.where('t.opd_id', '=', actor.opdId)
  const rows = await q
    .leftJoin('org_unit as o', 'o.id', 't.opd_id')
    .leftJoin('app_user as u', 'u.id', 't.created_by')
    .select(['t.id', 't.name', 't.opd_id', 'o.name as opd_name', 'u.username as created_by', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .orderBy('t.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    opdId: r.opd_id,
    opdName: r.opd_name ?? null,
    createdBy: r.created_by ?? null,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }))
}

const CITY_WIDE_ONLY = 'Token untuk semua perangkat daerah hanya dapat dibuat oleh administrator tingkat kota; pilih perangkat daerah Anda.'
const OWN_OPD_ONLY = 'Anda hanya dapat membuat token untuk perangkat daerah Anda sendiri.'

export type TokenOutcome<T> = { ok: true; message: string; value: T } | { ok: false; status: number; message: string; fieldErrors: { name?: string; opdId?: string } }

export async function createApiToken(
  db: DB,
  actor: SessionUser,
  input: { name: string; opdId: string },
  requestId: string | null,
): Promise<TokenOutcome<{ id: number; token: string }>> {
  const name = input.name.trim()
  const fieldErrors: { name?: string; opdId?: string } = {}
  if (!name) fieldErrors.name = 'Nama token wajib diisi (misalnya nama aplikasi yang memakainya).'
  else if (name.length > 120) fieldErrors.name = 'Nama token maksimal 120 karakter.'
  let opdId: number | null = null
  if (input.opdId.trim() !== '') {
    const opd = /^\d{1,9}$/.test(input.opdId.trim())
      ? await db.selectFrom('org_unit').select('id').where('id', '=', Number(input.opdId)).where('kind', '=', 'opd').executeTakeFirst()
      : undefined
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
    const newId = Number(
      (
        await trx
          .insertInto('api_token')
          .values({ name, token_hash: hashApiToken(token), opd_id: opdId, created_by: actor.id, created_at: toDbTime(now()), last_used_at: null, revoked_at: null })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    // never the token itself, nor its hash, in the audit trail
    await writeAudit(trx, { actor: actorOf(actor), opdId, entity: 'api_token', entityId: newId, action: 'create', after: { name, opd_id: opdId }, requestId })
    return newId
  })
  return { ok: true, message: `Token "${name}" dibuat. Salin sekarang: token ini tidak akan ditampilkan lagi.`, value: { id, token } }
}

export async function revokeApiToken(db: DB, actor: SessionUser, tokenId: number, requestId: string | null): Promise<TokenOutcome<undefined>> {
  const row = await db.selectFrom('api_token').select(['id', 'name', 'revoked_at', 'opd_id']).where('id', '=', tokenId).executeTakeFirst()
  if (!row) return { ok: false, status: 404, message: 'Token tidak ditemukan.', fieldErrors: {} }
  if (actor.opdId != null && row.opd_id !== actor.opdId) return { ok: false, status: 403, message: 'Token ini bukan milik perangkat daerah Anda; hanya administrator tingkat kota yang dapat mencabutnya.', fieldErrors: {} }
  if (row.revoked_at) return { ok: true, message: `Token "${row.name}" sudah dicabut sebelumnya.`, value: undefined }
  await writeTransaction(db, row.opd_id ?? 'city', async (trx) => {
    const t = toDbTime(now())
    await trx.updateTable('api_token').set({ revoked_at: t }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute()
    await writeAudit(trx, { actor: actorOf(actor), opdId: row.opd_id, entity: 'api_token', entityId: tokenId, action: 'revoke', before: { revoked_at: null }, after: { revoked_at: t }, requestId })
  })
  return { ok: true, message: `Token "${row.name}" dicabut; aplikasi yang memakainya tidak dapat mengakses API lagi.`, value: undefined }
}
