// The city view in one pass (issue 17: /kota cold ≤ 1 s at ×10 size): every OPD's row of /kota
// is the figure its own dashboard shows (resolveDashboard with the OPD picker, completenessOf),
// OPD by OPD; a cold /kota costs the same number of queries for 3 OPD as for 6 (set-based loads,
// no query per OPD); a save in OPD A recomputes A's row only. On SQLite and MariaDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, queryCounter, useTestDb } from '../helpers/db.js'
import { insertIndicator } from '../helpers/fixtures-c.js'
import type { DB } from '../../db/db.server.js'
import { setClock } from '../../app/utils/clock.server.js'
import { bumpDataVersion, writeTransaction } from '../../db/version.js'
import { toDbTime } from '../../db/time.js'
import { kotaView, type KotaOpdRow } from '../../app/presenters/kota.server.js'
import { resolveDashboard } from '../../app/presenters/dashboard-scope.server.js'
import { completenessOf } from '../../app/presenters/completeness.server.js'
import { scoreView } from '../../app/presenters/dashboard-views.server.js'
import { ASPECTS, ASPECT_SHORT, FLAG_KIND_LABELS, STRATEGIES, STRATEGY_LABELS, type Quarter } from '../../app/domain/index.js'

const NOW = new Date('2026-11-29T03:00:00Z')
const city = { opdId: null }

/**
 * An OPD with one bidang and two kumulatif indicators (inti): BX-01 (pengelolaan) target 10, 2 a
 * quarter in 2025; BX-02 (layanan) target 8, `perQuarter` a quarter — all verified. With `draft`,
 * a third (kemitraan, target 4) with Q1–Q3 verified and Q4 still a draft (late at NOW).
 */
async function addOpd(db: DB, n: number, perQuarter: number, draft: boolean, renstraYears: [number, number] = [2021, 2026]): Promise<{ id: number; ids: number[] }> {
  const t0 = toDbTime(new Date('2025-01-05T02:00:00Z'))
  const unit = { parent_id: null, kind: 'opd' as const, code: `UJI-${n}`, name: `Dinas Uji ${n}`, short_name: `Uji ${n}`, city: 'Uji', sort_order: 10 + n, created_at: t0 }
  const id = Number((await db.insertInto('org_unit').values(unit).executeTakeFirstOrThrow()).insertId)
  const bidang = { parent_id: id, kind: 'bidang' as const, code: `UJI-${n}-B`, name: 'Bidang Uji', short_name: 'Uji', city: null, sort_order: 1, created_at: t0 }
  const unitId = Number((await db.insertInto('org_unit').values(bidang).executeTakeFirstOrThrow()).insertId)
  const [start, end] = renstraYears
  const renstra = { opd_id: id, name: `Renstra ${start}–${end}`, start_year: start, end_year: end, closed: 0, created_at: t0 }
  const periodId = Number((await db.insertInto('renstra_period').values(renstra).executeTakeFirstOrThrow()).insertId)
  const ids: number[] = []
  const indicator = async (code: string, aspect: 'pengelolaan' | 'layanan' | 'kemitraan', target: number, values: (number | null)[]) => {
    const indicatorId = await insertIndicator(db, { periodId, unitId, code: `${code}-${n}`, name: `Indikator ${code}`, aspect, sortOrder: ids.length + 1, at: t0 })
    ids.push(indicatorId)
    await db.insertInto('indicator_target').values({ indicator_id: indicatorId, year: 2025, target }).execute()
    for (const [i, value] of values.entries()) {
      const status = value === null ? 'draft' : 'diverifikasi'
      await db
        .insertInto('realisasi')
        .values({ indicator_id: indicatorId, year: 2025, quarter: i + 1, value: value ?? 1, status, created_at: t0, updated_at: t0 })
        .execute()
    }
  }
  await indicator('BX-01', 'pengelolaan', 10, [2, 2, 2, 2])
  await indicator('BX-02', 'layanan', 8, [perQuarter, perQuarter, perQuarter, perQuarter])
  if (draft) await indicator('BX-03', 'kemitraan', 4, [1, 1, 1, null])
  return { id, ids }
}

/** The row /kota shows for an OPD, built from what its own dashboard shows (drill-down with ?opd=). */
async function dashboardRow(db: DB, opdId: number, query: string): Promise<Omit<KotaOpdRow, 'rank' | 'code' | 'name' | 'shortName'>> {
  const base = (await resolveDashboard(db, city, new URL(`http://localhost/?${query}&opd=${opdId}`)))!
  const r = base.bundle.result
  const period = base.ctx.period
  const quarter = (period.kind === 'triwulan' ? period.quarter : 4) as Quarter
  const c = (await completenessOf(db, opdId, period.year, quarter, base.settings.scoring, base.asOf)).totals
  const q = base.ctx.query
  return {
    id: opdId,
    overall: scoreView(r.overall),
    byStrategy: Object.fromEntries(STRATEGIES.map((s) => [s, scoreView(r.byStrategy[s])])) as KotaOpdRow['byStrategy'],
    byAspect: Object.fromEntries(ASPECTS.map((a) => [a, scoreView(r.byAspect[a])])) as KotaOpdRow['byAspect'],
    completeness: { total: c.total, reported: c.reported, late: c.late, pending: c.pending, percentText: c.total ? `${Math.round((c.reported / c.total) * 100)}%` : '—' },
    href: `/?${q}`,
    flaggedHref: `/perlu-perhatian?${q}`,
    flaggedCells: ASPECTS.flatMap((a) =>
      STRATEGIES.flatMap((s) => {
        const flags = r.flags.filter((f) => f.aspect === a && f.strategy === s && f.indicatorId === undefined)
        if (!flags.length) return []
        const v = scoreView(r.cells[a][s])
        const reasons = flags.map((f) => `${FLAG_KIND_LABELS[f.kind]}: ${f.reason}`)
        const label = `${ASPECT_SHORT[a]} × ${STRATEGY_LABELS[s]}`
        return [{ aspect: a, strategy: s, label, text: v.text, predikatKey: v.predikatKey, predikatLabel: v.predikatLabel, reasons, href: `/beranda/sel/${a}/${s}?${q}` }]
      }),
    ),
  }
}

describe.each(DB_KINDS)('city view in one pass on %s', (kind) => {
  let demo = 0
  const extra: { id: number; ids: number[] }[] = []
  // the demo and two small OPD (one with a draft, one with another Renstra span), in every test's database
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    setup: async (db) => {
      demo = (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
      extra.push(await addOpd(db, 1, 1, false), await addOpd(db, 2, 2, true, [2024, 2028]))
      await bumpDataVersion(db) // written straight in SQL: raise the data version as an administrator would
    },
  })
  beforeAll(() => {
    setClock(() => NOW)
  })
  afterAll(() => {
    setClock(null)
  })

  const url = (query: string) => new URL(`http://localhost/kota?${query}`)

  it('every OPD’s row equals its own dashboard’s figures (the demo with its flags and actions, two small OPD, two Renstra spans)', async () => {
    for (const query of ['tahun=2025&triwulan=4', 'tahun=2025&triwulan=2', 'tahun=2026&periode=renstra', '']) {
      const v = (await kotaView(t.db, city, url(query)))!
      expect(v.opds.map((o) => o.id).sort((a, b) => a - b)).toEqual([demo, ...extra.map((e) => e.id)].sort((a, b) => a - b))
      for (const row of v.opds) {
        const { rank: _rank, code: _code, name: _name, shortName: _short, ...figures } = row
        expect(figures, `OPD ${row.code}, ?${query}`).toEqual(await dashboardRow(t.db, row.id, query))
      }
    }
    // the demo has flagged cells (so the comparison above covers the flags and overdue actions)
    const demoRow = (await kotaView(t.db, city, url('tahun=2025&triwulan=4')))!.opds.find((o) => o.id === demo)!
    expect(demoRow.flaggedCells.length).toBeGreaterThan(0)
  })

  it('by hand: Uji 1 = (8/10 + 4/8) / 2 = 65 %; Uji 2: layanan 8/8 = 100 %, 2 of 3 reported and one late', async () => {
    const v = (await kotaView(t.db, city, url('tahun=2025&triwulan=4')))!
    const uji1 = v.opds.find((o) => o.id === extra[0]!.id)!
    // BX-01: 2+2+2+2 = 8 of 10 → 80 %; BX-02: 1+1+1+1 = 4 of 8 → 50 %; weights 1 → 65
    expect(uji1.overall.value).toBeCloseTo(65, 9)
    expect(uji1.overall.text).toBe('65,00')
    expect(uji1.byAspect.pengelolaan.value).toBeCloseTo(80, 9)
    expect(uji1.byAspect.layanan.value).toBeCloseTo(50, 9)
    expect(uji1.byStrategy.inti.value).toBeCloseTo(65, 9)
    expect(uji1.completeness).toEqual({ total: 2, reported: 2, late: 0, pending: 0, percentText: '100%' })
    const uji2 = v.opds.find((o) => o.id === extra[1]!.id)!
    expect(uji2.completeness).toMatchObject({ total: 3, reported: 2, late: 1 })
    expect(uji2.byAspect.layanan.value).toBeCloseTo(100, 9)
  })

  it('a cold /kota costs as many queries for 6 OPD as for 3 (set-based loads, no query per OPD)', async () => {
    const coldCount = async () => {
      const c = queryCounter()
      const db = t.db.withPlugin(c.plugin) // a new handle: its read cache starts empty (cold)
      const v = await kotaView(db, city, url('tahun=2025&triwulan=4'))
      return { n: c.count(), opds: v!.opds.length }
    }
    const three = await coldCount()
    expect(three.opds).toBe(3)
    await addOpd(t.db, 3, 3, true)
    await addOpd(t.db, 4, 4, false)
    await addOpd(t.db, 5, 1, true)
    await bumpDataVersion(t.db)
    const six = await coldCount()
    expect(six.opds).toBe(6)
    expect(six.n).toBe(three.n)
    expect(three.n).toBeLessThanOrEqual(15)
  })

  it('a save in OPD A recomputes A’s row only (with the new value); the other rows come from the cache', async () => {
    const q = url('tahun=2025&triwulan=4')
    const [a, b] = extra as [{ id: number; ids: number[] }, { id: number; ids: number[] }]
    const rowOf = (v: Awaited<ReturnType<typeof kotaView>>, id: number) => v!.opds.find((o) => o.id === id)!
    const c = queryCounter()
    const db = t.db.withPlugin(c.plugin) // its own read cache, filled by the first view
    const v1 = await kotaView(db, city, q)
    const cold = c.count()
    expect(rowOf(v1, a.id).overall.value).toBeCloseTo(65, 9)
    // BX-02 of A: Q4 from 1 to 3 → 6 of 8 = 75 %; overall (80 + 75) / 2 = 77.5
    await writeTransaction(t.db, a.id, async (trx) => {
      await trx.updateTable('realisasi').set({ value: 3 }).where('indicator_id', '=', a.ids[1]!).where('year', '=', 2025).where('quarter', '=', 4).execute()
    })
    const v2 = await kotaView(db, city, q)
    expect(v2).not.toBe(v1)
    expect(rowOf(v2, a.id).overall.value).toBeCloseTo(77.5, 9)
    expect(rowOf(v2, a.id).byAspect.layanan.value).toBeCloseTo(75, 9)
    expect(rowOf(v2, a.id).byStrategy).not.toBe(rowOf(v1, a.id).byStrategy)
    // every other OPD's row is the cached one (the same objects), not computed again
    for (const o of v2!.opds.filter((o) => o.id !== a.id)) expect(o.byStrategy, o.code).toBe(rowOf(v1, o.id).byStrategy)
    expect(rowOf(v2, b.id).overall).toBe(rowOf(v1, b.id).overall)
    // and recomputing A's row alone costs no more queries than the cold view of every OPD
    expect(c.count() - cold).toBeLessThanOrEqual(cold)
    // the same figure as A's own dashboard
    expect(rowOf(v2, a.id).overall).toEqual(scoreView((await resolveDashboard(t.db, city, new URL(`http://localhost/?tahun=2025&triwulan=4&opd=${a.id}`)))!.bundle.result.overall))
  })
})
