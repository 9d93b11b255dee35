// The shapes the dashboard pages share: a score, a flag, the meeting's note, the 3 × 5 heatmap
// cells, the radar, the trend, the predikat counts and an indicator row, each with its id-ID text
// beside the engine's unrounded value. Pure shaping of a ScoreBundle: no score is computed here.
import type { ScoreBundle } from '../services/scoring.server'
import type { Executor } from '../utils/db.server'
import { listNotes, type NoteRow } from '../models/notes.server'
import { fromDbTime } from '../../db/time'
import {
  ASPECTS,
  STRATEGIES,
  FLAG_KIND_LABELS,
  ASPECT_SHORT,
  ASPECT_NAMES,
  STRATEGY_LABELS,
  EMPTY_VALUE,
  formatDateTimeIn,
  formatNumber,
  sortBands,
  STATUS_LABELS,
  type Aspect,
  type Flag,
  type FlagKind,
  type IndicatorInput,
  type IndicatorResult,
  type Score,
  type Strategy,
} from '../domain'
import { judgementDisagreement, JUDGEMENT_TEXT } from '../utils/notes'
import { POLA_UKUR_LABELS, POLARITY_SHORT } from '../domain/labels'
import type { DashboardBase } from './dashboard-scope.server'

export const NO_DATA = 'Belum ada data'

// ---------------------------------------------------------------------------
// View types (shared with the route components through `import type`)
// ---------------------------------------------------------------------------

export interface ScoreView {
  /** The engine's unrounded value; null = belum ada data (never 0). */
  value: number | null
  /** Two decimals id-ID ("62,00"), or "Belum ada data". */
  text: string
  /** Band key for the colour class p-<key>; 'none' without a value. */
  predikatKey: string
  /** Band label in words ("Rendah"), or "Belum ada data". */
  predikatLabel: string
  indicatorCount: number
  scoredCount: number
  /** Codes of the indicators without a capaian. */
  missing: string[]
}

export interface FlagView {
  kind: FlagKind
  kindLabel: string
  reason: string
  aspect: Aspect | null
  strategy: Strategy | null
  indicatorId: number | null
  indicatorCode: string | null
}

export interface NoteView {
  id: number
  judgement: NoteRow['judgement']
  judgementLabel: string
  kendala: string | null
  rekomendasi: string | null
  version: number
  updatedAtText: string
  updatedByName: string | null
}

export interface CellView extends ScoreView {
  aspect: Aspect
  strategy: Strategy
  aspectLabel: string
  strategyLabel: string
  /** Cell flags (1–3) with their reasons. */
  flags: FlagView[]
  /** Indicator flags (terlambat, bukti rilis kosong) of the indicators in the cell. */
  indicatorFlags: FlagView[]
  note: NoteView | null
  /** The meeting's judgement contradicts the score (in words), or null. */
  disagreement: string | null
  /** Drill-down link keeping the period query. */
  href: string
}

export interface RadarDatum {
  strategy: Strategy
  label: string
  value: number | null
  text: string
  predikatLabel: string
}

export interface UnitScoreView extends ScoreView {
  unitId: number
  unitName: string
}

export interface TrendView {
  strategies: { strategy: Strategy; label: string }[]
  points: { year: number; label: string; values: Record<Strategy, number | null>; texts: Record<Strategy, string> }[]
}

export interface PredikatCountView {
  key: string
  label: string
  count: number
}

// ---------------------------------------------------------------------------
// Shaping helpers
// ---------------------------------------------------------------------------

export function scoreView(s: Score): ScoreView {
  return {
    value: s.value,
    text: s.value === null ? NO_DATA : formatNumber(s.value),
    predikatKey: s.predikat?.key ?? 'none',
    predikatLabel: s.predikat?.label ?? NO_DATA,
    indicatorCount: s.indicatorCount,
    scoredCount: s.scoredCount,
    missing: s.missing,
  }
}

export function flagView(f: Flag): FlagView {
  return {
    kind: f.kind,
    kindLabel: FLAG_KIND_LABELS[f.kind],
    reason: f.reason,
    aspect: f.aspect ?? null,
    strategy: f.strategy ?? null,
    indicatorId: f.indicatorId ?? null,
    indicatorCode: f.indicatorCode ?? null,
  }
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' UTC → "20 Januari 2026 10.00 WIB" (in the configured zone). */
export function formatDbTime(value: string | null | undefined, timeZone = 'Asia/Jakarta'): string {
  const d = fromDbTime(value ?? null)
  if (!d || Number.isNaN(d.getTime())) return '–'
  return formatDateTimeIn(d, timeZone)
}

export function noteView(n: NoteRow, timeZone: string): NoteView {
  return {
    id: n.id,
    judgement: n.judgement,
    judgementLabel: JUDGEMENT_TEXT[n.judgement],
    kendala: n.kendala,
    rekomendasi: n.rekomendasi,
    version: n.version,
    updatedAtText: formatDbTime(n.updatedAt, timeZone),
    updatedByName: n.updatedByName,
  }
}

const cellKey = (a: string, s: string) => `${a}:${s}`

export function cellHref(aspect: Aspect, strategy: Strategy, query: string): string {
  return `/beranda/sel/${aspect}/${strategy}${query ? `?${query}` : ''}`
}

/** The 3 × 5 cells of the heatmap, with flags, the meeting note and disagreement. */
export function cellViews(bundle: ScoreBundle, notes: NoteRow[], query: string, options: { withFlags?: boolean } = {}): CellView[][] {
  const withFlags = options.withFlags ?? true
  const r = bundle.result
  const noteByCell = new Map(notes.map((n) => [cellKey(n.aspect, n.strategy), n]))
  return ASPECTS.map((aspect) =>
    STRATEGIES.map((strategy) => {
      const score = r.cells[aspect][strategy]
      const view = scoreView(score)
      const note = noteByCell.get(cellKey(aspect, strategy)) ?? null
      const flags = withFlags ? r.flags.filter((f) => f.aspect === aspect && f.strategy === strategy) : []
      return {
        ...view,
        aspect,
        strategy,
        aspectLabel: ASPECT_SHORT[aspect],
        strategyLabel: STRATEGY_LABELS[strategy],
        flags: flags.filter((f) => f.indicatorId === undefined).map(flagView),
        indicatorFlags: flags.filter((f) => f.indicatorId !== undefined).map(flagView),
        note: note ? noteView(note, bundle.settings.timeZone) : null,
        disagreement: note ? judgementDisagreement(note.judgement, score.value, score.predikat, bundle.settings.bands) : null,
        href: cellHref(aspect, strategy, query),
      }
    }),
  )
}

export function radarData(cells: CellView[][]): { aspect: Aspect; label: string; name: string; data: RadarDatum[] }[] {
  return ASPECTS.map((aspect, i) => ({
    aspect,
    label: ASPECT_SHORT[aspect],
    name: ASPECT_NAMES[aspect],
    data: cells[i]!.map((c) => ({ strategy: c.strategy, label: c.strategyLabel.replace(/^Strategi /, ''), value: c.value, text: c.text, predikatLabel: c.predikatLabel })),
  }))
}

export function trendView(bundle: ScoreBundle): TrendView {
  return {
    strategies: STRATEGIES.map((s) => ({ strategy: s, label: STRATEGY_LABELS[s] })),
    points: bundle.trend.map((t) => {
      const values = {} as Record<Strategy, number | null>
      const texts = {} as Record<Strategy, string>
      for (const s of STRATEGIES) {
        values[s] = t.byStrategy[s].value
        texts[s] = t.byStrategy[s].value === null ? NO_DATA : formatNumber(t.byStrategy[s].value)
      }
      return { year: t.period.year, label: t.label, values, texts }
    }),
  }
}

/** Indicators per band, best first, plus those without a predikat grouped by status. */
export function predikatCountsView(bundle: ScoreBundle): { bands: PredikatCountView[]; without: PredikatCountView[] } {
  const bands = sortBands(bundle.settings.bands).reverse()
  const without = new Map<string, PredikatCountView>()
  for (const r of bundle.result.indicators) {
    if (r.predikat) continue
    const e = without.get(r.status) ?? { key: r.status, label: STATUS_LABELS[r.status], count: 0 }
    e.count++
    without.set(r.status, e)
  }
  return {
    bands: bands.map((b) => ({ key: b.key, label: b.label, count: bundle.result.predikatCounts[b.key] ?? 0 })),
    without: [...without.values()],
  }
}

export interface IndicatorRowView {
  id: number
  code: string
  name: string
  unitName: string
  satuan: string
  polarity: string
  polaUkur: string
  target: number | null
  targetText: string
  realisasi: number | null
  realisasiText: string
  capaianRaw: number | null
  capaianCapped: number | null
  capaianText: string
  predikatKey: string
  predikatLabel: string
  /** The computed status (ok, belum lapor, menunggu rilis, tidak dapat dihitung, tidak diukur). */
  status: IndicatorResult['status']
  /** Late (a quarter missing after its deadline or entered late), apart from the status. */
  late: boolean
  /** Status as shown, lateness included: "Tidak dapat dihitung · terlambat". */
  statusLabel: string
  narratives: { quarter: number; quarterLabel: string; kendala: string | null; tindakLanjut: string | null; status: string }[]
  flags: FlagView[]
  href: string
}

export function valueText(v: number | null): string {
  return v === null ? '–' : formatNumber(v)
}

/** Shown in the Capaian column for a target-0 `naik` indicator (domain §4). */
export const NOT_COMPUTABLE_TEXT = 'tidak dapat dihitung'

/**
 * The Capaian column: the raw capaian, "tidak dapat dihitung" when there is a realisation but no
 * capaian, else "–". Never a status word (belum lapor, terlambat …): those stand in the Status column.
 */
export function capaianText(r: Pick<IndicatorResult, 'capaianRaw' | 'status'>): string {
  if (r.capaianRaw !== null) return `${formatNumber(r.capaianRaw)}%`
  return r.status === 'tidak_dapat_dihitung' ? NOT_COMPUTABLE_TEXT : EMPTY_VALUE
}

/** The Predikat column: the band's label, else "–" (never a status word). */
export function predikatText(r: Pick<IndicatorResult, 'predikat'>): string {
  return r.predikat?.label ?? EMPTY_VALUE
}

export function indicatorRowView(ind: IndicatorInput, r: IndicatorResult, query: string, flags: Flag[]): IndicatorRowView {
  return {
    id: ind.id,
    code: ind.code,
    name: ind.name,
    unitName: ind.unitName,
    satuan: ind.unit,
    polarity: POLARITY_SHORT[ind.polarity],
    polaUkur: POLA_UKUR_LABELS[ind.polaUkur],
    target: r.target,
    targetText: valueText(r.target),
    realisasi: r.realisasi,
    realisasiText: valueText(r.realisasi),
    capaianRaw: r.capaianRaw,
    capaianCapped: r.capaianCapped,
    capaianText: capaianText(r),
    predikatKey: r.predikat?.key ?? 'none',
    predikatLabel: predikatText(r),
    status: r.status,
    late: r.late,
    statusLabel: r.statusLabel,
    narratives: [],
    flags: flags.filter((f) => f.indicatorId === ind.id).map(flagView),
    href: `/indikator/${ind.id}${query ? `?${query}` : ''}`,
  }
}

/** Kendala / tindak lanjut written on the realisations of the period (its year, its quarters). */
/** The meeting notes of the period (none for a single quarter alone). */
export async function notesOf(db: Executor, base: DashboardBase): Promise<NoteRow[]> {
  return base.ctx.periodKey ? listNotes(db, base.opdId, base.ctx.periodKey) : []
}

/** The beranda's numbers and texts, without its charts (the projector draws its own). */
