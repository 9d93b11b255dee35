// Excel exports on the Dumai demo: Formulir E.81, the strategy recap and the audit workbook,
// opened with ExcelJS and unzipped; values checked against numbers computed by hand from
// seeds/demo-data.ts (value = target × factor for `naik`).
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bumpDataVersion } from '../../db/version.js'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callLoader, loadData } from '../helpers/call.js'
import { arrayBufferOf } from '../helpers/fixtures-b.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loader as laporanLoader } from '../../app/routes/laporan.$jenis.js'
import { loader as laporanPageLoader } from '../../app/routes/laporan.js'
import { loader as apiLoader } from '../../app/routes/api.v1.laporan.$jenis.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { hashApiToken } from '../../app/services/auth.server.js'
import { buildE81Workbook } from '../../app/services/excel/e81.server.js'
import { EXPORT_KINDS, EXPORTS, type ExportKind, type ExportSpec } from '../../app/services/excel/exports.server.js'
import { listZipEntries, readZipEntry } from '../../app/services/excel/zip.server.js'
import { XLSX_MIME } from '../../app/services/excel/safety.server.js'
import { auditWorkbookBuffer, ExportAborted, writeAuditWorkbook } from '../../app/services/excel/audit-workbook.server.js'
import { DEMO_KENDALA, DEMO_NOTES } from '../../seeds/demo-data.js'
import { toDbTime } from '../../db/time.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const FULL_2025 = { kind: 'triwulan', year: 2025, quarter: 4 } as const
const INJECTION = '=HYPERLINK("http://x","y")'

async function open(buf: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(arrayBufferOf(buf))
  return wb
}

/** The XML of every worksheet, by sheet name. */
function sheetXmls(buf: Buffer): Record<string, string> {
  const wbXml = readZipEntry(buf, 'xl/workbook.xml')!.toString('utf8')
  const rels = readZipEntry(buf, 'xl/_rels/workbook.xml.rels')!.toString('utf8')
  const target = new Map<string, string>()
  for (const m of rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)) target.set(m[1]!, m[2]!)
  for (const m of rels.matchAll(/<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"/g)) target.set(m[2]!, m[1]!)
  const out: Record<string, string> = {}
  for (const m of wbXml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = target.get(m[2]!)!.replace(/^\/?(xl\/)?/, '')
    out[m[1]!] = readZipEntry(buf, `xl/${t}`)!.toString('utf8')
  }
  return out
}

const text = (v: ExcelJS.CellValue): string => {
  if (v == null) return ''
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  return String(v)
}

function rowOfCode(ws: ExcelJS.Worksheet, col: number, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws.getCell(r, col).value).startsWith(`${code} `) || text(ws.getCell(r, col).value) === code) return r
  throw new Error(`row of ${code} not found`)
}

function rowWithLabel(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws.getCell(r, 1).value) === label) return r
  throw new Error(`row "${label}" not found`)
}

function allText(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = []
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell((c) => {
      if (c.type !== ExcelJS.ValueType.Merge) out.push(text(c.value))
    }),
  )
  return out
}

describe.each(DB_KINDS)('Excel exports on %s', (kind) => {
  // each test starts on the seeded demo plus the auditor's session (written in the template)
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  let auditor: { cookie: string }
  beforeAll(async () => {
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    auditor = await loginAs(t.db, 'auditor')
  })
  afterAll(() => {
    setClock(null)
  })

  const download = async (path: string, cookie: string, jenis: string) => {
    const { response } = await callLoader(laporanLoader, path, { session: cookie, params: { jenis } })
    if (!response) throw new Error(`${path} answered with data, not a file`)
    return response
  }

  it('E.81 2025 full year: header rows, column numbers, K/Rp, merges, hand-computed cells, footer, signatures, printing', async () => {
    const res = await download('/laporan/e81.xlsx?tahun=2025&triwulan=4', auditor.cookie, 'e81.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe(XLSX_MIME)
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="E81_diskominfotiksan-kota-dumai_2025_TWIV\.xlsx"/)
    const buf = Buffer.from(await res.arrayBuffer())
    const wb = await open(buf)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['E.81'])
    const ws = wb.getWorksheet('E.81')!

    expect(ws.getCell('A1').value).toBe('EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH')
    expect(text(ws.getCell('A3').value)).toContain('Dinas Komunikasi Informatika Statistik dan Persandian Kota Dumai')
    expect(text(ws.getCell('A4').value)).toContain('2025 s.d. Triwulan IV')
    // header titles (rows 6–8)
    expect(ws.getCell('A6').value).toBe('No')
    expect(ws.getCell('B6').value).toBe('Sasaran')
    expect(ws.getCell('C6').value).toBe('Program/Kegiatan')
    expect(ws.getCell('C8').value).toBe('Kode')
    expect(ws.getCell('D8').value).toBe('Uraian')
    expect(ws.getCell('E6').value).toBe('Indikator Kinerja Program (outcome)/Kegiatan (output)')
    expect(ws.getCell('F6').value).toBe('Target Renstra PD pada akhir periode Renstra (2026)')
    expect(ws.getCell('H6').value).toBe('Realisasi capaian kinerja Renstra PD s.d. Renja PD tahun lalu (2024)')
    expect(ws.getCell('J6').value).toBe('Target kinerja dan anggaran Renja PD tahun berjalan (2025) yang dievaluasi')
    expect(ws.getCell('L6').value).toBe('Realisasi kinerja pada triwulan')
    expect(['L7', 'N7', 'P7', 'R7'].map((a) => ws.getCell(a).value)).toEqual(['I', 'II', 'III', 'IV'])
    expect(text(ws.getCell('T6').value)).toMatch(/^Realisasi capaian kinerja dan anggaran Renja PD yang dievaluasi/)
    expect(ws.getCell('V6').value).toBe('Realisasi kinerja dan anggaran Renstra PD s.d. tahun 2025')
    expect(ws.getCell('X6').value).toBe('Tingkat capaian kinerja dan realisasi anggaran Renstra PD s.d. tahun 2025 (%)')
    expect(ws.getCell('Z6').value).toBe('Unit PD penanggung jawab')
    expect(ws.getCell('AA6').value).toBe('Keterangan')
    // K / Rp under columns 5–14 (14 included)
    for (let c = 6; c <= 25; c++) expect(ws.getCell(8, c).value).toBe(c % 2 === 0 ? 'K' : 'Rp')
    // the column numbers 1–16, as numbers (3 spans Kode and Uraian)
    const numbers = [1, 2, 3, 5, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 27].map((c) => ws.getCell(9, c).value)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    const merges = ws.model.merges as string[]
    for (const m of [
      'A1:AA1',
      'A6:A8',
      'B6:B8',
      'C6:D7',
      'E6:E8',
      'F6:G7',
      'H6:I7',
      'L6:S6',
      'L7:M7',
      'R7:S7',
      'T6:U7',
      'V6:W7',
      'X6:Y7',
      'Z6:Z8',
      'AA6:AA8',
      'C9:D9',
      'F9:G9',
      'X9:Y9',
    ])
      expect(merges).toContain(m)

    // SEK-01 (posisi, naik): 2025 TW IV = 65 × 0.62 = 40.3; col 12 = the latest quarter = 40.3, never a sum
    const sek = rowOfCode(ws, 5, 'SEK-01')
    expect(ws.getCell(sek, 18).value).toBe(40.3) // col 11 K (TW IV)
    expect(ws.getCell(sek, 20).value).toBe(40.3) // col 12 K
    expect(ws.getCell(sek, 20).numFmt).toBe('#,##0.00')
    expect(ws.getCell(sek, 6).value).toBe(75) // col 5 K: end-of-period target (2026)
    expect(ws.getCell(sek, 6).numFmt).toBe('#,##0') // a whole number: no trailing separator
    expect(ws.getCell(sek, 8).value).toBe(36.3) // col 6 K: 2024 TW IV = 55 × 0.66
    expect(ws.getCell(sek, 10).value).toBe(65) // col 7 K: 2025 target
    expect(ws.getCell(sek, 22).value).toBe(40.3) // col 13 K: latest value
    expect(ws.getCell(sek, 24).value as number).toBeCloseTo((40.3 / 75) * 100, 9) // col 14 K
    expect(ws.getCell(sek, 26).value).toBe('Sekretariat')
    expect(ws.getCell(sek, 7).value).toBeNull() // Rp of an indicator row: on its program's row
    // IKP-02 (kumulatif): 650 × 1.08 = 702 split 140 / 176 / 176 / 210; col 12 = the sum
    const ikp = rowOfCode(ws, 5, 'IKP-02')
    expect([12, 14, 16, 18].map((c) => ws.getCell(ikp, c).value)).toEqual([140, 176, 176, 210])
    expect(ws.getCell(ikp, 20).value).toBe(702)
    // col 6 = 2021–2024 sums: 432 + 500 + 572 + 630; col 13 = col 6 + col 12; col 5 = sum of the targets
    expect(ws.getCell(ikp, 8).value).toBe(2134)
    expect(ws.getCell(ikp, 22).value).toBe(2836)
    expect(ws.getCell(ikp, 6).value).toBe(3450)
    expect(ws.getCell(ikp, 24).value as number).toBeCloseTo((2836 / 3450) * 100, 9)
    // APL-01 (rilis index): only TW IV released: 3.2 × 0.8625 = 2.76; col 12 = 2.76, not a sum
    const apl = rowOfCode(ws, 5, 'APL-01')
    expect([12, 14, 16].map((c) => ws.getCell(apl, c).value)).toEqual([null, null, null])
    expect(ws.getCell(apl, 18).value).toBe(2.76)
    expect(ws.getCell(apl, 20).value).toBe(2.76)
    // IKP-01 (rata-rata): col 12 = the mean of the quarters = 90 × 1.02
    const ikp1 = rowOfCode(ws, 5, 'IKP-01')
    expect(ws.getCell(ikp1, 20).value as number).toBeCloseTo(91.8, 9)

    // grouped under sasaran; the program on its own row (Kode, Uraian), its indicators beneath
    const sek4 = rowOfCode(ws, 5, 'SEK-04')
    expect(sek4 - sek).toBe(3)
    expect(ws.getCell(sek - 1, 3).value).toBe('2.16.01')
    expect(text(ws.getCell(sek - 1, 4).value)).toMatch(/^Program Penunjang/)
    // the demo kegiatan 2.16.01.2.01 and its sub kegiatan follow the indicators, in the same sasaran
    expect([ws.getCell(sek4 + 1, 3).value, ws.getCell(sek4 + 2, 3).value]).toEqual(['2.16.01.2.01', '2.16.01.2.01.0001'])
    expect(merges).toContain(`B${sek - 1}:B${sek4 + 2}`)
    // the demo budget of 2.16.01 (pagu 2021 1,2 M growing 0,12 M a year; 15/25/25/30 % a quarter), by hand:
    // col 5 Rp pagu 2021–2026 = 1,2 M × (1 + 1,1 + 1,2 + 1,3 + 1,4 + 1,5) = 9 M
    // col 6 Rp realisasi 2021–2024 = 95 % × 1,2 M × (1 + 1,1 + 1,2 + 1,3) = 5,244 M; col 7 Rp pagu 2025 = 1,68 M
    // cols 8–11 Rp = 1,68 M × 15/25/25/30 %; col 12 = 1,596 M; col 13 = 6,84 M; col 14 = 6,84 / 9 = 76 %
    for (const r of [sek - 1, sek4 + 1, sek4 + 2]) {
      expect([7, 9, 11].map((c) => ws.getCell(r, c).value)).toEqual([9_000_000_000, 5_244_000_000, 1_680_000_000])
      expect([13, 15, 17, 19, 21, 23].map((c) => ws.getCell(r, c).value)).toEqual([252_000_000, 420_000_000, 420_000_000, 504_000_000, 1_596_000_000, 6_840_000_000])
      expect(ws.getCell(r, 25).value as number).toBeCloseTo(76, 9)
    }
    expect(text(ws.getCell(sek - 1, 2).value)).toMatch(/^S1\.2 Meningkatnya kapasitas aparatur/)
    // 22 numbered indicator rows
    const numbered: number[] = []
    for (let r = 10; r <= ws.rowCount; r++) if (typeof ws.getCell(r, 1).value === 'number') numbered.push(ws.getCell(r, 1).value as number)
    expect(numbered).toEqual(Array.from({ length: 22 }, (_, i) => i + 1))

    // below the table: the mean of column 14 K as listed, and the app's weighted score on its own row
    const { result } = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    const avg = rowWithLabel(ws, 'Rata-rata capaian kinerja (%)')
    const col14: number[] = []
    for (let r = 10; r < avg; r++) if (typeof ws.getCell(r, 24).value === 'number') col14.push(ws.getCell(r, 24).value as number)
    expect(col14).toHaveLength(22)
    expect(ws.getCell(avg, 24).value as number).toBeCloseTo(col14.reduce((a, b) => a + b, 0) / col14.length, 9)
    expect(ws.getCell(avg, 24).numFmt).toBe('#,##0.00')
    expect(merges).toContain(`A${avg}:W${avg}`)
    const osborne = rowWithLabel(ws, 'Skor kinerja tertimbang aplikasi (Strategi Osborne, tahun berjalan) — bukan rata-rata kolom 14')
    expect(ws.getCell(osborne, 24).value as number).toBeCloseTo(result.overall.value!, 9)
    const pred = rowWithLabel(ws, 'Predikat kinerja')
    expect(text(ws.getCell(pred, 24).value)).toMatch(/^(Sangat Tinggi|Tinggi|Sedang|Rendah|Sangat Rendah)/)
    expect(text(ws.getCell(rowWithLabel(ws, 'Faktor pendorong keberhasilan pencapaian'), 6).value)).toMatch(
      /^Target tahun berjalan tercapai atau terlampaui pada \d+ dari 22 indikator/,
    )
    const penghambat = text(ws.getCell(rowWithLabel(ws, 'Faktor penghambat pencapaian kinerja'), 6).value)
    expect(penghambat).toContain(`SEK-01 (capaian 62,00%, Rendah): ${DEMO_KENDALA['SEK-01']!.kendala}`)
    expect(penghambat).toContain('IKP-06')
    expect(text(ws.getCell(rowWithLabel(ws, 'Tindak lanjut yang diperlukan dalam triwulan berikutnya'), 6).value)).toContain(DEMO_KENDALA['SEK-01']!.tindakLanjut)
    expect(text(ws.getCell(rowWithLabel(ws, 'Tindak lanjut yang diperlukan dalam Renja PD berikutnya'), 6).value)).toContain(DEMO_NOTES[0]!.rekomendasi)
    // signature blocks
    const texts = allText(ws)
    expect(texts.filter((s) => s === 'Dumai, 29 November 2026')).toHaveLength(2)
    expect(texts).toContain('Disusun')
    expect(texts).toContain('Dievaluasi')
    expect(texts).toContain('Kepala Dinas Komunikasi Informatika Statistik dan Persandian Kota Dumai')
    expect(texts).toContain('Kepala Badan Perencanaan Pembangunan Daerah Kota Dumai')
    expect(texts.join(' ')).not.toMatch(/#VALUE|#REF|NaN|undefined|\[object/)

    // printing: A4 landscape, one page wide, header rows on every page, frozen below the header
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.paperSize).toBe(9)
    expect(ws.pageSetup.fitToWidth).toBe(1)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 9 })
    const wbXml = readZipEntry(buf, 'xl/workbook.xml')!.toString('utf8')
    expect(wbXml).toMatch(/<definedName name="_xlnm\.Print_Titles" localSheetId="0">(&apos;|')?E\.81(&apos;|')?!\$6:\$9<\/definedName>/)
    // widths wide enough for the texts they hold
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(30)
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(18)
  })

  it('E.81 for one bidang: only its indicators, and the average over them', async () => {
    const ikp = await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP-DUMAI-IKP').executeTakeFirstOrThrow()
    const res = await download(`/laporan/e81.xlsx?tahun=2025&triwulan=4&unit=${ikp.id}`, auditor.cookie, 'e81.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toContain('bidang-informasi-dan-komunikasi-publik')
    const ws = (await open(await res.arrayBuffer())).getWorksheet('E.81')!
    const codes: string[] = []
    for (let r = 10; r <= ws.rowCount; r++) {
      const m = /^([A-Z]{3}-\d{2}) /.exec(text(ws.getCell(r, 5).value))
      if (m) codes.push(m[1]!)
    }
    expect(codes).toHaveLength(9)
    expect(codes.every((c) => c.startsWith('IKP-'))).toBe(true)
    const { result } = await scoreScope(t.db, { opdId, unitId: ikp.id }, FULL_2025, ASOF)
    expect(ws.getCell(rowWithLabel(ws, 'Skor kinerja tertimbang aplikasi (Strategi Osborne, tahun berjalan) — bukan rata-rata kolom 14'), 24).value as number).toBeCloseTo(
      result.overall.value!,
      9,
    )
    const mean = result.indicators.reduce((a, r) => a + r.renstra.capaian!, 0) / result.indicators.length
    expect(ws.getCell(rowWithLabel(ws, 'Rata-rata capaian kinerja (%)'), 24).value as number).toBeCloseTo(mean, 9)
    expect(text(ws.getCell('A3').value)).toContain('Bidang Informasi dan Komunikasi Publik')
  })

  it('Rekap Strategi Osborne: coloured matrix with predikat labels, aspect sheets, flags, notes, detail', async () => {
    const res = await download('/laporan/rekap.xlsx?tahun=2025&triwulan=4', auditor.cookie, 'rekap.xlsx')
    expect(res.status).toBe(200)
    const buf = Buffer.from(await res.arrayBuffer())
    const wb = await open(buf)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Matriks',
      'Aspek Pengelolaan',
      'Aspek Layanan',
      'Aspek Kemitraan',
      'Perlu Perhatian',
      'Catatan Rapat',
      'Rencana Aksi',
      'Rincian Indikator',
    ])
    const m = wb.getWorksheet('Matriks')!
    expect(['B5', 'C5', 'D5', 'E5', 'F5', 'G5'].map((a) => m.getCell(a).value)).toEqual([
      'Strategi Inti',
      'Strategi Konsekuensi',
      'Strategi Pelanggan',
      'Strategi Pengawasan',
      'Strategi Budaya',
      'Rata-rata aspek',
    ])
    // rows: pengelolaan 6 (+7 labels), layanan 8 (+9), kemitraan 10 (+11); column F = budaya
    expect(m.getCell('A6').value).toBe('Pengelolaan informasi dan komunikasi publik')
    // pengelolaan × budaya: SEK-01 40.3 / 65 = 62.00 → Rendah (orange)
    expect(m.getCell('F6').value as number).toBeCloseTo(62, 9)
    expect(m.getCell('F6').numFmt).toBe('#,##0.00')
    expect((m.getCell('F6').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE8833A')
    expect(text(m.getCell('F7').value)).toBe('Rendah · 1/1 indikator')
    // layanan × budaya: SEK-02 4 / 6 = 66.67 → Sedang (yellow)
    expect(m.getCell('F8').value as number).toBeCloseTo((4 / 6) * 100, 9)
    expect((m.getCell('F8').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF2C230')
    expect(text(m.getCell('F9').value)).toMatch(/^Sedang/)
    // layanan × pelanggan: (108 + 100 + 100) / 3 → Sangat Tinggi (green)
    expect(m.getCell('D8').value as number).toBeCloseTo(308 / 3, 9)
    expect((m.getCell('D8').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF1B7F3B')
    expect(text(m.getCell('D9').value)).toMatch(/^Sangat Tinggi · 3\/3/)
    // pengelolaan × pengawasan: (86.25 + 88 + 90) / 3 → Tinggi
    expect(m.getCell('E6').value as number).toBeCloseTo((86.25 + 88 + 90) / 3, 9)
    expect(text(m.getCell('E7').value)).toMatch(/^Tinggi/)
    expect(m.model.merges).toContain('A6:A7')

    const aspek = wb.getWorksheet('Aspek Pengelolaan')!
    const aspekText = allText(aspek)
    expect(aspekText).toContain('SEK-01')
    expect(aspekText.some((s) => s.startsWith('Kurang — Kendala: Pegawai berkompetensi TI terbatas'))).toBe(true)

    const flags = wb.getWorksheet('Perlu Perhatian')!
    const flagText = allText(flags)
    expect(flagText.some((s) => s.startsWith('Skor 62,00 (Rendah) di bawah 76'))).toBe(true)
    expect(flags.getCell(4, 6).value).toBe('Alasan')

    const notes = wb.getWorksheet('Catatan Rapat')!
    const noteRows: string[][] = []
    notes.eachRow((row, n) => {
      if (n > 4) noteRows.push((row.values as ExcelJS.CellValue[]).slice(1).map(text))
    })
    expect(noteRows).toHaveLength(DEMO_NOTES.length)
    const budaya = noteRows.find((r) => r[0] === 'Pengelolaan' && r[1] === 'Strategi Budaya')!
    expect(budaya[2]).toBe('Kurang')
    expect(Number(budaya[3])).toBeCloseTo(62, 9)
    expect(budaya[5]).toBe('Sesuai')

    const detail = wb.getWorksheet('Rincian Indikator')!
    let n = 0
    detail.eachRow((row, r) => {
      if (r > 4 && /^[A-Z]{3}-\d{2}$/.test(text(row.getCell(1).value))) n++
    })
    expect(n).toBe(22)
    const xml = sheetXmls(buf)
    for (const name of ['Aspek Pengelolaan', 'Perlu Perhatian', 'Catatan Rapat', 'Rincian Indikator']) expect(xml[name]).toMatch(/<autoFilter ref="A\d+:[A-Z]+\d+"/)
  })

  it('audit workbook: streamed; every realisation with status history, the full trail, users without hashes; autofilter on every table', async () => {
    const res = await download('/laporan/audit.xlsx', auditor.cookie, 'audit.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe(XLSX_MIME)
    expect(res.body).toBeInstanceOf(ReadableStream)
    const buf = Buffer.from(await res.arrayBuffer())
    const wb = await open(buf)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Info', 'Realisasi', 'Riwayat Status', 'Jejak Audit', 'Pengguna', 'Peran dan Izin'])
    const count = async (table: 'realisasi' | 'audit_log' | 'app_user') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const rows = (name: string) => wb.getWorksheet(name)!.actualRowCount - 1
    expect(rows('Realisasi')).toBe(await count('realisasi'))
    expect(rows('Jejak Audit')).toBe(await count('audit_log'))
    expect(rows('Pengguna')).toBe(await count('app_user'))
    const real = wb.getWorksheet('Realisasi')!
    expect(text(real.getCell('A1').value)).toBe('ID')
    const header = (real.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text)
    expect(header).toContain('Riwayat status')
    // the verified seed rows carry their stamps as history
    const hist = text(real.getCell(2, header.indexOf('Riwayat status') + 1).value)
    expect(hist).toMatch(/kabid\.ikp: dientri/)
    expect(hist).toMatch(/perencanaan: diverifikasi/)
    const users = allText(wb.getWorksheet('Pengguna')!)
    expect(users).toContain('kabid.ikp')
    expect(users).toContain('Kepala Bidang')
    // no password hash anywhere
    const hashes = (await t.db.selectFrom('app_user').select('password_hash').execute()).map((u) => u.password_hash)
    const xml = sheetXmls(buf)
    for (const [name, s] of Object.entries(xml)) {
      for (const h of hashes) expect(s.includes(h), `hash in ${name}`).toBe(false)
      expect(s).not.toMatch(/<f[ >]/)
      if (name !== 'Info') expect(s, name).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"/)
    }
    expect(xml['Realisasi']).toContain('t="inlineStr"')
    expect(listZipEntries(buf).some((e) => e.name === 'xl/sharedStrings.xml')).toBe(false)
    const trail = wb.getWorksheet('Jejak Audit')!
    expect(allText(trail)).toContain('seed_demo')
  })

  it('audit workbook: a soft-deleted indicator keeps its realisations and history in the export', async () => {
    const ind = await t.db.selectFrom('indicator').select(['id', 'code']).where('code', '=', 'INF-02').executeTakeFirstOrThrow()
    const rowsOf = Number(
      (
        await t.db
          .selectFrom('realisasi')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('indicator_id', '=', ind.id)
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(rowsOf).toBe(23) // 2021–2025 × 4 + 2026 TW I–III
    await t.db
      .updateTable('indicator')
      .set({ deleted_at: toDbTime(ASOF), deleted_reason: 'uji hapus lunak' })
      .where('id', '=', ind.id)
      .execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    try {
      const res = await download('/laporan/audit.xlsx', auditor.cookie, 'audit.xlsx')
      const wb = await open(Buffer.from(await res.arrayBuffer()))
      const real = wb.getWorksheet('Realisasi')!
      let found = 0
      real.eachRow((row, n) => {
        if (n > 1 && (row.values as ExcelJS.CellValue[]).some((v) => text(v) === 'INF-02')) found++
      })
      expect(found).toBe(23)
    } finally {
      await t.db.updateTable('indicator').set({ deleted_at: null, deleted_reason: null }).where('id', '=', ind.id).execute()
      await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    }
  })

  it('injection: a kendala "=HYPERLINK(…)" is exported as text, never as a formula', async () => {
    // SEK-02 is weak in 2025 (4 of 6 innovations), so its kendala reaches the E.81 footer too
    const sek2 = await t.db.selectFrom('indicator').select('id').where('code', '=', 'SEK-02').executeTakeFirstOrThrow()
    await t.db
      .updateTable('realisasi')
      .set({ kendala: INJECTION, tindak_lanjut: '+1+2', bukti_text: '@SUM(A1:A9)' })
      .where('indicator_id', '=', sek2.id)
      .where('year', '=', 2025)
      .where('quarter', '=', 4)
      .execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    const escaped = '=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)'
    for (const jenis of ['e81.xlsx', 'rekap.xlsx', 'audit.xlsx']) {
      const res = await download(`/laporan/${jenis}?tahun=2025&triwulan=4`, auditor.cookie, jenis)
      expect(res.status).toBe(200)
      const buf = Buffer.from(await res.arrayBuffer())
      const parts = listZipEntries(buf).filter((e) => /^xl\/(worksheets\/.*|sharedStrings)\.xml$/.test(e.name))
      let found = false
      for (const p of parts) {
        const xml = readZipEntry(buf, p.name)!.toString('utf8')
        expect(xml, `${jenis} ${p.name}`).not.toMatch(/<f[ >]/)
        if (xml.includes(escaped)) found = true
      }
      expect(found, jenis).toBe(true)
      // and ExcelJS reads no formula cell at all
      const wb = await open(buf)
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula))))
    }
    // the audit workbook holds the kendala verbatim in its own cell
    const res = await download('/laporan/audit.xlsx', auditor.cookie, 'audit.xlsx')
    const wb = await open(await res.arrayBuffer())
    const cells = allText(wb.getWorksheet('Realisasi')!)
    expect(cells).toContain(INJECTION)
    expect(cells).toContain('+1+2')
    expect(cells).toContain('@SUM(A1:A9)')
  })

  it('permissions: export:read for reports, audit:read for the audit workbook; unknown kinds 404; no session → login', async () => {
    const admin = await loginAs(t.db, 'admin')
    const kabid = await loginAs(t.db, 'kabid.ikp')
    const status = async (path: string, cookie: string | undefined, jenis: string) =>
      (await callLoader(laporanLoader, path, { session: cookie, params: { jenis } })).response?.status
    expect(await status('/laporan/e81.xlsx', admin.cookie, 'e81.xlsx')).toBe(403)
    expect(await status('/laporan/audit.xlsx', admin.cookie, 'audit.xlsx')).toBe(200)
    expect(await status('/laporan/e81.xlsx', kabid.cookie, 'e81.xlsx')).toBe(200)
    expect(await status('/laporan/audit.xlsx', kabid.cookie, 'audit.xlsx')).toBe(403)
    expect(await status('/laporan/templat-renstra.xlsx', kabid.cookie, 'templat-renstra.xlsx')).toBe(403)
    expect(await status('/laporan/templat-realisasi.xlsx', auditor.cookie, 'templat-realisasi.xlsx')).toBe(403)
    expect(await status('/laporan/apa.xlsx', auditor.cookie, 'apa.xlsx')).toBe(404)
    const anon = await callLoader(laporanLoader, '/laporan/e81.xlsx', { params: { jenis: 'e81.xlsx' } })
    expect(anon.response?.status).toBe(302)
    expect(anon.response?.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    // bad input → 400 in Indonesian
    const bad = await download('/laporan/e81.xlsx?tahun=20x5', auditor.cookie, 'e81.xlsx')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/Tahun "20x5" tidak valid/)
    const foreignUnit = await download('/laporan/e81.xlsx?tahun=2025&unit=999999', auditor.cookie, 'e81.xlsx')
    expect(foreignUnit.status).toBe(400)
    // the page itself
    const page = await loadData(laporanPageLoader, '/laporan?tahun=2025&triwulan=4', { session: kabid })
    expect(page.period).toEqual({ year: 2025, quarter: 4, kind: 'triwulan' })
    expect(page.units.map((u) => u.name)).toContain('Bidang Informasi dan Komunikasi Publik')
    expect(page.can).toEqual({ audit: false, realisasi: true, renstra: false })
    const adminPage = await callLoader(laporanPageLoader, '/laporan', { session: admin })
    expect(adminPage.response?.status).toBe(403)
  })

  it('API: the same workbooks with a token or a session; audit refused to tokens; 401 without either', async () => {
    const admin = await t.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    const token = 'tok-excel-export-test'
    await t.db
      .insertInto('api_token')
      .values({ name: 'Excel', token_hash: hashApiToken(token), opd_id: opdId, created_by: admin.id, created_at: toDbTime(ASOF), last_used_at: null, revoked_at: null })
      .execute()
    const call = (path: string, jenis: string, headers: Record<string, string>) => callLoader(apiLoader, path, { headers, params: { jenis } })
    const bearer = { Authorization: `Bearer ${token}` }
    const ok = await call('/api/v1/laporan/e81.xlsx?tahun=2025&triwulan=4', 'e81.xlsx', bearer)
    expect(ok.response?.status).toBe(200)
    expect(ok.response?.headers.get('Content-Type')).toBe(XLSX_MIME)
    const ws = (await open(await ok.response!.arrayBuffer())).getWorksheet('E.81')!
    expect(ws.getCell(rowOfCode(ws, 5, 'IKP-02'), 20).value).toBe(702)
    expect((await call('/api/v1/laporan/rekap.xlsx?tahun=2025', 'rekap.xlsx', bearer)).response?.status).toBe(200)
    const audit = await call('/api/v1/laporan/audit.xlsx', 'audit.xlsx', bearer)
    expect(audit.response?.status).toBe(403)
    expect((await audit.response!.json()).error).toMatch(/audit/)
    const bad = await call('/api/v1/laporan/e81.xlsx?triwulan=7', 'e81.xlsx', bearer)
    expect(bad.response?.status).toBe(400)
    expect((await bad.response!.json()).error).toMatch(/Triwulan "7" tidak valid/)
    expect((await call('/api/v1/laporan/templat-realisasi.xlsx', 'templat-realisasi.xlsx', bearer)).response?.status).toBe(404)
    expect((await call('/api/v1/laporan/e81.xlsx', 'e81.xlsx', {})).response?.status).toBe(401)
    const session = await call('/api/v1/laporan/audit.xlsx', 'audit.xlsx', { Cookie: auditor.cookie })
    expect(session.response?.status).toBe(200)
    // read to the end (the workbook is streamed): a whole workbook with its audit sheet
    expect((await open(await session.response!.arrayBuffer())).getWorksheet('Jejak Audit')).toBeDefined()
  })

  it('audit workbook: a reader who has left stops the export (ExportAborted before the first page; after the first bytes it ends, never waits for ever); one who stays gets every row', async () => {
    const gone = new PassThrough()
    gone.destroy()
    const written = writeAuditWorkbook(t.db, { opdId, unitId: null, asOf: ASOF }, gone)
    await expect(written).rejects.toBeInstanceOf(ExportAborted)
    // a reader who leaves after the first bytes: the export ends (done or aborted), it does not wait for ever
    const leaving = new PassThrough()
    leaving.once('data', () => leaving.destroy())
    const outcome = await Promise.race([
      writeAuditWorkbook(t.db, { opdId, unitId: null, asOf: ASOF }, leaving).then(
        () => 'done',
        (e: unknown) => (e instanceof ExportAborted ? 'aborted' : String(e)),
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 15 s'), 15_000)),
    ])
    expect(['done', 'aborted']).toContain(outcome)
    // a reader who stays gets every page (the same call, an open stream)
    const kept = await auditWorkbookBuffer(t.db, { opdId, unitId: null, asOf: ASOF })
    const realisasi = (await new ExcelJS.Workbook().xlsx.load(arrayBufferOf(kept))).getWorksheet('Realisasi')!
    const rows = Number(
      (
        await t.db
          .selectFrom('realisasi as r')
          .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
          .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('p.opd_id', '=', opdId)
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(rows).toBeGreaterThan(0)
    expect(realisasi.actualRowCount - 1).toBe(rows)
  })

  it('export registry: every kind is served by its own builder (file name, sheets); the API and the /laporan buttons read the registry; unknown kinds 404', async () => {
    // A Record over every kind: a kind added to the registry must be added here too (tsc).
    const expected: Record<ExportKind, { user: string; query: string; file: RegExp; sheet: string }> = {
      e81: { user: 'auditor', query: 'tahun=2025&triwulan=4', file: /^E81_/, sheet: 'E.81' },
      e80: { user: 'auditor', query: 'tahun=2025&triwulan=4', file: /^E80_/, sheet: 'E.80' },
      'e81-kota': { user: 'bappeda', query: 'tahun=2025&triwulan=4', file: /^E81-Kota_/, sheet: 'E.81' },
      rekap: { user: 'auditor', query: 'tahun=2025&triwulan=4', file: /^Rekap_Strategi_/, sheet: 'Matriks' },
      audit: { user: 'auditor', query: '', file: /^Audit_/, sheet: 'Jejak Audit' },
      'templat-realisasi': { user: 'kabid.ikp', query: 'tahun=2026&triwulan=4', file: /^Templat_Realisasi_/, sheet: 'Realisasi' },
      'templat-renstra': { user: 'perencanaan', query: 'tahun=2026', file: /^Renstra_/, sheet: 'Indikator' },
    }
    expect(Object.keys(EXPORTS)).toEqual([...EXPORT_KINDS])
    // one builder per kind: none shared, none falling through to another
    expect(new Set(EXPORT_KINDS.map((k) => EXPORTS[k].build)).size).toBe(EXPORT_KINDS.length)
    const seenFiles = new Set<string>()
    for (const k of EXPORT_KINDS) {
      const s = await loginAs(t.db, expected[k].user)
      const res = await download(`/laporan/${k}.xlsx?${expected[k].query}`, s.cookie, `${k}.xlsx`)
      expect(res.status, k).toBe(200)
      const cd = res.headers.get('Content-Disposition') ?? ''
      const file = /filename="([^"]+)"/.exec(cd)![1]!
      expect(file, k).toMatch(expected[k].file)
      seenFiles.add(file.split('_')[0]!)
      const wb = await open(await res.arrayBuffer())
      expect(
        wb.worksheets.map((w) => w.name),
        k,
      ).toContain(expected[k].sheet)
    }
    expect(seenFiles.size).toBe(EXPORT_KINDS.length)

    // the API: 404 for kinds not served there, 403 to tokens where the registry says so
    const admin = await t.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    const token = 'tok-export-registry-test'
    await t.db
      .insertInto('api_token')
      .values({ name: 'Registri', token_hash: hashApiToken(token), opd_id: opdId, created_by: admin.id, created_at: toDbTime(ASOF), last_used_at: null, revoked_at: null })
      .execute()
    const call = (k: string, headers: Record<string, string>) =>
      callLoader(apiLoader, `/api/v1/laporan/${k}.xlsx?tahun=2025&triwulan=4`, { headers, params: { jenis: `${k}.xlsx` } })
    for (const k of EXPORT_KINDS) {
      const spec: ExportSpec = EXPORTS[k]
      const r = await call(k, { Authorization: `Bearer ${token}` })
      // the token is tied to one OPD: the city bundle is refused (403)
      expect(r.response?.status, k).toBe(!spec.api ? 404 : spec.tokenAllowed && !spec.cityOnly ? 200 : 403)
    }
    expect(EXPORT_KINDS.filter((k) => EXPORTS[k].api && !EXPORTS[k].tokenAllowed)).toEqual(['audit'])
    // unknown kinds: 404 on /laporan and on the API
    expect((await callLoader(laporanLoader, '/laporan/e82.xlsx', { session: auditor.cookie, params: { jenis: 'e82.xlsx' } })).response?.status).toBe(404)
    expect((await call('e82', { Authorization: `Bearer ${token}` })).response?.status).toBe(404)

    // the /laporan buttons: the kinds with a button the user's role may download
    const buttons = async (user: string) => {
      const s = await loginAs(t.db, user)
      const page = await loadData(laporanPageLoader, '/laporan', { session: s })
      return page.downloads.map((b) => b.action)
    }
    expect(await buttons('auditor')).toEqual(['/laporan/e81.xlsx', '/laporan/e80.xlsx', '/laporan/rekap.xlsx', '/laporan/audit.xlsx'])
    expect(await buttons('kabid.ikp')).toEqual(['/laporan/e81.xlsx', '/laporan/e80.xlsx', '/laporan/rekap.xlsx'])
  })

  it('city level: one E.81 sheet per OPD', async () => {
    // a second, minimal OPD with one indicator
    const t0 = toDbTime(ASOF)
    const opd2 = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({
            parent_id: null,
            kind: 'opd',
            code: 'BAPPEDA-UJI',
            name: 'Badan Perencanaan Pembangunan Daerah Kota Uji',
            short_name: 'Bappeda Uji',
            city: 'Uji',
            sort_order: 9,
            created_at: t0,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const unit2 = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({ parent_id: opd2, kind: 'bidang', code: 'BAPPEDA-UJI-P', name: 'Bidang Perencanaan', short_name: 'Perencanaan', city: null, sort_order: 1, created_at: t0 })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const period2 = Number(
      (
        await t.db
          .insertInto('renstra_period')
          .values({ opd_id: opd2, name: 'Renstra 2021–2026', start_year: 2021, end_year: 2026, closed: 0, created_at: t0 })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const ind = Number(
      (
        await t.db
          .insertInto('indicator')
          .values({
            period_id: period2,
            sasaran_id: null,
            program_id: null,
            unit_id: unit2,
            code: 'BP-01',
            name: 'Dokumen perencanaan tepat waktu',
            satuan: 'dokumen',
            polarity: 'naik',
            pola_ukur: 'kumulatif',
            aspect: 'pengelolaan',
            strategy: 'inti',
            weight: 1,
            baseline: null,
            baseline_year: null,
            target_akhir: 24,
            min_value: 0,
            max_value: null,
            definition: null,
            sort_order: 1,
            version: 1,
            created_at: t0,
            updated_at: t0,
            deleted_at: null,
            deleted_reason: null,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    await t.db.insertInto('indicator_target').values({ indicator_id: ind, year: 2025, target: 4 }).execute()
    await t.db.insertInto('realisasi').values({ indicator_id: ind, year: 2025, quarter: 1, value: 1, status: 'diverifikasi', created_at: t0, updated_at: t0 }).execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    const f = await buildE81Workbook(t.db, { opdId: null, unitId: null, period: FULL_2025, asOf: ASOF })
    expect(f.filename).toBe('E81_semua-opd_2025_TWIV.xlsx')
    const wb = await open(f.buffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Diskominfotiksan Kota Dumai', 'Bappeda Uji'])
    const ws2 = wb.getWorksheet('Bappeda Uji')!
    const r = rowOfCode(ws2, 5, 'BP-01')
    expect(ws2.getCell(r, 12).value).toBe(1)
    expect(ws2.getCell(r, 20).value).toBe(1)
    expect(text(ws2.getCell(r, 2).value)).toBe('(tanpa sasaran)')
    expect(allText(ws2)).toContain('Uji, 29 November 2026')
  })
})
