// Shapes a score bundle for the JSON API: the engine's numbers, unrounded, with labels.
import type { ScoreBundle } from '../services/scoring.server'
import type { Score } from '../domain'

const score = (s: Score) => ({
  nilai: s.value,
  predikat: s.predikat?.label ?? null,
  predikat_kunci: s.predikat?.key ?? null,
  jumlah_indikator: s.indicatorCount,
  jumlah_dinilai: s.scoredCount,
  belum_ada_data: s.missing,
})

export function toApiScore(bundle: ScoreBundle, opdId: number, asOf: Date) {
  const r = bundle.result
  const byCode = new Map(bundle.data.indicators.map((i) => [i.id, i]))
  return {
    opd_id: opdId,
    periode: r.period,
    label: r.label,
    dihitung_pada: asOf.toISOString(),
    pengaturan: { batas_atas_capaian: bundle.settings.cap, predikat: bundle.settings.bands },
    keseluruhan: score(r.overall),
    matriks: Object.fromEntries(Object.entries(r.cells).map(([aspect, row]) => [aspect, Object.fromEntries(Object.entries(row).map(([strategy, s]) => [strategy, score(s)]))])),
    per_strategi: Object.fromEntries(Object.entries(r.byStrategy).map(([k, s]) => [k, score(s)])),
    per_aspek: Object.fromEntries(Object.entries(r.byAspect).map(([k, s]) => [k, score(s)])),
    per_unit: r.byUnit.map((u) => ({ unit_id: u.unitId, unit: u.unitName, ...score(u) })),
    jumlah_per_predikat: r.predikatCounts,
    perlu_perhatian: r.flags,
    indikator: r.indicators.map((i) => {
      const input = byCode.get(i.indicatorId)
      return {
        id: i.indicatorId,
        kode: input?.code ?? null,
        nama: input?.name ?? null,
        aspek: input?.aspect ?? null,
        strategi: input?.strategy ?? null,
        ...i,
      }
    }),
  }
}
