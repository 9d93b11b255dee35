// Renstra management (perencanaan): periods, tujuan → sasaran → program/kegiatan, indicators with
// their annual and quarterly targets. Every change runs in ONE transaction together with its audit
// rows; a refused change writes nothing. Indicator edits use optimistic concurrency on
// indicator.version; changing a target of a year that already has verified realisations needs a
// reason; a closed Renstra period refuses every change.
import type { DB, Executor } from '../utils/db.server'
import { writeTransaction, type WriteScope } from '../utils/db.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { forbidden, type SessionUser } from './auth.server'
import { actorOf, writeAudit } from './audit.server'
import { isUniqueViolation } from './realisasi.server'
import { getSettings } from '../models/settings.server'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import {
  getIndicatorWithPeriod,
  getOpd,
  getPeriod,
  getProgram,
  getSasaran,
  getTujuan,
  getUnit,
  indicatorCodesOf,
  indicatorHistory,
  indicatorsOfPeriod,
  lastChangeOfEntity,
  lastIndicatorChange,
  liveChildrenOf,
  maxSasaranOrder,
  maxSortOrder,
  overlappingPeriods,
  periodsOfOpd,
  programsOfPeriod,
  realisasiCountsOf,
  responsibleUnitsOf,
  sasaranOfPeriod,
  targetAuditId,
  targetsOfIndicator,
  tujuanOfPeriod,
  verifiedYearsOf,
  type IndicatorListRow,
  type IndicatorTargets,
  type IndicatorWithPeriod,
  type PeriodRow,
  type ProgramRow,
  type SasaranRow,
  type TujuanRow,
} from '../models/renstra.server'
import { ASPECTS, defaultRenstraMode, formatNumberTrim, parseDecimalInput, POLA_UKUR, POLARITIES, RENSTRA_MODES, STRATEGIES } from '../domain'
import type { Aspect, PolaUkur, Polarity, RenstraMode, Strategy } from '../domain/types'
import { formatDateTime, toInputString } from '../utils/entry-format'
import { actionLabel } from '../utils/audit-labels'
import {
  emptyIndicatorValues,
  INDICATOR_FIELDS,
  indicatorFieldLabel,
  PROGRAM_KIND_LABELS,
  quarterField,
  REASON_FIELD,
  targetField,
  TREE_FIELD_LABELS,
  yearsOf,
  type FormErrors,
  type FormProblem,
  type IndicatorField,
  type IndicatorFormValues,
  type ProgramKind,
} from '../utils/renstra-fields'
import { yearInZone } from '../utils/time'
import { ROLE_LABELS, type Role } from '../utils/permissions'

export const RENSTRA_LIMITS = {
  code: 40,
  programCode: 60,
  name: 500,
  periodName: 200,
  satuan: 40,
  definition: 1000,
  reason: 2000,
  deletedReason: 500,
  maxAbs: 1e14,
  maxWeight: 1000,
  maxPeriodYears: 10,
} as const

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const text = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '')
const clean = (s: string): string | null => {
  const t = s.replace(/\r\n/g, '\n').trim()
  return t === '' ? null : t
}
const round6 = (v: number) => Math.round(v * 1e6) / 1e6
const num = (v: unknown): number | null => (v == null ? null : Number(v))
const sameNumber = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === null ? (b ?? null) === null : b != null && Math.abs(round6(a!) - round6(b)) < 1e-9

function optionalId(s: string): number | null {
  const t = s.trim()
  return /^\d{1,9}$/.test(t) && Number(t) > 0 ? Number(t) : null
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/
const fmt = (v: number) => formatNumberTrim(v, 6)
const yearsLabel = (years: number[]) => (years.length === 1 ? `tahun ${years[0]}` : `tahun ${years.slice(0, -1).join(', ')} dan ${years[years.length - 1]}`)

/** A user bound to an OPD manages only that OPD's Renstra (IDOR → 403, nothing written). */
export function assertOpdScope(user: SessionUser, opdId: number): void {
  if (user.opdId != null && user.opdId !== opdId) forbidden('Renstra ini bukan milik perangkat daerah Anda.')
}

function notFound(message: string): never {
  throw new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Refuses a change inside a transaction: the transaction rolls back, nothing is written. */
class Refusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly errors: FormErrors = {},
    readonly general: string[] = [],
  ) {
    super(message)
  }
}

const closedMessage = (p: { name: string; start_year: number; end_year: number }) =>
  `Periode ${p.name} (${p.start_year}–${p.end_year}) sudah ditutup; perubahan tidak dapat disimpan. Buka kembali periodenya lebih dulu bila memang perlu diubah.`

async function changedByText(db: Executor, who: { name: string; at: string } | null): Promise<string> {
  if (!who) return 'Data sudah diubah oleh pengguna lain sejak halaman ini dimuat.'
  const tz = (await getSettings(db)).scoring.timeZone
  return `Data sudah diubah oleh ${who.name} pada ${formatDateTime(who.at, tz)}.`
}

// ---------------------------------------------------------------------------
// Indicator form: reading and validation
// ---------------------------------------------------------------------------

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

interface ValidationContext {
  years: number[]
  unitIds: Set<number>
  sasaran: Map<number, { code: string }>
  programs: Map<number, { sasaranId: number | null; code: string }>
  codes: Map<string, { id: number; code: string; deleted: boolean }>
  selfId: number | null
}

/** Validates what was typed; every problem is reported at once, keyed by the posted field name. */
export function validateIndicator(values: IndicatorFormValues, ctx: ValidationContext): { parsed: ParsedIndicator | null; errors: FormErrors } {
  const errors: FormErrors = {}
  const f = values.fields
  const err = (field: string, message: string) => {
    if (!errors[field]) errors[field] = message
  }

  const requiredText = (field: IndicatorField, max: number): string | null => {
    const v = clean(f[field])
    if (!v) return err(field, `${indicatorFieldLabel(field)} wajib diisi.`), null
    if (v.length > max) return err(field, `${indicatorFieldLabel(field)} paling panjang ${max} karakter.`), null
    return v
  }
  const decimal = (field: string, raw: string, required: boolean): number | null => {
    const p = parseDecimalInput(raw)
    if (typeof p === 'string') return err(field, p), null
    if (p === null) {
      if (required) err(field, `${indicatorFieldLabel(field)} wajib diisi.`)
      return null
    }
    if (Math.abs(p) >= RENSTRA_LIMITS.maxAbs) return err(field, 'Angka terlalu besar.'), null
    return round6(p)
  }
  const oneOf = <T extends string>(field: IndicatorField, list: readonly T[], what: string): T | null => {
    const v = f[field].trim()
    if (!v) return err(field, `Pilih ${what}.`), null
    if (!(list as readonly string[]).includes(v)) return err(field, `${indicatorFieldLabel(field)} "${v.slice(0, 40)}" tidak dikenal; pilih salah satu yang tersedia.`), null
    return v as T
  }

  // identity
  const code = requiredText('code', RENSTRA_LIMITS.code)
  if (code) {
    if (!CODE_PATTERN.test(code)) err('code', 'Kode hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung atau garis miring, tanpa spasi.')
    const used = ctx.codes.get(code.toLowerCase())
    if (used && used.id !== ctx.selfId) {
      err(
        'code',
        used.deleted
          ? `Kode ${used.code} sudah dipakai indikator yang dihapus pada periode ini; pulihkan indikator itu atau pakai kode lain.`
          : `Kode ${used.code} sudah dipakai indikator lain pada periode ini; pakai kode lain.`,
      )
    }
  }
  const name = requiredText('name', RENSTRA_LIMITS.name)
  const satuan = requiredText('satuan', RENSTRA_LIMITS.satuan)
  const polarity = oneOf('polarity', POLARITIES, 'polaritas')
  const pola = oneOf('pola_ukur', POLA_UKUR, 'pola ukur')
  // blank → the default of the pola ukur (akumulasi for kumulatif, tahun_akhir otherwise)
  const renstraMode = f.renstra_mode.trim() === '' ? (pola ? defaultRenstraMode(pola) : null) : oneOf('renstra_mode', RENSTRA_MODES, 'mode Renstra')
  const aspect = oneOf('aspect', ASPECTS, 'aspek')
  const strategy = oneOf('strategy', STRATEGIES, 'strategi')

  const weight = decimal('weight', f.weight, true)
  if (weight !== null && weight <= 0) err('weight', 'Bobot harus lebih besar dari 0.')
  else if (weight !== null && weight > RENSTRA_LIMITS.maxWeight) err('weight', `Bobot paling besar ${RENSTRA_LIMITS.maxWeight}.`)

  // placement
  const unitId = optionalId(f.unit_id)
  if (f.unit_id.trim() === '') err('unit_id', 'Pilih unit penanggung jawab.')
  else if (unitId === null || !ctx.unitIds.has(unitId)) err('unit_id', 'Unit penanggung jawab harus sekretariat, bidang atau UPT perangkat daerah ini.')
  let sasaranId = optionalId(f.sasaran_id)
  if (f.sasaran_id.trim() !== '' && (sasaranId === null || !ctx.sasaran.has(sasaranId))) {
    err('sasaran_id', 'Sasaran tidak ditemukan pada periode ini (mungkin sudah dihapus).')
    sasaranId = null
  }
  const programId = optionalId(f.program_id)
  if (f.program_id.trim() !== '') {
    const p = programId === null ? undefined : ctx.programs.get(programId)
    if (!p) err('program_id', 'Program/kegiatan tidak ditemukan pada periode ini (mungkin sudah dihapus).')
    else if (sasaranId !== null && p.sasaranId !== null && p.sasaranId !== sasaranId) {
      err('program_id', `Program/kegiatan ${p.code} berada di bawah sasaran lain; pilih sasaran yang sesuai atau program lain.`)
    } else if (sasaranId === null && f.sasaran_id.trim() === '' && p.sasaranId !== null) sasaranId = p.sasaranId // follows its program
  }

  // numbers
  const baseline = decimal('baseline', f.baseline, false)
  let baselineYear: number | null = null
  const by = f.baseline_year.trim()
  if (by !== '') {
    if (!/^\d{4}$/.test(by) || Number(by) < 1900 || Number(by) > 2100) err('baseline_year', 'Tahun baseline harus tahun empat angka, misalnya 2020.')
    else baselineYear = Number(by)
  }
  const targetAkhir = decimal('target_akhir', f.target_akhir, false)
  const min = decimal('min_value', f.min_value, false)
  const max = decimal('max_value', f.max_value, false)
  if (min !== null && max !== null && min > max) err('max_value', 'Nilai maksimum tidak boleh lebih kecil dari nilai minimum.')
  const definition = clean(f.definition)
  if (definition && definition.length > RENSTRA_LIMITS.definition) err('definition', `Definisi paling panjang ${RENSTRA_LIMITS.definition} karakter.`)

  const within = (field: string, v: number | null) => {
    if (v === null) return
    if (min !== null && v < min) err(field, min === 0 ? 'Tidak boleh negatif.' : `Tidak boleh kurang dari nilai minimum ${fmt(min)}.`)
    else if (max !== null && v > max) err(field, `Tidak boleh lebih dari nilai maksimum ${fmt(max)}.`)
  }
  within('baseline', baseline)
  within('target_akhir', targetAkhir)

  // targets
  const targets: Record<number, number> = {}
  const quarters: Record<string, number> = {}
  for (const y of ctx.years) {
    const t = decimal(targetField(y), values.targets[y] ?? '', true)
    if (t !== null) {
      within(targetField(y), t)
      targets[y] = t
    }
    const qs: (number | null)[] = []
    for (let q = 1; q <= 4; q++) {
      const name = quarterField(y, q)
      const raw = values.quarters[`${y}-${q}`] ?? ''
      if (raw.trim() !== '' && pola === 'rilis') {
        err(name, 'Indikator pola rilis tidak memakai target triwulan (nilainya satu rilis per tahun); kosongkan.')
        qs.push(null)
        continue
      }
      const v = decimal(name, raw, false)
      if (v !== null) {
        within(name, v)
        quarters[`${y}-${q}`] = v
      }
      qs.push(v)
    }
    if (pola === 'kumulatif' && t !== null && qs.every((v) => v !== null)) {
      const sum = round6(qs.reduce((s, v) => s + v!, 0))
      if (Math.abs(sum - t) > 1e-6) {
        err(quarterField(y, 1), `Pola kumulatif: jumlah target TW I–IV ${y} (${fmt(sum)}) harus sama dengan target tahunan (${fmt(t)}).`)
      }
    }
  }

  if (Object.keys(errors).length) return { parsed: null, errors }
  return {
    parsed: {
      fields: {
        code: code!,
        name: name!,
        satuan: satuan!,
        polarity: polarity!,
        pola_ukur: pola!,
        renstra_mode: renstraMode!,
        aspect: aspect!,
        strategy: strategy!,
        weight: weight!,
        unit_id: unitId!,
        sasaran_id: sasaranId,
        program_id: programId,
        baseline,
        baseline_year: baselineYear,
        target_akhir: targetAkhir,
        min_value: min,
        max_value: max,
        definition,
      },
      targets,
      quarters,
    },
    errors,
  }
}

/** The problems of a form in the order of its fields (general ones first). */
export function problemList(errors: FormErrors, general: string[] = [], labelOf: (field: string) => string = indicatorFieldLabel): FormProblem[] {
  const order = (k: string): number => {
    const i = (INDICATOR_FIELDS as readonly string[]).indexOf(k)
    if (i >= 0) return i
    let m = /^target\.(\d{4})$/.exec(k)
    if (m) return 100 + (Number(m[1]) - 1900) * 10
    m = /^tw\.(\d{4})\.([1-4])$/.exec(k)
    if (m) return 100 + (Number(m[1]) - 1900) * 10 + Number(m[2])
    return 10_000
  }
  return [
    ...general.map((message) => ({ field: null, label: '', message })),
    ...Object.keys(errors)
      .sort((a, b) => order(a) - order(b))
      .map((field) => ({ field, label: labelOf(field), message: errors[field]! })),
  ]
}

// ---------------------------------------------------------------------------
// Options and snapshots
// ---------------------------------------------------------------------------

const unitLabel = (u: { name: string; short_name: string | null }) => u.name

/** The choices of the indicator form for a period (current values kept even when no longer offered). */
export async function indicatorOptions(db: Executor, period: PeriodRow, current?: { unit_id: number; sasaran_id: number | null; program_id: number | null }): Promise<{ options: IndicatorOptions; ctx: Omit<ValidationContext, 'codes' | 'selfId' | 'years'> }> {
  const [units, sasaran, programs] = await Promise.all([responsibleUnitsOf(db, period.opd_id), sasaranOfPeriod(db, period.id), programsOfPeriod(db, period.id)])
  const unitList = units.map((u) => ({ id: u.id, label: unitLabel(u) }))
  if (current && !unitList.some((u) => u.id === current.unit_id)) {
    const u = await getUnit(db, current.unit_id)
    if (u) unitList.push({ id: u.id, label: `${u.name} (unit saat ini)` })
  }
  const liveSasaran = sasaran.filter((s) => (!s.deleted_at && !s.tujuan_deleted_at) || s.id === current?.sasaran_id)
  const liveProgram = programs.filter((p) => !p.deleted_at || p.id === current?.program_id)
  const tujuanCodes = new Map((await tujuanOfPeriod(db, period.id)).map((t) => [t.id, t.code]))
  return {
    options: {
      units: unitList,
      sasaran: liveSasaran.map((s) => ({ id: s.id, label: `${s.code} — ${s.name}${s.deleted_at ? ' (dihapus)' : ''}`, tujuanCode: tujuanCodes.get(s.tujuan_id) ?? '' })),
      programs: liveProgram.map((p) => ({
        id: p.id,
        label: `${p.code} — ${p.name} (${PROGRAM_KIND_LABELS[p.kind]})${p.deleted_at ? ' (dihapus)' : ''}`,
        sasaranId: p.sasaran_id,
        kind: p.kind,
      })),
    },
    ctx: {
      unitIds: new Set(unitList.map((u) => u.id)),
      sasaran: new Map(liveSasaran.map((s) => [s.id, { code: s.code }])),
      programs: new Map(liveProgram.map((p) => [p.id, { sasaranId: p.sasaran_id, code: p.code }])),
    },
  }
}

/** The indicator fields kept in the audit trail's before/after JSON. */
export function indicatorSnapshot(i: Pick<IndicatorWithPeriod, 'id' | 'period_id' | 'version' | 'deleted_at' | 'deleted_reason'> & IndicatorFields) {
  return {
    id: i.id,
    period_id: i.period_id,
    code: i.code,
    name: i.name,
    satuan: i.satuan,
    polarity: i.polarity,
    pola_ukur: i.pola_ukur,
    renstra_mode: i.renstra_mode ?? defaultRenstraMode(i.pola_ukur),
    aspect: i.aspect,
    strategy: i.strategy,
    weight: num(i.weight),
    unit_id: i.unit_id,
    sasaran_id: i.sasaran_id,
    program_id: i.program_id,
    baseline: num(i.baseline),
    baseline_year: i.baseline_year,
    target_akhir: num(i.target_akhir),
    min_value: num(i.min_value),
    max_value: num(i.max_value),
    definition: i.definition,
    version: i.version,
    deleted_at: i.deleted_at,
    deleted_reason: i.deleted_reason,
  }
}

/** One year's targets as kept in the audit trail: the annual target and the quarterly ones that are set. */
function targetSnapshot(indicatorId: number, year: number, t: IndicatorTargets | { annual: Record<number, number>; quarterly: Record<string, number> }) {
  const quarters: Record<string, number> = {}
  for (let q = 1; q <= 4; q++) {
    const v = t.quarterly[`${year}-${q}`]
    if (v !== undefined) quarters[`tw${q}`] = v
  }
  const annual = t.annual[year]
  if (annual === undefined && Object.keys(quarters).length === 0) return null
  return { indicator_id: indicatorId, year, target: annual ?? null, ...quarters }
}

function yearChanged(year: number, before: IndicatorTargets, after: { annual: Record<number, number>; quarterly: Record<string, number> }): boolean {
  if (!sameNumber(before.annual[year], after.annual[year])) return true
  for (let q = 1; q <= 4; q++) if (!sameNumber(before.quarterly[`${year}-${q}`], after.quarterly[`${year}-${q}`])) return true
  return false
}

/** An indicator as form values (what the edit page shows before anything is typed). */
export function valuesOfIndicator(i: IndicatorWithPeriod, t: IndicatorTargets, years: number[]): IndicatorFormValues {
  const v = emptyIndicatorValues()
  const s = (x: number | null) => (x == null ? '' : toInputString(x))
  Object.assign(v.fields, {
    code: i.code,
    name: i.name,
    satuan: i.satuan,
    polarity: i.polarity,
    pola_ukur: i.pola_ukur,
    renstra_mode: i.renstra_mode ?? defaultRenstraMode(i.pola_ukur),
    aspect: i.aspect,
    strategy: i.strategy,
    weight: s(i.weight),
    unit_id: String(i.unit_id),
    sasaran_id: i.sasaran_id == null ? '' : String(i.sasaran_id),
    program_id: i.program_id == null ? '' : String(i.program_id),
    baseline: s(i.baseline),
    baseline_year: i.baseline_year == null ? '' : String(i.baseline_year),
    target_akhir: s(i.target_akhir),
    min_value: s(i.min_value),
    max_value: s(i.max_value),
    definition: i.definition ?? '',
  } satisfies Record<IndicatorField, string>)
  for (const y of years) {
    v.targets[y] = s(t.annual[y] ?? null)
    for (let q = 1; q <= 4; q++) v.quarters[`${y}-${q}`] = s(t.quarterly[`${y}-${q}`] ?? null)
  }
  return v
}

// ---------------------------------------------------------------------------
// Indicator: create, update, delete, restore
// ---------------------------------------------------------------------------

export type IndicatorSaveResult =
  | { ok: true; id: number; changed: boolean; message: string }
  | {
      ok: false
      status: 400 | 404 | 409
      message: string
      errors: FormErrors
      problems: FormProblem[]
      /** Years whose changed targets need a reason (the reason field is shown). */
      reasonYears: number[]
      conflict: { message: string; currentVersion: number } | null
    }

function refused(e: Refusal, reasonYears: number[] = []): IndicatorSaveResult {
  const problems = problemList(e.errors, e.general)
  const n = problems.length
  const message = Object.keys(e.errors).length ? `Ada ${n} masalah; tidak ada yang disimpan. Perbaiki lalu kirim lagi.` : (e.general[0] ?? e.message)
  return { ok: false, status: e.status, message, errors: e.errors, problems, reasonYears, conflict: null }
}

export async function createIndicator(db: DB, user: SessionUser, periodIdRaw: string, values: IndicatorFormValues, requestId: string | null): Promise<IndicatorSaveResult> {
  const periodId = optionalId(periodIdRaw)
  const period = periodId ? await getPeriod(db, periodId) : undefined
  if (!period) return refused(new Refusal(404, 'Periode Renstra tidak ditemukan.', {}, ['Periode Renstra tidak ditemukan.']))
  assertOpdScope(user, period.opd_id)
  const years = yearsOf(period.start_year, period.end_year)
  const t = toDbTime(now())
  try {
    const id = await writeTransaction(db, period.opd_id, async (trx) => {
      const p = (await getPeriod(trx, period.id))!
      if (p.closed) throw new Refusal(400, closedMessage(p), {}, [closedMessage(p)])
      const { ctx } = await indicatorOptions(trx, p)
      const { parsed, errors } = validateIndicator(values, { ...ctx, years, codes: await indicatorCodesOf(trx, p.id), selfId: null })
      if (!parsed) throw new Refusal(400, 'Ada masalah pada isian; tidak ada yang disimpan.', errors)
      const order = (await maxSortOrder(trx, 'indicator', p.id)) + 1
      const res = await trx
        .insertInto('indicator')
        .values({ period_id: p.id, ...parsed.fields, sort_order: order, version: 1, created_at: t, updated_at: t, deleted_at: null, deleted_reason: null })
        .executeTakeFirstOrThrow()
      const newId = Number(res.insertId)
      const reason = clean(values.reason)
      await writeAudit(trx, {
        actor: actorOf(user),
        opdId: p.opd_id,
        entity: 'indicator',
        entityId: newId,
        action: 'create',
        after: indicatorSnapshot({ id: newId, period_id: p.id, version: 1, deleted_at: null, deleted_reason: null, ...parsed.fields }),
        reason,
        requestId,
      })
      const after = { annual: parsed.targets, quarterly: parsed.quarters }
      for (const y of years) {
        if (parsed.targets[y] !== undefined) await trx.insertInto('indicator_target').values({ indicator_id: newId, year: y, target: parsed.targets[y]! }).execute()
        for (let q = 1; q <= 4; q++) {
          const v = parsed.quarters[`${y}-${q}`]
          if (v !== undefined) await trx.insertInto('indicator_quarter_target').values({ indicator_id: newId, year: y, quarter: q, target: v }).execute()
        }
        const snap = targetSnapshot(newId, y, after)
        if (snap) await writeAudit(trx, { actor: actorOf(user), opdId: p.opd_id, entity: 'indicator_target', entityId: targetAuditId(newId, y), action: 'create', after: snap, reason, requestId })
      }
      return newId
    })
    return { ok: true, id, changed: true, message: 'Indikator baru disimpan.' }
  } catch (e) {
    if (e instanceof Refusal) return refused(e)
    if (isUniqueViolation(e)) {
      const errors = { code: 'Kode ini baru saja dipakai indikator lain pada periode ini; pakai kode lain.' }
      return refused(new Refusal(400, 'Kode indikator sudah dipakai; tidak ada yang disimpan.', errors))
    }
    throw e
  }
}

/** The version the form was based on: the conflict override (`timpa`) when the user chose it, else `version`. */
function expectedVersion(form: { version: string; override: string }): number | null {
  return optionalId(form.override) ?? optionalId(form.version)
}

export async function updateIndicator(
  db: DB,
  user: SessionUser,
  id: number,
  values: IndicatorFormValues,
  versions: { version: string; override: string },
  requestId: string | null,
): Promise<IndicatorSaveResult> {
  const current = await getIndicatorWithPeriod(db, id)
  if (!current) return refused(new Refusal(404, 'Indikator tidak ditemukan.', {}, ['Indikator tidak ditemukan.']))
  assertOpdScope(user, current.opd_id)
  const years = yearsOf(current.start_year, current.end_year)
  const expected = expectedVersion(versions)
  const t = toDbTime(now())
  let reasonYears: number[] = []
  try {
    const outcome = await writeTransaction(db, current.opd_id, async (trx) => {
      const before = (await getIndicatorWithPeriod(trx, id))!
      if (before.period_closed) throw new Refusal(400, closedMessage({ name: before.period_name, start_year: before.start_year, end_year: before.end_year }), {}, [closedMessage({ name: before.period_name, start_year: before.start_year, end_year: before.end_year })])
      if (expected === null) throw new Refusal(400, 'Versi formulir tidak dikenali; muat ulang halaman lalu ulangi perubahan.', {}, ['Versi formulir tidak dikenali; muat ulang halaman lalu ulangi perubahan.'])
      if (expected !== before.version) throw new Refusal(409, 'conflict')
      if (before.deleted_at) throw new Refusal(400, 'Indikator ini sudah dihapus; pulihkan lebih dulu sebelum mengubahnya.', {}, ['Indikator ini sudah dihapus; pulihkan lebih dulu sebelum mengubahnya.'])
      const period = (await getPeriod(trx, before.period_id))!
      const { ctx } = await indicatorOptions(trx, period, before)
      const { parsed, errors } = validateIndicator(values, { ...ctx, years, codes: await indicatorCodesOf(trx, before.period_id), selfId: id })

      // Targets of years with verified realisations need a reason (checked together with the rest).
      const targetsBefore = await targetsOfIndicator(trx, id)
      const verified = new Set(await verifiedYearsOf(trx, id))
      const reason = clean(values.reason)
      if (reason && reason.length > RENSTRA_LIMITS.reason) errors[REASON_FIELD] = `Alasan paling panjang ${RENSTRA_LIMITS.reason} karakter.`
      // (from what was typed, so the reason is asked for together with every other problem)
      const typed = typedTargets(values, years)
      const changedYears = years.filter((y) => yearChanged(y, targetsBefore, typed))
      reasonYears = changedYears.filter((y) => verified.has(y))
      if (reasonYears.length && !reason) {
        errors[REASON_FIELD] = `Alasan perubahan wajib diisi: target ${yearsLabel(reasonYears)} diubah, padahal tahun itu sudah memiliki realisasi yang diverifikasi.`
      }
      if (!parsed || Object.keys(errors).length) throw new Refusal(400, 'Ada masalah pada isian; tidak ada yang disimpan.', errors)

      const fieldsBefore = indicatorSnapshot(before)
      const fieldsChanged = Object.entries(parsed.fields).some(([k, v]) => {
        const b = (fieldsBefore as Record<string, unknown>)[k]
        return typeof v === 'number' || typeof b === 'number' ? !sameNumber(num(b), num(v)) : (b ?? null) !== (v ?? null)
      })
      if (!fieldsChanged && changedYears.length === 0) return { changed: false }

      const res = await trx
        .updateTable('indicator')
        .set({ ...parsed.fields, version: before.version + 1, updated_at: t })
        .where('id', '=', id)
        .where('version', '=', before.version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new Refusal(409, 'conflict')
      const afterRow = (await getIndicatorWithPeriod(trx, id))!
      await writeAudit(trx, { actor: actorOf(user), opdId: current.opd_id, entity: 'indicator', entityId: id, action: 'update', before: fieldsBefore, after: indicatorSnapshot(afterRow), reason, requestId })

      const qAfter = quarterlyAfter(targetsBefore, parsed, years)
      for (const y of changedYears) {
        const newAnnual = parsed.targets[y]!
        if (targetsBefore.annual[y] === undefined) await trx.insertInto('indicator_target').values({ indicator_id: id, year: y, target: newAnnual }).execute()
        else if (!sameNumber(targetsBefore.annual[y], newAnnual)) await trx.updateTable('indicator_target').set({ target: newAnnual }).where('indicator_id', '=', id).where('year', '=', y).execute()
        for (let q = 1; q <= 4; q++) {
          const k = `${y}-${q}`
          const b = targetsBefore.quarterly[k]
          const a = qAfter[k]
          if (sameNumber(b, a)) continue
          if (a === undefined) await trx.deleteFrom('indicator_quarter_target').where('indicator_id', '=', id).where('year', '=', y).where('quarter', '=', q).execute()
          else if (b === undefined) await trx.insertInto('indicator_quarter_target').values({ indicator_id: id, year: y, quarter: q, target: a }).execute()
          else await trx.updateTable('indicator_quarter_target').set({ target: a }).where('indicator_id', '=', id).where('year', '=', y).where('quarter', '=', q).execute()
        }
        await writeAudit(trx, {
          actor: actorOf(user),
          opdId: current.opd_id,
          entity: 'indicator_target',
          entityId: targetAuditId(id, y),
          action: targetsBefore.annual[y] === undefined ? 'create' : 'update',
          before: targetSnapshot(id, y, targetsBefore),
          after: targetSnapshot(id, y, { annual: { [y]: newAnnual }, quarterly: qAfter }),
          reason,
          requestId,
        })
      }
      return { changed: true }
    })
    return { ok: true, id, changed: outcome.changed, message: outcome.changed ? 'Perubahan indikator disimpan.' : 'Tidak ada perubahan untuk disimpan.' }
  } catch (e) {
    if (e instanceof Refusal) {
      if (e.status === 409) return conflictResult(db, id)
      return refused(e, reasonYears)
    }
    if (isUniqueViolation(e)) {
      return refused(new Refusal(400, 'Kode indikator sudah dipakai; tidak ada yang disimpan.', { code: 'Kode ini baru saja dipakai indikator lain pada periode ini; pakai kode lain.' }), reasonYears)
    }
    throw e
  }
}

/** The targets as typed (unparseable ones as NaN, so they count as changed). */
function typedTargets(values: IndicatorFormValues, years: number[]): { annual: Record<number, number>; quarterly: Record<string, number> } {
  const read = (raw: string | undefined): number | undefined => {
    const p = parseDecimalInput(raw ?? '')
    if (p === null) return undefined
    return typeof p === 'string' ? Number.NaN : round6(p)
  }
  const annual: Record<number, number> = {}
  const quarterly: Record<string, number> = {}
  for (const y of years) {
    const a = read(values.targets[y])
    if (a !== undefined) annual[y] = a
    for (let q = 1; q <= 4; q++) {
      const v = read(values.quarters[`${y}-${q}`])
      if (v !== undefined) quarterly[`${y}-${q}`] = v
    }
  }
  return { annual, quarterly }
}

function quarterlyAfter(before: IndicatorTargets, parsed: ParsedIndicator, years: number[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(before.quarterly)) if (!years.includes(Number(k.split('-')[0]))) out[k] = v // outside the form: untouched
  for (const [k, v] of Object.entries(parsed.quarters)) out[k] = v
  return out
}

/** The 409 answer: who changed the indicator and when (read after the rollback). */
async function conflictResult(db: DB, id: number): Promise<IndicatorSaveResult> {
  const row = await getIndicatorWithPeriod(db, id)
  const who = await lastIndicatorChange(db, id)
  const message = `${await changedByText(db, who)} Tidak ada yang disimpan; isian Anda masih di bawah. Periksa nilai terbaru, lalu simpan lagi (centang "timpa") bila perubahan Anda tetap berlaku.`
  return {
    ok: false,
    status: 409,
    message,
    errors: {},
    problems: [{ field: null, label: '', message }],
    reasonYears: [],
    conflict: { message, currentVersion: row?.version ?? 0 },
  }
}

export type SimpleResult = { ok: true; message: string } | { ok: false; status: 400 | 404 | 409; message: string; errors: FormErrors; problems: FormProblem[] }

export async function deleteIndicator(db: DB, user: SessionUser, id: number, versionRaw: string, reasonRaw: string, requestId: string | null): Promise<SimpleResult> {
  return deleteOrRestoreIndicator(db, user, id, versionRaw, reasonRaw, requestId, 'delete')
}

export async function restoreIndicator(db: DB, user: SessionUser, id: number, versionRaw: string, reasonRaw: string, requestId: string | null): Promise<SimpleResult> {
  return deleteOrRestoreIndicator(db, user, id, versionRaw, reasonRaw, requestId, 'restore')
}

async function deleteOrRestoreIndicator(db: DB, user: SessionUser, id: number, versionRaw: string, reasonRaw: string, requestId: string | null, action: 'delete' | 'restore'): Promise<SimpleResult> {
  const current = await getIndicatorWithPeriod(db, id)
  if (!current) return { ok: false, status: 404, message: 'Indikator tidak ditemukan.', errors: {}, problems: [] }
  assertOpdScope(user, current.opd_id)
  const reason = clean(reasonRaw)
  const expected = optionalId(versionRaw)
  const t = toDbTime(now())
  try {
    await writeTransaction(db, current.opd_id, async (trx) => {
      const before = (await getIndicatorWithPeriod(trx, id))!
      const errors: FormErrors = {}
      if (action === 'delete' && !reason) errors.deleted_reason = 'Alasan penghapusan wajib diisi.'
      if (reason && reason.length > RENSTRA_LIMITS.deletedReason) errors.deleted_reason = `Alasan paling panjang ${RENSTRA_LIMITS.deletedReason} karakter.`
      const general: string[] = []
      if (before.period_closed) general.push(closedMessage({ name: before.period_name, start_year: before.start_year, end_year: before.end_year }))
      if (expected === null) general.push('Versi formulir tidak dikenali; muat ulang halaman.')
      else if (expected !== before.version) throw new Refusal(409, 'conflict')
      if (action === 'delete' && before.deleted_at) general.push('Indikator ini sudah dihapus.')
      if (action === 'restore' && !before.deleted_at) general.push('Indikator ini tidak dalam keadaan dihapus.')
      if (general.length || Object.keys(errors).length) throw new Refusal(400, general[0] ?? Object.values(errors)[0]!, errors, general)
      const res = await trx
        .updateTable('indicator')
        .set(action === 'delete' ? { deleted_at: t, deleted_reason: reason, version: before.version + 1, updated_at: t } : { deleted_at: null, deleted_reason: null, version: before.version + 1, updated_at: t })
        .where('id', '=', id)
        .where('version', '=', before.version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new Refusal(409, 'conflict')
      const after = (await getIndicatorWithPeriod(trx, id))!
      await writeAudit(trx, { actor: actorOf(user), opdId: current.opd_id, entity: 'indicator', entityId: id, action, before: indicatorSnapshot(before), after: indicatorSnapshot(after), reason, requestId })
    })
    return {
      ok: true,
      message:
        action === 'delete'
          ? `Indikator ${current.code} dihapus. Riwayat dan realisasinya tetap tersimpan dan tetap ikut dalam ekspor jejak audit.`
          : `Indikator ${current.code} dipulihkan dan kembali dihitung dalam skor.`,
    }
  } catch (e) {
    if (e instanceof Refusal) {
      if (e.status === 409) {
        const message = `${await changedByText(db, await lastIndicatorChange(db, id))} Muat ulang halaman, lalu ulangi bila masih perlu.`
        return { ok: false, status: 409, message, errors: {}, problems: [{ field: null, label: '', message }] }
      }
      const problems = problemList(e.errors, e.general)
      return { ok: false, status: e.status, message: e.message, errors: e.errors, problems }
    }
    throw e
  }
}

// ---------------------------------------------------------------------------
// Periods and the tujuan → sasaran → program tree
// ---------------------------------------------------------------------------

export type TreeEntity = 'tujuan' | 'sasaran' | 'program'

export type KelolaResult =
  | { ok: true; message: string; periodId?: number }
  | { ok: false; status: 400 | 404 | 409; message: string; errors: FormErrors; problems: FormProblem[] }

const treeLabel = (f: string) => TREE_FIELD_LABELS[f] ?? f

function kelolaRefused(e: Refusal): KelolaResult {
  const problems = problemList(e.errors, e.general, treeLabel)
  const n = problems.length
  return { ok: false, status: e.status, message: n > 1 ? `Ada ${n} masalah; tidak ada yang disimpan.` : (problems[0]?.message ?? e.message), errors: e.errors, problems }
}

function checkCode(errors: FormErrors, raw: string, max: number): string | null {
  const code = clean(raw)
  if (!code) return (errors.code = 'Kode wajib diisi.'), null
  if (code.length > max) return (errors.code = `Kode paling panjang ${max} karakter.`), null
  if (!CODE_PATTERN.test(code)) return (errors.code = 'Kode hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung atau garis miring, tanpa spasi.'), null
  return code
}

function checkName(errors: FormErrors, raw: string, max: number = RENSTRA_LIMITS.name): string | null {
  const name = clean(raw)
  if (!name) return (errors.name = 'Nama wajib diisi.'), null
  if (name.length > max) return (errors.name = `Nama paling panjang ${max} karakter.`), null
  return name
}

function checkYear(errors: FormErrors, field: 'start_year' | 'end_year', raw: string): number | null {
  const v = raw.trim()
  if (!v) return (errors[field] = `${treeLabel(field)} wajib diisi.`), null
  if (!/^\d{4}$/.test(v) || Number(v) < 2000 || Number(v) > 2100) return (errors[field] = `${treeLabel(field)} harus tahun empat angka antara 2000 dan 2100.`), null
  return Number(v)
}

async function requireOpenPeriod(trx: Executor, periodId: number): Promise<PeriodRow> {
  const p = await getPeriod(trx, periodId)
  if (!p) throw new Refusal(404, 'Periode Renstra tidak ditemukan.', {}, ['Periode Renstra tidak ditemukan.'])
  if (p.closed) throw new Refusal(400, closedMessage(p), {}, [closedMessage(p)])
  return p
}

/** Runs one tree/period change in a transaction; Refusal → rolled back, a Indonesian answer. */
async function runKelola(db: DB, scope: WriteScope, work: (trx: Executor) => Promise<string | { message: string; periodId: number }>, duplicate: string): Promise<KelolaResult> {
  try {
    const out = await writeTransaction(db, scope, work)
    return typeof out === 'string' ? { ok: true, message: out } : { ok: true, ...out }
  } catch (e) {
    if (e instanceof Refusal) return kelolaRefused(e)
    if (isUniqueViolation(e)) return kelolaRefused(new Refusal(400, duplicate, { code: duplicate }))
    throw e
  }
}

/** The OPD a tree node or period belongs to (scope check before any transaction). */
async function opdOfNode(db: Executor, entity: TreeEntity | 'renstra_period', id: number): Promise<{ opdId: number; periodId: number } | null> {
  if (entity === 'renstra_period') {
    const p = await getPeriod(db, id)
    return p ? { opdId: p.opd_id, periodId: p.id } : null
  }
  let periodId: number | null = null
  if (entity === 'tujuan') periodId = (await getTujuan(db, id))?.period_id ?? null
  if (entity === 'sasaran') periodId = (await getSasaran(db, id))?.period_id ?? null
  if (entity === 'program') periodId = (await getProgram(db, id))?.period_id ?? null
  if (periodId == null) return null
  const p = await getPeriod(db, periodId)
  return p ? { opdId: p.opd_id, periodId: p.id } : null
}

export const KELOLA_INTENTS = [
  'periode.tambah',
  'periode.tutup',
  'periode.buka',
  'tujuan.tambah',
  'tujuan.ubah',
  'tujuan.hapus',
  'tujuan.pulihkan',
  'sasaran.tambah',
  'sasaran.ubah',
  'sasaran.hapus',
  'sasaran.pulihkan',
  'program.tambah',
  'program.ubah',
  'program.hapus',
  'program.pulihkan',
] as const
export type KelolaIntent = (typeof KELOLA_INTENTS)[number]

/** Values a kelola form posted (kept when refused). Only these fields are read. */
export const KELOLA_FIELDS = ['id', 'period_id', 'tujuan_id', 'sasaran_id', 'parent_id', 'code', 'name', 'unit_id', 'reason', 'start_year', 'end_year', 'before_code', 'before_name'] as const

export function readKelolaForm(form: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of KELOLA_FIELDS) out[f] = text(form.get(f)).slice(0, 5000)
  return out
}

/** One change on the kelola page (periods, tujuan, sasaran, program/kegiatan). */
export async function applyKelola(db: DB, user: SessionUser, opdId: number, intent: KelolaIntent, v: Record<string, string>, requestId: string | null): Promise<KelolaResult> {
  const actor = actorOf(user)
  const [entity, op] = intent.split('.') as ['periode' | TreeEntity, string]
  assertOpdScope(user, opdId)

  if (entity === 'periode' && op === 'tambah') return createPeriod(db, user, opdId, v, requestId)

  // Everything else names an existing row: find its OPD first (403 before anything is written).
  const refId =
    op === 'tambah'
      ? optionalId(entity === 'tujuan' ? v.period_id! : entity === 'sasaran' ? v.tujuan_id! : v.parent_id || v.sasaran_id || '')
      : optionalId(v.id!)
  const refEntity: TreeEntity | 'renstra_period' =
    entity === 'periode' ? 'renstra_period' : op === 'tambah' ? (entity === 'tujuan' ? 'renstra_period' : entity === 'sasaran' ? 'tujuan' : v.parent_id ? 'program' : 'sasaran') : entity
  const owner = refId ? await opdOfNode(db, refEntity, refId) : null
  if (!owner) return kelolaRefused(new Refusal(404, 'Data yang dirujuk tidak ditemukan; muat ulang halaman.', {}, ['Data yang dirujuk tidak ditemukan; muat ulang halaman.']))
  assertOpdScope(user, owner.opdId)

  if (entity === 'periode') return setPeriodClosed(db, user, owner.opdId, owner.periodId, op === 'tutup', v.reason ?? '', requestId)

  // The checks of the typed values (before the transaction). Each run of a transaction callback
  // works on its own copy: a run that is retried (deadlock, lost connection) leaves nothing behind.
  const formErrors: FormErrors = {}

  if (op === 'tambah') {
    const code = checkCode(formErrors, v.code ?? '', entity === 'program' ? RENSTRA_LIMITS.programCode : RENSTRA_LIMITS.code)
    const name = checkName(formErrors, v.name ?? '')
    return runKelola(
      db, owner.opdId,
      async (trx) => {
        const errors: FormErrors = { ...formErrors }
        const period = await requireOpenPeriod(trx, owner.periodId)
        if (entity === 'tujuan') {
          if (code && (await tujuanOfPeriod(trx, period.id)).some((x) => x.code.toLowerCase() === code.toLowerCase())) errors.code = `Kode tujuan ${code} sudah dipakai pada periode ini.`
          if (Object.keys(errors).length) throw new Refusal(400, 'Isian tujuan belum benar.', errors)
          const row = { period_id: period.id, code: code!, name: name!, sort_order: (await maxSortOrder(trx, 'tujuan', period.id)) + 1, deleted_at: null }
          const id = Number((await trx.insertInto('tujuan').values(row).executeTakeFirstOrThrow()).insertId)
          await writeAudit(trx, { actor, opdId: owner.opdId, entity: 'tujuan', entityId: id, action: 'create', after: { id, ...row }, requestId })
          return `Tujuan ${code} ditambahkan.`
        }
        if (entity === 'sasaran') {
          const tujuan = (await getTujuan(trx, refId!))!
          if (tujuan.deleted_at) errors.general = 'Tujuan ini sudah dihapus; pulihkan dulu.'
          if (code && (await sasaranOfPeriod(trx, period.id)).some((x) => x.tujuan_id === tujuan.id && x.code.toLowerCase() === code.toLowerCase())) errors.code = `Kode sasaran ${code} sudah dipakai di bawah tujuan ini.`
          if (Object.keys(errors).length) throw refusalWithGeneral(errors, 'Isian sasaran belum benar.')
          const row = { tujuan_id: tujuan.id, code: code!, name: name!, sort_order: (await maxSasaranOrder(trx, tujuan.id)) + 1, deleted_at: null }
          const id = Number((await trx.insertInto('sasaran').values(row).executeTakeFirstOrThrow()).insertId)
          await writeAudit(trx, { actor, opdId: owner.opdId, entity: 'sasaran', entityId: id, action: 'create', after: { id, ...row }, requestId })
          return `Sasaran ${code} ditambahkan.`
        }
        // program / kegiatan / sub kegiatan
        let kind: ProgramKind = 'program'
        let sasaranId: number | null = null
        let parentId: number | null = null
        if (v.parent_id) {
          const parent = (await getProgram(trx, refId!))!
          if (parent.deleted_at) errors.general = `${PROGRAM_KIND_LABELS[parent.kind]} ${parent.code} sudah dihapus; pulihkan dulu.`
          if (parent.kind === 'subkegiatan') errors.general = 'Sub kegiatan tidak dapat memiliki turunan.'
          kind = parent.kind === 'program' ? 'kegiatan' : 'subkegiatan'
          sasaranId = parent.sasaran_id
          parentId = parent.id
        } else {
          const s = (await getSasaran(trx, refId!))!
          if (s.deleted_at || s.tujuan_deleted_at) errors.general = 'Sasaran ini sudah dihapus; pulihkan dulu.'
          sasaranId = s.id
        }
        const unitId = await checkUnit(trx, errors, v.unit_id ?? '', period.opd_id)
        if (code && (await programsOfPeriod(trx, period.id)).some((x) => x.code.toLowerCase() === code.toLowerCase())) errors.code = `Kode ${code} sudah dipakai program/kegiatan lain pada periode ini.`
        if (Object.keys(errors).length) throw refusalWithGeneral(errors, 'Isian program/kegiatan belum benar.')
        const row = { period_id: period.id, sasaran_id: sasaranId, parent_id: parentId, kind, code: code!, name: name!, unit_id: unitId, sort_order: (await maxSortOrder(trx, 'program', period.id)) + 1, deleted_at: null }
        const id = Number((await trx.insertInto('program').values(row).executeTakeFirstOrThrow()).insertId)
        await writeAudit(trx, { actor, opdId: owner.opdId, entity: 'program', entityId: id, action: 'create', after: { id, ...row }, requestId })
        return `${PROGRAM_KIND_LABELS[kind]} ${code} ditambahkan.`
      },
      'Kode ini baru saja dipakai; pakai kode lain.',
    )
  }

  const id = refId!
  if (op === 'ubah') {
    const code = checkCode(formErrors, v.code ?? '', entity === 'program' ? RENSTRA_LIMITS.programCode : RENSTRA_LIMITS.code)
    const name = checkName(formErrors, v.name ?? '')
    return runKelola(
      db, owner.opdId,
      async (trx) => {
        const errors: FormErrors = { ...formErrors }
        const period = await requireOpenPeriod(trx, owner.periodId)
        const before = await nodeOf(trx, entity, id)
        // Lost-update guard: the code and name the form was loaded with must still be current.
        if ((v.before_code && v.before_code !== before.code) || (v.before_name && v.before_name !== before.name)) {
          const who = await lastChangeOfEntity(trx, entity, id)
          const msg = `${await changedByText(trx, who)} Isian saat ini: ${before.code} — ${before.name}. Tidak ada yang disimpan.`
          throw new Refusal(409, msg, {}, [msg])
        }
        if (before.deleted_at) errors.general = 'Data ini sudah dihapus; pulihkan dulu sebelum mengubahnya.'
        let unitId: number | null | undefined
        if (entity === 'program') unitId = await checkUnit(trx, errors, v.unit_id ?? '', period.opd_id, (before as ProgramRow).unit_id)
        if (code && code.toLowerCase() !== before.code.toLowerCase()) {
          const siblings =
            entity === 'tujuan'
              ? (await tujuanOfPeriod(trx, period.id)).map((x) => x.code)
              : entity === 'sasaran'
                ? (await sasaranOfPeriod(trx, period.id)).filter((x) => x.tujuan_id === (before as SasaranRow).tujuan_id).map((x) => x.code)
                : (await programsOfPeriod(trx, period.id)).map((x) => x.code)
          if (siblings.some((c) => c.toLowerCase() === code.toLowerCase())) errors.code = `Kode ${code} sudah dipakai.`
        }
        if (Object.keys(errors).length) throw refusalWithGeneral(errors, 'Isian belum benar.')
        const set: Record<string, unknown> = { code: code!, name: name! }
        if (entity === 'program') set.unit_id = unitId ?? null
        const same = before.code === code && before.name === name && (entity !== 'program' || (before as ProgramRow).unit_id === (unitId ?? null))
        if (same) return 'Tidak ada perubahan untuk disimpan.'
        await trx.updateTable(entity).set(set).where('id', '=', id).execute()
        const after = await nodeOf(trx, entity, id)
        await writeAudit(trx, { actor, opdId: owner.opdId, entity, entityId: id, action: 'update', before: nodeSnapshot(entity, before), after: nodeSnapshot(entity, after), requestId })
        return `${entityWord(entity, before)} ${code} disimpan.`
      },
      'Kode ini sudah dipakai; pakai kode lain.',
    )
  }

  if (op === 'hapus' || op === 'pulihkan') {
    const reason = clean(v.reason ?? '')
    if (reason && reason.length > RENSTRA_LIMITS.deletedReason) formErrors.reason = `Alasan paling panjang ${RENSTRA_LIMITS.deletedReason} karakter.`
    return runKelola(
      db, owner.opdId,
      async (trx) => {
        const errors: FormErrors = { ...formErrors }
        await requireOpenPeriod(trx, owner.periodId)
        const before = await nodeOf(trx, entity, id)
        const general: string[] = []
        if (op === 'hapus') {
          if (before.deleted_at) general.push('Data ini sudah dihapus.')
          const live = await liveChildrenOf(trx, entity, id)
          if (live.sasaran.length) general.push(`Tujuan ini masih memiliki sasaran aktif (${live.sasaran.join(', ')}); hapus atau pindahkan dulu.`)
          if (live.programs.length) general.push(`Masih ada program/kegiatan aktif di bawahnya (${live.programs.join(', ')}); hapus dulu.`)
          if (live.indicators.length) general.push(`Masih ada indikator aktif yang merujuknya (${live.indicators.join(', ')}); pindahkan atau hapus indikatornya dulu.`)
        } else {
          if (!before.deleted_at) general.push('Data ini tidak dalam keadaan dihapus.')
          const parentDeleted =
            entity === 'sasaran'
              ? !!(before as SasaranRow).tujuan_deleted_at
              : entity === 'program' && (before as ProgramRow).parent_id
                ? !!(await getProgram(trx, (before as ProgramRow).parent_id!))?.deleted_at
                : entity === 'program' && (before as ProgramRow).sasaran_id
                  ? !!(await getSasaran(trx, (before as ProgramRow).sasaran_id!))?.deleted_at
                  : false
          if (parentDeleted) general.push('Induknya masih dalam keadaan dihapus; pulihkan induknya dulu.')
        }
        if (general.length || Object.keys(errors).length) throw new Refusal(400, general[0] ?? 'Isian belum benar.', errors, general)
        await trx
          .updateTable(entity)
          .set({ deleted_at: op === 'hapus' ? toDbTime(now()) : null })
          .where('id', '=', id)
          .execute()
        const after = await nodeOf(trx, entity, id)
        await writeAudit(trx, { actor, opdId: owner.opdId, entity, entityId: id, action: op === 'hapus' ? 'delete' : 'restore', before: nodeSnapshot(entity, before), after: nodeSnapshot(entity, after), reason, requestId })
        return `${entityWord(entity, before)} ${before.code} ${op === 'hapus' ? 'dihapus' : 'dipulihkan'}.`
      },
      'Kode ini sudah dipakai.',
    )
  }
  return kelolaRefused(new Refusal(400, 'Tindakan tidak dikenal.', {}, ['Tindakan tidak dikenal.']))
}

function refusalWithGeneral(errors: FormErrors, message: string): Refusal {
  const general = errors.general ? [errors.general] : []
  delete errors.general
  return new Refusal(400, message, errors, general)
}

async function checkUnit(trx: Executor, errors: FormErrors, raw: string, opdId: number, keep?: number | null): Promise<number | null> {
  if (raw.trim() === '') return null
  const id = optionalId(raw)
  const allowed = (await responsibleUnitsOf(trx, opdId)).map((u) => u.id)
  if (id === null || (!allowed.includes(id) && id !== keep)) {
    errors.unit_id = 'Unit pelaksana harus sekretariat, bidang atau UPT perangkat daerah ini.'
    return null
  }
  return id
}

type NodeRow = TujuanRow | SasaranRow | ProgramRow

async function nodeOf(trx: Executor, entity: TreeEntity, id: number): Promise<NodeRow> {
  const row = entity === 'tujuan' ? await getTujuan(trx, id) : entity === 'sasaran' ? await getSasaran(trx, id) : await getProgram(trx, id)
  if (!row) throw new Refusal(404, 'Data tidak ditemukan; muat ulang halaman.', {}, ['Data tidak ditemukan; muat ulang halaman.'])
  return row
}

function nodeSnapshot(entity: TreeEntity, r: NodeRow) {
  if (entity === 'tujuan') {
    const x = r as TujuanRow
    return { id: x.id, period_id: x.period_id, code: x.code, name: x.name, deleted_at: x.deleted_at }
  }
  if (entity === 'sasaran') {
    const x = r as SasaranRow
    return { id: x.id, tujuan_id: x.tujuan_id, code: x.code, name: x.name, deleted_at: x.deleted_at }
  }
  const x = r as ProgramRow
  return { id: x.id, period_id: x.period_id, sasaran_id: x.sasaran_id, parent_id: x.parent_id, kind: x.kind, code: x.code, name: x.name, unit_id: x.unit_id, deleted_at: x.deleted_at }
}

function entityWord(entity: TreeEntity, r: NodeRow): string {
  if (entity === 'tujuan') return 'Tujuan'
  if (entity === 'sasaran') return 'Sasaran'
  return PROGRAM_KIND_LABELS[(r as ProgramRow).kind]
}

async function createPeriod(db: DB, user: SessionUser, opdId: number, v: Record<string, string>, requestId: string | null): Promise<KelolaResult> {
  const errors: FormErrors = {}
  const start = checkYear(errors, 'start_year', v.start_year ?? '')
  const end = checkYear(errors, 'end_year', v.end_year ?? '')
  if (start !== null && end !== null) {
    if (end < start) errors.end_year = 'Tahun akhir tidak boleh lebih awal dari tahun awal.'
    else if (end - start + 1 > RENSTRA_LIMITS.maxPeriodYears) errors.end_year = `Satu periode Renstra paling lama ${RENSTRA_LIMITS.maxPeriodYears} tahun.`
  }
  const nameRaw = clean(v.name ?? '')
  if (nameRaw && nameRaw.length > RENSTRA_LIMITS.periodName) errors.name = `Nama paling panjang ${RENSTRA_LIMITS.periodName} karakter.`
  return runKelola(
    db, opdId,
    async (trx) => {
      if (!(await getOpd(trx, opdId))) throw new Refusal(404, 'Perangkat daerah tidak ditemukan.', {}, ['Perangkat daerah tidak ditemukan.'])
      const general: string[] = []
      if (start !== null && end !== null && !errors.end_year) {
        for (const p of await overlappingPeriods(trx, opdId, start, end)) {
          general.push(`Tahun ${start}–${end} bertumpang tindih dengan ${p.name} (${p.start_year}–${p.end_year}); satu tahun hanya boleh masuk satu periode Renstra.`)
        }
      }
      if (general.length || Object.keys(errors).length) throw new Refusal(400, general[0] ?? 'Isian periode belum benar.', errors, general)
      const row = { opd_id: opdId, name: nameRaw ?? `Renstra ${start}–${end}`, start_year: start!, end_year: end!, closed: 0, created_at: toDbTime(now()) }
      const id = Number((await trx.insertInto('renstra_period').values(row).executeTakeFirstOrThrow()).insertId)
      await writeAudit(trx, { actor: actorOf(user), opdId, entity: 'renstra_period', entityId: id, action: 'create', after: { id, ...row }, requestId })
      return { message: `Periode ${row.name} ditambahkan. Tambahkan tujuan, sasaran dan indikatornya.`, periodId: id }
    },
    'Periode dengan tahun awal ini sudah ada.',
  )
}

async function setPeriodClosed(db: DB, user: SessionUser, opdId: number, periodId: number, close: boolean, reasonRaw: string, requestId: string | null): Promise<KelolaResult> {
  const reason = clean(reasonRaw)
  return runKelola(
    db, opdId,
    async (trx) => {
      const before = await getPeriod(trx, periodId)
      if (!before) throw new Refusal(404, 'Periode Renstra tidak ditemukan.', {}, ['Periode Renstra tidak ditemukan.'])
      const errors: FormErrors = {}
      if (!close && !reason) errors.reason = 'Alasan membuka kembali periode wajib diisi.'
      if (reason && reason.length > RENSTRA_LIMITS.deletedReason) errors.reason = `Alasan paling panjang ${RENSTRA_LIMITS.deletedReason} karakter.`
      const general: string[] = []
      if (close && before.closed) general.push('Periode ini sudah ditutup.')
      if (!close && !before.closed) general.push('Periode ini masih terbuka.')
      if (general.length || Object.keys(errors).length) throw new Refusal(400, general[0] ?? 'Isian belum benar.', errors, general)
      await trx.updateTable('renstra_period').set({ closed: close ? 1 : 0 }).where('id', '=', periodId).execute()
      await writeAudit(trx, { actor: actorOf(user), opdId: before.opd_id, entity: 'renstra_period', entityId: periodId, action: close ? 'close' : 'reopen', before: { ...before }, after: { ...before, closed: close ? 1 : 0 }, reason, requestId })
      return close ? `${before.name} ditutup: Renstra, indikator dan target periode ini tidak dapat diubah lagi.` : `${before.name} dibuka kembali.`
    },
    'Perubahan ditolak.',
  )
}

// ---------------------------------------------------------------------------
// Page data
// ---------------------------------------------------------------------------

export interface IndicatorLeaf {
  id: number
  code: string
  name: string
  unit: string
  satuan: string
  deleted: boolean
}

export interface ProgramNode {
  id: number
  kind: ProgramKind
  code: string
  name: string
  unitId: number | null
  unitName: string | null
  deleted: boolean
  children: ProgramNode[]
  indicators: IndicatorLeaf[]
}

export interface SasaranNode {
  id: number
  code: string
  name: string
  deleted: boolean
  programs: ProgramNode[]
  indicators: IndicatorLeaf[]
}

export interface TujuanNode {
  id: number
  code: string
  name: string
  deleted: boolean
  sasaran: SasaranNode[]
}

function leafOf(i: IndicatorListRow): IndicatorLeaf {
  return { id: i.id, code: i.code, name: i.name, unit: i.unit_short ?? i.unit_name, satuan: i.satuan, deleted: !!i.deleted_at }
}

/** tujuan → sasaran → program → kegiatan → sub kegiatan, with the live indicators hung where they belong. */
export function buildTree(tujuan: TujuanRow[], sasaran: SasaranRow[], programs: ProgramRow[], indicators: IndicatorListRow[], unitNames: Map<number, string>, showDeleted: boolean) {
  const live = indicators.filter((i) => !i.deleted_at)
  const programNode = (p: ProgramRow): ProgramNode => ({
    id: p.id,
    kind: p.kind,
    code: p.code,
    name: p.name,
    unitId: p.unit_id,
    unitName: p.unit_id == null ? null : (unitNames.get(p.unit_id) ?? null),
    deleted: !!p.deleted_at,
    children: programs.filter((c) => c.parent_id === p.id).map(programNode).filter(keep),
    indicators: live.filter((i) => i.program_id === p.id).map(leafOf),
  })
  // A deleted node is shown when asked, or when something live still hangs below it.
  function keep(n: { deleted: boolean; indicators?: IndicatorLeaf[]; children?: ProgramNode[]; programs?: ProgramNode[]; sasaran?: SasaranNode[] }): boolean {
    if (!n.deleted || showDeleted) return true
    return !!(n.indicators?.length || n.children?.some((c) => !c.deleted) || n.programs?.some((c) => !c.deleted) || n.sasaran?.some((c) => !c.deleted))
  }
  const placed = new Set<number>()
  const programIds = new Set(programs.map((p) => p.id))
  for (const i of live) if (i.program_id != null && programIds.has(i.program_id)) placed.add(i.id)
  const sasaranNode = (s: SasaranRow): SasaranNode => {
    const inds = live.filter((i) => !placed.has(i.id) && i.sasaran_id === s.id)
    for (const i of inds) placed.add(i.id)
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      deleted: !!s.deleted_at,
      programs: programs.filter((p) => p.parent_id == null && p.sasaran_id === s.id).map(programNode).filter(keep),
      indicators: inds.map(leafOf),
    }
  }
  const tree: TujuanNode[] = tujuan
    .map((t) => ({ id: t.id, code: t.code, name: t.name, deleted: !!t.deleted_at, sasaran: sasaran.filter((s) => s.tujuan_id === t.id).map(sasaranNode).filter(keep) }))
    .filter(keep)
  const sasaranIds = new Set(sasaran.map((s) => s.id))
  const looseProgramRows = programs.filter((p) => p.parent_id == null && (p.sasaran_id == null || !sasaranIds.has(p.sasaran_id)))
  const loosePrograms = looseProgramRows.map(programNode).filter(keep)
  const unplaced = live.filter((i) => !placed.has(i.id)).map(leafOf)
  return { tree, loosePrograms, unplaced }
}

/** The kelola page: the OPD's periods, the chosen one's tree, deleted indicators, the OPD choice for city-level users. */
export async function kelolaPageData(db: Executor, user: SessionUser, url: URL) {
  const requestedOpd = optionalId(url.searchParams.get('opd') ?? '')
  const opdId = await resolveOpdId(db, user.opdId, requestedOpd)
  const opdOptions = user.opdId == null ? (await listOpd(db)).map((o) => ({ id: o.id, name: o.name })) : []
  if (opdId == null) return { opd: null, opdOptions, periods: [], period: null, showDeleted: false, tree: [], loosePrograms: [], unplaced: [], deletedIndicators: [], units: [], indicatorCount: 0 }
  const opd = (await getOpd(db, opdId))!
  const periods = await periodsOfOpd(db, opdId)
  const year = yearInZone(now())
  const wanted = optionalId(url.searchParams.get('periode') ?? '')
  const period = periods.find((p) => p.id === wanted) ?? periods.find((p) => p.start_year <= year && year <= p.end_year) ?? periods[0] ?? null
  const showDeleted = url.searchParams.get('tampilkan') === 'semua'
  const units = await responsibleUnitsOf(db, opdId)
  const unitNames = new Map(units.map((u) => [u.id, u.short_name ?? u.name]))
  if (!period) return { opd, opdOptions, periods, period: null, showDeleted, tree: [], loosePrograms: [], unplaced: [], deletedIndicators: [], units: units.map((u) => ({ id: u.id, label: u.name })), indicatorCount: 0 }
  const [tujuan, sasaran, programs, indicators] = await Promise.all([tujuanOfPeriod(db, period.id), sasaranOfPeriod(db, period.id), programsOfPeriod(db, period.id), indicatorsOfPeriod(db, period.id)])
  const { tree, loosePrograms, unplaced } = buildTree(tujuan, sasaran, programs, indicators, unitNames, showDeleted)
  return {
    opd,
    opdOptions,
    periods,
    period,
    showDeleted,
    tree,
    loosePrograms,
    unplaced,
    deletedIndicators: indicators.filter((i) => i.deleted_at).map((i) => ({ ...leafOf(i), reason: i.deleted_reason, deletedAt: i.deleted_at })),
    units: units.map((u) => ({ id: u.id, label: u.name })),
    indicatorCount: indicators.filter((i) => !i.deleted_at).length,
  }
}

export interface HistoryEntry {
  id: number
  at: string
  actor: string
  role: string
  action: string
  what: string
  reason: string | null
  changes: { label: string; before: string; after: string }[]
}

function historyValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–'
  if (typeof v === 'number') return formatNumberTrim(v, 6)
  return String(v)
}

const HISTORY_HIDDEN = new Set(['id', 'indicator_id', 'period_id', 'version'])
const HISTORY_LABELS: Record<string, string> = { target: 'Target tahunan', tw1: 'Target TW I', tw2: 'Target TW II', tw3: 'Target TW III', tw4: 'Target TW IV', deleted_at: 'Dihapus pada', deleted_reason: 'Alasan penghapusan', year: 'Tahun' }

function diff(beforeJson: string | null, afterJson: string | null) {
  const parse = (s: string | null): Record<string, unknown> | null => {
    if (!s) return null
    try {
      const v = JSON.parse(s)
      return v && typeof v === 'object' ? v : null
    } catch {
      return null
    }
  }
  const b = parse(beforeJson)
  const a = parse(afterJson)
  const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])
  const out: { label: string; before: string; after: string }[] = []
  for (const k of keys) {
    if (HISTORY_HIDDEN.has(k)) continue
    if (JSON.stringify(b?.[k] ?? null) === JSON.stringify(a?.[k] ?? null)) continue
    out.push({ label: HISTORY_LABELS[k] ?? indicatorFieldLabel(k), before: historyValue(b?.[k]), after: historyValue(a?.[k]) })
  }
  return out
}

async function historyOf(db: Executor, indicatorId: number, timeZone: string): Promise<HistoryEntry[]> {
  const rows = await indicatorHistory(db, indicatorId)
  return rows.map((r) => ({
    id: r.id,
    at: formatDateTime(r.occurred_at, timeZone),
    actor: r.actor_name ?? r.actor_username ?? 'sistem',
    role: r.actor_role ? (ROLE_LABELS[r.actor_role as Role] ?? r.actor_role) : '',
    action: actionLabel(r.action),
    what: r.entity === 'indicator_target' ? `Target ${r.entity_id?.split(':')[1] ?? ''}` : 'Indikator',
    reason: r.reason,
    changes: diff(r.before_json, r.after_json),
  }))
}

export async function indicatorEditPageData(db: Executor, user: SessionUser, id: number) {
  const ind = await getIndicatorWithPeriod(db, id)
  // a user bound to an OPD sees only that OPD's indicators (404, not 403: no hint it exists)
  if (!ind || (user.opdId != null && user.opdId !== ind.opd_id)) notFound('Indikator tidak ditemukan.')
  const period = (await getPeriod(db, ind.period_id))!
  const years = yearsOf(period.start_year, period.end_year)
  const [targets, verifiedYears, counts, { options }, settings] = await Promise.all([
    targetsOfIndicator(db, id),
    verifiedYearsOf(db, id),
    realisasiCountsOf(db, id),
    indicatorOptions(db, period, ind),
    getSettings(db),
  ])
  const tz = settings.scoring.timeZone
  const last = await lastIndicatorChange(db, id)
  return {
    indicator: { id: ind.id, code: ind.code, name: ind.name, version: ind.version, deletedAt: ind.deleted_at ? formatDateTime(ind.deleted_at, tz) : null, deletedReason: ind.deleted_reason },
    period: { id: period.id, name: period.name, startYear: period.start_year, endYear: period.end_year, closed: !!period.closed },
    years,
    values: valuesOfIndicator(ind, targets, years),
    options,
    verifiedYears: verifiedYears.filter((y) => years.includes(y)),
    realisasiCounts: counts,
    lastChange: last ? { name: last.name, at: formatDateTime(last.at, tz) } : null,
    history: await historyOf(db, id, tz),
  }
}

export async function newIndicatorPageData(db: Executor, user: SessionUser, url: URL) {
  const wanted = optionalId(url.searchParams.get('periode') ?? '')
  let period: PeriodRow | undefined
  if (wanted) {
    period = await getPeriod(db, wanted)
    if (!period || (user.opdId != null && user.opdId !== period.opd_id)) notFound('Periode Renstra tidak ditemukan.')
  } else {
    const opdId = await resolveOpdId(db, user.opdId, optionalId(url.searchParams.get('opd') ?? ''))
    if (opdId != null) {
      const periods = await periodsOfOpd(db, opdId)
      const year = yearInZone(now())
      period = periods.find((p) => p.start_year <= year && year <= p.end_year) ?? periods[0]
    }
  }
  if (!period) notFound('Belum ada periode Renstra. Tambahkan periode lebih dulu di halaman Kelola Renstra.')
  const years = yearsOf(period.start_year, period.end_year)
  const { options } = await indicatorOptions(db, period)
  const values = emptyIndicatorValues()
  const sasaran = optionalId(url.searchParams.get('sasaran') ?? '')
  const program = optionalId(url.searchParams.get('program') ?? '')
  if (sasaran && options.sasaran.some((s) => s.id === sasaran)) values.fields.sasaran_id = String(sasaran)
  if (program) {
    const p = options.programs.find((x) => x.id === program)
    if (p) {
      values.fields.program_id = String(p.id)
      if (p.sasaranId != null) values.fields.sasaran_id = String(p.sasaranId)
    }
  }
  const firstYearBaseline = period.start_year - 1
  values.fields.baseline_year = String(firstYearBaseline)
  return {
    period: { id: period.id, name: period.name, startYear: period.start_year, endYear: period.end_year, closed: !!period.closed },
    years,
    values,
    options,
  }
}

// ---------------------------------------------------------------------------
// Form entry points for the routes
// ---------------------------------------------------------------------------

/** Parses a route id param; 404 when it is not a positive integer. */
export function idParam(raw: string | undefined): number {
  const id = optionalId(raw ?? '')
  if (id === null) notFound('Indikator tidak ditemukan.')
  return id
}

/** The edit form posted: read with the period's years (after the scope check: 403 before anything else). */
export async function updateIndicatorFromForm(db: DB, user: SessionUser, id: number, form: FormData, requestId: string | null) {
  const ind = await getIndicatorWithPeriod(db, id)
  if (!ind) notFound('Indikator tidak ditemukan.')
  assertOpdScope(user, ind.opd_id)
  const values = readIndicatorForm(form, yearsOf(ind.start_year, ind.end_year))
  const postedVersion = text(form.get('version'))
  const result = await updateIndicator(db, user, id, values, { version: postedVersion, override: text(form.get('timpa')) }, requestId)
  return { values, result, postedVersion }
}

export async function createIndicatorFromForm(db: DB, user: SessionUser, form: FormData, requestId: string | null) {
  const periodId = optionalId(text(form.get('period_id')))
  const period = periodId ? await getPeriod(db, periodId) : undefined
  if (!period) notFound('Periode Renstra tidak ditemukan.')
  assertOpdScope(user, period.opd_id)
  const values = readIndicatorForm(form, yearsOf(period.start_year, period.end_year))
  const result = await createIndicator(db, user, String(period.id), values, requestId)
  return { values, result }
}

/** A kelola form posted: the OPD of the page (own OPD, or ?opd= for city-level users), the intent, the fields. */
export async function kelolaActionFromForm(db: DB, user: SessionUser, url: URL, form: FormData, requestId: string | null) {
  const intent = text(form.get('intent'))
  const formKey = /^[a-z0-9:_-]{1,60}$/.test(text(form.get('form_key'))) ? text(form.get('form_key')) : intent.replace(/[^a-z0-9]/g, '-')
  const values = readKelolaForm(form)
  if (!(KELOLA_INTENTS as readonly string[]).includes(intent)) {
    return { formKey, values, result: kelolaRefused(new Refusal(400, 'Tindakan tidak dikenal.', {}, ['Tindakan tidak dikenal.'])) }
  }
  const opdId = await resolveOpdId(db, user.opdId, optionalId(url.searchParams.get('opd') ?? ''))
  if (opdId == null) return { formKey, values, result: kelolaRefused(new Refusal(404, 'Belum ada perangkat daerah.', {}, ['Belum ada perangkat daerah.'])) }
  const result = await applyKelola(db, user, opdId, intent as KelolaIntent, values, requestId)
  return { formKey, values, result }
}
