// Accounts, server-side sessions, login rate limits, CSRF and permission checks.
// Every loader and action calls requireUser / requireAction itself: deny by default.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { redirect } from '@remix-run/node'
import { sql, type CompiledQuery, type InferResult } from 'kysely'
import { dialectOf, getDb, writeTransaction, type Executor } from '../utils/db.server'
import { actorOf, writeAudit } from './audit.server'
import { fromDbTime, toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { can, safeRedirect, type Permission, type Role } from '../utils/permissions'
import { originVerdict, ownHostOf } from '../utils/origin'
import { dummyPasswordHash, verifyPassword } from '../utils/password.server'

export const SESSION_IDLE_MS = Number(process.env.SESSION_IDLE_MINUTES ?? 30) * 60_000
export const SESSION_ABSOLUTE_MS = Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000

const secureCookie = () => process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false'
export const SESSION_COOKIE = 'sesi'

export interface SessionUser {
  id: number
  username: string
  fullName: string
  role: Role
  unitId: number | null
  unitName: string | null
  unitKind: string | null
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

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex')

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

/** A unit and its parent and grandparent, as read by one query (left joins). */
interface UnitChainRow {
  u_id: number | null
  u_kind: string | null
  u_parent: number | null
  p_id: number | null
  p_kind: string | null
  p_parent: number | null
  g_id: number | null
  g_kind: string | null
  g_parent: number | null
}

/** The OPD of a chain: its id, null when a unit is missing, or the unit to read next (a deeper tree). */
function opdOfChain(row: UnitChainRow): { opdId: number | null } | { next: number } {
  const chain = [
    { id: row.u_id, kind: row.u_kind, parent: row.u_parent },
    { id: row.p_id, kind: row.p_kind, parent: row.p_parent },
    { id: row.g_id, kind: row.g_kind, parent: row.g_parent },
  ]
  for (const unit of chain) {
    if (unit.id == null) return { opdId: null } // no unit, or a parent that does not exist
    if (unit.kind === 'opd' || unit.parent == null) return { opdId: unit.id }
  }
  return { next: chain[2]!.parent! }
}

const UNIT_CHAIN = [
  'o.id as u_id',
  'o.kind as u_kind',
  'o.parent_id as u_parent',
  'p.id as p_id',
  'p.kind as p_kind',
  'p.parent_id as p_parent',
  'g.id as g_id',
  'g.kind as g_kind',
  'g.parent_id as g_parent',
] as const

/** OPD of a unit: walk up the tree to the root, three levels per query (OPD → bidang → seksi). */
export async function opdOfUnit(db: Executor, unitId: number | null): Promise<number | null> {
  let id = unitId
  for (let i = 0; id != null && i < 4; i++) {
    const row = await db
      .selectFrom('org_unit as o')
      .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
      .select(UNIT_CHAIN)
      .where('o.id', '=', id)
      .executeTakeFirst()
    if (!row) return null
    const found = opdOfChain(row)
    if ('opdId' in found) return found.opdId
    id = found.next
  }
  return null
}

export async function createSession(db: Executor, userId: number, meta: { ip?: string; userAgent?: string | null } = {}): Promise<string> {
  const token = randomBytes(16).toString('base64url') // 128-bit
  const t = toDbTime(now())
  await db
    .insertInto('user_session')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: t,
      last_seen_at: t,
      ip: meta.ip?.slice(0, 64) ?? null,
      user_agent: meta.userAgent?.slice(0, 255) ?? null,
    })
    .execute()
  return token
}

export async function destroySession(db: Executor, token: string | null): Promise<void> {
  if (token) await db.deleteFrom('user_session').where('id', '=', sha256(token)).execute()
}

export async function destroyUserSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute()
}

/** The session row with its user, unit chain and the data version (one query). */
function buildSessionQuery(db: Executor, sessionId: string) {
  return (
    db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
      // the unit's parent and grandparent: the OPD of almost every unit, in the same query
      .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
      .select([
        's.id as sessionId',
        's.csrf_token',
        's.created_at',
        's.last_seen_at',
        'u.id',
        'u.username',
        'u.full_name',
        'u.role',
        'u.unit_id',
        'u.active',
        'o.name as unit_name',
        'o.kind as unit_kind',
      ])
      .select(UNIT_CHAIN)
      // the data versions (ADR 0020): all rows summed (a city-level user's views), the city-wide row,
      // and the rows of the unit chain (one of them is the OPD's, whose row + the city-wide row an
      // OPD-bound user's views depend on)
      .select((eb) =>
        eb
          .selectFrom('data_version')
          .select((e) => e.fn.sum<number | string | null>('version').as('v'))
          .as('v_all'),
      )
      .select((eb) => eb.selectFrom('data_version').select('version').where('id', '=', 0).as('v_city'))
      .select((eb) => eb.selectFrom('data_version').select('version').whereRef('id', '=', 'o.id').as('v_u'))
      .select((eb) => eb.selectFrom('data_version').select('version').whereRef('id', '=', 'p.id').as('v_p'))
      .select((eb) => eb.selectFrom('data_version').select('version').whereRef('id', '=', 'g.id').as('v_g'))
      .where('s.id', '=', sessionId)
  )
}

type SessionRow = InferResult<ReturnType<typeof buildSessionQuery>>[number]
const SESSION_ID_SLOT = '\u0000session-id'
/** Per database: the session query compiled once; only the session id changes between runs. */
const compiledSessionQuery = new WeakMap<object, CompiledQuery<SessionRow>>()

/** Runs the session query from its compiled form (every request runs it). */
async function sessionQuery(db: Executor, sessionId: string): Promise<SessionRow | undefined> {
  let compiled = compiledSessionQuery.get(db)
  if (!compiled) compiledSessionQuery.set(db, (compiled = buildSessionQuery(db, SESSION_ID_SLOT).compile()))
  const parameters = compiled.parameters.map((p) => (p === SESSION_ID_SLOT ? sessionId : p))
  const result = await db.executeQuery<SessionRow>({ ...compiled, parameters })
  return result.rows[0]
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
  const row = await sessionQuery(db, id)
  if (!row) return null
  const t = now().getTime()
  const created = fromDbTime(row.created_at)!.getTime()
  const seen = fromDbTime(row.last_seen_at)!.getTime()
  if (!row.active || t - seen > SESSION_IDLE_MS || t - created > SESSION_ABSOLUTE_MS) {
    await db.deleteFrom('user_session').where('id', '=', id).execute()
    return null
  }
  const chain = opdOfChain(row)
  const opdId = 'opdId' in chain ? chain.opdId : await opdOfUnit(db, chain.next)
  if (t - seen > 60_000)
    await db
      .updateTable('user_session')
      .set({ last_seen_at: toDbTime(now()) })
      .where('id', '=', id)
      .execute()
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    unitId: row.unit_id,
    unitName: row.unit_name ?? null,
    unitKind: row.unit_kind ?? null,
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

function loginRedirect(request: Request): never {
  const url = new URL(request.url)
  const to = safeRedirect(`${url.pathname}${url.search}`)
  throw redirect(`/login?redirectTo=${encodeURIComponent(to)}`, { headers: { 'Set-Cookie': clearSessionCookie() } })
}

export function forbidden(message = 'Anda tidak memiliki izin untuk tindakan ini.'): never {
  throw new Response(message, { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Loader guard: a session, and the permission when one is named. */
export async function requireUser(request: Request, opts: { permission?: Permission } = {}, db: Executor = getDb()): Promise<SessionUser> {
  const user = await getSessionUser(request, db)
  if (!user) loginRedirect(request)
  if (opts.permission && !can(user.role, opts.permission)) forbidden()
  return user
}

/** Same-origin check: Origin (or Sec-Fetch-Site) must name this app (behind a proxy: the forwarded host). */
export function isSameOrigin(request: Request): boolean {
  const ownHost = ownHostOf((name) => request.headers.get(name)) ?? new URL(request.url).host
  return originVerdict((name) => request.headers.get(name), ownHost) === 'same'
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export const CSRF_FIELD = '_csrf'

/** Checks origin and the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`). */
export function assertCsrf(request: Request, user: SessionUser, form?: FormData): void {
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  const sent = (form?.get(CSRF_FIELD) as string | null) ?? request.headers.get('X-CSRF-Token')
  if (!sent || !tokensEqual(sent, user.csrfToken)) forbidden('Permintaan ditolak: token formulir tidak sah atau kedaluwarsa. Muat ulang halaman lalu coba lagi.')
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

export type LoginResult = { ok: true; userId: number } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

/**
 * Login limits (ADR 0008). An attempt is a row before its password is checked, and it is ranked
 * among the earlier rows (autoincrement id order) still counting: failures and attempts in flight;
 * successes and refused attempts do not count. The password is checked only when every limit
 * leaves room, so parallel guesses cannot get past a limit. Limits:
 * - per (account, source IP) pair: LOGIN_PAIR_MAX_FAILURES failures in LOGIN_WINDOW_MS → 429;
 * - per source IP, any account (password spraying): LOGIN_IP_MAX_FAILURES in LOGIN_WINDOW_MS → 429;
 * - per account, every source: after LOGIN_ACCOUNT_FREE_FAILURES failures in LOGIN_ACCOUNT_WINDOW_MS,
 *   each further attempt waits 1, 2, 4 … s (at most LOGIN_ACCOUNT_DELAY_CAP_MS) after the previous
 *   one — a slow-down, not a lock. A source that signed in to the account within
 *   LOGIN_TRUSTED_SOURCE_MS is not slowed down by it (its pair limit still holds).
 * An admin's "buka blokir login" (app_user.login_cleared_at) ends the account's and its pairs' counts.
 */
const positiveInt = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : fallback
}
export const LOGIN_WINDOW_MS = 60_000
export const LOGIN_PAIR_MAX_FAILURES = positiveInt('LOGIN_PAIR_MAX_FAILURES', 10)
export const LOGIN_IP_MAX_FAILURES = positiveInt('LOGIN_IP_MAX_FAILURES', 30)
export const LOGIN_ACCOUNT_FREE_FAILURES = positiveInt('LOGIN_ACCOUNT_FREE_FAILURES', 10)
export const LOGIN_ACCOUNT_WINDOW_MS = positiveInt('LOGIN_ACCOUNT_WINDOW_MINUTES', 15) * 60_000
export const LOGIN_ACCOUNT_DELAY_BASE_MS = 1_000
export const LOGIN_ACCOUNT_DELAY_CAP_MS = positiveInt('LOGIN_ACCOUNT_DELAY_CAP_SECONDS', 60) * 1_000
export const LOGIN_TRUSTED_SOURCE_MS = 30 * 24 * 3_600_000

/** The wait the account's delay asks after `failures` counted failures (0 below the free budget). */
export function accountDelayMs(failures: number): number {
  if (failures < LOGIN_ACCOUNT_FREE_FAILURES) return 0
  return Math.min(LOGIN_ACCOUNT_DELAY_CAP_MS, LOGIN_ACCOUNT_DELAY_BASE_MS * 2 ** Math.min(30, failures - LOGIN_ACCOUNT_FREE_FAILURES))
}

const later = (a: Date, b: Date | null) => (b && b.getTime() > a.getTime() ? b : a)

/** The counts before attempt `id` that the limits look at (one query). */
async function countsBefore(db: Executor, id: number, username: string, ip: string, at: Date, clearedAt: Date | null) {
  const t = at.getTime()
  const pairSince = toDbTime(later(new Date(t - LOGIN_WINDOW_MS), clearedAt))
  const ipSince = toDbTime(new Date(t - LOGIN_WINDOW_MS))
  const accountSince = toDbTime(later(new Date(t - LOGIN_ACCOUNT_WINDOW_MS), clearedAt))
  const earliest = [pairSince, ipSince, accountSince].sort()[0]!
  const isPair = sql`username = ${username} and ip = ${ip} and attempted_at > ${pairSince}`
  const isIp = sql`ip = ${ip} and attempted_at > ${ipSince}`
  const isAccount = sql`username = ${username} and attempted_at > ${accountSince}`
  let query = db
    .selectFrom('login_attempt')
    .select([
      sql<number>`sum(case when ${isPair} then 1 else 0 end)`.as('pair'),
      sql<string | null>`min(case when ${isPair} then attempted_at end)`.as('pairOldest'),
      sql<number>`sum(case when ${isIp} then 1 else 0 end)`.as('ip'),
      sql<string | null>`min(case when ${isIp} then attempted_at end)`.as('ipOldest'),
      sql<number>`sum(case when ${isAccount} then 1 else 0 end)`.as('account'),
      sql<string | null>`max(case when ${isAccount} then attempted_at end)`.as('accountLast'),
    ])
    .where('id', '<', id)
    .where('success', '=', 0)
    .where('refused', '=', 0)
    .where('attempted_at', '>', earliest)
    .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
  // MariaDB/MySQL: a locking read waits for earlier inserts still in flight, so every row with a
  // smaller id is seen (SQLite writes one at a time: an earlier id is always committed already).
  if (dialectOf(db) === 'mysql') query = query.modifyEnd(sql`lock in share mode`)
  const row = await query.executeTakeFirst()
  return {
    pair: Number(row?.pair ?? 0),
    pairOldest: fromDbTime(row?.pairOldest),
    ip: Number(row?.ip ?? 0),
    ipOldest: fromDbTime(row?.ipOldest),
    account: Number(row?.account ?? 0),
    accountLast: fromDbTime(row?.accountLast),
  }
}

/** Did this source sign in to this account recently (then the account's delay does not apply)? */
async function trustedSource(db: Executor, username: string, ip: string, at: Date): Promise<boolean> {
  const row = await db
    .selectFrom('login_attempt')
    .select('id')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('success', '=', 1)
    .where('attempted_at', '>', toDbTime(new Date(at.getTime() - LOGIN_TRUSTED_SOURCE_MS)))
    .limit(1)
    .executeTakeFirst()
  return !!row
}

/** Milliseconds this attempt must wait (0 = check the password now). */
async function limitWait(db: Executor, id: number, username: string, ip: string, at: Date, clearedAt: Date | null): Promise<number> {
  const c = await countsBefore(db, id, username, ip, at, clearedAt)
  const t = at.getTime()
  const waits: number[] = []
  if (c.pair >= LOGIN_PAIR_MAX_FAILURES) waits.push((c.pairOldest?.getTime() ?? t) + LOGIN_WINDOW_MS - t)
  if (c.ip >= LOGIN_IP_MAX_FAILURES) waits.push((c.ipOldest?.getTime() ?? t) + LOGIN_WINDOW_MS - t)
  const delay = accountDelayMs(c.account)
  if (delay > 0) {
    const wait = (c.accountLast?.getTime() ?? t) + delay - t
    if (wait > 0 && !(await trustedSource(db, username, ip, at))) waits.push(wait)
  }
  return waits.length ? Math.max(1, ...waits) : 0
}

/** MariaDB may pick a locking read as a deadlock victim under a burst: run it again. */
async function retryDeadlock<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run()
    } catch (e) {
      if (i >= tries || (e as { code?: string })?.code !== 'ER_LOCK_DEADLOCK') throw e
    }
  }
}

export async function attemptLogin(db: Executor, usernameRaw: string, password: string, ipRaw: string): Promise<LoginResult> {
  const username = usernameRaw.trim().toLowerCase().slice(0, 60)
  const ip = ipRaw.slice(0, 64)
  const at = now()
  // Count the attempt first: a row, in flight, before anything else (parallel guesses see it).
  const inserted = await db
    .insertInto('login_attempt')
    .values({ username, ip, attempted_at: toDbTime(at), success: 0, evaluated: 0, refused: 0 })
    .executeTakeFirstOrThrow()
  const id = Number(inserted.insertId)
  const user = await db.selectFrom('app_user').select(['id', 'password_hash', 'active', 'login_cleared_at']).where('username', '=', username).executeTakeFirst()
  const wait = await retryDeadlock(() => limitWait(db, id, username, ip, at, fromDbTime(user?.login_cleared_at)))
  if (wait > 0) {
    await db.updateTable('login_attempt').set({ refused: 1 }).where('id', '=', id).execute()
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) }
  }
  // Same work and same answer for an unknown user, a disabled one and a wrong password.
  const valid = await verifyPassword(password.slice(0, 256), user?.password_hash ?? (await dummyPasswordHash()))
  const ok = !!user && valid && user.active === 1
  await db
    .updateTable('login_attempt')
    .set({ evaluated: 1, success: ok ? 1 : 0 })
    .where('id', '=', id)
    .execute()
  return ok ? { ok: true, userId: user!.id } : { ok: false, reason: 'invalid' }
}

/** Failures that count for the account's delay now, with the limits (for the admin's user page). */
export async function recentLoginFailures(db: Executor, username: string) {
  const user = await db.selectFrom('app_user').select('login_cleared_at').where('username', '=', username).executeTakeFirst()
  const since = toDbTime(later(new Date(now().getTime() - LOGIN_ACCOUNT_WINDOW_MS), fromDbTime(user?.login_cleared_at)))
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('success', '=', 0)
    .where('refused', '=', 0)
    .where('attempted_at', '>', since)
    .executeTakeFirst()
  return {
    count: Number(row?.n ?? 0),
    windowMinutes: LOGIN_ACCOUNT_WINDOW_MS / 60_000,
    free: LOGIN_ACCOUNT_FREE_FAILURES,
    pairMax: LOGIN_PAIR_MAX_FAILURES,
    capSeconds: LOGIN_ACCOUNT_DELAY_CAP_MS / 1000,
  }
}

/**
 * "Buka blokir login": attempts so far no longer count for this account (its own delay and its
 * (account, IP) pairs); the rows stay as evidence. One audit row. Per-IP counts are the source's,
 * not the account's, and stay.
 */
export async function clearLoginCounters(db: Executor, actor: SessionUser, userId: number, requestId: string | null): Promise<boolean> {
  return writeTransaction(db, 'city', async (trx) => {
    const before = await trx.selectFrom('app_user').select(['id', 'username', 'unit_id', 'login_cleared_at']).where('id', '=', userId).executeTakeFirst()
    if (!before) return false
    const t = toDbTime(now())
    await trx.updateTable('app_user').set({ login_cleared_at: t }).where('id', '=', userId).execute()
    await writeAudit(trx, {
      actor: actorOf(actor),
      opdId: await opdOfUnit(trx, before.unit_id),
      entity: 'user',
      entityId: userId,
      action: 'unlock_login',
      before: { login_cleared_at: before.login_cleared_at ?? null },
      after: { login_cleared_at: t },
      requestId,
    })
    return true
  })
}

/** API access: a signed-in session, or `Authorization: Bearer <token>` (read-only). */
export async function requireApiAccess(
  request: Request,
  db: Executor = getDb(),
): Promise<{ kind: 'session'; user: SessionUser } | { kind: 'token'; tokenId: number; opdId: number | null }> {
  const auth = request.headers.get('Authorization')
  if (auth?.startsWith('Bearer ')) {
    const token = auth.slice(7).trim()
    const row = token ? await db.selectFrom('api_token').select(['id', 'opd_id', 'revoked_at']).where('token_hash', '=', sha256(token)).executeTakeFirst() : undefined
    if (!row || row.revoked_at) throw unauthorized()
    await db
      .updateTable('api_token')
      .set({ last_used_at: toDbTime(now()) })
      .where('id', '=', row.id)
      .execute()
    return { kind: 'token', tokenId: row.id, opdId: row.opd_id }
  }
  const user = await getSessionUser(request, db)
  if (!user) throw unauthorized()
  if (!can(user.role, 'dashboard:read')) forbidden()
  return { kind: 'session', user }
}

function unauthorized() {
  return new Response(JSON.stringify({ error: 'Perlu masuk (sesi) atau token API yang sah.' }), {
    status: 401,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'WWW-Authenticate': 'Bearer' },
  })
}

export function hashApiToken(token: string): string {
  return sha256(token)
}
