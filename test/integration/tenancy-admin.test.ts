// Tenancy of administration (issue R2 1/7, defect 5): an admin placed in OPD A manages OPD A's
// accounts and tokens only. Another OPD's account (or a city-level one) is 403 on its page, on
// reset password, disable and edit, and nothing is written; he places accounts in his own OPD
// only; his tokens are bound to his own OPD (no city-wide token); the city-wide settings are
// read-only for him. A city-level admin can do all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, dataOf, having, type Called, type RouteFn } from '../helpers/call.js'
import { formErrorOf } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { attemptLogin } from '../../app/services/auth.server.js'
import * as pengguna from '../../app/routes/admin.pengguna.js'
import * as penggunaDetail from '../../app/routes/admin.pengguna_.$id.js'
import * as pengaturan from '../../app/routes/admin.pengaturan.js'
import * as tokenPage from '../../app/routes/admin.token.js'
import { loader as apiSkor } from '../../app/routes/api.v1.skor.js'
import { addSecondOpd, type TwoOpds } from './tenancy-fixture.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const STRONG = 'Pelabuhan#Dumai-77'
type Session = { cookie: string; csrf: string; userId: number }

describe.each(DB_KINDS)('an OPD admin manages his own OPD only (%s)', (kind) => {
  let f: TwoOpds
  const s: Record<string, Session> = {}
  // the clock is set before the demo is seeded into the template
  beforeAll(() => setClock(() => ASOF))
  afterAll(() => setClock(null))
  // the describe's beforeAll below adds OPD B and the sessions to the template: every test starts on it
  const t = useTestDb(kind, { seed: true, global: true })
  const call = <F extends RouteFn>(action: F, path: string, who: string, form: Record<string, string>, params: Record<string, string> = {}) =>
    callAction(action, path, { session: s[who], form, params })
  const load = <F extends RouteFn>(loader: F, path: string, who: string, params: Record<string, string> = {}) => callLoader(loader, path, { session: s[who], params })
  const status = <D>(r: Called<D>) => r.status
  /** What an admin could change: every account row, tokens, settings, sessions and the audit trail. */
  const snapshot = async () => ({
    users: await t.db.selectFrom('app_user').select(['id', 'username', 'password_hash', 'active', 'role', 'unit_id', 'full_name']).orderBy('id').execute(),
    tokens: await t.db.selectFrom('api_token').select(['id', 'opd_id', 'revoked_at']).orderBy('id').execute(),
    settings: await t.db.selectFrom('app_setting').selectAll().orderBy('key').execute(),
    audit: Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  })

  beforeAll(async () => {
    f = await addSecondOpd(t.db)
    for (const u of ['admin.a', 'admin', 'kabid.b']) s[u] = await loginAs(t.db, u)
  })

  it("lists only his OPD's accounts and units", async () => {
    const d = dataOf(await load(pengguna.loader, '/admin/pengguna', 'admin.a'))
    expect(d.users.map((u) => u.username).sort()).toEqual([
      'admin.a',
      'auditor',
      'kabid.aplikasi',
      'kabid.ikp',
      'kabid.infra',
      'kabid.statistik',
      'kadis',
      'perencanaan',
      'sekretaris',
    ])
    expect(d.cityLevel).toBe(false)
    const unitIds = d.units.map((u) => u.id)
    expect(unitIds).toContain(f.opdA)
    expect(unitIds).toContain(f.bidangA)
    expect(unitIds).not.toContain(f.opdB)
    expect(unitIds).not.toContain(f.bidangB)
    // the city-level admin lists everyone
    const all = dataOf(await load(pengguna.loader, '/admin/pengguna', 'admin'))
    expect(all.users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'admin.a', 'admin.b', 'kabid.b', 'auditor.kota']))
    expect(all.units.map((u) => u.id)).toEqual(expect.arrayContaining([f.opdA, f.opdB, f.bidangB]))
  })

  it("OPD B's account (and a city-level one): page, reset password, disable, edit → 403, nothing written; the new password does not log in", async () => {
    const before = await snapshot()
    for (const target of ['kabid.b', 'admin', 'auditor.kota']) {
      const id = String(f.user[target])
      const path = `/admin/pengguna/${id}`
      expect(status(await load(penggunaDetail.loader, path, 'admin.a', { id })), `${target} page`).toBe(403)
      expect(status(await call(penggunaDetail.action, path, 'admin.a', { intent: 'reset_password', password: STRONG, passwordConfirm: STRONG }, { id })), `${target} reset`).toBe(
        403,
      )
      expect(status(await call(penggunaDetail.action, path, 'admin.a', { intent: 'disable' }, { id })), `${target} disable`).toBe(403)
      expect(
        status(await call(penggunaDetail.action, path, 'admin.a', { intent: 'update', fullName: 'Diambil alih', role: 'admin', unitId: String(f.opdA) }, { id })),
        `${target} update`,
      ).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
    expect(await attemptLogin(t.db, 'kabid.b', STRONG, '10.1.1.1')).toEqual({ ok: false, reason: 'invalid' })
    // kabid.b's session still works: he was not disabled
    expect((await t.db.selectFrom('user_session').select('id').where('user_id', '=', f.user['kabid.b']!).execute()).length).toBe(1)
  })

  it('creates accounts in his own OPD only: a unit of OPD B or no unit (city level) → 403, nothing written', async () => {
    const before = await snapshot()
    const create = (username: string, unitId: string, role = 'kepala_bidang') =>
      call(pengguna.action, '/admin/pengguna', 'admin.a', { intent: 'create', username, fullName: 'Staf Baru', role, unitId, password: STRONG, passwordConfirm: STRONG })
    const intoB = await create('penyusup.b', String(f.bidangB))
    expect(status(intoB)).toBe(403)
    expect(formErrorOf(intoB).fieldErrors.unitId![0]).toMatch(/perangkat daerah Anda sendiri/)
    expect(intoB.data).toMatchObject({ status: 'error', intent: 'create', values: { username: 'penyusup.b', unitId: String(f.bidangB) } })
    expect(formErrorOf(intoB).values).not.toHaveProperty('password')
    expect(status(await create('penyusup.opdb', String(f.opdB), 'auditor'))).toBe(403)
    expect(status(await create('penyusup.kota', '', 'auditor'))).toBe(403)
    expect(await snapshot()).toEqual(before)
    // in his own OPD it works, and the audit row carries OPD A
    const ok = await create('staf.ikp', String(f.bidangA))
    expect(status(ok)).toBe(200)
    const row = await t.db.selectFrom('app_user').select(['id', 'unit_id']).where('username', '=', 'staf.ikp').executeTakeFirstOrThrow()
    expect(row.unit_id).toBe(f.bidangA)
    const audit = await t.db.selectFrom('audit_log').select(['opd_id', 'actor_username']).where('entity', '=', 'user').where('entity_id', '=', String(row.id)).execute()
    expect(audit).toEqual([{ opd_id: f.opdA, actor_username: 'admin.a' }])
    // and he cannot move his own OPD's account to OPD B
    const move = await call(
      penggunaDetail.action,
      `/admin/pengguna/${row.id}`,
      'admin.a',
      { intent: 'update', fullName: 'Staf Baru', role: 'auditor', unitId: String(f.opdB) },
      { id: String(row.id) },
    )
    expect(status(move)).toBe(403)
    expect((await t.db.selectFrom('app_user').select('unit_id').where('id', '=', row.id).executeTakeFirstOrThrow()).unit_id).toBe(f.bidangA)
  })

  it("resets and disables his own OPD's accounts", async () => {
    const id = String(f.user['kabid.infra'])
    expect(status(await load(penggunaDetail.loader, `/admin/pengguna/${id}`, 'admin.a', { id }))).toBe(200)
    expect(status(await call(penggunaDetail.action, `/admin/pengguna/${id}`, 'admin.a', { intent: 'reset_password', password: STRONG, passwordConfirm: STRONG }, { id }))).toBe(200)
    expect(await attemptLogin(t.db, 'kabid.infra', STRONG, '10.1.1.2')).toEqual({ ok: true, userId: f.user['kabid.infra'] })
    expect(status(await call(penggunaDetail.action, `/admin/pengguna/${id}`, 'admin.a', { intent: 'disable' }, { id }))).toBe(200)
    expect((await t.db.selectFrom('app_user').select('active').where('id', '=', Number(id)).executeTakeFirstOrThrow()).active).toBe(0)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'opd_id']).where('entity', '=', 'user').where('entity_id', '=', id).orderBy('id').execute()
    expect(audit).toEqual([
      { action: 'reset_password', opd_id: f.opdA },
      { action: 'disable', opd_id: f.opdA },
    ])
  })

  it('tokens: without an OPD or for OPD B → 403, nothing written; for OPD A it reads A only; he lists and revokes only OPD A tokens', async () => {
    // a city-level admin made one token for OPD B and one city-wide
    expect(status(await call(tokenPage.action, '/admin/token', 'admin', { intent: 'create', name: 'Bappeda', opdId: String(f.opdB) }))).toBe(200)
    expect(status(await call(tokenPage.action, '/admin/token', 'admin', { intent: 'create', name: 'Kota', opdId: '' }))).toBe(200)
    const tokenB = await t.db.selectFrom('api_token').select('id').where('name', '=', 'Bappeda').executeTakeFirstOrThrow()
    const before = await snapshot()
    const cityWide = await call(tokenPage.action, '/admin/token', 'admin.a', { intent: 'create', name: 'Semua OPD', opdId: '' })
    expect(status(cityWide)).toBe(403)
    expect(formErrorOf(cityWide).token).toBeNull()
    expect(formErrorOf(cityWide).formErrors[0]).toMatch(/administrator tingkat kota/)
    expect(formErrorOf(cityWide).fieldErrors.opdId![0]).toMatch(/administrator tingkat kota/)
    expect(formErrorOf(cityWide).values).toEqual({ intent: 'create', name: 'Semua OPD', opdId: '' })
    expect(status(await call(tokenPage.action, '/admin/token', 'admin.a', { intent: 'create', name: 'Ke B', opdId: String(f.opdB) }))).toBe(403)
    expect(status(await call(tokenPage.action, '/admin/token', 'admin.a', { intent: 'revoke', id: String(tokenB.id) }))).toBe(403)
    expect(await snapshot()).toEqual(before)

    const page = dataOf(await load(tokenPage.loader, '/admin/token', 'admin.a'))
    expect(page.tokens.map((x) => x.name)).toEqual([])
    expect(page.opds.map((o) => o.id)).toEqual([f.opdA])
    const own = await call(tokenPage.action, '/admin/token', 'admin.a', { intent: 'create', name: 'Dasbor Diskominfo', opdId: String(f.opdA) })
    expect(status(own)).toBe(200)
    const token = having(dataOf(own), 'token').token
    expect(token).toEqual(expect.any(String))
    // the token reads OPD A, and only A even when it asks for B
    const { response: api } = await callLoader(apiSkor, `/api/v1/skor?opd=${f.opdB}&tahun=2025&triwulan=4`, { headers: { Authorization: `Bearer ${token}` } })
    expect(api?.status).toBe(200)
    const body: unknown = await api!.json()
    expect(body).toMatchObject({ opd_id: f.opdA })
    expect(dataOf(await load(tokenPage.loader, '/admin/token', 'admin.a')).tokens.map((x) => x.name)).toEqual(['Dasbor Diskominfo'])
    // the city admin sees all three
    expect(
      dataOf(await load(tokenPage.loader, '/admin/token', 'admin'))
        .tokens.map((x) => x.name)
        .sort(),
    ).toEqual(['Bappeda', 'Dasbor Diskominfo', 'Kota'])
  })

  it('settings: read-only for him (403 on save, nothing written); the city-level admin changes them', async () => {
    const page = dataOf(await load(pengaturan.loader, '/admin/pengaturan', 'admin.a'))
    expect(page.readOnly).toBe(true)
    const before = await snapshot()
    const save = await call(pengaturan.action, '/admin/pengaturan', 'admin.a', { cap: '150', deadlineDays: '3', timeZone: 'UTC', publicPageEnabled: 'on' })
    expect(status(save)).toBe(403)
    expect(await save.response!.text()).toMatch(/hanya administrator tingkat kota/)
    expect(await snapshot()).toEqual(before)
    expect(dataOf(await load(pengaturan.loader, '/admin/pengaturan', 'admin')).readOnly).toBe(false)
    const values = dataOf(await load(pengaturan.loader, '/admin/pengaturan', 'admin')).values
    const fields: Record<string, string> = { cap: '130', deadlineDays: String(values.deadlineDays), timeZone: values.timeZone }
    values.bands.forEach((b, i) => Object.assign(fields, { [`band_label_${i}`]: b.label, [`band_min_${i}`]: b.min, [`band_max_${i}`]: b.max }))
    expect(status(await call(pengaturan.action, '/admin/pengaturan', 'admin', fields))).toBe(200)
    const cap = await t.db.selectFrom('app_setting').select('value_json').where('key', '=', 'cap').executeTakeFirstOrThrow()
    expect(JSON.parse(cap.value_json)).toBe(130)
    const audit = await t.db.selectFrom('audit_log').select(['opd_id', 'actor_username']).where('entity', '=', 'setting').execute()
    expect(audit).toEqual([{ opd_id: null, actor_username: 'admin' }])
  })

  it('the city-level admin resets an OPD B password, and that user logs in with it', async () => {
    const id = String(f.user['kabid.b'])
    expect(status(await call(penggunaDetail.action, `/admin/pengguna/${id}`, 'admin', { intent: 'reset_password', password: STRONG, passwordConfirm: STRONG }, { id }))).toBe(200)
    expect(await attemptLogin(t.db, 'kabid.b', STRONG, '10.1.1.3')).toEqual({ ok: true, userId: f.user['kabid.b'] })
    const audit = await t.db.selectFrom('audit_log').select(['opd_id', 'action']).where('entity', '=', 'user').where('entity_id', '=', id).execute()
    expect(audit).toEqual([{ opd_id: f.opdB, action: 'reset_password' }])
  })
})
