// A database outage at the data layer: the real cause is kept (SQLite's disk-full is not hidden by
// a failed rollback), outages are told apart from bugs, and a pooled MariaDB connection that died
// silently is replaced once for reads (and for statements that never left), never for a write
// whose fate is unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createDatabase, type DB } from '../../db/db.server.js'
import { describeDatabaseError, isDatabaseUnavailable, neverReachedServer } from '../../db/errors.js'
import { writeTransaction } from '../../db/version.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js'

describe('database errors: outage or bug', () => {
  it('names the codes of an unreachable, restarted or full database, through `cause` too', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_CANTOPEN']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true)
    }
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: 'ECONNREFUSED' }) }))).toBe(true)
    expect(isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state"))).toBe(true)
    // bugs and data errors are not outages
    for (const code of ['ER_DUP_ENTRY', 'ER_PARSE_ERROR', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'ER_LOCK_DEADLOCK']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(false)
    }
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false)
    // only a refused connection or a closed one proves the statement never left
    expect(neverReachedServer(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true)
    expect(neverReachedServer(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false)
    expect(describeDatabaseError(new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'SQLITE_FULL' }) }))).toBe('outer ← SQLITE_FULL inner')
  })
})

describe('SQLite: a full disk is reported as SQLITE_FULL, not as a failed rollback', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb('sqlite')
  })
  afterAll(async () => t?.drop())

  it('a write transaction that fills the database fails with SQLITE_FULL and leaves nothing behind', async () => {
    const db = t.db
    const before = await db
      .selectFrom('app_setting')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!
    // the "disk" holds only what is there now plus a few pages
    await sql.raw(`pragma max_page_count = ${Number(page_count) + 2}`).execute(db)
    const big = 'x'.repeat(50_000)
    let error: unknown
    try {
      await writeTransaction(db, 'city', async (trx) => {
        for (let i = 0; i < 40; i++) {
          await trx
            .insertInto('app_setting')
            .values({ key: `fill_${i}`, value_json: JSON.stringify(big), updated_at: '2026-12-01 00:00:00.000', updated_by: null })
            .execute()
        }
      })
    } catch (e) {
      error = e
    }
    expect(error, 'the transaction must fail').toBeDefined()
    expect((error as { code?: string }).code).toBe('SQLITE_FULL')
    expect(String((error as Error).message)).not.toMatch(/cannot rollback/)
    expect(isDatabaseUnavailable(error)).toBe(true)
    await sql.raw('pragma max_page_count = 1073741823').execute(db)
    const after = await db
      .selectFrom('app_setting')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

describe.runIf(!!process.env.TEST_MYSQL_URL)('MariaDB: a pooled connection that died silently', () => {
  let t: TestDb
  let proxy: TcpProxy
  let db: DB
  beforeAll(async () => {
    t = await createTestDb('mysql')
    const target = new URL(t.url)
    proxy = await startTcpProxy(target.hostname, Number(target.port || 3306))
    db = createDatabase(throughProxy(t.url, proxy.port))
  })
  afterAll(async () => {
    await db?.destroy().catch(() => undefined)
    await proxy?.close()
    await t?.drop()
  })

  /** Opens `n` pooled connections at once so the pool holds that many idle ones. */
  async function warm(n: number) {
    await Promise.all(Array.from({ length: n }, () => sql`select sleep(0.05) as s`.execute(db)))
  }

  it('a read on dead pooled connections is answered on a fresh one, once', async () => {
    await warm(4)
    proxy.poison()
    const r = await db.selectFrom('data_version').select('version').where('id', '=', 0).executeTakeFirstOrThrow()
    expect(Number(r.version)).toBeGreaterThanOrEqual(0)
    expect(proxy.resets(), 'at least one dead connection was met and replaced').toBeGreaterThanOrEqual(1)
    // and the pool keeps working afterwards
    const again = await sql<{ one: number }>`select 1 as one`.execute(db)
    expect(Number(again.rows[0]!.one)).toBe(1)
  })

  it('a write on a dead connection is not sent twice: it fails, and nothing is written twice', async () => {
    await warm(1)
    const before = await db
      .selectFrom('app_setting')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    proxy.poison()
    const resetsBefore = proxy.resets()
    let error: unknown
    try {
      await db.insertInto('app_setting').values({ key: 'once', value_json: '1', updated_at: '2026-12-01 00:00:00.000', updated_by: null }).execute()
    } catch (e) {
      error = e
    }
    expect(proxy.resets()).toBe(resetsBefore + 1)
    expect(isDatabaseUnavailable(error)).toBe(true)
    const after = await db
      .selectFrom('app_setting')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('the database unreachable is an outage (ECONNREFUSED), and the pool recovers when it is back', async () => {
    await proxy.down()
    let error: unknown
    try {
      await sql`select 1`.execute(db)
    } catch (e) {
      error = e
    }
    expect(isDatabaseUnavailable(error)).toBe(true)
    await proxy.up()
    const r = await sql<{ one: number }>`select 1 as one`.execute(db)
    expect(Number(r.rows[0]!.one)).toBe(1)
  })
})
