// The one label module: Indonesian words for the enumerations shown in the UI, in exports and in
// messages. Pure. Each meaning has its own name: short and full aspect names are ASPECT_SHORT and
// ASPECT_NAMES; a quarter is quarterName(3) = "Triwulan III" in sentences and quarterShort(3) =
// "TW III" in tight columns.
import type { Aspect, Judgement, PolaUkur, Polarity, Quarter, RealisasiStatus, RenstraMode, Strategy } from './types'

const ROMAN = ['I', 'II', 'III', 'IV'] as const

/** 1 → "I" … 4 → "IV". Throws RangeError on anything else. */
export function romanQuarter(q: Quarter | number): string {
  const r = Number.isInteger(q) ? ROMAN[q - 1] : undefined
  if (!r) throw new RangeError(`Triwulan tidak valid: ${q}`)
  return r
}

/** 3 → "Triwulan III" (in sentences and titles). */
export function quarterName(q: Quarter | number): string {
  return `Triwulan ${romanQuarter(q)}`
}

/** 3 → "TW III" (in tables and tight columns). */
export function quarterShort(q: Quarter | number): string {
  return `TW ${romanQuarter(q)}`
}

/** Short Indonesian names of the three aspects (Perwa Dumai 59/2018): "Pengelolaan". */
export const ASPECT_SHORT: Record<Aspect, string> = {
  pengelolaan: 'Pengelolaan',
  layanan: 'Layanan',
  kemitraan: 'Kemitraan',
}

/** Full names of the aspects: "Pengelolaan informasi dan komunikasi publik". */
export const ASPECT_NAMES: Record<Aspect, string> = {
  pengelolaan: 'Pengelolaan informasi dan komunikasi publik',
  layanan: 'Layanan informasi dan komunikasi publik',
  kemitraan: 'Kemitraan informasi dan komunikasi publik',
}

/** Indonesian names of Osborne & Plastrik's five strategies: "Strategi Inti". */
export const STRATEGY_LABELS: Record<Strategy, string> = {
  inti: 'Strategi Inti',
  konsekuensi: 'Strategi Konsekuensi',
  pelanggan: 'Strategi Pelanggan',
  pengawasan: 'Strategi Pengawasan',
  budaya: 'Strategi Budaya',
}

/** The strategies without the word "Strategi": "Inti". */
export const STRATEGY_SHORT: Record<Strategy, string> = { inti: 'Inti', konsekuensi: 'Konsekuensi', pelanggan: 'Pelanggan', pengawasan: 'Pengawasan', budaya: 'Budaya' }

export const POLARITY_LABELS: Record<Polarity, string> = { naik: 'Naik (makin tinggi makin baik)', turun: 'Turun (makin rendah makin baik)' }
export const POLARITY_SHORT: Record<Polarity, string> = { naik: 'Naik ↑', turun: 'Turun ↓' }

export const POLA_UKUR_LABELS: Record<PolaUkur, string> = {
  kumulatif: 'Kumulatif',
  rata_rata: 'Rata-rata',
  posisi: 'Posisi akhir',
  rilis: 'Rilis lembaga',
}

/** The realisation workflow (draf → diajukan → diverifikasi / dikembalikan). Not the indicator status of ./capaian. */
export const WORKFLOW_STATUS_LABELS: Record<RealisasiStatus, string> = {
  draft: 'Draf',
  diajukan: 'Diajukan',
  diverifikasi: 'Diverifikasi',
  dikembalikan: 'Dikembalikan',
}

export const JUDGEMENT_LABELS: Record<Judgement, string> = { baik: 'Baik', cukup_baik: 'Cukup baik', kurang: 'Kurang' }

/** The Renstra modes in words (indicator page, Renstra form). */
export const RENSTRA_MODE_LABELS: Record<RenstraMode, string> = {
  akumulasi: 'Akumulasi',
  tahun_akhir: 'Tahun akhir',
}

/** What each Renstra mode does with the end-of-period target. */
export const RENSTRA_MODE_HINTS: Record<RenstraMode, string> = {
  akumulasi: 'realisasi seluruh tahun dijumlahkan dan dibandingkan dengan target akhir sebagai total periode (misalnya 580 konten dalam enam tahun)',
  tahun_akhir: 'nilai tahun terakhir dibandingkan dengan target akhir sebagai tingkat yang harus dicapai pada tahun akhir (misalnya paling lama 24 jam gangguan setahun)',
}
