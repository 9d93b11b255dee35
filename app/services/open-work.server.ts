// Moved to presenters/open-work.server.ts (the read model of "Tugas saya"). Only this re-export
// stays, for dashboard.server.ts (another area's file); drop it when that file imports the presenter.
export { openWorkOf, type OpenWork, type OpenRow, type OverdueQuarter } from '../presenters/open-work.server'
