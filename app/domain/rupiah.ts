// Rupiah amounts as people type them (id-ID): "1250000", "1.250.000", "1.250.000,50". Strict: the
// thousands separator is "." in groups of three, the decimal separator is "," with at most two
// digits; anything else ("1,250,000", "1.25", "-5", "Rp", "12.5000") is refused with a message.

/** The largest amount the database column (decimal(18,2)) takes comfortably. */
export const RUPIAH_MAX = 1e15

export type RupiahParse = { ok: true; value: number } | { ok: false; message: string }

export function parseRupiah(raw: string): RupiahParse {
  const s = raw.replace(/\u00a0/g, ' ').trim()
  if (s === '') return { ok: false, message: 'Jumlah rupiah wajib diisi.' }
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s)
  if (!m) {
    return {
      ok: false,
      message: `"${s.slice(0, 40)}" bukan jumlah rupiah yang sah. Tulis angka saja dengan titik sebagai pemisah ribuan dan koma untuk sen, misalnya 1.250.000 atau 1250000 atau 1.250.000,50.`,
    }
  }
  const whole = m[1]!.replace(/\./g, '')
  if (whole.length > 1 && whole.startsWith('0')) return { ok: false, message: `"${s}" bukan jumlah rupiah yang sah: angka tidak boleh diawali nol.` }
  const value = Number(`${whole}.${(m[2] ?? '0').padEnd(2, '0')}`)
  if (!Number.isFinite(value) || value >= RUPIAH_MAX) return { ok: false, message: `Jumlah terlalu besar (paling besar ${formatRupiah(RUPIAH_MAX - 1)}).` }
  return { ok: true, value: Math.round(value * 100) / 100 }
}

/** 1250000.5 → "Rp 1.250.000,50"; whole rupiah without cents. */
export function formatRupiah(v: number | null | undefined, withPrefix = true): string {
  if (v == null || !Number.isFinite(v)) return '–'
  const cents = Math.round(v * 100) % 100 !== 0
  const text = v.toLocaleString('id-ID', { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 })
  return withPrefix ? `Rp ${text}` : text
}

/** The amount as the input shows it back: "1.250.000" or "1.250.000,50". */
export const rupiahInput = (v: number | null | undefined): string => (v == null ? '' : formatRupiah(v, false))

/** Capaian anggaran = realisasi / pagu × 100; no polarity; null when the pagu is missing or zero. */
export function capaianAnggaran(realisasi: number | null, pagu: number | null): number | null {
  if (realisasi == null || pagu == null || !(pagu > 0)) return null
  return (realisasi / pagu) * 100
}
