// Read-only API tokens, SQL only. Creating and revoking one are use cases in app/services/tokens/.
// Tenancy (ADR 0010): an OPD-bound admin sees only tokens bound to his own OPD.
import type { Insertable } from 'kysely'
import type { ApiTokenTable } from '../../db/schema'
import type { Executor } from '../utils/db.server'

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
export async function listTokens(db: Executor, actor: { opdId: number | null }): Promise<TokenRow[]> {
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

/** Is `id` an OPD (kind 'opd')? */
export async function findOpd(db: Executor, id: number) {
  return db.selectFrom('org_unit').select('id').where('id', '=', id).where('kind', '=', 'opd').executeTakeFirst()
}

export async function insertToken(db: Executor, values: Insertable<ApiTokenTable>): Promise<number> {
  return Number((await db.insertInto('api_token').values(values).executeTakeFirstOrThrow()).insertId)
}

export async function findToken(db: Executor, id: number) {
  return db.selectFrom('api_token').select(['id', 'name', 'revoked_at', 'opd_id']).where('id', '=', id).executeTakeFirst()
}

/** Marks a token revoked at `t` (once: a revoked token keeps its first time). */
export async function markTokenRevoked(db: Executor, id: number, t: string): Promise<void> {
  await db.updateTable('api_token').set({ revoked_at: t }).where('id', '=', id).where('revoked_at', 'is', null).execute()
}

/** The token a bearer presents, by the SHA-256 of its text. */
export async function findTokenByHash(db: Executor, tokenHash: string) {
  return db.selectFrom('api_token').select(['id', 'opd_id', 'revoked_at']).where('token_hash', '=', tokenHash).executeTakeFirst()
}

/** Records that the token was used at `t`. */
export async function touchTokenLastUsed(db: Executor, id: number, t: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: t }).where('id', '=', id).execute()
}
