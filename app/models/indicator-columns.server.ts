// The indicator columns every scoring load reads (indicator `i` joined with its unit `u` and its
// Renstra period `p`): what domain/indicator-input maps to the engine, plus the keys the views use.
export const INDICATOR_SCORING_COLUMNS = [
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
  'u.name as unit_name',
  'u.short_name as unit_short',
  'p.opd_id',
] as const
