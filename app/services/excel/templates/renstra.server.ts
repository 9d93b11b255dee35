// The Renstra workbook of perencanaan: indicators with their mapping and annual targets. The
// column titles are the contract with the importer (import-renstra.server.ts).
import ExcelJS from 'exceljs'
import type { Executor } from '../../../utils/db.server'
import { ASPECTS, STRATEGIES, POLA_UKUR, POLARITIES } from '../../../domain'
import { unitWithDescendants } from '../../../models/realisasi.server'
import { ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_SHORT } from '../../../domain/labels'
import { exportText } from '../safety.server'
import { FONT_BOLD, numFmtFor, slug, stampWorkbook, workbookBuffer } from '../style.server'
import { putValue, writeHeaderRow, type CellValue, type Col } from '../table.server'
import type { BuiltFile } from '../form-sheet.server'
import { fitRowHeight, setTemplateColumns, widthOf, writeTitleRows, type TitleLine } from './common.server'
import { periodHeadersOfOpd, type PeriodRow } from '../../../models/renstra.server'
import { annualTargetsOfIndicators, liveIndicatorsOfPeriod, liveProgramsOfPeriod, liveSasaranWithTujuanCode } from '../../../models/renstra-content.server'
import { getOpdNamesOrThrow, nonOpdUnitsAmong } from '../../../models/organisation.server'

// ---------------------------------------------------------------------------
// Renstra workbook
// ---------------------------------------------------------------------------

/** Column titles of the Renstra workbook (the importer matches on these). */
export const RS = {
  code: 'Kode',
  name: 'Nama indikator',
  satuan: 'Satuan',
  polarity: 'Polaritas',
  pola: 'Pola ukur',
  aspect: 'Aspek',
  strategy: 'Strategi',
  weight: 'Bobot',
  unit: 'Kode unit',
  sasaran: 'Kode sasaran',
  program: 'Kode program',
  baseline: 'Baseline',
  baselineYear: 'Tahun baseline',
  targetAkhir: 'Target akhir',
  min: 'Nilai minimum',
  max: 'Nilai maksimum',
  definition: 'Definisi',
  target: 'Target',
  id: 'ID indikator',
  version: 'Versi',
  period: 'ID periode',
} as const

export const RENSTRA_SHEET = 'Indikator'
export const RENSTRA_HEADER_ROW = 6

/** A Renstra period as the templates read it (models/renstra's row without its creation time). */
export type RenstraPeriodRow = Omit<PeriodRow, 'created_at'>

/** The Renstra period of an OPD containing `year` (else the latest). */
export async function renstraPeriodOf(db: Executor, opdId: number, year: number): Promise<RenstraPeriodRow | null> {
  const periods = await periodHeadersOfOpd(db, opdId)
  return periods.find((p) => p.start_year <= year && year <= p.end_year) ?? periods[0] ?? null
}

/** Units of an OPD a Renstra indicator may point to (everything below the OPD). */
export async function unitsOfOpd(db: Executor, opdId: number) {
  return nonOpdUnitsAmong(db, await unitWithDescendants(db, opdId))
}

/** "DKISP-DUMAI-IKP" → "IKP" when the OPD code prefixes it. */
export function shortUnitCode(code: string, opdCode: string): string {
  return code.startsWith(`${opdCode}-`) ? code.slice(opdCode.length + 1) : code
}

/** The period's indicators, sasaran, programs and annual targets (none without a period). */
async function loadRenstraContent(db: Executor, period: RenstraPeriodRow | null) {
  const indicators = period ? await liveIndicatorsOfPeriod(db, period.id) : []
  const sasaran = period ? await liveSasaranWithTujuanCode(db, period.id) : []
  const programs = period ? await liveProgramsOfPeriod(db, period.id) : []
  const targets = indicators.length
    ? await annualTargetsOfIndicators(
        db,
        indicators.map((i) => i.id),
      )
    : []
  return { indicators, sasaran, programs, targets }
}

type RenstraContent = Awaited<ReturnType<typeof loadRenstraContent>>
type RenstraCol = Col & { key: string; hidden?: boolean; list?: string }

/** The workbook's columns: one target column per year of the period, ids hidden. */
function renstraCols(years: readonly number[]): RenstraCol[] {
  return [
    { key: 'code', header: RS.code, width: 10, kind: 'code' },
    { key: 'name', header: RS.name, width: 44 },
    { key: 'satuan', header: RS.satuan, width: 10 },
    { key: 'polarity', header: RS.polarity, width: 9, list: POLARITIES.join(',') },
    { key: 'pola', header: RS.pola, width: 11, list: POLA_UKUR.join(',') },
    { key: 'aspect', header: RS.aspect, width: 12, list: ASPECTS.join(',') },
    { key: 'strategy', header: RS.strategy, width: 12, list: STRATEGIES.join(',') },
    { key: 'weight', header: RS.weight, width: 7, kind: 'num' },
    { key: 'unit', header: RS.unit, width: 9, kind: 'code' },
    { key: 'sasaran', header: RS.sasaran, width: 9, kind: 'code' },
    { key: 'program', header: RS.program, width: 11, kind: 'code' },
    { key: 'baseline', header: RS.baseline, width: 9, kind: 'num' },
    { key: 'baselineYear', header: RS.baselineYear, width: 9, kind: 'int' },
    { key: 'targetAkhir', header: RS.targetAkhir, width: 10, kind: 'num' },
    { key: 'min', header: RS.min, width: 9, kind: 'num' },
    { key: 'max', header: RS.max, width: 9, kind: 'num' },
    ...years.map((y) => ({ key: `t${y}`, header: `${RS.target} ${y}`, width: 9, kind: 'num' as const })),
    { key: 'definition', header: RS.definition, width: 30 },
    { key: 'id', header: RS.id, width: 7, kind: 'int', hidden: true },
    { key: 'version', header: RS.version, width: 6, kind: 'int', hidden: true },
    { key: 'period', header: RS.period, width: 7, kind: 'int', hidden: true },
  ]
}

/** Writes one row per indicator from the row after the header; returns the last row written. */
function writeIndicatorRows(
  ws: ExcelJS.Worksheet,
  cols: readonly RenstraCol[],
  content: RenstraContent,
  unitCode: Map<number, string>,
  period: RenstraPeriodRow | null,
  years: readonly number[],
): number {
  const targetOf = new Map(content.targets.map((t) => [`${t.indicator_id}|${t.year}`, Number(t.target)]))
  const sasaranCode = new Map(content.sasaran.map((s) => [s.id, s.code]))
  const programCode = new Map(content.programs.map((p) => [p.id, p.code]))
  let r = RENSTRA_HEADER_ROW
  for (const ind of content.indicators) {
    r++
    const v: Record<string, CellValue> = {
      code: ind.code,
      name: ind.name,
      satuan: ind.satuan,
      polarity: ind.polarity,
      pola: ind.pola_ukur,
      aspect: ind.aspect,
      strategy: ind.strategy,
      weight: Number(ind.weight),
      unit: unitCode.get(ind.unit_id) ?? String(ind.unit_id),
      sasaran: ind.sasaran_id == null ? null : (sasaranCode.get(ind.sasaran_id) ?? null),
      program: ind.program_id == null ? null : (programCode.get(ind.program_id) ?? null),
      baseline: ind.baseline == null ? null : Number(ind.baseline),
      baselineYear: ind.baseline_year,
      targetAkhir: ind.target_akhir == null ? null : Number(ind.target_akhir),
      min: ind.min_value == null ? null : Number(ind.min_value),
      max: ind.max_value == null ? null : Number(ind.max_value),
      definition: ind.definition,
      id: ind.id,
      version: ind.version,
      period: period?.id ?? null,
    }
    for (const y of years) v[`t${y}`] = targetOf.get(`${ind.id}|${y}`) ?? null
    const row = ws.getRow(r)
    cols.forEach((c, i) => {
      const value = v[c.key]
      putValue(row.getCell(i + 1), c, value)
      if (c.kind === 'num') row.getCell(i + 1).numFmt = numFmtFor(typeof value === 'number' ? value : null)
    })
    fitRowHeight(row, cols, v)
  }
  return r
}

/** Drop-down lists on the enum columns, also for `listRows` rows (room for rows added below). */
function addListValidation(ws: ExcelJS.Worksheet, cols: readonly RenstraCol[], listRows: number) {
  cols.forEach((c, i) => {
    if (!c.list) return
    for (let x = RENSTRA_HEADER_ROW + 1; x <= RENSTRA_HEADER_ROW + listRows; x++) {
      ws.getCell(x, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.list}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `Pilih salah satu: ${c.list}`,
      }
    }
  })
}

/** Sheet "Referensi": the accepted values of each coded column. */
function writeReferenceSheet(wb: ExcelJS.Workbook, units: { code: string; name: string }[], opdCode: string, content: RenstraContent, period: RenstraPeriodRow | null) {
  const ref = wb.addWorksheet('Referensi')
  ref.getColumn(1).width = 16
  ref.getColumn(2).width = 14
  ref.getColumn(3).width = 70
  let rr = 1
  const section = (title: string, items: [string, string][]) => {
    ref.getCell(rr, 1).value = title
    ref.getCell(rr, 1).font = FONT_BOLD
    rr++
    for (const [k, label] of items) {
      ref.getCell(rr, 2).value = exportText(k)
      ref.getCell(rr, 3).value = exportText(label)
      ref.getCell(rr, 3).alignment = { wrapText: true, vertical: 'top' }
      rr++
    }
    rr++
  }
  section(RS.polarity, [
    ['naik', 'makin tinggi makin baik'],
    ['turun', 'makin rendah makin baik'],
  ])
  section(
    RS.pola,
    POLA_UKUR.map((p) => [p, POLA_UKUR_LABELS[p]]),
  )
  section(
    RS.aspect,
    ASPECTS.map((a) => [a, ASPECT_SHORT[a]]),
  )
  section(
    RS.strategy,
    STRATEGIES.map((s) => [s, STRATEGY_SHORT[s]]),
  )
  section(
    RS.unit,
    units.map((u) => [shortUnitCode(u.code, opdCode), u.name]),
  )
  section(
    RS.sasaran,
    content.sasaran.map((s) => [s.code, `${s.name} (tujuan ${s.tujuan_code})`]),
  )
  section(
    RS.program,
    content.programs.map((p) => [p.code, p.name]),
  )
  section('Target', [
    [
      'Target YYYY',
      `Target tahunan untuk setiap tahun Renstra${period ? ` ${period.start_year}–${period.end_year}` : ''}. Kosongkan bila belum ditetapkan; mengosongkan target yang sudah ada menghapusnya.`,
    ],
  ])
}

export async function buildRenstraTemplate(db: Executor, opts: { opdId: number; year: number; asOf: Date }): Promise<BuiltFile> {
  const opd = await getOpdNamesOrThrow(db, opts.opdId)
  const period = await renstraPeriodOf(db, opts.opdId, opts.year)
  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, `Renstra ${opd.name}`, opts.asOf)
  const ws = wb.addWorksheet(RENSTRA_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: RENSTRA_HEADER_ROW }] })
  const years: number[] = []
  if (period) for (let y = period.start_year; y <= period.end_year; y++) years.push(y)

  const units = await unitsOfOpd(db, opts.opdId)
  const unitCode = new Map(units.map((u) => [u.id, shortUnitCode(u.code, opd.code)]))
  const content = await loadRenstraContent(db, period)

  const cols = renstraCols(years)
  setTemplateColumns(ws, cols)
  const title: TitleLine[] = [
    [`RENSTRA — INDIKATOR KINERJA DAN TARGET TAHUNAN`, 13, true],
    [`${opd.name}`, 11, true],
    [period ? `${period.name} (${period.start_year}–${period.end_year})` : 'Belum ada periode Renstra', 10, false],
    [
      'Satu baris per indikator. Kode baru = indikator baru; kode yang sudah ada = perubahan. Indikator yang tidak tercantum tidak diubah. Nilai isian polaritas, pola ukur, aspek, strategi, kode unit, sasaran dan program ada di lembar "Referensi". Desimal boleh koma atau titik; jangan menulis rumus.',
      9,
      false,
    ],
  ]
  writeTitleRows(ws, title, 14, widthOf(cols, 14), exportText)
  writeHeaderRow(ws, RENSTRA_HEADER_ROW, cols)

  const r = writeIndicatorRows(ws, cols, content, unitCode, period, years)
  addListValidation(ws, cols, Math.max(content.indicators.length + 200, 300))
  ws.autoFilter = { from: { row: RENSTRA_HEADER_ROW, column: 1 }, to: { row: Math.max(r, RENSTRA_HEADER_ROW), column: cols.length } }

  writeReferenceSheet(wb, units, opd.code, content, period)

  const filename = `Renstra_${slug(opd.short_name ?? opd.code)}${period ? `_${period.start_year}-${period.end_year}` : ''}.xlsx`
  return { buffer: await workbookBuffer(wb), filename }
}
