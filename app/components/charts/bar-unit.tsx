// Bars of the score per bidang: the chart drawn on the server as an SVG image (app/components/charts/draw.server.tsx)
// and its data as a table behind a toggle.
import type { ScoreView } from '../../presenters/dashboard-views.server'
import { ScoreTableHead } from '../dashboard/score-summary'
import { ChartFigure, type ChartImageView } from './chart-figure'

export interface UnitBar extends Pick<ScoreView, 'value' | 'text' | 'predikatKey' | 'predikatLabel' | 'indicatorCount' | 'scoredCount'> {
  unitId: number
  unitName: string
}

export function BarUnit({ chart, data }: { chart: ChartImageView; data: UnitBar[] }) {
  return (
    <ChartFigure
      image={chart}
      table={
        <table>
          <ScoreTableHead label="Bidang / unit" />
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
