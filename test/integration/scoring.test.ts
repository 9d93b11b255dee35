import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, queryCounter, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callLoader } from '../helpers/call.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loadScoringDataFresh, scoreScope } from '../../app/services/scoring.server.js'
import { loader as apiLoader } from '../../app/routes/api.v1.skor.js'
import { hashApiToken } from '../../app/services/auth.server.js'
import { toDbTime } from '../../db/time.js'
import { STRATEGIES, ASPECTS } from '../../app/domain/types.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const FULL_2025 = { kind: 'triwulan', year: 2025, quarter: 4 } as const

describe.each(DB_KINDS)('scoring on the Dumai demo (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  beforeAll(async () => {
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
  })
  afterAll(async () => {
    setClock(null)
  })

  it('2025 full year: hand-computed cells', async () => {
    const { result } = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    const c = result.cells
    // SEK-01 posisi: TW IV 2025 = 65 × 0.62 = 40.3 against 65 → 62.00 (Rendah)
    expect(c.pengelolaan.budaya.value).toBeCloseTo(62, 9)
    expect(c.pengelolaan.budaya.predikat?.label).toBe('Rendah')
    // SEK-02 kumulatif: round(6 × 0.67) = 4 innovations against 6 → 66.67 (Sedang)
    expect(c.layanan.budaya.value).toBeCloseTo((4 / 6) * 100, 9)
    expect(c.layanan.budaya.predikat?.label).toBe('Sedang')
    // IKP-06 rata-rata: mean(47.12, 48.08, 47.12, 48.08) = 47.6 against 70 → 68.00 (Sedang)
    expect(c.kemitraan.budaya.value).toBeCloseTo(68, 9)
    // pengelolaan × pengawasan: APL-01 2.76/3.2 = 86.25, STP-01 74.8/85 = 88, STP-02 495/550 = 90 → 88.0833
    expect(c.pengelolaan.pengawasan.value).toBeCloseTo((86.25 + 88 + 90) / 3, 9)
    expect(c.pengelolaan.pengawasan.indicatorCount).toBe(3)
    expect(c.pengelolaan.pengawasan.predikat?.label).toBe('Tinggi')
    // layanan × pelanggan: IKP-02 702/650 = 108, IKP-03 (2×6−6)/6 = 100, APL-02 24/24 = 100
    expect(c.layanan.pelanggan.value).toBeCloseTo((108 + 100 + 100) / 3, 9)
    expect(c.layanan.pelanggan.predikat?.label).toBe('Sangat Tinggi')
  })

  it('2025 full year: budaya is flagged in every aspect, and no other strategy in all three', async () => {
    const { result } = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    const cellFlags = result.flags.filter((f) => f.aspect && f.strategy && !f.indicatorId)
    for (const aspect of ASPECTS) {
      expect(cellFlags.some((f) => f.aspect === aspect && f.strategy === 'budaya' && f.kind === 'sedang_atau_lebih_rendah')).toBe(true)
    }
    for (const s of STRATEGIES.filter((x) => x !== 'budaya')) {
      const flaggedAspects = new Set(cellFlags.filter((f) => f.strategy === s).map((f) => f.aspect))
      expect(flaggedAspects.size, `strategy ${s}`).toBeLessThan(3)
    }
    const reason = cellFlags.find((f) => f.aspect === 'pengelolaan' && f.strategy === 'budaya' && f.kind === 'sedang_atau_lebih_rendah')!.reason
    expect(reason).toContain('62,00')
  })

  it('2026 s.d. TW III: released indices are "menunggu rilis", and the late APL-03 entry is flagged', async () => {
    const { result, data } = await scoreScope(t.db, { opdId }, { kind: 'triwulan', year: 2026, quarter: 3 }, ASOF)
    const id = (code: string) => data.indicators.find((i) => i.code === code)!.id
    const r = (code: string) => result.indicators.find((i) => i.indicatorId === id(code))!
    expect(r('APL-01').status).toBe('menunggu_rilis')
    expect(r('APL-01').capaianRaw).toBeNull()
    // lateness apart from the computed status: scored (ok) and late
    expect(r('APL-03').status).toBe('ok')
    expect(r('APL-03').late).toBe(true)
    expect(r('APL-03').statusLabel).toBe('OK · terlambat')
    expect(result.flags.some((f) => f.kind === 'terlambat' && f.indicatorCode === 'APL-03')).toBe(true)
    // IKP-02 kumulatif s.d. TW III 2026: 140 + 175 + 175 = 490 against 700 × 3/4 = 525 → 93.33
    expect(r('IKP-02').capaianRaw).toBeCloseTo((490 / 525) * 100, 9)
  })

  it('loads a period in a fixed number of queries, whatever the number of indicators', async () => {
    const c1 = queryCounter()
    const d1 = await loadScoringDataFresh(t.db.withPlugin(c1.plugin), { opdId }, 2025)
    expect(d1.indicators).toHaveLength(22)
    // add 30 indicators to the same Renstra
    const base = await t.db.selectFrom('indicator').selectAll().where('code', '=', 'IKP-01').executeTakeFirstOrThrow()
    const { id: _id, ...copy } = base
    for (let i = 0; i < 30; i++)
      await t.db
        .insertInto('indicator')
        .values({ ...copy, code: `TMP-${i}` })
        .execute()
    try {
      const c2 = queryCounter()
      const d2 = await loadScoringDataFresh(t.db.withPlugin(c2.plugin), { opdId }, 2025)
      expect(d2.indicators).toHaveLength(52)
      expect(c2.count()).toBe(c1.count())
      expect(c1.count()).toBe(5)
    } finally {
      await t.db.deleteFrom('indicator').where('code', 'like', 'TMP-%').execute()
    }
  })

  it('the API returns exactly the engine result; 401 without a session or token', async () => {
    const { response: anon } = await callLoader(apiLoader, '/api/v1/skor?tahun=2025&triwulan=4')
    expect(anon?.status).toBe(401)

    const { cookie } = await loginAs(t.db, 'auditor')
    const res = (await callLoader(apiLoader, '/api/v1/skor?tahun=2025&triwulan=4', { session: cookie })).response!
    expect(res.status).toBe(200)
    const body = await res.json()
    const { result } = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
    expect(body.matriks.pengelolaan.budaya.nilai).toBe(result.cells.pengelolaan.budaya.value)
    expect(body.keseluruhan.nilai).toBe(result.overall.value)
    expect(body.indikator).toHaveLength(22)
    expect(body.perlu_perhatian).toEqual(JSON.parse(JSON.stringify(result.flags)))

    // bad period → 400 with Indonesian errors
    const bad = (await callLoader(apiLoader, '/api/v1/skor?tahun=20x5&triwulan=5', { session: cookie })).response!
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors.join(' ')).toMatch(/Triwulan "5" tidak valid/)

    // Renstra to date
    const ren = (await callLoader(apiLoader, '/api/v1/skor?tahun=2026&triwulan=3&periode=renstra', { session: cookie })).response!
    expect((await ren.json()).periode).toEqual({ kind: 'renstra', startYear: 2021, endYear: 2026, year: 2026, quarter: 3 })
  })

  it('the API accepts a valid token and refuses a revoked one', async () => {
    const admin = await t.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    const token = 'tok_' + 'a'.repeat(40)
    await t.db
      .insertInto('api_token')
      .values({ name: 'BI', token_hash: hashApiToken(token), opd_id: null, created_by: admin.id, created_at: toDbTime(ASOF), last_used_at: null, revoked_at: null })
      .execute()
    const req = () => new Request('http://localhost:3000/api/v1/skor?tahun=2025', { headers: { Authorization: `Bearer ${token}` } })
    const ok = (await callLoader(apiLoader, req())).response!
    expect(ok.status).toBe(200)
    await t.db
      .updateTable('api_token')
      .set({ revoked_at: toDbTime(ASOF) })
      .where('token_hash', '=', hashApiToken(token))
      .execute()
    const { response } = await callLoader(apiLoader, req())
    expect(response?.status).toBe(401)
  })
})
