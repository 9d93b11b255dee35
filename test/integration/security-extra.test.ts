// Quality-bar checks no other test owned:
//   - the role matrix: every role × every route loader and action → allowed or 403 (an explicit
//     table written from the quality bar's role definitions, not derived from the code), and a
//     refused action writes nothing;
//   - no loader changes state: every loader, called by every role, leaves every table as it was;
//   - passwords: 8 and 128 characters accepted, 7 and 129 refused, common ones refused;
//   - no default admin: a production setup has no user at all; the CLI creates the first admin
//     (a weak password refused); the README says the demo accounts exist only in the demo seed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, type RouteFn } from '../helpers/call.js'
import { setClock } from '../../app/utils/clock.server.js'
import { setupDatabase } from '../../db/setup.js'
import { hashPassword, parsePasswordHash, passwordProblems, verifyPassword } from '../../app/utils/password.server.js'
import type { DB } from '../../db/db.server.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ASOF = new Date('2026-11-29T03:00:00Z')

const modules = import.meta.glob('../../app/routes/*.{ts,tsx}', { eager: true }) as Record<string, { loader?: RouteFn; action?: RouteFn }>
const routeName = (file: string) =>
  file
    .split('/')
    .pop()!
    .replace(/\.(tsx|ts)$/, '')
const ROUTES = new Map(Object.entries(modules).map(([file, mod]) => [routeName(file), mod]))

type Role = 'admin' | 'perencanaan' | 'kepala_bidang' | 'pimpinan' | 'auditor'
const USER_OF: Record<Role, string> = { admin: 'admin', perencanaan: 'perencanaan', kepala_bidang: 'kabid.ikp', pimpinan: 'kadis', auditor: 'auditor' }
const ALL: Role[] = ['admin', 'perencanaan', 'kepala_bidang', 'pimpinan', 'auditor']
const READERS = ALL // dashboards: everyone signed in
const EXPORTERS: Role[] = ['perencanaan', 'kepala_bidang', 'pimpinan', 'auditor']

/**
 * Who may open each page (loader) and who may post to it (action); everyone else gets 403.
 * Written from the quality bar: admin (users, settings), perencanaan (Renstra, targets,
 * verification), kepala_bidang (own realisations), pimpinan (read all, meeting notes), auditor
 * (read all, export, audit trail; never writes). `null` = the route has no loader / no action.
 * login, logout and publik are public or permission-free and are covered by security-routes and
 * security-auth.
 */
const MATRIX: Record<string, { path: string; loader: Role[] | null; action: Role[] | null }> = {
  _index: { path: '/', loader: READERS, action: null },
  'grafik.$chart': { path: '/grafik/radar-pengelolaan.svg?tahun=2025&triwulan=4', loader: READERS, action: null },
  'perlu-perhatian': { path: '/perlu-perhatian', loader: READERS, action: null },
  // city level, not role: only the accounts without a unit (here the admin; the others are OPD-bound)
  kota: { path: '/kota?tahun=2025&triwulan=4', loader: ['admin'], action: null },
  presentasi: { path: '/presentasi', loader: READERS, action: null },
  'beranda.sel.$aspect.$strategy': { path: '/beranda/sel/pengelolaan/budaya?tahun=2025&triwulan=4', loader: READERS, action: ['perencanaan', 'pimpinan'] },
  'indikator.$id': { path: '/indikator/:indicator', loader: READERS, action: null },
  'renstra._index': { path: '/renstra', loader: READERS, action: null },
  'renstra.kelola': { path: '/renstra/kelola', loader: ['perencanaan'], action: ['perencanaan'] },
  'renstra.indikator.baru': { path: '/renstra/indikator/baru', loader: ['perencanaan'], action: ['perencanaan'] },
  'renstra.indikator.$id': { path: '/renstra/indikator/:indicator', loader: ['perencanaan'], action: ['perencanaan'] },
  'impor.renstra': { path: '/impor/renstra', loader: ['perencanaan'], action: ['perencanaan'] },
  'renstra.anggaran': { path: '/renstra/anggaran', loader: ['perencanaan'], action: ['perencanaan'] },
  'impor.historis': { path: '/impor/historis', loader: ['perencanaan'], action: ['perencanaan'] },
  // a past quarter typed by hand as data historis
  'impor.historis_.isi': { path: '/impor/historis/isi', loader: ['perencanaan'], action: ['perencanaan'] },
  realisasi: { path: '/realisasi', loader: ['kepala_bidang'], action: ['kepala_bidang'] },
  'impor.realisasi': { path: '/impor/realisasi', loader: ['kepala_bidang'], action: ['kepala_bidang'] },
  'realisasi_.$id.riwayat': { path: '/realisasi/:realisasi/riwayat', loader: READERS, action: null },
  'realisasi_.simpan': { path: '/realisasi/simpan', loader: null, action: ['kepala_bidang'] },
  verifikasi: { path: '/verifikasi', loader: ['perencanaan'], action: ['perencanaan'] },
  audit: { path: '/audit', loader: ['admin', 'perencanaan', 'auditor'], action: null },
  laporan: { path: '/laporan', loader: EXPORTERS, action: null },
  'laporan.$jenis': { path: '/laporan/e81.xlsx?tahun=2025&triwulan=4', loader: EXPORTERS, action: null },
  'api.v1.skor': { path: '/api/v1/skor?tahun=2025&triwulan=4', loader: READERS, action: null },
  'api.v1.laporan.$jenis': { path: '/api/v1/laporan/rekap.xlsx?tahun=2025&triwulan=4', loader: EXPORTERS, action: null },
  'admin.pengguna': { path: '/admin/pengguna', loader: ['admin'], action: ['admin'] },
  'admin.pengguna_.$id': { path: '/admin/pengguna/:user', loader: ['admin'], action: ['admin'] },
  'admin.organisasi': { path: '/admin/organisasi', loader: ['admin'], action: ['admin'] },
  'admin.organisasi_.$id': { path: '/admin/organisasi/:unit', loader: ['admin'], action: ['admin'] },
  'admin.organisasi_.templat': { path: '/admin/organisasi/templat', loader: ['admin'], action: null },
  'admin.pengaturan': { path: '/admin/pengaturan', loader: ['admin'], action: ['admin'] },
  'admin.token': { path: '/admin/token', loader: ['admin'], action: ['admin'] },
  akun: { path: '/akun', loader: ALL, action: ALL },
  // the keep-alive while typing: touches only the caller's own session row
  'sesi.aktif': { path: '/sesi/aktif', loader: null, action: ALL },
  // rencana aksi: meeting roles create and re-plan; the owner (here the sekretaris, not in this matrix) reports progress
  'aksi._index': { path: '/aksi', loader: READERS, action: null },
  'aksi.baru': { path: '/aksi/baru', loader: ['perencanaan', 'pimpinan'], action: ['perencanaan', 'pimpinan'] },
  'aksi.$id': { path: '/aksi/:aksi', loader: READERS, action: ['perencanaan', 'pimpinan'] },
  // each user's own reminders (marking them read changes only that user's read state)
  notifikasi: { path: '/notifikasi', loader: ALL, action: ALL },
}
const NOT_IN_MATRIX = new Set(['login', 'logout', 'publik'])

/** Every table, its row count, and a fingerprint of what can change in place. */
async function snapshot(db: DB): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const tables = [
    'org_unit',
    'app_user',
    'api_token',
    'renstra_period',
    'tujuan',
    'sasaran',
    'program',
    'indicator',
    'indicator_target',
    'indicator_quarter_target',
    'realisasi',
    'quarter_closure',
    'evaluation_note',
    'audit_log',
    'app_setting',
    'action_item',
    'action_progress',
    'notification',
  ] as const
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    out[t] = String(Number(r.n))
  }
  const versions = async (t: 'realisasi' | 'indicator' | 'evaluation_note') =>
    String(
      Number(
        (
          await db
            .selectFrom(t)
            .select(sql<number>`coalesce(sum(version), 0)`.as('v'))
            .executeTakeFirstOrThrow()
        ).v,
      ),
    )
  out['realisasi.version'] = await versions('realisasi')
  out['indicator.version'] = await versions('indicator')
  out['evaluation_note.version'] = await versions('evaluation_note')
  out['realisasi.status'] = (
    await db
      .selectFrom('realisasi')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute()
  )
    .map((r) => `${r.status}:${Number(r.n)}`)
    .join(',')
  out['app_user.state'] = (await db.selectFrom('app_user').select(['username', 'active', 'role', 'password_hash']).orderBy('username').execute())
    .map((u) => `${u.username}:${u.active}:${u.role}:${u.password_hash.slice(-8)}`)
    .join(',')
  out['app_setting.values'] = (await db.selectFrom('app_setting').select(['key', 'value_json']).orderBy('key').execute()).map((s) => `${s.key}=${s.value_json}`).join(',')
  out['api_token.revoked'] = (await db.selectFrom('api_token').select(['id', 'revoked_at']).orderBy('id').execute()).map((t) => `${t.id}:${t.revoked_at ?? '-'}`).join(',')
  return out
}

describe('password policy (pure)', () => {
  it('accepts 8 and 128 characters, refuses 7 and 129, refuses common passwords and the username, in Indonesian', async () => {
    expect(passwordProblems('Dum@i-08')).toEqual([])
    expect(passwordProblems('K'.repeat(60) + 'x#7'.repeat(22) + 'ab')).toEqual([]) // 128
    expect(('K'.repeat(60) + 'x#7'.repeat(22) + 'ab').length).toBe(128)
    expect(passwordProblems('Dum@i-7')).toEqual(['Kata sandi minimal 8 karakter.'])
    expect(passwordProblems('K'.repeat(60) + 'x#7'.repeat(23))).toContain('Kata sandi maksimal 128 karakter.')
    for (const common of ['password123', 'Password123', '12345678', 'qwertyuiop', 'aaaaaaaaaa', 'bismillah'])
      expect(passwordProblems(common), common).toContain('Kata sandi terlalu umum; pilih yang lebih sulit ditebak.')
    expect(passwordProblems('kepala.data', 'Kepala.Data')).toContain('Kata sandi tidak boleh sama dengan nama pengguna.')
    // a 128-character password hashes with scrypt N = 2^17 and verifies; one character less does not
    const long = 'Ω'.repeat(20) + 'p#9'.repeat(36)
    expect(long.length).toBe(128)
    const stored = await hashPassword(long)
    expect(parsePasswordHash(stored)).toMatchObject({ N: 131072, r: 8, p: 1 })
    expect(await verifyPassword(long, stored)).toBe(true)
    expect(await verifyPassword(long.slice(0, 127), stored)).toBe(false)
  })
})

describe.each(DB_KINDS)('security extras on %s', (kind) => {
  // each test starts on the seeded demo plus one session per role (written in the template)
  const t = useTestDb(kind, { seed: true, global: true })
  const sessions = new Map<Role, { cookie: string; csrf: string }>()
  let params: Record<string, string>
  let paths: Record<string, string>

  beforeAll(async () => {
    setClock(() => ASOF)
    for (const role of ALL) sessions.set(role, await loginAs(t.db, USER_OF[role]))
    const indicator = (await t.db.selectFrom('indicator').select('id').where('code', '=', 'IKP-01').executeTakeFirstOrThrow()).id
    const realisasi = (
      await t.db.selectFrom('realisasi').select('id').where('indicator_id', '=', indicator).where('year', '=', 2025).where('quarter', '=', 4).executeTakeFirstOrThrow()
    ).id
    const user = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'auditor').executeTakeFirstOrThrow()).id
    params = { id: String(indicator), aspect: 'pengelolaan', strategy: 'budaya', jenis: 'e81.xlsx' }
    const unit = (await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP-DUMAI-IKP').executeTakeFirstOrThrow()).id
    const aksi = (await t.db.selectFrom('action_item').select('id').where('title', 'like', 'Program pelatihan TIK%').executeTakeFirstOrThrow()).id
    paths = { ':indicator': String(indicator), ':realisasi': String(realisasi), ':user': String(user), ':unit': String(unit), ':aksi': String(aksi) }
  })
  afterAll(() => {
    setClock(null)
  })

  const concrete = (name: string) => {
    let p = MATRIX[name]!.path
    for (const [k, v] of Object.entries(paths)) p = p.replace(k, v)
    return p
  }
  const paramsOf = (name: string): Record<string, string> => {
    if (name === 'realisasi_.$id.riwayat') return { ...params, id: paths[':realisasi']! }
    if (name === 'admin.pengguna_.$id') return { ...params, id: paths[':user']! }
    if (name === 'admin.organisasi_.$id') return { ...params, id: paths[':unit']! }
    if (name === 'aksi.$id') return { ...params, id: paths[':aksi']! }
    if (name === 'api.v1.laporan.$jenis') return { ...params, jenis: 'rekap.xlsx' }
    return params
  }

  it('the matrix names every route in app/routes that has a loader or an action', () => {
    const withHandlers = [...ROUTES].filter(([, m]) => m.loader || m.action).map(([n]) => n)
    const missing = withHandlers.filter((n) => !MATRIX[n] && !NOT_IN_MATRIX.has(n))
    expect(missing, 'routes without an entry in MATRIX: add them').toEqual([])
    for (const [n, m] of Object.entries(MATRIX)) {
      const mod = ROUTES.get(n)
      expect(mod, `${n} exists`).toBeDefined()
      expect(!!mod!.loader, `${n} loader`).toBe(m.loader !== null)
      expect(!!mod!.action, `${n} action`).toBe(m.action !== null)
    }
  })

  it('every role × every loader: the allowed roles get their page, every other role 403 — and no loader changes any table', async () => {
    const before = await snapshot(t.db)
    const wrong: string[] = []
    for (const [name, m] of Object.entries(MATRIX)) {
      if (!m.loader) continue
      const mod = ROUTES.get(name)!
      for (const role of ALL) {
        const s = sessions.get(role)!
        const { status } = await callLoader(mod.loader!, concrete(name), { session: s, params: paramsOf(name) })
        const allowed = m.loader.includes(role)
        if (allowed ? status === 403 || status === 401 || status >= 500 : status !== 403) wrong.push(`GET ${name} as ${role}: ${status} (expected ${allowed ? 'allowed' : '403'})`)
        const now = await snapshot(t.db)
        const changed = Object.keys(before).filter((k) => before[k] !== now[k])
        if (changed.length) {
          wrong.push(`GET ${name} as ${role} changed ${changed.join(', ')}`)
          Object.assign(before, now)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('every role × every action: the refused roles get 403 and nothing is written; the allowed roles get past the permission check', async () => {
    const wrong: string[] = []
    for (const [name, m] of Object.entries(MATRIX)) {
      if (!m.action) continue
      const mod = ROUTES.get(name)!
      for (const role of ALL) {
        const s = sessions.get(role)!
        // a form the allowed roles' validation refuses (400) — never a change
        const before = await snapshot(t.db)
        const { status } = await callAction(mod.action!, concrete(name), { session: s, form: { intent: 'uji-matriks-izin' }, params: paramsOf(name) })
        const after = await snapshot(t.db)
        const changed = Object.keys(before).filter((k) => before[k] !== after[k])
        if (m.action.includes(role)) {
          if (status === 403 || status === 401 || status >= 500) wrong.push(`POST ${name} as ${role}: ${status} (expected allowed)`)
        } else {
          if (status !== 403) wrong.push(`POST ${name} as ${role}: ${status} (expected 403)`)
          if (changed.length) wrong.push(`POST ${name} as ${role} (refused) changed ${changed.join(', ')}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('the auditor never writes: every action but his own password (/akun) and the keep-alive of his own session refuses him', () => {
    const writable = Object.entries(MATRIX)
      .filter(([, m]) => m.action?.includes('auditor'))
      .map(([n]) => n)
    expect(writable).toEqual(['akun', 'sesi.aktif', 'notifikasi']) // his own password, his own reminders' read state; sesi.aktif refreshes his own session's last_seen_at
  })

  it('no default admin: a production setup (no demo) has no user; the CLI creates the first admin, refusing a weak password, audited', async () => {
    const fresh = await createTestDb(kind, { migrate: false })
    try {
      const report = await setupDatabase(fresh.db, { demo: false })
      expect(report.migrations.length).toBeGreaterThan(0)
      expect(report.seed).toBeNull()
      const users = async () => await fresh.db.selectFrom('app_user').select(['username', 'role', 'password_hash']).execute()
      expect(await users()).toEqual([])

      const cli = (password: string, username = 'kepala.it') =>
        spawnSync(process.execPath, ['--import', 'tsx', 'db/cli.ts', 'user:create', '--username', username, '--name', 'Kepala TI', '--role', 'admin'], {
          cwd: ROOT,
          input: `${password}\n`,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: fresh.url, NODE_ENV: 'production' },
          timeout: 60_000,
        })
      const weak = cli('password123')
      expect(weak.status).toBe(1)
      expect(weak.stderr).toContain('Kata sandi terlalu umum')
      expect(await users()).toEqual([])

      const ok = cli('Pelabuhan#Dumai-2026')
      expect(ok.status, ok.stderr).toBe(0)
      expect(ok.stdout).toContain('Pengguna kepala.it (admin) dibuat.')
      const created = await users()
      expect(created.map((u) => [u.username, u.role])).toEqual([['kepala.it', 'admin']])
      expect(parsePasswordHash(created[0]!.password_hash)).toMatchObject({ N: 131072, r: 8, p: 1 })
      expect(await verifyPassword('Pelabuhan#Dumai-2026', created[0]!.password_hash)).toBe(true)
      const audit = await fresh.db.selectFrom('audit_log').select(['entity', 'action', 'actor_username']).execute()
      expect(audit).toEqual([{ entity: 'user', action: 'create', actor_username: 'cli' }])
      // no demo account in a production database
      for (const demo of ['admin', 'kadis', 'kabid.ikp']) expect(created.some((u) => u.username === demo)).toBe(false)
    } finally {
      await fresh.drop()
    }
  })

  it('the README says the demo accounts exist only in the demo seed, and how the first admin is created', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    expect(readme).toMatch(/exist \*\*only in the demo seed\*\*/)
    expect(readme).toMatch(/There is no default admin/)
    expect(readme).toContain('npm run user:create -- --username admin')
  })
})
