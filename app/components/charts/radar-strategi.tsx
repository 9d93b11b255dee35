// Radar of the five strategies of one aspect: the chart drawn on the server as an SVG image
// (app/components/charts/draw.server.tsx), its legend, and its data as a table behind a toggle.
import { formatNumber } from '../../domain/format'
import { ChartFigure, type ChartImageView } from './chart-figure'

export interface RadarPoint {
  strategy: string
  label: string
  value: number | null
  text: string
  predikatLabel: string
}

export function RadarStrategi({ chart, data, threshold }: { chart: ChartImageView; data: RadarPoint[]; threshold?: number | null }) {
  return (
    <ChartFigure
      image={chart}
      legend={
        threshold != null ? (
          <p className="chart-legend">
            <span className="legend-swatch legend-area" aria-hidden="true" /> Skor strategi <span className="legend-swatch legend-dashed" aria-hidden="true" /> Batas perlu
            perhatian ({formatNumber(threshold)})
          </p>
        ) : null
      }
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Strategi</th>
              <th scope="col" className="num">
                Skor
              </th>
              <th scope="col">Predikat</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.strategy}>
                <th scope="row">{d.label}</th>
                <td className="num">{d.text}</td>
                <td>{d.predikatLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
