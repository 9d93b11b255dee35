// Import of a Renstra from T-C.27 / T-C.28 / SIPD (perencanaan): detect the source, propose the
// column mapping (the remembered one first), read the rows, and plan tujuan, sasaran, program →
// kegiatan → sub kegiatan, indicators with their targets, and pagu per year. Preview and commit
// follow the template import: the same plan shape (RenstraImportPlan), the commit recomputes the
// plan and must match the preview's hash, and everything is written in ONE transaction with its
// audit rows — or nothing is.
import { writeTransaction, type DB, type Executor } from '../../../utils/db.server'
import { toDbTime } from '../../../../db/time'
import { now } from '../../../utils/clock.server'
import { formatNumberTrim } from '../../../domain'
import { actorOf, writeAudit } from '../../audit.server'
import type { SessionUser } from '../../auth.server'
import { getSourceMapping, putSourceMapping } from '../../../models/import-mapping.server'
import { checkRowCap, issue, openUpload, round6, sha256, type ImportIssue } from '../import-common.server'
import type { RenstraImportPlan, RenstraPreviewRow, RenstraRowKind } from '../import-renstra.server'
import { renstraPeriodOf, shortUnitCode, unitsOfOpd, type RenstraPeriodRow } from '../templates.server'
import { FIELDS, REQUIRED, SOURCE_LABELS, detectSource, isAppTemplate, proposeMapping, readHeaders, type FieldKey, type Mapping, type SourceKind } from './fields.server'
import { mappingProblems, readSourceRows, type Level, type SourceRow } from './read.server'

/** Defaults for what the sources do not carry; perencanaan corrects them in Renstra › Kelola. */
export const SOURCE_DEFAULTS = { polarity: 'naik', pola_ukur: 'posisi', aspect: 'pengelolaan', strategy: 'inti' } as const

export interface MappingView {
  source: SourceKind
  sourceLabel: string
  headerRow: number
  columns: { letter: string; title: string }[]
  fields: { key: FieldKey; label: string; required: boolean; column: string | null }[]
  remembered: boolean
  /** Units an indicator may go to when the file has no unit column (short codes). */
  units: { code: string; name: string }[]
  defaultUnit: string | null
}

export type SourceDetection = { kind: 'template' } | { kind: 'source'; source: SourceKind } | { kind: 'unknown'; issues: ImportIssue[] }

/** Is the upload the app's template, a known source, or neither? (Opens the file safely.) */
export async function detectRenstraUpload(bytes: Uint8Array): Promise<SourceDetection> {
  const opened = await openUpload(bytes)
  if (!opened.ok) return { kind: 'template' } // the template importer reports the file problems
  for (const ws of opened.workbook.worksheets) {
    const h = readHeaders(ws)
    if (!h) continue
    if (isAppTemplate(h)) return { kind: 'template' }
    const s = detectSource(h)
    if (s) return { kind: 'source', source: s }
  }
  return { kind: 'template' }
}

interface PlannedIndicator {
  row: SourceRow
  code: string
  unitId: number
  existing: { id: number; version: number; targets: Record<number, number> } | null
  changedTargets: Record<number, number>
}
interface PlannedProgram {
  level: Level
  code: string
  name: string
  parentCode: string | null
  sasaran: string | null
  tujuan: string | null
  unitId: number | null
  existingId: number | null
  pagu: Record<number, number>
  paguBefore: Record<number, number>
  rowNumber: number
}

export interface SourcePlan {
  plan: RenstraImportPlan
  mapping: MappingView | null
  indicators: PlannedIndicator[]
  programs: PlannedProgram[]
  periodRow: RenstraPeriodRow | null
  mappingUsed: Mapping
}

const LEVEL_LABEL: Record<Level, string> = { program: 'Program', kegiatan: 'Kegiatan', subkegiatan: 'Sub kegiatan' }
const fmt = (v: number | null | undefined) => (v == null ? '–' : formatNumberTrim(v, 6))
const rp = (v: number | null | undefined) => (v == null ? '–' : `Rp ${formatNumberTrim(v, 2)}`)

export async function planSourceImport(
  db: Executor,
  user: SessionUser,
  opdId: number,
  bytes: Uint8Array,
  fileName: string,
  year: number,
  opts: { mapping: Mapping | null; defaultUnit: string | null },
): Promise<SourcePlan> {
  const base: RenstraImportPlan = { fileName, period: null, rows: [], counts: { baru: 0, berubah: 0, tetap: 0 }, errors: [], warnings: [], needsReason: false, hash: sha256(bytes) }
  const fail = (errors: ImportIssue[], mapping: MappingView | null = null, warnings: ImportIssue[] = []): SourcePlan => ({
    plan: { ...base, errors, warnings },
    mapping,
    indicators: [],
    programs: [],
    periodRow: null,
    mappingUsed: {},
  })
  if (user.opdId != null && user.opdId !== opdId) return fail([issue('Anda hanya dapat mengimpor Renstra perangkat daerah Anda sendiri.')])
  const opened = await openUpload(bytes)
  if (!opened.ok) return fail(opened.issues)
  let ws = null
  let headers = null
  let source: SourceKind | null = null
  for (const w of opened.workbook.worksheets) {
    const h = readHeaders(w)
    const s = h ? detectSource(h) : null
    if (h && s) {
      ws = w
      headers = h
      source = s
      break
    }
  }
  if (!ws || !headers || !source)
    return fail([issue('Jenis berkas tidak dikenali: bukan templat Renstra aplikasi, bukan tabel T-C.27/T-C.28, dan bukan ekspor Renstra SIPD-RI. Periksa baris judul kolom.')])
  const cap = checkRowCap(ws, headers.headerRow)
  if (cap) return fail([cap])

  const remembered = opts.mapping ? null : await getSourceMapping(db, opdId, source)
  const proposed = opts.mapping ?? proposeMapping(headers, remembered as Mapping | null)
  // canonical order, so the preview's hash and the commit's agree however the mapping was posted
  const mapping: Mapping = Object.fromEntries(FIELDS.filter((f) => proposed[f.key]).map((f) => [f.key, proposed[f.key]]))
  const view: MappingView = {
    source,
    sourceLabel: SOURCE_LABELS[source],
    headerRow: headers.headerRow,
    columns: headers.headers.map((h) => ({ letter: h.letter, title: h.title })),
    fields: FIELDS.map((f) => ({ key: f.key, label: f.label, required: REQUIRED[source].includes(f.key), column: mapping[f.key] ?? null })),
    remembered: !!remembered,
    units: [],
    defaultUnit: opts.defaultUnit,
  }

  const opd = await db.selectFrom('org_unit').select(['id', 'code']).where('id', '=', opdId).executeTakeFirst()
  if (!opd) return fail([issue('Perangkat daerah tidak ditemukan.')], view)
  const units = await unitsOfOpd(db, opdId)
  view.units = units.map((u) => ({ code: shortUnitCode(u.code, opd.code), name: u.name }))
  view.defaultUnit ??= view.units[0]?.code ?? null
  const periodRow = await renstraPeriodOf(db, opdId, year)
  if (!periodRow) return fail([issue('Belum ada periode Renstra untuk perangkat daerah ini. Tambahkan periodenya di Renstra › Kelola, lalu impor lagi.')], view)
  if (periodRow.closed) return fail([issue(`Periode ${periodRow.name} sudah ditutup; Renstra-nya tidak dapat diubah.`)], view)
  const period = { name: periodRow.name, startYear: periodRow.start_year, endYear: periodRow.end_year }
  const ctx = { source, headers, mapping, period }
  const mp = mappingProblems(ctx)
  if (mp.length) return fail(mp, view)
  const read = readSourceRows(ws, ctx)
  const errors = [...read.errors]
  const warnings = [...read.warnings]

  // Units: the row's unit code, else the default chosen on the mapping form, else the first unit.
  const unitByCode = new Map<string, number>()
  for (const u of units) {
    unitByCode.set(u.code.toLowerCase(), u.id)
    unitByCode.set(shortUnitCode(u.code, opd.code).toLowerCase(), u.id)
  }
  const chosenUnit = opts.defaultUnit ? unitByCode.get(opts.defaultUnit.toLowerCase()) : undefined
  if (opts.defaultUnit && chosenUnit === undefined) errors.push(issue(`Unit bawaan "${opts.defaultUnit}" tidak dikenal pada perangkat daerah ini.`))
  const defaultUnitId = chosenUnit ?? units[0]?.id ?? opd.id

  // Existing Renstra of the period.
  const existingInd = await db.selectFrom('indicator').select(['id', 'code', 'name', 'version', 'deleted_at']).where('period_id', '=', periodRow.id).execute()
  const indByCode = new Map(existingInd.map((e) => [e.code.toLowerCase(), e]))
  const indByName = new Map(existingInd.filter((e) => !e.deleted_at).map((e) => [e.name.toLowerCase(), e]))
  const existingProg = await db.selectFrom('program').select(['id', 'code', 'kind']).where('period_id', '=', periodRow.id).where('deleted_at', 'is', null).execute()
  const progByCode = new Map(existingProg.map((p) => [p.code, p]))
  const targetsOf = new Map<number, Record<number, number>>()
  const ids = existingInd.map((e) => e.id)
  if (ids.length) {
    for (const t of await db.selectFrom('indicator_target').select(['indicator_id', 'year', 'target']).where('indicator_id', 'in', ids).execute()) {
      const m = targetsOf.get(t.indicator_id) ?? {}
      m[t.year] = round6(Number(t.target))
      targetsOf.set(t.indicator_id, m)
    }
  }
  const paguOf = new Map<number, Record<number, number>>()
  const pids = existingProg.map((p) => p.id)
  if (pids.length) {
    for (const p of await db.selectFrom('program_pagu').select(['program_id', 'year', 'pagu']).where('program_id', 'in', pids).execute()) {
      const m = paguOf.get(p.program_id) ?? {}
      m[p.year] = round6(Number(p.pagu))
      paguOf.set(p.program_id, m)
    }
  }

  // Programmes (unique by code) with their pagu; the same code and year with two values is an error.
  const programs = new Map<string, PlannedProgram>()
  for (const r of read.rows) {
    for (const p of r.programs) {
      let pp = programs.get(p.code)
      const ex = progByCode.get(p.code)
      if (ex && ex.kind !== p.level)
        errors.push(issue(`kode ${p.code} sudah dipakai ${ex.kind} pada periode ini, bukan ${LEVEL_LABEL[p.level].toLowerCase()}.`, { row: r.rowNumber }))
      if (!pp) {
        pp = {
          level: p.level,
          code: p.code,
          name: p.name ?? p.code,
          parentCode: p.parentCode,
          sasaran: r.sasaran,
          tujuan: r.tujuan,
          unitId: null,
          existingId: ex?.id ?? null,
          pagu: {},
          paguBefore: ex ? (paguOf.get(ex.id) ?? {}) : {},
          rowNumber: r.rowNumber,
        }
        programs.set(p.code, pp)
      } else if (p.name && pp.name === pp.code) pp.name = p.name
    }
    const deepest = r.programs[r.programs.length - 1]
    if (deepest) {
      const pp = programs.get(deepest.code)!
      for (const [y, v] of Object.entries(r.pagu)) {
        const prev = pp.pagu[Number(y)]
        const col = r.at[`pagu${Number(y) - period.startYear + 1}` as FieldKey] ?? null
        if (prev !== undefined && prev !== v)
          errors.push(
            issue(`kode ${deepest.code} muncul lagi dengan pagu ${y} berbeda (${rp(prev)} di baris ${pp.rowNumber}); satu kode satu pagu per tahun.`, { row: r.rowNumber, col }),
          )
        else pp.pagu[Number(y)] = v
      }
    } else if (Object.keys(r.pagu).length) errors.push(issue('pagu terisi tetapi baris ini tidak memiliki kode program/kegiatan/sub kegiatan.', { row: r.rowNumber }))
  }

  // Indicators: code given, else the same name in the period, else a new IK-nn.
  const indicators: PlannedIndicator[] = []
  const seen = new Map<string, number>()
  const usedCodes = new Set(existingInd.map((e) => e.code.toLowerCase()))
  let next = 1
  for (const r of read.rows) {
    if (!r.indicator) continue
    let unitId = defaultUnitId
    if (r.unitCode) {
      const u = unitByCode.get(r.unitCode.toLowerCase())
      if (u === undefined) {
        errors.push(issue(`kode unit "${r.unitCode}" tidak dikenal pada perangkat daerah ini (lihat Admin › Organisasi).`, { row: r.rowNumber, col: r.at.unit ?? null }))
        continue
      }
      unitId = u
    }
    const deepest = r.programs[r.programs.length - 1]
    if (deepest) {
      const pp = programs.get(deepest.code)!
      pp.unitId ??= unitId
    }
    const byName = indByName.get(r.indicator.toLowerCase())
    let code = r.indicatorCode ?? byName?.code ?? null
    const key = (code ?? r.indicator).toLowerCase()
    if (seen.has(key)) {
      errors.push(
        issue(`${r.indicatorCode ? `kode indikator ${r.indicatorCode}` : `indikator "${r.indicator}"`} muncul dua kali (juga di baris ${seen.get(key)}).`, {
          row: r.rowNumber,
          col: (r.indicatorCode ? r.at.kodeIndikator : r.at.indikator) ?? null,
        }),
      )
      continue
    }
    seen.set(key, r.rowNumber)
    if (!code) {
      while (usedCodes.has(`ik-${String(next).padStart(2, '0')}`)) next++
      code = `IK-${String(next).padStart(2, '0')}`
    }
    usedCodes.add(code.toLowerCase())
    const ex = indByCode.get(code.toLowerCase())
    if (ex?.deleted_at) {
      errors.push(issue(`kode ${code} dipakai indikator yang sudah dihapus; pakai kode lain.`, { row: r.rowNumber, col: r.at.kodeIndikator ?? null }))
      continue
    }
    const before = ex ? (targetsOf.get(ex.id) ?? {}) : {}
    const changedTargets: Record<number, number> = {}
    for (const [y, v] of Object.entries(r.targets)) if (before[Number(y)] !== v) changedTargets[Number(y)] = v
    indicators.push({ row: r, code, unitId, existing: ex ? { id: ex.id, version: ex.version, targets: before } : null, changedTargets })
  }
  if (!indicators.length && !programs.size && !errors.length) errors.push(issue('Tidak ada indikator maupun program dalam berkas.'))

  // Preview rows (same shape as the template import's).
  const rows: RenstraPreviewRow[] = []
  const counts: Record<RenstraRowKind, number> = { baru: 0, berubah: 0, tetap: 0 }
  for (const p of programs.values()) {
    const changes: RenstraPreviewRow['changes'] = []
    for (const [y, v] of Object.entries(p.pagu)) if (p.paguBefore[Number(y)] !== v) changes.push({ field: `Pagu ${y}`, before: rp(p.paguBefore[Number(y)]), after: rp(v) })
    const kind: RenstraRowKind = !p.existingId ? 'baru' : changes.length ? 'berubah' : 'tetap'
    counts[kind]++
    rows.push({ rowNumber: p.rowNumber, code: p.code, name: `${LEVEL_LABEL[p.level]}: ${p.name}`, kind, changes, verifiedYears: [] })
  }
  for (const i of indicators) {
    const changes: RenstraPreviewRow['changes'] = []
    if (!i.existing) changes.push({ field: 'Satuan', before: '–', after: i.row.satuan ?? '–' }, { field: 'Baseline', before: '–', after: fmt(i.row.baseline) })
    for (const [y, v] of Object.entries(i.changedTargets)) changes.push({ field: `Target ${y}`, before: fmt(i.existing?.targets[Number(y)]), after: fmt(v) })
    const kind: RenstraRowKind = !i.existing ? 'baru' : changes.length ? 'berubah' : 'tetap'
    counts[kind]++
    rows.push({ rowNumber: i.row.rowNumber, code: i.code, name: i.row.indicator!, kind, changes, verifiedYears: [] })
  }
  if (indicators.some((i) => !i.existing)) {
    warnings.push(
      issue(
        `Berkas sumber tidak memuat polaritas, pola ukur, aspek dan strategi: indikator baru diisi ${SOURCE_DEFAULTS.polarity} / ${SOURCE_DEFAULTS.pola_ukur} / ${SOURCE_DEFAULTS.aspect} / ${SOURCE_DEFAULTS.strategy}. Periksa dan ubah di Renstra › Kelola setelah impor.`,
      ),
    )
  }
  const planned = {
    p: [...programs.values()].map((p) => [p.code, p.name, p.existingId, p.pagu, p.unitId]),
    i: indicators.map((i) => [i.code, i.row.indicator, i.row.satuan, i.unitId, i.existing?.version ?? null, i.changedTargets, i.row.baseline, i.row.targetAkhir]),
  }
  const hash = sha256(JSON.stringify({ file: sha256(bytes), period: periodRow.id, mapping, planned }))
  return {
    plan: {
      fileName,
      period: { id: periodRow.id, name: periodRow.name, startYear: periodRow.start_year, endYear: periodRow.end_year },
      rows,
      counts,
      errors,
      warnings,
      needsReason: false,
      hash,
    },
    mapping: view,
    indicators,
    programs: [...programs.values()],
    periodRow,
    mappingUsed: mapping,
  }
}

export type SourceCommitResult =
  | { ok: true; message: string; plan: RenstraImportPlan; mapping: MappingView | null }
  | { ok: false; status: 400 | 409; message: string; plan: RenstraImportPlan; mapping: MappingView | null }

class Conflict extends Error {}

export async function commitSourceImport(
  db: DB,
  user: SessionUser,
  opdId: number,
  bytes: Uint8Array,
  fileName: string,
  year: number,
  opts: { mapping: Mapping | null; defaultUnit: string | null; previewHash: string; requestId: string | null },
): Promise<SourceCommitResult> {
  const sp = await planSourceImport(db, user, opdId, bytes, fileName, year, opts)
  const { plan, mapping } = sp
  if (plan.errors.length) return { ok: false, status: 400, message: 'Berkas berisi kesalahan; tidak ada yang disimpan.', plan, mapping }
  if (plan.hash !== opts.previewHash)
    return { ok: false, status: 409, message: 'Data Renstra, pemetaan kolom atau berkas berubah sejak pratinjau. Periksa pratinjau terbaru, lalu simpan lagi.', plan, mapping }
  const periodId = sp.periodRow!.id
  const t = toDbTime(now())
  const actor = actorOf(user)
  const reason = `Impor Renstra dari ${fileName} (${SOURCE_LABELS[mapping!.source]})`
  const audit = (entity: string, entityId: number, action: string, before: unknown, after: unknown) => ({
    actor,
    opdId,
    entity,
    entityId,
    action,
    before,
    after,
    reason,
    requestId: opts.requestId,
  })
  try {
    const done = await writeTransaction(db, opdId, async (trx) => {
      const tujuanIds = new Map<string, number>()
      const sasaranIds = new Map<string, number>()
      const tujuanOf = async (name: string | null): Promise<number | null> => {
        if (!name) return null
        const k = name.toLowerCase()
        if (tujuanIds.has(k)) return tujuanIds.get(k)!
        const all = await trx.selectFrom('tujuan').select(['id', 'name', 'code']).where('period_id', '=', periodId).where('deleted_at', 'is', null).execute()
        const found = all.find((x) => x.name.toLowerCase() === k)
        let id = found?.id
        if (!id) {
          const row = { period_id: periodId, code: `T${all.length + 1}`, name, sort_order: all.length + 1, deleted_at: null }
          id = Number((await trx.insertInto('tujuan').values(row).executeTakeFirstOrThrow()).insertId)
          await writeAudit(trx, audit('tujuan', id, 'import_create', null, { id, ...row }))
        }
        tujuanIds.set(k, id)
        return id
      }
      const sasaranOf = async (tujuan: string | null, name: string | null): Promise<number | null> => {
        const tid = await tujuanOf(tujuan ?? (name ? 'Tujuan (dari impor)' : null))
        if (!name || tid === null) return null
        const k = `${tid}|${name.toLowerCase()}`
        if (sasaranIds.has(k)) return sasaranIds.get(k)!
        const all = await trx.selectFrom('sasaran').select(['id', 'name']).where('tujuan_id', '=', tid).where('deleted_at', 'is', null).execute()
        const found = all.find((x) => x.name.toLowerCase() === name.toLowerCase())
        let id = found?.id
        if (!id) {
          const tcode = (await trx.selectFrom('tujuan').select('code').where('id', '=', tid).executeTakeFirstOrThrow()).code
          const row = { tujuan_id: tid, code: `S${tcode.replace(/^T/, '')}.${all.length + 1}`, name, sort_order: all.length + 1, deleted_at: null }
          id = Number((await trx.insertInto('sasaran').values(row).executeTakeFirstOrThrow()).insertId)
          await writeAudit(trx, audit('sasaran', id, 'import_create', null, { id, ...row }))
        }
        sasaranIds.set(k, id)
        return id
      }

      // Programmes outermost first, so a kegiatan finds its program's id.
      const progIds = new Map<string, number>()
      const order = { program: 0, kegiatan: 1, subkegiatan: 2 } as const
      let sort = Number(
        (
          await trx
            .selectFrom('program')
            .select((eb) => eb.fn.max('sort_order').as('m'))
            .where('period_id', '=', periodId)
            .executeTakeFirst()
        )?.m ?? 0,
      )
      let paguWritten = 0
      for (const p of [...sp.programs].sort((a, b) => order[a.level] - order[b.level])) {
        let id = p.existingId
        if (id === null) {
          const row = {
            period_id: periodId,
            sasaran_id: p.level === 'program' ? await sasaranOf(p.tujuan, p.sasaran) : null,
            parent_id: p.parentCode ? (progIds.get(p.parentCode) ?? null) : null,
            kind: p.level,
            code: p.code,
            name: p.name,
            unit_id: p.unitId,
            sort_order: ++sort,
            deleted_at: null,
          }
          id = Number((await trx.insertInto('program').values(row).executeTakeFirstOrThrow()).insertId)
          await writeAudit(trx, audit('program', id, 'import_create', null, { id, ...row }))
        }
        progIds.set(p.code, id)
        for (const [yRaw, v] of Object.entries(p.pagu)) {
          const y = Number(yRaw)
          const b = p.paguBefore[y]
          if (b === v) continue
          if (b === undefined) await trx.insertInto('program_pagu').values({ program_id: id, year: y, pagu: v, version: 1, updated_at: t, updated_by: user.id }).execute()
          else
            await trx
              .updateTable('program_pagu')
              .set((eb) => ({ pagu: v, version: eb('version', '+', 1), updated_at: t, updated_by: user.id }))
              .where('program_id', '=', id)
              .where('year', '=', y)
              .execute()
          await writeAudit(
            trx,
            audit('program_pagu', id, b === undefined ? 'import_create' : 'import_update', b === undefined ? null : { program_id: id, year: y, pagu: b }, {
              program_id: id,
              year: y,
              pagu: v,
            }),
          )
          paguWritten++
        }
      }

      let created = 0
      let updated = 0
      let isort = Number(
        (
          await trx
            .selectFrom('indicator')
            .select((eb) => eb.fn.max('sort_order').as('m'))
            .where('period_id', '=', periodId)
            .executeTakeFirst()
        )?.m ?? 0,
      )
      for (const i of sp.indicators) {
        const deepest = i.row.programs[i.row.programs.length - 1]
        const programId = deepest ? (progIds.get(deepest.code) ?? null) : null
        if (!i.existing) {
          const fields = {
            period_id: periodId,
            sasaran_id: await sasaranOf(i.row.tujuan, i.row.sasaran),
            program_id: programId,
            unit_id: i.unitId,
            code: i.code,
            name: i.row.indicator!,
            satuan: i.row.satuan!,
            ...SOURCE_DEFAULTS,
            renstra_mode: null,
            weight: 1,
            baseline: i.row.baseline,
            baseline_year: i.row.baseline !== null ? sp.periodRow!.start_year - 1 : null,
            target_akhir: i.row.targetAkhir,
            min_value: null,
            max_value: null,
            definition: null,
          }
          const id = Number(
            (
              await trx
                .insertInto('indicator')
                .values({ ...fields, sort_order: ++isort, version: 1, created_at: t, updated_at: t, deleted_at: null, deleted_reason: null })
                .executeTakeFirstOrThrow()
            ).insertId,
          )
          for (const [y, v] of Object.entries(i.row.targets))
            await trx
              .insertInto('indicator_target')
              .values({ indicator_id: id, year: Number(y), target: v })
              .execute()
          await writeAudit(trx, audit('indicator', id, 'import_create', null, { id, version: 1, ...fields, targets: i.row.targets }))
          created++
          continue
        }
        if (!Object.keys(i.changedTargets).length) continue
        const ex = i.existing
        const res = await trx
          .updateTable('indicator')
          .set({ version: ex.version + 1, updated_at: t })
          .where('id', '=', ex.id)
          .where('version', '=', ex.version)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) !== 1) throw new Conflict(i.code)
        for (const [yRaw, v] of Object.entries(i.changedTargets)) {
          const y = Number(yRaw)
          if (ex.targets[y] === undefined) await trx.insertInto('indicator_target').values({ indicator_id: ex.id, year: y, target: v }).execute()
          else await trx.updateTable('indicator_target').set({ target: v }).where('indicator_id', '=', ex.id).where('year', '=', y).execute()
        }
        await writeAudit(
          trx,
          audit(
            'indicator',
            ex.id,
            'import_update',
            { id: ex.id, version: ex.version, targets: ex.targets },
            { id: ex.id, version: ex.version + 1, targets: { ...ex.targets, ...i.changedTargets } },
          ),
        )
        updated++
      }
      const before = await putSourceMapping(trx, opdId, mapping!.source, sp.mappingUsed as Record<string, string>, user.id)
      await writeAudit(trx, {
        actor,
        opdId,
        entity: 'app_setting',
        entityId: null,
        action: 'import_mapping',
        before,
        after: { source: mapping!.source, mapping: sp.mappingUsed },
        reason,
        requestId: opts.requestId,
      })
      return { created, updated, programs: sp.programs.filter((p) => p.existingId === null).length, paguWritten }
    })
    return {
      ok: true,
      message: `Impor Renstra selesai: ${done.created} indikator baru, ${done.updated} diubah, ${done.programs} program/kegiatan/sub kegiatan baru, ${done.paguWritten} pagu tahunan disimpan.`,
      plan,
      mapping,
    }
  } catch (e) {
    if (e instanceof Conflict) {
      plan.errors.push(issue(`Indikator ${e.message} baru saja diubah oleh pengguna lain; tidak ada yang disimpan.`))
      return { ok: false, status: 409, message: 'Terjadi konflik perubahan; tidak ada yang disimpan.', plan, mapping }
    }
    const err = e as { code?: string; message?: string }
    if (err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed|Duplicate entry/i.test(err?.message ?? '')) {
      plan.errors.push(issue('Kode baru saja dipakai oleh pengguna lain; tidak ada yang disimpan. Periksa ulang lalu impor lagi.'))
      return { ok: false, status: 409, message: 'Terjadi konflik perubahan; tidak ada yang disimpan.', plan, mapping }
    }
    throw e
  }
}
