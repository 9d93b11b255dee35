// Indonesian labels for the enumerations shown in the UI and in exports.
import type { PolaUkur, Polarity, RealisasiStatus, Strategy, Judgement } from '../domain/types'
import { ASPECT_LABELS as DOMAIN_ASPECT_SHORT, ASPECT_NAMES, STRATEGY_LABELS as DOMAIN_STRATEGY_LABELS, formatNumberTrim, romanQuarter } from '../domain/format'

/** Full aspect names (the domain module holds the words; these are UI aliases). */
export const ASPECT_LABELS = ASPECT_NAMES
export const ASPECT_SHORT = DOMAIN_ASPECT_SHORT
export const STRATEGY_LABELS = DOMAIN_STRATEGY_LABELS
export const STRATEGY_SHORT: Record<Strategy, string> = { inti: 'Inti', konsekuensi: 'Konsekuensi', pelanggan: 'Pelanggan', pengawasan: 'Pengawasan', budaya: 'Budaya' }

export const POLARITY_LABELS: Record<Polarity, string> = { naik: 'Naik (makin tinggi makin baik)', turun: 'Turun (makin rendah makin baik)' }
export const POLARITY_SHORT: Record<Polarity, string> = { naik: 'Naik ↑', turun: 'Turun ↓' }

export const POLA_UKUR_LABELS: Record<PolaUkur, string> = {
  kumulatif: 'Kumulatif',
  rata_rata: 'Rata-rata',
  posisi: 'Posisi akhir',
  rilis: 'Rilis lembaga',
}

export const STATUS_LABELS: Record<RealisasiStatus, string> = {
  draft: 'Draf',
  diajukan: 'Diajukan',
  diverifikasi: 'Diverifikasi',
  dikembalikan: 'Dikembalikan',
}

export const JUDGEMENT_LABELS: Record<Judgement, string> = { baik: 'Baik', cukup_baik: 'Cukup baik', kurang: 'Kurang' }

/** 3 → "TW III". */
export const quarterLabel = (q: number) => `TW ${romanQuarter(q)}`

/** A value as typed units, at most two decimals, id-ID ("12,5"); null → "–". */
export const formatValue = (v: number | null | undefined) => formatNumberTrim(v, 2)
