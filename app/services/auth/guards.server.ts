// Every loader and action calls requireUser / requireAction (or requireApiAccess) itself: deny by default.
import { getDb, type Executor } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { findTokenByHash, touchTokenLastUsed } from '../../models/tokens.server'
import { can, type Permission } from '../../utils/permissions'
import { assertCsrf, isSameOrigin } from './csrf.server'
import { forbidden, loginRedirect, unauthorized } from './responses.server'
import { getSessionUser, type SessionUser } from './session.server'
import { sha256 } from './token-hash.server'

/** Loader guard: a session, and the permission when one is named. */
export async function requireUser(request: Request, opts: { permission?: Permission } = {}, db: Executor = getDb()): Promise<SessionUser> {
  const user = await getSessionUser(request, db)
  if (!user) loginRedirect(request)
  if (opts.permission && !can(user.role, opts.permission)) forbidden()
  return user
}

/** Action guard: session, permission, same origin, CSRF token; returns the parsed form. */
export async function requireAction(
  request: Request,
  opts: { permission?: Permission; form?: FormData } = {},
  db: Executor = getDb(),
): Promise<{ user: SessionUser; form: FormData }> {
  const user = await getSessionUser(request, db)
  if (!user) {
    if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
    loginRedirect(request)
  }
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  const form = opts.form ?? (await request.formData())
  assertCsrf(request, user, form)
  if (opts.permission && !can(user.role, opts.permission)) forbidden()
  return { user, form }
}

/** API access: a signed-in session, or `Authorization: Bearer <token>` (read-only). */
export async function requireApiAccess(
  request: Request,
  db: Executor = getDb(),
): Promise<{ kind: 'session'; user: SessionUser } | { kind: 'token'; tokenId: number; opdId: number | null }> {
  const auth = request.headers.get('Authorization')
  if (auth?.startsWith('Bearer ')) {
    const token = auth.slice(7).trim()
    const row = token ? await findTokenByHash(db, sha256(token)) : undefined
    if (!row || row.revoked_at) throw unauthorized()
    await touchTokenLastUsed(db, row.id, toDbTime(now()))
    return { kind: 'token', tokenId: row.id, opdId: row.opd_id }
  }
  const user = await getSessionUser(request, db)
  if (!user) throw unauthorized()
  if (!can(user.role, 'dashboard:read')) forbidden()
  return { kind: 'session', user }
}
