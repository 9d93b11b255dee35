// Comparing the read rows of a Renstra workbook with the stored indicators: the changed fields
// and targets shown before and after (codes, not ids), new / changed / unchanged, stale versions,
// and the target years that already have verified realisations (a reason is then required).
import { formatNumberTrim } from '../../../domain'
import { issue, type ImportIssue } from '../import-common.server'
import type { RenstraPreviewRow, RenstraRowKind } from '../renstra-import-shared.server'
import { shortUnitCode } from '../templates.server'
import { fieldsOfExisting, type Fields, type References } from './references.server'
import { RENSTRA_MODE_TITLE, type RenstraCols, type RowPlan } from './read.server'

const FIELD_LABELS: Record<keyof Fields, string> = {
  code: 'Kode',
  name: 'Nama',
  satuan: 'Satuan',
  polarity: 'Polaritas',
  pola_ukur: 'Pola ukur',
  renstra_mode: RENSTRA_MODE_TITLE,
  aspect: 'Aspek',
  strategy: 'Strategi',
  weight: 'Bobot',
  unit_id: 'Unit',
  sasaran_id: 'Sasaran',
  program_id: 'Program',
  baseline: 'Baseline',
  baseline_year: 'Tahun baseline',
  target_akhir: 'Target akhir',
  min_value: 'Nilai minimum',
  max_value: 'Nilai maksimum',
  definition: 'Definisi',
}

/** How a field's value is shown in the preview: units, sasaran and programmes by their code. */
function fieldShower(refs: References, opdCode: string) {
  const names = {
    unit: new Map(refs.units.map((u) => [u.id, shortUnitCode(u.code, opdCode)])),
    sasaran: new Map(refs.sasaran.map((s) => [s.id, s.code])),
    program: new Map(refs.programs.map((p) => [p.id, p.code])),
  }
  return (k: keyof Fields, v: unknown) => {
    if (v == null || v === '') return '–'
    if (k === 'unit_id') return names.unit.get(v as number) ?? String(v)
    if (k === 'sasaran_id') return names.sasaran.get(v as number) ?? String(v)
    if (k === 'program_id') return names.program.get(v as number) ?? String(v)
    if (typeof v === 'number') return formatNumberTrim(v, 6)
    const s = String(v)
    return s.length > 80 ? `${s.slice(0, 77)}…` : s
  }
}

export interface RenstraComparison {
  preview: RenstraPreviewRow[]
  counts: Record<RenstraRowKind, number>
  needsReason: boolean
  /** The planned writes with the versions they apply to (hashed into the plan). */
  planned: unknown[]
  warnings: ImportIssue[]
}

/** Compares every read row with the stored indicator of its code; stale versions go to `errors`. */
export function compareRenstraRows(rows: readonly RowPlan[], refs: References, opdCode: string, cols: RenstraCols, errors: ImportIssue[]): RenstraComparison {
  const { existing, targetsBefore, verified } = refs
  const showField = fieldShower(refs, opdCode)
  const preview: RenstraPreviewRow[] = []
  const counts: Record<RenstraRowKind, number> = { baru: 0, berubah: 0, tetap: 0 }
  let needsReason = false
  const planned: unknown[] = []
  for (const p of rows) {
    const ex = p.existingId != null ? existing.get(p.fields.code.toLowerCase())! : null
    const before = ex ? fieldsOfExisting(ex) : null
    const changes: RenstraPreviewRow['changes'] = []
    for (const k of Object.keys(p.fields) as (keyof Fields)[]) {
      const b = before ? before[k] : null
      if (before && (b ?? null) === (p.fields[k] ?? null)) continue
      if (!before && p.fields[k] == null) continue
      changes.push({ field: FIELD_LABELS[k], before: before ? showField(k, b) : '–', after: showField(k, p.fields[k]) })
    }
    const tb = ex ? (targetsBefore.get(ex.id) ?? {}) : {}
    const verifiedYears: number[] = []
    for (const [y, v] of Object.entries(p.targets)) {
      const b = tb[Number(y)] ?? null
      if (b === v) continue
      changes.push({ field: `Target ${y}`, before: showField('target_akhir', b), after: showField('target_akhir', v) })
      if (ex && verified.has(`${ex.id}|${y}`)) verifiedYears.push(Number(y))
    }
    const kind: RenstraRowKind = !ex ? 'baru' : changes.length ? 'berubah' : 'tetap'
    counts[kind]++
    if (verifiedYears.length) needsReason = true
    if (kind === 'berubah' && p.sentVersion !== null && p.sentVersion !== ex!.version) {
      errors.push(
        issue(`indikator ${p.fields.code} sudah diubah di aplikasi sejak templat diunduh (versi ${p.sentVersion} → ${ex!.version}). Unduh templat terbaru.`, {
          row: p.rowNumber,
          col: cols.version ?? cols.code!,
        }),
      )
    }
    preview.push({ rowNumber: p.rowNumber, code: p.fields.code, name: p.fields.name, kind, changes: kind === 'tetap' ? [] : changes, verifiedYears })
    if (kind !== 'tetap') planned.push([p.fields, p.targets, ex?.id ?? null, ex?.version ?? null])
  }
  const warnings: ImportIssue[] = []
  for (const r of preview) {
    if (r.verifiedYears.length)
      warnings.push(
        issue(`${r.code}: target tahun ${r.verifiedYears.join(', ')} berubah padahal sudah ada realisasi terverifikasi; isi alasan perubahan sebelum menyimpan.`, {
          row: r.rowNumber,
        }),
      )
  }
  return { preview, counts, needsReason, planned, warnings }
}
