// The bidang enters realisasi anggaran per quarter for the programs / kegiatan of its unit
// (program.unit_id), saved as draft or submitted; one transaction, versions checked, audited.
import type { DB } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { budgetProgram, findAnggaran } from '../../models/budget.server'
import { unitWithDescendants } from '../../models/realisasi.server'
import { getSettings } from '../../models/settings.server'
import { isQuarter, quarterName } from '../../domain'
import { parseRupiah } from '../../domain/rupiah'
import { isFutureQuarter } from '../realisasi/common.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import { anggaranSnapshot, BudgetAbort, fail, fromAbort, type BudgetResult } from './common.server'

export interface AnggaranInput {
  programId: number
  /** As typed; '' = not filled (skipped). */
  amount: string
  version: number | null
}

export async function saveAnggaran(
  db: DB,
  user: SessionUser,
  req: { year: number; quarter: number; items: AnggaranInput[]; submit: boolean },
  requestId: string | null,
): Promise<BudgetResult> {
  const { year, quarter } = req
  if (!Number.isInteger(year) || !isQuarter(quarter)) return fail(400, ['Tahun atau triwulan tidak valid.'])
  const settings = await getSettings(db)
  if (isFutureQuarter(year, quarter, now(), settings.scoring.timeZone)) return fail(400, [`${quarterName(quarter)} ${year} belum dimulai.`])
  if (user.unitId == null) return fail(400, ['Akun Anda belum terhubung ke unit kerja.'])
  const units = new Set(await unitWithDescendants(db, user.unitId))
  const filled = req.items.filter((i) => i.amount.trim() !== '')
  if (!filled.length) return fail(400, ['Belum ada realisasi anggaran yang diisi.'])
  const problems: string[] = []
  const parsed: { programId: number; code: string; value: number; version: number | null; opdId: number }[] = []
  for (const it of filled) {
    const p = await budgetProgram(db, it.programId)
    if (!p) return fail(404, ['Program tidak ditemukan.'])
    if (p.unit_id == null || !units.has(p.unit_id)) return fail(400, [`${p.code}: program/kegiatan ini bukan tanggung jawab unit Anda.`])
    if (year < p.start_year || year > p.end_year) problems.push(`${p.code}: tahun ${year} di luar periode Renstra.`)
    if (p.period_closed) problems.push(`${p.code}: periode Renstra sudah ditutup.`)
    const r = parseRupiah(it.amount)
    if (!r.ok) problems.push(`${p.code}: ${r.message}`)
    else parsed.push({ programId: p.id, code: p.code, value: r.value, version: it.version, opdId: p.opd_id })
  }
  if (problems.length) return fail(400, problems, `Realisasi anggaran tidak disimpan: ${problems.join(' ')}`)
  try {
    let changed = 0
    await writeTransaction(db, scopeOfOpds(parsed.map((p) => p.opdId)), async (trx) => {
      const t = toDbTime(now())
      const status = req.submit ? ('diajukan' as const) : ('draft' as const)
      const conflicts: string[] = []
      const locked: string[] = []
      for (const it of parsed) {
        const prev = await findAnggaran(trx, it.programId, year, quarter)
        if ((prev?.version ?? null) !== it.version) {
          conflicts.push(`${it.code}: sudah diubah orang lain; muat ulang halaman.`)
          continue
        }
        if (prev && (prev.status === 'diajukan' || prev.status === 'diverifikasi')) {
          locked.push(`${it.code}: sudah ${prev.status === 'diajukan' ? 'diajukan' : 'diverifikasi'} dan tidak dapat diubah.`)
          continue
        }
        if (prev && prev.amount === it.value && prev.status === status) continue
        if (prev) {
          const res = await trx
            .updateTable('realisasi_anggaran')
            .set({ amount: it.value, status, version: prev.version + 1, entered_by: user.id, entered_at: t, updated_at: t })
            .where('id', '=', prev.id)
            .where('version', '=', prev.version)
            .executeTakeFirst()
          if (Number(res.numUpdatedRows) !== 1) throw new BudgetAbort(409, [`${it.code}: sudah diubah orang lain.`])
        } else {
          await trx
            .insertInto('realisasi_anggaran')
            .values({
              program_id: it.programId,
              year,
              quarter,
              amount: it.value,
              status,
              is_historical: 0,
              version: 1,
              entered_by: user.id,
              entered_at: t,
              created_at: t,
              updated_at: t,
            })
            .execute()
        }
        const after = await findAnggaran(trx, it.programId, year, quarter)
        const action = req.submit ? 'submit' : prev ? 'update' : 'create'
        await writeAudit(trx, {
          actor: actorOf(user),
          opdId: it.opdId,
          entity: 'realisasi_anggaran',
          entityId: after!.id,
          action,
          before: anggaranSnapshot(prev),
          after: anggaranSnapshot(after),
          requestId,
        })
        changed++
      }
      if (conflicts.length) throw new BudgetAbort(409, conflicts)
      if (locked.length) throw new BudgetAbort(400, locked)
    })
    const verb = req.submit ? 'diajukan' : 'disimpan sebagai draf'
    return { ok: true, count: changed, message: changed ? `${changed} realisasi anggaran ${quarterName(quarter)} ${year} ${verb}.` : 'Tidak ada perubahan realisasi anggaran.' }
  } catch (e) {
    if (isUniqueViolation(e)) return fail(409, ['Realisasi anggaran baru saja diisi orang lain; muat ulang halaman.'])
    return fromAbort(e)
  }
}
