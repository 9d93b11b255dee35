// The review transaction shared by verify, return and unlock (perencanaan): scope first (403),
// then in ONE transaction every row's version and state is checked, then each row is changed with
// its audit row. A stale version is a conflict (409) and nothing is written.
import type { DB, Executor } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getSettings } from '../../models/settings.server'
import { getRealisasi, getRealisasiDetail, updateRealisasiAtVersion } from '../../models/realisasi.server'
import type { RealisasiTable } from '../../../db/schema'
import type { Updateable } from 'kysely'
import { quarterName } from '../../domain'
import { assertOpd, describeConflict, snapshot } from './common.server'
import type { ReviewResult } from './types'

export type Detail = NonNullable<Awaited<ReturnType<typeof getRealisasiDetail>>>

/** One row picked on the verification page, with the version it was shown at. */
export interface ReviewItem {
  id: number
  version: number | null
}

class ReviewAbort extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly problems: string[],
    readonly conflictIds: number[],
  ) {
    super('aborted')
  }
}

const rowName = (d: Detail) => `${d.code} ${quarterName(d.quarter)} ${d.year}`

/** How one review changes a row: which rows it accepts, and the change with its audit action. */
export interface ReviewStep {
  check: (d: Detail) => string | null
  apply: (trx: Executor, d: Detail) => Promise<{ action: string; reason?: string | null }>
  /** The past participle in the answer ("3 baris diverifikasi."). */
  verb: string
}

/** A 400 answer with one message. */
export const refused = (message: string): ReviewResult => ({ ok: false, status: 400, message, problems: [message], conflicts: [] })

/** Checks every row under the write lock; throws a ReviewAbort on a conflict or a problem. */
async function freshRows(trx: Executor, items: ReviewItem[], check: ReviewStep['check']): Promise<Detail[]> {
  const problems: string[] = []
  const conflicts: number[] = []
  const fresh: Detail[] = []
  for (const it of items) {
    const d = await getRealisasiDetail(trx, it.id)
    if (!d) throw new ReviewAbort(404, ['Data realisasi tidak ditemukan.'], [])
    if (it.version == null || d.version !== it.version) {
      conflicts.push(d.id)
      continue
    }
    if (d.period_closed) problems.push(`${rowName(d)}: periode ${d.period_name} sudah ditutup.`)
    const p = check(d)
    if (p) problems.push(`${rowName(d)}: ${p}`)
    fresh.push(d)
  }
  if (conflicts.length) throw new ReviewAbort(409, problems, conflicts)
  if (problems.length) throw new ReviewAbort(400, problems, [])
  return fresh
}

export async function reviewTransaction(db: DB, user: SessionUser, items: ReviewItem[], step: ReviewStep, requestId: string | null): Promise<ReviewResult> {
  if (items.length === 0) return refused('Tidak ada baris yang dipilih.')
  const settings = await getSettings(db)
  // Scope first (403 before anything is read or written in a transaction).
  const details = new Map<number, Detail>()
  for (const it of items) {
    const d = await getRealisasiDetail(db, it.id)
    if (!d) return { ok: false, status: 404, message: 'Data realisasi tidak ditemukan.', problems: ['Data realisasi tidak ditemukan.'], conflicts: [] }
    assertOpd(user, d.opd_id)
    details.set(it.id, d)
  }
  try {
    await writeTransaction(db, scopeOfOpds([...details.values()].map((d) => d.opd_id)), async (trx) => {
      for (const d of await freshRows(trx, items, step.check)) {
        const before = await getRealisasi(trx, d.id)
        const { action, reason } = await step.apply(trx, d)
        const after = await getRealisasi(trx, d.id)
        if (!after || after.version !== d.version + 1) throw new ReviewAbort(409, [], [d.id])
        await writeAudit(trx, {
          actor: actorOf(user),
          opdId: d.opd_id,
          entity: 'realisasi',
          entityId: d.id,
          action,
          before: snapshot(before),
          after: snapshot(after),
          reason: reason ?? null,
          requestId,
        })
      }
    })
    return { ok: true, count: items.length, message: `${items.length} baris ${step.verb}.` }
  } catch (e) {
    if (!(e instanceof ReviewAbort)) throw e
    if (e.status === 409) {
      const conflicts = await Promise.all(
        e.conflictIds.map((id) => {
          const d = details.get(id)!
          return describeConflict(db, d.indicator_id, d.code, d.year, d.quarter, settings.scoring.timeZone)
        }),
      )
      return { ok: false, status: 409, message: 'Data sudah diubah oleh orang lain sejak halaman ini dimuat. Tidak ada yang disimpan.', problems: e.problems, conflicts }
    }
    return { ok: false, status: e.status, message: e.problems.join(' '), problems: e.problems, conflicts: [] }
  }
}

/** Changes a row at the version it was checked at, with the next version; 409 when it moved meanwhile. */
export async function guardedUpdate(trx: Executor, d: Detail, set: Updateable<RealisasiTable>) {
  if (!(await updateRealisasiAtVersion(trx, d.id, d.version, { ...set, updated_at: toDbTime(now()) }))) throw new ReviewAbort(409, [], [d.id])
}
