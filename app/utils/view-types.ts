// Shapes shared by the server modules that build views and the components that draw them; they live
// here so that server code never imports from components/.

/**
 * A chart drawn on the server (app/services/charts.server.tsx) as an SVG image: its id, title,
 * text alternative, drawn size and URL.
 */
export interface ChartImageView {
  id: string
  title: string
  alt: string
  width: number
  height: number
  src: string
}

/** The values of one entry row as typed (kept when the server refuses a save). */
export interface TypedRow {
  value: string
  tidakDiukur: boolean
  buktiText: string
  buktiLink: string
  kendala: string
  tindakLanjut: string
}
