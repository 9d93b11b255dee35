// Input and output types of the scoring engine. Pure data, no I/O.
// The data layer (app/models, app/services) maps database rows to these shapes.

export const ASPECTS = ['pengelolaan', 'layanan', 'kemitraan'] as const
export type Aspect = (typeof ASPECTS)[number]

export const STRATEGIES = ['inti', 'konsekuensi', 'pelanggan', 'pengawasan', 'budaya'] as const
export type Strategy = (typeof STRATEGIES)[number]

export const POLARITIES = ['naik', 'turun'] as const
export type Polarity = (typeof POLARITIES)[number]

export const POLA_UKUR = ['kumulatif', 'rata_rata', 'posisi', 'rilis'] as const
export type PolaUkur = (typeof POLA_UKUR)[number]

/**
 * How the Renstra-to-date value (E.81 columns 13–14) is read against the end-of-period target:
 * `akumulasi` — the end target is a total over the period: the sum of every counting quarter so
 * far; `tahun_akhir` — the end target is a level to reach by the final year: the latest year's
 * period value. Default: `akumulasi` for `kumulatif`, `tahun_akhir` for the other pola ukur.
 */
export const RENSTRA_MODES = ['akumulasi', 'tahun_akhir'] as const
export type RenstraMode = (typeof RENSTRA_MODES)[number]

/** The Renstra mode an indicator has when none is set: `akumulasi` for `kumulatif`, else `tahun_akhir`. */
export function defaultRenstraMode(polaUkur: PolaUkur): RenstraMode {
  return polaUkur === 'kumulatif' ? 'akumulasi' : 'tahun_akhir'
}

export const REALISASI_STATUSES = ['draft', 'diajukan', 'diverifikasi', 'dikembalikan'] as const
export type RealisasiStatus = (typeof REALISASI_STATUSES)[number]

export const JUDGEMENTS = ['baik', 'cukup_baik', 'kurang'] as const
export type Judgement = (typeof JUDGEMENTS)[number]

export type Quarter = 1 | 2 | 3 | 4

/** One indicator (IKU) as the engine sees it. */
export interface IndicatorInput {
  id: number
  code: string
  name: string
  unit: string // satuan: persen, indeks, dokumen, ...
  polarity: Polarity
  polaUkur: PolaUkur
  aspect: Aspect
  strategy: Strategy
  weight: number // default 1
  unitId: number // responsible bidang (org_unit id)
  unitName: string
  baseline: number | null
  /** End-of-period (akhir Renstra) target — Formulir E.81 column 5. */
  targetAkhir: number | null
  /** Renstra mode (E.81 col 13–14); null/absent → defaultRenstraMode(polaUkur). */
  renstraMode?: RenstraMode | null
  /** Annual targets by year. */
  annualTargets: Record<number, number>
  /**
   * Optional quarterly targets, key `${year}-${quarter}`. The target of that quarter alone:
   * for `kumulatif` the amount due in that quarter; for the other pola ukur the level expected then.
   * Absent → derived (kumulatif: annual / 4; otherwise the annual target).
   */
  quarterTargets: Record<string, number>
}

/** One quarterly realisation row. */
export interface RealisasiInput {
  indicatorId: number
  year: number
  quarter: Quarter
  value: number | null
  tidakDiukur: boolean
  status: RealisasiStatus
  /** Entered after the deadline. */
  isLate: boolean
  hasProof: boolean // bukti dukung text or link present
  kendala: string | null
  tindakLanjut: string | null
}

export interface PredikatBand {
  /** Inclusive lower bound; null = −∞. */
  min: number | null
  /** Exclusive upper bound; null = +∞. */
  max: number | null
  label: string
  /** Short key for colours, e.g. 'sangat_tinggi'. */
  key: string
}

export interface ScoringSettings {
  bands: PredikatBand[]
  cap: number // default 120
  deadlineDays: number // default 10
  timeZone: string // 'Asia/Jakarta'
  /**
   * Flag 3: the smallest fall, in points of the score as shown (two decimals), that counts as a
   * fall; absent → DEFAULT_DROP_TOLERANCE (1). A smaller drop — 97,67 → 97,67 — is no fall.
   */
  dropTolerance?: number
}

/** The period asked for. */
export type Period =
  | { kind: 'satu_triwulan'; year: number; quarter: Quarter } // one quarter alone (entry form)
  | { kind: 'triwulan'; year: number; quarter: Quarter } // year to date, s.d. TW n (n = 4 → full year)
  | { kind: 'renstra'; startYear: number; endYear: number; year: number; quarter: Quarter } // Renstra to date
