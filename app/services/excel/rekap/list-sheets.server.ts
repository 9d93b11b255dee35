// The list sheets of the Rekap workbook: "Perlu Perhatian" (the flags with their reasons),
// "Catatan Rapat" (the meeting notes of the period, compared with the computed cell) and
// "Rincian Indikator" (every indicator's detail with its quarters and Renstra progress).
import type ExcelJS from 'exceljs'
import { ASPECTS, FLAG_KIND_LABELS, romanQuarter, STRATEGIES, type Aspect, type IndicatorInput, type IndicatorResult, type Strategy } from '../../../domain'
import { ASPECT_SHORT, POLA_UKUR_LABELS, STRATEGY_LABELS, STRATEGY_SHORT } from '../../../domain/labels'
import { judgementDisagreement, JUDGEMENT_TEXT, isJudgement } from '../../../utils/notes'
import { paintPredikat } from '../style.server'
import { writeListTable, type CellValue, type Col } from '../table.server'
import { addRekapSheet, titleRows, type RekapData } from './common.server'

function indicatorCols(withOpd: boolean): Col[] {
  return [
    ...(withOpd ? [{ header: 'Perangkat daerah', width: 22 } as Col] : []),
    { header: 'Kode', width: 10, kind: 'code' },
    { header: 'Indikator', width: 44 },
    { header: 'Unit penanggung jawab', width: 18 },
    { header: 'Aspek', width: 13 },
    { header: 'Strategi', width: 13 },
    { header: 'Satuan', width: 10 },
    { header: 'Polaritas', width: 10 },
    { header: 'Pola ukur', width: 12 },
    { header: 'Bobot', width: 8, kind: 'num' },
    { header: 'Target periode', width: 12, kind: 'num' },
    { header: 'Realisasi periode', width: 12, kind: 'num' },
    { header: 'Capaian (%)', width: 11, kind: 'num' },
    { header: 'Capaian dibatasi (%)', width: 11, kind: 'num' },
    { header: 'Predikat', width: 13 },
    { header: 'Status', width: 14 },
  ]
}

function indicatorValues(ind: IndicatorInput, r: IndicatorResult, opdName: string | null, withOpd: boolean): CellValue[] {
  return [
    ...(withOpd ? [opdName] : []),
    ind.code,
    ind.name,
    ind.unitName,
    ASPECT_SHORT[ind.aspect],
    STRATEGY_SHORT[ind.strategy],
    ind.unit,
    ind.polarity === 'turun' ? 'Turun' : 'Naik',
    POLA_UKUR_LABELS[ind.polaUkur],
    ind.weight,
    r.target,
    r.realisasi,
    r.capaianRaw,
    r.capaianCapped,
    r.predikat?.label ?? '–',
    r.statusLabel,
  ]
}

export function writeFlags(wb: ExcelJS.Workbook, data: RekapData) {
  const ws = addRekapSheet(wb, 'Perlu Perhatian')
  const cols: Col[] = [
    { header: 'No', width: 5, kind: 'int' },
    { header: 'Jenis', width: 26 },
    { header: 'Aspek', width: 14 },
    { header: 'Strategi', width: 20 },
    { header: 'Indikator', width: 12, kind: 'code' },
    { header: 'Alasan', width: 90 },
  ]
  const r0 = titleRows(ws, data, 'AREA YANG PERLU PERHATIAN', cols.length)
  const rows = data.bundle.result.flags.map((f, i) => [
    i + 1,
    FLAG_KIND_LABELS[f.kind] ?? f.kind,
    f.aspect ? ASPECT_SHORT[f.aspect] : '–',
    f.strategy ? STRATEGY_LABELS[f.strategy] : '–',
    f.indicatorCode ?? '–',
    f.reason,
  ])
  if (rows.length === 0) rows.push(['', 'Tidak ada', '', '', '', 'Tidak ada sel atau indikator yang perlu perhatian pada periode ini.'] as never)
  writeListTable(ws, r0, cols, rows)
}

export function writeNotes(wb: ExcelJS.Workbook, data: RekapData) {
  const ws = addRekapSheet(wb, 'Catatan Rapat')
  const withOpd = data.scope.opdId == null
  const cols: Col[] = [
    ...(withOpd ? [{ header: 'Perangkat daerah', width: 22 } as Col] : []),
    { header: 'Aspek', width: 14 },
    { header: 'Strategi', width: 20 },
    { header: 'Penilaian rapat', width: 13 },
    { header: 'Skor terhitung', width: 11, kind: 'num' },
    { header: 'Predikat terhitung', width: 14 },
    { header: 'Kesesuaian', width: 34 },
    { header: 'Kendala', width: 44 },
    { header: 'Rekomendasi', width: 44 },
    { header: 'Dicatat oleh', width: 18 },
    { header: 'Diperbarui (UTC)', width: 20 },
  ]
  const r0 = titleRows(ws, data, 'CATATAN RAPAT EVALUASI', cols.length)
  const res = data.bundle.result
  const opdNames = new Map(data.opds.map((o) => [o.id, o.shortName ?? o.name]))
  const rows: CellValue[][] = data.notes.map((n) => {
    // City level: the matrix is the city's; per OPD notes are compared with the city cell.
    const cell =
      (ASPECTS as readonly string[]).includes(n.aspect) && (STRATEGIES as readonly string[]).includes(n.strategy) ? res.cells[n.aspect as Aspect][n.strategy as Strategy] : null
    const disagreement = cell && isJudgement(n.judgement) ? judgementDisagreement(n.judgement, cell.value, cell.predikat, data.bundle.settings.bands) : null
    return [
      ...(withOpd ? [opdNames.get(n.opdId) ?? String(n.opdId)] : []),
      ASPECT_SHORT[n.aspect as Aspect] ?? n.aspect,
      STRATEGY_LABELS[n.strategy as Strategy] ?? n.strategy,
      isJudgement(n.judgement) ? JUDGEMENT_TEXT[n.judgement] : n.judgement,
      cell?.value ?? null,
      cell ? (cell.value === null ? 'belum ada data' : (cell.predikat?.label ?? '–')) : '–',
      disagreement ?? (cell?.value == null ? '–' : 'Sesuai'),
      n.kendala,
      n.rekomendasi,
      n.updatedBy ?? n.createdBy,
      n.updatedAt,
    ]
  })
  if (rows.length === 0) {
    const empty: CellValue[] = cols.map(() => null)
    empty[withOpd ? 1 : 0] = 'Belum ada catatan rapat untuk periode ini.'
    rows.push(empty)
  }
  writeListTable(ws, r0, cols, rows)
}

export function writeDetail(wb: ExcelJS.Workbook, data: RekapData, opdName: (ind: IndicatorInput) => string | null) {
  const ws = addRekapSheet(wb, 'Rincian Indikator')
  const withOpd = data.scope.opdId == null
  const period = data.bundle.result.period
  const cols: Col[] = [
    ...indicatorCols(withOpd),
    ...[1, 2, 3, 4].map((q) => ({ header: `TW ${romanQuarter(q)} ${period.year}`, width: 10, kind: 'num' }) as Col),
    { header: 'Target akhir Renstra', width: 11, kind: 'num' },
    { header: 'Realisasi Renstra s.d. periode', width: 12, kind: 'num' },
    { header: 'Capaian Renstra (%)', width: 11, kind: 'num' },
    { header: 'Kendala', width: 40 },
    { header: 'Tindak lanjut', width: 40 },
  ]
  const r0 = titleRows(ws, data, 'RINCIAN INDIKATOR', Math.min(cols.length, 12))
  const byId = new Map(data.bundle.result.indicators.map((r) => [r.indicatorId, r]))
  const rows = data.bundle.data.indicators.map((ind) => {
    const r = byId.get(ind.id)!
    const n = data.narratives.get(ind.id)
    return [
      ...indicatorValues(ind, r, opdName(ind), withOpd),
      ...r.e81.quarters.map((v, i) => (r.notMeasuredQuarters.includes(i + 1) ? 'tidak diukur' : v)),
      r.renstra.target,
      r.renstra.realisasi,
      r.renstra.capaian,
      n?.kendala ? `TW ${romanQuarter(n.kendala.quarter)}: ${n.kendala.text}` : null,
      n?.tindakLanjut ? `TW ${romanQuarter(n.tindakLanjut.quarter)}: ${n.tindakLanjut.text}` : null,
    ] as CellValue[]
  })
  writeListTable(ws, r0, cols, rows, withOpd ? 3 : 2)
  const predCol = cols.findIndex((c) => c.header === 'Predikat') + 1
  data.bundle.data.indicators.forEach((ind, i) => paintPredikat(ws.getCell(r0 + 1 + i, predCol), byId.get(ind.id)?.predikat?.key))
}
