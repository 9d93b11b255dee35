// Read model of the indicator page (app/routes/indikator.$id.tsx): the indicator's definition and
// Renstra place, its current row, its Renstra-to-date capaian, one row per Renstra year, the
// quarters of the chosen year, every realisation with its workflow, and the audit history.
import type { Executor } from '../utils/db.server'
import { indicatorDetail, realisasiAuditRows, realisasiOfIndicator, type IndicatorRealisasiRow } from '../models/dashboard-read.server'
import {
  ASPECT_SHORT,
  STRATEGY_LABELS,
  dueDateLabel,
  formatNumber,
  indicatorResult,
  quarterName,
  quarterTarget,
  RENSTRA_MODE_HINTS,
  RENSTRA_MODE_LABELS,
  type IndicatorInput,
  type IndicatorResult,
  type Quarter,
  type RealisasiInput,
} from '../domain'
import { POLA_UKUR_LABELS, POLARITY_SHORT, WORKFLOW_STATUS_LABELS as WORKFLOW_LABELS } from '../domain/labels'
import { ROLE_LABELS, type Role } from '../utils/permissions'
import type { DashboardBase } from './dashboard-scope.server'
import { capaianText, cellHref, formatDbTime, indicatorRowView, NO_DATA, predikatText, valueText } from './dashboard-views.server'
import { safeHttpUrl } from '../utils/entry-format'

export { indicatorOpd } from '../models/dashboard-read.server'

type Detail = Awaited<ReturnType<typeof indicatorDetail>>

/** What the year and quarter rows are scored from: the indicator, its realisations, the Renstra start. */
interface Scoring {
  base: DashboardBase
  input: IndicatorInput
  engineRows: RealisasiInput[]
  startYear: number
}

const AUDIT_HIDDEN_KEYS = new Set(['updated_at', 'created_at'])

function auditChanges(beforeJson: string | null, afterJson: string | null): string[] {
  const parse = (s: string | null): Record<string, unknown> => {
    if (!s) return {}
    try {
      const v = JSON.parse(s)
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { nilai: v }
    } catch {
      return {}
    }
  }
  const b = parse(beforeJson)
  const a = parse(afterJson)
  const show = (v: unknown) => {
    if (v === null || v === undefined || v === '') return '–'
    const s = typeof v === 'string' ? v : JSON.stringify(v)
    return s.length > 80 ? `${s.slice(0, 77)}…` : s
  }
  const out: string[] = []
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (AUDIT_HIDDEN_KEYS.has(k)) continue
    if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue
    out.push(k in b ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`)
  }
  return out
}

/** One row per year of the Renstra: the year's target, realisation and capaian at TW IV. */
function perYearRows({ base, input, engineRows, startYear }: Scoring, detail: Detail) {
  const settings = base.bundle.settings
  const renstraYears: number[] = []
  for (let y = detail.start_year; y <= detail.end_year; y++) renstraYears.push(y)
  return renstraYears.map((year) => {
    const yr = indicatorResult(input, engineRows, { kind: 'triwulan', year, quarter: 4 }, settings, base.asOf, { renstraStartYear: startYear })
    return {
      year,
      target: input.annualTargets[year] ?? null,
      targetText: valueText(input.annualTargets[year] ?? null),
      realisasi: yr.realisasi,
      realisasiText: valueText(yr.realisasi),
      capaianText: capaianText(yr),
      capaianRaw: yr.capaianRaw,
      predikatKey: yr.predikat?.key ?? 'none',
      predikatLabel: predikatText(yr),
      status: yr.status,
      late: yr.late,
      statusLabel: yr.statusLabel,
    }
  })
}

const enteredValueText = (r: Pick<IndicatorRealisasiRow, 'tidak_diukur' | 'value'>) => (r.tidak_diukur === 1 ? 'Tidak diukur' : valueText(r.value == null ? null : Number(r.value)))

/** The four quarters of the chosen year: target, entered value, single-quarter capaian, workflow, deadline. */
function quarterRows({ base, input, engineRows, startYear }: Scoring, dbRows: IndicatorRealisasiRow[]) {
  const settings = base.bundle.settings
  const year = base.ctx.period.year
  return ([1, 2, 3, 4] as Quarter[]).map((q) => {
    const row = dbRows.find((x) => x.year === year && x.quarter === q)
    const qr = indicatorResult(input, engineRows, { kind: 'satu_triwulan', year, quarter: q }, settings, base.asOf, { renstraStartYear: startYear })
    const target = quarterTarget(input, year, q)
    return {
      quarter: q,
      label: quarterName(q),
      target,
      targetText: valueText(target),
      valueText: row ? enteredValueText(row) : '–',
      capaianText: capaianText(qr),
      predikatKey: qr.predikat?.key ?? 'none',
      predikatLabel: predikatText(qr),
      workflow: row ? (WORKFLOW_LABELS[row.status] ?? row.status) : qr.missingQuarters.length ? 'Belum ada entri · terlambat' : 'Belum ada entri',
      workflowKey: row?.status ?? null,
      isLate: row?.is_late === 1,
      deadlineText: dueDateLabel(year, q, settings.deadlineDays),
    }
  })
}

/** Every realisation of the indicator with its evidence, narrative and who did what when. */
function entryRows(dbRows: IndicatorRealisasiRow[], tz: string) {
  return dbRows.map((r) => ({
    id: r.id,
    period: `${quarterName(r.quarter)} ${r.year}`,
    year: r.year,
    quarter: r.quarter,
    valueText: enteredValueText(r),
    status: WORKFLOW_LABELS[r.status] ?? r.status,
    statusKey: r.status,
    isLate: r.is_late === 1,
    buktiText: r.bukti_text,
    buktiLink: safeHttpUrl(r.bukti_link),
    buktiLinkRaw: r.bukti_link,
    buktiInternal: r.bukti_internal === 1,
    kendala: r.kendala,
    tindakLanjut: r.tindak_lanjut,
    returnNote: r.return_note,
    version: r.version,
    entered: r.entered_at ? `${r.entered_name ?? '–'}, ${formatDbTime(r.entered_at, tz)}` : '–',
    submitted: r.submitted_at ? `${r.submitted_name ?? '–'}, ${formatDbTime(r.submitted_at, tz)}` : '–',
    verified: r.verified_at ? `${r.verified_name ?? '–'}, ${formatDbTime(r.verified_at, tz)}` : '–',
  }))
}

/** The audit trail of the indicator's realisations, oldest first, with the changed fields. */
async function historyRows(db: Executor, dbRows: IndicatorRealisasiRow[], tz: string) {
  const auditRows = await realisasiAuditRows(
    db,
    dbRows.map((r) => String(r.id)),
  )
  const periodOfRow = new Map(dbRows.map((r) => [String(r.id), `${quarterName(r.quarter)} ${r.year}`]))
  return auditRows.map((a) => ({
    id: a.id,
    when: formatDbTime(a.occurred_at, tz),
    actor: a.actor_username ?? 'sistem',
    role: a.actor_role ? (ROLE_LABELS[a.actor_role as Role] ?? a.actor_role) : '–',
    action: a.action,
    period: periodOfRow.get(a.entity_id ?? '') ?? '–',
    reason: a.reason,
    changes: auditChanges(a.before_json, a.after_json),
  }))
}

/** The indicator's header: definition, pola ukur, polarity, its place in the Renstra. */
function indicatorHeader(input: IndicatorInput, detail: Detail, query: string) {
  const num = (v: unknown) => valueText(v == null ? null : Number(v))
  return {
    id: input.id,
    code: input.code,
    name: input.name,
    satuan: input.unit,
    polarity: POLARITY_SHORT[input.polarity],
    polaUkur: POLA_UKUR_LABELS[input.polaUkur],
    aspect: input.aspect,
    aspectLabel: ASPECT_SHORT[input.aspect],
    strategy: input.strategy,
    strategyLabel: STRATEGY_LABELS[input.strategy],
    unitName: input.unitName,
    weight: input.weight,
    baselineText: num(detail.baseline),
    baselineYear: detail.baseline_year,
    targetAkhirText: num(detail.target_akhir),
    definition: detail.definition,
    periodName: detail.period_name.includes(String(detail.start_year)) ? detail.period_name : `${detail.period_name} (${detail.start_year}–${detail.end_year})`,
    sasaran: detail.sasaran_code ? `${detail.sasaran_code} ${detail.sasaran_name}` : null,
    program: detail.program_code ? `${detail.program_code} ${detail.program_name}` : null,
    cellHref: cellHref(input.aspect, input.strategy, query),
  }
}

/** The Renstra-to-date capaian (the mode of the indicator decides how it accumulates). */
function renstraView(result: IndicatorResult) {
  const r = result.renstra
  return {
    mode: r.mode,
    modeLabel: RENSTRA_MODE_LABELS[r.mode],
    modeHint: RENSTRA_MODE_HINTS[r.mode],
    target: r.target,
    targetText: valueText(r.target),
    realisasi: r.realisasi,
    realisasiText: valueText(r.realisasi),
    capaian: r.capaian,
    capaianText: r.capaian === null ? NO_DATA : `${formatNumber(r.capaian)}%`,
  }
}

export async function indicatorPageView(db: Executor, base: DashboardBase, indicatorId: number) {
  const { bundle, ctx } = base
  const input = bundle.data.indicators.find((i) => i.id === indicatorId)
  if (!input) return null
  const result = bundle.result.indicators.find((r) => r.indicatorId === indicatorId)!
  const detail = await indicatorDetail(db, indicatorId)
  const scoring: Scoring = { base, input, engineRows: bundle.data.realisasi.filter((x) => x.indicatorId === indicatorId), startYear: detail.start_year }
  const dbRows = await realisasiOfIndicator(db, indicatorId)
  const tz = bundle.settings.timeZone
  return {
    ...ctx,
    indicator: indicatorHeader(input, detail, ctx.query),
    current: indicatorRowView(input, result, ctx.query, bundle.result.flags),
    renstra: renstraView(result),
    perYear: perYearRows(scoring, detail),
    quarters: quarterRows(scoring, dbRows),
    entries: entryRows(dbRows, tz),
    history: await historyRows(db, dbRows, tz),
  }
}
export type IndicatorPageView = NonNullable<Awaited<ReturnType<typeof indicatorPageView>>>
