// Meeting notes (catatan rapat evaluasi): pure helpers shared by the server and the UI.
// A note records the meeting's own judgement of an (aspect, strategy) cell for a period; it is
// shown beside the computed score, and a clear disagreement between the two is pointed out.
import { formatNumber } from '../domain/format'
import { sortBands } from '../domain/predikat'
import { JUDGEMENTS, type Judgement, type Period, type PredikatBand } from '../domain/types'

export const JUDGEMENT_TEXT: Record<Judgement, string> = { baik: 'Baik', cukup_baik: 'Cukup baik', kurang: 'Kurang' }

/** Longest kendala / rekomendasi accepted (the columns are varchar(4000)). */
export const NOTE_TEXT_MAX = 4000

export function isJudgement(v: unknown): v is Judgement {
  return typeof v === 'string' && (JUDGEMENTS as readonly string[]).includes(v)
}

/**
 * The evaluation_note.period_key of a period: 'YYYY-Qn' for a year up to TW n (n = 4: the full
 * year), 'renstra-YYYY-Qn' for Renstra to date. A single quarter alone has no meeting note (null).
 */
export function periodKeyOf(period: Period): string | null {
  switch (period.kind) {
    case 'triwulan':
      return `${period.year}-Q${period.quarter}`
    case 'renstra':
      return `renstra-${period.year}-Q${period.quarter}`
    case 'satu_triwulan':
      return null
  }
}

/**
 * Whether the meeting's judgement contradicts the computed score, with the reason in words;
 * null when they agree (or there is nothing to compare).
 *  - "baik" on a cell whose predikat is one of the two lowest bands (Rendah / Sangat Rendah with
 *    the default bands);
 *  - "kurang" on a cell in the highest band (Sangat Tinggi).
 * Works with configured bands by their order, not their keys.
 */
export function judgementDisagreement(
  judgement: Judgement,
  value: number | null,
  predikat: Pick<PredikatBand, 'key' | 'label'> | null,
  bands: readonly PredikatBand[],
): string | null {
  if (value === null || predikat === null) return null
  const sorted = sortBands(bands)
  if (sorted.length < 2) return null
  const position = sorted.findIndex((b) => b.key === predikat.key)
  if (position < 0) return null
  const lowest = sorted.slice(0, Math.min(2, sorted.length - 1)).map((b) => b.key)
  const highest = sorted[sorted.length - 1]!.key
  const computed = `skor terhitung ${formatNumber(value)} (${predikat.label})`
  if (judgement === 'baik' && lowest.includes(predikat.key)) {
    return `Penilaian rapat "${JUDGEMENT_TEXT.baik}" berbeda dengan ${computed}`
  }
  if (judgement === 'kurang' && predikat.key === highest) {
    return `Penilaian rapat "${JUDGEMENT_TEXT.kurang}" berbeda dengan ${computed}`
  }
  return null
}
