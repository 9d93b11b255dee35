// Meeting notes (evaluation_note): one judgement per (OPD, aspect, strategy, period_key).
// Saved with optimistic concurrency (version) and audited in the same transaction.
import type { DB, Executor } from '../utils/db.server'
import { writeTransaction } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { writeAudit, actorOf } from '../services/audit.server'
import type { Aspect, Judgement, Strategy } from '../domain/types'

export interface NoteRow {
  id: number
  opdId: number
  aspect: Aspect
  strategy: Strategy
  periodKey: string
  judgement: Judgement
  kendala: string | null
  rekomendasi: string | null
  version: number
  createdAt: string
  updatedAt: string
  updatedBy: number | null
  updatedByName: string | null
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('evaluation_note as n')
    .leftJoin('app_user as u', 'u.id', 'n.updated_by')
    .select([
      'n.id', 'n.opd_id', 'n.aspect', 'n.strategy', 'n.period_key', 'n.judgement', 'n.kendala', 'n.rekomendasi', 'n.version',
      'n.created_at', 'n.updated_at', 'n.updated_by', 'u.full_name as updated_by_name',
    ])
}

type Raw = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

function toNote(r: Raw): NoteRow {
  return {
    id: r.id,
    opdId: r.opd_id,
    aspect: r.aspect,
    strategy: r.strategy,
    periodKey: r.period_key,
    judgement: r.judgement,
    kendala: r.kendala,
    rekomendasi: r.rekomendasi,
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    updatedBy: r.updated_by,
    updatedByName: r.updated_by_name ?? null,
  }
}

/** Every note of an OPD for one period key. */
export async function listNotes(db: Executor, opdId: number, periodKey: string): Promise<NoteRow[]> {
  const rows = await baseQuery(db).where('n.opd_id', '=', opdId).where('n.period_key', '=', periodKey).orderBy('n.aspect').orderBy('n.strategy').execute()
  return rows.map(toNote)
}

export async function getNote(db: Executor, opdId: number, aspect: Aspect, strategy: Strategy, periodKey: string): Promise<NoteRow | null> {
  const row = await baseQuery(db)
    .where('n.opd_id', '=', opdId)
    .where('n.aspect', '=', aspect)
    .where('n.strategy', '=', strategy)
    .where('n.period_key', '=', periodKey)
    .executeTakeFirst()
  return row ? toNote(row) : null
}

export interface NoteInput {
  opdId: number
  aspect: Aspect
  strategy: Strategy
  periodKey: string
  judgement: Judgement
  kendala: string | null
  rekomendasi: string | null
  /** The version the user loaded; 0 when there was no note yet. */
  version: number
}

export type SaveNoteResult =
  | { ok: true; note: NoteRow; created: boolean }
  | { ok: false; conflict: NoteRow }

const snapshot = (n: Pick<NoteRow, 'judgement' | 'kendala' | 'rekomendasi' | 'version' | 'periodKey' | 'aspect' | 'strategy' | 'opdId'>) => ({
  opd_id: n.opdId,
  aspect: n.aspect,
  strategy: n.strategy,
  period_key: n.periodKey,
  judgement: n.judgement,
  kendala: n.kendala,
  rekomendasi: n.rekomendasi,
  version: n.version,
})

/**
 * Creates or updates the note of a cell. The update is `WHERE id = ? AND version = ?`; when
 * someone else saved first (or created the note meanwhile) the current note is returned as a
 * conflict and nothing is written.
 */
export async function saveNote(
  db: DB,
  user: { id: number; username: string; role: string },
  input: NoteInput,
  requestId: string | null = null,
): Promise<SaveNoteResult> {
  try {
    return await writeTransaction(db, input.opdId, async (trx) => {
      const current = await getNote(trx, input.opdId, input.aspect, input.strategy, input.periodKey)
      const t = toDbTime(now())
      if (!current) {
        if (input.version !== 0) throw new ConflictSignal()
        const inserted = await trx
          .insertInto('evaluation_note')
          .values({
            opd_id: input.opdId,
            aspect: input.aspect,
            strategy: input.strategy,
            period_key: input.periodKey,
            judgement: input.judgement,
            kendala: input.kendala,
            rekomendasi: input.rekomendasi,
            version: 1,
            created_by: user.id,
            created_at: t,
            updated_by: user.id,
            updated_at: t,
          })
          .executeTakeFirstOrThrow()
        const id = Number(inserted.insertId)
        const note = (await getNote(trx, input.opdId, input.aspect, input.strategy, input.periodKey))!
        await writeAudit(trx, { actor: actorOf(user), opdId: input.opdId, entity: 'evaluation_note', entityId: id, action: 'create', after: snapshot(note), requestId })
        return { ok: true as const, note, created: true }
      }
      if (current.version !== input.version) return { ok: false as const, conflict: current }
      const updated = await trx
        .updateTable('evaluation_note')
        .set({
          judgement: input.judgement,
          kendala: input.kendala,
          rekomendasi: input.rekomendasi,
          version: current.version + 1,
          updated_by: user.id,
          updated_at: t,
        })
        .where('id', '=', current.id)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) {
        const latest = (await getNote(trx, input.opdId, input.aspect, input.strategy, input.periodKey)) ?? current
        return { ok: false as const, conflict: latest }
      }
      const note = (await getNote(trx, input.opdId, input.aspect, input.strategy, input.periodKey))!
      await writeAudit(trx, {
        actor: actorOf(user),
        opdId: input.opdId,
        entity: 'evaluation_note',
        entityId: current.id,
        action: 'update',
        before: snapshot(current),
        after: snapshot(note),
        requestId,
      })
      return { ok: true as const, note, created: false }
    })
  } catch (e) {
    // A note created by someone else between our read and our insert (unique key), or a
    // version for a note that does not exist: report the current state as a conflict.
    if (e instanceof ConflictSignal || isUniqueViolation(e)) {
      const latest = await getNote(db, input.opdId, input.aspect, input.strategy, input.periodKey)
      if (latest) return { ok: false, conflict: latest }
      if (e instanceof ConflictSignal) {
        // The note the user edited no longer exists: treat as new.
        return saveNote(db, user, { ...input, version: 0 }, requestId)
      }
    }
    throw e
  }
}

class ConflictSignal extends Error {}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; message?: string }
  return err?.code === 'ER_DUP_ENTRY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(err?.message ?? '')
}
