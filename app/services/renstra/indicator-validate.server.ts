// The indicator form: what is read from a post (only the named fields: no mass assignment) and its
// validation. Every problem is reported at once, keyed by the posted field name; the checks that need
// the database (units, sasaran, programs, codes) get their data through a ValidationContext.
import { ASPECTS, defaultRenstraMode, parseDecimalInput, POLA_UKUR, POLARITIES, RENSTRA_MODES, STRATEGIES } from '../../domain'
import type { Aspect, PolaUkur, Polarity, RenstraMode, Strategy } from '../../domain/types'
import {
  emptyIndicatorValues,
  INDICATOR_FIELDS,
  indicatorFieldLabel,
  quarterField,
  REASON_FIELD,
  targetField,
  type FormErrors,
  type IndicatorField,
  type IndicatorFormValues,
  type ProgramKind,
} from '../../utils/renstra-fields'
import { clean, CODE_PATTERN, fmt, optionalId, RENSTRA_LIMITS, round6, text } from './common.server'

/** Reads the indicator form. Only the named fields are read (no mass assignment). */
export function readIndicatorForm(form: FormData, years: number[]): IndicatorFormValues {
  const v = emptyIndicatorValues()
  for (const f of INDICATOR_FIELDS) v.fields[f] = text(form.get(f)).slice(0, 5000)
  for (const y of years) {
    v.targets[y] = text(form.get(targetField(y))).slice(0, 100)
    for (let q = 1; q <= 4; q++) v.quarters[`${y}-${q}`] = text(form.get(quarterField(y, q))).slice(0, 100)
  }
  v.reason = text(form.get(REASON_FIELD)).slice(0, 5000)
  return v
}

export interface IndicatorFields {
  code: string
  name: string
  satuan: string
  polarity: Polarity
  pola_ukur: PolaUkur
  /** Always set by validation (blank → the default of the pola ukur); null only in stored rows. */
  renstra_mode: RenstraMode | null
  aspect: Aspect
  strategy: Strategy
  weight: number
  unit_id: number
  sasaran_id: number | null
  program_id: number | null
  baseline: number | null
  baseline_year: number | null
  target_akhir: number | null
  min_value: number | null
  max_value: number | null
  definition: string | null
}

export interface ParsedIndicator {
  fields: IndicatorFields
  targets: Record<number, number>
  quarters: Record<string, number>
}

export interface IndicatorOptions {
  units: { id: number; label: string }[]
  sasaran: { id: number; label: string; tujuanCode: string }[]
  programs: { id: number; label: string; sasaranId: number | null; kind: ProgramKind }[]
}

export interface ValidationContext {
  years: number[]
  unitIds: Set<number>
  sasaran: Map<number, { code: string }>
  programs: Map<number, { sasaranId: number | null; code: string }>
  codes: Map<string, { id: number; code: string; deleted: boolean }>
  selfId: number | null
}

/** Collects the first message per field and parses the typed text of one form. */
class Checker {
  readonly errors: FormErrors = {}
  constructor(readonly f: IndicatorFormValues['fields']) {}

  err(field: string, message: string): null {
    if (!this.errors[field]) this.errors[field] = message
    return null
  }

  requiredText(field: IndicatorField, max: number): string | null {
    const v = clean(this.f[field])
    if (!v) return this.err(field, `${indicatorFieldLabel(field)} wajib diisi.`)
    if (v.length > max) return this.err(field, `${indicatorFieldLabel(field)} paling panjang ${max} karakter.`)
    return v
  }

  decimal(field: string, raw: string, required: boolean): number | null {
    const p = parseDecimalInput(raw)
    if (typeof p === 'string') return this.err(field, p)
    if (p === null) {
      if (required) this.err(field, `${indicatorFieldLabel(field)} wajib diisi.`)
      return null
    }
    if (Math.abs(p) >= RENSTRA_LIMITS.maxAbs) return this.err(field, 'Angka terlalu besar.')
    return round6(p)
  }

  oneOf<T extends string>(field: IndicatorField, list: readonly T[], what: string): T | null {
    const v = this.f[field].trim()
    if (!v) return this.err(field, `Pilih ${what}.`)
    if (!(list as readonly string[]).includes(v)) return this.err(field, `${indicatorFieldLabel(field)} "${v.slice(0, 40)}" tidak dikenal; pilih salah satu yang tersedia.`)
    return v as T
  }

  /** A value inside [min, max] when they are set. */
  within(field: string, v: number | null, min: number | null, max: number | null): void {
    if (v === null) return
    if (min !== null && v < min) this.err(field, min === 0 ? 'Tidak boleh negatif.' : `Tidak boleh kurang dari nilai minimum ${fmt(min)}.`)
    else if (max !== null && v > max) this.err(field, `Tidak boleh lebih dari nilai maksimum ${fmt(max)}.`)
  }
}

function checkIdentity(c: Checker, ctx: ValidationContext) {
  const code = c.requiredText('code', RENSTRA_LIMITS.code)
  if (code) {
    if (!CODE_PATTERN.test(code)) c.err('code', 'Kode hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung atau garis miring, tanpa spasi.')
    const used = ctx.codes.get(code.toLowerCase())
    if (used && used.id !== ctx.selfId) {
      c.err(
        'code',
        used.deleted
          ? `Kode ${used.code} sudah dipakai indikator yang dihapus pada periode ini; pulihkan indikator itu atau pakai kode lain.`
          : `Kode ${used.code} sudah dipakai indikator lain pada periode ini; pakai kode lain.`,
      )
    }
  }
  const name = c.requiredText('name', RENSTRA_LIMITS.name)
  const satuan = c.requiredText('satuan', RENSTRA_LIMITS.satuan)
  const polarity = c.oneOf('polarity', POLARITIES, 'polaritas')
  const pola = c.oneOf('pola_ukur', POLA_UKUR, 'pola ukur')
  // blank → the default of the pola ukur (akumulasi for kumulatif, tahun_akhir otherwise)
  const renstraMode = c.f.renstra_mode.trim() === '' ? (pola ? defaultRenstraMode(pola) : null) : c.oneOf('renstra_mode', RENSTRA_MODES, 'mode Renstra')
  const aspect = c.oneOf('aspect', ASPECTS, 'aspek')
  const strategy = c.oneOf('strategy', STRATEGIES, 'strategi')
  const weight = c.decimal('weight', c.f.weight, true)
  if (weight !== null && weight <= 0) c.err('weight', 'Bobot harus lebih besar dari 0.')
  else if (weight !== null && weight > RENSTRA_LIMITS.maxWeight) c.err('weight', `Bobot paling besar ${RENSTRA_LIMITS.maxWeight}.`)
  return { code, name, satuan, polarity, pola, renstraMode, aspect, strategy, weight }
}

function checkPlacement(c: Checker, ctx: ValidationContext) {
  const f = c.f
  const unitId = optionalId(f.unit_id)
  if (f.unit_id.trim() === '') c.err('unit_id', 'Pilih unit penanggung jawab.')
  else if (unitId === null || !ctx.unitIds.has(unitId)) c.err('unit_id', 'Unit penanggung jawab harus sekretariat, bidang atau UPT perangkat daerah ini.')
  let sasaranId = optionalId(f.sasaran_id)
  if (f.sasaran_id.trim() !== '' && (sasaranId === null || !ctx.sasaran.has(sasaranId))) {
    c.err('sasaran_id', 'Sasaran tidak ditemukan pada periode ini (mungkin sudah dihapus).')
    sasaranId = null
  }
  const programId = optionalId(f.program_id)
  if (f.program_id.trim() !== '') {
    const p = programId === null ? undefined : ctx.programs.get(programId)
    if (!p) c.err('program_id', 'Program/kegiatan tidak ditemukan pada periode ini (mungkin sudah dihapus).')
    else if (sasaranId !== null && p.sasaranId !== null && p.sasaranId !== sasaranId) {
      c.err('program_id', `Program/kegiatan ${p.code} berada di bawah sasaran lain; pilih sasaran yang sesuai atau program lain.`)
    } else if (sasaranId === null && f.sasaran_id.trim() === '' && p.sasaranId !== null) sasaranId = p.sasaranId // follows its program
  }
  return { unitId, sasaranId, programId }
}

function checkNumbers(c: Checker) {
  const f = c.f
  const baseline = c.decimal('baseline', f.baseline, false)
  let baselineYear: number | null = null
  const by = f.baseline_year.trim()
  if (by !== '') {
    if (!/^\d{4}$/.test(by) || Number(by) < 1900 || Number(by) > 2100) c.err('baseline_year', 'Tahun baseline harus tahun empat angka, misalnya 2020.')
    else baselineYear = Number(by)
  }
  const targetAkhir = c.decimal('target_akhir', f.target_akhir, false)
  const min = c.decimal('min_value', f.min_value, false)
  const max = c.decimal('max_value', f.max_value, false)
  if (min !== null && max !== null && min > max) c.err('max_value', 'Nilai maksimum tidak boleh lebih kecil dari nilai minimum.')
  const definition = clean(f.definition)
  if (definition && definition.length > RENSTRA_LIMITS.definition) c.err('definition', `Definisi paling panjang ${RENSTRA_LIMITS.definition} karakter.`)
  c.within('baseline', baseline, min, max)
  c.within('target_akhir', targetAkhir, min, max)
  return { baseline, baselineYear, targetAkhir, min, max, definition }
}

function checkTargets(c: Checker, values: IndicatorFormValues, years: number[], pola: PolaUkur | null, min: number | null, max: number | null) {
  const targets: Record<number, number> = {}
  const quarters: Record<string, number> = {}
  for (const y of years) {
    const t = c.decimal(targetField(y), values.targets[y] ?? '', true)
    if (t !== null) {
      c.within(targetField(y), t, min, max)
      targets[y] = t
    }
    const qs: (number | null)[] = []
    for (let q = 1; q <= 4; q++) {
      const name = quarterField(y, q)
      const raw = values.quarters[`${y}-${q}`] ?? ''
      if (raw.trim() !== '' && pola === 'rilis') {
        c.err(name, 'Indikator pola rilis tidak memakai target triwulan (nilainya satu rilis per tahun); kosongkan.')
        qs.push(null)
        continue
      }
      const v = c.decimal(name, raw, false)
      if (v !== null) {
        c.within(name, v, min, max)
        quarters[`${y}-${q}`] = v
      }
      qs.push(v)
    }
    if (pola === 'kumulatif' && t !== null && qs.every((v) => v !== null)) {
      const sum = round6(qs.reduce((s, v) => s + v!, 0))
      if (Math.abs(sum - t) > 1e-6) {
        c.err(quarterField(y, 1), `Pola kumulatif: jumlah target TW I–IV ${y} (${fmt(sum)}) harus sama dengan target tahunan (${fmt(t)}).`)
      }
    }
  }
  return { targets, quarters }
}

/** Validates what was typed; every problem is reported at once, keyed by the posted field name. */
export function validateIndicator(values: IndicatorFormValues, ctx: ValidationContext): { parsed: ParsedIndicator | null; errors: FormErrors } {
  const c = new Checker(values.fields)
  const id = checkIdentity(c, ctx)
  const place = checkPlacement(c, ctx)
  const n = checkNumbers(c)
  const { targets, quarters } = checkTargets(c, values, ctx.years, id.pola, n.min, n.max)
  const errors = c.errors
  if (Object.keys(errors).length) return { parsed: null, errors }
  return {
    parsed: {
      fields: {
        code: id.code!,
        name: id.name!,
        satuan: id.satuan!,
        polarity: id.polarity!,
        pola_ukur: id.pola!,
        renstra_mode: id.renstraMode!,
        aspect: id.aspect!,
        strategy: id.strategy!,
        weight: id.weight!,
        unit_id: place.unitId!,
        sasaran_id: place.sasaranId,
        program_id: place.programId,
        baseline: n.baseline,
        baseline_year: n.baselineYear,
        target_akhir: n.targetAkhir,
        min_value: n.min,
        max_value: n.max,
        definition: n.definition,
      },
      targets,
      quarters,
    },
    errors,
  }
}
