// Perencanaan sets the pagu of programs / kegiatan / sub kegiatan for one year: all rows of the
// form in one transaction, each with its version (optimistic concurrency) and an audit row.
import type { DB } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { budgetProgram, findPagu, insertPagu, updatePaguAtVersion } from '../../models/budget.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import { parseRupiah } from '../../domain/rupiah'
import { assertBudgetOpd, BudgetAbort, fail, fromAbort, paguSnapshot, type BudgetResult } from './common.server'

export interface PaguInput {
  programId: number
  /** As typed; '' = leave as it is (no row is created or removed). */
  pagu: string
  /** The version the form was loaded with; null = there was no pagu yet. */
  version: number | null
}

export async function setPagu(db: DB, user: SessionUser, year: number, items: PaguInput[], requestId: string | null): Promise<BudgetResult> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return fail(400, ['Tahun tidak valid.'])
  const filled = items.filter((i) => i.pagu.trim() !== '')
  if (!filled.length) return fail(400, ['Belum ada pagu yang diisi.'])
  const problems: string[] = []
  const parsed: { programId: number; code: string; value: number; version: number | null; opdId: number }[] = []
  for (const it of filled) {
    const p = await budgetProgram(db, it.programId)
    if (!p) return fail(404, ['Program tidak ditemukan.'])
    assertBudgetOpd(user, p.opd_id)
    if (year < p.start_year || year > p.end_year) problems.push(`${p.code}: tahun ${year} di luar periode Renstra ${p.start_year}–${p.end_year}.`)
    if (p.period_closed) problems.push(`${p.code}: periode Renstra sudah ditutup.`)
    const r = parseRupiah(it.pagu)
    if (!r.ok) problems.push(`${p.code}: ${r.message}`)
    else parsed.push({ programId: p.id, code: p.code, value: r.value, version: it.version, opdId: p.opd_id })
  }
  if (problems.length) return fail(400, problems, `Pagu tidak disimpan: ${problems.join(' ')}`)
  try {
    let changed = 0
    await writeTransaction(db, scopeOfOpds(parsed.map((p) => p.opdId)), async (trx) => {
      const t = toDbTime(now())
      const conflicts: string[] = []
      for (const it of parsed) {
        const prev = await findPagu(trx, it.programId, year)
        if ((prev?.version ?? null) !== it.version) {
          conflicts.push(`${it.code}: pagu ${year} sudah diubah orang lain; muat ulang halaman.`)
          continue
        }
        if (prev && prev.pagu === it.value) continue
        if (prev) {
          const updated = await updatePaguAtVersion(trx, prev.id, prev.version, { pagu: it.value, updated_at: t, updated_by: user.id })
          if (!updated) throw new BudgetAbort(409, [`${it.code}: pagu ${year} sudah diubah orang lain.`])
        } else {
          await insertPagu(trx, { program_id: it.programId, year, pagu: it.value, version: 1, updated_at: t, updated_by: user.id })
        }
        const after = await findPagu(trx, it.programId, year)
        await writeAudit(trx, {
          actor: actorOf(user),
          opdId: it.opdId,
          entity: 'program_pagu',
          entityId: after!.id,
          action: prev ? 'update' : 'create',
          before: paguSnapshot(prev),
          after: paguSnapshot(after),
          requestId,
        })
        changed++
      }
      if (conflicts.length) throw new BudgetAbort(409, conflicts)
    })
    return { ok: true, count: changed, message: changed ? `${changed} pagu tahun ${year} disimpan.` : 'Tidak ada perubahan pagu.' }
  } catch (e) {
    if (isUniqueViolation(e)) return fail(409, ['Pagu baru saja diisi orang lain; muat ulang halaman.'])
    return fromAbort(e)
  }
}
