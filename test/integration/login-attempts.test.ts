// login_attempt does not grow without end: every login prunes the failed, refused and abandoned
// attempts older than the longest limit window (they count for nothing any more), a bounded batch
// at a time; successes (trusted source, "masuk terakhir") and the window's attempts stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { setClock } from '../../app/utils/clock.server.js'
import { toDbTime } from '../../db/time.js'
import { DEMO_PASSWORD } from '../../seeds/demo-data.js'
import { attemptLogin, LOGIN_ACCOUNT_WINDOW_MS, LOGIN_ATTEMPT_KEEP_MS, pruneLoginAttempts } from '../../app/services/auth.server.js'
import { LOGIN_PRUNE_BATCH } from '../../app/services/auth/login.server.js'

const NOW = new Date('2026-11-29T03:00:00Z')
const ago = (ms: number) => toDbTime(new Date(NOW.getTime() - ms))

describe.each(DB_KINDS)('pruning old login attempts (%s)', (kind) => {
  let t: TestDb
  const rows = () => t.db.selectFrom('login_attempt').select(['username', 'ip', 'success', 'refused']).orderBy('id').execute()
  const insert = (username: string, msAgo: number, extra: { success?: number; refused?: number; evaluated?: number } = {}) =>
    t.db
      .insertInto('login_attempt')
      .values({ username, ip: '192.0.2.7', attempted_at: ago(msAgo), success: extra.success ?? 0, evaluated: extra.evaluated ?? 1, refused: extra.refused ?? 0 })
      .execute()

  beforeAll(async () => {
    setClock(() => NOW)
    t = await createTestDb(kind, { seed: true })
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
  })

  it('a login deletes the failed, refused and abandoned attempts older than the window; recent ones and successes stay', async () => {
    expect(LOGIN_ATTEMPT_KEEP_MS).toBe(15 * 60_000)
    expect(LOGIN_ATTEMPT_KEEP_MS).toBe(LOGIN_ACCOUNT_WINDOW_MS)
    await t.db.deleteFrom('login_attempt').execute()
    await insert('lama.gagal', 40 * 60_000)
    await insert('lama.ditolak', 30 * 60_000, { refused: 1 })
    await insert('lama.tergantung', 20 * 60_000, { evaluated: 0 })
    await insert('lama.berhasil', 10 * 24 * 3_600_000, { success: 1 })
    await insert('batas.gagal', LOGIN_ATTEMPT_KEEP_MS + 1_000)
    await insert('baru.gagal', LOGIN_ATTEMPT_KEEP_MS - 1_000)
    await insert('baru.ditolak', 60_000, { refused: 1 })

    const result = await attemptLogin(t.db, 'kadis', DEMO_PASSWORD, '192.0.2.99')
    expect(result.ok).toBe(true)

    expect((await rows()).map((r) => r.username)).toEqual(['lama.berhasil', 'baru.gagal', 'baru.ditolak', 'kadis'])
    expect((await rows()).find((r) => r.username === 'kadis')).toEqual({ username: 'kadis', ip: '192.0.2.99', success: 1, refused: 0 })
  })

  it('one call looks at a bounded batch; the next calls carry on where it stopped', async () => {
    await t.db.deleteFrom('login_attempt').execute()
    const n = LOGIN_PRUNE_BATCH + 50
    for (let i = 0; i < n; i++) await insert(`banjir.${i}`, 60 * 60_000 - i)
    await insert('baru.gagal', 60_000)

    expect(await pruneLoginAttempts(t.db, NOW)).toBe(LOGIN_PRUNE_BATCH)
    expect(await rows()).toHaveLength(n - LOGIN_PRUNE_BATCH + 1)
    expect(await pruneLoginAttempts(t.db, NOW)).toBe(50)
    expect(await pruneLoginAttempts(t.db, NOW)).toBe(0)
    expect((await rows()).map((r) => r.username)).toEqual(['baru.gagal'])

    // an hour later the same row is old: the walk resumes from where it stopped
    expect(await pruneLoginAttempts(t.db, new Date(NOW.getTime() + 60 * 60_000))).toBe(1)
    expect(await rows()).toEqual([])
  })
})
