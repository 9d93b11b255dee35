// The read cache (app/services/cache.server.ts): scores and dashboard views are reused only while
// the data version is unchanged; every write raises it in its own transaction — on SQLite and
// MariaDB.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, queryCounter, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, loadData } from '../helpers/call.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loadScoringData, scoreScope } from '../../app/services/scoring.server.js'
import { cachedDashboardView } from '../../app/presenters/dashboard-scope.server.js'
import { berandaView } from '../../app/presenters/beranda.server.js'
import { chartDrawer } from '../../app/components/charts/draw.server.js'
import { action as entryAction } from '../../app/routes/realisasi.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { setDb } from '../../db/db.server.js'
import { readDataVersion, writeTransaction } from '../../db/version.js'
import { toDbTime } from '../../db/time.js'

const NOW = new Date('2026-11-29T03:00:00Z') // 10.00 WIB: 2026 TW IV is the open quarter
const Q4_2026 = { kind: 'triwulan', year: 2026, quarter: 4 } as const

describe.each(DB_KINDS)('read cache on %s', (kind) => {
  // each test starts on the seeded demo, with a new Kysely instance (its read cache empty)
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  let ikp02: number
  beforeAll(async () => {
    setClock(() => NOW)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    ikp02 = (await t.db.selectFrom('indicator').select('id').where('code', '=', 'IKP-02').executeTakeFirstOrThrow()).id
  })
  afterAll(() => {
    setClock(null)
  })

  const q4Row = (data: Awaited<ReturnType<typeof loadScoringData>>) => data.realisasi.find((r) => r.indicatorId === ikp02 && r.year === 2026 && r.quarter === 4)

  it('the demo seed raised the version; an unchanged version serves the load with one query', async () => {
    expect(Number(await readDataVersion(t.db))).toBeGreaterThan(0)
    const c = queryCounter()
    const db = t.db.withPlugin(c.plugin)
    const first = await loadScoringData(db, { opdId }, 2026)
    expect(c.count()).toBe(6) // the version + the five queries of the load
    const second = await loadScoringData(db, { opdId }, 2026)
    expect(c.count()).toBe(7) // the version only
    expect(second).toBe(first)
    expect(first.indicators).toHaveLength(22)
  })

  it('a cached value is shared and frozen: a caller that changes it fails', async () => {
    const data = await loadScoringData(t.db, { opdId }, 2026)
    expect(() => (data.indicators as unknown[]).push({})).toThrow(TypeError)
    expect(() => {
      ;(data.indicators[0] as { weight: number }).weight = 99
    }).toThrow(TypeError)
  })

  it('a realisation saved through the entry form is in the next score, and the version went up by the write', async () => {
    const before = await scoreScope(t.db, { opdId }, Q4_2026, NOW)
    expect(q4Row(before.data)).toBeUndefined()
    const v0 = BigInt(await readDataVersion(t.db))

    const s = await loginAs(t.db, 'kabid.ikp')
    const saved = await callAction(entryAction, '/realisasi', {
      session: s,
      form: [
        ['tahun', '2026'],
        ['triwulan', '4'],
        ['intent', 'simpan'],
        ['row', String(ikp02)],
        [`r.${ikp02}.value`, '180'],
        [`r.${ikp02}.bukti_text`, ''],
        [`r.${ikp02}.bukti_link`, ''],
        [`r.${ikp02}.kendala`, ''],
        [`r.${ikp02}.tindak_lanjut`, ''],
        [`r.${ikp02}.version`, ''],
      ],
    })
    expect(saved.status).toBeLessThan(400)
    expect(BigInt(await readDataVersion(t.db))).toBeGreaterThan(v0)

    const after = await scoreScope(t.db, { opdId }, Q4_2026, NOW)
    expect(after).not.toBe(before)
    expect(q4Row(after.data)?.value).toBe(180)
    expect(q4Row(after.data)?.status).toBe('draft')
    // IKP-02 is kumulatif: 140 + 175 + 175 + 180 = 670 against the 2026 target 700 → 95.71…
    const ind = after.result.indicators.find((r) => r.indicatorId === ikp02)!
    expect(ind.capaianRaw).toBeCloseTo((670 / 700) * 100, 9)
  })

  it('a rolled-back write leaves the version and the cached value as they were; reads inside it see its rows', async () => {
    const cached = await loadScoringData(t.db, { opdId }, 2026)
    const v0 = await readDataVersion(t.db)
    const boom = new Error('dibatalkan')
    await expect(
      writeTransaction(t.db, opdId, async (trx) => {
        const when = toDbTime(NOW)
        await trx.insertInto('indicator_target').values({ indicator_id: ikp02, year: 2027, target: 1 }).execute()
        const inside = await loadScoringData(trx, { opdId }, 2026)
        expect(inside).not.toBe(cached) // a transaction never reads the cache
        expect(inside.indicators.find((i) => i.id === ikp02)?.annualTargets[2027]).toBe(1)
        expect(when).toBeTruthy()
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(await readDataVersion(t.db)).toBe(v0)
    const again = await loadScoringData(t.db, { opdId }, 2026)
    expect(again).toBe(cached)
    expect(again.indicators.find((i) => i.id === ikp02)?.annualTargets[2027]).toBeUndefined()
  })

  it('the clock: the same 15-minute slot reuses a score, the next slot computes it again', async () => {
    const a = await scoreScope(t.db, { opdId }, Q4_2026, new Date('2026-11-29T03:00:00Z'))
    const b = await scoreScope(t.db, { opdId }, Q4_2026, new Date('2026-11-29T03:14:59Z'))
    const c = await scoreScope(t.db, { opdId }, Q4_2026, new Date('2026-11-29T03:15:00Z'))
    expect(b).toBe(a)
    expect(c).not.toBe(a)
    expect(c.result.overall.value).toBe(a.result.overall.value)
  })

  it("the beranda at an unchanged version costs one query: the session, read with the user's OPD and the data version", async () => {
    const kadis = await loginAs(t.db, 'kadis')
    const c = queryCounter()
    const counted = t.db.withPlugin(c.plugin)
    setDb(counted)
    try {
      const call = () => loadData(berandaLoader, 'http://localhost/?tahun=2025&triwulan=4', { session: kadis })
      const first = await call()
      expect(c.count()).toBeGreaterThan(5) // the first view reads and scores the period
      const before = c.count()
      const second = await call()
      expect(c.count() - before).toBe(1)
      expect(second.view).toEqual(first.view)
      expect(second.view?.cells[0]?.[4]?.text).toBe('62,00') // pengelolaan × budaya, 2025
    } finally {
      setDb(t.db)
    }
  })

  it('a dashboard view is shared by users of the same OPD and period, and follows the URL', async () => {
    const url = new URL('http://localhost/?tahun=2025&triwulan=4')
    const view1 = await cachedDashboardView(t.db, 'beranda', { opdId }, url, (base) => berandaView(t.db, base, chartDrawer))
    const view2 = await cachedDashboardView(t.db, 'beranda', { opdId }, new URL('http://localhost/?triwulan=4&tahun=2025'), (base) => berandaView(t.db, base, chartDrawer))
    expect(view2).toBe(view1)
    const view3 = await cachedDashboardView(t.db, 'beranda', { opdId }, new URL('http://localhost/?tahun=2025&triwulan=3'), (base) => berandaView(t.db, base, chartDrawer))
    expect(view3).not.toBe(view1)
    expect(view3!.periodLabel).not.toBe(view1!.periodLabel)
    // the 2025 budaya cells of the demo, as hand-checked in the scoring tests
    const budaya = view1!.cells.map((row) => row.find((c) => c.strategy === 'budaya')!.text)
    expect(budaya).toEqual(['62,00', '66,67', '68,00'])
    expect(view1!.charts.radar).toHaveLength(3)
    // each chart is an SVG document served as an image; its URL carries the hash of the picture
    const svg = view1!.chartSvgs['radar-pengelolaan']!.svg
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    const hash = createHash('sha256').update(svg).digest('hex').slice(0, 16)
    expect(view1!.charts.radar[0]!.src).toBe(`/grafik/radar-pengelolaan.svg?tahun=2025&triwulan=4&h=${hash}`)
  })
})

describe.each(DB_KINDS)('concurrent writers and the data version on %s', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  beforeAll(() => {
    setClock(() => NOW)
  })
  afterAll(() => {
    setClock(null)
  })

  it('four kepala bidang save all their rows at once, three rounds: every save succeeds (no deadlock), nothing is lost, the version counts every change', async () => {
    // the "higher is better", non-released indicators of each bidang, at their 2026 target
    const all = await t.db
      .selectFrom('indicator as i')
      .innerJoin('indicator_target as tg', (j) => j.onRef('tg.indicator_id', '=', 'i.id').on('tg.year', '=', 2026))
      .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
      .select(['i.id', 'i.code', 'tg.target', 'u.code as unit'])
      .where('i.polarity', '=', 'naik')
      .where('i.pola_ukur', '!=', 'rilis')
      .where('i.deleted_at', 'is', null)
      .execute()
    const users: Record<string, string> = { IKP: 'kabid.ikp', INF: 'kabid.infra', APL: 'kabid.aplikasi', STP: 'kabid.statistik' }
    const rows = all.filter((r) => users[r.code.slice(0, 3)])
    const byUser = new Map<string, typeof rows>()
    for (const r of rows) {
      const user = users[r.code.slice(0, 3)]
      if (user) byUser.set(user, [...(byUser.get(user) ?? []), r])
    }
    expect([...byUser.keys()].sort()).toEqual(['kabid.aplikasi', 'kabid.ikp', 'kabid.infra', 'kabid.statistik'])
    const sessions = new Map(await Promise.all([...byUser.keys()].map(async (u) => [u, await loginAs(t.db, u)] as const)))
    const versions = new Map<number, number | null>(rows.map((r) => [r.id, null]))
    const v0 = BigInt(await readDataVersion(t.db))
    const audit0 = Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        [...byUser].map(([user, list]) => {
          const s = sessions.get(user)!
          const form: [string, string][] = [
            ['tahun', '2026'],
            ['triwulan', '4'],
            ['intent', 'simpan'],
          ]
          for (const r of list) {
            form.push(['row', String(r.id)])
            form.push([`r.${r.id}.value`, String(Number(r.target) - round)])
            for (const f of ['bukti_text', 'bukti_link', 'kendala', 'tindak_lanjut']) form.push([`r.${r.id}.${f}`, ''])
            form.push([`r.${r.id}.version`, versions.get(r.id) == null ? '' : String(versions.get(r.id))])
          }
          return callAction(entryAction, '/realisasi', { session: s, form })
        }),
      )
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200])
      const saved = await t.db.selectFrom('realisasi').select(['indicator_id', 'value', 'version']).where('year', '=', 2026).where('quarter', '=', 4).execute()
      for (const r of rows) {
        const got = saved.find((x) => x.indicator_id === r.id)
        expect(got?.value, r.code).toBe(Number(r.target) - round)
        versions.set(r.id, got!.version)
      }
    }
    const audit1 = Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(audit1 - audit0).toBe(rows.length * 3)
    // each save transaction raises its OPD's version once, first; its audit rows add nothing (the
    // transaction already raised it: a second row lock there could deadlock, ADR 0020)
    expect(BigInt(await readDataVersion(t.db)) - v0).toBe(BigInt(4 * 3))
  })
})
