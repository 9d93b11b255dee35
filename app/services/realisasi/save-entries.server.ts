// Use case: a kepala bidang saves (draft) or submits ("Ajukan") his rows of one quarter. Every
// change runs in ONE transaction with its audit rows; a stale version (optimistic concurrency) or a
// duplicate insert is a conflict (409) and nothing is written. A resent submission key is answered
// with the first result (nothing written twice).
import type { DB } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import { forbidden, type SessionUser } from '../auth.server'
import { getSettings } from '../../models/settings.server'
import { findSubmission, recordSubmission } from '../../models/submission-key.server'
import { findRealisasi, indicatorsByIds, quarterClosure, realisasiOfQuarter, targetsOf, unitWithDescendants, type EntryIndicatorRow } from '../../models/realisasi.server'
import { deadlineOf, isQuarter } from '../../domain'
import type { Quarter } from '../../domain/types'
import { describeConflict, isFutureQuarter } from './common.server'
import { checkRows, type EntryContext } from './entry-checks.server'
import { WriteConflict, writePlans, type WriteContext, type Written } from './entry-writes.server'
import type { EntryRequest, EntryResult, RowConflict, RowInput, RowProblem } from './types'

type Ok = Extract<EntryResult, { ok: true }>

/** Thrown inside the transaction to roll it back and answer 400 / 409. */
class Abort extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly general: string[],
    readonly problems: RowProblem[],
    readonly conflictKeys: { indicatorId: number; code: string }[],
  ) {
    super('aborted')
  }
}

/** IDOR: every posted indicator must exist and belong to the user's unit (or one below it) — else 403. */
async function authorisedIndicators(db: DB, user: SessionUser, req: EntryRequest): Promise<Map<number, EntryIndicatorRow>> {
  if (user.role !== 'kepala_bidang' || user.unitId == null) forbidden('Hanya kepala bidang yang dapat mengisi realisasi bidangnya.')
  const scope = new Set(await unitWithDescendants(db, user.unitId))
  const ids = req.rows.map((r) => r.indicatorId)
  const byId = new Map((await indicatorsByIds(db, ids)).map((i) => [i.id, i]))
  for (const id of ids) {
    const ind = byId.get(id)
    if (!ind || !scope.has(ind.unit_id)) forbidden('Anda hanya dapat mengisi realisasi indikator bidang Anda sendiri.')
  }
  return byId
}

function okMessage(w: Written): string {
  const parts: string[] = []
  if (w.created + w.updated) parts.push(`${w.created + w.updated} baris disimpan`)
  if (w.submitted) parts.push(`${w.submitted} baris diajukan untuk verifikasi`)
  return parts.length ? `${parts.join('; ')}.` : 'Tidak ada perubahan untuk disimpan.'
}

/** The answer to a rolled-back save: 409 with each conflict as it is now, or 400 with every problem. */
async function abortAnswer(db: DB, e: Abort, year: number, quarter: number, timeZone: string): Promise<EntryResult> {
  if (e.status === 409) {
    const conflicts = await Promise.all(e.conflictKeys.map((k) => describeConflict(db, k.indicatorId, k.code, year, quarter, timeZone)))
    return {
      ok: false,
      status: 409,
      message: 'Sebagian data sudah diubah oleh orang lain sejak halaman ini dimuat. Tidak ada yang disimpan; periksa baris yang ditandai.',
      general: e.general,
      problems: e.problems,
      conflicts,
    }
  }
  const n = e.problems.length + e.general.length
  return { ok: false, status: 400, message: `Ada ${n} masalah; tidak ada yang disimpan. Perbaiki lalu kirim lagi.`, general: e.general, problems: e.problems, conflicts: [] }
}

/** Someone inserted the same (indicator, year, quarter) first: the new rows that now exist are conflicts. */
async function duplicateAnswer(db: DB, rows: RowInput[], byId: Map<number, EntryIndicatorRow>, year: number, quarter: number, timeZone: string): Promise<EntryResult> {
  const conflicts = await Promise.all(
    rows.map(async (r) => {
      const ind = byId.get(r.indicatorId)!
      const row = await findRealisasi(db, ind.id, year, quarter)
      return row && r.version == null && r.overrideVersion == null ? describeConflict(db, ind.id, ind.code, year, quarter, timeZone) : null
    }),
  )
  return {
    ok: false,
    status: 409,
    message: 'Data yang sama baru saja diisi oleh orang lain. Tidak ada yang disimpan; periksa baris yang ditandai.',
    general: [],
    problems: [],
    conflicts: conflicts.filter((c): c is RowConflict => c !== null),
  }
}

/**
 * Saves (intent `save`) or submits (intent `submit`) a kepala bidang's rows of one quarter.
 * - Throws 403 when a posted indicator is not his unit's (or a unit below it): nothing is written.
 * - Returns 400 with every problem (row by row, in Indonesian) or 409 with the conflicts;
 *   in both cases nothing is written.
 */
export async function saveEntries(db: DB, user: SessionUser, req: EntryRequest, requestId: string | null, submissionKey: string | null = null): Promise<EntryResult> {
  const byId = await authorisedIndicators(db, user, req)
  const settings = await getSettings(db)
  const { timeZone, deadlineDays } = settings.scoring
  const asOf = now()
  const year = req.year
  const quarter = req.quarter as Quarter
  if (!isQuarter(quarter)) return { ok: false, status: 400, message: 'Triwulan tidak valid.', general: ['Triwulan tidak valid.'], problems: [], conflicts: [] }
  const targetRows = req.only == null ? req.rows : req.rows.filter((r) => r.indicatorId === req.only)
  const targetIds = targetRows.map((r) => r.indicatorId)
  const { annual, quarterly } = await targetsOf(db, targetIds, year)
  const replay = (first: Ok): EntryResult => ({ ...first, replayed: true })
  if (submissionKey) {
    const first = await findSubmission<Ok>(db, user.id, submissionKey)
    if (first) return replay(first)
  }
  const opdIds = [...new Set(targetRows.map((r) => byId.get(r.indicatorId)!.opd_id))]
  const ctx: EntryContext = { req, year, quarter, settings: settings.scoring, timeZone, future: isFutureQuarter(year, quarter, asOf, timeZone), annual, quarterly }
  const writeCtx: WriteContext = { user, year, quarter, asOf, tsNow: toDbTime(asOf), deadline: deadlineOf(year, quarter, deadlineDays, timeZone), requestId }

  try {
    const outcome = await writeTransaction(db, scopeOfOpds(opdIds), async (trx): Promise<{ replay: Ok } | { result: Ok }> => {
      if (submissionKey) {
        // checked again under the write lock: the same key sent twice at once writes once
        const first = await findSubmission<Ok>(trx, user.id, submissionKey)
        if (first) return { replay: first }
      }
      const existingOf = new Map((await realisasiOfQuarter(trx, targetIds, year, quarter)).map((r) => [r.indicator_id, r]))
      const closures = new Map<number, Awaited<ReturnType<typeof quarterClosure>>>()
      for (const opd of opdIds) closures.set(opd, await quarterClosure(trx, opd, year, quarter))
      const checked = checkRows(ctx, targetRows, byId, existingOf, closures)
      if (checked.conflictKeys.length) throw new Abort(409, checked.general, checked.problems, checked.conflictKeys)
      if (checked.general.length || checked.problems.length) throw new Abort(400, checked.general, checked.problems, [])
      const written = await writePlans(trx, writeCtx, checked.plans).catch((e: unknown) => {
        throw e instanceof WriteConflict ? new Abort(409, [], [], [e.key]) : e
      })
      const result: Ok = { ok: true, ...written, message: okMessage(written) }
      if (submissionKey) await recordSubmission(trx, user.id, submissionKey, result, now())
      return { result }
    })
    return 'replay' in outcome ? replay(outcome.replay) : outcome.result
  } catch (e) {
    if (e instanceof Abort) return abortAnswer(db, e, year, quarter, timeZone)
    if (submissionKey && isUniqueViolation(e)) {
      // the same key committed by a concurrent request first: answer with its result
      const first = await findSubmission<Ok>(db, user.id, submissionKey)
      if (first) return replay(first)
    }
    if (isUniqueViolation(e)) return duplicateAnswer(db, targetRows, byId, year, quarter, timeZone)
    throw e
  }
}
