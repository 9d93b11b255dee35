// Creates rencana aksi in one transaction: from a meeting note (each rekomendasi one action, in
// one step), from an indicator's tindak lanjut, or directly. Each action is audited.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { writeAudit, actorOf } from '../audit.server'
import type { SessionUser } from '../auth.server'
import { assignableUsers, convertedIndexes, insertAction } from '../../models/actions.server'
import { liveIndicatorOwners } from '../../models/renstra-content.server'
import { noteForActions } from '../../models/notes.server'
import { ASPECTS, STRATEGIES, type Aspect, type Strategy } from '../../domain/types'
import { splitRekomendasi } from '../../domain/actions'
import type { ActionSource } from '../../../db/schema'
import { canManageActions, canSeeOpd } from './access.server'
import { dueDateError, titleError } from './validate.server'

export interface ActionDraft {
  title: string
  ownerUserId: string
  dueDate: string
  /** Position of the rekomendasi in its note (from a note only). */
  sourceIndex?: number
}

export interface CreateActionsInput {
  opdId: number
  source: ActionSource
  aspect: string | null
  strategy: string | null
  indicatorIds: number[]
  periodKey: string
  sourceNoteId?: number | null
  sourceRealisasiId?: number | null
  drafts: ActionDraft[]
}

export type RowErrors = Partial<Record<'title' | 'ownerUserId' | 'dueDate', string>>
export type CreateActionsResult = { ok: true; ids: number[] } | { ok: false; status: 400 | 403 | 409; form?: string; rows: RowErrors[] }

type Fail = (status: 400 | 403 | 409, form?: string) => CreateActionsResult
type Person = Awaited<ReturnType<typeof assignableUsers>>[number]

/** Who may create: the meeting roles; a kepala bidang only from the tindak lanjut of his own bidang's indicator. */
async function authorise(
  db: DB,
  user: SessionUser,
  input: CreateActionsInput,
  fail: Fail,
): Promise<{ manager: boolean; ownBidang: boolean; indicatorCount: number } | CreateActionsResult> {
  if (!canSeeOpd(user, input.opdId)) return fail(403, 'Anda tidak memiliki izin untuk perangkat daerah ini.')
  const indicators = await liveIndicatorOwners(db, input.indicatorIds)
  if (indicators.length !== new Set(input.indicatorIds).size || indicators.some((i) => i.opd_id !== input.opdId))
    return fail(400, 'Indikator yang dipilih tidak ditemukan pada perangkat daerah ini.')
  const manager = canManageActions(user, input.opdId)
  const ownBidang = user.role === 'kepala_bidang' && input.source === 'tindak_lanjut' && indicators.length > 0 && indicators.every((i) => i.unit_id === user.unitId)
  if (!manager && !ownBidang) return fail(403, 'Anda tidak memiliki izin membuat rencana aksi di sini.')
  return { manager, ownBidang, indicatorCount: indicators.length }
}

/** The cell (aspect × strategy) the actions serve: both or neither; an unknown one is refused. */
function cellOf(input: CreateActionsInput): { aspect: Aspect | null; strategy: Strategy | null } | 'invalid' {
  if (!input.aspect && !input.strategy) return { aspect: null, strategy: null }
  if (!ASPECTS.includes(input.aspect as Aspect) || !STRATEGIES.includes(input.strategy as Strategy)) return 'invalid'
  return { aspect: input.aspect as Aspect, strategy: input.strategy as Strategy }
}

/** Each row's messages: title, owner (of the OPD; of his own bidang for a kepala bidang), due date. */
function checkDrafts(drafts: ActionDraft[], people: Map<number, Person>, user: SessionUser, onlyOwnBidang: boolean): RowErrors[] {
  return drafts.map((d) => {
    const e: RowErrors = {}
    const t = titleError(d.title)
    if (t) e.title = t
    const owner = /^\d{1,9}$/.test(d.ownerUserId) ? people.get(Number(d.ownerUserId)) : undefined
    if (!d.ownerUserId) e.ownerUserId = 'Pilih penanggung jawab.'
    else if (!owner) e.ownerUserId = 'Penanggung jawab tidak ditemukan pada perangkat daerah ini.'
    else if (onlyOwnBidang && owner.unitId !== user.unitId) e.ownerUserId = 'Kepala bidang hanya dapat menugaskan orang di bidangnya sendiri.'
    const due = dueDateError(d.dueDate)
    if (due) e.dueDate = due
    return e
  })
}

/** From a note: every action is one of its rekomendasi, not yet an action. */
async function checkNote(db: DB, input: CreateActionsInput, fail: Fail): Promise<CreateActionsResult | null> {
  const note = input.sourceNoteId ? await noteForActions(db, input.sourceNoteId) : undefined
  if (!note || note.opd_id !== input.opdId) return fail(400, 'Catatan rapat tidak ditemukan.')
  const lines = splitRekomendasi(note.rekomendasi).length
  if (input.drafts.some((d) => d.sourceIndex == null || !Number.isInteger(d.sourceIndex) || d.sourceIndex < 0 || d.sourceIndex >= lines))
    return fail(400, 'Rekomendasi yang dipilih tidak ada pada catatan rapat ini.')
  const done = await convertedIndexes(db, note.id)
  if (input.drafts.some((d) => d.sourceIndex != null && done.has(d.sourceIndex)))
    return fail(409, 'Sebagian rekomendasi sudah menjadi rencana aksi (mungkin oleh pengguna lain). Muat ulang halaman.')
  return null
}

/** Inserts the actions and their audit rows in one transaction; their ids. */
async function insertAll(
  db: DB,
  user: SessionUser,
  input: CreateActionsInput,
  cell: { aspect: Aspect | null; strategy: Strategy | null },
  people: Map<number, Person>,
  requestId: string | null,
) {
  return writeTransaction(db, input.opdId, async (trx) => {
    const at = toDbTime(now())
    const out: number[] = []
    for (const d of input.drafts) {
      const owner = people.get(Number(d.ownerUserId))!
      const values = {
        opdId: input.opdId,
        title: d.title,
        ...cell,
        ownerUnitId: owner.unitId ?? input.opdId,
        ownerUserId: owner.id,
        dueDate: d.dueDate,
        source: input.source,
        sourceNoteId: input.source === 'catatan' ? (input.sourceNoteId ?? null) : null,
        sourceIndex: input.source === 'catatan' ? (d.sourceIndex ?? null) : null,
        sourceRealisasiId: input.source === 'tindak_lanjut' ? (input.sourceRealisasiId ?? null) : null,
        periodKey: input.periodKey,
        indicatorIds: input.indicatorIds,
        userId: user.id,
        at,
      }
      const id = await insertAction(trx, values)
      const { userId: _u, at: _a, ...snapshot } = values
      await writeAudit(trx, {
        actor: actorOf(user),
        entity: 'action_item',
        entityId: id,
        opdId: values.opdId,
        action: 'create',
        after: { ...snapshot, status: 'direncanakan', version: 1 },
        requestId,
      })
      out.push(id)
    }
    return out
  })
}

export async function createActions(db: DB, user: SessionUser, input: CreateActionsInput, requestId: string | null = null): Promise<CreateActionsResult> {
  let rows: RowErrors[] = input.drafts.map(() => ({}))
  const fail: Fail = (status, form) => ({ ok: false, status, form, rows })
  const who = await authorise(db, user, input, fail)
  if ('ok' in who) return who
  const cell = cellOf(input)
  if (cell === 'invalid') return fail(400, 'Pilih aspek dan strategi yang ada.')
  if (!cell.aspect && who.indicatorCount === 0) return fail(400, 'Pilih sel (aspek × strategi) atau indikator yang dilayani rencana aksi ini.')
  if (input.drafts.length === 0) return fail(400, 'Tidak ada rencana aksi yang dipilih untuk dibuat.')
  const people = new Map((await assignableUsers(db, input.opdId)).map((u) => [u.id, u]))
  rows = checkDrafts(input.drafts, people, user, who.ownBidang && !who.manager)
  if (rows.some((r) => Object.keys(r).length > 0)) return fail(400, 'Periksa isian yang ditandai.')
  if (input.source === 'catatan') {
    const refused = await checkNote(db, input, fail)
    if (refused) return refused
  }
  try {
    return { ok: true, ids: await insertAll(db, user, input, cell, people, requestId) }
  } catch (e) {
    if (isUniqueViolation(e)) return fail(409, 'Sebagian rekomendasi sudah menjadi rencana aksi (mungkin oleh pengguna lain). Muat ulang halaman.')
    throw e
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string }
  return err?.code === 'ER_DUP_ENTRY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(err?.message ?? '')
}
