// The capaian and predikat of one quarter, computed as the user types with the same domain
// functions the server uses (app/domain is pure and runs in the browser too).
import { capaianSatuTriwulan, formatNumberTrim, formatPercent, parseDecimalInput } from '../../domain'
import type { IndicatorInput, PredikatBand, Quarter, ScoringSettings } from '../../domain/types'

export interface LiveResult {
  parseError: string | null
  value: number | null
  capaianText: string
  predikat: PredikatBand | null
  needsNarrative: boolean
  hasTarget: boolean
}

/** The field's limits as the help text shows them ("batas 0–100"); the server checks the same. */
export interface ValueLimits {
  min: number | null
  max: number | null
  satuan: string
}

/** The same words the server uses when a value is outside the field's limits, or null. */
export function limitProblem(value: number, limits: ValueLimits): string | null {
  if (Math.abs(value) >= 1e14) return 'Nilai terlalu besar.'
  if (limits.min !== null && value < limits.min)
    return limits.min === 0 ? 'Nilai tidak boleh negatif.' : `Nilai tidak boleh kurang dari ${formatNumberTrim(limits.min, 6)} ${limits.satuan}.`
  if (limits.max !== null && value > limits.max) {
    return limits.satuan.toLowerCase() === 'persen' && limits.max === 100
      ? 'Nilai persen tidak boleh lebih dari 100.'
      : `Nilai tidak boleh lebih dari ${formatNumberTrim(limits.max, 6)} ${limits.satuan}.`
  }
  return null
}

export function liveCapaian(
  indicator: IndicatorInput,
  year: number,
  quarter: Quarter,
  valueText: string,
  tidakDiukur: boolean,
  settings: ScoringSettings,
  limits?: ValueLimits,
): LiveResult {
  if (tidakDiukur) return { parseError: null, value: null, capaianText: 'tidak diukur', predikat: null, needsNarrative: false, hasTarget: true }
  const parsed = parseDecimalInput(valueText)
  if (typeof parsed === 'string') return { parseError: parsed, value: null, capaianText: '–', predikat: null, needsNarrative: false, hasTarget: true }
  const outside = parsed !== null && limits ? limitProblem(parsed, limits) : null
  if (outside) return { parseError: outside, value: null, capaianText: '–', predikat: null, needsNarrative: false, hasTarget: true }
  const c = capaianSatuTriwulan(indicator, year, quarter, parsed, settings)
  return {
    parseError: null,
    value: parsed,
    capaianText: parsed === null ? '–' : c.capaianRaw === null ? 'tidak dapat dihitung' : formatPercent(c.capaianRaw),
    predikat: c.predikat,
    needsNarrative: c.needsNarrative,
    hasTarget: c.target !== null,
  }
}

export function PredikatBadge({ band }: { band: { key: string; label: string } | null }) {
  if (!band) return <span className="badge p-none">belum ada</span>
  return <span className={`badge p-${band.key}`}>{band.label}</span>
}

export function LiveCapaianView({ result, id }: { result: LiveResult; id: string }) {
  return (
    <div className="entry-capaian" id={id} aria-live="polite">
      <span className="entry-capaian-label">Capaian TW:</span> <strong>{result.capaianText}</strong> {result.value !== null ? <PredikatBadge band={result.predikat} /> : null}
      {result.value !== null && !result.hasTarget ? <span className="muted"> (target belum ditetapkan)</span> : null}
      {result.needsNarrative ? <div className="entry-hint">Capaian Sedang atau lebih rendah: kendala dan tindak lanjut wajib diisi sebelum diajukan.</div> : null}
    </div>
  )
}
