// "Perlu perhatian" flags (domain §4), each with its reason in Indonesian.

import type { IndicatorResult } from './capaian'
import { formatNumber, formatNumberTrim } from './format'
import { ASPECT_SHORT, romanQuarter } from './labels'
import { dueDateLabel } from './periods'
import { attentionThreshold, DEFAULT_DROP_TOLERANCE, predikatOf } from './predikat'
import type { CellScores, PreviousScore } from './scoring'
import { ASPECTS, STRATEGIES, type Aspect, type IndicatorInput, type Period, type ScoringSettings, type Strategy } from './types'

export const FLAG_KINDS = ['sedang_atau_lebih_rendah', 'jauh_di_bawah_aspek', 'turun_dua_periode', 'terlambat', 'bukti_rilis_kosong', 'aksi_terlambat'] as const
export type FlagKind = (typeof FLAG_KINDS)[number]

export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  sedang_atau_lebih_rendah: 'Sedang atau lebih rendah',
  jauh_di_bawah_aspek: 'Jauh di bawah sel lain pada aspeknya',
  turun_dua_periode: 'Turun dua tahun berturut-turut',
  terlambat: 'Terlambat',
  bukti_rilis_kosong: 'Bukti rilis kosong',
  aksi_terlambat: 'Rencana aksi terlambat',
}

export interface Flag {
  kind: FlagKind
  aspect?: Aspect
  strategy?: Strategy
  indicatorId?: number
  indicatorCode?: string
  reason: string
}

/** Flag 2: a cell more than this many points below the mean of the other cells of its aspect. */
export const ASPECT_GAP_POINTS = 10

export interface FlagInput {
  period: Period
  cells: CellScores
  indicators: readonly IndicatorResult[]
  /** The indicators, to give indicator flags their aspect and strategy (matched by id). */
  indicatorInputs?: readonly IndicatorInput[]
  settings: ScoringSettings
  /** [Y−1, Y−2] at the same period position; without it flag 3 is not evaluated. */
  previous?: readonly [PreviousScore | null | undefined, PreviousScore | null | undefined]
}

/** "I", "I dan II", "I, II dan III". */
function joinId(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} dan ${items[items.length - 1]}`
}

function quartersText(qs: readonly number[]): string {
  return `Triwulan ${joinId(qs.map((q) => romanQuarter(q)))}`
}

/** A score as shown, in hundredths (two decimals): 97.6742 → 9767. */
const shownHundredths = (v: number) => Math.round(v * 100)

/**
 * Flag 3's test: the scores of Y−2, Y−1 and Y as shown (two decimals) fell twice, each time by
 * at least `tolerance` points (and by more than nothing, also with tolerance 0). Returns the two
 * falls in points (from the shown values), or null. Compared in whole hundredths, so 1,00 is
 * exactly 1,00 and 97,6742 → 97,6739 (both 97,67) is no fall.
 */
export function fellTwice(y2: number, y1: number, y: number, tolerance: number | undefined = DEFAULT_DROP_TOLERANCE): [number, number] | null {
  const tol = Math.max(0, Math.round((Number.isFinite(tolerance) ? tolerance : DEFAULT_DROP_TOLERANCE) * 100))
  const a = shownHundredths(y2)
  const b = shownHundredths(y1)
  const c = shownHundredths(y)
  const first = a - b
  const second = b - c
  if (first <= 0 || second <= 0 || first < tol || second < tol) return null
  return [first / 100, second / 100]
}

/** Flags 1–3 for the cells. */
export function cellFlags(input: FlagInput): Flag[] {
  const { cells, settings, period, previous } = input
  const bands = settings.bands
  const threshold = attentionThreshold(bands)
  const out: Flag[] = []
  for (const aspect of ASPECTS) {
    const row = cells[aspect]
    for (const strategy of STRATEGIES) {
      const v = row[strategy].value
      if (v === null) continue

      // 1. below the lower bound of the second-best band (Sedang or lower).
      if (threshold !== null && v < threshold) {
        const band = predikatOf(v, bands)
        out.push({
          kind: 'sedang_atau_lebih_rendah',
          aspect,
          strategy,
          reason: `Skor ${formatNumber(v)}${band ? ` (${band.label})` : ''} di bawah ${formatNumberTrim(threshold)}`,
        })
      }

      // 2. more than ASPECT_GAP_POINTS below the mean of the other cells of the aspect with data.
      let sum = 0
      let n = 0
      for (const other of STRATEGIES) {
        if (other === strategy) continue
        const ov = row[other].value
        if (ov === null) continue
        sum += ov
        n++
      }
      if (n > 0) {
        const mean = sum / n
        const gap = mean - v
        if (gap > ASPECT_GAP_POINTS) {
          out.push({
            kind: 'jauh_di_bawah_aspek',
            aspect,
            strategy,
            reason: `Skor ${formatNumber(v)} berada ${formatNumber(gap)} poin di bawah rata-rata sel lain pada aspek ${ASPECT_SHORT[aspect]} (${formatNumber(mean)}), lebih dari ${formatNumberTrim(ASPECT_GAP_POINTS)} poin`,
          })
        }
      }

      // 3. fell two years in a row at the same period position, on the scores as shown.
      if (previous) {
        const p1 = previous[0]?.cells[aspect]?.[strategy]?.value ?? null
        const p2 = previous[1]?.cells[aspect]?.[strategy]?.value ?? null
        const fall = p1 !== null && p2 !== null ? fellTwice(p2, p1, v, settings.dropTolerance) : null
        if (fall) {
          const y = period.year
          out.push({
            kind: 'turun_dua_periode',
            aspect,
            strategy,
            reason: `Skor turun dua tahun berturut-turut: ${formatNumber(p2)} (${y - 2}) → ${formatNumber(p1)} (${y - 1}) → ${formatNumber(v)} (${y}), turun ${formatNumber(fall[0])} lalu ${formatNumber(fall[1])} poin`,
          })
        }
      }
    }
  }
  return out
}

/** Flag 4 for the indicators: terlambat, and a rilis value without proof of publication. */
export function indicatorFlags(input: FlagInput): Flag[] {
  const { indicators, settings, period } = input
  const byId = new Map<number, IndicatorInput>()
  for (const ind of input.indicatorInputs ?? []) byId.set(ind.id, ind)
  const year = period.year
  const out: Flag[] = []
  for (const r of indicators) {
    const ind = byId.get(r.indicatorId)
    const where = {
      ...(ind ? { aspect: ind.aspect, strategy: ind.strategy } : {}),
      indicatorId: r.indicatorId,
      indicatorCode: r.indicatorCode,
    }
    if (r.missingQuarters.length > 0 || r.lateQuarters.length > 0) {
      const parts: string[] = []
      if (r.missingQuarters.length > 0) {
        const dates = r.missingQuarters.map((q) => dueDateLabel(year, q as 1 | 2 | 3 | 4, settings.deadlineDays))
        parts.push(`Realisasi ${quartersText(r.missingQuarters)} ${year} belum dilaporkan, batas waktu ${joinId(dates)} sudah lewat`)
      }
      if (r.lateQuarters.length > 0) {
        parts.push(`Realisasi ${quartersText(r.lateQuarters)} ${year} dientri setelah batas waktu`)
      }
      out.push({ kind: 'terlambat', ...where, reason: parts.join('; ') })
    }
    if (r.rilisWithoutProof.length > 0) {
      out.push({
        kind: 'bukti_rilis_kosong',
        ...where,
        reason: `Nilai rilis ${year} (${quartersText(r.rilisWithoutProof)}) belum dilengkapi bukti publikasi`,
      })
    }
  }
  return out
}

/** All flags: cell flags (aspect by aspect, strategy by strategy), then indicator flags. */
export function computeFlags(input: FlagInput): Flag[] {
  return [...cellFlags(input), ...indicatorFlags(input)]
}
