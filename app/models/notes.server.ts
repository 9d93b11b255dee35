// Meeting notes (evaluation_note): one judgement per (OPD, aspect, strategy, period_key). SQL only;
// saving one is the use case app/services/notes/save-note.server.ts.
import type { Executor } from '../utils/db.server'
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
      'n.id',
      'n.opd_id',
      'n.aspect',
      'n.strategy',
      'n.period_key',
      'n.judgement',
      'n.kendala',
      'n.rekomendasi',
      'n.version',
      'n.created_at',
      'n.updated_at',
      'n.updated_by',
      'u.full_name as updated_by_name',
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

/** A new note at version 1; returns its id. */
export async function insertNote(db: Executor, input: NoteValues, userId: number, t: string): Promise<number> {
  const inserted = await db
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
      created_by: userId,
      created_at: t,
      updated_by: userId,
      updated_at: t,
    })
    .executeTakeFirstOrThrow()
  return Number(inserted.insertId)
}

/** `UPDATE … WHERE id = ? AND version = ?`; true when the row was at that version (and is now at the next). */
export async function updateNoteAtVersion(
  db: Executor,
  id: number,
  version: number,
  input: Pick<NoteValues, 'judgement' | 'kendala' | 'rekomendasi'>,
  userId: number,
  t: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('evaluation_note')
    .set({ judgement: input.judgement, kendala: input.kendala, rekomendasi: input.rekomendasi, version: version + 1, updated_by: userId, updated_at: t })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** The values of a note a meeting writes. */
export type NoteValues = Pick<NoteRow, 'opdId' | 'aspect' | 'strategy' | 'periodKey' | 'judgement' | 'kendala' | 'rekomendasi'>

/** A note's OPD and rekomendasi text, by id (the actions made from its rekomendasi). */
export async function noteRekomendasi(db: Executor, id: number) {
  return db.selectFrom('evaluation_note').select(['id', 'opd_id', 'rekomendasi']).where('id', '=', id).executeTakeFirst()
}
