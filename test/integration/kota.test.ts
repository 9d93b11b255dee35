// The city view (issue 17 item 4): a city-level account (no unit) sees every OPD on /kota — ranking
// by capaian with predikat, completeness, heatmaps — and downloads the city E.81 bundle (one sheet
// per OPD); an OPD-bound account gets 403 for both. On SQLite and MariaDB.
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callLoader, dataOf, loadData, type Session } from '../helpers/call.js'
import { insertIndicator } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loader as kotaLoader } from '../../app/routes/kota.js'
import { loader as laporanLoader } from '../../app/routes/laporan.$jenis.js'
import { loader as laporanPageLoader } from '../../app/routes/laporan.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { navFor } from '../../app/utils/nav.js'
import { bumpDataVersion, writeTransaction } from '../../db/version.js'
import { kotaView } from '../../app/presenters/kota.server.js'
import { toDbTime } from '../../db/time.js'

const NOW = new Date('2026-11-29T03:00:00Z')
const Q4_2025 = { kind: 'triwulan', year: 2025, quarter: 4 } as const

describe.each(DB_KINDS)('city view /kota on %s', (kind) => {
  // the template: the demo plus a second small OPD (OPD B), in every test's database
  const t = useTestDb(kind, { seed: true, global: true })
  let opdA: number
  let opdB: number
  beforeAll(async () => {
    setClock(() => NOW)
    opdA = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    // a second small OPD: two kumulatif indicators, 2025 fully reported and verified
    const t0 = toDbTime(new Date('2025-01-05T02:00:00Z'))
    opdB = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({
            parent_id: null,
            kind: 'opd',
            code: 'BAPPEDA-UJI',
            name: 'Badan Perencanaan Pembangunan Daerah Kota Uji',
            short_name: 'Bappeda Uji',
            city: 'Uji',
            sort_order: 9,
            created_at: t0,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const unitB = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({ parent_id: opdB, kind: 'bidang', code: 'BAPPEDA-UJI-P', name: 'Bidang Perencanaan', short_name: 'Perencanaan', city: null, sort_order: 1, created_at: t0 })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const periodB = Number(
      (
        await t.db
          .insertInto('renstra_period')
          .values({ opd_id: opdB, name: 'Renstra 2021–2026', start_year: 2021, end_year: 2026, closed: 0, created_at: t0 })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const indicator = async (code: string, aspect: 'pengelolaan' | 'layanan', target: number, perQuarter: number, sort: number) => {
      const id = await insertIndicator(t.db, { periodId: periodB, unitId: unitB, code, aspect, sortOrder: sort, at: t0 })
      await t.db.insertInto('indicator_target').values({ indicator_id: id, year: 2025, target }).execute()
      for (const quarter of [1, 2, 3, 4])
        await t.db.insertInto('realisasi').values({ indicator_id: id, year: 2025, quarter, value: perQuarter, status: 'diverifikasi', created_at: t0, updated_at: t0 }).execute()
    }
    await indicator('BP-01', 'pengelolaan', 4, 1, 1) // 1+1+1+1 = 4 of 4 → 100 %
    await indicator('BP-02', 'layanan', 10, 2, 2) // 2+2+2+2 = 8 of 10 → 80 %
    await bumpDataVersion(t.db) // written straight in SQL: raise the data version as an administrator would
  })
  beforeEach(() => {
    setClock(() => NOW)
  })
  afterAll(() => {
    setClock(null)
  })

  const kota = async (username: string, query = 'tahun=2025&triwulan=4') => callLoader(kotaLoader, `/kota?${query}`, { session: await loginAs(t.db, username) })

  it('a city-level account sees both OPDs ranked by capaian with predikat, completeness and drill-down links', async () => {
    const r = await kota('bappeda')
    expect(r.response?.status ?? 200).toBe(200)
    const v = dataOf(r).view!
    expect(v.periodLabel).toContain('2025')
    const byId = new Map(v.opds.map((o) => [o.id, o]))
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual([opdA, opdB].sort((a, b) => a - b))
    // OPD B by hand: (100 + 80) / 2 = 90 → Tinggi (76 ≤ x < 91); per strategy inti = 90; per aspect 100 and 80
    const b = byId.get(opdB)!
    expect(b.overall.value).toBeCloseTo(90, 9)
    expect(b.overall.text).toBe('90,00')
    expect(b.overall.predikatLabel).toBe('Tinggi')
    expect(b.byStrategy.inti.value).toBeCloseTo(90, 9)
    expect(b.byAspect.pengelolaan.value).toBeCloseTo(100, 9)
    expect(b.byAspect.layanan.value).toBeCloseTo(80, 9)
    expect(b.byAspect.kemitraan.value).toBeNull()
    expect(b.completeness).toMatchObject({ total: 2, reported: 2, late: 0 })
    // drill-down: the OPD's own dashboard for the same period, with the OPD picker's parameter
    const link = new URL(b.href, 'http://x')
    expect(link.pathname).toBe('/')
    expect([link.searchParams.get('opd'), link.searchParams.get('tahun'), link.searchParams.get('triwulan')]).toEqual([String(opdB), '2025', '4'])
    // OPD A: the same number its own dashboard shows (the engine's score of the demo)
    const a = byId.get(opdA)!
    const engine = (await scoreScope(t.db, { opdId: opdA }, Q4_2025, NOW)).result.overall
    expect(a.overall.value).toBe(engine.value)
    expect(a.overall.predikatLabel).toBe(engine.predikat?.label)
    // the ranking: highest capaian first, ranks 1 and 2
    const expectedOrder = [a, b].sort((x, y) => y.overall.value! - x.overall.value!).map((o) => o.id)
    expect(v.opds.map((o) => o.id)).toEqual(expectedOrder)
    expect(v.opds.map((o) => o.rank)).toEqual([1, 2])
    expect(a.href).toContain(`opd=${opdA}`)
  })

  it('an OPD-bound account gets 403 on /kota; the admin (city level) gets the page', async () => {
    expect((await kota('kadis')).response?.status).toBe(403)
    expect((await kota('auditor')).response?.status).toBe(403)
    expect((await kota('admin')).response?.status ?? 200).toBe(200)
  })

  it('the nav shows Kota to city-level accounts only', () => {
    expect(navFor({ role: 'pimpinan', cityLevel: true }).map((n) => n.to)).toContain('/kota')
    expect(navFor({ role: 'pimpinan', cityLevel: false }).map((n) => n.to)).not.toContain('/kota')
  })

  it('the city E.81 bundle: one sheet per OPD for a city-level account; 403 and no button for an OPD-bound one', async () => {
    const s = await loginAs(t.db, 'bappeda')
    const { response } = await callLoader(laporanLoader, '/laporan/e81-kota.xlsx?tahun=2025&triwulan=4', { session: s, params: { jenis: 'e81-kota.xlsx' } })
    expect(response?.status).toBe(200)
    expect(response!.headers.get('Content-Disposition')).toContain('E81-Kota_2025_TWIV.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.read(Readable.from([Buffer.from(await response!.arrayBuffer())]))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Diskominfotiksan Kota Dumai', 'Bappeda Uji'])
    const kadis = await loginAs(t.db, 'kadis')
    const refused = await callLoader(laporanLoader, '/laporan/e81-kota.xlsx?tahun=2025&triwulan=4', { session: kadis, params: { jenis: 'e81-kota.xlsx' } })
    expect(refused.response?.status).toBe(403)
    const buttons = async (session: Session) => (await loadData(laporanPageLoader, '/laporan', { session })).downloads.map((d) => d.action)
    expect(await buttons(s)).toContain('/laporan/e81-kota.xlsx')
    expect(await buttons(kadis)).not.toContain('/laporan/e81-kota.xlsx')
  })

  it('a save in one OPD recomputes only that OPD’s row of the city view; a city-wide write recomputes every row', async () => {
    const url = new URL('http://localhost/kota?tahun=2025&triwulan=4')
    const rowOf = (v: Awaited<ReturnType<typeof kotaView>>, id: number) => v!.opds.find((o) => o.id === id)!
    const v1 = await kotaView(t.db, { opdId: null }, url)
    await writeTransaction(t.db, opdA, async () => {})
    const v2 = await kotaView(t.db, { opdId: null }, url)
    expect(v2).not.toBe(v1)
    // B's row comes from the cache (the same objects), A's is computed again (equal values, new objects)
    expect(rowOf(v2, opdB).byStrategy).toBe(rowOf(v1, opdB).byStrategy)
    expect(rowOf(v2, opdA).byStrategy).not.toBe(rowOf(v1, opdA).byStrategy)
    expect(rowOf(v2, opdA).overall).toEqual(rowOf(v1, opdA).overall)
    await writeTransaction(t.db, 'city', async () => {})
    const v3 = await kotaView(t.db, { opdId: null }, url)
    expect(rowOf(v3, opdB).byStrategy).not.toBe(rowOf(v2, opdB).byStrategy)
    expect(rowOf(v3, opdB).overall).toEqual(rowOf(v2, opdB).overall)
  })
})
