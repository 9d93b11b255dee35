// Dashboard loaders (beranda, drill-down, indicator page, perlu perhatian, presentasi, public
// page) against the Dumai demo: every number must be exactly the engine's (scoreScope), plus
// hand-known values of the demo; access rules; the public page's filtering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bumpDataVersion } from '../../db/version.js'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { ctx, getRequest, loginAs, settle } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'
import { scoreScope, type ScoreBundle } from '../../app/services/scoring.server.js'
import { writeAudit } from '../../app/services/audit.server.js'
import { toDbTime } from '../../db/time.js'
import { ASPECTS, STRATEGIES, type Period } from '../../app/domain/types.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { loader as cellLoader } from '../../app/routes/beranda.sel.$aspect.$strategy.js'
import { loader as indicatorLoader } from '../../app/routes/indikator.$id.js'
import { loader as flaggedLoader } from '../../app/routes/perlu-perhatian.js'
import { loader as presentasiLoader } from '../../app/routes/presentasi.js'
import { loader as publicLoader } from '../../app/routes/publik.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }
const Q3_2026: Period = { kind: 'triwulan', year: 2026, quarter: 3 }

type Loader = (args: any) => Promise<any>
async function run(loader: Loader, path: string, cookie: string | undefined, params: Record<string, string> = {}) {
  return settle(() => loader({ request: getRequest(path, cookie), params, context: ctx }))
}
async function view(loader: Loader, path: string, cookie: string, params: Record<string, string> = {}) {
  const { response, data } = await run(loader, path, cookie, params)
  expect(response, `${path} should return data, got ${response?.status}`).toBeNull()
  return (data as { view: any }).view
}

/** The loader's numbers equal the engine's, cell by cell, roll-up by roll-up. */
function expectSameNumbers(v: any, bundle: ScoreBundle) {
  const r = bundle.result
  for (const [i, aspect] of ASPECTS.entries()) {
    for (const [j, strategy] of STRATEGIES.entries()) {
      const cell = v.cells[i][j]
      const engine = r.cells[aspect][strategy]
      expect(cell.aspect).toBe(aspect)
      expect(cell.strategy).toBe(strategy)
      expect(cell.value, `${aspect}×${strategy}`).toBe(engine.value)
      expect(cell.predikatKey).toBe(engine.predikat?.key ?? 'none')
      expect(cell.indicatorCount).toBe(engine.indicatorCount)
      expect(cell.scoredCount).toBe(engine.scoredCount)
      const engineCellFlags = r.flags.filter((f) => f.aspect === aspect && f.strategy === strategy && f.indicatorId === undefined)
      expect(cell.flags.map((f: any) => f.reason)).toEqual(engineCellFlags.map((f) => f.reason))
    }
  }
  expect(v.overall.value).toBe(r.overall.value)
  expect(v.overall.predikatKey).toBe(r.overall.predikat?.key ?? 'none')
  for (const s of v.byStrategy) expect(s.value, s.strategy).toBe(r.byStrategy[s.strategy as keyof typeof r.byStrategy].value)
  for (const a of v.byAspect) expect(a.value, a.aspect).toBe(r.byAspect[a.aspect as keyof typeof r.byAspect].value)
  expect(v.byUnit.map((u: any) => [u.unitId, u.value])).toEqual(r.byUnit.map((u) => [u.unitId, u.value]))
  for (const b of v.predikatCounts.bands) expect(b.count, b.key).toBe(r.predikatCounts[b.key])
  expect(v.trend.points.map((p: any) => p.year)).toEqual(bundle.trend.map((t) => t.period.year))
  for (const [k, p] of v.trend.points.entries()) {
    for (const s of STRATEGIES) expect(p.values[s]).toBe(bundle.trend[k]!.byStrategy[s].value)
  }
  // radar = the cells of each aspect
  for (const [i, aspect] of ASPECTS.entries()) {
    expect(v.radar[i].aspect).toBe(aspect)
    expect(v.radar[i].data.map((d: any) => d.value)).toEqual(STRATEGIES.map((s) => r.cells[aspect][s].value))
  }
}

describe.each(DB_KINDS)('dashboards on the Dumai demo (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  let kadis: { cookie: string }
  let kabid: { cookie: string }
  const idOf = async (code: string) => (await t.db.selectFrom('indicator').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

  beforeAll(async () => {
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    kadis = await loginAs(t.db, 'kadis')
    kabid = await loginAs(t.db, 'kabid.ikp')
  })
  afterAll(async () => {
    setClock(null)
  })

  it('beranda 2025 full year: exactly the engine numbers, and the hand-known budaya cells', async () => {
    const v = await view(berandaLoader, '/?tahun=2025&triwulan=4', kadis.cookie)
    const bundle = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    expectSameNumbers(v, bundle)
    expect(v.periodLabel).toBe('Tahun 2025')
    expect(v.query).toBe('tahun=2025&triwulan=4')
    expect(v.errors).toEqual([])
    expect(v.isDemo).toBe(true)

    const cell = (a: number, s: number) => v.cells[a][s]
    const budaya = STRATEGIES.indexOf('budaya')
    // pengelolaan × budaya: SEK-01 posisi 40.3 / 65 = 62.00 (Rendah)
    expect(cell(0, budaya).value).toBeCloseTo(62, 9)
    expect(cell(0, budaya).text).toBe('62,00')
    expect(cell(0, budaya).predikatLabel).toBe('Rendah')
    expect(cell(0, budaya).predikatKey).toBe('rendah')
    // layanan × budaya: SEK-02 4 of 6 innovations = 66.67 (Sedang)
    expect(cell(1, budaya).value).toBeCloseTo((4 / 6) * 100, 9)
    expect(cell(1, budaya).text).toBe('66,67')
    expect(cell(1, budaya).predikatLabel).toBe('Sedang')
    // kemitraan × budaya: IKP-06 mean 47.6 / 70 = 68.00 (Sedang)
    expect(cell(2, budaya).value).toBeCloseTo(68, 9)
    expect(cell(2, budaya).text).toBe('68,00')
    for (const a of [0, 1, 2]) {
      expect(cell(a, budaya).flags.length, `aspect ${a}`).toBeGreaterThan(0)
      expect(cell(a, budaya).flags.some((f: any) => f.kind === 'sedang_atau_lebih_rendah')).toBe(true)
      expect(cell(a, budaya).href).toBe(`/beranda/sel/${ASPECTS[a]}/budaya?tahun=2025&triwulan=4`)
      expect(cell(a, budaya).indicatorCount).toBe(1)
    }
    expect(cell(0, budaya).flags[0].reason).toContain('62,00')
    // the seeded 2025-Q4 meeting notes sit beside the scores; "kurang" on Rendah agrees
    expect(cell(0, budaya).note?.judgement).toBe('kurang')
    expect(cell(0, budaya).note?.rekomendasi).toContain('pelatihan TIK')
    expect(cell(0, budaya).disagreement).toBeNull()
    expect(cell(0, STRATEGIES.indexOf('inti')).note?.judgement).toBe('baik')
    // 22 indicators: all with a band or a status
    const counted = v.predikatCounts.bands.reduce((s: number, b: any) => s + b.count, 0) + v.predikatCounts.without.reduce((s: number, b: any) => s + b.count, 0)
    expect(counted).toBe(22)
    expect(v.indicatorCount).toBe(22)
    expect(v.threshold).toBe(76)
    expect(v.trend.points.map((p: any) => p.year)).toEqual([2021, 2022, 2023, 2024, 2025])
  })

  it('beranda default period is the last quarter past its deadline (2026 s.d. TW III), engine numbers; belum ada data is never 0', async () => {
    const v = await view(berandaLoader, '/', kadis.cookie)
    expect(v.period).toEqual(Q3_2026)
    expect(v.periodLabel).toBe('2026 s.d. Triwulan III')
    expectSameNumbers(v, await scoreScope(t.db, { opdId }, Q3_2026, ASOF))
    for (const row of v.cells)
      for (const c of row) {
        if (c.value === null) {
          expect(c.text).toBe('Belum ada data')
          expect(c.predikatKey).toBe('none')
        } else expect(c.text).not.toBe('Belum ada data')
      }
    // the released indices are waiting for 2026: "Menunggu rilis", not 0
    const waiting = v.predikatCounts.without.find((w: any) => w.key === 'menunggu_rilis')
    expect(waiting?.count).toBe(4)
  })

  it('Renstra to date and invalid parameters (Indonesian errors, default period)', async () => {
    const r = await view(berandaLoader, '/?tahun=2025&triwulan=4&periode=renstra', kadis.cookie)
    const renstra: Period = { kind: 'renstra', startYear: 2021, endYear: 2026, year: 2025, quarter: 4 }
    expect(r.period).toEqual(renstra)
    expect(r.query).toBe('tahun=2025&triwulan=4&periode=renstra')
    expect(r.periodKey).toBe('renstra-2025-Q4')
    expectSameNumbers(r, await scoreScope(t.db, { opdId }, renstra, ASOF))

    const bad = await view(berandaLoader, '/?tahun=20x5&triwulan=9', kadis.cookie)
    expect(bad.errors).toContain('Tahun "20x5" tidak valid; tulis empat angka, misalnya 2025')
    expect(bad.errors).toContain('Triwulan "9" tidak valid; pilih 1, 2, 3, atau 4')
    expect(bad.period).toEqual(Q3_2026)
    const outside = await view(berandaLoader, '/?tahun=2019&periode=renstra', kadis.cookie)
    expect(outside.errors).toEqual(['Tahun 2019 tidak termasuk periode Renstra mana pun'])
  })

  it('entry completeness: the current quarter (2026 TW IV) is not yet due; TW III names the late APL-03', async () => {
    const v = await view(berandaLoader, '/', kadis.cookie)
    const [current, due] = v.completeness
    expect(current.label).toBe('Triwulan IV 2026')
    expect(current.pastDeadline).toBe(false)
    expect(current.deadlineText).toBe('10 Januari 2027')
    expect(current.totals).toEqual({ total: 22, reported: 0, late: 0, pending: 18, waitingRelease: 4 })
    const items = current.units.flatMap((u: any) => u.items)
    expect(items).toHaveLength(22)
    for (const i of items) expect(['belum_jatuh_tempo', 'menunggu_rilis']).toContain(i.state)
    expect(items.find((i: any) => i.code === 'IKP-01').stateLabel).toBe('Belum dilaporkan (belum jatuh tempo)')
    expect(current.units.map((u: any) => u.unitName)).toContain('Bidang IKP')

    expect(due.label).toBe('Triwulan III 2026')
    expect(due.pastDeadline).toBe(true)
    expect(due.totals.late).toBe(1)
    const apl03 = due.units.flatMap((u: any) => u.items).find((i: any) => i.code === 'APL-03')
    expect(apl03.state).toBe('terlambat_dientri')
    // IKP and SEK rows are submitted (diajukan): reported, not missing
    const ikp = due.units.find((u: any) => u.unitName === 'Bidang IKP')
    expect(ikp.items.every((i: any) => i.state === 'menunggu_rilis')).toBe(true)

    // a missing row after the deadline is "terlambat", named
    const inf01 = await idOf('INF-01')
    await t.db.deleteFrom('realisasi').where('indicator_id', '=', inf01).where('year', '=', 2026).where('quarter', '=', 3).execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    const after = await view(berandaLoader, '/', kadis.cookie)
    const inf = after.completeness[1].units.flatMap((u: any) => u.items).find((i: any) => i.code === 'INF-01')
    expect(inf.state).toBe('terlambat')
    expect(inf.stateLabel).toContain('batas waktu sudah lewat')
    expect(after.completeness[1].totals.late).toBe(2)
  })

  it('drill-down: the indicators behind a cell with the engine capaian and their kendala / tindak lanjut', async () => {
    const v = await view(cellLoader, '/beranda/sel/pengelolaan/budaya?tahun=2025&triwulan=4', kadis.cookie, { aspect: 'pengelolaan', strategy: 'budaya' })
    const bundle = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    const sek01 = await idOf('SEK-01')
    expect(v.indicators.map((i: any) => i.code)).toEqual(['SEK-01'])
    const row = v.indicators[0]
    const engine = bundle.result.indicators.find((i) => i.indicatorId === sek01)!
    expect(row.capaianRaw).toBe(engine.capaianRaw)
    expect(row.capaianCapped).toBe(engine.capaianCapped)
    expect(row.capaianText).toBe('62,00%')
    expect(row.predikatLabel).toBe('Rendah')
    expect(row.statusLabel).toBe('OK')
    expect(row.href).toBe(`/indikator/${sek01}?tahun=2025&triwulan=4`)
    expect(row.narratives).toHaveLength(4)
    expect(row.narratives[0].kendala).toContain('kompetensi di bidang TI')
    expect(row.narratives[0].tindakLanjut).toContain('rencana pelatihan TIK')
    expect(v.cell.value).toBe(bundle.result.cells.pengelolaan.budaya.value)
    expect(v.cell.note.judgementLabel).toBe('Kurang')

    const bad = await run(cellLoader, '/beranda/sel/keuangan/budaya', kadis.cookie, { aspect: 'keuangan', strategy: 'budaya' })
    expect(bad.response?.status).toBe(404)
    expect(await bad.response!.text()).toContain('tidak dikenal')
  })

  it('indicator page: years, quarters, Renstra capaian from the engine, evidence and the audit history', async () => {
    const sek01 = await idOf('SEK-01')
    const rows = await t.db.selectFrom('realisasi').select(['id', 'year', 'quarter']).where('indicator_id', '=', sek01).orderBy('year').orderBy('quarter').execute()
    const tw1 = rows.find((r) => r.year === 2025 && r.quarter === 1)!
    await writeAudit(t.db, {
      actor: { id: null, username: 'perencanaan', role: 'perencanaan' },
      opdId,
      entity: 'realisasi',
      entityId: tw1.id,
      action: 'verify',
      before: { status: 'diajukan' },
      after: { status: 'diverifikasi' },
      reason: 'Bukti lengkap',
    })
    const v = await view(indicatorLoader, `/indikator/${sek01}?tahun=2025&triwulan=4`, kabid.cookie, { id: String(sek01) })
    const bundle = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    const engine = bundle.result.indicators.find((i) => i.indicatorId === sek01)!
    expect(v.indicator.code).toBe('SEK-01')
    expect(v.indicator.baselineText).toBe('15,00')
    expect(v.indicator.targetAkhirText).toBe('75,00')
    expect(v.renstra.capaian).toBe(engine.renstra.capaian)
    expect(v.renstra.realisasi).toBe(engine.renstra.realisasi)
    expect(v.current.capaianRaw).toBe(engine.capaianRaw)
    expect(v.perYear.map((y: any) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026])
    const y2025 = v.perYear.find((y: any) => y.year === 2025)
    expect(y2025.target).toBe(65)
    expect(y2025.capaianRaw).toBeCloseTo(62, 9)
    expect(v.quarters).toHaveLength(4)
    expect(v.quarters[3].targetText).toBe('65,00')
    expect(v.entries).toHaveLength(23) // 2021–2025 × 4 + 2026 TW I–III
    expect(v.entries[0].buktiText).toContain('Daftar peserta')
    expect(v.entries[0].verified).toContain('Subbagian Perencanaan')
    expect(v.history).toHaveLength(1)
    expect(v.history[0].period).toBe('Triwulan I 2025')
    expect(v.history[0].changes).toEqual(['status: diajukan → diverifikasi'])
    expect(v.history[0].reason).toBe('Bukti lengkap')

    expect((await run(indicatorLoader, '/indikator/999999', kadis.cookie, { id: '999999' })).response?.status).toBe(404)
    expect((await run(indicatorLoader, '/indikator/abc', kadis.cookie, { id: 'abc' })).response?.status).toBe(404)
  })

  it('perlu perhatian and presentasi: flagged cells with reasons and the recorded rekomendasi', async () => {
    const f = await view(flaggedLoader, '/perlu-perhatian?tahun=2025&triwulan=4', kadis.cookie)
    const bundle = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    const engineCells = new Set(bundle.result.flags.filter((x) => x.indicatorId === undefined).map((x) => `${x.aspect}:${x.strategy}`))
    expect(new Set(f.cells.map((c: any) => `${c.aspect}:${c.strategy}`))).toEqual(engineCells)
    for (const a of ASPECTS) expect(engineCells.has(`${a}:budaya`)).toBe(true)
    const pb = f.cells.find((c: any) => c.aspect === 'pengelolaan' && c.strategy === 'budaya')
    expect(pb.note.rekomendasi).toBe('Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai.')
    expect(pb.weakIndicators.map((w: any) => w.code)).toEqual(['SEK-01'])
    expect(f.indicatorFlags.length).toBe(bundle.result.flags.filter((x) => x.indicatorId !== undefined).length)

    const p = await view(presentasiLoader, '/presentasi?tahun=2025&triwulan=4', kadis.cookie)
    expectSameNumbers(p, bundle)
    expect(p.flagged.map((c: any) => `${c.aspect}:${c.strategy}`).sort()).toEqual([...engineCells].sort())
  })

  it('every dashboard loader requires a session; the public page is 404 while off', async () => {
    for (const [loader, path, params] of [
      [berandaLoader, '/', {}],
      [cellLoader, '/beranda/sel/layanan/inti', { aspect: 'layanan', strategy: 'inti' }],
      [indicatorLoader, '/indikator/1', { id: '1' }],
      [flaggedLoader, '/perlu-perhatian', {}],
      [presentasiLoader, '/presentasi', {}],
    ] as const) {
      const { response } = await run(loader as Loader, path, undefined, params as Record<string, string>)
      expect(response?.status, path).toBe(302)
      expect(response?.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    }
    const off = await run(publicLoader, '/publik', undefined)
    expect(off.response?.status).toBe(404)
    expect(await off.response!.text()).toContain('belum diaktifkan')
  })

  it('OPD picker: city-level users choose among several OPDs (&opd=); users of an OPD stay in theirs', async () => {
    const other = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({
            parent_id: null,
            kind: 'opd',
            code: 'DINAS-CONTOH',
            name: 'Dinas Contoh Kota Dumai',
            short_name: 'Dinas Contoh',
            city: 'Dumai',
            sort_order: 99,
            created_at: toDbTime(ASOF),
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    // a city-level reader (no unit): e.g. an inspectorate auditor for every OPD of the city
    const t0 = toDbTime(ASOF)
    await t.db
      .insertInto('app_user')
      .values({
        username: 'auditor.kota',
        full_name: 'Auditor Kota',
        password_hash: 'x',
        role: 'auditor',
        unit_id: null,
        active: 1,
        created_at: t0,
        updated_at: t0,
        password_changed_at: t0,
      })
      .execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    const city = await loginAs(t.db, 'auditor.kota')
    try {
      // city level: the picker lists both OPDs, the demo OPD first (sort order)
      const v = await view(berandaLoader, '/?tahun=2025&triwulan=4', city.cookie)
      expect(v.opd.id).toBe(opdId)
      expect(v.picker.opdOptions.map((o: any) => o.id)).toEqual([opdId, other])
      expect(v.query).toBe('tahun=2025&triwulan=4')
      const o = await view(berandaLoader, `/?tahun=2025&triwulan=4&opd=${other}`, city.cookie)
      expect(o.opd.id).toBe(other)
      expect(o.isDemo).toBe(false)
      expect(o.query).toBe(`tahun=2025&triwulan=4&opd=${other}`)
      expect(o.cells[0][0].href).toBe(`/beranda/sel/pengelolaan/inti?tahun=2025&triwulan=4&opd=${other}`)
      // no Renstra, no indicators: "belum ada data" everywhere, never 0
      for (const row of o.cells)
        for (const c of row) {
          expect(c.value).toBeNull()
          expect(c.text).toBe('Belum ada data')
        }
      expect(o.overall.value).toBeNull()
      // users of the demo OPD (kadis, a kepala bidang) get no picker, and ?opd= cannot take them elsewhere
      for (const s of [kadis, kabid]) {
        const k = await view(berandaLoader, `/?tahun=2025&triwulan=4&opd=${other}`, s.cookie)
        expect(k.opd.id).toBe(opdId)
        expect(k.picker.opdOptions).toEqual([])
        expect(k.query).toBe('tahun=2025&triwulan=4')
      }
    } finally {
      await t.db
        .deleteFrom('user_session')
        .where('user_id', 'in', t.db.selectFrom('app_user').select('id').where('username', '=', 'auditor.kota'))
        .execute()
      await t.db.deleteFrom('app_user').where('username', '=', 'auditor.kota').execute()
      await t.db.deleteFrom('org_unit').where('id', '=', other).execute()
      await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    }
  })

  it('public page when on: verified only — a draft does not change it; internal evidence, notes and names stay out', async () => {
    await t.db
      .insertInto('app_setting')
      .values({ key: 'public_page_enabled', value_json: 'true', updated_at: toDbTime(ASOF), updated_by: null })
      .execute()
    const ikp02 = await idOf('IKP-02')
    const inf01 = await idOf('INF-01')
    const apl04 = await idOf('APL-04')
    const full2026: Period = { kind: 'triwulan', year: 2026, quarter: 4 }
    const before = await view(publicLoader, '/publik?tahun=2026&triwulan=4', '')

    // a draft for 2026 TW IV with a distinctive value, and evidence links: one internal, one public
    await t.db
      .insertInto('realisasi')
      .values({
        indicator_id: ikp02,
        year: 2026,
        quarter: 4,
        value: 987654.321,
        tidak_diukur: 0,
        bukti_text: 'draf rahasia',
        bukti_link: 'https://intranet.example/draf',
        bukti_internal: 0,
        kendala: 'KENDALA-DRAF',
        tindak_lanjut: null,
        status: 'draft',
        return_note: null,
        is_late: 0,
        version: 1,
        entered_by: null,
        entered_at: toDbTime(ASOF),
        submitted_by: null,
        submitted_at: null,
        verified_by: null,
        verified_at: null,
        created_at: toDbTime(ASOF),
        updated_at: toDbTime(ASOF),
      })
      .execute()
    await t.db
      .updateTable('realisasi')
      .set({ bukti_link: 'https://intranet.example/rahasia-internal', bukti_internal: 1 })
      .where('indicator_id', '=', inf01)
      .where('year', '=', 2026)
      .where('quarter', '=', 1)
      .execute()
    await t.db
      .updateTable('realisasi')
      .set({ bukti_link: 'https://ppid.example/bukti-publik', bukti_internal: 0 })
      .where('indicator_id', '=', apl04)
      .where('year', '=', 2026)
      .where('quarter', '=', 2)
      .execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would

    const after = await view(publicLoader, '/publik?tahun=2026&triwulan=4', '')
    const verified = await scoreScope(t.db, { opdId, onlyVerified: true }, full2026, ASOF)
    const everything = await scoreScope(t.db, { opdId }, full2026, ASOF)
    // the draft moves the internal score, but not the public one
    expect(everything.result.cells.layanan.pelanggan.value).not.toBe(verified.result.cells.layanan.pelanggan.value)
    for (const [i, a] of ASPECTS.entries())
      for (const [j, s] of STRATEGIES.entries()) {
        expect(after.cells[i][j].value, `${a}×${s}`).toBe(verified.result.cells[a][s].value)
        expect(after.cells[i][j].value).toBe(before.cells[i][j].value)
        expect(after.cells[i][j].note).toBeNull()
        expect(after.cells[i][j].flags).toEqual([])
      }
    expect(after.overall.value).toBe(verified.result.overall.value)
    expect(after.overall.value).toBe(before.overall.value)
    const ikp = after.indicators.find((i: any) => i.code === 'IKP-02')
    expect(ikp.realisasiText).toBe(before.indicators.find((i: any) => i.code === 'IKP-02').realisasiText)

    const json = JSON.stringify(after)
    expect(json).not.toContain('987654')
    expect(json).not.toContain('987.654')
    expect(json).not.toContain('KENDALA-DRAF')
    expect(json).not.toContain('intranet.example')
    expect(json).toContain('https://ppid.example/bukti-publik')
    expect(after.indicators.find((i: any) => i.code === 'APL-04').evidence).toEqual([{ quarter: 2, label: 'Bukti Triwulan II', href: 'https://ppid.example/bukti-publik' }])
    expect(after.indicators.find((i: any) => i.code === 'INF-01').evidence).toEqual([])

    // 2025: the seeded meeting notes and the people who verified stay off the public page
    const y2025 = JSON.stringify(await view(publicLoader, '/publik?tahun=2025&triwulan=4', ''))
    expect(y2025).not.toContain('Program pelatihan TIK')
    expect(y2025).not.toContain('Kepala Dinas')
    expect(y2025).not.toContain('Kepala Bidang IKP')
    expect(y2025).toContain('62,00')
  })
})
