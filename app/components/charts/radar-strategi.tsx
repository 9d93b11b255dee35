// Radar of the five strategies of one aspect. Fixed width/height (no ResponsiveContainer) so the
// SVG is in the server HTML; a stable chart id (no random clip-path ids) and no animation so the
// client renders the same markup when it hydrates. Tick labels are plain <text> elements (the
// Recharts <Text> measures words in the browser but not on the server).
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from 'recharts'
import { formatNumber } from '../../domain/format'
import { ChartFigure } from './chart-figure'
import { AXIS_TEXT, GRID } from './colors'

export interface RadarPoint {
  strategy: string
  label: string
  value: number | null
  text: string
  predikatLabel: string
}

interface TickProps {
  x: number
  y: number
  cx: number
  cy: number
  textAnchor: string
  payload: { value: string }
}

export function RadarStrategi({
  id,
  title,
  data,
  max,
  threshold,
  width = 440,
  height = 330,
  fontSize = 13,
  withTable = true,
}: {
  id: string
  title: string
  data: RadarPoint[]
  max: number
  threshold?: number | null
  width?: number
  height?: number
  fontSize?: number
  withTable?: boolean
}) {
  const byLabel = new Map(data.map((d) => [d.label, d]))
  const chartData = data.map((d) => ({ label: d.label, value: d.value, batas: threshold ?? null }))
  const summary = data.map((d) => `${d.label} ${d.value === null ? 'belum ada data' : `${d.text} (${d.predikatLabel})`}`).join('; ')
  const tick = (p: TickProps) => {
    const d = byLabel.get(p.payload.value)
    const above = p.y < p.cy - 4
    const first = above ? '-1.1em' : '0.35em'
    return (
      <text x={p.x} y={p.y} textAnchor={p.textAnchor as 'start' | 'middle' | 'end'} fill={AXIS_TEXT} fontSize={fontSize}>
        <tspan x={p.x} dy={first} fontWeight={600}>
          {p.payload.value}
        </tspan>
        <tspan x={p.x} dy="1.2em">
          {d?.value === null || d === undefined ? 'belum ada data' : d.text}
        </tspan>
      </text>
    )
  }
  const chart = (
    <RadarChart
      id={id}
      width={width}
      height={height}
      data={chartData}
      outerRadius={Math.min(width, height) / 2 - fontSize * 4}
      title={title}
      desc={summary}
      margin={{ top: 10, right: 10, bottom: 10, left: 10 }}
    >
      <PolarGrid stroke={GRID} />
      <PolarAngleAxis dataKey="label" tick={tick as never} />
      <PolarRadiusAxis domain={[0, max]} tick={false} axisLine={false} />
      {threshold != null ? (
        <Radar dataKey="batas" stroke="#6b7280" strokeDasharray="4 4" fill="none" isAnimationActive={false} dot={false} />
      ) : null}
      <Radar dataKey="value" stroke="#0b4f8a" strokeWidth={2} fill="#0b4f8a" fillOpacity={0.22} isAnimationActive={false} dot={{ r: 4, fill: '#0b4f8a', fillOpacity: 1 }} />
    </RadarChart>
  )
  if (!withTable) return chart
  return (
    <ChartFigure
      id={id}
      title={title}
      legend={
        threshold != null ? (
          <p className="chart-legend">
            <span className="legend-swatch legend-area" aria-hidden="true" /> Skor strategi{' '}
            <span className="legend-swatch legend-dashed" aria-hidden="true" /> Batas perlu perhatian ({formatNumber(threshold)})
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
    >
      {chart}
    </ChartFigure>
  )
}
