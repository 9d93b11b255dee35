// The data version per OPD (migration 0012, ADR 0020): a save in OPD A raises A's version only, so
// OPD B's cached reads stay in place and OPD A's are recomputed; a settings (city-wide) write
// invalidates both; writers of different OPDs do not wait for each other on MariaDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, queryCounter, useTestDb } from '../helpers/db.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loadScoringData } from '../../app/services/scoring.server.js'
import { bumpDataVersion, readDataVersion, writeTransaction } from '../../db/version.js'
import { addSecondOpd, type TwoOpds } from './tenancy-fixture.js'
import { Migrator, type Kysely } from 'kysely'
import { migrations } from '../../db/migrations/index.js'
import { toDbTime } from '../../db/time.js'

const NOW = new Date('2026-11-29T03:00:00Z')

describe.each(DB_KINDS)('data version per OPD on %s', (kind) => {
  let two: TwoOpds
  let ikp02: number
  // the demo and a second OPD, in every test's database; no OPD has written yet
  const t = useTestDb(kind, {
    seed: true,
    setup: async (db) => {
      two = await addSecondOpd(db)
      await bumpDataVersion(db) // the fixture wrote straight in SQL: raise the city-wide version
      ikp02 = (await db.selectFrom('indicator').select('id').where('code', '=', 'IKP-02').executeTakeFirstOrThrow()).id
    },
  })
  beforeAll(() => {
    setClock(() => NOW)
  })
  afterAll(() => {
    setClock(null)
  })

  const rows = async () => Object.fromEntries((await t.db.selectFrom('data_version').select(['id', 'version']).execute()).map((r) => [r.id, Number(r.version)]))

  it('migration 0012 gives every existing OPD a row and the city a row 0, each at the old global version; down goes back to one row', async () => {
    const m0 = await createTestDb(kind, { migrate: false })
    try {
      const db = m0.db as unknown as Kysely<any>
      const m = new Migrator({ db, provider: { getMigrations: async () => migrations } })
      expect((await m.migrateTo('0008_budget_history')).error).toBeUndefined()
      const ts = toDbTime(NOW)
      const unit = async (parent: number | null, kind: string, code: string) =>
        Number((await db.insertInto('org_unit').values({ parent_id: parent, kind, code, name: code, sort_order: 0, created_at: ts }).executeTakeFirstOrThrow()).insertId)
      const a = await unit(null, 'opd', 'OPD-A')
      const b = await unit(null, 'opd', 'OPD-B')
      await unit(a, 'bidang', 'OPD-A-1')
      await db.updateTable('data_version').set({ version: 41 }).where('id', '=', 1).execute()
      expect((await m.migrateTo('0012_data_version_per_opd')).error).toBeUndefined()
      const got = (await db.selectFrom('data_version').select(['id', 'version']).orderBy('id').execute()).map((r) => [Number(r.id), Number(r.version)])
      expect(got).toEqual(
        [
          [0, 41],
          [a, 41],
          [b, 41],
        ].sort((x, y) => x[0]! - y[0]!),
      )
      expect((await m.migrateTo('0008_budget_history')).error).toBeUndefined()
      expect((await db.selectFrom('data_version').select(['id', 'version']).execute()).map((r) => [Number(r.id), Number(r.version)])).toEqual([[1, 41]])
    } finally {
      await m0.drop()
    }
  })

  it('a write in OPD A raises A’s row only; OPD B’s first write creates its row', async () => {
    const before = await rows()
    expect(
      Object.keys(before)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([0]) // the demo seed is a city-wide write; the OPDs have not written yet
    await writeTransaction(t.db, two.opdA, async () => {}) // OPD A's first write creates its row at 1
    before[two.opdA] = 1
    await writeTransaction(t.db, two.opdA, async (trx) => {
      await trx.updateTable('indicator_target').set({ target: 701 }).where('indicator_id', '=', ikp02).where('year', '=', 2026).execute()
    })
    await writeTransaction(t.db, two.opdB, async () => {}) // OPD B's first write creates its row at 1
    const after = await rows()
    expect(after).toEqual({ 0: before[0], [two.opdA]: before[two.opdA]! + 1, [two.opdB]: 1 })
    // an OPD view depends on its row + the city-wide row; a city view on the sum of all rows
    expect(await readDataVersion(t.db, two.opdA)).toBe(String(after[0]! + after[two.opdA]!))
    expect(await readDataVersion(t.db, two.opdB)).toBe(String(after[0]! + 1))
    expect(await readDataVersion(t.db)).toBe(String(after[0]! + after[two.opdA]! + 1))
  })

  it('a save in OPD A leaves OPD B’s cached load in place (same object, one query) and recomputes OPD A’s', async () => {
    const c = queryCounter()
    const db = t.db.withPlugin(c.plugin)
    const a1 = await loadScoringData(db, { opdId: two.opdA }, 2026)
    const b1 = await loadScoringData(db, { opdId: two.opdB }, 2026)
    const city1 = await loadScoringData(db, { opdId: null }, 2026)
    const n0 = c.count()
    expect(await loadScoringData(db, { opdId: two.opdB }, 2026)).toBe(b1)
    expect(c.count() - n0).toBe(1) // the version only

    await writeTransaction(t.db, two.opdA, async (trx) => {
      await trx.updateTable('indicator_target').set({ target: 702 }).where('indicator_id', '=', ikp02).where('year', '=', 2026).execute()
    })

    const n1 = c.count()
    const b2 = await loadScoringData(db, { opdId: two.opdB }, 2026)
    expect(b2).toBe(b1) // OPD B: nothing it depends on changed
    expect(c.count() - n1).toBe(1)
    const a2 = await loadScoringData(db, { opdId: two.opdA }, 2026)
    expect(a2).not.toBe(a1)
    expect(c.count() - n1).toBe(1 + 6) // the version + the five queries of the load
    expect(a2.indicators.find((i) => i.id === ikp02)?.annualTargets[2026]).toBe(702)
    const city2 = await loadScoringData(db, { opdId: null }, 2026)
    expect(city2).not.toBe(city1) // a city view depends on every OPD
    expect(city2.indicators.find((i) => i.id === ikp02)?.annualTargets[2026]).toBe(702)
  })

  it('a settings (city-wide) write invalidates every OPD’s cached load', async () => {
    const a1 = await loadScoringData(t.db, { opdId: two.opdA }, 2026)
    const b1 = await loadScoringData(t.db, { opdId: two.opdB }, 2026)
    expect(await loadScoringData(t.db, { opdId: two.opdB }, 2026)).toBe(b1)
    await writeTransaction(t.db, 'city', async () => {})
    expect(await loadScoringData(t.db, { opdId: two.opdA }, 2026)).not.toBe(a1)
    expect(await loadScoringData(t.db, { opdId: two.opdB }, 2026)).not.toBe(b1)
  })

  it.runIf(kind === 'mysql')('a transaction open in OPD A does not block a write in OPD B; a second writer in OPD A waits for it', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let startedA!: () => void
    const aStarted = new Promise<void>((r) => (startedA = r))
    const a = writeTransaction(t.db, two.opdA, async (trx) => {
      await trx.updateTable('indicator_target').set({ target: 703 }).where('indicator_id', '=', ikp02).where('year', '=', 2026).execute()
      startedA()
      await held
    })
    await aStarted
    const timeout = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))
    // OPD B's writer finishes while A's transaction still holds A's row
    const b = writeTransaction(t.db, two.opdB, async (trx) => {
      await trx.updateTable('org_unit').set({ sort_order: 2 }).where('id', '=', two.bidangB).execute()
      return 'b selesai'
    })
    expect(await Promise.race([b, timeout(5000)])).toBe('b selesai')
    // a second writer of OPD A queues behind the first at the version row
    const a2 = writeTransaction(t.db, two.opdA, async () => 'a2 selesai')
    expect(await Promise.race([a2, timeout(1000)])).toBe('timeout')
    release()
    await a
    expect(await a2).toBe('a2 selesai')
  })
})
