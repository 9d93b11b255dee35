// The quarterly realisation template of a kepala bidang: his unit's indicators, targets, current
// values and each row's version in a hidden column, filled offline and uploaded back. The column
// titles are the contract with the importer (import-realisasi.server.ts).
import ExcelJS from 'exceljs'
import type { Executor } from '../../../utils/db.server'
import { dueDateLabel, romanQuarter, type Quarter } from '../../../domain'
import { getSettings } from '../../../models/settings.server'
import { unitHeading } from '../../../models/organisation.server'
import { indicatorsOfUnits, realisasiOfYear, targetsOf, unitWithDescendants } from '../../../models/realisasi.server'
import { POLA_UKUR_LABELS, WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../../../domain/labels'
import { EDITABLE_FILL, GENERAL_FMT, numFmtFor, slug, stampWorkbook, workbookBuffer } from '../style.server'
import { putValue, writeHeaderRow, type CellValue, type Col } from '../table.server'
import type { BuiltFile } from '../form-sheet.server'
import { fitRowHeight, setTemplateColumns, widthOf, writeTitleRows, type TitleLine } from './common.server'

// ---------------------------------------------------------------------------
// Realisation template
// ---------------------------------------------------------------------------

/** Column titles of the realisation template (the importer matches on these). */
export const RT = {
  code: 'Kode indikator',
  name: 'Indikator',
  satuan: 'Satuan',
  polarity: 'Polaritas',
  pola: 'Pola ukur',
  annualTarget: 'Target tahun',
  quarterTarget: 'Target triwulan',
  previous: 'Realisasi TW',
  value: 'Nilai realisasi',
  tidakDiukur: 'Tidak diukur',
  buktiText: 'Bukti dukung',
  buktiLink: 'Tautan bukti',
  kendala: 'Kendala',
  tindakLanjut: 'Tindak lanjut',
  status: 'Status saat diunduh',
  returnNote: 'Catatan pengembalian',
  id: 'ID indikator',
  version: 'Versi',
  year: 'Tahun',
  quarter: 'Triwulan',
} as const

export const REALISASI_SHEET = 'Realisasi'
export const TEMPLATE_HEADER_ROW = 6

export interface RealisasiTemplateScope {
  /** The kepala bidang's unit (its descendants are included). */
  unitId: number
  year: number
  quarter: Quarter
  asOf: Date
}

type RealisasiCol = Col & { key: string; editable?: boolean; hidden?: boolean }

/** The template's columns: the earlier quarters' values are shown for reference, ids hidden. */
function realisasiCols(year: number, quarter: Quarter, prevQuarters: readonly Quarter[]): RealisasiCol[] {
  return [
    { key: 'code', header: RT.code, width: 11, kind: 'code' },
    { key: 'name', header: RT.name, width: 42 },
    { key: 'satuan', header: RT.satuan, width: 10 },
    { key: 'polarity', header: RT.polarity, width: 10 },
    { key: 'pola', header: RT.pola, width: 12 },
    { key: 'annual', header: `${RT.annualTarget} ${year}`, width: 11, kind: 'num' },
    { key: 'qtarget', header: `${RT.quarterTarget} ${romanQuarter(quarter)}`, width: 11, kind: 'num' },
    ...prevQuarters.map((q) => ({ key: `prev${q}`, header: `${RT.previous} ${romanQuarter(q)}`, width: 10, kind: 'num' as const })),
    { key: 'value', header: `${RT.value} TW ${romanQuarter(quarter)} ${year}`, width: 13, kind: 'num', editable: true },
    { key: 'tidak', header: `${RT.tidakDiukur} (isi "Ya")`, width: 10, kind: 'code', editable: true },
    { key: 'bukti', header: `${RT.buktiText} (teks)`, width: 34, editable: true },
    { key: 'link', header: `${RT.buktiLink} (http/https)`, width: 28, editable: true },
    { key: 'kendala', header: RT.kendala, width: 34, editable: true },
    { key: 'tl', header: RT.tindakLanjut, width: 34, editable: true },
    { key: 'status', header: RT.status, width: 13 },
    { key: 'note', header: RT.returnNote, width: 26 },
    { key: 'id', header: RT.id, width: 8, kind: 'int', hidden: true },
    { key: 'version', header: RT.version, width: 6, kind: 'int', hidden: true },
    { key: 'year', header: RT.year, width: 6, kind: 'int', hidden: true },
    { key: 'quarter', header: RT.quarter, width: 6, kind: 'int', hidden: true },
  ]
}

/** What the template needs from the database: the unit, its indicators, targets and values of the year. */
async function loadTemplateData(db: Executor, scope: RealisasiTemplateScope) {
  const { year } = scope
  const unit = await unitHeading(db, scope.unitId)
  const units = await unitWithDescendants(db, scope.unitId)
  const indicators = await indicatorsOfUnits(db, units, year)
  const ids = indicators.map((i) => i.id)
  const { annual, quarterly } = await targetsOf(db, ids, year)
  const rows = await realisasiOfYear(db, ids, year)
  const byKey = new Map(rows.map((r) => [`${r.indicator_id}|${r.quarter}`, r]))
  return { unit, indicators, annual, quarterly, byKey }
}

type TemplateData = Awaited<ReturnType<typeof loadTemplateData>>

/** One indicator's row, keyed like the columns. */
function rowValues(data: TemplateData, ind: TemplateData['indicators'][number], year: number, quarter: Quarter, prevQuarters: readonly Quarter[]): Record<string, CellValue> {
  const cur = data.byKey.get(`${ind.id}|${quarter}`)
  const qt = data.quarterly.get(ind.id)?.[`${year}-${quarter}`]
  const a = data.annual.get(ind.id)
  const quarterTarget = qt ?? (a === undefined ? null : ind.pola_ukur === 'kumulatif' ? a / 4 : a)
  const values: Record<string, CellValue> = {
    code: ind.code,
    name: ind.name,
    satuan: ind.satuan,
    polarity: ind.polarity,
    pola: POLA_UKUR_LABELS[ind.pola_ukur],
    annual: a ?? null,
    qtarget: quarterTarget,
    value: cur?.value == null ? null : Number(cur.value),
    tidak: cur?.tidak_diukur ? 'Ya' : null,
    bukti: cur?.bukti_text ?? null,
    link: cur?.bukti_link ?? null,
    kendala: cur?.kendala ?? null,
    tl: cur?.tindak_lanjut ?? null,
    status: cur ? (STATUS_LABELS[cur.status] ?? cur.status) : 'Belum diisi',
    note: cur?.return_note ?? null,
    id: ind.id,
    version: cur?.version ?? null,
    year,
    quarter,
  }
  for (const q of prevQuarters) {
    const p = data.byKey.get(`${ind.id}|${q}`)
    values[`prev${q}`] = p?.tidak_diukur ? 'tidak diukur' : p?.value == null ? null : Number(p.value)
  }
  return values
}

function writeRow(row: ExcelJS.Row, cols: readonly RealisasiCol[], values: Record<string, CellValue>) {
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1)
    const v = values[c.key]
    putValue(cell, c, v)
    // The value the user types shows as typed (General); the others exactly, without a bare separator.
    if (c.kind === 'num') cell.numFmt = c.editable ? GENERAL_FMT : numFmtFor(typeof v === 'number' ? v : null)
    if (c.editable) {
      cell.fill = EDITABLE_FILL
      cell.protection = { locked: false }
    }
    if (c.key === 'tidak')
      cell.dataValidation = { type: 'list', allowBlank: true, formulae: ['"Ya,Tidak"'], showErrorMessage: true, errorTitle: 'Tidak diukur', error: 'Isi "Ya" atau kosongkan.' }
  })
  fitRowHeight(row, cols, values)
}

export async function buildRealisasiTemplate(db: Executor, scope: RealisasiTemplateScope): Promise<BuiltFile> {
  const settings = (await getSettings(db)).scoring
  const { year, quarter } = scope
  const data = await loadTemplateData(db, scope)
  const { unit, indicators } = data

  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, `Templat realisasi ${unit?.name ?? ''} TW ${romanQuarter(quarter)} ${year}`, scope.asOf)
  const ws = wb.addWorksheet(REALISASI_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: TEMPLATE_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })

  const prevQuarters = ([1, 2, 3, 4] as const).filter((q) => q < quarter)
  const cols = realisasiCols(year, quarter, prevQuarters)
  setTemplateColumns(ws, cols)
  const title: TitleLine[] = [
    [`TEMPLAT REALISASI TRIWULAN ${romanQuarter(quarter)} TAHUN ${year}`, 13, true],
    [`${unit?.name ?? ''}`, 11, true],
    [`Batas pengisian: ${dueDateLabel(year, quarter, settings.deadlineDays)}. Diunduh ${scope.asOf.toISOString().slice(0, 10)}.`, 10, false],
    [
      'Isi hanya kolom berlatar kuning. Desimal boleh koma atau titik (12,5 atau 12.5), tanpa pemisah ribuan. Jangan menulis rumus, jangan mengubah kode indikator, dan jangan menghapus kolom tersembunyi (ID dan versi). Unggah kembali di menu Impor Realisasi: aplikasi menampilkan pratinjau sebelum menyimpan.',
      9,
      false,
    ],
  ]
  writeTitleRows(ws, title, 12, widthOf(cols, 12))

  writeHeaderRow(ws, TEMPLATE_HEADER_ROW, cols)
  cols.forEach((c, i) => {
    if (c.editable) ws.getCell(TEMPLATE_HEADER_ROW, i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5D76E' } }
  })

  let r = TEMPLATE_HEADER_ROW
  for (const ind of indicators) writeRow(ws.getRow(++r), cols, rowValues(data, ind, year, quarter, prevQuarters))
  if (indicators.length === 0) {
    ws.getCell(TEMPLATE_HEADER_ROW + 1, 1).value = 'Tidak ada indikator untuk unit dan tahun ini.'
  }
  ws.autoFilter = { from: { row: TEMPLATE_HEADER_ROW, column: 1 }, to: { row: Math.max(r, TEMPLATE_HEADER_ROW), column: cols.length } }

  const filename = `Templat_Realisasi_${slug(unit?.short_name ?? unit?.name ?? 'unit')}_${year}_TW${romanQuarter(quarter)}.xlsx`
  return { buffer: await workbookBuffer(wb), filename }
}
