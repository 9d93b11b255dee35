// Names of the entry form's fields, shared by the form (browser) and the action (server).
export const ROW_FIELDS = ['value', 'tidak_diukur', 'bukti_text', 'bukti_link', 'kendala', 'tindak_lanjut', 'version', 'timpa'] as const
export type RowFieldName = (typeof ROW_FIELDS)[number]

/** `r.<indicatorId>.<field>` — the posted name of one field of one row. */
export const fieldName = (indicatorId: number, field: RowFieldName) => `r.${indicatorId}.${field}`

/** The DOM id of a field (for labels, error links and aria-describedby). */
export const fieldId = (indicatorId: number, field: string) => `r-${indicatorId}-${field}`

export type { TypedRow } from './view-types'

/** The form field carrying a submission's random key (idempotent resend; the server reads the same name). */
export const SUBMISSION_KEY_FIELD = 'kunci_kirim'
