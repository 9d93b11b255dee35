// Re-exports of app/domain/labels (the one label module) and formatValue, for the modules that
// [R2 6/7]'s other branches are splitting (services/dashboard, realisasi, excel/e80, e81). New code
// imports from app/domain/labels directly.
export { POLA_UKUR_LABELS, POLARITY_SHORT, ASPECT_SHORT, STRATEGY_LABELS } from '../domain/labels'
/** @deprecated Use WORKFLOW_STATUS_LABELS from app/domain/labels (domain's STATUS_LABELS is the indicator status). */
export { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../domain/labels'
export { formatValue } from '../domain/format'
