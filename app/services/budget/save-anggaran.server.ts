// The bidang enters realisasi anggaran per quarter for the programs / kegiatan of its unit
// (program.unit_id), saved as draft or submitted; one transaction, versions checked, audited.
import type { DB, Executor } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { budgetProgram, findAnggaran, insertAnggaran, updateAnggaranAtVersion } from '../../models/budget.server'
import { unitWithDescendants } from '../../models/realisasi.server'
import { getSettings } from '../../models/settings.server'
import { isQuarter, quarterName } from '../../domain'
import type { AnggaranRow } from '../../models/budget.server'
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

interface AnggaranRequest {
  year: number
  quarter: number
  items: AnggaranInput[]
  submit: boolean
}

/** A filled row, checked: the program is the unit's, in the period, open, the amount parsed. */
interface CheckedAnggaran {
  programId: number
  code: string
  value: number
  version: number | null
  opdId: number
}

/** Checks the request before any write: the quarter has begun, every filled row is the unit's and parses. */
async function checkAnggaran(db: DB, user: SessionUser, req: AnggaranRequest): Promise<{ ok: true; rows: CheckedAnggaran[] } | { ok: false; result: BudgetResult }> {
  const { year, quarter } = req
  const refuse = (status: 400 | 404, problems: string[], message?: string) => ({ ok: false as const, result: fail(status, problems, message) })
  if (!Number.isInteger(year) || !isQuarter(quarter)) return refuse(400, ['Tahun atau triwulan tidak valid.'])
  const settings = await getSettings(db)
  if (isFutureQuarter(year, quarter, now(), settings.scoring.timeZone)) return refuse(400, [`${quarterName(quarter)} ${year} belum dimulai.`])
  if (user.unitId == null) return refuse(400, ['Akun Anda belum terhubung ke unit kerja.'])
  const units = new Set(await unitWithDescendants(db, user.unitId))
  const filled = req.items.filter((i) => i.amount.trim() !== '')
  if (!filled.length) return refuse(400, ['Belum ada realisasi anggaran yang diisi.'])
  const problems: string[] = []
  const rows: CheckedAnggaran[] = []
  for (const it of filled) {
    const p = await budgetProgram(db, it.programId)
    if (!p) return refuse(404, ['Program tidak ditemukan.'])
    if (p.unit_id == null || !units.has(p.unit_id)) return refuse(400, [`${p.code}: program/kegiatan ini bukan tanggung jawab unit Anda.`])
    if (year < p.start_year || year > p.end_year) problems.push(`${p.code}: tahun ${year} di luar periode Renstra.`)
    if (p.period_closed) problems.push(`${p.code}: periode Renstra sudah ditutup.`)
    const r = parseRupiah(it.amount)
    if (!r.ok) problems.push(`${p.code}: ${r.message}`)
    else rows.push({ programId: p.id, code: p.code, value: r.value, version: it.version, opdId: p.opd_id })
  }
  if (problems.length) return refuse(400, problems, `Realisasi anggaran tidak disimpan: ${problems.join(' ')}`)
  return { ok: true, rows }
}

/** Writes one row (update at its version, or insert) with its audit row. */
async function writeAnggaranRow(
  trx: Executor,
  user: SessionUser,
  req: AnggaranRequest,
  it: CheckedAnggaran,
  prev: AnggaranRow | undefined,
  requestId: string | null,
): Promise<void> {
  const t = toDbTime(now())
  const status = req.submit ? ('diajukan' as const) : ('draft' as const)
  const { year, quarter } = req
  if (prev) {
    const updated = await updateAnggaranAtVersion(trx, prev.id, prev.version, { amount: it.value, status, entered_by: user.id, entered_at: t, updated_at: t })
    if (!updated) throw new BudgetAbort(409, [`${it.code}: sudah diubah orang lain.`])
  } else {
    await insertAnggaran(trx, {
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
}

/** All rows in one transaction: a stale version (409) or a submitted/verified row (400) rolls every row back. */
async function writeAnggaran(db: DB, user: SessionUser, req: AnggaranRequest, rows: CheckedAnggaran[], requestId: string | null): Promise<number> {
  let changed = 0
  await writeTransaction(db, scopeOfOpds(rows.map((p) => p.opdId)), async (trx) => {
    changed = 0
    const status = req.submit ? 'diajukan' : 'draft'
    const conflicts: string[] = []
    const locked: string[] = []
    for (const it of rows) {
      const prev = await findAnggaran(trx, it.programId, req.year, req.quarter)
      if ((prev?.version ?? null) !== it.version) {
        conflicts.push(`${it.code}: sudah diubah orang lain; muat ulang halaman.`)
        continue
      }
      if (prev && (prev.status === 'diajukan' || prev.status === 'diverifikasi')) {
        locked.push(`${it.code}: sudah ${prev.status === 'diajukan' ? 'diajukan' : 'diverifikasi'} dan tidak dapat diubah.`)
        continue
      }
      if (prev && prev.amount === it.value && prev.status === status) continue
      await writeAnggaranRow(trx, user, req, it, prev, requestId)
      changed++
    }
    if (conflicts.length) throw new BudgetAbort(409, conflicts)
    if (locked.length) throw new BudgetAbort(400, locked)
  })
  return changed
}

export async function saveAnggaran(db: DB, user: SessionUser, req: AnggaranRequest, requestId: string | null): Promise<BudgetResult> {
  const checked = await checkAnggaran(db, user, req)
  if (!checked.ok) return checked.result
  try {
    const changed = await writeAnggaran(db, user, req, checked.rows, requestId)
    const verb = req.submit ? 'diajukan' : 'disimpan sebagai draf'
    const { year, quarter } = req
    return { ok: true, count: changed, message: changed ? `${changed} realisasi anggaran ${quarterName(quarter)} ${year} ${verb}.` : 'Tidak ada perubahan realisasi anggaran.' }
  } catch (e) {
    if (isUniqueViolation(e)) return fail(409, ['Realisasi anggaran baru saja diisi orang lain; muat ulang halaman.'])
    return fromAbort(e)
  }
}
