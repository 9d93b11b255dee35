// Perencanaan verifies or returns submitted realisasi anggaran (with the realisation, on
// /verifikasi): versions checked, one transaction, an audit row each.
import type { DB, Executor } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getAnggaran, getAnggaranDetail, updateAnggaranAtVersion, type AnggaranChange } from '../../models/budget.server'
import { quarterName } from '../../domain'
import { anggaranSnapshot, assertBudgetOpd, BudgetAbort, fail, fromAbort, type BudgetResult } from './common.server'

const NOTE_MAX = 2000

async function review(
  db: DB,
  user: SessionUser,
  items: { id: number; version: number | null }[],
  apply: (trx: Executor, id: number, version: number) => Promise<{ set: AnggaranChange; action: string; reason: string | null }>,
  verb: string,
  requestId: string | null,
): Promise<BudgetResult> {
  if (!items.length) return fail(400, ['Tidak ada baris yang dipilih.'])
  const opds: number[] = []
  for (const it of items) {
    const d = await getAnggaranDetail(db, it.id)
    if (!d) return fail(404, ['Realisasi anggaran tidak ditemukan.'])
    assertBudgetOpd(user, d.opd_id)
    opds.push(d.opd_id)
  }
  try {
    await writeTransaction(db, scopeOfOpds(opds), async (trx) => {
      const problems: string[] = []
      for (const it of items) {
        const d = (await getAnggaranDetail(trx, it.id))!
        const name = `${d.code} ${quarterName(d.quarter)} ${d.year}`
        if (it.version == null || d.version !== it.version) throw new BudgetAbort(409, [`${name}: sudah diubah orang lain sejak halaman dimuat.`])
        if (d.status !== 'diajukan') {
          problems.push(`${name}: hanya realisasi anggaran berstatus Diajukan yang dapat ${verb}.`)
          continue
        }
        if (d.period_closed) {
          problems.push(`${name}: periode Renstra sudah ditutup.`)
          continue
        }
        const before = await getAnggaran(trx, d.id)
        const { set, action, reason } = await apply(trx, d.id, d.version)
        const updated = await updateAnggaranAtVersion(trx, d.id, d.version, { ...set, updated_at: toDbTime(now()) })
        if (!updated) throw new BudgetAbort(409, [`${name}: sudah diubah orang lain.`])
        const after = await getAnggaran(trx, d.id)
        await writeAudit(trx, {
          actor: actorOf(user),
          opdId: d.opd_id,
          entity: 'realisasi_anggaran',
          entityId: d.id,
          action,
          before: anggaranSnapshot(before),
          after: anggaranSnapshot(after),
          reason,
          requestId,
        })
      }
      if (problems.length) throw new BudgetAbort(400, problems)
    })
    return { ok: true, count: items.length, message: `${items.length} realisasi anggaran ${verb}.` }
  } catch (e) {
    return fromAbort(e)
  }
}

/** diajukan → diverifikasi. */
export function verifyAnggaran(db: DB, user: SessionUser, items: { id: number; version: number | null }[], requestId: string | null): Promise<BudgetResult> {
  return review(
    db,
    user,
    items,
    async () => ({ set: { status: 'diverifikasi', verified_by: user.id, verified_at: toDbTime(now()) }, action: 'verify', reason: null }),
    'diverifikasi',
    requestId,
  )
}

/** diajukan → dikembalikan, with a required note. */
export async function returnAnggaran(db: DB, user: SessionUser, item: { id: number; version: number | null }, noteRaw: string, requestId: string | null): Promise<BudgetResult> {
  const note = noteRaw.replace(/\r\n/g, '\n').trim()
  if (!note) return fail(400, ['Catatan pengembalian wajib diisi: jelaskan apa yang perlu diperbaiki.'])
  if (note.length > NOTE_MAX) return fail(400, [`Catatan paling panjang ${NOTE_MAX} karakter.`])
  return review(db, user, [item], async () => ({ set: { status: 'dikembalikan', return_note: note }, action: 'return', reason: note }), 'dikembalikan', requestId)
}
