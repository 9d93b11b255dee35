// Column lists that several reads share, so one indicator or one realisation means the same fields
// wherever it is read. Each read adds its own extra columns after the shared list.

/** An indicator's own columns (alias `i`). */
export const INDICATOR_COLUMNS = [
  'i.id',
  'i.code',
  'i.name',
  'i.satuan',
  'i.polarity',
  'i.pola_ukur',
  'i.renstra_mode',
  'i.aspect',
  'i.strategy',
  'i.weight',
  'i.unit_id',
  'i.baseline',
  'i.target_akhir',
  'i.sasaran_id',
  'i.program_id',
  'i.sort_order',
  'i.period_id',
] as const

/** The indicator columns every scoring load reads (indicator `i` joined with its unit `u` and its
 * Renstra period `p`): what domain/indicator-input maps to the engine, plus the keys the views use. */
export const INDICATOR_SCORING_COLUMNS = [...INDICATOR_COLUMNS, 'u.name as unit_name', 'u.short_name as unit_short', 'p.opd_id'] as const

/** A realisation's own entry and workflow columns (alias `r`), without who did what and when. */
export const REALISASI_RECORD_COLUMNS = [
  'r.id',
  'r.year',
  'r.quarter',
  'r.value',
  'r.tidak_diukur',
  'r.bukti_text',
  'r.bukti_link',
  'r.bukti_internal',
  'r.kendala',
  'r.tindak_lanjut',
  'r.status',
  'r.return_note',
  'r.is_late',
  'r.version',
] as const
