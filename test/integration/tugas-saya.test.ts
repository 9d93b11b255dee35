// After the deadline a kepala bidang sees his open work: "Tugas saya" on the beranda lists the
// returned row with its note, the overdue quarter with days late and the drafts not submitted;
// /realisasi opens on that quarter; perencanaan's completeness counts drafts past the deadline as
// not submitted and late — on SQLite and MariaDB.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { getRequest, loginAs } from '../helpers/http.js'
import { callAction, loadData } from '../helpers/call.js'
import { indicatorIds } from '../helpers/fixtures-a.js'
import { setClock } from '../../app/utils/clock.server.js'
import { action as entryAction, loader as entryLoader } from '../../app/routes/realisasi.js'
import { loader as verifLoader } from '../../app/routes/verifikasi.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { getSessionUser } from '../../app/services/auth.server.js'
import { returnRealisasi } from '../../app/services/realisasi/return.server.js'

const ENTRY_TIME = new Date('2026-11-29T03:00:00Z') // TW IV 2026 open
const LATE_TIME = new Date('2027-01-15T03:00:00Z') // 15 Jan 2027, 10.00 WIB: TW IV 2026 was due 10 Jan → 5 days late
const NOTE = 'Rata-rata hari belum memakai register Desember.'

type Session = { cookie: string; csrf: string; userId: number }

const rowFields = (id: number, value: string): [string, string][] => [
  ['row', String(id)],
  [`r.${id}.value`, value],
  [`r.${id}.bukti_text`, 'Bukti'],
  [`r.${id}.kendala`, 'Kendala'],
  [`r.${id}.tindak_lanjut`, 'Tindak lanjut'],
  [`r.${id}.version`, ''],
]

describe.each(DB_KINDS)('open work after the deadline on %s', (kind) => {
  // the template: the entries, the return and the sessions below, read at the late time by every test
  const t = useTestDb(kind, { seed: true, global: true })
  let ikp: Session
  let plan: Session
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    Object.assign(ids, await indicatorIds(t.db))
    setClock(() => ENTRY_TIME)
    ikp = await loginAs(t.db, 'kabid.ikp')
    setClock(() => new Date(ENTRY_TIME.getTime() + 10))
    plan = await loginAs(t.db, 'perencanaan')
    const send = async (intent: string, code: string, value: string) => {
      const { response } = await callAction(entryAction, '/realisasi', {
        session: ikp,
        form: [['tahun', '2026'], ['triwulan', '4'], ['intent', intent], ...rowFields(ids[code]!, value)],
      })
      expect(response!.status, `${intent} ${code}`).toBe(200)
    }
    await send(`simpan:${ids['IKP-01']}`, 'IKP-01', '91')
    await send(`simpan:${ids['IKP-02']}`, 'IKP-02', '650')
    await send(`ajukan:${ids['IKP-03']}`, 'IKP-03', '6')
    const row = await t.db
      .selectFrom('realisasi')
      .selectAll()
      .where('indicator_id', '=', ids['IKP-03']!)
      .where('year', '=', 2026)
      .where('quarter', '=', 4)
      .executeTakeFirstOrThrow()
    const planner = (await getSessionUser(getRequest('/', plan.cookie), t.db))!
    expect((await returnRealisasi(t.db, planner, { id: row.id, version: row.version }, NOTE, null)).ok).toBe(true)
    // the next session reads happen at the late time: keep the sessions alive across the jump
    await t.db.updateTable('user_session').set({ created_at: '2027-01-15 02:59:00.000', last_seen_at: '2027-01-15 02:59:00.000' }).execute()
    setClock(() => LATE_TIME)
  })
  beforeEach(() => {
    setClock(() => LATE_TIME)
  })
  afterAll(() => {
    setClock(null)
  })

  it('"Tugas saya": the returned row with its note, TW IV 2026 five days late with 7 open rows, two drafts — each linking to the row', async () => {
    const tugas = (await loadData(berandaLoader, '/', { session: ikp })).tugas!
    expect(tugas.clear).toBe(false)
    expect(tugas.returned).toEqual([
      {
        indicatorId: ids['IKP-03'],
        code: 'IKP-03',
        name: expect.any(String),
        year: 2026,
        quarter: 4,
        periodLabel: 'Triwulan IV 2026',
        returnNote: NOTE,
        href: `/realisasi?tahun=2026&triwulan=4#r-${ids['IKP-03']}-row`,
      },
    ])
    expect(tugas.drafts.map((d) => `${d.code} ${d.periodLabel} ${d.href}`)).toEqual([
      `IKP-01 Triwulan IV 2026 /realisasi?tahun=2026&triwulan=4#r-${ids['IKP-01']}-row`,
      `IKP-02 Triwulan IV 2026 /realisasi?tahun=2026&triwulan=4#r-${ids['IKP-02']}-row`,
    ])
    // 9 indicators: 2 drafts + 1 returned + IKP-05..08 without a row = 7; IKP-04 and IKP-09 (rilis) wait for their release
    expect(tugas.overdue).toEqual([
      { year: 2026, quarter: 4, label: 'Triwulan IV 2026', dueLabel: '10 Januari 2027', daysLate: 5, open: 7, href: '/realisasi?tahun=2026&triwulan=4' },
    ])
  })

  it('other roles get no "Tugas saya"', async () => {
    const data = await loadData(berandaLoader, '/', { session: plan })
    expect(data.view).not.toBeNull()
    expect(data.tugas).toBeNull()
  })

  it('/realisasi without a period opens on TW IV 2026 (the oldest quarter with open work), not on the empty TW I 2027', async () => {
    const d = await loadData(entryLoader, '/realisasi', { session: ikp })
    expect([d.year, d.quarter]).toEqual([2026, 4])
    expect(d.rows).toHaveLength(9)
    expect(d.deadline.countdown).toBe('terlambat 5 hari')
    expect(d.notices.join(' ')).toMatch(/Triwulan IV 2026 ditampilkan karena masih ada pekerjaan terbuka/)
    // asked for explicitly, the current quarter still opens
    const cur = await loadData(entryLoader, '/realisasi?tahun=2027&triwulan=1', { session: ikp })
    expect([cur.year, cur.quarter]).toEqual([2027, 1])
  })

  it("perencanaan's completeness: drafts and the returned row past the deadline are not submitted and late", async () => {
    const data = await loadData(verifLoader, '/verifikasi?tahun=2026&triwulan=4', { session: plan })
    const ikpBidang = data.bidang.find((b) => b.rows.some((r) => r.code === 'IKP-01'))!
    expect(ikpBidang.counts).toMatchObject({ draft: 2, dikembalikan: 1, belum: 4, terlambat: 7 })
    expect(
      ikpBidang.rows
        .filter((r) => r.notSubmitted)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['IKP-01', 'IKP-02', 'IKP-03', 'IKP-05', 'IKP-06', 'IKP-07', 'IKP-08'])
  })
})
