// The foundation: the demo seed, DECIMAL and time round trips, the database's own checks, the
// append-only audit log, the Renstra page, and the migrations up and down — on SQLite and MariaDB.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Migrator, sql } from 'kysely'
import { migrations } from '../../db/migrations/index.js'
import { createTestDb, DB_KINDS, tableCounts, useTestDb } from '../helpers/db.js'
import { callLoader, loadData } from '../helpers/call.js'
import { outsideSchema } from '../helpers/fixtures-a.js'
import { migrateDownAll, migrateToLatest } from '../../db/migrate.js'
import { seedDemo } from '../../seeds/demo.js'
import { loader as renstraLoader } from '../../app/routes/renstra._index.js'
import { loginAs } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'
import { toDbTime } from '../../db/time.js'

describe.each(DB_KINDS)('foundation on %s', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  const NOW = new Date('2026-11-29T03:00:00Z')
  beforeAll(() => {
    setClock(() => NOW)
  })
  beforeEach(() => {
    setClock(() => NOW)
  })
  afterAll(() => {
    setClock(null)
  })

  it('seeds the Dumai demo: 22 indicators, 6 years of targets, 2021–2025 complete and 2026 TW I–III', async () => {
    const c = await tableCounts(t.db)
    expect(c.indicator).toBe(22)
    expect(c.indicator_target).toBe(22 * 6)
    expect(c.tujuan).toBe(3)
    // 18 quarterly indicators × (5 × 4 + 3) + 4 released indices × 5 years = 414 + 20 = 434
    expect(c.realisasi).toBe(434)
    expect(c.app_user).toBe(10) // the nine accounts of the OPD and the admin's, + bappeda (city level)
    const cells = await t.db.selectFrom('indicator').select(['aspect', 'strategy']).distinct().execute()
    expect(cells).toHaveLength(15)
  })

  it('seeding twice changes nothing', async () => {
    const before = await tableCounts(t.db)
    const r = await seedDemo(t.db)
    expect(r.seeded).toBe(false)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('returns DECIMAL as numbers and timestamps as UTC strings on both databases', async () => {
    const ind = await t.db.selectFrom('indicator').select(['baseline', 'weight', 'target_akhir', 'created_at']).where('code', '=', 'IKP-03').executeTakeFirstOrThrow()
    expect(ind.baseline).toBe(9)
    expect(ind.weight).toBe(1)
    // turun rata_rata: end-of-period target = the 2026 target
    expect(ind.target_akhir).toBe(5.5)
    expect(ind.created_at).toMatch(/^2021-01-04 02:00:00(\.000)?$/)
  })

  it('refuses a duplicate quarter, quarter 5, an unknown polarity or pola ukur', async () => {
    const ind = await t.db.selectFrom('indicator').select(['id']).where('code', '=', 'IKP-01').executeTakeFirstOrThrow()
    const now = toDbTime(new Date())
    const row = { indicator_id: ind.id, year: 2025, quarter: 1, value: 1, created_at: now, updated_at: now }
    await expect(t.db.insertInto('realisasi').values(row).execute()).rejects.toThrow()
    await expect(
      t.db
        .insertInto('realisasi')
        .values({ ...row, year: 2030, quarter: 5 })
        .execute(),
    ).rejects.toThrow()
    await expect(
      t.db
        .insertInto('realisasi')
        .values({ ...row, year: 2030, quarter: 0 })
        .execute(),
    ).rejects.toThrow()
    await expect(
      t.db
        .insertInto('realisasi')
        .values({ ...row, year: 2030, status: outsideSchema<'draft'>('selesai') })
        .execute(),
    ).rejects.toThrow()
    const base = await t.db.selectFrom('indicator').selectAll().where('id', '=', ind.id).executeTakeFirstOrThrow()
    const { id: _id, ...copy } = base
    await expect(
      t.db
        .insertInto('indicator')
        .values({ ...copy, code: 'X-1', polarity: outsideSchema<'naik'>('datar') })
        .execute(),
    ).rejects.toThrow()
    await expect(
      t.db
        .insertInto('indicator')
        .values({ ...copy, code: 'X-2', pola_ukur: outsideSchema<'rata_rata'>('bulanan') })
        .execute(),
    ).rejects.toThrow()
    await expect(
      t.db
        .insertInto('indicator')
        .values({ ...copy, code: 'X-3', aspect: outsideSchema<'layanan'>('lainnya') })
        .execute(),
    ).rejects.toThrow()
    // a valid copy is accepted, so the refusals above are about the values
    await t.db
      .insertInto('indicator')
      .values({ ...copy, code: 'X-4' })
      .execute()
    await t.db.deleteFrom('indicator').where('code', '=', 'X-4').execute()
    const n = await t.db
      .selectFrom('realisasi')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(434)
  })

  it('keeps the audit log append-only', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/)
    const n = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(n.n)).toBeGreaterThanOrEqual(1)
  })

  it('the Renstra page loader lists every indicator with its 2026 target and latest realisation', async () => {
    const kadis = await loginAs(t.db, 'kadis')
    const d = await loadData(renstraLoader, '/renstra', { session: kadis })
    expect(d.year).toBe(2026)
    expect(d.isDemo).toBe(true)
    expect(d.overview!.opd.name).toBe('Dinas Komunikasi Informatika Statistik dan Persandian Kota Dumai')
    expect(d.overview!.tujuan).toHaveLength(3)
    expect(d.overview!.indicators).toHaveLength(22)
    const byCode = Object.fromEntries(d.overview!.indicators.map((i) => [i.code, i]))
    expect(byCode['IKP-01']!.target_tahun_ini).toBe(92)
    expect(byCode['APL-01']!.target_tahun_ini).toBe(3.5)
    // IKP-02 kumulatif 2026 TW III: annual 700 × 1.0 = 700, TW III share 25 % → 175
    expect(byCode['IKP-02']!.latest).toMatchObject({ year: 2026, quarter: 3, value: 175 })
    // APL-01 (rilis): latest release is for 2025, TW IV: 3.2 × 0.8625 = 2.76
    expect(byCode['APL-01']!.latest).toMatchObject({ year: 2025, quarter: 4, value: 2.76 })
    // SEK-01 posisi 2026 TW III: 75 × 0.64 = 48, ramp 0.95 → 45.6
    expect(byCode['SEK-01']!.latest).toMatchObject({ year: 2026, quarter: 3, value: 45.6 })
  })

  it('the Renstra page without a session redirects to /login', async () => {
    const { response } = await callLoader(renstraLoader, '/renstra')
    expect(response?.status).toBe(302)
    expect(response?.headers.get('Location')).toBe('/login?redirectTo=%2Frenstra')
  })
})

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  it('0003 keeps the login attempts written before it as checked (evaluated = 1, refused = 0)', async () => {
    const t = await createTestDb(kind, { migrate: false })
    try {
      const m = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } })
      expect((await m.migrateTo('0002_data_version')).error).toBeUndefined()
      await sql`insert into login_attempt (username, ip, attempted_at, success) values ('lama', '10.0.0.1', '2026-11-01 00:00:00.000', 0), ('lama', '10.0.0.1', '2026-11-01 00:01:00.000', 1)`.execute(
        t.db,
      )
      const up = await m.migrateTo('0003_login_guard')
      expect(up.error).toBeUndefined()
      expect(up.results?.map((r) => `${r.direction} ${r.migrationName}`)).toEqual(['Up 0003_login_guard'])
      const rows = await t.db.selectFrom('login_attempt').select(['success', 'evaluated', 'refused']).orderBy('id').execute()
      expect(rows).toEqual([
        { success: 0, evaluated: 1, refused: 0 },
        { success: 1, evaluated: 1, refused: 0 },
      ])
      await t.db.insertInto('login_attempt').values({ username: 'baru', ip: '10.0.0.2', attempted_at: '2026-11-02 00:00:00.000', success: 0 }).execute()
      expect(await t.db.selectFrom('login_attempt').select(['evaluated', 'refused']).where('username', '=', 'baru').executeTakeFirstOrThrow()).toEqual({ evaluated: 0, refused: 0 })
    } finally {
      await t.drop()
    }
  })

  it('run up, down to nothing, and up again', async () => {
    const t = await createTestDb(kind, { migrate: false })
    try {
      // every migration of the static list, in order (db/migrations/index.ts)
      const names = Object.keys(migrations)
      expect(names[0]).toBe('0001_init')
      expect(await migrateToLatest(t.db)).toEqual(names.map((n) => `Up ${n}`))
      expect(await migrateToLatest(t.db)).toEqual([])
      expect(await migrateDownAll(t.db)).toEqual([...names].reverse().map((n) => `Down ${n}`))
      const tables = (await t.db.introspection.getTables()).map((x) => x.name).filter((n) => !n.startsWith('kysely_'))
      expect(tables).toEqual([])
      expect(await migrateToLatest(t.db)).toEqual(names.map((n) => `Up ${n}`))
    } finally {
      await t.drop()
    }
  })
})
