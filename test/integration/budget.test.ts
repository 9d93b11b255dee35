// Budget and data historis: pagu and realisasi anggaran entry (bad amounts refused, nothing
// written; good ones audited), verification of anggaran, budgetForPeriod on a small fixture, and
// the history import (good file → verified/historical/not late rows; bad file → every problem).
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs, ORIGIN } from '../helpers/http.js'
import { callAction, dataOf, having } from '../helpers/call.js'
import { formErrorOf } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { action as paguAction } from '../../app/routes/renstra.anggaran.js'
import { action as entryAction } from '../../app/routes/realisasi.js'
import { action as verifAction } from '../../app/routes/verifikasi.js'
import { budgetForPeriod } from '../../app/models/budget.server.js'
import { parseRupiah } from '../../app/domain/rupiah.js'
import { commitHistorisImport, previewHistorisImport } from '../../app/services/budget/import-historis.server.js'
import { getSessionUser } from '../../app/services/auth.server.js'

const NOW = new Date('2026-11-29T03:00:00Z')
type Session = { cookie: string; csrf: string; userId: number }

async function workbook(hist: (string | number)[][], ang?: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const h = wb.addWorksheet('Historis')
  h.addRow(['Kode indikator', 'Tahun', 'Triwulan', 'Nilai', 'Bukti'])
  for (const r of hist) h.addRow(r)
  if (ang) {
    const a = wb.addWorksheet('Anggaran')
    a.addRow(['Kode program', 'Tahun', 'Triwulan', 'Realisasi anggaran'])
    for (const r of ang) a.addRow(r)
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('parseRupiah', () => {
  it('accepts id-ID amounts and refuses the rest', () => {
    expect(parseRupiah('1.250.000')).toEqual({ ok: true, value: 1250000 })
    expect(parseRupiah('1250000')).toEqual({ ok: true, value: 1250000 })
    expect(parseRupiah('1.250.000,50')).toEqual({ ok: true, value: 1250000.5 })
    for (const bad of ['1,250,000', '1.25', '-5', 'Rp 10', '12.5000', 'satu juta', '', '1.250.000,505']) expect(parseRupiah(bad).ok).toBe(false)
  })
})

describe.each(DB_KINDS)('Anggaran dan data historis on %s', (kind) => {
  let plan: Session
  let ikp: Session
  const prog: Record<string, number> = {}
  // the clock is set before the demo is seeded into the template
  beforeAll(() => setClock(() => NOW))
  afterAll(() => setClock(null))
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    // the programmes' ids and both sessions are part of every test's database
    setup: async (db) => {
      for (const r of await db.selectFrom('program').select(['id', 'code']).execute()) prog[r.code] = r.id
      plan = await loginAs(db, 'perencanaan')
      ikp = await loginAs(db, 'kabid.ikp')
    },
  })
  const count = async (table: 'program_pagu' | 'realisasi_anggaran' | 'audit_log' | 'realisasi') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const postPagu = (form: [string, string][]) => callAction(paguAction, '/renstra/anggaran', { session: plan, form })
  const postEntry = (form: [string, string][]) => callAction(entryAction, '/realisasi', { session: ikp, form })
  const postVerif = (form: [string, string][]) => callAction(verifAction, '/verifikasi', { session: plan, form })
  /** The perencanaan sets 2.16.02's pagu 2026 to 2.000.000 (from the demo's version 1). */
  const setPagu2M = async () => {
    const r = await postPagu([
      ['tahun', '2026'],
      [`p.${prog['2.16.02']}.pagu`, '2.000.000'],
      [`p.${prog['2.16.02']}.version`, '1'],
    ])
    expect(r.status).toBe(200)
  }
  /** The bidang submits 500.000,50 for 2.16.02 in TW III 2026 and the perencanaan verifies it. */
  const submitAndVerifyTw3 = async () => {
    const id = prog['2.16.02']!
    const r = await postEntry([
      ['intent', 'anggaran_ajukan'],
      ['tahun', '2026'],
      ['triwulan', '3'],
      [`a.${id}.amount`, '500.000,50'],
      [`a.${id}.version`, ''],
    ])
    expect(r.status).toBe(200)
    const row = await t.db
      .selectFrom('realisasi_anggaran')
      .select(['id', 'version'])
      .where('program_id', '=', id)
      .where('year', '=', 2026)
      .where('quarter', '=', 3)
      .executeTakeFirstOrThrow()
    const v = await postVerif([
      ['intent', 'anggaran_verify'],
      ['id', String(row.id)],
      ['version', String(row.version)],
    ])
    expect(v.status).toBe(200)
  }

  it('refuses a bad pagu with an Indonesian message and writes nothing; a good one is audited', async () => {
    const before = [await count('program_pagu'), await count('audit_log')]
    const bad = await postPagu([
      ['tahun', '2026'],
      [`p.${prog['2.16.02']}.pagu`, '1.500.000'],
      [`p.${prog['2.16.01']}.pagu`, '1,5 juta'],
      [`p.${prog['2.16.01']}.version`, ''],
    ])
    expect(bad.status).toBe(400)
    const b = formErrorOf(bad)
    expect(b).toMatchObject({ status: 'error', intent: 'pagu', formErrors: ['Pagu tidak disimpan: periksa isian yang ditandai.'] })
    expect(Object.keys(b.fieldErrors)).toEqual([`p.${prog['2.16.01']}.pagu`])
    expect(b.fieldErrors[`p.${prog['2.16.01']}.pagu`]![0]).toMatch(/^"1,5 juta" bukan jumlah rupiah yang sah/)
    // what was typed comes back for the form (both rows), the CSRF token does not
    expect(b.values).toEqual({ tahun: '2026', [`p.${prog['2.16.02']}.pagu`]: '1.500.000', [`p.${prog['2.16.01']}.pagu`]: '1,5 juta', [`p.${prog['2.16.01']}.version`]: '' })
    expect([await count('program_pagu'), await count('audit_log')]).toEqual(before)
    // a year that is not a year, and an empty form: 400 with the reason above the form, nothing written
    const noYear = await postPagu([
      ['tahun', '20x6'],
      [`p.${prog['2.16.02']}.pagu`, '1.000'],
    ])
    expect(noYear.status).toBe(400)
    expect(formErrorOf(noYear).fieldErrors).toEqual({ tahun: ['Tahun tidak valid.'] })
    const empty = await postPagu([
      ['tahun', '2026'],
      [`p.${prog['2.16.02']}.pagu`, ' '],
    ])
    expect(empty.status).toBe(400)
    expect(formErrorOf(empty).formErrors).toEqual(['Pagu tidak disimpan: periksa isian yang ditandai.', 'Belum ada pagu yang diisi.'])
    expect([await count('program_pagu'), await count('audit_log')]).toEqual(before)
    // the demo's pagu 2026 of 2.16.02: 800.000.000 × (1 + 0,1 × 5) = 1.200.000.000, version 1
    const demo = await t.db.selectFrom('program_pagu').selectAll().where('program_id', '=', prog['2.16.02']!).where('year', '=', 2026).executeTakeFirstOrThrow()
    expect([Number(demo.pagu), demo.version]).toEqual([1_200_000_000, 1])
    const good = await postPagu([
      ['tahun', '2026'],
      [`p.${prog['2.16.02']}.pagu`, '2.000.000'],
      [`p.${prog['2.16.02']}.version`, '1'],
    ])
    expect(good.status).toBe(200)
    expect(good.data).toEqual({ status: 'success', intent: 'pagu', message: '1 pagu tahun 2026 disimpan.' })
    const row = await t.db.selectFrom('program_pagu').selectAll().where('program_id', '=', prog['2.16.02']!).where('year', '=', 2026).executeTakeFirstOrThrow()
    expect([Number(row.pagu), row.version]).toEqual([2000000, 2])
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'program_pagu').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.action).toBe('update')
    // stale version → 409, nothing written
    const stale = await postPagu([
      ['tahun', '2026'],
      [`p.${prog['2.16.02']}.pagu`, '3.000.000'],
      [`p.${prog['2.16.02']}.version`, '1'],
    ])
    expect(stale.status).toBe(409)
    expect(stale.data).toMatchObject({ status: 'error', intent: 'pagu', fieldErrors: {}, values: { [`p.${prog['2.16.02']}.pagu`]: '3.000.000' } })
    expect(formErrorOf(stale).formErrors).toEqual([
      'Data sudah diubah oleh orang lain sejak halaman ini dimuat. Tidak ada yang disimpan.',
      '2.16.02: pagu 2026 sudah diubah orang lain; muat ulang halaman.',
    ])
    expect(Number((await t.db.selectFrom('program_pagu').select('pagu').where('id', '=', row.id).executeTakeFirstOrThrow()).pagu)).toBe(2000000)
  })

  it('the bidang enters realisasi anggaran: bad amount 400 nothing written; good submitted, then verified, audited', async () => {
    const id = prog['2.16.02']!
    const before = [await count('realisasi_anggaran'), await count('audit_log')]
    const bad = await postEntry([
      ['intent', 'anggaran_ajukan'],
      ['tahun', '2026'],
      ['triwulan', '3'],
      [`a.${id}.amount`, '500.000.00'],
      [`a.${id}.version`, ''],
    ])
    expect(bad.status).toBe(400)
    expect(having(dataOf(bad), 'anggaran').anggaran.message).toContain('Realisasi anggaran tidak disimpan')
    expect([await count('realisasi_anggaran'), await count('audit_log')]).toEqual(before)
    // a program of another bidang is refused
    const other = await postEntry([
      ['intent', 'anggaran'],
      ['tahun', '2026'],
      ['triwulan', '3'],
      [`a.${prog['2.16.01']}.amount`, '10'],
      [`a.${prog['2.16.01']}.version`, ''],
    ])
    expect(other.status).toBe(400)
    const good = await postEntry([
      ['intent', 'anggaran_ajukan'],
      ['tahun', '2026'],
      ['triwulan', '3'],
      [`a.${id}.amount`, '500.000,50'],
      [`a.${id}.version`, ''],
    ])
    expect(good.status).toBe(200)
    const row = await t.db.selectFrom('realisasi_anggaran').selectAll().where('program_id', '=', id).where('year', '=', 2026).where('quarter', '=', 3).executeTakeFirstOrThrow()
    expect([Number(row.amount), row.status, row.is_historical]).toEqual([500000.5, 'diajukan', 0])
    const v = await postVerif([
      ['intent', 'anggaran_verify'],
      ['id', String(row.id)],
      ['version', String(row.version)],
    ])
    expect(v.status).toBe(200)
    const after = await t.db.selectFrom('realisasi_anggaran').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
    expect([after.status, after.verified_by]).toEqual(['diverifikasi', plan.userId])
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'realisasi_anggaran').where('entity_id', '=', String(row.id)).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['submit', 'verify'])
  })

  it('budgetForPeriod: the demo TW I–II (180 jt + 300 jt) and the TW III 500.000,50 verified above, against pagu 2.000.000', async () => {
    await setPagu2M()
    await submitAndVerifyTw3()
    const opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    const lines = await budgetForPeriod(t.db, opdId, 2026, 3)
    const l = lines.find((x) => x.code === '2.16.02')!
    expect(l.pagu).toBe(2000000)
    // demo: 1.200.000.000 × 15 % and × 25 %
    expect(l.quarters).toEqual([180_000_000, 300_000_000, 500000.5, null])
    expect(l.total).toBe(480_500_000.5)
    expect(l.capaian).toBeCloseTo((480_500_000.5 / 2000000) * 100, 9)
    // up to TW II the TW III row does not count
    expect((await budgetForPeriod(t.db, opdId, 2026, 2)).find((x) => x.code === '2.16.02')!.total).toBe(480_000_000)
    // its kegiatan and sub kegiatan keep the demo pagu 1.200.000.000: TW I–II = 480 jt = 40 %
    for (const code of ['2.16.02.2.01', '2.16.02.2.01.0001']) {
      const k = lines.find((x) => x.code === code)!
      expect([k.pagu, k.total, k.capaian]).toEqual([1_200_000_000, 480_000_000, 40])
    }
    // 2021, a historical year: pagu 800 jt, four quarters 15 + 25 + 25 + 30 = 95 % = 760 jt
    const y2021 = (await budgetForPeriod(t.db, opdId, 2021, 4)).find((x) => x.code === '2.16.02')!
    expect([y2021.pagu, y2021.quarters, y2021.total, y2021.capaian]).toEqual([800_000_000, [120_000_000, 200_000_000, 200_000_000, 240_000_000], 760_000_000, 95])
  })

  it('demo budget: one kegiatan under each of the 7 programmes, 2 sub kegiatan, nomenclature codes; anggaran 2021–2025 historical and verified', async () => {
    const rows = await t.db.selectFrom('program').select(['code', 'kind', 'parent_id']).execute()
    expect(rows.filter((r) => r.kind === 'program')).toHaveLength(7)
    const keg = rows.filter((r) => r.kind === 'kegiatan')
    expect(keg).toHaveLength(7)
    for (const k of keg) expect(k.code).toMatch(/^\d\.\d{2}\.\d{2}\.\d\.\d{2}$/)
    const sub = rows.filter((r) => r.kind === 'subkegiatan')
    expect(sub.map((r) => r.code).sort()).toEqual(['2.16.01.2.01.0001', '2.16.02.2.01.0001'])
    // 16 budget lines (7 + 7 + 2) × 6 years of pagu; × (5 years × 4 + 2 quarters of 2026) of anggaran
    expect(await count('program_pagu')).toBe(16 * 6)
    const hist = await t.db.selectFrom('realisasi_anggaran').select(['year', 'status', 'is_historical']).where('year', '<', 2026).execute()
    expect(hist).toHaveLength(16 * 20)
    expect(hist.every((r) => r.status === 'diverifikasi' && r.is_historical === 1)).toBe(true)
    // the demo's 2021–2025 realisations are data historis, verified, never late
    const real = await t.db.selectFrom('realisasi').select(['status', 'is_historical', 'is_late']).where('year', '<', 2026).execute()
    expect(real.length).toBeGreaterThan(0)
    expect(real.every((r) => r.status === 'diverifikasi' && r.is_historical === 1 && r.is_late === 0)).toBe(true)
  })

  it('history import: a bad file lists every problem by row and column and writes nothing', async () => {
    const user = (await getSessionUser(new Request(ORIGIN, { headers: { Cookie: plan.cookie } }), t.db))!
    const before = [await count('realisasi'), await count('realisasi_anggaran'), await count('audit_log')]
    const bytes = await workbook(
      [
        ['TIDAK-ADA', 2024, 1, 5, ''],
        ['IKP-02', 2019, 1, 5, ''],
        ['IKP-02', 2026, 4, 5, ''],
        ['IKP-02', 2026, 4, 5, ''],
      ],
      [['9.99.99', 2024, 1, '1.000']],
    )
    const p = await previewHistorisImport(t.db, user, bytes, 'historis.xlsx')
    expect(p.messages).toEqual([
      'Baris 2, kolom A (Kode indikator): [Lembar Historis] kode indikator "TIDAK-ADA" tidak dikenal di Renstra OPD Anda.',
      'Baris 3, kolom B (Tahun): [Lembar Historis] tahun 2019 di luar periode Renstra indikator IKP-02 (2021–2026).',
      'Baris 4, kolom C (Triwulan): [Lembar Historis] Triwulan IV 2026 belum berakhir; data historis hanya untuk triwulan yang sudah lewat. Triwulan berjalan diisi lewat Input Realisasi.',
      'Baris 5, kolom C (Triwulan): [Lembar Historis] Triwulan IV 2026 belum berakhir; data historis hanya untuk triwulan yang sudah lewat. Triwulan berjalan diisi lewat Input Realisasi.',
      'Baris 5, kolom A (Kode indikator): [Lembar Historis] baris ganda: IKP-02 Triwulan IV 2026 sudah ada di baris 4.',
      'Baris 2, kolom A (Kode program): [Lembar Anggaran] kode program/kegiatan "9.99.99" tidak dikenal di Renstra OPD Anda.',
    ])
    const c = await commitHistorisImport(t.db, user, bytes, 'historis.xlsx', p.hash, null)
    expect(c.ok).toBe(false)
    expect([await count('realisasi'), await count('realisasi_anggaran'), await count('audit_log')]).toEqual(before)
  })

  it('history import: a good file stores exact rows verified, historical, not late, audited as historis', async () => {
    const user = (await getSessionUser(new Request(ORIGIN, { headers: { Cookie: plan.cookie } }), t.db))!
    // the demo's 2021 TW I row of IKP-02 is historical already: replaced; 2.16.02 2025 TW IV anggaran: new
    const bytes = await workbook([['IKP-02', 2021, 1, 91, 'Arsip 2021']], [['2.16.02', 2025, 4, '1.250.000']])
    const p = await previewHistorisImport(t.db, user, bytes, 'historis.xlsx')
    expect(p.messages).toEqual([])
    const c = await commitHistorisImport(t.db, user, bytes, 'historis.xlsx', p.hash, 'req-h')
    expect(c.ok).toBe(true)
    const ind = (await t.db.selectFrom('indicator').select('id').where('code', '=', 'IKP-02').executeTakeFirstOrThrow()).id
    const r = await t.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ind).where('year', '=', 2021).where('quarter', '=', 1).executeTakeFirstOrThrow()
    expect([Number(r.value), r.status, r.is_historical, r.is_late, r.verified_by, r.bukti_text]).toEqual([91, 'diverifikasi', 1, 0, plan.userId, 'Arsip 2021'])
    const a = await t.db
      .selectFrom('realisasi_anggaran')
      .selectAll()
      .where('program_id', '=', prog['2.16.02']!)
      .where('year', '=', 2025)
      .where('quarter', '=', 4)
      .executeTakeFirstOrThrow()
    expect([Number(a.amount), a.status, a.is_historical, a.verified_by]).toEqual([1250000, 'diverifikasi', 1, plan.userId])
    const audit = await t.db.selectFrom('audit_log').select(['entity', 'action', 'actor_id']).where('request_id', '=', 'req-h').orderBy('id').execute()
    expect(audit).toEqual([
      { entity: 'realisasi', action: 'historis', actor_id: plan.userId },
      { entity: 'realisasi_anggaran', action: 'historis', actor_id: plan.userId },
    ])
  })

  it('writes through the budget model: a new pagu is created; a draft is updated at its version, a stale one refused, then submitted and returned; a historical row is replaced', async () => {
    const id = prog['2.16.02']!
    // a pagu row that does not exist yet is inserted (version 1, audited as create)
    await t.db.deleteFrom('program_pagu').where('program_id', '=', prog['2.16.01']!).where('year', '=', 2026).execute()
    const created = await postPagu([
      ['tahun', '2026'],
      [`p.${prog['2.16.01']}.pagu`, '750.000'],
      [`p.${prog['2.16.01']}.version`, ''],
    ])
    expect(created.status).toBe(200)
    const pagu = await t.db.selectFrom('program_pagu').selectAll().where('program_id', '=', prog['2.16.01']!).where('year', '=', 2026).executeTakeFirstOrThrow()
    expect([Number(pagu.pagu), pagu.version, pagu.updated_by]).toEqual([750000, 1, plan.userId])
    const paguAudit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'program_pagu').where('entity_id', '=', String(pagu.id)).execute()
    expect(paguAudit.map((a) => a.action)).toEqual(['create'])

    // the bidang saves a draft, then changes it at version 1 → version 2
    const anggaran = (amount: string, version: string, intent = 'anggaran') =>
      postEntry([
        ['intent', intent],
        ['tahun', '2026'],
        ['triwulan', '3'],
        [`a.${id}.amount`, amount],
        [`a.${id}.version`, version],
      ])
    expect((await anggaran('100.000', '')).status).toBe(200)
    expect((await anggaran('120.000', '1')).status).toBe(200)
    const row = await t.db.selectFrom('realisasi_anggaran').selectAll().where('program_id', '=', id).where('year', '=', 2026).where('quarter', '=', 3).executeTakeFirstOrThrow()
    expect([Number(row.amount), row.status, row.version]).toEqual([120000, 'draft', 2])
    // the form loaded at version 1 is stale now: 409, the row stays as it is
    expect((await anggaran('130.000', '1')).status).toBe(409)
    const kept = await t.db.selectFrom('realisasi_anggaran').select(['amount', 'version']).where('id', '=', row.id).executeTakeFirstOrThrow()
    expect([Number(kept.amount), kept.version]).toEqual([120000, 2])
    // submitted (version 3), then returned by the perencanaan with a note (version 4)
    expect((await anggaran('120.000', '2', 'anggaran_ajukan')).status).toBe(200)
    const ret = await postVerif([
      ['intent', 'anggaran_return'],
      ['id', String(row.id)],
      ['version', '3'],
      ['catatan', 'Lampirkan SP2D.'],
    ])
    expect(ret.status).toBe(200)
    const back = await t.db.selectFrom('realisasi_anggaran').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
    expect([back.status, back.return_note, back.version]).toEqual(['dikembalikan', 'Lampirkan SP2D.', 4])
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity', '=', 'realisasi_anggaran')
      .where('entity_id', '=', String(row.id))
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'create', reason: null },
      { action: 'update', reason: null },
      { action: 'submit', reason: null },
      { action: 'return', reason: 'Lampirkan SP2D.' },
    ])

    // the import replaces an earlier historical row: new amount, version + 1, the old one in the audit
    const old = await t.db
      .selectFrom('realisasi_anggaran')
      .selectAll()
      .where('program_id', '=', id)
      .where('is_historical', '=', 1)
      .orderBy('year')
      .orderBy('quarter')
      .executeTakeFirstOrThrow()
    const user = (await getSessionUser(new Request(ORIGIN, { headers: { Cookie: plan.cookie } }), t.db))!
    const bytes = await workbook([], [['2.16.02', old.year, old.quarter, '4.321.000']])
    const p = await previewHistorisImport(t.db, user, bytes, 'historis.xlsx')
    expect(p.messages).toEqual([])
    expect((await commitHistorisImport(t.db, user, bytes, 'historis.xlsx', p.hash, 'req-r')).ok).toBe(true)
    const replaced = await t.db.selectFrom('realisasi_anggaran').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow()
    expect([Number(replaced.amount), replaced.status, replaced.is_historical, replaced.version, replaced.verified_by]).toEqual([
      4321000,
      'diverifikasi',
      1,
      old.version + 1,
      plan.userId,
    ])
    const hist = await t.db.selectFrom('audit_log').select(['entity_id', 'action', 'before_json']).where('request_id', '=', 'req-r').execute()
    expect(hist.map((h) => [h.entity_id, h.action, h.before_json != null])).toEqual([[String(old.id), 'historis', true]])
  })
})
