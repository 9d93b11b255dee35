// Server-side sessions (table user_session), SQL only: the row writes, and the one query every
// request runs — the session with its user, the unit chain and the data versions.
import type { CompiledQuery, InferResult, Insertable } from 'kysely'
import type { UserSessionTable } from '../../db/schema'
import type { Executor } from '../utils/db.server'
import { UNIT_CHAIN } from './organisation.server'
import { USER_IDENTITY_COLUMNS } from './users.server'

export async function insertSession(db: Executor, values: Insertable<UserSessionTable>): Promise<void> {
  await db.insertInto('user_session').values(values).execute()
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', id).execute()
}

/** Ends every session of a user. */
export async function deleteUserSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute()
}

/** Ends every session of a user but one (the one he is using). */
export async function deleteOtherSessions(db: Executor, userId: number, keepSessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute()
}

/** Records that the session was used at `t`. */
export async function touchSession(db: Executor, id: string, t: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: t }).where('id', '=', id).execute()
}

/** The session row with its user, unit chain and the data version (one query). */
function buildSessionQuery(db: Executor, sessionId: string) {
  return (
    db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .leftJoin('org_unit as o', 'o.id', 'u.unit_id')
      // the unit's parent and grandparent: the OPD of almost every unit, in the same query
      .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
      .select(['s.id as sessionId', 's.csrf_token', 's.created_at', 's.last_seen_at', ...USER_IDENTITY_COLUMNS])
      .select(UNIT_CHAIN)
      // the data versions (ADR 0020): all rows summed (a city-level user's views), the city-wide row,
      // and the rows of the unit chain (one of them is the OPD's, whose row + the city-wide row an
      // OPD-bound user's views depend on)
      .select((eb) =>
        eb
          .selectFrom('data_version')
          .select((e) => e.fn.sum<number | string | null>('version').as('v'))
          .as('v_all'),
      )
      .select((eb) => eb.selectFrom('data_version').select('version').where('id', '=', 0).as('v_city'))
      .select((eb) => eb.selectFrom('data_version').select('version').whereRef('id', '=', 'o.id').as('v_u'))
      .select((eb) => eb.selectFrom('data_version').select('version').whereRef('id', '=', 'p.id').as('v_p'))
      .select((eb) => eb.selectFrom('data_version').select('version').whereRef('id', '=', 'g.id').as('v_g'))
      .where('s.id', '=', sessionId)
  )
}

export type SessionRow = InferResult<ReturnType<typeof buildSessionQuery>>[number]
const SESSION_ID_SLOT = '\u0000session-id'
/** Per database: the session query compiled once; only the session id changes between runs. */
const compiledSessionQuery = new WeakMap<object, CompiledQuery<SessionRow>>()

/** The session with its user, unit chain and data versions, run from its compiled form (every request runs it). */
export async function findSessionWithUser(db: Executor, sessionId: string): Promise<SessionRow | undefined> {
  let compiled = compiledSessionQuery.get(db)
  if (!compiled) compiledSessionQuery.set(db, (compiled = buildSessionQuery(db, SESSION_ID_SLOT).compile()))
  const parameters = compiled.parameters.map((p) => (p === SESSION_ID_SLOT ? sessionId : p))
  const result = await db.executeQuery<SessionRow>({ ...compiled, parameters })
  return result.rows[0]
}
