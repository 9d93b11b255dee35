// Server-side sessions: the cookie, the session row, and the signed-in user read with it (one query).
import { randomBytes } from 'node:crypto'
import { getDb, type Executor } from '../../utils/db.server'
import { fromDbTime, toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { identityOf, type UserIdentity } from '../../models/users.server'
import { deleteSession, deleteUserSessions, findSessionWithUser, insertSession, touchSession, type SessionRow } from '../../models/sessions.server'
import { opdOfChain, opdOfUnit } from './opd.server'
import { sha256 } from './token-hash.server'

export const SESSION_IDLE_MS = Number(process.env.SESSION_IDLE_MINUTES ?? 30) * 60_000
export const SESSION_ABSOLUTE_MS = Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000

const secureCookie = () => process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false'
export const SESSION_COOKIE = 'sesi'

export interface SessionUser extends UserIdentity {
  /** The OPD this user belongs to; null = city level (sees every OPD). */
  opdId: number | null
  sessionId: string
  csrfToken: string
  /**
   * The data version (db/version.ts) read with the session, before anything else of the request:
   * the read cache takes it instead of asking again.
   */
  dataVersion?: string
}

/** The session token the browser sent, if any. */
export function sessionTokenOf(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE)
}

/** A cookie's value; a value that is not valid percent-encoding counts as absent (never a 500). */
function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      continue // e.g. `sesi=%E0%A4%A`: no session from this one
    }
  }
  return null
}

export function sessionCookie(token: string, maxAgeSeconds = Math.floor(SESSION_ABSOLUTE_MS / 1000)): string {
  return [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secureCookie() ? ['Secure'] : [])].join('; ')
}

export const clearSessionCookie = () => sessionCookie('', 0)

export async function createSession(db: Executor, userId: number, meta: { ip?: string; userAgent?: string | null } = {}): Promise<string> {
  const token = randomBytes(16).toString('base64url') // 128-bit
  const t = toDbTime(now())
  await insertSession(db, {
    id: sha256(token),
    user_id: userId,
    csrf_token: randomBytes(24).toString('base64url'),
    created_at: t,
    last_seen_at: t,
    ip: meta.ip?.slice(0, 64) ?? null,
    user_agent: meta.userAgent?.slice(0, 255) ?? null,
  })
  return token
}

export async function destroySession(db: Executor, token: string | null): Promise<void> {
  if (token) await deleteSession(db, sha256(token))
}

export async function destroyUserSessions(db: Executor, userId: number): Promise<void> {
  await deleteUserSessions(db, userId)
}

/** Per request: the root loader and the route's loader read the same session once. */
const sessionOfRequest = new WeakMap<Request, WeakMap<object, Promise<SessionUser | null>>>()

/** The signed-in user, or null when there is no valid session (expired sessions are deleted). */
export function getSessionUser(request: Request, db: Executor = getDb()): Promise<SessionUser | null> {
  let perDb = sessionOfRequest.get(request)
  if (!perDb) sessionOfRequest.set(request, (perDb = new WeakMap()))
  const known = perDb.get(db)
  if (known) return known
  const read = readSessionUser(request, db)
  perDb.set(db, read)
  read.catch(() => perDb.delete(db))
  return read
}

async function readSessionUser(request: Request, db: Executor): Promise<SessionUser | null> {
  const token = sessionTokenOf(request)
  if (!token || token.length > 64) return null
  const id = sha256(token)
  const row = await findSessionWithUser(db, id)
  if (!row) return null
  const t = now().getTime()
  const created = fromDbTime(row.created_at)!.getTime()
  const seen = fromDbTime(row.last_seen_at)!.getTime()
  if (!row.active || t - seen > SESSION_IDLE_MS || t - created > SESSION_ABSOLUTE_MS) {
    await deleteSession(db, id)
    return null
  }
  const chain = opdOfChain(row)
  const opdId = 'opdId' in chain ? chain.opdId : await opdOfUnit(db, chain.next)
  if (t - seen > 60_000) await touchSession(db, id, toDbTime(now()))
  return {
    ...identityOf(row),
    opdId,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
    dataVersion: sessionDataVersion(row, opdId),
  }
}

const big = (v: unknown): bigint => BigInt(String(v ?? 0).replace(/\.0+$/, ''))

/**
 * The data version the user's views depend on, as readDataVersion(db, opdId) would return it: for
 * a city-level user the sum of all rows; for an OPD-bound user his OPD's row + the city-wide row
 * (undefined when the OPD lies deeper than the unit chain: the cache then reads it itself).
 */
function sessionDataVersion(row: SessionRow, opdId: number | null): string | undefined {
  if (opdId == null) return row.v_all == null ? undefined : big(row.v_all).toString()
  const own = opdId === row.u_id ? row.v_u : opdId === row.p_id ? row.v_p : opdId === row.g_id ? row.v_g : undefined
  if (own === undefined) return undefined
  return (big(row.v_city) + big(own)).toString()
}
