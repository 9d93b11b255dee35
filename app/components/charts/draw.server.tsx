// The dashboard charts, drawn on the server with Recharts as standalone SVG images. The charts are
// static pictures (no tooltips, no animation: every value is written on the chart and in the
// table behind it — ADR 0006), so the browser never needs Recharts: the page shows each chart as
// an <img> served by /grafik/<id>.svg (app/routes/grafik.$chart.tsx). A drawn chart is part of
// the cached dashboard view, so it is drawn once per data version, not once per request (ADR 0007).
// This is view code: it lives beside the chart components, and the routes hand `chartDrawer` to
// the presenters (app/presenters/beranda.server.ts), which never import a component (ADR 0033).
import { createHash } from 'node:crypto'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Line,
  LineChart,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts'
import { AXIS_TEXT, GRID, STRATEGY_STYLE, predikatFill } from '../../utils/chart-colors'
import type { ChartSvg } from '../../utils/view-types'
import type { RadarPoint } from './radar-strategi'
import type { UnitBar } from './bar-unit'
import { Marker, type TrendData } from './trend-strategi'

export type { ChartSvg }

/** The page's font, written into the SVG (an image does not inherit the page's CSS). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"

interface TickProps {
  x: number
  y: number
  cx: number
  cy: number
  textAnchor: string
  payload: { value: string | number }
}

/** What every chart is given: its id, title, text alternative (the SVG <desc>) and drawn size. */
interface ChartHead {
  id: string
  title: string
  alt: string
  width: number
  height: number
}

/**
 * Renders a Recharts chart to a standalone SVG document: the <svg> without Recharts' HTML
 * wrapper, with the SVG namespace and the page font. `chart` receives the surface props (id,
 * size, title, desc) to spread on the Recharts chart element.
 */
function draw(head: ChartHead, chart: (surface: { id: string; width: number; height: number; title: string; desc: string }) => JSX.Element): ChartSvg {
  const { id, title, alt, width, height } = head
  const html = renderToStaticMarkup(chart({ id, width, height, title, desc: alt }))
  const start = html.indexOf('<svg')
  const end = html.lastIndexOf('</svg>')
  if (start < 0 || end < 0) throw new Error(`grafik ${id}: Recharts tidak menghasilkan SVG`)
  const open = html.slice(start, html.indexOf('>', start))
  const extra = `${open.includes('xmlns=') ? '' : ' xmlns="http://www.w3.org/2000/svg"'} font-family="${FONT.replace(/'/g, '&#39;')}"`
  const svg = `<svg${extra}${html.slice(start + 4, end + 6)}`
  return { id, title, alt, width, height, svg, hash: createHash('sha256').update(svg).digest('hex').slice(0, 16) }
}
/**
 * Charts already drawn, by what they were drawn from: a chart is a pure function of its input, so a
 * save that changes one aspect redraws that aspect's charts and reuses the others (drawing is most of
 * a cold dashboard render). Bounded by the size of the SVG text kept; oldest out first.
 */
const drawn = new Map<string, ChartSvg>()
let drawnBytes = 0
const DRAWN_BYTES_MAX = Number(process.env.CHART_MEMO_BYTES ?? 16 * 1024 * 1024)
let draws = 0

/** How many charts were really drawn since the process started (for tests and the bench). */
export function chartDrawCount(): number {
  return draws
}

function remembered<A>(kind: string, drawChart: (args: A) => ChartSvg): (args: A) => ChartSvg {
  return (args) => {
    const key = `${kind}\u0000${JSON.stringify(args)}`
    const hit = drawn.get(key)
    if (hit) {
      drawn.delete(key)
      drawn.set(key, hit)
      return hit
    }
    draws++
    const chart = drawChart(args)
    drawn.set(key, chart)
    drawnBytes += chart.svg.length + key.length
    for (const [k, v] of drawn) {
      if (drawnBytes <= DRAWN_BYTES_MAX) break
      drawn.delete(k)
      drawnBytes -= v.svg.length + k.length
    }
    return chart
  }
}

const axisTicks = (max: number) => [0, 20, 40, 60, 80, 100, 120].filter((t) => t <= max)

/** Radar of the five strategies of one aspect; each tick writes the strategy and its score. */
export const radarSvg = remembered('radar', drawRadar)
function drawRadar({
  id,
  title,
  data,
  max,
  threshold,
  width = 440,
  height = 330,
  fontSize = 13,
}: {
  id: string
  title: string
  data: RadarPoint[]
  max: number
  threshold?: number | null
  width?: number
  height?: number
  fontSize?: number
}): ChartSvg {
  const byLabel = new Map(data.map((d) => [d.label, d]))
  const chartData = data.map((d) => ({ label: d.label, value: d.value, batas: threshold ?? null }))
  const summary = data.map((d) => `${d.label} ${d.value === null ? 'belum ada data' : `${d.text} (${d.predikatLabel})`}`).join('; ')
  const tick = (p: TickProps) => {
    const d = byLabel.get(String(p.payload.value))
    const above = p.y < p.cy - 4
    return (
      <text x={p.x} y={p.y} textAnchor={p.textAnchor as 'start' | 'middle' | 'end'} fill={AXIS_TEXT} fontSize={fontSize}>
        <tspan x={p.x} dy={above ? '-1.1em' : '0.35em'} fontWeight={600}>
          {p.payload.value}
        </tspan>
        <tspan x={p.x} dy="1.2em">
          {d?.value === null || d === undefined ? 'belum ada data' : d.text}
        </tspan>
      </text>
    )
  }
  return draw({ id, title, alt: summary, width, height }, (surface) => (
    <RadarChart {...surface} data={chartData} outerRadius={Math.min(width, height) / 2 - fontSize * 4} margin={{ top: 10, right: 10, bottom: 10, left: 10 }}>
      <PolarGrid stroke={GRID} />
      <PolarAngleAxis dataKey="label" tick={tick as never} />
      <PolarRadiusAxis domain={[0, max]} tick={false} axisLine={false} />
      {threshold != null ? <Radar dataKey="batas" stroke="#6b7280" strokeDasharray="4 4" fill="none" isAnimationActive={false} dot={false} /> : null}
      <Radar dataKey="value" stroke="#0b4f8a" strokeWidth={2} fill="#0b4f8a" fillOpacity={0.22} isAnimationActive={false} dot={{ r: 4, fill: '#0b4f8a', fillOpacity: 1 }} />
    </RadarChart>
  ))
}

/** Bars of the score per bidang, coloured by predikat and labelled "score · predikat". */
export const barUnitSvg = remembered('bar', drawBarUnit)
function drawBarUnit({
  id,
  title,
  data,
  max,
  threshold,
  width = 640,
}: {
  id: string
  title: string
  data: UnitBar[]
  max: number
  threshold?: number | null
  width?: number
}): ChartSvg {
  const height = Math.max(140, data.length * 40 + 50)
  const labelWidth = 215
  const chartData = data.map((d) => ({ ...d, bar: d.value }))
  const summary = data.map((d) => `${d.unitName}: ${d.value === null ? 'belum ada data' : `${d.text} (${d.predikatLabel})`}`).join('; ')
  const yTick = (p: TickProps) => (
    <text x={p.x - 6} y={p.y} dy="0.35em" textAnchor="end" fill={AXIS_TEXT} fontSize={13}>
      {String(p.payload.value)}
    </text>
  )
  const xTick = (p: TickProps) => (
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
  return draw({ id, title, alt: summary, width, height }, (surface) => (
    <BarChart {...surface} data={chartData} layout="vertical" margin={{ top: 8, right: 150, bottom: 8, left: 8 }}>
      <CartesianGrid stroke={GRID} horizontal={false} />
      <XAxis type="number" domain={[0, max]} ticks={axisTicks(max)} interval={0} tick={xTick as never} stroke={AXIS_TEXT} />
      <YAxis type="category" dataKey="unitName" width={labelWidth} interval={0} tick={yTick as never} stroke={AXIS_TEXT} />
      {threshold != null ? <ReferenceLine x={threshold} stroke="#6b7280" strokeDasharray="4 4" /> : null}
      <Bar dataKey="bar" isAnimationActive={false} barSize={22} id={`${id}-bar`}>
        {chartData.map((d) => (
          <Cell key={d.unitId} fill={predikatFill(d.predikatKey)} stroke="#1a2230" strokeWidth={0.5} />
        ))}
        <LabelList dataKey="bar" content={label as never} />
      </Bar>
    </BarChart>
  ))
}

/**
 * A linear curve that rounds coordinates to 3 decimals, so a path prints the same whichever
 * d3-shape build draws it (the CommonJS one prints 64.65000000000002).
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

/** The five strategy scores per year; lines differ in colour, dash and marker; a gap is no data. */
export const trendSvg = remembered('trend', drawTrend)
function drawTrend({
  id,
  title,
  data,
  max,
  threshold,
  width = 680,
  height = 320,
}: {
  id: string
  title: string
  data: TrendData
  max: number
  threshold?: number | null
  width?: number
  height?: number
}): ChartSvg {
  const chartData = data.points.map((p) => ({ year: String(p.year), ...p.values }))
  const summary = data.strategies.map((s) => `${s.label}: ${data.points.map((p) => `${p.year} ${p.texts[s.strategy]}`).join(', ')}`).join('; ')
  const xTick = (p: TickProps) => (
    <text x={p.x} y={p.y} dy="0.9em" textAnchor="middle" fill={AXIS_TEXT} fontSize={13}>
      {String(p.payload.value)}
    </text>
  )
  const yTick = (p: TickProps) => (
    <text x={p.x - 4} y={p.y} dy="0.35em" textAnchor="end" fill={AXIS_TEXT} fontSize={12}>
      {String(p.payload.value)}
    </text>
  )
  return draw({ id, title, alt: summary, width, height }, (surface) => (
    <LineChart {...surface} data={chartData} margin={{ top: 12, right: 24, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="year" interval={0} tick={xTick as never} stroke={AXIS_TEXT} padding={{ left: 20, right: 20 }} />
      <YAxis domain={[0, max]} ticks={axisTicks(max)} interval={0} tick={yTick as never} stroke={AXIS_TEXT} width={44} />
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
            dot={
              ((p: { cx?: number; cy?: number; value?: number | null; index?: number }) =>
                p.value == null || p.cx == null || p.cy == null ? (
                  <g key={`${s.strategy}-${p.index}`} />
                ) : (
                  <Marker key={`${s.strategy}-${p.index}`} shape={st.marker} x={p.cx} y={p.cy} color={st.color} />
                )) as never
            }
            activeDot={false}
          />
        )
      })}
    </LineChart>
  ))
}

/** The three drawings the dashboard presenters ask for (given to them by the routes). */
export const chartDrawer = { radar: radarSvg, barUnit: barUnitSvg, trend: trendSvg }
export type ChartDrawer = typeof chartDrawer
