// The OPD of a unit (opdOfUnit): read three levels of the tree per query — on SQLite and MariaDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { createSession, getSessionUser, opdOfUnit } from '../../app/services/auth.server.js'
import { toDbTime } from '../../db/time.js'

describe.each(DB_KINDS)('OPD of a unit on %s', (kind) => {
  let t: TestDb
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    t = await createTestDb(kind)
    const created = toDbTime(new Date('2026-11-29T03:00:00Z'))
    let parent: number | null = null
    // an unusually deep tree: OPD → bidang → seksi → tim → subtim
    for (const [code, k] of [
      ['OPD', 'opd'],
      ['BID', 'bidang'],
      ['SEK', 'seksi'],
      ['TIM', 'seksi'],
      ['SUB', 'seksi'],
    ] as const) {
      const r = await t.db
        .insertInto('org_unit')
        .values({ parent_id: parent, kind: k, code: `UJI-${code}`, name: code, short_name: null, city: null, sort_order: 0, created_at: created })
        .executeTakeFirstOrThrow()
      parent = ids[code] = Number(r.insertId)
    }
    // a bidang without an OPD above it (a root that is not an OPD)
    ids.LEPAS = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({ parent_id: null, kind: 'bidang', code: 'UJI-LEPAS', name: 'Lepas', short_name: null, city: null, sort_order: 0, created_at: created })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
  })
  afterAll(async () => {
    await t?.drop()
  })

  it('every level finds its OPD; a root that is not an OPD is its own top; a missing unit has none', async () => {
    for (const code of ['OPD', 'BID', 'SEK', 'TIM', 'SUB']) expect(await opdOfUnit(t.db, ids[code]!), code).toBe(ids.OPD)
    expect(await opdOfUnit(t.db, ids.LEPAS!)).toBe(ids.LEPAS)
    expect(await opdOfUnit(t.db, null)).toBeNull()
    expect(await opdOfUnit(t.db, 987654)).toBeNull()
  })

  it('a signed-in user carries his OPD, read with the session (and further up for a deeper tree)', async () => {
    const t0 = toDbTime(new Date())
    for (const code of ['BID', 'SUB']) {
      const username = `uji.${code.toLowerCase()}`
      const userId = Number(
        (
          await t.db
            .insertInto('app_user')
            .values({
              username,
              full_name: username,
              password_hash: 'x',
              role: 'kepala_bidang',
              unit_id: ids[code]!,
              active: 1,
              created_at: t0,
              updated_at: t0,
              password_changed_at: t0,
            })
            .executeTakeFirstOrThrow()
        ).insertId,
      )
      const token = await createSession(t.db, userId)
      const user = await getSessionUser(new Request('http://localhost/', { headers: { cookie: `sesi=${token}` } }), t.db)
      expect(user?.unitId, code).toBe(ids[code])
      expect(user?.opdId, code).toBe(ids.OPD)
    }
  })
})
