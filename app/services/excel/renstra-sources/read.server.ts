// Reads the rows of a T-C.27 / T-C.28 / SIPD sheet through a column mapping and normalises them
// to one shape: tujuan, sasaran, program → kegiatan → sub kegiatan (codes checked against the
// Permendagri 90/2019 nomenclature), indicator, satuan, unit, baseline, target and pagu per
// calendar year. Every problem is located by row and column, in Indonesian.
import type ExcelJS from 'exceljs'
import { parseDecimalInput } from '../../../domain/format'
import { readCell } from '../safety.server'
import { cleanOptional, dataRows, issue, round6, type ColumnRef, type ImportIssue } from '../import-common.server'
import { FIELD_BY_KEY, FIELDS, REQUIRED, SOURCE_LABELS, normHeader, type FieldKey, type Mapping, type SheetHeaders, type SourceKind } from './fields.server'

export type Level = 'program' | 'kegiatan' | 'subkegiatan'

/** The nomenclature shapes: 2.16.02 / 2.16.02.2.01 / 2.16.02.2.01.0001 (urusan may be X for unsur pendukung). */
export const NOMENCLATURE: Record<Level, { re: RegExp; shape: string; example: string; label: string }> = {
  program: { re: /^[0-9X]\.(\d{2}|XX)\.\d{2}$/, shape: 'U.BB.PP', example: '2.16.02', label: 'program' },
  kegiatan: { re: /^[0-9X]\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}$/, shape: 'U.BB.PP.K.KK', example: '2.16.02.2.01', label: 'kegiatan' },
  subkegiatan: { re: /^[0-9X]\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$/, shape: 'U.BB.PP.K.KK.SSSS', example: '2.16.02.2.01.0001', label: 'sub kegiatan' },
}

/** Level of a code by its number of segments (3, 5 or 6), for a single "Kode" column. */
export function levelOfCode(code: string): Level | null {
  const n = code.split('.').length
  return n === 3 ? 'program' : n === 5 ? 'kegiatan' : n === 6 ? 'subkegiatan' : null
}

export function nomenclatureProblem(level: Level, code: string): string | null {
  const s = NOMENCLATURE[level]
  if (s.re.test(code)) return null
  return `kode ${s.label} "${code}" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan ${s.shape}, misalnya ${s.example}.`
}

export interface SourceProgram {
  level: Level
  code: string
  name: string | null
  parentCode: string | null
}

export interface SourceRow {
  rowNumber: number
  tujuan: string | null
  sasaran: string | null
  indicatorCode: string | null
  indicator: string | null
  satuan: string | null
  unitCode: string | null
  baseline: number | null
  targetAkhir: number | null
  targets: Record<number, number>
  /** The programme path of the row, outermost first. */
  programs: SourceProgram[]
  pagu: Record<number, number>
  /** Column of each read value, for messages found later (unit, duplicates). */
  at: Partial<Record<FieldKey, ColumnRef>>
}

export interface ReadResult {
  rows: SourceRow[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
}

const LIMITS = { indicator: 500, satuan: 40, text: 500, code: 40 } as const

/** A target/pagu cell: a number, or text "100%", "95 %", "12,5"; "-" is empty. */
export function sourceNumber(cell: ExcelJS.Cell, opts: { dotDecimal: boolean; money: boolean }): { value: number | null } | { error: string } {
  const r = readCell(cell)
  if (r.kind === 'empty') return { value: null }
  if (r.kind === 'number') return { value: r.value }
  if (r.kind !== 'text') return { error: r.kind === 'refused' ? r.reason : 'bukan angka' }
  let t = r.text.trim()
  if (/^[-–—]$/.test(t)) return { value: null }
  t = t.replace(/\s*%$/, '')
  if (opts.money) t = t.replace(/^rp\.?\s*/i, '')
  // SIPD writes "." as its decimal separator, so "1.250" there is 1,25 — not ambiguous.
  if (opts.dotDecimal && /^[+-]?\d+\.\d+$/.test(t)) return { value: Number(t) }
  // Rupiah written with thousand groups ("1.250.000.000" or "1.250.000,50").
  if (opts.money && /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return { value: Number(t.replace(/\./g, '').replace(',', '.')) }
  const p = parseDecimalInput(t)
  if (typeof p === 'number' || p === null) return { value: p }
  if (/bukan angka/.test(p)) return { error: `"${r.text}" bukan angka; isi angka, misalnya 95, 95% atau 12,5.` }
  return { error: p }
}

export interface ReadContext {
  source: SourceKind
  headers: SheetHeaders
  mapping: Mapping
  period: { name: string; startYear: number; endYear: number }
}

/** Checks the mapping itself: required fields, unknown or doubly used columns. */
export function mappingProblems(ctx: ReadContext): ImportIssue[] {
  const out: ImportIssue[] = []
  const byTitle = new Map(ctx.headers.headers.map((h) => [h.norm, h]))
  const used = new Map<string, FieldKey>()
  for (const [k, title] of Object.entries(ctx.mapping) as [FieldKey, string][]) {
    const f = FIELD_BY_KEY.get(k)
    if (!f || !title) continue
    const h = byTitle.get(normHeader(title))
    if (!h) {
      out.push(issue(`Kolom "${title}" untuk isian "${f.label}" tidak ada di berkas.`, { row: ctx.headers.headerRow }))
      continue
    }
    const prev = used.get(h.norm)
    if (prev) out.push(issue(`Kolom ${h.letter} (${h.title}) dipilih untuk dua isian: "${FIELD_BY_KEY.get(prev)!.label}" dan "${f.label}".`, { row: ctx.headers.headerRow }))
    used.set(h.norm, k)
  }
  for (const k of REQUIRED[ctx.source]) {
    if (!ctx.mapping[k])
      out.push(
        issue(`Isian wajib "${FIELD_BY_KEY.get(k)!.label}" belum dipetakan ke kolom mana pun (${SOURCE_LABELS[ctx.source]}). Pilih kolomnya pada langkah pemetaan.`, {
          row: ctx.headers.headerRow,
        }),
      )
  }
  const slots = FIELDS.filter((f) => f.slot && ctx.mapping[f.key])
  if (!slots.length) out.push(issue('Tidak ada kolom target atau pagu per tahun yang dipetakan (misalnya "target_1" atau "Target Tahun 1").', { row: ctx.headers.headerRow }))
  if (ctx.source === 'tc27' && !(ctx.mapping.kode || ctx.mapping.kodeProgram))
    out.push(issue('Isian wajib "Kode" atau "Kode program" belum dipetakan (T-C.27 memuat kode program, kegiatan dan sub kegiatan).', { row: ctx.headers.headerRow }))
  return out
}

export function readSourceRows(ws: ExcelJS.Worksheet, ctx: ReadContext): ReadResult {
  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const { period, headers } = ctx
  const col: Partial<Record<FieldKey, ColumnRef>> = {}
  for (const [k, title] of Object.entries(ctx.mapping) as [FieldKey, string][]) {
    const h = headers.headers.find((x) => x.norm === normHeader(title))
    if (h) col[k] = { index: h.index, letter: h.letter, header: h.title }
  }
  const headerOf = (k: FieldKey) => headers.headers.find((x) => x.index === col[k]?.index)
  const slotFields = FIELDS.filter((f) => f.slot && col[f.key])
  const dotDecimal = ctx.source === 'sipd'
  const years = period.endYear - period.startYear + 1
  const maxTargetSlot = Math.max(0, ...slotFields.filter((f) => f.key.startsWith('target')).map((f) => f.slot!))
  const namedYears = slotFields.some((f) => headerOf(f.key)?.year != null)

  // A column titled with a calendar year outside the period is reported once, at the header.
  for (const f of slotFields) {
    const y = headerOf(f.key)?.year
    if (y != null && (y < period.startYear || y > period.endYear))
      errors.push(issue(`tahun ${y} di luar periode ${period.name} (${period.startYear}–${period.endYear}).`, { row: headers.headerRow, col: col[f.key]! }))
  }

  const rows: SourceRow[] = []
  const current: { tujuan: string | null; sasaran: string | null; path: SourceProgram[] } = { tujuan: null, sasaran: null, path: [] }
  const indices = Object.values(col).map((c) => c.index)
  for (const row of dataRows(ws, headers.headerRow)) {
    const r = row.number
    if (indices.every((i) => readCell(row.getCell(i)).kind === 'empty')) continue
    const rowErrors: ImportIssue[] = []
    const text = (k: FieldKey, max: number = LIMITS.text): string | null => {
      const c = col[k]
      if (!c) return null
      const v = readCell(row.getCell(c.index))
      if (v.kind === 'refused') {
        rowErrors.push(issue(v.reason, { row: r, col: c }))
        return null
      }
      const s = v.kind === 'empty' ? null : cleanOptional(v.kind === 'text' ? v.text : v.kind === 'number' ? String(v.value) : String(v.value))
      if (s && s.length > max) rowErrors.push(issue(`paling panjang ${max} karakter (sekarang ${s.length}).`, { row: r, col: c }))
      return s
    }
    const num = (k: FieldKey, money = false): number | null => {
      const c = col[k]
      if (!c) return null
      const n = sourceNumber(row.getCell(c.index), { dotDecimal, money })
      if ('error' in n) {
        rowErrors.push(issue(n.error, { row: r, col: c }))
        return null
      }
      if (n.value !== null && (Math.abs(n.value) >= 1e14 || (money && n.value < 0))) {
        rowErrors.push(issue(money ? 'pagu harus angka 0 atau lebih dan kurang dari 100 triliun.' : 'angka terlalu besar.', { row: r, col: c }))
        return null
      }
      return n.value === null ? null : round6(n.value)
    }

    // Tujuan and sasaran carry down (T-C.28 merges them over several indicator rows).
    const tujuan = text('tujuan')
    const sasaran = text('sasaran')
    if (tujuan) {
      if (tujuan !== current.tujuan) current.sasaran = null
      current.tujuan = tujuan
    }
    if (sasaran) current.sasaran = sasaran

    // Programme path: explicit code columns, or one "Kode" column whose shape gives the level.
    const path: SourceProgram[] = []
    const addLevel = (level: Level, codeKey: FieldKey, nameKey: FieldKey | null) => {
      const code = text(codeKey, LIMITS.code)
      if (!code) return
      const p = nomenclatureProblem(level, code)
      if (p) rowErrors.push(issue(p, { row: r, col: col[codeKey]! }))
      const parent = path[path.length - 1] ?? null
      if (!p && parent && !code.startsWith(`${parent.code}.`))
        rowErrors.push(
          issue(`kode ${NOMENCLATURE[level].label} "${code}" tidak berada di bawah ${NOMENCLATURE[parent.level].label} ${parent.code}.`, { row: r, col: col[codeKey]! }),
        )
      path.push({ level, code, name: nameKey ? text(nameKey) : null, parentCode: parent?.code ?? null })
    }
    if (col.kode) {
      const code = text('kode', LIMITS.code)
      if (code) {
        const level = levelOfCode(code)
        if (!level) {
          rowErrors.push(
            issue(
              `kode "${code}" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan ${NOMENCLATURE.program.shape} (program, misalnya ${NOMENCLATURE.program.example}), ${NOMENCLATURE.kegiatan.shape} (kegiatan, misalnya ${NOMENCLATURE.kegiatan.example}) atau ${NOMENCLATURE.subkegiatan.shape} (sub kegiatan, misalnya ${NOMENCLATURE.subkegiatan.example}).`,
              { row: r, col: col.kode },
            ),
          )
        } else {
          const p = nomenclatureProblem(level, code)
          if (p) rowErrors.push(issue(p, { row: r, col: col.kode }))
          // the row's parents are the nearest rows above with the code's prefixes
          const parents = current.path.filter((x) => code.startsWith(`${x.code}.`))
          const parent = parents[parents.length - 1] ?? null
          if (!p && level !== 'program' && !parent)
            rowErrors.push(
              issue(`${NOMENCLATURE[level].label} ${code} tidak berada di bawah program/kegiatan pada baris di atasnya; urutkan seperti tabel T-C.27.`, { row: r, col: col.kode }),
            )
          path.push(...parents, { level, code, name: text('uraian'), parentCode: parent?.code ?? null })
        }
      } else path.push(...current.path)
    } else {
      addLevel('program', 'kodeProgram', 'namaProgram')
      addLevel('kegiatan', 'kodeKegiatan', 'namaKegiatan')
      addLevel('subkegiatan', 'kodeSub', 'namaSub')
    }
    if (col.kode) current.path = path

    const indicator = text('indikator', LIMITS.indicator)
    const satuan = text('satuan', LIMITS.satuan)
    if (indicator && !satuan) rowErrors.push(issue('wajib diisi.', { row: r, col: col.satuan! }))

    // Calendar year of each slot: a year in the title, else tahun_awal of the row, else the period.
    let first = period.startYear
    if (col.tahunAwal) {
      const y = num('tahunAwal')
      if (y === null) rowErrors.push(issue('wajib diisi (tahun awal Renstra, misalnya 2021).', { row: r, col: col.tahunAwal }))
      else if (!Number.isInteger(y) || y < 1900 || y > 2100) rowErrors.push(issue('tahun harus empat angka, misalnya 2021.', { row: r, col: col.tahunAwal }))
      else if (y !== period.startYear)
        rowErrors.push(
          issue(
            `tahun awal ${y} berbeda dengan periode ${period.name} (${period.startYear}–${period.endYear}); target tahun ke-1 akan jatuh di luar periode. Pilih periode yang sesuai.`,
            { row: r, col: col.tahunAwal },
          ),
        )
      else first = y
    }
    if (col.tahunAkhir) {
      const y = num('tahunAkhir')
      if (y !== null && Number.isInteger(y) && (y < period.startYear || y > period.endYear))
        rowErrors.push(issue(`tahun akhir ${y} di luar periode ${period.name} (${period.startYear}–${period.endYear}).`, { row: r, col: col.tahunAkhir }))
    }
    const targets: Record<number, number> = {}
    const pagu: Record<number, number> = {}
    for (const f of slotFields) {
      const isPagu = f.key.startsWith('pagu')
      const v = num(f.key, isPagu)
      const hy = headerOf(f.key)?.year
      const year = hy ?? first + f.slot! - 1
      if (v === null) continue
      if (hy == null && (year < period.startYear || year > period.endYear)) {
        rowErrors.push(issue(`tahun ke-${f.slot} jatuh pada ${year}, di luar periode ${period.name} (${period.startYear}–${period.endYear}).`, { row: r, col: col[f.key]! }))
        continue
      }
      if (isPagu) pagu[year] = v
      else targets[year] = v
    }
    const baseline = num('baseline')
    const targetAkhir = num('targetAkhir')
    const hasIndicator = indicator !== null
    const hasPagu = Object.keys(pagu).length > 0
    if (!hasIndicator && Object.keys(targets).length) rowErrors.push(issue('target terisi tetapi nama indikator kosong.', { row: r, col: col.indikator! }))
    errors.push(...rowErrors)
    if (rowErrors.length) continue
    if (!hasIndicator && !hasPagu && !path.length && !tujuan && !sasaran) continue
    rows.push({
      rowNumber: r,
      tujuan: current.tujuan,
      sasaran: current.sasaran,
      indicatorCode: text('kodeIndikator', LIMITS.code),
      indicator,
      satuan,
      unitCode: text('unit', LIMITS.code),
      baseline,
      targetAkhir,
      targets,
      programs: path,
      pagu,
      at: col,
    })
  }

  // The source has fewer year slots than the Renstra has years (SIPD: 5 slots, Dumai 2021–2026).
  if (!namedYears && maxTargetSlot > 0 && maxTargetSlot < years) {
    const missing: number[] = []
    for (let y = period.startYear + maxTargetSlot; y <= period.endYear; y++) missing.push(y)
    warnings.push(
      issue(
        `Periode ${period.name} berisi ${years} tahun (${period.startYear}–${period.endYear}), sedangkan berkas hanya memiliki ${maxTargetSlot} kolom target tahunan (tahun ke-1 = ${period.startYear} … tahun ke-${maxTargetSlot} = ${period.startYear + maxTargetSlot - 1}). Target tahun ${missing.join(', ')} tidak diisi dari berkas; isi lewat Renstra › Kelola atau templat Renstra aplikasi.`,
      ),
    )
  }
  if (!rows.length && !errors.length) errors.push(issue('Tidak ada baris data di bawah baris judul kolom.'))
  return { rows, errors, warnings }
}
