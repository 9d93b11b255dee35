// The five strategy scores from the Renstra start to the chosen period: the chart drawn on the
// server as an SVG image (app/components/charts/draw.server.tsx), a legend that shows each line's colour, dash and
// marker, and the data as a table behind a toggle.
import type { Strategy } from '../../domain/types'
import { ChartFigure, type ChartImageView } from './chart-figure'
import { STRATEGY_STYLE, type MarkerShape } from '../../utils/chart-colors'

export interface TrendData {
  strategies: { strategy: Strategy; label: string }[]
  points: { year: number; label: string; values: Record<Strategy, number | null>; texts: Record<Strategy, string> }[]
}

export function Marker({ shape, x, y, color, size = 5 }: { shape: MarkerShape; x: number; y: number; color: string; size?: number }) {
  const s = size
  switch (shape) {
    case 'square':
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={color} stroke="#fff" strokeWidth={1} />
    case 'triangle':
      return <path d={`M${x},${y - s * 1.2}L${x + s * 1.1},${y + s * 0.9}L${x - s * 1.1},${y + s * 0.9}Z`} fill={color} stroke="#fff" strokeWidth={1} />
    case 'diamond':
      return <path d={`M${x},${y - s * 1.3}L${x + s * 1.1},${y}L${x},${y + s * 1.3}L${x - s * 1.1},${y}Z`} fill={color} stroke="#fff" strokeWidth={1} />
    case 'cross':
      return <path d={`M${x - s},${y - s}L${x + s},${y + s}M${x + s},${y - s}L${x - s},${y + s}`} stroke={color} strokeWidth={3} />
    case 'circle':
      return <circle cx={x} cy={y} r={s} fill={color} stroke="#fff" strokeWidth={1} />
  }
}

export function TrendStrategi({ chart, data }: { chart: ChartImageView; data: TrendData }) {
  return (
    <ChartFigure
      image={chart}
      legend={
        <ul className="chart-legend legend-lines">
          {data.strategies.map((s) => {
            const st = STRATEGY_STYLE[s.strategy]
            return (
              <li key={s.strategy}>
                <svg width="44" height="14" aria-hidden="true" focusable="false">
                  <line x1="2" y1="7" x2="42" y2="7" stroke={st.color} strokeWidth={3} strokeDasharray={st.dash || undefined} />
                  <Marker shape={st.marker} x={22} y={7} color={st.color} size={4} />
                </svg>{' '}
                {s.label}
              </li>
            )
          })}
        </ul>
      }
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Periode</th>
              {data.strategies.map((s) => (
                <th scope="col" className="num" key={s.strategy}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.points.map((p) => (
              <tr key={p.year}>
                <th scope="row">{p.label}</th>
                {data.strategies.map((s) => (
                  <td className="num" key={s.strategy}>
                    {p.texts[s.strategy]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
