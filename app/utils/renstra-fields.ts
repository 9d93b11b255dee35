// Names, labels and DOM ids of the Renstra management forms, shared by the forms (browser) and the
// actions (server). Pure: no I/O, no server imports.

/** The indicator form's single-value fields, in the order they appear (and are listed in errors). */
export const INDICATOR_FIELDS = [
  'code',
  'name',
  'satuan',
  'polarity',
  'pola_ukur',
  'renstra_mode',
  'aspect',
  'strategy',
  'weight',
  'unit_id',
  'sasaran_id',
  'program_id',
  'baseline',
  'baseline_year',
  'target_akhir',
  'min_value',
  'max_value',
  'definition',
] as const
export type IndicatorField = (typeof INDICATOR_FIELDS)[number]

export const INDICATOR_FIELD_LABELS: Record<IndicatorField, string> = {
  code: 'Kode',
  name: 'Nama indikator',
  satuan: 'Satuan',
  polarity: 'Polaritas',
  pola_ukur: 'Pola ukur',
  renstra_mode: 'Mode Renstra',
  aspect: 'Aspek',
  strategy: 'Strategi',
  weight: 'Bobot',
  unit_id: 'Unit penanggung jawab',
  sasaran_id: 'Sasaran',
  program_id: 'Program/kegiatan',
  baseline: 'Baseline',
  baseline_year: 'Tahun baseline',
  target_akhir: 'Target akhir periode',
  min_value: 'Nilai minimum',
  max_value: 'Nilai maksimum',
  definition: 'Definisi operasional / cara hitung',
}

/** Posted name of a year's annual target: `target.2025`. */
export const targetField = (year: number) => `target.${year}`
/** Posted name of a quarterly target: `tw.2025.3`. */
export const quarterField = (year: number, q: number) => `tw.${year}.${q}`
export const REASON_FIELD = 'reason'

/** The DOM id of a posted field (for labels, error links and aria-describedby). */
export const fieldDomId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

const ROMAN = ['I', 'II', 'III', 'IV']

/** A label for any posted field name of the indicator form (used in the list of problems). */
export function indicatorFieldLabel(name: string): string {
  if ((INDICATOR_FIELDS as readonly string[]).includes(name)) return INDICATOR_FIELD_LABELS[name as IndicatorField]
  let m = /^target\.(\d{4})$/.exec(name)
  if (m) return `Target tahun ${m[1]}`
  m = /^tw\.(\d{4})\.([1-4])$/.exec(name)
  if (m) return `Target TW ${ROMAN[Number(m[2]) - 1]} ${m[1]}`
  if (name === REASON_FIELD) return 'Alasan perubahan target'
  if (name === 'deleted_reason') return 'Alasan penghapusan'
  return name
}

/** What the user typed in the indicator form: every field as text (kept when the server refuses). */
export interface IndicatorFormValues {
  fields: Record<IndicatorField, string>
  /** year → annual target as typed */
  targets: Record<string, string>
  /** `${year}-${q}` → quarterly target as typed */
  quarters: Record<string, string>
  reason: string
}

/** Field name → Indonesian message. */
export type FormErrors = Record<string, string>

export function emptyIndicatorValues(): IndicatorFormValues {
  const fields = Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, ''])) as Record<IndicatorField, string>
  fields.weight = '1'
  fields.polarity = 'naik'
  return { fields, targets: {}, quarters: {}, reason: '' }
}

/** Years of a period, first to last. */
export function yearsOf(startYear: number, endYear: number): number[] {
  const out: number[] = []
  for (let y = startYear; y <= endYear && out.length < 50; y++) out.push(y)
  return out
}

// Kelola (tree and period) forms ------------------------------------------------------------

export const TREE_FIELD_LABELS: Record<string, string> = {
  code: 'Kode',
  name: 'Nama',
  kind: 'Jenis',
  unit_id: 'Unit pelaksana',
  parent_id: 'Induk',
  reason: 'Alasan',
  start_year: 'Tahun awal',
  end_year: 'Tahun akhir',
}

export const PROGRAM_KIND_LABELS = { program: 'Program', kegiatan: 'Kegiatan', subkegiatan: 'Sub kegiatan' } as const
export type ProgramKind = keyof typeof PROGRAM_KIND_LABELS

/** The intents of the kelola page's forms (periods and the tujuan → sasaran → program tree). */
export const KELOLA_INTENTS = [
  'periode.tambah',
  'periode.tutup',
  'periode.buka',
  'tujuan.tambah',
  'tujuan.ubah',
  'tujuan.hapus',
  'tujuan.pulihkan',
  'sasaran.tambah',
  'sasaran.ubah',
  'sasaran.hapus',
  'sasaran.pulihkan',
  'program.tambah',
  'program.ubah',
  'program.hapus',
  'program.pulihkan',
] as const
export type KelolaIntent = (typeof KELOLA_INTENTS)[number]

/**
 * Which of the many small forms of the kelola page an answer belongs to (the FormResult's `intent`):
 * the intent and the row it names, e.g. `tujuan.ubah:12`, `program.tambah:p7` (under a program),
 * `program.tambah:s3` (under a sasaran). Computed from the posted values by the action and from the
 * hidden fields by the form, so both sides agree without a posted key.
 */
export function kelolaFormKey(intent: string, v: Record<string, string | undefined>): string {
  if (!(KELOLA_INTENTS as readonly string[]).includes(intent)) return 'kelola'
  const clip = (s: string | undefined) => (s ?? '').trim().slice(0, 12)
  if (intent === 'periode.tambah') return intent
  if (intent === 'tujuan.tambah') return `${intent}:${clip(v.period_id)}`
  if (intent === 'sasaran.tambah') return `${intent}:${clip(v.tujuan_id)}`
  if (intent === 'program.tambah') return clip(v.parent_id) ? `${intent}:p${clip(v.parent_id)}` : `${intent}:s${clip(v.sasaran_id)}`
  return `${intent}:${clip(v.id)}`
}
