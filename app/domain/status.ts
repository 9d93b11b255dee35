// The reporting status of an indicator result (lateness kept apart).

// ---------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------

/**
 * The computed status of an indicator result (domain §4). Lateness is NOT a status: it is kept
 * apart (IndicatorResult.late) and shown beside the status when both hold.
 */
export const INDICATOR_STATUSES = ['ok', 'belum_lapor', 'tidak_diukur', 'menunggu_rilis', 'tidak_dapat_dihitung'] as const
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number]

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  ok: 'OK',
  belum_lapor: 'Belum lapor',
  tidak_diukur: 'Tidak diukur',
  menunggu_rilis: 'Menunggu rilis',
  tidak_dapat_dihitung: 'Tidak dapat dihitung',
}

/** The word added to the status when the result is late. */
export const LATE_LABEL = 'terlambat'

/** The status as shown: "Tidak dapat dihitung", or with lateness "Tidak dapat dihitung · terlambat". */
export function statusText(status: IndicatorStatus, late: boolean): string {
  return late ? `${STATUS_LABELS[status]} · ${LATE_LABEL}` : STATUS_LABELS[status]
}

/*
 * Status (first match wins). The quarters looked at are those of `period.year` in the period
 * (TW q alone for satu_triwulan, TW 1..n otherwise — also for a Renstra period, whose capaian
 * spans several years).
 *
 *  1. tidak_dapat_dihitung — there is a realisation but no capaian (target 0 for `naik`, or
 *                            no target set).
 *  2. ok                   — a capaian was computed.
 *  — nothing counts (realisasi null) —
 *  3. tidak_diukur         — every quarter looked at is marked tidak diukur (for `rilis`: at
 *                            least one is, and no value was released).
 *  4. menunggu_rilis       — `rilis` without a released value yet (never late, never 0).
 *  5. belum_lapor          — nothing reported.
 *
 * And apart from it, `late`: a quarter is missing after its deadline, or a counted row was
 * entered late (isLate). Never for `rilis`. The capaian, when it can be computed from the other
 * quarters, is still given.
 */
