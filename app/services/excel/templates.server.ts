// Downloadable templates, pre-filled from the database:
// - the quarterly realisation template of a kepala bidang (his unit's indicators, targets,
//   current values and each row's version in a hidden column), filled offline and uploaded back;
// - the Renstra workbook of perencanaan (indicators with their mapping and annual targets).
// The column titles are the contract with the importers (import-*.server.ts), which find the
// columns by their titles, so reordering columns in Excel does not break an upload.
export * from './templates/realisasi.server'
export * from './templates/renstra.server'
