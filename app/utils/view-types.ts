// Shapes shared by the server modules that build views and the components that draw them; they live
// here so that server code never imports from components/.

/**
 * A chart drawn on the server (app/components/charts/draw.server.tsx) as an SVG image: its id, title,
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

/** A drawn chart: its id, title, text alternative, size, and the SVG document with its hash. */
export interface ChartSvg {
  id: string
  title: string
  /** What the chart shows, in words (the SVG's <desc>, the image's alt text). */
  alt: string
  width: number
  height: number
  svg: string
  /** First 16 hex digits of the SHA-256 of `svg`: the image URL changes when the picture does. */
  hash: string
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
