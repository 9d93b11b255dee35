// Data historis (domain §8): perencanaan imports past quarters of its OPD from one workbook —
// sheet "Historis" (kode indikator, tahun, triwulan, nilai, bukti) and optional sheet "Anggaran"
// (kode program, tahun, triwulan, realisasi anggaran). Checked whole, previewed, then written in
// one transaction: rows stored verified (verified_by = the importer), is_historical = 1,
// is_late = 0, each with an audit row (action 'historis'). Any problem → nothing is written.
import ExcelJS from 'exceljs'
import type { DB, Executor } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { findAnggaran, insertAnggaran, updateAnggaranAtVersion } from '../../models/budget.server'
import { writeHistorisRealisasi } from '../history/write-historis.server'
import { anggaranSnapshot } from './common.server'
import { A, ANGGARAN_SHEET, H, HISTORIS_SHEET, planHistorisImport, type AnggaranHistRow, type HistorisPlan, type HistorisResolved } from './historis-plan.server'

export { ANGGARAN_SHEET, HISTORIS_SHEET, type AnggaranHistRow, type HistorisPlan, type HistorisRow } from './historis-plan.server'

export function previewHistorisImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<HistorisPlan> {
  return planHistorisImport(db, user, bytes, fileName).then((r) => r.plan)
}

export type HistorisCommit = { ok: true; message: string; plan: HistorisPlan } | { ok: false; status: 400 | 409; message: string; plan: HistorisPlan }

interface WriteContext {
  user: SessionUser
  reason: string
  requestId: string | null
  /** One time for every row of the import. */
  t: string
}

/** The indicator rows, through the one historical write (realisasi + audit). */
async function writeHistorisRows(trx: Executor, w: WriteContext, { plan, ind }: HistorisResolved) {
  for (const h of plan.historis) {
    const { id: indicatorId, opdId } = ind.get(h.code)!
    const write = { indicatorId, opdId, year: h.year, quarter: h.quarter, value: h.value, bukti: h.bukti }
    const written = await writeHistorisRealisasi(trx, w.user, write, { reason: w.reason, requestId: w.requestId })
    if (written.outcome === 'entered') throw new Error('historical import raced an entry')
  }
}

/** One realisasi anggaran row: inserted, or replacing the earlier historical one; audited. */
async function writeAnggaranRow(trx: Executor, w: WriteContext, a: AnggaranHistRow, programId: number, opdId: number) {
  const prev = await findAnggaran(trx, programId, a.year, a.quarter)
  const content = {
    amount: a.amount,
    status: 'diverifikasi' as const,
    is_historical: 1,
    return_note: null,
    entered_by: w.user.id,
    entered_at: w.t,
    verified_by: w.user.id,
    verified_at: w.t,
    updated_at: w.t,
  }
  if (prev) await updateAnggaranAtVersion(trx, prev.id, prev.version, content)
  else await insertAnggaran(trx, { ...content, program_id: programId, year: a.year, quarter: a.quarter, version: 1, created_at: w.t })
  const after = await findAnggaran(trx, programId, a.year, a.quarter)
  await writeAudit(trx, {
    actor: actorOf(w.user),
    opdId,
    entity: 'realisasi_anggaran',
    entityId: after!.id,
    action: 'historis',
    before: prev ? anggaranSnapshot(prev) : undefined,
    after: anggaranSnapshot(after),
    reason: w.reason,
    requestId: w.requestId,
  })
}

export async function commitHistorisImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string, previewHash: string, requestId: string | null): Promise<HistorisCommit> {
  const resolved = await planHistorisImport(db, user, bytes, fileName)
  const { plan, ind, prog } = resolved
  if (plan.errors.length) return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan }
  if (plan.hash !== previewHash)
    return { ok: false, status: 409, message: 'Data di aplikasi atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru, lalu simpan lagi.', plan }
  await writeTransaction(db, scopeOfOpds([...[...ind.values()].map((x) => x.opdId), ...[...prog.values()].map((x) => x.opdId)]), async (trx) => {
    const w: WriteContext = { user, reason: `Data historis diimpor dari ${fileName.slice(0, 200)}`, requestId, t: toDbTime(now()) }
    await writeHistorisRows(trx, w, resolved)
    for (const a of plan.anggaran) {
      const { id: programId, opdId } = prog.get(a.code)!
      await writeAnggaranRow(trx, w, a, programId, opdId)
    }
  })
  return {
    ok: true,
    message: `Data historis disimpan: ${plan.historis.length} realisasi indikator dan ${plan.anggaran.length} realisasi anggaran, semuanya terverifikasi dan ditandai historis.`,
    plan,
  }
}

/** The template: both sheets with their header row and one example row each. */
export async function buildHistorisTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const h = wb.addWorksheet(HISTORIS_SHEET)
  h.addRow(Object.values(H))
  h.getRow(1).font = { bold: true }
  h.columns = [{ width: 18 }, { width: 8 }, { width: 10 }, { width: 12 }, { width: 50 }]
  const a = wb.addWorksheet(ANGGARAN_SHEET)
  a.addRow(Object.values(A))
  a.getRow(1).font = { bold: true }
  a.columns = [{ width: 22 }, { width: 8 }, { width: 10 }, { width: 22 }]
  const info = wb.addWorksheet('Petunjuk')
  for (const line of [
    'Data historis: triwulan sebelum aplikasi dipakai. Satu berkas memuat semua tahun dan triwulan OPD Anda.',
    'Lembar Historis: satu baris per indikator per triwulan (kode indikator seperti di Renstra, tahun, triwulan 1–4, nilai realisasi, bukti).',
    'Lembar Anggaran (boleh dikosongkan): satu baris per program/kegiatan/sub kegiatan per triwulan; realisasi anggaran dalam rupiah, misalnya 1.250.000 atau 1250000.',
    'Baris disimpan sebagai terverifikasi, ditandai historis, tidak pernah terlambat; siapa dan kapan mengimpor tercatat di jejak audit.',
    'Hanya triwulan yang sudah berakhir. Satu kesalahan saja membatalkan seluruh impor (tidak ada yang disimpan).',
  ])
    info.addRow([line])
  info.getColumn(1).width = 120
  return Buffer.from(await wb.xlsx.writeBuffer())
}
