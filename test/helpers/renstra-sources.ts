// Workbooks shaped like the Renstra sources an OPD holds (domain.md §8), built with ExcelJS from
// their column lists and filled with the Dumai demo IKU: a T-C.28 table (indicators with the
// condition at the start and a target per year), and a SIPD-RI Renstra list (kode_skpd,
// tujuan_teks, sasaran_teks, indikator_teks, satuan, target_awal, target_1…target_5, target_akhir,
// pagu_1…pagu_5, programme codes, tahun_awal, tahun_akhir). Used by the integration tests and
// reusable by an end-to-end test. All numbers are the demo's invented ones.
import ExcelJS from 'exceljs'
import { DEMO_INDICATORS, DEMO_OPD, DEMO_PROGRAMS, DEMO_TUJUAN, type DemoIndicator } from '../../seeds/demo-data.js'

export type CellOverride = { row: number; column: string; value: ExcelJS.CellValue }

/** The demo IKU ordered by tujuan and sasaran (through their programme), as the tables list them. */
export function demoIkuBySasaran(): { tujuan: string; sasaran: string; ind: DemoIndicator }[] {
  const out: { tujuan: string; sasaran: string; ind: DemoIndicator }[] = []
  for (const t of DEMO_TUJUAN) {
    for (const s of t.sasaran) {
      for (const ind of DEMO_INDICATORS) {
        const p = DEMO_PROGRAMS.find((x) => x.code === ind.program)
        if (p?.sasaran === s.code) out.push({ tujuan: t.name, sasaran: s.name, ind })
      }
    }
  }
  return out
}

/** The Permendagri 90/2019 program code of a demo programme ("2.16.02-K" → "2.16.02"). */
export const nomenclatureProgram = (code: string) => code.replace(/-[A-Z]$/, '')

export const TC28_COLUMNS = [
  'No',
  'Tujuan',
  'Sasaran',
  'Kode Indikator',
  'Indikator Kinerja',
  'Satuan',
  'Kode Unit',
  'Kondisi Kinerja pada Awal Periode RPJMD',
  'Tahun 1',
  'Tahun 2',
  'Tahun 3',
  'Tahun 4',
  'Tahun 5',
  'Tahun 6',
  'Kondisi Kinerja pada Akhir Periode RPJMD',
] as const

export interface Tc28Options {
  /** Defaults to every demo IKU. */
  rows?: { tujuan: string; sasaran: string; ind: DemoIndicator }[]
  /** Replace some titles (wrong-columns tests), e.g. { 'Satuan': 'Ukuran' }. */
  renameColumns?: Record<string, string>
  /** Change cells after filling: row = 1-based data row (1 = first indicator). */
  overrides?: CellOverride[]
}

export const TC28_HEADER_ROW = 4

/** A T-C.28 export: two title rows, a blank row, the header on row 4, one row per indicator. */
export async function buildTc28Workbook(opts: Tc28Options = {}): Promise<Buffer> {
  const rows = opts.rows ?? demoIkuBySasaran()
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('T-C.28')
  ws.getCell(1, 1).value = 'Tabel T-C.28 Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD'
  ws.getCell(2, 1).value = DEMO_OPD.name
  const titles = TC28_COLUMNS.map((t) => opts.renameColumns?.[t] ?? t)
  titles.forEach((t, i) => (ws.getCell(TC28_HEADER_ROW, i + 1).value = t))
  let lastTujuan = ''
  let lastSasaran = ''
  rows.forEach((r, n) => {
    const values: ExcelJS.CellValue[] = [
      n + 1,
      r.tujuan === lastTujuan ? null : r.tujuan, // merged in the document: only the first row holds it
      r.sasaran === lastSasaran ? null : r.sasaran,
      r.ind.code,
      r.ind.name,
      r.ind.satuan,
      r.ind.unit,
      r.ind.baseline,
      ...r.ind.targets,
      r.ind.targets[r.ind.targets.length - 1]!,
    ]
    lastTujuan = r.tujuan
    lastSasaran = r.sasaran
    values.forEach((v, i) => (ws.getCell(TC28_HEADER_ROW + 1 + n, i + 1).value = v))
  })
  applyOverrides(ws, TC28_HEADER_ROW, titles, opts.overrides)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const SIPD_COLUMNS = [
  'kode_skpd',
  'tahun_awal',
  'tahun_akhir',
  'tujuan_teks',
  'sasaran_teks',
  'kode_program',
  'nama_program',
  'kode_kegiatan',
  'nama_kegiatan',
  'kode_sub_kegiatan',
  'nama_sub_kegiatan',
  'indikator_teks',
  'satuan',
  'target_awal',
  'target_1',
  'target_2',
  'target_3',
  'target_4',
  'target_5',
  'target_akhir',
  'pagu_1',
  'pagu_2',
  'pagu_3',
  'pagu_4',
  'pagu_5',
] as const

/** SIPD writes targets as text with "." as the decimal separator; persen targets carry "%". */
export const sipdText = (v: number, satuan: string) => `${String(v)}${satuan === 'persen' ? '%' : ''}`

/**
 * Invented pagu of the n-th SIPD row (0-based) in year slot k (1..5): (n + 1) × 100 000 000 +
 * k × 5 000 000 rupiah — easy to recompute in a test.
 */
export const sipdPagu = (n: number, k: number) => (n + 1) * 100_000_000 + k * 5_000_000

export interface SipdOptions {
  rows?: { tujuan: string; sasaran: string; ind: DemoIndicator }[]
  tahunAwal?: number
  tahunAkhir?: number
  renameColumns?: Record<string, string>
  overrides?: CellOverride[]
}

/**
 * A SIPD-RI Renstra list: header on row 1, one row per indicator; the n-th row's sub kegiatan is
 * `<program>.2.01.<n+1 as 4 digits>` under kegiatan `<program>.2.01`, and carries the row's pagu.
 */
export async function buildSipdWorkbook(opts: SipdOptions = {}): Promise<Buffer> {
  const rows = opts.rows ?? demoIkuBySasaran()
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('renstra')
  const titles = SIPD_COLUMNS.map((t) => opts.renameColumns?.[t] ?? t)
  titles.forEach((t, i) => (ws.getCell(1, i + 1).value = t))
  rows.forEach((r, n) => {
    const prog = nomenclatureProgram(r.ind.program)
    const p = DEMO_PROGRAMS.find((x) => x.code === r.ind.program)!
    const values: ExcelJS.CellValue[] = [
      '2.16.2.20.2.21.01.0000',
      opts.tahunAwal ?? 2021,
      opts.tahunAkhir ?? 2026,
      r.tujuan,
      r.sasaran,
      prog,
      p.name.replace(/ \(.*\)$/, ''),
      `${prog}.2.01`,
      `Kegiatan ${p.name.replace(/^Program /, '').replace(/ \(.*\)$/, '')}`,
      `${prog}.2.01.${String(n + 1).padStart(4, '0')}`,
      `Sub kegiatan untuk ${r.ind.code}`,
      r.ind.name,
      r.ind.satuan,
      sipdText(r.ind.baseline, r.ind.satuan),
      ...r.ind.targets.slice(0, 5).map((v) => sipdText(v, r.ind.satuan)),
      sipdText(r.ind.targets[5]!, r.ind.satuan),
      ...[1, 2, 3, 4, 5].map((k) => sipdPagu(n, k)),
    ]
    values.forEach((v, i) => (ws.getCell(2 + n, i + 1).value = v))
  })
  applyOverrides(ws, 1, titles, opts.overrides)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function applyOverrides(ws: ExcelJS.Worksheet, headerRow: number, titles: readonly string[], overrides: CellOverride[] | undefined) {
  for (const o of overrides ?? []) {
    const c = titles.indexOf(o.column)
    if (c < 0) throw new Error(`column ${o.column} not in the fixture`)
    ws.getCell(headerRow + o.row, c + 1).value = o.value
  }
}

export const TC27_COLUMNS = [
  'Kode',
  'Program, Kegiatan dan Sub Kegiatan',
  'Indikator Kinerja Program (outcome)/Kegiatan (output)',
  'Satuan',
  'Kondisi Kinerja pada Awal Periode Renstra',
  'Target Tahun 1',
  'Pagu Tahun 1',
  'Target Tahun 2',
  'Pagu Tahun 2',
  'Target Tahun 3',
  'Pagu Tahun 3',
] as const

/** One programme → kegiatan → sub kegiatan of the T-C.27 fixture (invented, labelled as such). */
export const TC27_ROWS: (string | number)[][] = [
  ['2.16.04', 'Program Penyelenggaraan Infrastruktur Digital (contoh)', 'Persentase OPD terlayani jaringan', 'persen', 60, 70, 1_000_000_000, 80, 1_100_000_000, 90, 1_200_000_000],
  ['2.16.04.2.01', 'Pengelolaan Jaringan Intra Pemerintah (contoh)', 'Jumlah titik jaringan terpasang', 'titik', 20, 30, 600_000_000, 40, 650_000_000, 50, 700_000_000],
  ['2.16.04.2.01.0001', 'Pemeliharaan Perangkat Jaringan (contoh)', 'Jumlah perangkat dipelihara', 'unit', 100, 120, 250_000_000, 140, 275_000_000, 160, 300_000_000],
]

/** A T-C.27 export: title on row 1, header on row 3, rows ordered program → kegiatan → sub kegiatan. */
export async function buildTc27Workbook(rows: (string | number)[][] = TC27_ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('T-C.27')
  ws.getCell(1, 1).value = 'Tabel T-C.27 Rencana Program, Kegiatan, dan Pendanaan'
  TC27_COLUMNS.forEach((t, i) => (ws.getCell(3, i + 1).value = t))
  rows.forEach((r, n) => r.forEach((v, i) => (ws.getCell(4 + n, i + 1).value = v)))
  return Buffer.from(await wb.xlsx.writeBuffer())
}
