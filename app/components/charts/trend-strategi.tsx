// The five strategy scores from the Renstra start to the chosen period. Lines differ in colour,
// dash pattern and marker shape; a gap means "belum ada data" (never 0). Fixed size, stable id,
// no animation: identical on server and client.
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts'
import type { Strategy } from '../../domain/types'
import { ChartFigure } from './chart-figure'
import { AXIS_TEXT, GRID, STRATEGY_STYLE, type MarkerShape } from './colors'

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
    default:
      return <circle cx={x} cy={y} r={s} fill={color} stroke="#fff" strokeWidth={1} />
  }
}

/**
 * A linear curve that rounds coordinates to 3 decimals before they reach the path. Recharts'
 * CommonJS build (used by the server) ships an older d3-shape that prints full floats
 * (64.65000000000002) while the browser's ESM build rounds to 3 decimals (64.65): the same
 * line would then hydrate with another `d` attribute. Pre-rounded numbers print the same in both.
 */
export function roundedLinear(context: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void }) {
  const r = (v: number) => Math.round(v * 1000) / 1000
  let started = false
  return {
    areaStart() {},
    areaEnd() {},
    lineStart() {
      started = false
    },
    lineEnd() {},
    point(x: number, y: number) {
      if (!started) {
        started = true
        context.moveTo(r(x), r(y))
      } else context.lineTo(r(x), r(y))
    },
  }
}

interface AxisTickProps {
  x: number
  y: number
  payload: { value: string | number }
}

export function TrendStrategi({ id, title, data, max, threshold, width = 680, height = 320 }: { id: string; title: string; data: TrendData; max: number; threshold?: number | null; width?: number; height?: number }) {
  const chartData = data.points.map((p) => ({ year: String(p.year), ...p.values }))
  const summary = data.strategies
    .map((s) => `${s.label}: ${data.points.map((p) => `${p.year} ${p.texts[s.strategy]}`).join(', ')}`)
    .join('; ')
  const xTick = (p: AxisTickProps) => (
    <text x={p.x} y={p.y} dy="0.9em" textAnchor="middle" fill={AXIS_TEXT} fontSize={13}>
      {String(p.payload.value)}
    </text>
  )
  const yTick = (p: AxisTickProps) => (
    <text x={p.x - 4} y={p.y} dy="0.35em" textAnchor="end" fill={AXIS_TEXT} fontSize={12}>
      {String(p.payload.value)}
    </text>
  )
  const ticks = [0, 20, 40, 60, 80, 100, 120].filter((t) => t <= max)
  return (
    <ChartFigure
      id={id}
      title={title}
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
    >
      <LineChart id={id} width={width} height={height} data={chartData} title={title} desc={summary} margin={{ top: 12, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="year" interval={0} tick={xTick as never} stroke={AXIS_TEXT} padding={{ left: 20, right: 20 }} />
        <YAxis domain={[0, max]} ticks={ticks} interval={0} tick={yTick as never} stroke={AXIS_TEXT} width={44} />
        {threshold != null ? <ReferenceLine y={threshold} stroke="#6b7280" strokeDasharray="2 4" /> : null}
        {data.strategies.map((s) => {
          const st = STRATEGY_STYLE[s.strategy]
          return (
            <Line
              key={s.strategy}
              id={`${id}-${s.strategy}`}
              dataKey={s.strategy}
              name={s.label}
              type={roundedLinear as never}
              stroke={st.color}
              strokeWidth={2.5}
              strokeDasharray={st.dash || undefined}
              isAnimationActive={false}
              connectNulls={false}
              dot={((p: { cx?: number; cy?: number; value?: number | null; index?: number }) =>
                p.value == null || p.cx == null || p.cy == null ? <g key={`${s.strategy}-${p.index}`} /> : <Marker key={`${s.strategy}-${p.index}`} shape={st.marker} x={p.cx} y={p.cy} color={st.color} />) as never}
              activeDot={false}
            />
          )
        })}
      </LineChart>
    </ChartFigure>
  )
}
