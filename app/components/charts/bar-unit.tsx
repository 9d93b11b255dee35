// Bars of the score per bidang (responsible unit), coloured by predikat and labelled with the
// score and the predikat in words. Fixed size, stable id, no animation: identical on server and
// client.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts'
import { ChartFigure } from './chart-figure'
import { AXIS_TEXT, GRID, predikatFill } from './colors'

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

interface AxisTickProps {
  x: number
  y: number
  payload: { value: string | number }
  textAnchor?: string
}

export function BarUnit({ id, title, data, max, threshold, width = 640 }: { id: string; title: string; data: UnitBar[]; max: number; threshold?: number | null; width?: number }) {
  const rowHeight = 40
  const height = Math.max(140, data.length * rowHeight + 50)
  const labelWidth = 215
  const chartData = data.map((d) => ({ ...d, bar: d.value }))
  const summary = data.map((d) => `${d.unitName}: ${d.value === null ? 'belum ada data' : `${d.text} (${d.predikatLabel})`}`).join('; ')
  const yTick = (p: AxisTickProps) => (
    <text x={p.x - 6} y={p.y} dy="0.35em" textAnchor="end" fill={AXIS_TEXT} fontSize={13}>
      {String(p.payload.value)}
    </text>
  )
  const xTick = (p: AxisTickProps) => (
    <text x={p.x} y={p.y} dy="0.9em" textAnchor="middle" fill={AXIS_TEXT} fontSize={12}>
      {String(p.payload.value)}
    </text>
  )
  const label = (p: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; index?: number }) => {
    const d = chartData[p.index ?? 0]
    if (!d) return null
    const x = Number(p.x ?? 0) + Number(p.width ?? 0) + 6
    const y = Number(p.y ?? 0) + Number(p.height ?? 0) / 2
    return (
      <text x={d.value === null ? labelWidth + 6 : x} y={y} dy="0.35em" fill={AXIS_TEXT} fontSize={13}>
        {d.value === null ? 'Belum ada data' : `${d.text} · ${d.predikatLabel}`}
      </text>
    )
  }
  const ticks = [0, 20, 40, 60, 80, 100, 120].filter((t) => t <= max)
  return (
    <ChartFigure
      id={id}
      title={title}
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
    >
      <BarChart id={id} width={width} height={height} data={chartData} layout="vertical" title={title} desc={summary} margin={{ top: 8, right: 150, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis type="number" domain={[0, max]} ticks={ticks} interval={0} tick={xTick as never} stroke={AXIS_TEXT} />
        <YAxis type="category" dataKey="unitName" width={labelWidth} interval={0} tick={yTick as never} stroke={AXIS_TEXT} />
        {threshold != null ? <ReferenceLine x={threshold} stroke="#6b7280" strokeDasharray="4 4" /> : null}
        <Bar dataKey="bar" isAnimationActive={false} barSize={22} id={`${id}-bar`}>
          {chartData.map((d) => (
            <Cell key={d.unitId} fill={predikatFill(d.predikatKey)} stroke="#1a2230" strokeWidth={0.5} />
          ))}
          <LabelList dataKey="bar" content={label as never} />
        </Bar>
      </BarChart>
    </ChartFigure>
  )
}
