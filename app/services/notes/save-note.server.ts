// Use case: a meeting saves the judgement of a cell (evaluation_note), with optimistic concurrency
// (version) and one audit row ('create' or 'update', entity 'evaluation_note') in the same transaction.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { actorOf, writeAudit } from '../audit.server'
import { getNote, insertNote, updateNoteAtVersion, type NoteRow, type NoteValues } from '../../models/notes.server'

export interface NoteInput extends NoteValues {
  /** The version the user loaded; 0 when there was no note yet. */
  version: number
}

export type SaveNoteResult = { ok: true; note: NoteRow; created: boolean } | { ok: false; conflict: NoteRow }

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
export async function saveNote(db: DB, user: { id: number; username: string; role: string }, input: NoteInput, requestId: string | null = null): Promise<SaveNoteResult> {
  const find = (ex: Parameters<typeof getNote>[0]) => getNote(ex, input.opdId, input.aspect, input.strategy, input.periodKey)
  try {
    return await writeTransaction(db, input.opdId, async (trx) => {
      const current = await find(trx)
      const t = toDbTime(now())
      if (!current) {
        if (input.version !== 0) throw new ConflictSignal()
        const id = await insertNote(trx, input, user.id, t)
        const note = (await find(trx))!
        await writeAudit(trx, { actor: actorOf(user), opdId: input.opdId, entity: 'evaluation_note', entityId: id, action: 'create', after: snapshot(note), requestId })
        return { ok: true as const, note, created: true }
      }
      if (current.version !== input.version) return { ok: false as const, conflict: current }
      if (!(await updateNoteAtVersion(trx, current.id, input.version, input, user.id, t))) {
        const latest = (await find(trx)) ?? current
        return { ok: false as const, conflict: latest }
      }
      const note = (await find(trx))!
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
      const latest = await find(db)
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
