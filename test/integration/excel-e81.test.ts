// Formulir E.81 and E.80 as an auditor checks them: opened with ExcelJS, every summary row
// recomputed from the cells it summarises, the Kode / K / Rp / Keterangan headers, the Rp cells
// against sums computed by hand from pagu and realisasi anggaran rows inserted here, row heights
// that fit the wrapped text, and A4 landscape with repeated header rows on every sheet.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bumpDataVersion } from '../../db/version.js'
import { toDbTime } from '../../db/time.js'
import { clearDemoBudget, DB_KINDS, queryCounter, useTestDb, type LiveTestDb } from '../helpers/db.js'
import { callLoader } from '../helpers/call.js'
import { insertIndicator, openWorkbook } from '../helpers/fixtures-c.js'
import type { Database } from '../../db/schema.js'
import type { Insertable } from 'kysely'
import { setClock } from '../../app/utils/clock.server.js'
import { loader as apiLoader } from '../../app/routes/api.v1.laporan.$jenis.js'
import { hashApiToken } from '../../app/services/auth.server.js'
import { buildE81Workbook } from '../../app/services/excel/e81.server.js'
import { buildE80Workbook } from '../../app/services/excel/e80.server.js'
import { readZipEntry } from '../../app/services/excel/zip.server.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const FULL_2025 = { kind: 'triwulan', year: 2025, quarter: 4 } as const
const M = 1_000_000

const text = (v: ExcelJS.CellValue): string => {
  if (v == null) return ''
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  return String(v)
}
const num = (ws: ExcelJS.Worksheet, r: number, c: number) => ws.getCell(r, c).value as number | null

function rowWhere(ws: ExcelJS.Worksheet, col: number, pred: (s: string) => boolean): number {
  for (let r = 1; r <= ws.rowCount; r++) if (pred(text(ws.getCell(r, col).value))) return r
  throw new Error(`row not found in column ${col}`)
}
const rowOfKode = (ws: ExcelJS.Worksheet, code: string) => rowWhere(ws, 3, (s) => s === code)
const rowOfIndicator = (ws: ExcelJS.Worksheet, col: number, code: string) => rowWhere(ws, col, (s) => s.startsWith(`${code} `))
const rowOfLabel = (ws: ExcelJS.Worksheet, label: string) => rowWhere(ws, 1, (s) => s === label)

/** The default five-class scale (domain §4), by hand. */
function band(v: number): string {
  return v >= 91 ? 'Sangat Tinggi' : v >= 76 ? 'Tinggi' : v >= 66 ? 'Sedang' : v >= 51 ? 'Rendah' : 'Sangat Rendah'
}

/** The numbers listed in column `col` of the rows first..last. */
function listed(ws: ExcelJS.Worksheet, col: number, first: number, last: number): number[] {
  const out: number[] = []
  for (let r = first; r <= last; r++) {
    const v = ws.getCell(r, col).value
    if (typeof v === 'number') out.push(v)
  }
  return out
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

const isMerged = (ws: ExcelJS.Worksheet, r: number, c: number) =>
  (ws.model.merges as string[]).some((m) => {
    const [a, b] = m.split(':')
    const c1 = ws.getCell(a!)
    const c2 = ws.getCell(b!)
    return r >= Number(c1.row) && r <= Number(c2.row) && c >= Number(c1.col) && c <= Number(c2.col) && (c1.row !== c2.row || c1.col !== c2.col)
  })

/**
 * Lines a wrapped text needs, estimated independently of the app: each paragraph takes at least
 * its characters ÷ (width × 1.2) lines (Calibri 10 fits at most ~1.2 characters per width unit).
 */
function minLines(s: string, width: number): number {
  return s.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / (width * 1.2))), 0)
}

/** Every unmerged wrapped text cell of rows first..last sits in a row tall enough (≥ 12.5 pt a line). */
function expectNoClipping(ws: ExcelJS.Worksheet, first: number, last: number, cols: number[]) {
  for (let r = first; r <= last; r++) {
    for (const c of cols) {
      const s = text(ws.getCell(r, c).value)
      if (!s || isMerged(ws, r, c)) continue
      const lines = minLines(s, ws.getColumn(c).width ?? 9)
      if (lines <= 1) continue
      const h = ws.getRow(r).height
      expect(h, `row ${r} col ${c}: "${s.slice(0, 40)}" needs ${lines} lines`).toBeGreaterThanOrEqual(lines * 12.5)
    }
  }
}

function expectPrinting(buf: Buffer, wb: ExcelJS.Workbook, titles: string) {
  const wbXml = readZipEntry(buf, 'xl/workbook.xml')!.toString('utf8')
  wb.worksheets.forEach((ws, i) => {
    expect(ws.pageSetup.paperSize, ws.name).toBe(9)
    expect(ws.pageSetup.orientation, ws.name).toBe('landscape')
    expect(ws.pageSetup.fitToWidth, ws.name).toBe(1)
    expect(wbXml, ws.name).toMatch(new RegExp(`<definedName name="_xlnm\\.Print_Titles" localSheetId="${i}">[^<]*!\\$${titles.replace(':', ':\\$')}</definedName>`))
  })
}

function expectNoFormulas(wb: ExcelJS.Workbook) {
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula)))
}

describe.each(DB_KINDS)('Formulir E.81 and E.80 on %s', (kind) => {
  let opdId = 0
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    setup: async (db) => {
      opdId = (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
      // This file builds its own small budget below and computes every Rp cell from it by hand; the
      // demo's own budget (seeds/demo-budget.ts) is checked in excel-export and demo-budget-e81 tests.
      await clearDemoBudget(db)
      const now = toDbTime(ASOF)
      const prog = async (code: string) => db.selectFrom('program').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
      const p1 = await prog('2.16.01')
      const p2 = await prog('2.16.02')
      // a kegiatan under 2.16.02, with budget but no indicator of its own
      const keg = Number(
        (
          await db
            .insertInto('program')
            .values({
              period_id: p2.period_id,
              sasaran_id: null,
              parent_id: p2.id,
              kind: 'kegiatan',
              code: '2.16.02.2.01',
              name: 'Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota',
              unit_id: p2.unit_id,
              sort_order: 1,
              deleted_at: null,
            })
            .executeTakeFirstOrThrow()
        ).insertId,
      )
      // 2.16.01: pagu 100 jt a year 2021–2026 (col 5 Rp = 600 jt; col 7 Rp = 100 jt)
      for (let y = 2021; y <= 2026; y++)
        await db
          .insertInto('program_pagu')
          .values({ program_id: p1.id, year: y, pagu: 100 * M, updated_at: now, updated_by: null })
          .execute()
      await db
        .insertInto('program_pagu')
        .values({ program_id: keg, year: 2025, pagu: 50 * M, updated_at: now, updated_by: null })
        .execute()
      const ang = (program_id: number, year: number, quarter: number, amount: number, status: 'draft' | 'diajukan' | 'diverifikasi' | 'dikembalikan') =>
        db
          .insertInto('realisasi_anggaran')
          .values({
            program_id,
            year,
            quarter,
            amount,
            status,
            return_note: null,
            is_historical: year < 2025 ? 1 : 0,
            entered_by: null,
            entered_at: now,
            verified_by: null,
            verified_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute()
      await ang(p1.id, 2023, 4, 10_500_000.5, 'diverifikasi')
      for (let q = 1; q <= 4; q++) await ang(p1.id, 2024, q, 20 * M, 'diverifikasi')
      await ang(p1.id, 2025, 1, 25 * M, 'diverifikasi')
      await ang(p1.id, 2025, 2, 25 * M, 'diajukan')
      await ang(p1.id, 2025, 3, 30 * M, 'diverifikasi')
      await ang(p1.id, 2025, 4, 5 * M, 'draft') // not counted
      await ang(keg, 2025, 1, 12.5 * M, 'dikembalikan') // not counted
      await ang(keg, 2025, 4, 40 * M, 'diverifikasi')
      // downtime hours a year (lower is better) measured against the end target as a level:
      // at most 24 hours in the final year (the Renstra form sets the mode and that end target)
      await db.updateTable('indicator').set({ renstra_mode: 'tahun_akhir', target_akhir: 24 }).where('code', '=', 'INF-02').execute()
      await bumpDataVersion(db)
    },
  })
  beforeAll(() => {
    setClock(() => ASOF)
  })
  afterAll(() => {
    setClock(null)
  })

  it('E.81: Kode, K/Rp up to column 14 and Keterangan; Rp cells from pagu and counted realisasi anggaran (hand-computed); kegiatan beneath its program', async () => {
    const f = await buildE81Workbook(t.db, { opdId, unitId: null, period: FULL_2025, asOf: ASOF })
    const wb = await openWorkbook(f.buffer)
    const ws = wb.getWorksheet('E.81')!
    expect(ws.getCell('C6').value).toBe('Program/Kegiatan')
    expect(ws.getCell('C8').value).toBe('Kode')
    expect(ws.getCell('AA6').value).toBe('Keterangan')
    for (let c = 6; c <= 25; c++) expect(ws.getCell(8, c).value, `col ${c}`).toBe(c % 2 === 0 ? 'K' : 'Rp')
    expect(ws.getCell('X6').value).toBe('Tingkat capaian kinerja dan realisasi anggaran Renstra PD s.d. tahun 2025 (%)')

    const p1 = rowOfKode(ws, '2.16.01')
    expect(text(ws.getCell(p1, 4).value)).toBe('Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota')
    expect(num(ws, p1, 7)).toBe(600 * M) // 5 Rp: pagu 2021–2026
    expect(ws.getCell(p1, 7).numFmt).toBe('#,##0')
    expect(num(ws, p1, 9)).toBe(90_500_000.5) // 6 Rp: 10.500.000,50 (2023) + 4 × 20 jt (2024)
    expect(ws.getCell(p1, 9).numFmt).toBe('#,##0.00')
    expect(num(ws, p1, 11)).toBe(100 * M) // 7 Rp: pagu 2025
    expect([13, 15, 17, 19].map((c) => num(ws, p1, c))).toEqual([25 * M, 25 * M, 30 * M, null]) // 8–11 Rp; the draft TW IV is not counted
    expect(num(ws, p1, 21)).toBe(80 * M) // 12 Rp
    expect(num(ws, p1, 23)).toBe(170_500_000.5) // 13 Rp = 6 + 12
    expect(num(ws, p1, 25)!).toBeCloseTo((170_500_000.5 / (600 * M)) * 100, 9) // 14 Rp = 13 / 5 × 100
    expect(num(ws, p1, 6)).toBeNull() // a program row has no K
    // its indicators follow on their own rows, K filled, Rp empty
    const sek1 = rowOfIndicator(ws, 5, 'SEK-01')
    expect(sek1).toBe(p1 + 1)
    expect(num(ws, sek1, 7)).toBeNull()

    const p2 = rowOfKode(ws, '2.16.02')
    const keg = rowOfKode(ws, '2.16.02.2.01')
    expect(keg).toBeGreaterThan(p2)
    // the kegiatan comes after the indicators of its program and before the next program
    expect(keg).toBeGreaterThan(rowOfIndicator(ws, 5, 'IKP-09'))
    expect(text(ws.getCell(keg, 4).value)).toMatch(/^Kegiatan: Pengelolaan Informasi/)
    expect(num(ws, keg, 7)).toBe(50 * M)
    expect(num(ws, keg, 11)).toBe(50 * M)
    expect(num(ws, keg, 13)).toBeNull() // dikembalikan: not counted
    expect(num(ws, keg, 19)).toBe(40 * M)
    expect(num(ws, keg, 21)).toBe(40 * M)
    expect(num(ws, keg, 9)).toBeNull()
    expect(num(ws, keg, 23)).toBe(40 * M)
    expect(num(ws, keg, 25)!).toBeCloseTo(80, 9)
    // a program without pagu says so in Keterangan
    expect(text(ws.getCell(p2, 27).value)).toBe('Pagu belum diisi')
    expect(num(ws, p2, 7)).toBeNull()

    // INF-02 (kumulatif, lower is better, tahun akhir): 2025 downtime 28 h against the end target 24 h:
    // (2 × 24 − 28) / 24 × 100 = 83,33 — not the sum of five years against one year's level
    const inf2 = rowOfIndicator(ws, 5, 'INF-02')
    expect(num(ws, inf2, 22)).toBe(28)
    expect(num(ws, inf2, 24)!).toBeCloseTo(((2 * 24 - 28) / 24) * 100, 9)
    expect(text(ws.getCell(inf2, 27).value)).toContain('tahun akhir')
    expectNoFormulas(wb)
  })

  it('E.81 summary rows: the mean of each column 14 (K and Rp) as listed, its predikat, the rule in a note; the weighted score on its own row', async () => {
    const f = await buildE81Workbook(t.db, { opdId, unitId: null, period: FULL_2025, asOf: ASOF })
    const buf = f.buffer
    const wb = await openWorkbook(buf)
    const ws = wb.getWorksheet('E.81')!
    const avg = rowOfLabel(ws, 'Rata-rata capaian kinerja (%)')
    const k = listed(ws, 24, 10, avg - 1)
    const rp = listed(ws, 25, 10, avg - 1)
    expect(k).toHaveLength(22)
    expect(rp).toHaveLength(2)
    expect(Math.abs(num(ws, avg, 24)! - mean(k))).toBeLessThan(0.005)
    expect(Math.abs(num(ws, avg, 25)! - mean(rp))).toBeLessThan(0.005)
    // Rp by hand: (28,4167500833 + 80) / 2
    expect(num(ws, avg, 25)!).toBeCloseTo(((170_500_000.5 / (600 * M)) * 100 + 80) / 2, 9)
    const pred = rowOfLabel(ws, 'Predikat kinerja')
    expect(text(ws.getCell(pred, 24).value)).toMatch(new RegExp(`^${band(mean(k))}( \\(|$)`))
    expect(text(ws.getCell(pred, 25).value)).toMatch(/^Rendah( \(|$)/) // 54,21
    const weighted = rowWhere(ws, 1, (s) => s.startsWith('Skor kinerja tertimbang aplikasi'))
    expect(weighted).toBeGreaterThan(pred)
    expect(typeof num(ws, weighted, 24)).toBe('number')
    const notes: string[] = []
    ws.eachRow((row) => notes.push(text(row.getCell(1).value)))
    expect(notes.some((s) => s.startsWith('Catatan rata-rata:') && s.includes('AVERAGE()') && s.includes('rata-rata hitung'))).toBe(true)
    // texts and signature blocks follow
    for (const label of [
      'Faktor pendorong keberhasilan pencapaian',
      'Faktor penghambat pencapaian kinerja',
      'Tindak lanjut yang diperlukan dalam triwulan berikutnya',
      'Tindak lanjut yang diperlukan dalam Renja PD berikutnya',
    ])
      expect(rowOfLabel(ws, label)).toBeGreaterThan(weighted)
    const all: string[] = []
    ws.eachRow((row) => row.eachCell((c) => c.type !== ExcelJS.ValueType.Merge && all.push(text(c.value))))
    expect(all).toContain('Disusun')
    expect(all).toContain('Dievaluasi')
    expect(all.filter((s) => s.startsWith('NIP.'))).toHaveLength(2)
    expect(all.filter((s) => s === 'Dumai, 29 November 2026')).toHaveLength(2)
    // no clipped text in the table or below it; A4 landscape with repeated headers
    expectNoClipping(ws, 10, ws.rowCount, [3, 4, 5, 26, 27])
    expectNoClipping(ws, avg, ws.rowCount, [1, 6, 24, 25])
    expectPrinting(buf, wb, '6:9')
  })

  it('E.81 for one bidang and for every OPD: same rules on every sheet', async () => {
    const ikp = await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP-DUMAI-IKP').executeTakeFirstOrThrow()
    for (const scope of [
      { opdId, unitId: ikp.id },
      { opdId: null, unitId: null },
    ]) {
      const f = await buildE81Workbook(t.db, { ...scope, period: FULL_2025, asOf: ASOF })
      const wb = await openWorkbook(f.buffer)
      for (const ws of wb.worksheets) {
        const avg = rowOfLabel(ws, 'Rata-rata capaian kinerja (%)')
        const k = listed(ws, 24, 10, avg - 1)
        expect(Math.abs(num(ws, avg, 24)! - mean(k))).toBeLessThan(0.005)
      }
      expectPrinting(f.buffer, wb, '6:9')
    }
  })

  it('E.80: per Renstra year target and realisasi K/Rp and capaian, the end of the period; every summary row recomputed; A4 landscape', async () => {
    const f = await buildE80Workbook(t.db, { opdId, unitId: null, period: FULL_2025, asOf: ASOF })
    expect(f.filename).toBe('E80_diskominfotiksan-kota-dumai_sd_2025_TWIV.xlsx')
    const buf = f.buffer
    const wb = await openWorkbook(buf)
    const ws = wb.getWorksheet('E.80')!
    expect(ws.getCell('A1').value).toBe('EVALUASI TERHADAP HASIL RENSTRA PERANGKAT DAERAH')
    // Renstra 2021–2026: 6 years; target 7.., realisasi 19.., capaian 31.., end 43/45/47, unit 49, Keterangan 50
    const tgt = (i: number) => 7 + 2 * i
    const real = (i: number) => 19 + 2 * i
    const cap = (i: number) => 31 + 2 * i
    expect(ws.getCell('C8').value).toBe('Kode')
    expect(ws.getCell(6, 50).value).toBe('Keterangan')
    expect(ws.getCell(6, 49).value).toBe('Unit PD penanggung jawab')
    for (let c = 7; c <= 48; c++) expect(ws.getCell(8, c).value, `col ${c}`).toBe(c % 2 === 1 ? 'K' : 'Rp')
    expect(ws.getCell(7, tgt(4)).value).toBe('5 (2025)')
    expect(text(ws.getCell(6, cap(0)).value)).toMatch(/^Rasio capaian/)

    // 2.16.01 Rp by year: 2023 10.500.000,50 of 100 jt; 2024 80 jt; 2025 80 jt; end 170.500.000,50 of 600 jt
    const p1 = rowOfKode(ws, '2.16.01')
    expect(num(ws, p1, tgt(4) + 1)).toBe(100 * M)
    expect(num(ws, p1, real(2) + 1)).toBe(10_500_000.5)
    expect(num(ws, p1, cap(2) + 1)!).toBeCloseTo(10.5000005, 9)
    expect(num(ws, p1, real(3) + 1)).toBe(80 * M)
    expect(num(ws, p1, cap(3) + 1)!).toBeCloseTo(80, 9)
    expect(num(ws, p1, real(4) + 1)).toBe(80 * M)
    expect(num(ws, p1, real(5) + 1)).toBeNull() // 2026 is after the evaluated year
    expect(num(ws, p1, 44)).toBe(600 * M)
    expect(num(ws, p1, 46)).toBe(170_500_000.5)
    expect(num(ws, p1, 48)!).toBeCloseTo((170_500_000.5 / (600 * M)) * 100, 9)
    // IKP-02 K: 2025 target 650, realisasi 650 × 1.08 = 702 (108 %); 2024 600 × 1.05 = 630; end 2836 / 3450
    const ikp2 = rowOfIndicator(ws, 5, 'IKP-02')
    expect(num(ws, ikp2, 6)).toBe(400) // kondisi awal
    expect(num(ws, ikp2, tgt(4))).toBe(650)
    expect(num(ws, ikp2, real(4))).toBe(702)
    expect(num(ws, ikp2, cap(4))!).toBeCloseTo(108, 9)
    expect(num(ws, ikp2, real(3))).toBe(630)
    expect(num(ws, ikp2, cap(3))!).toBeCloseTo(105, 9)
    expect(num(ws, ikp2, tgt(5))).toBe(700) // future target listed
    expect(num(ws, ikp2, real(5))).toBeNull()
    expect(num(ws, ikp2, 43)).toBe(3450)
    expect(num(ws, ikp2, 45)).toBe(2836)
    expect(num(ws, ikp2, 47)!).toBeCloseTo((2836 / 3450) * 100, 9)
    // INF-02 at the end: tahun akhir, 28 h against 24 h
    const inf2 = rowOfIndicator(ws, 5, 'INF-02')
    expect(num(ws, inf2, 47)!).toBeCloseTo(((2 * 24 - 28) / 24) * 100, 9)

    // every summary row, every capaian column, K and Rp
    const avg = rowOfLabel(ws, 'Rata-rata capaian kinerja (%)')
    const pred = rowOfLabel(ws, 'Predikat kinerja')
    const capCols = [...Array.from({ length: 12 }, (_, i) => 31 + i), 47, 48]
    for (const c of capCols) {
      const xs = listed(ws, c, 10, avg - 1)
      if (xs.length === 0) {
        expect(num(ws, avg, c), `col ${c}`).toBeNull()
        expect(text(ws.getCell(pred, c).value)).toBe('Belum ada data')
        continue
      }
      expect(Math.abs(num(ws, avg, c)! - mean(xs)), `col ${c}`).toBeLessThan(0.005)
      expect(text(ws.getCell(pred, c).value), `col ${c}`).toBe(band(mean(xs)))
    }
    // the other columns carry no summary
    for (const c of [43, 44, 45, 46]) expect(ws.getCell(avg, c).value, `col ${c}`).toBeNull()
    expect(listed(ws, cap(5), 10, avg - 1)).toHaveLength(0) // 2026 not evaluated yet
    expect(listed(ws, 48, 10, avg - 1)).toHaveLength(2) // end Rp: 2.16.01 and the kegiatan
    const notes: string[] = []
    ws.eachRow((row) => notes.push(text(row.getCell(1).value)))
    expect(notes.some((s) => s.startsWith('Catatan rata-rata:') && s.includes('AVERAGE()'))).toBe(true)
    const all: string[] = []
    ws.eachRow((row) => row.eachCell((c) => c.type !== ExcelJS.ValueType.Merge && all.push(text(c.value))))
    expect(all).toContain('Disusun')
    expect(all).toContain('Dievaluasi')
    expect(all.filter((s) => s.startsWith('NIP.'))).toHaveLength(2)
    expectNoClipping(ws, 10, avg - 1, [3, 4, 5, 49, 50])
    expectNoFormulas(wb)
    expectPrinting(buf, wb, '6:9')
  })

  it('E.80 from the API (/api/v1/laporan/e80) with a token', async () => {
    const admin = await t.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    const token = 'tok-e80-test'
    await t.db
      .insertInto('api_token')
      .values({ name: 'E80', token_hash: hashApiToken(token), opd_id: opdId, created_by: admin.id, created_at: toDbTime(ASOF), last_used_at: null, revoked_at: null })
      .execute()
    const r = await callLoader(apiLoader, new Request('http://localhost:3000/api/v1/laporan/e80?tahun=2025&triwulan=4', { headers: { Authorization: `Bearer ${token}` } }), {
      params: { jenis: 'e80' },
    })
    expect(r.response?.status).toBe(200)
    expect(r.response?.headers.get('Content-Disposition')).toContain('E80_')
    const wb = await openWorkbook(await r.response!.arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['E.80'])
  })
})

/**
 * A second OPD-like Dinas with one bidang, Renstra 2021–2026, one sasaran, a program with a
 * kegiatan (pagu 2021–2026, realisasi anggaran 2024–2025) and two kumulatif indicators under
 * them: UJ-01 on target (4 × 3 of 12), UJ-02 weak (4 × 1 of 10) with its kendala and tindak lanjut.
 */
async function addDinas(db: LiveTestDb['db'], n: number): Promise<number> {
  const t0 = toDbTime(ASOF)
  // each call's values are checked against its table; inside, Kysely cannot relate a generic table to its row type
  const ins = async <T extends keyof Database & string>(table: T, values: Insertable<Database[T]>) =>
    Number(
      (
        await db
          .insertInto(table)
          .values(values as never)
          .executeTakeFirstOrThrow()
      ).insertId,
    )
  const opd = await ins('org_unit', {
    parent_id: null,
    kind: 'opd',
    code: `UJI-${n}`,
    name: `Dinas Uji ${n}`,
    short_name: `Uji ${n}`,
    city: 'Dumai',
    sort_order: 10 + n,
    created_at: t0,
  })
  const unit = await ins('org_unit', { parent_id: opd, kind: 'bidang', code: `UJI-${n}-B`, name: `Bidang Uji ${n}`, short_name: 'Uji', city: null, sort_order: 1, created_at: t0 })
  const period = await ins('renstra_period', { opd_id: opd, name: 'Renstra 2021–2026', start_year: 2021, end_year: 2026, closed: 0, created_at: t0 })
  const tujuan = await ins('tujuan', { period_id: period, code: `T${n}`, name: `Tujuan Uji ${n}`, sort_order: 1, deleted_at: null })
  const sasaran = await ins('sasaran', { tujuan_id: tujuan, code: `S${n}.1`, name: `Sasaran Uji ${n}`, sort_order: 1, deleted_at: null })
  const program = await ins('program', {
    period_id: period,
    sasaran_id: sasaran,
    parent_id: null,
    kind: 'program',
    code: `9.${n}.01`,
    name: `Program Uji ${n}`,
    unit_id: unit,
    sort_order: 1,
    deleted_at: null,
  })
  const kegiatan = await ins('program', {
    period_id: period,
    sasaran_id: null,
    parent_id: program,
    kind: 'kegiatan',
    code: `9.${n}.01.1`,
    name: `Kegiatan Uji ${n}`,
    unit_id: unit,
    sort_order: 1,
    deleted_at: null,
  })
  for (let y = 2021; y <= 2026; y++) await ins('program_pagu', { program_id: program, year: y, pagu: 10 * M * n, updated_at: t0, updated_by: null })
  for (const [year, quarter, amount] of [
    [2024, 4, 3 * M],
    [2025, 1, 2 * M],
    [2025, 3, 2.5 * M],
  ] as const)
    await ins('realisasi_anggaran', {
      program_id: program,
      year,
      quarter,
      amount,
      status: 'diverifikasi',
      return_note: null,
      is_historical: 0,
      entered_by: null,
      entered_at: t0,
      verified_by: null,
      verified_at: null,
      created_at: t0,
      updated_at: t0,
    })
  const indicators: [string, number | null, number, number][] = [
    ['UJ-01', program, 12, 3],
    ['UJ-02', kegiatan, 10, 1],
  ]
  for (const [i, [code, programId, target, perQuarter]] of indicators.entries()) {
    const id = await insertIndicator(db, {
      periodId: period,
      unitId: unit,
      sasaranId: sasaran,
      programId,
      code: `${code}-${n}`,
      name: `Indikator ${code} Dinas ${n}`,
      aspect: 'layanan',
      sortOrder: i + 1,
      at: t0,
    })
    await ins('indicator_target', { indicator_id: id, year: 2025, target })
    for (let q = 1; q <= 4; q++)
      await ins('realisasi', {
        indicator_id: id,
        year: 2025,
        quarter: q,
        value: perQuarter,
        bukti_text: 'Laporan',
        kendala: perQuarter === 1 && q === 3 ? `Kendala Dinas ${n}` : null,
        tindak_lanjut: perQuarter === 1 && q === 3 ? `Tindak lanjut Dinas ${n}` : null,
        status: 'diverifikasi',
        version: 1,
        created_at: t0,
        updated_at: t0,
      })
  }
  await bumpDataVersion(db)
  return opd
}

/** Everything a reader sees of a sheet: each cell (value, format, font, fill, border, alignment), row heights, widths, merges, printing. */
function sheetDump(ws: ExcelJS.Worksheet) {
  const cells: unknown[] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    cells.push(['height', r, ws.getRow(r).height ?? null])
    for (let c = 1; c <= ws.columnCount; c++) {
      const x = ws.getCell(r, c)
      cells.push([x.address, text(x.value), typeof x.value, x.numFmt ?? null, x.font ?? null, x.fill ?? null, x.border ?? null, x.alignment ?? null])
    }
  }
  return {
    rows: ws.rowCount,
    cols: ws.columnCount,
    widths: Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? null),
    merges: [...(ws.model.merges as string[])].sort(),
    printArea: ws.pageSetup.printArea,
    printTitlesRow: ws.pageSetup.printTitlesRow,
    pageSetup: ws.pageSetup,
    properties: ws.properties,
    footer: ws.headerFooter.oddFooter,
    views: ws.views,
    cells,
  }
}

describe.each(DB_KINDS)('City E.81 bundle on %s (ADR 0036)', (kind) => {
  // the demo and Dinas Uji 1, in every test's database
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    setup: async (db) => {
      await addDinas(db, 1)
    },
  })
  beforeAll(() => {
    setClock(() => ASOF)
  })
  afterAll(() => {
    setClock(null)
  })

  it('each sheet of the bundle is the OPD’s own E.81, cell by cell (values, formats, styles, merges, heights, printing)', async () => {
    const bundle = await buildE81Workbook(t.db, { opdId: null, unitId: null, period: FULL_2025, asOf: ASOF })
    expect(bundle.filename).toBe('E81_semua-opd_2025_TWIV.xlsx')
    const wb = await openWorkbook(bundle.buffer)
    const opds = await t.db.selectFrom('org_unit').select(['id', 'short_name']).where('kind', '=', 'opd').orderBy('sort_order').orderBy('name').execute()
    expect(wb.worksheets.map((w) => w.name)).toEqual(opds.map((o) => o.short_name))
    expect(wb.worksheets).toHaveLength(2)
    for (const [i, o] of opds.entries()) {
      const own = await openWorkbook((await buildE81Workbook(t.db, { opdId: o.id, unitId: null, period: FULL_2025, asOf: ASOF })).buffer)
      const mine = sheetDump(wb.worksheets[i]!)
      const theirs = sheetDump(own.getWorksheet('E.81')!)
      // the print area and titles name the sheet; the rest is the same
      expect(mine.printArea).toBe(theirs.printArea)
      expect(mine.views).toEqual(theirs.views)
      expect(mine.pageSetup).toEqual(theirs.pageSetup)
      expect(mine.properties).toEqual(theirs.properties)
      expect(mine, o.short_name ?? '').toEqual(theirs)
      expect(mine.rows).toBeGreaterThan(20)
    }
    // Dinas Uji 1 by hand: column 7 K = the 2025 target (12, 10); 10 K = TW III (3, 1); 12 K = the sum of the quarters (4 × 3, 4 × 1);
    // program Rp: 5 = 6 × 10 jt, 13 = 3 jt (2024) + 2 + 2,5 jt (2025)
    const ws = wb.getWorksheet('Uji 1')!
    const uj1 = rowOfIndicator(ws, 5, 'UJ-01-1')
    const uj2 = rowOfIndicator(ws, 5, 'UJ-02-1')
    expect([num(ws, uj1, 10), num(ws, uj1, 16), num(ws, uj1, 20)]).toEqual([12, 3, 12])
    expect([num(ws, uj2, 10), num(ws, uj2, 16), num(ws, uj2, 20)]).toEqual([10, 1, 4])
    const p = rowOfKode(ws, '9.1.01')
    expect(num(ws, p, 7)).toBe(60 * M)
    expect(num(ws, p, 23)).toBe(7.5 * M)
    expect(rowOfKode(ws, '9.1.01.1')).toBeGreaterThan(p)
    const penghambat = rowOfLabel(ws, 'Faktor penghambat pencapaian kinerja')
    expect(text(ws.getCell(penghambat, 6).value)).toContain('UJ-02-1 (capaian 40')
    expect(text(ws.getCell(penghambat, 6).value)).toContain('Kendala Dinas 1')
    expectPrinting(bundle.buffer, wb, '6:9')
    expectNoFormulas(wb)
  })

  it('the bundle costs as many queries for 4 OPD as for 2 (set-based loads, no query per OPD)', async () => {
    const count = async () => {
      const c = queryCounter()
      const db = t.db.withPlugin(c.plugin) // a new handle: its read cache starts empty
      const f = await buildE81Workbook(db, { opdId: null, unitId: null, period: FULL_2025, asOf: ASOF })
      return { n: c.count(), sheets: (await openWorkbook(f.buffer)).worksheets.length }
    }
    const two = await count()
    expect(two.sheets).toBe(2)
    await addDinas(t.db, 2)
    await addDinas(t.db, 3)
    const four = await count()
    expect(four.sheets).toBe(4)
    expect(four.n).toBe(two.n)
    expect(two.n).toBeLessThanOrEqual(16)
  })
})
