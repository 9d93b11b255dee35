// Bars of the score per bidang: the chart drawn on the server as an SVG image (app/components/charts/draw.server.tsx)
// and its data as a table behind a toggle.
import { ChartFigure, type ChartImageView } from './chart-figure'

export interface UnitBar {
  unitId: number
  unitName: string
  value: number | null
  text: string
  predikatKey: string
  predikatLabel: string
  indicatorCount: number
  scoredCount: number
}

export function BarUnit({ chart, data }: { chart: ChartImageView; data: UnitBar[] }) {
  return (
    <ChartFigure
      image={chart}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Bidang / unit</th>
              <th scope="col" className="num">
                Skor
              </th>
              <th scope="col">Predikat</th>
              <th scope="col" className="num">
                Indikator dinilai
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.unitId}>
                <th scope="row">{d.unitName}</th>
                <td className="num">{d.text}</td>
                <td>{d.predikatLabel}</td>
                <td className="num">
                  {d.scoredCount} dari {d.indicatorCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
