// Build Requests for loaders and actions as a browser would send them.
import { createHash } from 'node:crypto'
import { createSession } from '../../app/services/auth.server.js'
import type { DB } from '../../db/db.server.js'

export const ORIGIN = 'http://localhost:3000'

export async function loginAs(db: DB, username: string): Promise<{ cookie: string; csrf: string; userId: number }> {
  const user = await db.selectFrom('app_user').select(['id']).where('username', '=', username).executeTakeFirstOrThrow()
  const token = await createSession(db, user.id, { ip: '127.0.0.1' })
  const id = createHash('sha256').update(token).digest('hex')
  const s = await db.selectFrom('user_session').select('csrf_token').where('id', '=', id).executeTakeFirstOrThrow()
  return { cookie: `sesi=${token}`, csrf: s.csrf_token, userId: user.id }
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
}

export function postRequest(path: string, fields: Record<string, string>, opts: { cookie?: string; origin?: string | null } = {}): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (opts.cookie) headers.Cookie = opts.cookie
  if (opts.origin !== null) headers.Origin = opts.origin ?? ORIGIN
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() })
}

export const ctx = { requestId: 'test-request', clientIp: '127.0.0.1', cspNonce: 'test-nonce' }

/** What Remix's `data(value, init)` returns. */
function isDataWithInit(v: unknown): v is { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null } {
  return !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'DataWithResponseInit'
}

/** Runs a loader/action and returns the Response it returned or threw. */
export async function settle(fn: () => Promise<unknown>): Promise<{ response: Response | null; data: unknown }> {
  try {
    const value = await fn()
    if (value instanceof Response) return { response: value, data: null }
    // Remix `data()` wraps into a DataWithResponseInit object
    if (isDataWithInit(value)) {
      return { response: new Response(null, { status: value.init?.status ?? 200, headers: value.init?.headers }), data: value.data }
    }
    return { response: null, data: value }
  } catch (e) {
    if (e instanceof Response) return { response: e, data: null }
    throw e
  }
}
