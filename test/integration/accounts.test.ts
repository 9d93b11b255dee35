// Accounts and administration: admin-only pages (403 for every other role, loaders and actions),
// creating users (password rules, role/unit rules, values kept), resetting passwords, disabling
// and enabling, changing one's own password on /akun, and the settings page (band validation
// through the domain, cap, deadline, time zone, public page) — each change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { getRequest, loginAs, settle } from '../helpers/http.js'
import { callAction, callLoader, dataOf, type RouteFn } from '../helpers/call.js'
import { formErrorOf } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { attemptLogin, requireUser } from '../../app/services/auth.server.js'
import { getSettings } from '../../app/models/settings.server.js'
import { DEFAULT_BANDS } from '../../app/domain/predikat.js'
import { DEMO_PASSWORD } from '../../seeds/demo-data.js'
import * as pengguna from '../../app/routes/admin.pengguna.js'
import * as penggunaDetail from '../../app/routes/admin.pengguna_.$id.js'
import * as pengaturan from '../../app/routes/admin.pengaturan.js'
import * as tokenPage from '../../app/routes/admin.token.js'
import * as akun from '../../app/routes/akun.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const STRONG = 'Pelabuhan#Dumai-77'

type Session = { cookie: string; csrf: string; userId: number }

describe.each(DB_KINDS)('accounts and admin pages (%s)', (kind) => {
  let opdId: number
  let unit: Record<string, number>
  // the clock is set before the demo is seeded into the template
  beforeAll(() => setClock(() => ASOF))
  afterAll(() => setClock(null))
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    setup: async (db) => {
      opdId = (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
      // the demo's bidang and sekretariat: code 'DKISP-DUMAI-IKP' → IKP
      const units = await db.selectFrom('org_unit').select(['id', 'code']).where('parent_id', '=', opdId).execute()
      unit = Object.fromEntries(units.map((u) => [u.code.split('-').pop()!, u.id]))
    },
  })
  /** A fresh session of the user in this test's database. */
  const session = (username: string): Promise<Session> => loginAs(t.db, username)

  const call = <F extends RouteFn>(action: F, path: string, form: Record<string, string>, s: Session, params: Record<string, string> = {}) =>
    callAction(action, path, { session: s, form, params })
  const load = <F extends RouteFn>(loader: F, path: string, s: Session, params: Record<string, string> = {}) => callLoader(loader, path, { session: s, params })

  const count = async (table: 'app_user' | 'audit_log' | 'api_token' | 'app_setting' | 'user_session') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const userRow = (username: string) => t.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst()
  const auditOf = (entity: string, entityId: string | number) =>
    t.db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', String(entityId)).orderBy('id').execute()
  const createFields = (over: Record<string, string> = {}) => ({
    intent: 'create',
    username: 'staf.baru',
    fullName: 'Staf Baru',
    role: 'auditor',
    unitId: '',
    password: STRONG,
    passwordConfirm: STRONG,
    ...over,
  })

  describe('only admins reach the admin pages', () => {
    const pages: { name: string; mod: { loader: RouteFn; action: RouteFn }; path: string; params: Record<string, string>; fields: Record<string, string> }[] = [
      { name: 'admin.pengguna', mod: pengguna, path: '/admin/pengguna', params: {}, fields: createFields({ username: 'dari.nonadmin' }) },
      { name: 'admin.pengguna_.$id', mod: penggunaDetail, path: '/admin/pengguna/ID', params: { id: 'ID' }, fields: { intent: 'disable' } },
      { name: 'admin.pengaturan', mod: pengaturan, path: '/admin/pengaturan', params: {}, fields: { cap: '150', deadlineDays: '3', timeZone: 'UTC', publicPageEnabled: 'on' } },
      { name: 'admin.token', mod: tokenPage, path: '/admin/token', params: {}, fields: { intent: 'create', name: 'bocor', opdId: '' } },
    ]
    /** Every admin loader and action answers 403 to `role`, and nothing is written. */
    const refusedEverywhere = (role: string) => async () => {
      const s = await session(role)
      const target = String((await userRow('kabid.aplikasi'))!.id)
      const before = {
        users: await count('app_user'),
        audit: await count('audit_log'),
        tokens: await count('api_token'),
        settings: await count('app_setting'),
        sessions: await count('user_session'),
      }
      for (const p of pages) {
        const path = p.path.replace('ID', target)
        const params = Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, v.replace('ID', target)]))
        const l = await load(p.mod.loader, path, s, params)
        expect(l.status, `${p.name} loader`).toBe(403)
        const a = await call(p.mod.action, path, p.fields, s, params)
        expect(a.status, `${p.name} action`).toBe(403)
      }
      expect({
        users: await count('app_user'),
        audit: await count('audit_log'),
        tokens: await count('api_token'),
        settings: await count('app_setting'),
        sessions: await count('user_session'),
      }).toEqual(before)
      expect((await userRow('kabid.aplikasi'))!.active).toBe(1)
    }
    // one test per role, each title literal (so each runs alone with -t)
    it('perencanaan: 403 on every admin loader and action, nothing written', refusedEverywhere('perencanaan'))
    it('kadis: 403 on every admin loader and action, nothing written', refusedEverywhere('kadis'))
    it('auditor: 403 on every admin loader and action, nothing written', refusedEverywhere('auditor'))
    it('kabid.ikp: 403 on every admin loader and action, nothing written', refusedEverywhere('kabid.ikp'))
    it('sekretaris: 403 on every admin loader and action, nothing written', refusedEverywhere('sekretaris'))

    it('admin: loaders answer with data', async () => {
      const s = await session('admin')
      const list = await load(pengguna.loader, '/admin/pengguna', s)
      expect(list.response).toBeNull()
      const d = dataOf(list)
      expect(d.users.map((u) => u.username)).toEqual(
        expect.arrayContaining(['admin', 'perencanaan', 'kadis', 'auditor', 'sekretaris', 'kabid.ikp', 'kabid.infra', 'kabid.aplikasi', 'kabid.statistik']),
      )
      const ikp = d.users.find((u) => u.username === 'kabid.ikp')
      expect(ikp).toMatchObject({ role: 'kepala_bidang', roleLabel: 'Kepala Bidang', active: true, unitId: unit.IKP })
      // the list never carries password hashes
      expect(JSON.stringify(d)).not.toMatch(/scrypt\$/)
      expect(d.units.filter((u) => u.forKabid).length).toBeGreaterThanOrEqual(5)
      const settings = await load(pengaturan.loader, '/admin/pengaturan', s)
      expect(dataOf(settings).values).toMatchObject({ cap: '120', deadlineDays: '10', timeZone: 'Asia/Jakarta', publicPageEnabled: false })
      expect(dataOf(settings).values.bands.map((b) => b.label)).toEqual(DEFAULT_BANDS.map((b) => b.label))
      const tokens = await load(tokenPage.loader, '/admin/token', s)
      expect(dataOf(tokens).tokens).toEqual([])
      expect(dataOf(tokens).opds.map((o) => o.id)).toContain(opdId)
    })
  })

  describe('creating users', () => {
    it('creates a user with a hashed password and an audit row; he can sign in', async () => {
      const s = await session('admin')
      const auditBefore = await count('audit_log')
      const r = await call(
        pengguna.action,
        '/admin/pengguna',
        createFields({ username: 'Staf.Baru', fullName: '  Staf Perencanaan Baru ', role: 'perencanaan', unitId: String(opdId) }),
        s,
      )
      expect(r.status).toBe(200)
      expect(r.data).toMatchObject({ status: 'success', intent: 'create', message: 'Pengguna staf.baru dibuat.' })
      const row = (await userRow('staf.baru'))!
      expect(row).toMatchObject({ full_name: 'Staf Perencanaan Baru', role: 'perencanaan', unit_id: opdId, active: 1 })
      expect(row.password_hash).toMatch(/^scrypt\$/)
      expect(row.password_hash).not.toContain(STRONG)
      expect(await count('audit_log')).toBe(auditBefore + 1)
      const [audit] = await auditOf('user', row.id)
      expect(audit).toMatchObject({ action: 'create', actor_username: 'admin', actor_role: 'admin', request_id: 'test-request' })
      expect(JSON.parse(audit!.after_json!)).toEqual({ username: 'staf.baru', full_name: 'Staf Perencanaan Baru', role: 'perencanaan', unit_id: opdId, active: 1 })
      expect(audit!.after_json).not.toContain('scrypt')
      expect(await attemptLogin(t.db, 'staf.baru', STRONG, '10.9.9.1')).toEqual({ ok: true, userId: row.id })
    })

    it('refuses a common password with an Indonesian message, keeps what was typed, writes no row', async () => {
      const s = await session('admin')
      const before = { users: await count('app_user'), audit: await count('audit_log') }
      const common = await call(
        pengguna.action,
        '/admin/pengguna',
        createFields({ username: 'umum.satu', fullName: 'Sandi Umum', password: 'password123', passwordConfirm: 'password123' }),
        s,
      )
      expect(common.status).toBe(400)
      const d = formErrorOf(common)
      expect(d.status).toBe('error')
      expect(d.intent).toBe('create')
      expect(d.formErrors).toEqual(['Periksa kembali isian yang ditandai.'])
      expect(d.fieldErrors.password).toEqual(['Kata sandi terlalu umum; pilih yang lebih sulit ditebak.'])
      // what was typed comes back, the passwords never
      expect(d.values).toEqual({ intent: 'create', username: 'umum.satu', fullName: 'Sandi Umum', role: 'auditor', unitId: '' })
      expect(JSON.stringify(d)).not.toContain('password123')
      const short = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'umum.dua', password: 'Ab#1', passwordConfirm: 'Ab#1' }), s)
      expect(short.status).toBe(400)
      expect(formErrorOf(short).fieldErrors.password![0]).toContain('Kata sandi minimal 8 karakter.')
      const sameAsName = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'umum.tiga', password: 'umum.tiga', passwordConfirm: 'umum.tiga' }), s)
      expect(formErrorOf(sameAsName).fieldErrors.password![0]).toContain('Kata sandi tidak boleh sama dengan nama pengguna.')
      const mismatch = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'umum.empat', passwordConfirm: STRONG + 'x' }), s)
      expect(formErrorOf(mismatch).fieldErrors.passwordConfirm).toEqual(['Konfirmasi kata sandi tidak sama.'])
      expect({ users: await count('app_user'), audit: await count('audit_log') }).toEqual(before)
      for (const u of ['umum.satu', 'umum.dua', 'umum.tiga', 'umum.empat']) expect(await userRow(u)).toBeUndefined()
    })

    it('role and unit rules: a kepala bidang needs a bidang/sekretariat; other roles an OPD or none', async () => {
      const s = await session('admin')
      const before = await count('app_user')
      const cases: [Record<string, string>, string, string][] = [
        [{ role: 'kepala_bidang', unitId: '' }, 'unitId', 'Kepala bidang harus ditempatkan pada sebuah bidang atau sekretariat.'],
        [{ role: 'kepala_bidang', unitId: String(opdId) }, 'unitId', 'Kepala bidang harus ditempatkan pada sebuah bidang atau sekretariat.'],
        [{ role: 'pimpinan', unitId: String(unit.IKP) }, 'unitId', 'Peran ini ditempatkan pada perangkat daerah (OPD) atau tanpa unit (tingkat kota).'],
        [{ role: 'superuser' }, 'role', 'Pilih peran yang tersedia.'],
        [{ role: 'auditor', unitId: '999999' }, 'unitId', 'Unit kerja tidak dikenal.'],
        [{ username: 'ab' }, 'username', 'Nama pengguna 3–60 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.'],
        [{ username: 'kabid.ikp' }, 'username', 'Nama pengguna "kabid.ikp" sudah dipakai.'],
        [{ fullName: '   ' }, 'fullName', 'Nama lengkap wajib diisi.'],
      ]
      for (const [over, field, message] of cases) {
        const r = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'aturan.unit', ...over }), s)
        expect(r.status, JSON.stringify(over)).toBe(400)
        expect(formErrorOf(r).fieldErrors[field], JSON.stringify(over)).toEqual([message])
        expect(formErrorOf(r).values, JSON.stringify(over)).toMatchObject({ username: over.username ?? 'aturan.unit', fullName: over.fullName ?? 'Staf Baru' })
        expect(formErrorOf(r).values, JSON.stringify(over)).not.toHaveProperty('password')
        expect(JSON.stringify(r.data)).not.toContain(STRONG)
      }
      expect(await count('app_user')).toBe(before)
      const ok = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'kabid.baru', role: 'kepala_bidang', unitId: String(unit.APL) }), s)
      expect(dataOf(ok).status).toBe('success')
      expect(await userRow('kabid.baru')).toMatchObject({ role: 'kepala_bidang', unit_id: unit.APL })
      const sek = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'kabid.sek2', role: 'kepala_bidang', unitId: String(unit.SEK) }), s)
      expect(dataOf(sek).status).toBe('success')
      const city = await call(pengguna.action, '/admin/pengguna', createFields({ username: 'pimpinan.kota', role: 'pimpinan', unitId: '' }), s)
      expect(dataOf(city).status).toBe('success')
      expect(await userRow('pimpinan.kota')).toMatchObject({ role: 'pimpinan', unit_id: null })
      expect(await count('app_user')).toBe(before + 3)
    })
  })

  describe('managing a user', () => {
    it('reset password: refuses a weak one; a good one replaces the hash, ends his sessions, is audited', async () => {
      const s = await session('admin')
      const target = (await userRow('kabid.infra'))!
      const victim = await loginAs(t.db, 'kabid.infra')
      const path = `/admin/pengguna/${target.id}`
      const params = { id: String(target.id) }
      const weak = await call(penggunaDetail.action, path, { intent: 'reset_password', password: 'qwerty123', passwordConfirm: 'qwerty123' }, s, params)
      expect(weak.status).toBe(400)
      expect(formErrorOf(weak).fieldErrors.password).toEqual(['Kata sandi terlalu umum; pilih yang lebih sulit ditebak.'])
      expect((await userRow('kabid.infra'))!.password_hash).toBe(target.password_hash)
      expect((await auditOf('user', target.id)).length).toBe(0)

      const good = await call(penggunaDetail.action, path, { intent: 'reset_password', password: STRONG, passwordConfirm: STRONG }, s, params)
      expect(dataOf(good).status).toBe('success')
      const after = (await userRow('kabid.infra'))!
      expect(after.password_hash).not.toBe(target.password_hash)
      expect(await t.db.selectFrom('user_session').select('id').where('user_id', '=', target.id).execute()).toHaveLength(0)
      expect((await settle(() => requireUser(getRequest('/', victim.cookie)))).response?.status).toBe(302)
      const audit = await auditOf('user', target.id)
      expect(audit.map((a) => a.action)).toEqual(['reset_password'])
      expect(`${audit[0]!.before_json}${audit[0]!.after_json}`).not.toMatch(/scrypt|Pelabuhan/)
      expect((await attemptLogin(t.db, 'kabid.infra', DEMO_PASSWORD, '10.9.9.2')).ok).toBe(false)
      expect((await attemptLogin(t.db, 'kabid.infra', STRONG, '10.9.9.3')).ok).toBe(true)
    })

    it('an admin cannot disable himself nor drop his own admin role', async () => {
      const s = await session('admin')
      const params = { id: String(s.userId) }
      const path = `/admin/pengguna/${s.userId}`
      const auditBefore = await count('audit_log')
      const r = await call(penggunaDetail.action, path, { intent: 'disable' }, s, params)
      expect(r.status).toBe(400)
      expect(r.data).toMatchObject({ status: 'error', intent: 'disable', formErrors: ['Anda tidak dapat menonaktifkan akun Anda sendiri.'] })
      expect((await userRow('admin'))!.active).toBe(1)
      const demote = await call(penggunaDetail.action, path, { intent: 'update', fullName: 'Administrator Sistem', role: 'auditor', unitId: '' }, s, params)
      expect(demote.status).toBe(400)
      expect(formErrorOf(demote).fieldErrors.role).toEqual(['Anda tidak dapat mencabut peran administrator dari akun Anda sendiri.'])
      expect(formErrorOf(demote).values).toEqual({ intent: 'update', fullName: 'Administrator Sistem', role: 'auditor', unitId: '' })
      expect((await userRow('admin'))!.role).toBe('admin')
      expect(await count('audit_log')).toBe(auditBefore)
      // his session still works
      expect((await settle(() => requireUser(getRequest('/admin/pengguna', s.cookie), { permission: 'users:manage' }))).response).toBeNull()
    })

    it('disable then enable another user, each audited; update role/unit with the same rules', async () => {
      const s = await session('admin')
      const target = (await userRow('kabid.aplikasi'))!
      const params = { id: String(target.id) }
      const path = `/admin/pengguna/${target.id}`
      const victim = await loginAs(t.db, 'kabid.aplikasi')
      const off = await call(penggunaDetail.action, path, { intent: 'disable' }, s, params)
      expect(dataOf(off).status).toBe('success')
      expect((await userRow('kabid.aplikasi'))!.active).toBe(0)
      expect((await settle(() => requireUser(getRequest('/', victim.cookie)))).response?.status).toBe(302)
      const on = await call(penggunaDetail.action, path, { intent: 'enable' }, s, params)
      expect(dataOf(on).status).toBe('success')
      expect((await userRow('kabid.aplikasi'))!.active).toBe(1)

      const badUnit = await call(penggunaDetail.action, path, { intent: 'update', fullName: 'Kabid Aplikasi', role: 'kepala_bidang', unitId: String(opdId) }, s, params)
      expect(badUnit.status).toBe(400)
      expect(formErrorOf(badUnit).values).toEqual({ intent: 'update', fullName: 'Kabid Aplikasi', role: 'kepala_bidang', unitId: String(opdId) })
      expect(formErrorOf(badUnit).fieldErrors.unitId).toEqual(['Kepala bidang harus ditempatkan pada sebuah bidang atau sekretariat.'])
      const moved = await call(penggunaDetail.action, path, { intent: 'update', fullName: 'Kabid Aplikasi E-Gov', role: 'kepala_bidang', unitId: String(unit.STP) }, s, params)
      expect(dataOf(moved).status).toBe('success')
      expect(await userRow('kabid.aplikasi')).toMatchObject({ full_name: 'Kabid Aplikasi E-Gov', unit_id: unit.STP })
      const audit = await auditOf('user', target.id)
      expect(audit.map((a) => a.action)).toEqual(['disable', 'enable', 'update'])
      expect(JSON.parse(audit[0]!.before_json!)).toEqual({ active: 1 })
      expect(JSON.parse(audit[0]!.after_json!)).toEqual({ active: 0 })
      expect(JSON.parse(audit[2]!.before_json!)).toMatchObject({ unit_id: unit.APL })
      expect(JSON.parse(audit[2]!.after_json!)).toMatchObject({ unit_id: unit.STP, full_name: 'Kabid Aplikasi E-Gov' })
      // an older placement left as it is stays valid: the demo's perencanaan sits in the Sekretariat
      const plan = (await userRow('perencanaan'))!
      expect(plan.unit_id).toBe(unit.SEK)
      const renamed = await call(
        penggunaDetail.action,
        `/admin/pengguna/${plan.id}`,
        { intent: 'update', fullName: 'Subbagian Perencanaan dan Keuangan', role: 'perencanaan', unitId: String(unit.SEK) },
        s,
        { id: String(plan.id) },
      )
      expect(dataOf(renamed).status).toBe('success')
      expect(await userRow('perencanaan')).toMatchObject({ full_name: 'Subbagian Perencanaan dan Keuangan', unit_id: unit.SEK })
      // … but moving him to another bidang follows the rule
      const moveBad = await call(
        penggunaDetail.action,
        `/admin/pengguna/${plan.id}`,
        { intent: 'update', fullName: 'Subbagian Perencanaan', role: 'perencanaan', unitId: String(unit.IKP) },
        s,
        { id: String(plan.id) },
      )
      expect(moveBad.status).toBe(400)
      expect(formErrorOf(moveBad).fieldErrors.unitId).toEqual(['Peran ini ditempatkan pada perangkat daerah (OPD) atau tanpa unit (tingkat kota).'])
      const missing = await load(penggunaDetail.loader, '/admin/pengguna/999999', s, { id: '999999' })
      expect(missing.status).toBe(404)
    })
  })

  describe('/akun: own password', () => {
    it('every role can open /akun', async () => {
      for (const u of ['admin', 'perencanaan', 'kadis', 'auditor', 'kabid.ikp']) {
        const r = await load(akun.loader, '/akun', await session(u))
        expect(r.response, u).toBeNull()
        expect(dataOf(r).username).toBe(u)
      }
    })

    it('needs the correct current password; then replaces the hash, ends other sessions, keeps this one', async () => {
      const me = await loginAs(t.db, 'auditor')
      const otherDevice = await loginAs(t.db, 'auditor')
      const before = (await userRow('auditor'))!
      const wrong = await call(akun.action, '/akun', { intent: 'sandi', currentPassword: 'BukanSandi#1', password: STRONG, passwordConfirm: STRONG }, me)
      expect(wrong.status).toBe(400)
      expect(formErrorOf(wrong).fieldErrors.currentPassword).toEqual(['Kata sandi saat ini salah.'])
      expect(formErrorOf(wrong).values).toEqual({ intent: 'sandi' })
      expect((await userRow('auditor'))!.password_hash).toBe(before.password_hash)
      const weak = await call(akun.action, '/akun', { intent: 'sandi', currentPassword: DEMO_PASSWORD, password: '12345678', passwordConfirm: '12345678' }, me)
      expect(weak.status).toBe(400)
      expect(formErrorOf(weak).fieldErrors.password).toEqual(['Kata sandi terlalu umum; pilih yang lebih sulit ditebak.'])
      expect((await auditOf('user', before.id)).length).toBe(0)

      const ok = await call(akun.action, '/akun', { intent: 'sandi', currentPassword: DEMO_PASSWORD, password: STRONG, passwordConfirm: STRONG }, me)
      expect(dataOf(ok).status).toBe('success')
      expect((await userRow('auditor'))!.password_hash).not.toBe(before.password_hash)
      expect((await settle(() => requireUser(getRequest('/', me.cookie)))).response).toBeNull()
      expect((await settle(() => requireUser(getRequest('/', otherDevice.cookie)))).response?.status).toBe(302)
      const audit = await auditOf('user', before.id)
      expect(audit.map((a) => [a.action, a.actor_username])).toEqual([['change_password', 'auditor']])
      expect((await attemptLogin(t.db, 'auditor', STRONG, '10.9.9.4')).ok).toBe(true)
      expect((await attemptLogin(t.db, 'auditor', DEMO_PASSWORD, '10.9.9.5')).ok).toBe(false)
    })

    it('needs a session, the CSRF token and the same origin', async () => {
      const me = await loginAs(t.db, 'kadis')
      const hash = (await userRow('kadis'))!.password_hash
      const noToken = await callAction(akun.action, '/akun', {
        session: me,
        csrf: false,
        form: { intent: 'sandi', currentPassword: DEMO_PASSWORD, password: STRONG, passwordConfirm: STRONG },
      })
      expect(noToken.status).toBe(403)
      const cross = await callAction(akun.action, '/akun', {
        session: me,
        origin: 'http://evil.example',
        form: { intent: 'sandi', currentPassword: DEMO_PASSWORD, password: STRONG, passwordConfirm: STRONG },
      })
      expect(cross.status).toBe(403)
      expect((await userRow('kadis'))!.password_hash).toBe(hash)
    })
  })

  describe('settings page', () => {
    const bandFields = (bands: { label: string; min: string; max: string }[]) =>
      Object.fromEntries(
        bands.flatMap((b, i) => [
          [`band_label_${i}`, b.label],
          [`band_min_${i}`, b.min],
          [`band_max_${i}`, b.max],
        ]),
      )
    const defaults = () => DEFAULT_BANDS.map((b) => ({ label: b.label, min: b.min == null ? '' : String(b.min), max: b.max == null ? '' : String(b.max) }))
    const base = () => ({ ...bandFields(defaults()), cap: '120', deadlineDays: '10', timeZone: 'Asia/Jakarta' })
    const settingAudit = () => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'setting').orderBy('id').execute()
    const settingRows = () => t.db.selectFrom('app_setting').select(['key', 'value_json']).orderBy('key').execute()

    it('refuses overlapping and gapped bands with the domain messages, keeps what was typed, changes nothing', async () => {
      const s = await session('admin')
      const before = { rows: await settingRows(), audit: (await settingAudit()).length }
      const overlap = defaults()
      overlap[2] = { label: 'Cukup', min: '60', max: '76' } // Rendah is 51–<66
      const r1 = await call(pengaturan.action, '/admin/pengaturan', { ...base(), ...bandFields(overlap), cap: '110' }, s)
      expect(r1.status).toBe(400)
      const d1 = formErrorOf(r1)
      expect(d1.formErrors).toEqual(['Pengaturan belum disimpan. Periksa kembali isian yang ditandai.'])
      expect(d1.fieldErrors.bands).toEqual(['Kategori "Rendah" (51 s.d. <66) dan "Cukup" (60 s.d. <76) tumpang tindih'])
      expect(d1.values).toMatchObject({ band_label_2: 'Cukup', band_min_2: '60', band_max_2: '76', cap: '110' })

      const gap = defaults()
      gap[3] = { label: 'Tinggi', min: '80', max: '91' }
      const r2 = await call(pengaturan.action, '/admin/pengaturan', { ...base(), ...bandFields(gap) }, s)
      expect(r2.status).toBe(400)
      expect(formErrorOf(r2).fieldErrors.bands!.join(' ')).toMatch(/Ada celah antara kategori "Sedang" dan "Tinggi"/)

      const notNumber = defaults()
      notNumber[1] = { label: 'Rendah', min: 'lima puluh', max: '66' }
      const r3 = await call(pengaturan.action, '/admin/pengaturan', { ...base(), ...bandFields(notNumber) }, s)
      expect(r3.status).toBe(400)
      expect(formErrorOf(r3).fieldErrors.band_min_1).toEqual(['"lima puluh" bukan angka. Masukkan angka, misalnya 12,5'])
      expect(formErrorOf(r3).values.band_min_1).toBe('lima puluh')

      const others = await call(pengaturan.action, '/admin/pengaturan', { ...base(), cap: '90', deadlineDays: '2,5', timeZone: 'Mars/Olympus' }, s)
      expect(others.status).toBe(400)
      const f = formErrorOf(others).fieldErrors
      expect(f.cap).toEqual(['Batas atas capaian harus antara 100 dan 1000 persen.'])
      expect(f.deadlineDays).toEqual(['Batas waktu pengisian berupa bilangan bulat 0–90 hari.'])
      expect(f.timeZone![0]).toMatch(/^Zona waktu "Mars\/Olympus" tidak dikenal/)
      expect(formErrorOf(others).values.timeZone).toBe('Mars/Olympus')

      expect({ rows: await settingRows(), audit: (await settingAudit()).length }).toEqual(before)
    })

    it('saves changed keys only, one audit row each, and the app reads them back', async () => {
      const s = await session('admin')
      const auditBefore = (await settingAudit()).length
      const edited = defaults()
      edited[4] = { label: 'Istimewa', min: '91', max: '' }
      edited[3] = { label: 'Tinggi', min: '76', max: '91' }
      const r = await call(
        pengaturan.action,
        '/admin/pengaturan',
        { ...base(), ...bandFields(edited), cap: '110,5', deadlineDays: '15', timeZone: 'Asia/Makassar', publicPageEnabled: 'on' },
        s,
      )
      expect(r.status).toBe(200)
      expect(dataOf(r).status).toBe('success')
      const settings = await getSettings(t.db)
      expect(settings.scoring.cap).toBe(110.5)
      expect(settings.scoring.deadlineDays).toBe(15)
      expect(settings.scoring.timeZone).toBe('Asia/Makassar')
      expect(settings.publicPageEnabled).toBe(true)
      expect(settings.scoring.bands[4]).toEqual({ min: 91, max: null, label: 'Istimewa', key: 'sangat_tinggi' })
      const audit = (await settingAudit()).slice(auditBefore)
      expect(audit.map((a) => a.entity_id).sort()).toEqual(['cap', 'deadline_days', 'predikat_bands', 'public_page_enabled', 'time_zone'])
      const cap = audit.find((a) => a.entity_id === 'cap')!
      expect([JSON.parse(cap.before_json!), JSON.parse(cap.after_json!)]).toEqual([120, 110.5])
      expect(cap.actor_username).toBe('admin')
      expect(JSON.parse(audit.find((a) => a.entity_id === 'public_page_enabled')!.after_json!)).toBe(true)

      // the same form again: nothing changes, nothing is audited
      const again = await call(
        pengaturan.action,
        '/admin/pengaturan',
        { ...base(), ...bandFields(edited), cap: '110.5', deadlineDays: '15', timeZone: 'Asia/Makassar', publicPageEnabled: 'on' },
        s,
      )
      expect(again.data).toEqual({ status: 'success', intent: null, message: 'Tidak ada perubahan.' })
      expect((await settingAudit()).length).toBe(auditBefore + 5)

      // switching the public page off again (an unchecked box sends nothing)
      const off = await call(pengaturan.action, '/admin/pengaturan', { ...base(), ...bandFields(edited), cap: '110.5', deadlineDays: '15', timeZone: 'Asia/Makassar' }, s)
      expect(dataOf(off).status).toBe('success')
      expect((await getSettings(t.db)).publicPageEnabled).toBe(false)
      expect((await settingAudit()).length).toBe(auditBefore + 6)
      const loaded = await load(pengaturan.loader, '/admin/pengaturan', s)
      expect(dataOf(loaded).values).toMatchObject({ cap: '110,5', deadlineDays: '15', timeZone: 'Asia/Makassar', publicPageEnabled: false })
    })
  })

  describe('form answers (ADR 0024): 400 with the messages and what was typed, nothing written', () => {
    const snapshot = async () => ({ users: await count('app_user'), audit: await count('audit_log'), tokens: await count('api_token'), settings: await count('app_setting') })

    it('/admin/pengguna/:id: an empty name and an unknown intent', async () => {
      const s = await session('admin')
      const target = (await userRow('kabid.statistik'))!
      const params = { id: String(target.id) }
      const path = `/admin/pengguna/${target.id}`
      const before = await snapshot()
      const r = await call(penggunaDetail.action, path, { intent: 'update', fullName: '  ', role: 'kepala_bidang', unitId: String(target.unit_id) }, s, params)
      expect(r.status).toBe(400)
      expect(r.data).toEqual({
        status: 'error',
        intent: 'update',
        formErrors: ['Periksa kembali isian yang ditandai.'],
        fieldErrors: { fullName: ['Nama lengkap wajib diisi.'] },
        values: { intent: 'update', fullName: '  ', role: 'kepala_bidang', unitId: String(target.unit_id) },
      })
      const pw = await call(penggunaDetail.action, path, { intent: 'reset_password', password: 'Ab#1', passwordConfirm: 'Ab#1' }, s, params)
      expect(pw.status).toBe(400)
      expect(formErrorOf(pw).fieldErrors.password).toEqual(['Kata sandi minimal 8 karakter.'])
      expect(formErrorOf(pw).values).toEqual({ intent: 'reset_password' })
      const unknown = await call(penggunaDetail.action, path, { intent: 'hapus' }, s, params)
      expect(unknown.status).toBe(400)
      expect(unknown.data).toEqual({ status: 'error', intent: null, formErrors: ['Tindakan tidak dikenal.'], fieldErrors: {}, values: {} })
      expect(await snapshot()).toEqual(before)
      expect((await userRow('kabid.statistik'))!.full_name).toBe(target.full_name)
    })

    it('/admin/token: a missing or too long name, a malformed scope; the plaintext token only in a success', async () => {
      const s = await session('admin')
      const before = await snapshot()
      const long = 'x'.repeat(121)
      const r = await call(tokenPage.action, '/admin/token', { intent: 'create', name: long, opdId: 'abc' }, s)
      expect(r.status).toBe(400)
      expect(r.response?.headers.get('Cache-Control')).toBe('no-store')
      const d = formErrorOf(r)
      expect(d).toMatchObject({ status: 'error', intent: 'create', token: null, values: { intent: 'create', name: long, opdId: 'abc' } })
      expect(d.fieldErrors).toEqual({ name: ['Nama token maksimal 120 karakter.'], opdId: ['Perangkat daerah tidak dikenal.'] })
      const empty = await call(tokenPage.action, '/admin/token', { intent: 'create', name: ' ', opdId: '' }, s)
      expect(empty.status).toBe(400)
      expect(formErrorOf(empty).fieldErrors.name).toEqual(['Nama token wajib diisi (misalnya nama aplikasi yang memakainya).'])
      const unknownOpd = await call(tokenPage.action, '/admin/token', { intent: 'create', name: 'Uji', opdId: '999999' }, s)
      expect(unknownOpd.status).toBe(400)
      expect(formErrorOf(unknownOpd).fieldErrors.opdId).toEqual(['Perangkat daerah tidak dikenal.'])
      expect(formErrorOf(unknownOpd).values).toEqual({ intent: 'create', name: 'Uji', opdId: '999999' })
      const badId = await call(tokenPage.action, '/admin/token', { intent: 'revoke', id: 'x' }, s)
      expect(badId.status).toBe(404)
      expect(formErrorOf(badId).formErrors).toEqual(['Token tidak ditemukan.'])
      expect(await snapshot()).toEqual(before)
    })

    it('/akun: reminder e-mail refused with its message beside the field and the typed address; an unknown intent', async () => {
      const me = await session('kadis')
      const before = await snapshot()
      const r = await call(akun.action, '/akun', { intent: 'pengingat', email: 'bukan-email', kirim_email: 'ya' }, me)
      expect(r.status).toBe(400)
      expect(r.data).toMatchObject({
        status: 'error',
        intent: 'pengingat',
        fieldErrors: { email: ['Alamat e-mail tidak valid (contoh: nama@dumaikota.go.id).'] },
        values: { intent: 'pengingat', email: 'bukan-email', kirim_email: 'ya' },
      })
      const none = await call(akun.action, '/akun', { currentPassword: DEMO_PASSWORD, password: STRONG, passwordConfirm: STRONG }, me)
      expect(none.status).toBe(400)
      expect(formErrorOf(none).formErrors).toEqual(['Tindakan tidak dikenal.'])
      expect(JSON.stringify(none.data)).not.toContain(STRONG)
      expect(await snapshot()).toEqual(before)
    })
  })
})
