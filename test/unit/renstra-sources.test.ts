// The pure parts of the Renstra source readers: titles → fields, source detection, the number rule
// per source, and the nomenclature shapes.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { detectSource, fieldOfTitle, normHeader, proposeMapping, readHeaders } from '../../app/services/excel/renstra-sources/fields.server'
import { levelOfCode, nomenclatureProblem, sourceNumber } from '../../app/services/excel/renstra-sources/read.server'

function cell(value: ExcelJS.CellValue): ExcelJS.Cell {
  const ws = new ExcelJS.Workbook().addWorksheet('x')
  const c = ws.getCell(1, 1)
  c.value = value
  return c
}

describe('Renstra sources › titles and detection', () => {
  it('normalises titles and names fields by synonyms, slots and calendar years', () => {
    expect(normHeader('  Target_1 ')).toBe('target 1')
    expect(fieldOfTitle(normHeader('TARGET  Tahun-3'), null)).toBe('target3')
    expect(fieldOfTitle(normHeader('pagu_5'), null)).toBe('pagu5')
    expect(fieldOfTitle(normHeader('indikator_teks'), null)).toBe('indikator')
    expect(fieldOfTitle(normHeader('Kondisi Kinerja pada Awal Periode RPJMD'), null)).toBe('baseline')
    expect(fieldOfTitle('target 2023', 2021)).toBe('target3')
    expect(fieldOfTitle('pagu 2021', 2021)).toBe('pagu1')
    expect(fieldOfTitle('2027', 2021)).toBeNull() // slot 7: no Renstra has seven years
    expect(fieldOfTitle('keterangan', 2021)).toBeNull()
  })

  it('detects SIPD by its field names and T-C.28 by its caption, and proposes the mapping', () => {
    const wb = new ExcelJS.Workbook()
    const sipd = wb.addWorksheet('a')
    ;['kode_skpd', 'tahun_awal', 'indikator_teks', 'satuan', 'target_1', 'target_2'].forEach((t, i) => (sipd.getCell(1, i + 1).value = t))
    const h = readHeaders(sipd)!
    expect(h.headerRow).toBe(1)
    expect(detectSource(h)).toBe('sipd')
    expect(proposeMapping(h, null)).toEqual({
      kodeSkpd: 'kode_skpd',
      tahunAwal: 'tahun_awal',
      indikator: 'indikator_teks',
      satuan: 'satuan',
      target1: 'target_1',
      target2: 'target_2',
    })
    // a remembered mapping wins where its column still exists
    expect(proposeMapping(h, { satuan: 'kode_skpd', indikator: 'tidak ada lagi' }).satuan).toBe('kode_skpd')
    const tc = wb.addWorksheet('b')
    tc.getCell(1, 1).value = 'Tabel T-C.28 Indikator Kinerja Perangkat Daerah'
    ;['No', 'Indikator', 'Satuan', 'Tahun 1', 'Tahun 2'].forEach((t, i) => (tc.getCell(3, i + 1).value = t))
    const h2 = readHeaders(tc)!
    expect([h2.headerRow, detectSource(h2)]).toEqual([3, 'tc28'])
  })
})

describe('Renstra sources › numbers and codes', () => {
  const sipd = { dotDecimal: true, money: false }
  const doc = { dotDecimal: false, money: false }
  it('reads "100%", "95 %", "12,5" everywhere, "1.250" as 1,25 only in SIPD, and reports words', () => {
    expect(sourceNumber(cell('100%'), doc)).toEqual({ value: 100 })
    expect(sourceNumber(cell('95 %'), doc)).toEqual({ value: 95 })
    expect(sourceNumber(cell('12,5'), doc)).toEqual({ value: 12.5 })
    expect(sourceNumber(cell('-'), doc)).toEqual({ value: null })
    expect(sourceNumber(cell(7.5), doc)).toEqual({ value: 7.5 })
    expect(sourceNumber(cell('1.250'), sipd)).toEqual({ value: 1.25 })
    expect(sourceNumber(cell('1.250'), doc)).toEqual({ error: '"1.250" ambigu: tulis 1250 bila maksudnya ribuan, atau 1,250 bila desimal' })
    expect(sourceNumber(cell('Baik'), sipd)).toEqual({ error: '"Baik" bukan angka; isi angka, misalnya 95, 95% atau 12,5.' })
    expect(sourceNumber(cell('1.250.000.000'), { dotDecimal: false, money: true })).toEqual({ value: 1_250_000_000 })
    expect(sourceNumber(cell('Rp 2.500.000,50'), { dotDecimal: false, money: true })).toEqual({ value: 2_500_000.5 })
  })

  it('checks the Permendagri 90/2019 shapes and shows the expected one', () => {
    expect(nomenclatureProblem('program', '2.16.02')).toBeNull()
    expect(nomenclatureProblem('kegiatan', '2.16.02.2.01')).toBeNull()
    expect(nomenclatureProblem('subkegiatan', '2.16.02.2.01.0001')).toBeNull()
    expect(nomenclatureProblem('program', 'X.XX.01')).toBeNull()
    expect(nomenclatureProblem('program', '2.16.2')).toBe('kode program "2.16.2" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan U.BB.PP, misalnya 2.16.02.')
    expect(nomenclatureProblem('kegiatan', '2.16.02.02.01')).toMatch(/U\.BB\.PP\.K\.KK, misalnya 2\.16\.02\.2\.01\.$/)
    expect(nomenclatureProblem('subkegiatan', '2.16.02.2.01.1')).toMatch(/U\.BB\.PP\.K\.KK\.SSSS, misalnya 2\.16\.02\.2\.01\.0001\.$/)
    expect([levelOfCode('2.16.02'), levelOfCode('2.16.02.2.01'), levelOfCode('2.16.02.2.01.0001'), levelOfCode('2.16')]).toEqual(['program', 'kegiatan', 'subkegiatan', null])
  })
})
