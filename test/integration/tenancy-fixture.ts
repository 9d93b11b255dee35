// A second OPD next to the Dumai demo, with its own accounts, for the tenancy tests: OPD A is the
// demo's Diskominfotiksan, OPD B a Bappeda with one bidang. Accounts share the demo password.
import type { DB } from '../../db/db.server.js'
import { toDbTime } from '../../db/time.js'
import type { Role } from '../../app/utils/permissions.js'

export interface TwoOpds {
  opdA: number
  opdB: number
  bidangA: number
  bidangB: number
  user: Record<string, number>
}

/** Adds OPD B and the accounts the tests need; `extra` users are created as [username, role, unit]. */
export async function addSecondOpd(db: DB): Promise<TwoOpds> {
  const t = toDbTime(new Date('2026-01-05T02:00:00Z'))
  const opdA = (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
  const bidangA = (await db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP-DUMAI-IKP').executeTakeFirstOrThrow()).id
  const opdB = Number(
    (
      await db
        .insertInto('org_unit')
        .values({
          parent_id: null,
          kind: 'opd',
          code: 'BAPPEDA-DUMAI',
          name: 'Badan Perencanaan Pembangunan Daerah Kota Dumai',
          short_name: 'Bappeda',
          city: 'Dumai',
          sort_order: 1,
          created_at: t,
        })
        .executeTakeFirstOrThrow()
    ).insertId,
  )
  const bidangB = Number(
    (
      await db
        .insertInto('org_unit')
        .values({
          parent_id: opdB,
          kind: 'bidang',
          code: 'BAPPEDA-DUMAI-PEP',
          name: 'Bidang Penelitian, Evaluasi dan Pelaporan',
          short_name: 'PEP',
          city: null,
          sort_order: 1,
          created_at: t,
        })
        .executeTakeFirstOrThrow()
    ).insertId,
  )
  const hash = (await db.selectFrom('app_user').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash
  const accounts: [string, Role, number | null][] = [
    ['admin.a', 'admin', opdA],
    ['admin.b', 'admin', opdB],
    ['auditor.b', 'auditor', opdB],
    ['kabid.b', 'kepala_bidang', bidangB],
    ['auditor.kota', 'auditor', null],
    ['kadis.b', 'pimpinan', opdB],
  ]
  for (const [username, role, unit] of accounts) {
    await db
      .insertInto('app_user')
      .values({ username, full_name: `Akun ${username}`, password_hash: hash, role, unit_id: unit, active: 1, created_at: t, updated_at: t, password_changed_at: t })
      .execute()
  }
  const rows = await db.selectFrom('app_user').select(['id', 'username']).execute()
  return { opdA, opdB, bidangA, bidangB, user: Object.fromEntries(rows.map((r) => [r.username, r.id])) }
}
