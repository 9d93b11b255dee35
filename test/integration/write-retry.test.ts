// Writes on a cluster: writeTransaction runs the whole transaction again when the server rolled it
// back (deadlock — also Galera's certification conflict —, lock wait timeout, node not ready) or when
// the connection was lost before COMMIT; never for other errors, never for a lost COMMIT, never
// inside an outer transaction. A callback's re-run starts from a clean state (the kelola page's form
// errors are not carried over). DATABASE_URL may name several hosts: the first that answers is used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createDatabase, type DB, type Executor } from '../../db/db.server.js'
import { transactionRetryReason } from '../../db/errors.js'
import { readDataVersion, WRITE_ATTEMPTS, writeTransaction } from '../../db/version.js'
import { applyKelola } from '../../app/services/renstra/kelola.server.js'
import type { SessionUser } from '../../app/services/auth.server.js'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy.js'

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 })
const lost = () => Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })
const fast = { baseDelayMs: 1 }

describe('which failed transactions may run again', () => {
  it('deadlock / certification conflict, lock wait timeout and a Galera node not ready: the server rolled it back', () => {
    expect(transactionRetryReason(deadlock())).toBe('conflict')
    expect(transactionRetryReason(Object.assign(new Error('WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction'), { errno: 1213 }))).toBe(
      'conflict',
    )
    expect(transactionRetryReason(Object.assign(new Error('Lock wait timeout exceeded'), { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }))).toBe('conflict')
    expect(transactionRetryReason(Object.assign(new Error('WSREP has not yet prepared node for application use'), { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 }))).toBe('conflict')
    expect(transactionRetryReason(new Error('wrapped', { cause: deadlock() }))).toBe('conflict')
  })
  it('a lost or refused connection is "lost" (retried only before COMMIT); data errors and bugs are not retried', () => {
    expect(transactionRetryReason(lost())).toBe('lost')
    expect(transactionRetryReason(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('lost')
    expect(transactionRetryReason(new Error("Can't add new command when connection is in closed state"))).toBe('lost')
    for (const code of ['ER_DUP_ENTRY', 'ER_PARSE_ERROR', 'SQLITE_CONSTRAINT_UNIQUE', 'ER_NO_REFERENCED_ROW_2', 'SQLITE_BUSY']) {
      expect(transactionRetryReason(Object.assign(new Error('x'), { code })), code).toBeNull()
    }
    expect(transactionRetryReason(new TypeError('undefined is not a function'))).toBeNull()
  })
})

describe.each(DB_KINDS)('writeTransaction re-runs on %s', (kind) => {
  let t: TestDb
  const settings = async () =>
    Number(
      (
        await t.db
          .selectFrom('app_setting')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const insertSetting = (trx: Executor, key: string) =>
    trx.insertInto('app_setting').values({ key, value_json: '1', updated_at: '2026-12-01 00:00:00.000', updated_by: null }).execute()

  beforeAll(async () => {
    t = await createTestDb(kind, { seed: true })
  })
  afterAll(async () => t?.drop())

  it('a deadlock twice, then success: three runs, one commit, the data version raised once', async () => {
    const [n0, v0] = [await settings(), Number(await readDataVersion(t.db))]
    let runs = 0
    const retries: string[] = []
    const out = await writeTransaction(
      t.db,
      'city',
      async (trx) => {
        runs++
        await insertSetting(trx, 'retry_twice')
        if (runs <= 2) throw deadlock()
        return 'ok'
      },
      { ...fast, onRetry: (i) => retries.push(`${i.attempt}:${i.reason}`) },
    )
    expect(out).toBe('ok')
    expect(runs).toBe(3)
    expect(retries).toEqual(['1:conflict', '2:conflict'])
    expect(await settings()).toBe(n0 + 1)
    expect(Number(await readDataVersion(t.db))).toBe(v0 + 1)
  })

  it(`bounded: a deadlock every time is given up after ${WRITE_ATTEMPTS} runs, nothing written`, async () => {
    const [n0, v0] = [await settings(), Number(await readDataVersion(t.db))]
    let runs = 0
    const error = await writeTransaction(
      t.db,
      'city',
      async (trx) => {
        runs++
        await insertSetting(trx, 'never')
        throw deadlock()
      },
      fast,
    ).catch((e: unknown) => e)
    expect((error as { code?: string }).code).toBe('ER_LOCK_DEADLOCK')
    expect(runs).toBe(WRITE_ATTEMPTS)
    expect(await settings()).toBe(n0)
    expect(Number(await readDataVersion(t.db))).toBe(v0)
  })

  it('a duplicate key (a real one from the database) is not retried: one run', async () => {
    await writeTransaction(t.db, 'city', (trx) => insertSetting(trx, 'dup'))
    const n0 = await settings()
    let runs = 0
    const error = await writeTransaction(
      t.db,
      'city',
      async (trx) => {
        runs++
        await insertSetting(trx, 'dup')
      },
      fast,
    ).catch((e: unknown) => e)
    expect(String((error as Error).message)).toMatch(/Duplicate entry|UNIQUE constraint failed/)
    expect(runs).toBe(1)
    expect(await settings()).toBe(n0)
  })

  it('a connection lost inside the transaction is retried: the write lands once', async () => {
    const n0 = await settings()
    let runs = 0
    await writeTransaction(
      t.db,
      'city',
      async (trx) => {
        runs++
        await insertSetting(trx, 'lost_inside')
        if (runs === 1) throw lost()
      },
      fast,
    )
    expect(runs).toBe(2)
    expect(await settings()).toBe(n0 + 1)
  })

  /** The database, except that a transaction's COMMIT is answered by a lost connection: after it landed, or instead of it. */
  const commitAnswerLost = (landed: boolean, times = 1) => {
    let left = times
    return new Proxy(t.db, {
      get(target, prop) {
        if (prop === 'transaction')
          return () => ({
            execute: async <T>(fn: (trx: Executor) => Promise<T>) => {
              if (left-- <= 0) return target.transaction().execute(fn)
              if (landed) await target.transaction().execute(fn)
              else
                await target
                  .transaction()
                  .execute(async (trx) => {
                    await fn(trx)
                    throw new Error('never committed')
                  })
                  .catch(() => undefined)
              throw lost()
            },
          })
        const v = Reflect.get(target, prop, target)
        return typeof v === 'function' ? v.bind(target) : v
      },
    }) as DB
  }
  const auditRows = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const audited = (trx: Executor, key: string) =>
    trx
      .insertInto('audit_log')
      .values({
        occurred_at: '2026-12-01 00:00:00.000',
        actor_id: null,
        actor_username: 'uji',
        actor_role: null,
        entity: 'setting',
        entity_id: key,
        action: 'create',
        reason: null,
        before_json: null,
        after_json: '1',
        request_id: key,
      })
      .execute()

  it('a COMMIT whose answer was lost but which landed is not run again: its audit row is found, the result returned, everything once', async () => {
    const [n0, a0] = [await settings(), await auditRows()]
    let runs = 0
    const out = await writeTransaction(
      commitAnswerLost(true),
      'city',
      async (trx) => {
        runs++
        await insertSetting(trx, 'commit_landed')
        await audited(trx, 'commit_landed')
        return 'disimpan'
      },
      fast,
    )
    expect(out).toBe('disimpan')
    expect(runs).toBe(1)
    expect([await settings(), await auditRows()]).toEqual([n0 + 1, a0 + 1])
  })

  it('a COMMIT that was lost before it landed: its audit row is absent, the transaction runs again, everything once', async () => {
    const [n0, a0] = [await settings(), await auditRows()]
    let runs = 0
    const reasons: string[] = []
    await writeTransaction(
      commitAnswerLost(false),
      'city',
      async (trx) => {
        runs++
        await insertSetting(trx, 'commit_lost')
        await audited(trx, 'commit_lost')
      },
      { ...fast, onRetry: (i) => reasons.push(i.reason) },
    )
    expect(runs).toBe(2)
    expect(reasons).toEqual(['lost'])
    expect([await settings(), await auditRows()]).toEqual([n0 + 1, a0 + 1])
  })

  it('a COMMIT lost with no inserted row to tell its fate is not run again: the error is thrown', async () => {
    await writeTransaction(t.db, 'city', (trx) => insertSetting(trx, 'no_witness'))
    let runs = 0
    const error = await writeTransaction(
      commitAnswerLost(true),
      'city',
      async (trx) => {
        runs++
        await trx.updateTable('app_setting').set({ value_json: '2' }).where('key', '=', 'no_witness').execute()
      },
      fast,
    ).catch((e: unknown) => e)
    expect((error as { code?: string }).code).toBe('PROTOCOL_CONNECTION_LOST')
    expect(runs).toBe(1)
  })

  it('inside an open transaction nothing is retried by the inner call: the outer one re-runs the whole', async () => {
    const n0 = await settings()
    let outer = 0
    let inner = 0
    await writeTransaction(
      t.db,
      'city',
      async (trx) => {
        outer++
        await writeTransaction(
          trx,
          'city',
          async (inTrx) => {
            inner++
            await insertSetting(inTrx, 'nested')
            if (inner === 1) throw deadlock()
          },
          fast,
        )
      },
      fast,
    )
    expect([outer, inner]).toEqual([2, 2])
    expect(await settings()).toBe(n0 + 1)
  })

  it('kelola: a re-run does not carry the form errors of the failed run (parent restored meanwhile → the kegiatan is added)', async () => {
    const period = await t.db.selectFrom('renstra_period').selectAll().where('closed', '=', 0).orderBy('id').executeTakeFirstOrThrow()
    const parent = await t.db.selectFrom('program').selectAll().where('period_id', '=', period.id).where('kind', '=', 'program').orderBy('id').executeTakeFirstOrThrow()
    await t.db.updateTable('program').set({ deleted_at: '2026-12-01 00:00:00.000' }).where('id', '=', parent.id).execute()
    const admin = await t.db.selectFrom('app_user').selectAll().where('role', '=', 'admin').executeTakeFirstOrThrow()
    const user: SessionUser = {
      id: admin.id,
      username: admin.username,
      fullName: admin.full_name,
      role: admin.role,
      unitId: null,
      unitName: null,
      unitKind: null,
      opdId: null,
      sessionId: 's',
      csrfToken: 'c',
    }
    // First run: the parent is read (deleted: an error is noted), then the connection is lost.
    // Between the runs another user restores the parent.
    let attempt = 0
    const flaky = new Proxy(t.db, {
      get(target, prop) {
        if (prop === 'transaction')
          return () => ({
            execute: async <T>(fn: (trx: Executor) => Promise<T>) => {
              attempt++
              let sawParent = false
              try {
                return await target.transaction().execute((trx) =>
                  fn(
                    trx.withPlugin({
                      transformQuery: (args) => {
                        if (attempt === 1 && sawParent) throw lost()
                        if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node.from).includes('"program"')) sawParent = true
                        return args.node
                      },
                      transformResult: async (args) => args.result,
                    }),
                  ),
                )
              } catch (e) {
                if (attempt === 1) await target.updateTable('program').set({ deleted_at: null }).where('id', '=', parent.id).execute()
                throw e
              }
            },
          })
        const v = Reflect.get(target, prop, target)
        return typeof v === 'function' ? v.bind(target) : v
      },
    }) as DB
    const before = Number(
      (
        await t.db
          .selectFrom('program')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const r = await applyKelola(
      flaky,
      user,
      period.opd_id,
      { intent: 'program.tambah', parent_id: parent.id, sasaran_id: null, code: 'RETRY.1', name: 'Kegiatan uji ulang', unit_id: null },
      null,
    )
    expect(attempt).toBe(2)
    expect(r).toMatchObject({ ok: true, message: 'Kegiatan RETRY.1 ditambahkan.' })
    const after = Number(
      (
        await t.db
          .selectFrom('program')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(after).toBe(before + 1)
  })
})

describe.runIf(!!process.env.TEST_MYSQL_URL)('MariaDB: real deadlocks and lost connections', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb('mysql', { migrate: true })
    await sql`create table lock_pair (id int primary key, n int not null)`.execute(t.db)
    await sql`create table filler (id int auto_increment primary key, x int not null)`.execute(t.db)
    await sql`insert into lock_pair values (1, 0), (2, 0)`.execute(t.db)
  })
  afterAll(async () => t?.drop())

  it('two transactions lock two rows in opposite order: the deadlock victim (writeTransaction) is re-run, both commit, exact counts', async () => {
    const v0 = Number(await readDataVersion(t.db))
    let tHasRow1!: () => void
    const tHasRow1P = new Promise<void>((r) => (tHasRow1 = r))
    let xHasRow2!: () => void
    const xHasRow2P = new Promise<void>((r) => (xHasRow2 = r))
    // X: a plain transaction that holds row 2 and many changed rows (the heavier one is not the victim)
    const x = t.db.transaction().execute(async (trx) => {
      await sql`update lock_pair set n = n + 10 where id = 2`.execute(trx)
      for (let i = 0; i < 50; i++) await sql`insert into filler (x) values (${i})`.execute(trx)
      xHasRow2()
      await tHasRow1P
      await sql`update lock_pair set n = n + 10 where id = 1`.execute(trx) // waits for T's row 1
    })
    let runs = 0
    const reasons: string[] = []
    const tw = writeTransaction(
      t.db,
      'city',
      async (trx) => {
        runs++
        await sql`update lock_pair set n = n + 1 where id = 1`.execute(trx)
        tHasRow1()
        await xHasRow2P
        await new Promise((r) => setTimeout(r, 100)) // X is now waiting for row 1
        await sql`update lock_pair set n = n + 1 where id = 2`.execute(trx) // closes the cycle
      },
      { onRetry: (i) => reasons.push(`${i.reason}:${(i.error as { code?: string }).code}`) },
    )
    await Promise.all([x, tw])
    expect(runs).toBe(2)
    expect(reasons).toEqual(['conflict:ER_LOCK_DEADLOCK'])
    const rows = (await sql<{ id: number; n: number }>`select id, n from lock_pair order by id`.execute(t.db)).rows
    expect(rows.map((r) => [Number(r.id), Number(r.n)])).toEqual([
      [1, 11],
      [2, 11],
    ])
    expect(Number((await sql<{ c: number }>`select count(*) as c from filler`.execute(t.db)).rows[0]!.c)).toBe(50)
    expect(Number(await readDataVersion(t.db))).toBe(v0 + 1)
  })

  describe('a connection that dies inside the transaction', () => {
    let proxy: TcpProxy
    let db: DB
    beforeAll(async () => {
      const target = new URL(t.url)
      proxy = await startTcpProxy(target.hostname, Number(target.port || 3306))
      db = createDatabase(throughProxy(t.url, proxy.port))
    })
    afterAll(async () => {
      await db?.destroy().catch(() => undefined)
      await proxy?.close()
    })

    it('is retried on a fresh connection: the write lands once', async () => {
      const n0 = Number((await sql<{ n: number }>`select n from lock_pair where id = 1`.execute(db)).rows[0]!.n)
      const v0 = Number(await readDataVersion(db))
      let runs = 0
      const reasons: string[] = []
      await writeTransaction(
        db,
        'city',
        async (trx) => {
          runs++
          await sql`update lock_pair set n = n + 1 where id = 1`.execute(trx)
          if (runs === 1) proxy.poison() // the next statement meets a reset
          await sql`update lock_pair set n = n + 1 where id = 2`.execute(trx)
        },
        { ...fast, onRetry: (i) => reasons.push(i.reason) },
      )
      expect(runs).toBe(2)
      expect(reasons).toEqual(['lost'])
      expect(proxy.resets()).toBeGreaterThanOrEqual(1)
      expect(Number((await sql<{ n: number }>`select n from lock_pair where id = 1`.execute(t.db)).rows[0]!.n)).toBe(n0 + 1)
      expect(Number(await readDataVersion(t.db))).toBe(v0 + 1)
    })
  })

  it('DATABASE_URL with several hosts: a dead first host (closed port) is skipped, the second answers, in UTC', async () => {
    const u = new URL(t.url)
    // a port nothing listens on
    const net = await import('node:net')
    const closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    const multi = `mysql://${u.username}:${u.password}@127.0.0.1:${closedPort},${u.hostname}:${u.port || 3306}${u.pathname}`
    const db = createDatabase(multi)
    try {
      const rows = (await sql<{ tz: string; db: string }>`select @@session.time_zone as tz, database() as db`.execute(db)).rows
      expect(rows).toEqual([{ tz: '+00:00', db: u.pathname.slice(1) }])
      const v0 = Number(await readDataVersion(db))
      await writeTransaction(db, 'city', async (trx) => {
        await sql`update lock_pair set n = n + 100 where id = 2`.execute(trx)
      })
      expect(Number(await readDataVersion(t.db))).toBe(v0 + 1)
      // many connections at once: every one of them on the live host, every one in UTC
      const many = await Promise.all(Array.from({ length: 12 }, () => sql<{ tz: string }>`select @@session.time_zone as tz, sleep(0.02) as s`.execute(db)))
      expect(new Set(many.map((r) => r.rows[0]!.tz))).toEqual(new Set(['+00:00']))
    } finally {
      await db.destroy()
    }
  })
})
