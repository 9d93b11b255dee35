// Data historis (domain §8): perencanaan imports past quarters of its OPD from one workbook —
// sheet "Historis" (kode indikator, tahun, triwulan, nilai, bukti) and optional sheet "Anggaran"
// (kode program, tahun, triwulan, realisasi anggaran). Checked whole, previewed, then written in
// one transaction: rows stored verified (verified_by = the importer), is_historical = 1,
// is_late = 0, each with an audit row (action 'historis'). Any problem → nothing is written.
import ExcelJS from 'exceljs'
import type { DB } from '../../utils/db.server'
import { scopeOfOpds, writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getSettings } from '../../models/settings.server'
import { programCodesOfOpd, findAnggaran } from '../../models/budget.server'
import { historisQuarterProblem, writeHistorisRealisasi } from '../history/write-historis.server'
import { isQuarter, quarterName } from '../../domain'
import { parseRupiah } from '../../domain/rupiah'
import { cellAsNumber, cellAsText, readCell } from '../excel/safety.server'
import {
  dataRows,
  isBlankRow,
  issue,
  issueText,
  locateColumns,
  norm,
  openUpload,
  sha256,
  checkRowCap,
  cleanOptional,
  type ColumnRef,
  type ColumnSpec,
  type ImportIssue,
} from '../excel/import-common.server'
import { anggaranSnapshot } from './common.server'

export const HISTORIS_SHEET = 'Historis'
export const ANGGARAN_SHEET = 'Anggaran'
const H = { code: 'Kode indikator', year: 'Tahun', quarter: 'Triwulan', value: 'Nilai', bukti: 'Bukti' } as const
const A = { code: 'Kode program', year: 'Tahun', quarter: 'Triwulan', amount: 'Realisasi anggaran' } as const
type HKey = keyof typeof H
type AKey = keyof typeof A
const spec = <K extends string>(key: K, label: string, required = true): ColumnSpec<K> => ({ key, label, required, match: (t) => t === norm(label) })
const H_SPECS = (Object.keys(H) as HKey[]).map((k) => spec(k, H[k], k !== 'bukti'))
const A_SPECS = (Object.keys(A) as AKey[]).map((k) => spec(k, A[k]))

export interface HistorisRow {
  rowNumber: number
  code: string
  year: number
  quarter: number
  value: number
  bukti: string | null
  /** 'baru' or 'ganti' (replaces an earlier historical row). */
  kind: 'baru' | 'ganti'
}
export interface AnggaranHistRow {
  rowNumber: number
  code: string
  year: number
  quarter: number
  amount: number
  kind: 'baru' | 'ganti'
}
export interface HistorisPlan {
  fileName: string
  hash: string
  errors: ImportIssue[]
  /** The errors as sentences ("Lembar Historis, baris 5, kolom A (Kode indikator): …"). */
  messages: string[]
  historis: HistorisRow[]
  anggaran: AnggaranHistRow[]
}

interface Resolved {
  plan: HistorisPlan
  ind: Map<string, { id: number; opdId: number }>
  prog: Map<string, { id: number; opdId: number }>
}

const intOf = (v: number | null) => (v != null && Number.isInteger(v) ? v : null)

async function planImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<Resolved> {
  const plan: HistorisPlan = { fileName, hash: '', errors: [], messages: [], historis: [], anggaran: [] }
  const ind = new Map<string, { id: number; opdId: number }>()
  const prog = new Map<string, { id: number; opdId: number }>()
  const done = () => {
    plan.messages = plan.errors.map(issueText)
    plan.hash = sha256(JSON.stringify([plan.historis, plan.anggaran]))
    return { plan, ind, prog }
  }
  if (user.opdId == null) {
    plan.errors.push(issue('Akun Anda tidak terhubung ke perangkat daerah; data historis diimpor per OPD.'))
    return done()
  }
  const opened = await openUpload(bytes)
  if (!opened.ok) {
    plan.errors.push(...opened.issues)
    return done()
  }
  const wb: ExcelJS.Workbook = opened.workbook
  const settings = await getSettings(db)
  const asOf = now()
  const tz = settings.scoring.timeZone

  const indicators = await db
    .selectFrom('indicator as i')
    .innerJoin('renstra_period as rp', 'rp.id', 'i.period_id')
    .select(['i.id', 'i.code', 'i.min_value', 'i.max_value', 'rp.opd_id', 'rp.start_year', 'rp.end_year'])
    .where('rp.opd_id', '=', user.opdId)
    .where('i.deleted_at', 'is', null)
    .execute()
  const indByCode = new Map<string, (typeof indicators)[number][]>()
  for (const i of indicators) indByCode.set(norm(i.code), [...(indByCode.get(norm(i.code)) ?? []), i])
  const programs = await programCodesOfOpd(db, user.opdId)
  const progByCode = new Map<string, (typeof programs)[number][]>()
  for (const p of programs) progByCode.set(norm(p.code), [...(progByCode.get(norm(p.code)) ?? []), p])

  const where =
    (sheet: string) =>
    (i: ImportIssue): ImportIssue => ({
      ...i,
      message: i.message,
      column: i.column,
      row: i.row,
      columnName: i.columnName ? `${i.columnName}` : null,
      ...(sheet ? { message: `[Lembar ${sheet}] ${i.message}` } : {}),
    })

  /** Common cells: code (text), year, quarter; the past-quarter and Renstra-year rules. */
  const readBase = <K extends string>(row: ExcelJS.Row, cols: Partial<Record<K, ColumnRef>>, k: { code: K; year: K; quarter: K }, push: (i: ImportIssue) => void) => {
    const r = row.number
    const codeCell = cellAsText(row.getCell(cols[k.code]!.index))
    const code = 'value' in codeCell ? cleanOptional(codeCell.value) : null
    if ('error' in codeCell) push(issue(codeCell.error, { row: r, col: cols[k.code] }))
    else if (!code) push(issue('kode wajib diisi.', { row: r, col: cols[k.code] }))
    const yRaw = cellAsNumber(row.getCell(cols[k.year]!.index))
    const year = 'value' in yRaw ? intOf(yRaw.value) : null
    if (year == null || year < 2000 || year > 2100) push(issue('tahun harus berupa angka empat digit, misalnya 2023.', { row: r, col: cols[k.year] }))
    const qRaw = cellAsNumber(row.getCell(cols[k.quarter]!.index))
    const quarter = 'value' in qRaw ? intOf(qRaw.value) : null
    if (quarter == null || !isQuarter(quarter)) push(issue('triwulan harus 1, 2, 3 atau 4.', { row: r, col: cols[k.quarter] }))
    else if (year != null && year >= 2000 && year <= 2100 && historisQuarterProblem(year, quarter, asOf, tz))
      push(
        issue(historisQuarterProblem(year, quarter, asOf, tz)!, {
          row: r,
          col: cols[k.quarter],
        }),
      )
    return { code, year, quarter }
  }

  // --- sheet Historis -------------------------------------------------------------------------
  const hs = wb.worksheets.find((w) => norm(w.name) === norm(HISTORIS_SHEET))
  const as = wb.worksheets.find((w) => norm(w.name) === norm(ANGGARAN_SHEET))
  if (!hs && !as) {
    plan.errors.push(issue(`Berkas tidak berisi lembar "${HISTORIS_SHEET}" atau "${ANGGARAN_SHEET}". Gunakan templat data historis dari aplikasi.`))
    return done()
  }
  if (hs) {
    const push = (i: ImportIssue) => plan.errors.push(where(HISTORIS_SHEET)(i))
    const { headerRow, cols, issues } = locateColumns(hs, H.code, H_SPECS)
    issues.forEach(push)
    const cap = headerRow >= 0 && !issues.length ? checkRowCap(hs, headerRow) : null
    if (cap) push(cap)
    if (headerRow >= 0 && !issues.length && !cap) {
      const seen = new Map<string, number>()
      const indices = Object.values(cols).map((c) => (c as ColumnRef).index)
      for (const row of dataRows(hs, headerRow)) {
        if (isBlankRow(row, indices)) continue
        const r = row.number
        const before = plan.errors.length
        const { code, year, quarter } = readBase(row, cols, { code: 'code', year: 'year', quarter: 'quarter' }, push)
        const vRaw = cellAsNumber(row.getCell(cols.value!.index))
        let value: number | null = null
        if ('error' in vRaw) push(issue(vRaw.error, { row: r, col: cols.value }))
        else if (vRaw.value == null) push(issue('nilai wajib diisi.', { row: r, col: cols.value }))
        else value = vRaw.value
        let bukti: string | null = null
        if (cols.bukti) {
          const b = cellAsText(row.getCell(cols.bukti.index))
          if ('error' in b) push(issue(b.error, { row: r, col: cols.bukti }))
          else bukti = cleanOptional(b.value)
          if (bukti && bukti.length > 2000) push(issue('bukti paling panjang 2.000 karakter.', { row: r, col: cols.bukti }))
        }
        if (code) {
          const found = indByCode.get(norm(code))
          const match = found?.find((f) => year != null && year >= f.start_year && year <= f.end_year)
          if (!found) push(issue(`kode indikator "${code}" tidak dikenal di Renstra OPD Anda.`, { row: r, col: cols.code }))
          else if (year != null && !match)
            push(issue(`tahun ${year} di luar periode Renstra indikator ${code} (${found.map((f) => `${f.start_year}–${f.end_year}`).join(', ')}).`, { row: r, col: cols.year }))
          else if (match && value != null) {
            if (match.min_value != null && value < Number(match.min_value))
              push(issue(`nilai ${value} di bawah batas bawah ${Number(match.min_value)}.`, { row: r, col: cols.value }))
            if (match.max_value != null && value > Number(match.max_value))
              push(issue(`nilai ${value} di atas batas atas ${Number(match.max_value)}.`, { row: r, col: cols.value }))
          }
          if (match && year != null && quarter != null) {
            const key = `${match.id}|${year}|${quarter}`
            if (seen.has(key)) push(issue(`baris ganda: ${code} ${quarterName(quarter)} ${year} sudah ada di baris ${seen.get(key)}.`, { row: r, col: cols.code }))
            else seen.set(key, r)
            ind.set(code, { id: match.id, opdId: match.opd_id })
            if (plan.errors.length === before) {
              const existing = await db
                .selectFrom('realisasi')
                .select(['id', 'is_historical', 'status'])
                .where('indicator_id', '=', match.id)
                .where('year', '=', year)
                .where('quarter', '=', quarter)
                .executeTakeFirst()
              if (existing && existing.is_historical !== 1)
                push(issue(`${code} ${quarterName(quarter)} ${year} sudah punya realisasi yang diisi lewat aplikasi; data historis tidak menimpanya.`, { row: r, col: cols.code }))
              else plan.historis.push({ rowNumber: r, code, year, quarter, value: value!, bukti, kind: existing ? 'ganti' : 'baru' })
            }
          }
        }
      }
    }
  }

  // --- sheet Anggaran -------------------------------------------------------------------------
  if (as) {
    const push = (i: ImportIssue) => plan.errors.push(where(ANGGARAN_SHEET)(i))
    const { headerRow, cols, issues } = locateColumns(as, A.code, A_SPECS)
    issues.forEach(push)
    const cap = headerRow >= 0 && !issues.length ? checkRowCap(as, headerRow) : null
    if (cap) push(cap)
    if (headerRow >= 0 && !issues.length && !cap) {
      const seen = new Map<string, number>()
      const indices = Object.values(cols).map((c) => (c as ColumnRef).index)
      for (const row of dataRows(as, headerRow)) {
        if (isBlankRow(row, indices)) continue
        const r = row.number
        const before = plan.errors.length
        const { code, year, quarter } = readBase(row, cols, { code: 'code', year: 'year', quarter: 'quarter' }, push)
        const cell = readCell(row.getCell(cols.amount!.index))
        let amount: number | null = null
        if (cell.kind === 'number') {
          if (cell.value < 0 || !Number.isFinite(cell.value)) push(issue('realisasi anggaran tidak boleh negatif.', { row: r, col: cols.amount }))
          else amount = Math.round(cell.value * 100) / 100
        } else {
          const t = cellAsText(row.getCell(cols.amount!.index))
          const p = parseRupiah('value' in t ? (t.value ?? '') : '')
          if (!p.ok) push(issue(p.message, { row: r, col: cols.amount }))
          else amount = p.value
        }
        if (code) {
          const found = progByCode.get(norm(code))
          const match = found?.find((f) => year != null && year >= f.start_year && year <= f.end_year)
          if (!found) push(issue(`kode program/kegiatan "${code}" tidak dikenal di Renstra OPD Anda.`, { row: r, col: cols.code }))
          else if (year != null && !match)
            push(issue(`tahun ${year} di luar periode Renstra (${found.map((f) => `${f.start_year}–${f.end_year}`).join(', ')}).`, { row: r, col: cols.year }))
          if (match && year != null && quarter != null) {
            const key = `${match.id}|${year}|${quarter}`
            if (seen.has(key)) push(issue(`baris ganda: ${code} ${quarterName(quarter)} ${year} sudah ada di baris ${seen.get(key)}.`, { row: r, col: cols.code }))
            else seen.set(key, r)
            prog.set(code, { id: match.id, opdId: match.opd_id })
            if (plan.errors.length === before) {
              const existing = await findAnggaran(db, match.id, year, quarter)
              if (existing && existing.is_historical !== 1)
                push(
                  issue(`${code} ${quarterName(quarter)} ${year} sudah punya realisasi anggaran yang diisi lewat aplikasi; data historis tidak menimpanya.`, {
                    row: r,
                    col: cols.code,
                  }),
                )
              else plan.anggaran.push({ rowNumber: r, code, year, quarter, amount: amount!, kind: existing ? 'ganti' : 'baru' })
            }
          }
        }
      }
    }
  }
  if (!plan.errors.length && !plan.historis.length && !plan.anggaran.length) plan.errors.push(issue('Berkas tidak berisi baris data historis.'))
  if (plan.errors.length) {
    plan.historis = []
    plan.anggaran = []
  }
  return done()
}

export function previewHistorisImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string): Promise<HistorisPlan> {
  return planImport(db, user, bytes, fileName).then((r) => r.plan)
}

export type HistorisCommit = { ok: true; message: string; plan: HistorisPlan } | { ok: false; status: 400 | 409; message: string; plan: HistorisPlan }

export async function commitHistorisImport(db: DB, user: SessionUser, bytes: Uint8Array, fileName: string, previewHash: string, requestId: string | null): Promise<HistorisCommit> {
  const { plan, ind, prog } = await planImport(db, user, bytes, fileName)
  if (plan.errors.length) return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan }
  if (plan.hash !== previewHash)
    return { ok: false, status: 409, message: 'Data di aplikasi atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru, lalu simpan lagi.', plan }
  await writeTransaction(db, scopeOfOpds([...[...ind.values()].map((x) => x.opdId), ...[...prog.values()].map((x) => x.opdId)]), async (trx) => {
    const t = toDbTime(now())
    const reason = `Data historis diimpor dari ${fileName.slice(0, 200)}`
    for (const h of plan.historis) {
      const { id: indicatorId, opdId } = ind.get(h.code)!
      const write = { indicatorId, opdId, year: h.year, quarter: h.quarter, value: h.value, bukti: h.bukti }
      const written = await writeHistorisRealisasi(trx, user, write, { reason, requestId })
      if (written.outcome === 'entered') throw new Error('historical import raced an entry')
    }
    for (const a of plan.anggaran) {
      const { id: programId, opdId } = prog.get(a.code)!
      const prev = await findAnggaran(trx, programId, a.year, a.quarter)
      const content = {
        amount: a.amount,
        status: 'diverifikasi' as const,
        is_historical: 1,
        return_note: null,
        entered_by: user.id,
        entered_at: t,
        verified_by: user.id,
        verified_at: t,
        updated_at: t,
      }
      if (prev)
        await trx
          .updateTable('realisasi_anggaran')
          .set({ ...content, version: prev.version + 1 })
          .where('id', '=', prev.id)
          .where('version', '=', prev.version)
          .execute()
      else
        await trx
          .insertInto('realisasi_anggaran')
          .values({ ...content, program_id: programId, year: a.year, quarter: a.quarter, version: 1, created_at: t })
          .execute()
      const after = await findAnggaran(trx, programId, a.year, a.quarter)
      await writeAudit(trx, {
        actor: actorOf(user),
        opdId,
        entity: 'realisasi_anggaran',
        entityId: after!.id,
        action: 'historis',
        before: prev ? anggaranSnapshot(prev) : undefined,
        after: anggaranSnapshot(after),
        reason,
        requestId,
      })
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
