// Authentication and session security (quality bar "Accounts and sessions", "Requests"):
// scrypt parameters, login limits (per account+IP pair, per IP, a progressive delay per account,
// counted before the password is checked so parallel guesses cannot pass; admin unlock) with
// Retry-After, one answer for unknown user and wrong password, a malformed cookie is no session, fresh session ids, idle/absolute timeouts on a fake clock, logout and disabling end
// sessions, open-redirect refusal, CSRF (origin + token), cookie flags, hashed API tokens.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { ctx, getRequest, loginAs, ORIGIN, settle } from '../helpers/http.js'
import { callAction, callLoader, dataOf, having, loadData } from '../helpers/call.js'
import { formErrorsOf } from '../helpers/fixtures-b.js'
import { settleAs } from '../helpers/fixtures-d.js'
import { setClock } from '../../app/utils/clock.server.js'
import { parsePasswordHash, passwordVerifications } from '../../app/utils/password.server.js'
import { requireApiAccess, requireUser, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../app/services/auth.server.js'
import { DEMO_PASSWORD } from '../../seeds/demo-data.js'
import { action as loginAction, loader as loginLoader } from '../../app/routes/login.js'
import { loader as rootLoader } from '../../app/root.js'
import { action as logoutAction } from '../../app/routes/logout.js'
import { action as usersAction } from '../../app/routes/admin.pengguna.js'
import { action as userAction, loader as userLoader } from '../../app/routes/admin.pengguna_.$id.js'
import { action as tokenAction, loader as tokenLoader } from '../../app/routes/admin.token.js'
import { action as settingsAction } from '../../app/routes/admin.pengaturan.js'

const START = new Date('2026-11-29T03:00:00Z').getTime()
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex')

let clock = START
const advance = (ms: number) => {
  clock += ms
}

/** The session token in a Set-Cookie header ('sesi=<token>; Path=/; …'). */
const tokenOf = (setCookie: string | null) => {
  const m = /^sesi=([^;]*)/.exec(setCookie ?? '')
  return m ? decodeURIComponent(m[1]!) : null
}

describe.each(DB_KINDS)('authentication and sessions (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  let ipSeq = 0
  /** A fresh client IP per call, so per-IP counters of one test never touch another. */
  const freshIp = () => `198.51.100.${++ipSeq}`

  const login = (fields: Record<string, string>, opts: { ip?: string; cookie?: string; origin?: string | null } = {}) =>
    callAction(loginAction, '/login', { form: fields, session: opts.cookie, origin: opts.origin, context: { clientIp: opts.ip ?? freshIp() } })
  const sessionRows = (userId: number) => t.db.selectFrom('user_session').select(['id', 'created_at', 'last_seen_at']).where('user_id', '=', userId).execute()
  const userId = async (username: string) => (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const count = async (table: 'app_user' | 'login_attempt' | 'audit_log' | 'api_token' | 'app_setting' | 'user_session') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  /** A fresh account (the demo password, kabid.ikp's role and unit), so one test's counters touch no other. */
  const newAccount = async (username: string) => {
    const like = await t.db.selectFrom('app_user').selectAll().where('username', '=', 'kabid.ikp').executeTakeFirstOrThrow()
    const { id: _id, ...rest } = like
    await t.db
      .insertInto('app_user')
      .values({ ...rest, username, full_name: `Uji ${username}` })
      .execute()
    return userId(username)
  }

  // the clock is set after the demo is seeded into the template, as before
  beforeAll(() => setClock(() => new Date(clock)))
  afterAll(() => setClock(null))
  // every test starts on its own database at the same moment, five minutes after START, whether it
  // runs alone or in the file
  beforeEach(() => {
    clock = START
    advance(5 * 60_000)
  })

  it('stores passwords with scrypt N ≥ 2^17, r 8, p 1 and a unique salt per user', async () => {
    const admin = await loginAs(t.db, 'admin')
    const same = 'Kelinci-Merah-2026'
    for (const username of ['salt.satu', 'salt.dua']) {
      const r = await callAction(usersAction, '/admin/pengguna', {
        session: admin,
        form: { intent: 'create', username, fullName: `Uji ${username}`, role: 'auditor', unitId: '', password: same, passwordConfirm: same },
      })
      expect(r.status).toBe(200)
      expect(dataOf(r).status).toBe('success')
    }
    const rows = await t.db.selectFrom('app_user').select(['username', 'password_hash']).where('username', 'in', ['salt.satu', 'salt.dua', 'admin']).execute()
    expect(rows).toHaveLength(3)
    const parsed = rows.map((r) => ({ username: r.username, p: parsePasswordHash(r.password_hash)! }))
    for (const { p } of parsed) {
      expect(p).not.toBeNull()
      expect(p.N).toBeGreaterThanOrEqual(2 ** 17)
      expect(p.r).toBe(8)
      expect(p.p).toBe(1)
      expect(p.salt.length).toBeGreaterThanOrEqual(16)
      expect(p.hash.length).toBeGreaterThanOrEqual(32)
    }
    const a = parsed.find((x) => x.username === 'salt.satu')!.p
    const b = parsed.find((x) => x.username === 'salt.dua')!.p
    expect(a.salt.equals(b.salt)).toBe(false)
    expect(a.hash.equals(b.hash)).toBe(false)
    // the plaintext appears nowhere in the row
    for (const r of rows) expect(r.password_hash).not.toContain(same)
  })

  it('unknown user and wrong password get the same status and message', async () => {
    const unknown = await login({ username: 'tidak.ada', password: 'Salah#12345' })
    const wrong = await login({ username: 'kabid.ikp', password: 'Salah#12345' })
    expect(unknown.response?.status).toBe(401)
    expect(wrong.response?.status).toBe(401)
    expect(unknown.data).toEqual({ status: 'error', intent: 'login', formErrors: ['Nama pengguna atau kata sandi salah.'], fieldErrors: {}, values: { username: 'tidak.ada' } })
    expect(formErrorsOf(wrong)).toEqual(formErrorsOf(unknown))
    // the password never comes back
    expect(JSON.stringify([unknown.data, wrong.data])).not.toContain('Salah#12345')
    expect(unknown.response?.headers.get('Set-Cookie')).toBeNull()
    expect(wrong.response?.headers.get('Set-Cookie')).toBeNull()
    // a disabled account answers the same, even with its right password
    await t.db.updateTable('app_user').set({ active: 0 }).where('username', '=', 'kabid.statistik').execute()
    const disabled = await login({ username: 'kabid.statistik', password: DEMO_PASSWORD })
    await t.db.updateTable('app_user').set({ active: 1 }).where('username', '=', 'kabid.statistik').execute()
    expect(disabled.response?.status).toBe(401)
    expect(formErrorsOf(disabled)).toEqual(formErrorsOf(unknown))
    expect(JSON.stringify(disabled.data)).not.toContain(DEMO_PASSWORD)
  })

  it('an empty field: 400 with the message and the typed username, never the password; nothing counted or written', async () => {
    const before = { attempts: await count('login_attempt'), sessions: await count('user_session') }
    const noPassword = await login({ username: 'kabid.ikp', password: '' })
    expect(noPassword.response?.status).toBe(400)
    expect(noPassword.data).toEqual({ status: 'error', intent: 'login', formErrors: ['Isi nama pengguna dan kata sandi.'], fieldErrors: {}, values: { username: 'kabid.ikp' } })
    const noName = await login({ username: '  ', password: 'Rahasia#2026x' })
    expect(noName.response?.status).toBe(400)
    expect(having(dataOf(noName), 'values').values).toEqual({ username: '  ' })
    expect(JSON.stringify(noName.data)).not.toContain('Rahasia#2026x')
    expect({ attempts: await count('login_attempt'), sessions: await count('user_session') }).toEqual(before)
  })

  it('per (account, IP) pair: 10 failures within a minute → the 11th from that IP gets 429 with Retry-After, unchecked; the same account from another IP still signs in', async () => {
    await newAccount('pasangan.satu')
    const ip = '203.0.113.10'
    const before = await count('login_attempt')
    for (let i = 0; i < 10; i++) {
      const r = await login({ username: 'pasangan.satu', password: `Salah#${i}xyz` }, { ip })
      expect(r.response?.status).toBe(401)
      advance(2_000)
    }
    expect(await count('login_attempt')).toBe(before + 10)
    // the right password does not help from that address now, and it is not even checked
    const checks = passwordVerifications()
    const blocked = await login({ username: 'pasangan.satu', password: DEMO_PASSWORD }, { ip })
    expect(blocked.response?.status).toBe(429)
    expect(passwordVerifications()).toBe(checks)
    const retry = Number(blocked.response?.headers.get('Retry-After'))
    expect(Number.isInteger(retry)).toBe(true)
    // the oldest failure was 20 s ago: 40 s left in the one-minute window
    expect(retry).toBe(40)
    expect(formErrorsOf(blocked)).toEqual(['Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 40 detik.'])
    expect(having(dataOf(blocked), 'values').values).toEqual({ username: 'pasangan.satu' })
    expect(blocked.response?.headers.get('Set-Cookie')).toBeNull()
    // the account is not locked everywhere: its owner elsewhere signs in (the account delay after
    // 10 failures is 1 s after the last one, and 2 s have passed)
    expect((await login({ username: 'pasangan.satu', password: DEMO_PASSWORD })).response?.status).toBe(302)
    // after the window the pair can sign in again
    advance(61_000)
    expect((await login({ username: 'pasangan.satu', password: DEMO_PASSWORD }, { ip })).response?.status).toBe(302)
  }, 180_000)

  it('one account, many IPs: after 10 failures each further attempt waits 1, 2, 4 … s, at most 60 s (429 + Retry-After, unchecked) — a slow-down, not a lock; an unknown user gets the same answers', async () => {
    await newAccount('lambat.satu')
    const answers: Record<string, string[]> = {}
    for (const username of ['tidak.ada.sama', 'lambat.satu']) {
      answers[username] = []
      // ten failures from ten addresses (sent at once: the account's free budget is 10)
      const first = await Promise.all(Array.from({ length: 10 }, (_, i) => login({ username, password: `Salah#${i}xyz` })))
      expect(first.map((r) => r.response?.status)).toEqual(Array(10).fill(401))
      // failure n (n ≥ 10) asks 2^(n−10) s after the previous attempt, capped at 60 s
      for (const expected of [1, 2, 4, 8, 16, 32, 60, 60]) {
        const checks = passwordVerifications()
        const early = await login({ username, password: 'Salah#lagi1' })
        expect(early.response?.status, `${username} ${expected}`).toBe(429)
        expect(Number(early.response?.headers.get('Retry-After')), `${username} ${expected}`).toBe(expected)
        answers[username]!.push(formErrorsOf(early)[0]!)
        advance(expected * 1000 - 1)
        const stillEarly = await login({ username, password: 'Salah#lagi2' })
        expect(stillEarly.response?.status).toBe(429)
        expect(Number(stillEarly.response?.headers.get('Retry-After'))).toBe(1)
        expect(passwordVerifications()).toBe(checks) // refused attempts are never checked
        advance(1)
        expect((await login({ username, password: 'Salah#lagi3' })).response?.status, `${username} after ${expected} s`).toBe(401)
      }
    }
    expect(answers['tidak.ada.sama']).toEqual(answers['lambat.satu'])
    expect(answers['lambat.satu']![0]).toBe('Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 detik.')
    // refused attempts do not count: 18 failures counted, so the next waits the cap, 60 s, after the last
    // failure (just now); then the owner gets in
    const rows = await t.db.selectFrom('login_attempt').select(['evaluated', 'refused']).where('username', '=', 'lambat.satu').execute()
    expect(rows.filter((r) => r.evaluated === 1)).toHaveLength(18)
    expect(rows.filter((r) => r.refused === 1)).toHaveLength(16)
    expect((await login({ username: 'lambat.satu', password: DEMO_PASSWORD })).response?.status).toBe(429)
    advance(60_000)
    expect((await login({ username: 'lambat.satu', password: DEMO_PASSWORD })).response?.status).toBe(302)
  }, 300_000)

  it('a source that signed in to the account before is not slowed by the account delay (its pair limit still holds)', async () => {
    await newAccount('kantor.dua')
    const office = '203.0.113.20'
    expect((await login({ username: 'kantor.dua', password: DEMO_PASSWORD }, { ip: office })).response?.status).toBe(302)
    advance(60_000)
    // someone elsewhere fails ten times: the account is slowed down for other sources …
    for (let i = 0; i < 10; i++) expect((await login({ username: 'kantor.dua', password: `Salah#${i}xyz` })).response?.status).toBe(401)
    expect((await login({ username: 'kantor.dua', password: DEMO_PASSWORD })).response?.status).toBe(429)
    // … but not for the office the owner signed in from
    expect((await login({ username: 'kantor.dua', password: DEMO_PASSWORD }, { ip: office })).response?.status).toBe(302)
  }, 180_000)

  it('one IP, many usernames (password spraying): 30 failures within a minute → 429 for that IP; one person fumbling 10 times does not lock an office behind one address', async () => {
    await newAccount('kantor.satu')
    const ip = '203.0.113.77'
    for (let i = 0; i < 10; i++) expect((await login({ username: 'kantor.satu', password: `Salah#${i}xyz` }, { ip })).response?.status).toBe(401)
    expect((await login({ username: 'kantor.satu', password: DEMO_PASSWORD }, { ip })).response?.status).toBe(429) // his own pair
    // a colleague behind the same address signs in
    expect((await login({ username: 'auditor', password: DEMO_PASSWORD }, { ip })).response?.status).toBe(302)
    const spray = await Promise.all(Array.from({ length: 20 }, (_, i) => login({ username: `tebakan${i}`, password: 'Salah#12345' }, { ip })))
    expect(spray.map((r) => r.response?.status)).toEqual(Array(20).fill(401))
    // 30 failures from this address in the window (the refused attempt does not count): the next is refused unchecked
    const checks = passwordVerifications()
    const blocked = await login({ username: 'perencanaan', password: DEMO_PASSWORD }, { ip })
    expect(blocked.response?.status).toBe(429)
    expect(passwordVerifications()).toBe(checks)
    expect(Number(blocked.response?.headers.get('Retry-After'))).toBe(60) // the oldest failure is from this very second
    // the same account from another IP is fine: the limit was on the IP
    expect((await login({ username: 'perencanaan', password: DEMO_PASSWORD })).response?.status).toBe(302)
  }, 180_000)

  it('admin "Buka blokir login" clears the account counters (rows kept, one audit row); other roles get 403', async () => {
    const id = await newAccount('buka.blokir')
    const ip = '203.0.113.40'
    for (let i = 0; i < 10; i++) expect((await login({ username: 'buka.blokir', password: `Salah#${i}xyz` }, { ip })).response?.status).toBe(401)
    expect((await login({ username: 'buka.blokir', password: DEMO_PASSWORD }, { ip })).response?.status).toBe(429) // the pair
    expect((await login({ username: 'buka.blokir', password: DEMO_PASSWORD })).response?.status).toBe(429) // the account delay
    advance(1_000)
    const admin = await loginAs(t.db, 'admin')
    const page = () => loadData(userLoader, `/admin/pengguna/${id}`, { session: admin, params: { id: String(id) } })
    expect((await page()).loginFailures.count).toBe(10)
    const rowsBefore = await t.db.selectFrom('login_attempt').select('id').where('username', '=', 'buka.blokir').execute()
    const auditBefore = await count('audit_log')
    // another role cannot
    const other = await loginAs(t.db, 'perencanaan')
    const refused = await callAction(userAction, `/admin/pengguna/${id}`, { session: other, form: { intent: 'unlock_login' }, params: { id: String(id) } })
    expect(refused.response?.status).toBe(403)
    expect(await count('audit_log')).toBe(auditBefore)
    const r = await callAction(userAction, `/admin/pengguna/${id}`, { session: admin, form: { intent: 'unlock_login' }, params: { id: String(id) } })
    expect(r.status).toBe(200)
    expect(dataOf(r).status).toBe('success')
    expect(r.data).toMatchObject({ intent: 'unlock_login', message: expect.stringMatching(/Blokir login dibuka/) })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'user').where('entity_id', '=', String(id)).where('action', '=', 'unlock_login').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor_username).toBe('admin')
    expect(audit[0]!.actor_role).toBe('admin')
    expect(audit[0]!.request_id).toBe(ctx.requestId)
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ login_cleared_at: null })
    expect(JSON.parse(audit[0]!.after_json!).login_cleared_at).toBeTruthy()
    expect(await count('audit_log')).toBe(auditBefore + 1)
    // no row deleted; the counts start again
    expect(await t.db.selectFrom('login_attempt').select('id').where('username', '=', 'buka.blokir').execute()).toEqual(rowsBefore)
    expect((await page()).loginFailures.count).toBe(0)
    advance(1_000)
    expect((await login({ username: 'buka.blokir', password: DEMO_PASSWORD }, { ip })).response?.status).toBe(302)
  }, 180_000)

  it('parallel guesses: 30 attempts sent at once to one account from one IP evaluate at most 10 passwords; the right one sent last does not log in', async () => {
    await newAccount('paralel.satu')
    const ip = '203.0.113.30'
    const before = passwordVerifications()
    const passwords = Array.from({ length: 30 }, (_, i) => (i === 29 ? DEMO_PASSWORD : `Salah#${i}paralel`))
    const results = await Promise.all(passwords.map((password) => login({ username: 'paralel.satu', password }, { ip })))
    const statuses = results.map((r) => r.response?.status)
    expect(passwordVerifications() - before).toBeLessThanOrEqual(10)
    expect(statuses[29]).toBe(429)
    expect(statuses.filter((s) => s === 302)).toHaveLength(0)
    expect(results.every((r) => r.response?.headers.get('Set-Cookie') == null)).toBe(true)
    // every attempt is a row; the first ten (by id) were checked, the twenty others refused unchecked
    const rows = await t.db.selectFrom('login_attempt').selectAll().where('username', '=', 'paralel.satu').orderBy('id').execute()
    expect(rows).toHaveLength(30)
    expect(rows.filter((r) => r.evaluated === 1)).toHaveLength(10)
    expect(rows.slice(0, 10).every((r) => r.evaluated === 1 && r.refused === 0)).toBe(true)
    expect(rows.slice(10).every((r) => r.evaluated === 0 && r.refused === 1)).toBe(true)
    expect(statuses.filter((s) => s === 401)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20)
  }, 180_000)

  it('parallel guesses from 30 IPs at once to one account: the free budget of the account (10) holds, the rest wait for the delay', async () => {
    await newAccount('paralel.dua')
    const before = passwordVerifications()
    const passwords = Array.from({ length: 30 }, (_, i) => (i === 29 ? DEMO_PASSWORD : `Salah#${i}paralel`))
    const results = await Promise.all(passwords.map((password) => login({ username: 'paralel.dua', password })))
    expect(passwordVerifications() - before).toBeLessThanOrEqual(10)
    expect(results[29]!.response?.status).toBe(429)
    expect(results.filter((r) => r.response?.status === 302)).toHaveLength(0)
    const evaluated = await t.db.selectFrom('login_attempt').select('id').where('username', '=', 'paralel.dua').where('evaluated', '=', 1).execute()
    expect(evaluated).toHaveLength(10)
  }, 180_000)

  it('a malformed session cookie is no session: pages redirect to /login, the login page and the root loader answer, nothing throws', async () => {
    for (const cookie of ['sesi=%E0%A4%A', 'sesi=%', 'a=%ZZ; sesi=%E0%A4%A', 'sesi="%E0%A4%A"']) {
      const page = await settle(() => requireUser(getRequest('/realisasi', cookie)))
      expect(page.response?.status, cookie).toBe(302)
      expect(page.response?.headers.get('Location'), cookie).toBe(`/login?redirectTo=${encodeURIComponent('/realisasi')}`)
      const root = await callLoader(rootLoader, '/', { session: cookie })
      expect(root.response, cookie).toBeNull()
      expect(dataOf(root).user, cookie).toBeNull()
      const loginPage = await callLoader(loginLoader, '/login', { session: cookie })
      expect(loginPage.response, cookie).toBeNull()
      expect(loginPage.data, cookie).toBeNull()
      const api = await settle(() => requireApiAccess(getRequest('/api/v1/skor', cookie)))
      expect(api.response?.status, cookie).toBe(401)
    }
    // a good cookie next to a broken one still works
    const s = await loginAs(t.db, 'auditor')
    const ok = await settleAs(() => requireUser(getRequest('/', `x=%E0%A4%A; ${s.cookie}`)))
    expect(ok.response).toBeNull()
    expect(ok.data?.username).toBe('auditor')
  })

  it('a correct login sets a new session id each time; the cookie is HttpOnly, SameSite=Lax, Path=/ and stored only as a hash', async () => {
    const id = await userId('kadis')
    const first = await login({ username: 'kadis', password: DEMO_PASSWORD, redirectTo: '/presentasi' })
    const second = await login({ username: 'kadis', password: DEMO_PASSWORD })
    expect(first.response?.status).toBe(302)
    expect(first.response?.headers.get('Location')).toBe('/presentasi')
    const c1 = first.response!.headers.get('Set-Cookie')!
    const t1 = tokenOf(c1)!
    const t2 = tokenOf(second.response!.headers.get('Set-Cookie'))!
    expect(t1).toBeTruthy()
    expect(t2).toBeTruthy()
    expect(t1).not.toBe(t2)
    // 128-bit random id: at least 16 bytes of base64url
    expect(Buffer.from(t1, 'base64url').length).toBeGreaterThanOrEqual(16)
    const parts = c1.split(';').map((p) => p.trim())
    expect(parts).toContain('HttpOnly')
    expect(parts).toContain('SameSite=Lax')
    expect(parts).toContain('Path=/')
    const rows = await sessionRows(id)
    const ids = rows.map((r) => r.id)
    expect(ids).toContain(sha256(t1))
    expect(ids).toContain(sha256(t2))
    expect(ids).not.toContain(t1)
    expect(ids).not.toContain(t2)
    // signing in again over an existing session ends the old one (no fixation)
    const third = await login({ username: 'kadis', password: DEMO_PASSWORD }, { cookie: `sesi=${t1}` })
    expect(third.response?.status).toBe(302)
    const after = (await sessionRows(id)).map((r) => r.id)
    expect(after).not.toContain(sha256(t1))
    expect(after).toContain(sha256(tokenOf(third.response!.headers.get('Set-Cookie'))!))
  })

  it('redirectTo accepts only a single leading slash', async () => {
    const cases: [string, string][] = [
      ['//evil.example', '/'],
      ['https://evil.example', '/'],
      ['/\\evil.example', '/'],
      ['javascript:alert(1)', '/'],
      ['/realisasi?tahun=2026', '/realisasi?tahun=2026'],
    ]
    for (const [redirectTo, expected] of cases) {
      const r = await login({ username: 'perencanaan', password: DEMO_PASSWORD, redirectTo })
      expect(r.response?.status, redirectTo).toBe(302)
      expect(r.response?.headers.get('Location'), redirectTo).toBe(expected)
    }
  })

  it('idle timeout (30 min): works before it, redirects to /login after it', async () => {
    expect(SESSION_IDLE_MS).toBe(30 * 60_000)
    const s = await loginAs(t.db, 'kabid.ikp')
    const use = () => settleAs(() => requireUser(getRequest('/realisasi', s.cookie)))
    advance(29 * 60_000)
    const ok1 = await use()
    expect(ok1.response).toBeNull()
    expect(ok1.data?.username).toBe('kabid.ikp')
    // activity moved last_seen forward: another 29 minutes is still fine
    advance(29 * 60_000)
    expect((await use()).response).toBeNull()
    advance(30 * 60_000 + 1_000)
    const expired = await use()
    expect(expired.response?.status).toBe(302)
    expect(expired.response?.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent('/realisasi')}`)
    // the expired row is gone
    expect((await sessionRows(s.userId)).map((r) => r.id)).not.toContain(sha256(s.cookie.slice('sesi='.length)))
  })

  it('absolute timeout (12 h) ends a session even with steady activity', async () => {
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 3_600_000)
    const s = await loginAs(t.db, 'sekretaris')
    const use = () => settle(() => requireUser(getRequest('/', s.cookie)))
    // active every 25 minutes for 11 h 40 min
    for (let i = 0; i < 28; i++) {
      advance(25 * 60_000)
      const r = await use()
      expect(r.response, `after ${(i + 1) * 25} min`).toBeNull()
    }
    advance(21 * 60_000) // 12 h 1 min after sign-in, 21 min after the last request
    const expired = await use()
    expect(expired.response?.status).toBe(302)
    expect(expired.response?.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('logout ends the session: the row is gone and the old cookie leads to /login', async () => {
    const s = await loginAs(t.db, 'auditor')
    const hashed = sha256(s.cookie.slice('sesi='.length))
    expect((await sessionRows(s.userId)).map((r) => r.id)).toContain(hashed)
    const out = await callAction(logoutAction, '/logout', { session: s })
    expect(out.response?.status).toBe(302)
    expect(out.response?.headers.get('Location')).toBe('/login')
    expect(out.response?.headers.get('Set-Cookie')).toMatch(/^sesi=;.*Max-Age=0/)
    expect((await sessionRows(s.userId)).map((r) => r.id)).not.toContain(hashed)
    const again = await settle(() => requireUser(getRequest('/', s.cookie)))
    expect(again.response?.status).toBe(302)
    expect(again.response?.headers.get('Location')).toMatch(/^\/login/)
  })

  it('logout without the CSRF token is refused and the session stays', async () => {
    const s = await loginAs(t.db, 'auditor')
    const out = await callAction(logoutAction, '/logout', { session: s, csrf: false })
    expect(out.response?.status).toBe(403)
    expect((await settle(() => requireUser(getRequest('/', s.cookie)))).response).toBeNull()
  })

  it('disabling a user ends all his sessions at once', async () => {
    const admin = await loginAs(t.db, 'admin')
    const a = await loginAs(t.db, 'kabid.statistik')
    advance(1_000)
    const b = await loginAs(t.db, 'kabid.statistik')
    expect(await sessionRows(a.userId)).toHaveLength(2)
    const r = await callAction(userAction, `/admin/pengguna/${a.userId}`, { session: admin, form: { intent: 'disable' }, params: { id: String(a.userId) } })
    expect(r.status).toBe(200)
    expect(dataOf(r).status).toBe('success')
    expect(await sessionRows(a.userId)).toHaveLength(0)
    for (const s of [a, b]) expect((await settle(() => requireUser(getRequest('/', s.cookie)))).response?.status).toBe(302)
    // and he cannot sign in again
    expect((await login({ username: 'kabid.statistik', password: DEMO_PASSWORD })).response?.status).toBe(401)
    // the admin's own session is untouched
    expect((await settle(() => requireUser(getRequest('/', admin.cookie)))).response).toBeNull()
    await t.db.updateTable('app_user').set({ active: 1 }).where('id', '=', a.userId).execute()
  })

  it('a cross-origin POST to an action → 403 and nothing written', async () => {
    const admin = await loginAs(t.db, 'admin')
    const before = { users: await count('app_user'), audit: await count('audit_log'), tokens: await count('api_token'), settings: await count('app_setting') }
    const fields = {
      _csrf: admin.csrf,
      intent: 'create',
      username: 'penyusup',
      fullName: 'Penyusup',
      role: 'admin',
      unitId: '',
      password: 'Kuat#Sekali2026',
      passwordConfirm: 'Kuat#Sekali2026',
    }
    const cross = await callAction(usersAction, '/admin/pengguna', { session: admin, form: fields, origin: 'http://evil.example' })
    expect(cross.response?.status).toBe(403)
    const tok = await callAction(tokenAction, '/admin/token', { session: admin, form: { intent: 'create', name: 'curian', opdId: '' }, origin: 'http://evil.example' })
    expect(tok.response?.status).toBe(403)
    // Sec-Fetch-Site: cross-site without an Origin header
    const req = new Request(`${ORIGIN}/admin/pengaturan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: admin.cookie, 'Sec-Fetch-Site': 'cross-site' },
      body: new URLSearchParams({ _csrf: admin.csrf, cap: '200', deadlineDays: '5', timeZone: 'UTC', publicPageEnabled: 'on' }).toString(),
    })
    expect((await callAction(settingsAction, req)).response?.status).toBe(403)
    // the login form itself refuses a cross-origin post (login CSRF) before counting anything
    const attempts = await count('login_attempt')
    const crossLogin = await login({ username: 'admin', password: DEMO_PASSWORD }, { origin: 'http://evil.example' })
    expect(crossLogin.response?.status).toBe(403)
    expect(crossLogin.response?.headers.get('Set-Cookie')).toBeNull()
    expect(await count('login_attempt')).toBe(attempts)
    expect({ users: await count('app_user'), audit: await count('audit_log'), tokens: await count('api_token'), settings: await count('app_setting') }).toEqual(before)
    expect(await t.db.selectFrom('app_user').select('id').where('username', '=', 'penyusup').executeTakeFirst()).toBeUndefined()
  })

  it('a POST without (or with a wrong) CSRF token → 403 and nothing written', async () => {
    const admin = await loginAs(t.db, 'admin')
    const other = await loginAs(t.db, 'perencanaan')
    const before = { users: await count('app_user'), audit: await count('audit_log') }
    const fields = {
      intent: 'create',
      username: 'tanpa.token',
      fullName: 'Tanpa Token',
      role: 'auditor',
      unitId: '',
      password: 'Kuat#Sekali2026',
      passwordConfirm: 'Kuat#Sekali2026',
    }
    // the session as a bare cookie: no token is added
    const none = await callAction(usersAction, '/admin/pengguna', { session: admin.cookie, form: fields })
    expect(none.response?.status).toBe(403)
    // another session's token does not fit this session
    const wrong = await callAction(usersAction, '/admin/pengguna', { session: admin.cookie, form: { ...fields, _csrf: other.csrf } })
    expect(wrong.response?.status).toBe(403)
    expect({ users: await count('app_user'), audit: await count('audit_log') }).toEqual(before)
    // the same request with the right token goes through (so the 403s above were the token)
    const ok = await callAction(usersAction, '/admin/pengguna', { session: admin.cookie, form: { ...fields, _csrf: admin.csrf } })
    expect(dataOf(ok).status).toBe('success')
    expect(await count('app_user')).toBe(before.users + 1)
  })

  it('API tokens: shown once, stored only as SHA-256, work as Bearer, 401 once revoked', async () => {
    const admin = await loginAs(t.db, 'admin')
    const opd = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()
    const created = await callAction(tokenAction, '/admin/token', { session: admin, form: { intent: 'create', name: 'Dasbor Bappeda', opdId: String(opd.id) } })
    expect(created.response?.headers.get('Cache-Control')).toBe('no-store')
    const body = dataOf(created)
    expect(body).toMatchObject({ status: 'success', intent: 'create' })
    expect(body.token).toEqual(expect.any(String))
    const token = String(body.token)
    expect(Buffer.from(token, 'base64url').length).toBe(32)
    const row = await t.db.selectFrom('api_token').selectAll().where('name', '=', 'Dasbor Bappeda').executeTakeFirstOrThrow()
    expect(row.token_hash).toBe(sha256(token))
    expect(Object.values(row).map(String)).not.toContain(token)
    expect(row.opd_id).toBe(opd.id)
    expect(row.created_by).toBe(admin.userId)
    expect(row.last_used_at).toBeNull()
    // the audit row names the token but holds neither the token nor its hash
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'api_token').where('entity_id', '=', String(row.id)).execute()
    expect(audit.map((a) => a.action)).toEqual(['create'])
    expect(JSON.stringify(audit)).not.toContain(token)
    expect(JSON.stringify(audit)).not.toContain(row.token_hash)
    // the list (loader data) never carries the token or the hash
    const listed = await callLoader(tokenLoader, '/admin/token', { session: admin })
    expect(listed.status).toBe(200)
    expect(JSON.stringify(listed.data)).not.toContain(token)
    expect(JSON.stringify(listed.data)).not.toContain(row.token_hash)
    expect(JSON.stringify(listed.data)).toContain('Dasbor Bappeda')

    const bearer = (v: string) => new Request(`${ORIGIN}/api/v1/skor`, { headers: { Authorization: `Bearer ${v}` } })
    const access = await requireApiAccess(bearer(token))
    expect(access).toEqual({ kind: 'token', tokenId: row.id, opdId: opd.id })
    const used = await t.db.selectFrom('api_token').select('last_used_at').where('id', '=', row.id).executeTakeFirstOrThrow()
    expect(used.last_used_at).not.toBeNull()
    // a wrong token, or the stored hash used as a token, is refused
    for (const bad of [token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), row.token_hash]) {
      const r = await settle(() => requireApiAccess(bearer(bad)))
      expect(r.response?.status).toBe(401)
    }

    const revoked = await callAction(tokenAction, '/admin/token', { session: admin, form: { intent: 'revoke', id: String(row.id) } })
    expect(dataOf(revoked).status).toBe('success')
    expect((await t.db.selectFrom('api_token').select('revoked_at').where('id', '=', row.id).executeTakeFirstOrThrow()).revoked_at).not.toBeNull()
    const after = await settle(() => requireApiAccess(bearer(token)))
    expect(after.response?.status).toBe(401)
    expect(after.response?.headers.get('WWW-Authenticate')).toBe('Bearer')
    const audit2 = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'api_token').where('entity_id', '=', String(row.id)).orderBy('id').execute()
    expect(audit2.map((a) => a.action)).toEqual(['create', 'revoke'])
  })
})
