// Indonesian labels for the enumerations shown in the UI and in exports.
import type { Aspect, PolaUkur, Polarity, RealisasiStatus, Strategy, Judgement } from '../domain/types'

export const ASPECT_LABELS: Record<Aspect, string> = {
  pengelolaan: 'Pengelolaan informasi dan komunikasi publik',
  layanan: 'Layanan informasi dan komunikasi publik',
  kemitraan: 'Kemitraan informasi dan komunikasi publik',
}
export const ASPECT_SHORT: Record<Aspect, string> = { pengelolaan: 'Pengelolaan', layanan: 'Layanan', kemitraan: 'Kemitraan' }

export const STRATEGY_LABELS: Record<Strategy, string> = {
  inti: 'Strategi Inti',
  konsekuensi: 'Strategi Konsekuensi',
  pelanggan: 'Strategi Pelanggan',
  pengawasan: 'Strategi Pengawasan',
  budaya: 'Strategi Budaya',
}
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

export const QUARTER_ROMAN = ['I', 'II', 'III', 'IV'] as const
export const quarterLabel = (q: number) => `TW ${QUARTER_ROMAN[q - 1] ?? q}`

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 })
export const formatValue = (v: number | null | undefined) => (v == null ? '–' : NUMBER.format(v))
