// Names and messages used both by a page in the browser and by its server code. They live here,
// not in a `.server` module: the browser build drops those, and a page would read `undefined`
// (test/unit/architecture.test.ts checks that browser code takes nothing from `.server` modules).

/** The pagu form of /renstra/anggaran: its intent and the field names per programme. */
export const PAGU_INTENT = 'pagu'
export const paguFieldName = (programId: number) => `p.${programId}.pagu`
export const paguVersionName = (programId: number) => `p.${programId}.version`

/** The form of /impor/historis/isi (one historical quarter typed by hand). */
export const HISTORIS_INTENT = 'historis'

/** Shown to an OPD admin on /admin/pengaturan, and the refusal when one tries to save. */
export const SETTINGS_CITY_ONLY = 'Pengaturan berlaku untuk seluruh perangkat daerah; hanya administrator tingkat kota yang dapat mengubahnya. Hubungi administrator kota.'
