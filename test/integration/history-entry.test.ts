// Data historis typed by hand on /impor/historis/isi (domain §8): perencanaan enters one past
// quarter of one indicator without a workbook. Bad input → an Indonesian message beside the field
// and nothing written (realisasi and audit_log counts unchanged); good input → a verified,
// historical, never-late row with an audit row naming who and when; a kepala bidang is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { indicatorIds } from '../helpers/fixtures-a.js'
import { loginAs } from '../helpers/http.js'
import { callAction, loadData } from '../helpers/call.js'
import { formErrorOf } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { action, loader } from '../../app/routes/impor.historis_.isi.js'

const NOW = new Date('2026-11-29T03:00:00Z')
type Session = { cookie: string; csrf: string; userId: number }

describe.each(DB_KINDS)('data historis typed by hand on %s', (kind) => {
  let plan: Session
  let kabid: Session
  const ind: Record<string, number> = {}
  // the clock is set before the demo is seeded into the template
  beforeAll(() => setClock(() => NOW))
  afterAll(() => setClock(null))
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    // the indicators' ids and both sessions are part of every test's database
    setup: async (db) => {
      Object.assign(ind, await indicatorIds(db))
      plan = await loginAs(db, 'perencanaan')
      kabid = await loginAs(db, 'kabid.ikp')
    },
  })
  const count = async (table: 'realisasi' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const send = (s: Session, form: Record<string, string>) => callAction(action, '/impor/historis/isi', { session: s, form })
  const rowOf = (code: string, year: number, quarter: number) =>
    t.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ind[code]!).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirst()

  it('the page lists the OPD indicators and the Renstra years', async () => {
    const d = await loadData(loader, '/impor/historis/isi', { session: plan })
    expect(d.indicators).toHaveLength(22)
    expect(d.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026])
  })

  it('bad input: a message in Indonesian beside the field, nothing written', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ indikator: String(ind['IKP-04']), tahun: '2023', triwulan: '2', nilai: 'Baik' }, 'nilai', /"Baik" bukan angka/],
      [{ indikator: String(ind['IKP-04']), tahun: '2023', triwulan: '2', nilai: '' }, 'nilai', /Nilai realisasi wajib diisi/],
      [{ indikator: String(ind['IKP-04']), tahun: '23', triwulan: '2', nilai: '70' }, 'tahun', /empat digit/],
      [{ indikator: String(ind['IKP-04']), tahun: '2023', triwulan: '5', nilai: '70' }, 'triwulan', /triwulan I, II, III atau IV/],
      [{ indikator: String(ind['IKP-04']), tahun: '2019', triwulan: '2', nilai: '70' }, 'tahun', /Tahun 2019 di luar periode Renstra 2021–2026/],
      [{ indikator: String(ind['IKP-04']), tahun: '2026', triwulan: '4', nilai: '70' }, 'triwulan', /Triwulan IV 2026 belum berakhir/],
      [{ indikator: String(ind['IKP-01']), tahun: '2023', triwulan: '2', nilai: '150' }, 'nilai', /di atas batas atas 100/],
      [{ indikator: String(ind['IKP-01']), tahun: '2026', triwulan: '1', nilai: '90' }, 'triwulan', /IKP-01 Triwulan I 2026 sudah punya realisasi yang diisi lewat aplikasi/],
      [{ indikator: '999999', tahun: '2023', triwulan: '2', nilai: '70' }, 'indikator', /Indikator tidak ditemukan di Renstra OPD Anda/],
      [{ indikator: String(ind['IKP-04']), tahun: '2023', triwulan: '2', nilai: '1.234,5' }, 'nilai', /lebih dari satu pemisah/],
    ]
    const before = [await count('realisasi'), await count('audit_log')]
    const ikp01 = await rowOf('IKP-01', 2026, 1)
    for (const [fields, field, message] of cases) {
      const r = await send(plan, fields)
      expect(r.status, JSON.stringify(fields)).toBe(400)
      const res = formErrorOf(r)
      expect(res.status).toBe('error')
      expect(res.fieldErrors[field]?.[0], JSON.stringify(fields)).toMatch(message)
      expect(res.formErrors[0]).toMatch(/^Data historis tidak disimpan/)
      expect(res.values.nilai).toBe(fields.nilai) // what was typed comes back
    }
    expect([await count('realisasi'), await count('audit_log')]).toEqual(before)
    expect(await rowOf('IKP-01', 2026, 1)).toEqual(ikp01)
  })

  it('good input: stored verified, historical, never late, audited with who and when', async () => {
    // IKP-04 is "rilis": the demo has no TW II value, so this is a new row
    expect(await rowOf('IKP-04', 2023, 2)).toBeUndefined()
    const before = [await count('realisasi'), await count('audit_log')]
    const r = await send(plan, { indikator: String(ind['IKP-04']), tahun: '2023', triwulan: '2', nilai: '79,5', bukti: 'Laporan SKM semester I 2023' })
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ status: 'success', intent: 'historis', message: 'IKP-04 Triwulan II 2023 disimpan sebagai data historis (terverifikasi, tidak terlambat).' })
    expect([await count('realisasi'), await count('audit_log')]).toEqual([before[0]! + 1, before[1]! + 1])
    const row = (await rowOf('IKP-04', 2023, 2))!
    expect(Number(row.value)).toBe(79.5)
    expect(row.bukti_text).toBe('Laporan SKM semester I 2023')
    expect([row.status, row.is_historical, row.is_late, row.verified_by, row.entered_by]).toEqual(['diverifikasi', 1, 0, plan.userId, plan.userId])
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'realisasi').where('entity_id', '=', String(row.id)).execute()
    expect(audit).toHaveLength(1)
    expect([audit[0]!.action, audit[0]!.actor_username, audit[0]!.reason]).toEqual(['historis', 'perencanaan', 'Data historis diisi manual'])
    expect(audit[0]!.occurred_at).toMatch(/^2026-11-29 03:00:00/)
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ value: 79.5, status: 'diverifikasi', is_late: 0 })
  })

  it('an earlier historical value is replaced (version + 1, before and after in the audit)', async () => {
    const prev = (await rowOf('IKP-01', 2021, 1))!
    expect(prev.is_historical).toBe(1)
    const r = await send(plan, { indikator: String(ind['IKP-01']), tahun: '2021', triwulan: '1', nilai: '71.25' })
    expect(r.status).toBe(200)
    const row = (await rowOf('IKP-01', 2021, 1))!
    expect([Number(row.value), row.version, row.is_historical, row.is_late, row.bukti_text]).toEqual([71.25, prev.version + 1, 1, 0, null])
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'realisasi')
      .where('entity_id', '=', String(row.id))
      .where('action', '=', 'historis')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.before_json!).value).toBe(Number(prev.value))
  })

  it('a kepala bidang may not enter history (403), nothing written', async () => {
    const before = await count('realisasi')
    const r = await send(kabid, { indikator: String(ind['IKP-04']), tahun: '2022', triwulan: '2', nilai: '70' })
    expect(r.status).toBe(403)
    expect(await count('realisasi')).toBe(before)
  })
})
