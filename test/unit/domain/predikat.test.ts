import { describe, expect, it } from 'vitest'
import { attentionThreshold, DEFAULT_BANDS, DEFAULT_SETTINGS, lkjipWording, predikatOf, validateBands, type PredikatBand } from '../../../app/domain/index'

describe('DEFAULT_SETTINGS', () => {
  it('cap 120, 10 days, Asia/Jakarta, default bands', () => {
    expect(DEFAULT_SETTINGS.cap).toBe(120)
    expect(DEFAULT_SETTINGS.deadlineDays).toBe(10)
    expect(DEFAULT_SETTINGS.timeZone).toBe('Asia/Jakarta')
    expect(DEFAULT_SETTINGS.bands).toEqual(DEFAULT_BANDS)
    expect(DEFAULT_BANDS[0]!.min).toBeNull()
    expect(DEFAULT_BANDS[DEFAULT_BANDS.length - 1]!.max).toBeNull()
  })
})

describe('predikatOf — band edges (lower bound inclusive, upper exclusive)', () => {
  it.each([
    [-5, 'sangat_rendah', 'Sangat Rendah', 'Sangat Kurang'],
    [0, 'sangat_rendah', 'Sangat Rendah', 'Sangat Kurang'],
    [50.99, 'sangat_rendah', 'Sangat Rendah', 'Sangat Kurang'],
    [51, 'rendah', 'Rendah', 'Kurang'],
    [65.99, 'rendah', 'Rendah', 'Kurang'],
    [66, 'sedang', 'Sedang', 'Cukup'],
    [75.99, 'sedang', 'Sedang', 'Cukup'],
    [76, 'tinggi', 'Tinggi', 'Baik'],
    [90.5, 'tinggi', 'Tinggi', 'Baik'],
    [90.99, 'tinggi', 'Tinggi', 'Baik'],
    [91, 'sangat_tinggi', 'Sangat Tinggi', 'Sangat Baik'],
    [100, 'sangat_tinggi', 'Sangat Tinggi', 'Sangat Baik'],
    [120, 'sangat_tinggi', 'Sangat Tinggi', 'Sangat Baik'],
    [140, 'sangat_tinggi', 'Sangat Tinggi', 'Sangat Baik'],
  ])('%s → %s', (v, key, label, lkjip) => {
    const b = predikatOf(v, DEFAULT_BANDS)
    expect(b?.key).toBe(key)
    expect(b?.label).toBe(label)
    expect(lkjipWording(b)).toBe(lkjip)
  })

  it('null / NaN → null', () => {
    expect(predikatOf(null, DEFAULT_BANDS)).toBeNull()
    expect(predikatOf(Number.NaN, DEFAULT_BANDS)).toBeNull()
  })

  it('attention threshold is the lower bound of the second-best band', () => {
    expect(attentionThreshold(DEFAULT_BANDS)).toBe(76)
  })
})

const band = (min: number | null, max: number | null, label: string, key: string): PredikatBand => ({
  min,
  max,
  label,
  key,
})

describe('validateBands', () => {
  it('default bands are valid', () => {
    expect(validateBands(DEFAULT_BANDS)).toEqual([])
  })

  it('a six-band scale in any order is valid', () => {
    expect(
      validateBands([
        band(90, null, 'Istimewa', 'a'),
        band(null, 50, 'Buruk', 'f'),
        band(50, 60, 'Kurang', 'e'),
        band(70, 80, 'Baik', 'c'),
        band(60, 70, 'Cukup', 'd'),
        band(80, 90, 'Sangat Baik', 'b'),
      ]),
    ).toEqual([])
  })

  it('overlap', () => {
    const errors = validateBands([band(null, 60, 'Rendah', 'r'), band(55, null, 'Tinggi', 't')])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('tumpang tindih')
    expect(errors[0]).toContain('"Rendah"')
    expect(errors[0]).toContain('"Tinggi"')
  })

  it('two bands without lower bound overlap', () => {
    const errors = validateBands([band(null, 60, 'A', 'a'), band(null, 70, 'B', 'b'), band(70, null, 'C', 'c')])
    expect(errors.some((e) => e.includes('tumpang tindih'))).toBe(true)
  })

  it('gap', () => {
    const errors = validateBands([band(null, 50, 'Rendah', 'r'), band(60, null, 'Tinggi', 't')])
    expect(errors).toEqual(['Ada celah antara kategori "Rendah" dan "Tinggi": nilai 50 s.d. <60 tidak masuk kategori mana pun'])
  })

  it('not covering −∞ and +∞', () => {
    const errors = validateBands([band(0, 50, 'Rendah', 'r'), band(50, 100, 'Tinggi', 't')])
    expect(errors).toHaveLength(2)
    expect(errors[0]).toContain('di bawah 0')
    expect(errors[1]).toContain('100 ke atas')
  })

  it('empty label, duplicate key, duplicate label, min ≥ max, no band', () => {
    expect(validateBands([band(null, 50, ' ', 'r'), band(50, null, 'Tinggi', 't')])).toEqual(['Kategori ke-1 belum memiliki label'])
    expect(validateBands([band(null, 50, 'Rendah', 'x'), band(50, null, 'Tinggi', 'x')])).toEqual(['Kunci "x" dipakai oleh lebih dari satu kategori'])
    expect(validateBands([band(null, 50, 'Sama', 'a'), band(50, null, 'sama', 'b')])[0]).toContain('dipakai oleh lebih dari satu kategori')
    expect(validateBands([band(null, 50, 'A', 'a'), band(70, 60, 'B', 'b'), band(60, null, 'C', 'c')])[0]).toContain('harus lebih kecil')
    expect(validateBands([])).toEqual(['Minimal satu kategori harus ditentukan'])
  })
})
