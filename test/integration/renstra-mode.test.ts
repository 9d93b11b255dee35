// Renstra mode per indicator (akumulasi / tahun_akhir): migration 0005 and its backfill, the
// Renstra form (validated, audited), the Renstra workbook import's optional column, the engine's
// Renstra-to-date value and the indicator page.
import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, dataOf, having, loadData } from '../helpers/call.js'
import { formErrorOf, openWorkbook } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { migrations } from '../../db/migrations/index.js'
import { migrateToLatest } from '../../db/migrate.js'
import { seedDemo } from '../../seeds/demo.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import type { Period } from '../../app/domain/types.js'
import { action as editAction, loader as editLoader } from '../../app/routes/renstra.indikator.$id.js'
import { action as newAction } from '../../app/routes/renstra.indikator.baru.js'
import { loader as indicatorLoader } from '../../app/routes/indikator.$id.js'
import { loader as laporanLoader } from '../../app/routes/laporan.$jenis.js'
import { action as renstraImportAction } from '../../app/routes/impor.renstra.js'
import { INDICATOR_FIELDS, quarterField, targetField, type IndicatorFormValues } from '../../app/utils/renstra-fields.js'

const NOW = new Date('2026-11-29T03:00:00Z')
const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
type Session = { cookie: string; csrf: string; userId: number }
type Entries = [string, string][]

function entriesOf(v: IndicatorFormValues, years: number[]): Entries {
  const out: Entries = INDICATOR_FIELDS.map((f) => [f, v.fields[f]])
  for (const y of years) {
    out.push([targetField(y), v.targets[y] ?? ''])
    for (let q = 1; q <= 4; q++) out.push([quarterField(y, q), v.quarters[`${y}-${q}`] ?? ''])
  }
  if (v.reason) out.push(['reason', v.reason])
  return out
}

describe.each(DB_KINDS)('Renstra mode (%s)', (kind) => {
  it('migration 0005 backfills every indicator by its pola ukur (kumulatif → akumulasi, others → tahun_akhir) and the column refuses other words', async () => {
    const t = await createTestDb(kind, { migrate: false })
    try {
      const m = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } })
      // the demo, then every migration from 0005 on rolled back: the data as it was before the column existed
      await migrateToLatest(t.db)
      await seedDemo(t.db)
      const down = await m.migrateTo('0004_audit_opd')
      expect(down.error).toBeUndefined()
      const up = await m.migrateTo('0005_renstra_mode')
      expect(up.error).toBeUndefined()
      expect(up.results?.map((r) => `${r.direction} ${r.migrationName}`)).toEqual(['Up 0005_renstra_mode'])
      const rows = await t.db.selectFrom('indicator').select(['code', 'pola_ukur', 'renstra_mode']).orderBy('code').execute()
      expect(rows).toHaveLength(22)
      for (const r of rows) expect(r.renstra_mode, r.code).toBe(r.pola_ukur === 'kumulatif' ? 'akumulasi' : 'tahun_akhir')
      expect(rows.filter((r) => r.renstra_mode === 'akumulasi').map((r) => r.code)).toEqual(['IKP-02', 'IKP-08', 'INF-02', 'SEK-02'])
      // the column's type refuses the word already: written as raw SQL, the database must refuse it too
      await expect(sql`update indicator set renstra_mode = ${'bulanan'} where code = ${'IKP-01'}`.execute(t.db)).rejects.toThrow()
      expect((await t.db.selectFrom('indicator').select('renstra_mode').where('code', '=', 'IKP-01').executeTakeFirstOrThrow()).renstra_mode).toBe('tahun_akhir')
    } finally {
      await t.drop()
    }
  })

  describe('on the demo', () => {
    let plan: Session
    let opdId: number
    // the clock is set before the demo is seeded into the template
    beforeAll(() => setClock(() => NOW))
    afterAll(() => setClock(null))
    const t = useTestDb(kind, {
      seed: true,
      global: true,
      // the OPD's id and the perencanaan's session are part of every test's database
      setup: async (db) => {
        opdId = (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
        plan = await loginAs(db, 'perencanaan')
      },
    })
    const idOf = async (code: string) => (await t.db.selectFrom('indicator').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
    const row = (code: string) => t.db.selectFrom('indicator').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
    const auditCount = async () =>
      Number(
        (
          await t.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    async function editForm(id: number) {
      const d = await loadData(editLoader, `/renstra/indikator/${id}`, { session: plan, params: { id: String(id) } })
      return { values: structuredClone(d.values), version: d.indicator.version, years: d.years }
    }
    const edit = (id: number, form: Entries) => callAction(editAction, `/renstra/indikator/${id}`, { session: plan, form, params: { id: String(id) } })
    /** INF-02 set to tahun_akhir with end target 24 through the Renstra form (as the first test does). */
    async function inf02TahunAkhir() {
      const id = await idOf('INF-02')
      const form = await editForm(id)
      const v = {
        ...form.values,
        fields: { ...form.values.fields, renstra_mode: 'tahun_akhir', target_akhir: '24' },
        reason: 'Target akhir Renstra: paling lama 24 jam gangguan setahun pada 2026.',
      }
      const saved = await edit(id, [['intent', 'simpan'], ['version', String(form.version)], ...entriesOf(v, form.years)])
      expect(saved.status).toBe(302)
    }

    it('Renstra form: INF-02 (downtime hours, kumulatif turun) set to tahun_akhir with end target 24; the engine and the indicator page follow, audited', async () => {
      const id = await idOf('INF-02')
      const form = await editForm(id)
      // stored null (the seed sets none) → the form shows the pola ukur's default
      expect((await row('INF-02')).renstra_mode).toBeNull()
      expect(form.values.fields.renstra_mode).toBe('akumulasi')

      // an unknown mode is refused in Indonesian, nothing written
      const audits = await auditCount()
      const bad = await edit(id, [
        ['intent', 'simpan'],
        ['version', String(form.version)],
        ...entriesOf({ ...form.values, fields: { ...form.values.fields, renstra_mode: 'bulanan' } }, form.years),
      ])
      expect(bad.response?.status).toBe(400)
      expect(formErrorOf(bad).fieldErrors.renstra_mode).toEqual(['Mode Renstra "bulanan" tidak dikenal; pilih salah satu yang tersedia.'])
      expect(await auditCount()).toBe(audits)
      expect((await row('INF-02')).version).toBe(form.version)

      const v = {
        ...form.values,
        fields: { ...form.values.fields, renstra_mode: 'tahun_akhir', target_akhir: '24' },
        reason: 'Target akhir Renstra: paling lama 24 jam gangguan setahun pada 2026.',
      }
      const saved = await edit(id, [['intent', 'simpan'], ['version', String(form.version)], ...entriesOf(v, form.years)])
      expect(saved.response?.status).toBe(302)
      const after = await row('INF-02')
      expect(after.renstra_mode).toBe('tahun_akhir')
      expect(Number(after.target_akhir)).toBe(24)
      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'indicator')
        .where('entity_id', '=', String(id))
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow()
      expect(JSON.parse(audit.before_json!).renstra_mode).toBe('akumulasi')
      expect(JSON.parse(audit.after_json!).renstra_mode).toBe('tahun_akhir')

      // the engine: Renstra to date after 2025 = the 2025 hours (sum of its four quarters) against 24
      const q2025 = await t.db.selectFrom('realisasi').select(['quarter', 'value']).where('indicator_id', '=', id).where('year', '=', 2025).orderBy('quarter').execute()
      expect(q2025).toHaveLength(4)
      const hours2025 = q2025.reduce((s, r) => s + Number(r.value), 0)
      const q2024 = await t.db.selectFrom('realisasi').select('value').where('indicator_id', '=', id).where('year', '=', 2024).execute()
      const hours2024 = q2024.reduce((s, r) => s + Number(r.value), 0)
      const bundle = await scoreScope(t.db, { opdId }, FULL_2025, NOW)
      const r = bundle.result.indicators.find((x) => x.indicatorId === id)!
      expect(r.renstra.mode).toBe('tahun_akhir')
      expect(r.renstra.target).toBe(24)
      expect(r.renstra.realisasi).toBeCloseTo(hours2025, 9)
      expect(r.renstra.capaian).toBeCloseTo(Math.max(0, ((48 - hours2025) / 24) * 100), 9)
      expect(r.e81.realisasiSdTahunLalu).toBeCloseTo(hours2024, 9) // col 6: the 2024 hours, not 2021–2024 summed
      expect(r.e81.realisasiSdTahunIni).toBeCloseTo(hours2025, 9) // col 13

      const pv = (await loadData(indicatorLoader, `/indikator/${id}?tahun=2025&triwulan=4`, { session: plan, params: { id: String(id) } })).view
      expect(pv.renstra.mode).toBe('tahun_akhir')
      expect(pv.renstra.modeLabel).toBe('Tahun akhir')
      expect(pv.renstra.capaian).toBe(r.renstra.capaian)
      expect(pv.renstra.targetText).toBe('24,00')
    })

    it('a new kumulatif indicator with the mode left blank gets akumulasi; a rata_rata one tahun_akhir', async () => {
      const periodId = (await t.db.selectFrom('renstra_period').select('id').executeTakeFirstOrThrow()).id
      const unitId = (await row('IKP-02')).unit_id
      const base = (code: string, pola: string): Entries => [
        ['intent', 'simpan'],
        ['period_id', String(periodId)],
        ['code', code],
        ['name', `Indikator uji ${code}`],
        ['satuan', 'kegiatan'],
        ['polarity', 'naik'],
        ['pola_ukur', pola],
        ['renstra_mode', ''],
        ['aspect', 'layanan'],
        ['strategy', 'budaya'],
        ['weight', '1'],
        ['unit_id', String(unitId)],
        ...[2021, 2022, 2023, 2024, 2025, 2026].map((y): [string, string] => [targetField(y), '8']),
      ]
      for (const [code, pola, mode] of [
        ['UJI-01', 'kumulatif', 'akumulasi'],
        ['UJI-02', 'rata_rata', 'tahun_akhir'],
      ] as const) {
        const res = await callAction(newAction, '/renstra/indikator/baru', { session: plan, form: base(code, pola) })
        expect(res.status, JSON.stringify(res.data)).toBe(302)
        expect((await row(code)).renstra_mode).toBe(mode)
      }
    })

    it('Renstra workbook import: an optional "Mode Renstra" column; words accepted, an unknown one refused by row and column, blank keeps the mode', async () => {
      // INF-02 is tahun_akhir (set through the Renstra form, as in the test above)
      await inf02TahunAkhir()
      const { response: res } = await callLoader(laporanLoader, '/laporan/templat-renstra.xlsx?tahun=2026', { session: plan, params: { jenis: 'templat-renstra.xlsx' } })
      expect(res?.status).toBe(200)
      const wb = await openWorkbook(await res!.arrayBuffer())
      const ws = wb.getWorksheet('Indikator')!
      const header = ws.getRow(6)
      const modeCol = header.cellCount + 1
      header.getCell(modeCol).value = 'Mode Renstra'
      const rowOf = (code: string) => {
        for (let r = 7; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === code) return r
        throw new Error(code)
      }
      ws.getCell(rowOf('IKP-02'), modeCol).value = 'Tahun akhir'
      ws.getCell(rowOf('APL-02'), modeCol).value = 'akumulasi'
      // INF-02 (tahun_akhir since the test above) left blank: keeps its mode
      ws.getCell(rowOf('IKP-08'), modeCol).value = 'bulanan'
      const send = async (fields: Record<string, string>, bytes: Uint8Array) => {
        const form: [string, string | File][] = [...Object.entries(fields), ['berkas', new File([bytes as BlobPart], 'renstra.xlsx', { type: XLSX_MIME })]]
        const r = await callAction(renstraImportAction, '/impor/renstra', { session: plan, form })
        const d = dataOf(r)
        return { status: r.status, data: { ...d, plan: having(d, 'plan').plan! } }
      }
      const bad = await send({ intent: 'periksa' }, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer))
      expect(bad.status).toBe(400)
      expect(bad.data.plan.errors.map((e) => [e.row, e.columnName, e.message])).toEqual([
        [rowOf('IKP-08'), 'Mode Renstra', '"bulanan" bukan mode Renstra yang dikenal; pilih salah satu: akumulasi, tahun akhir.'],
      ])

      ws.getCell(rowOf('IKP-08'), modeCol).value = null
      const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
      const p = await send({ intent: 'periksa' }, bytes)
      expect(p.data.plan.errors).toEqual([])
      const changed = p.data.plan.rows.filter((x) => x.kind !== 'tetap')
      expect(changed.map((x) => [x.code, x.changes])).toEqual([
        ['IKP-02', [{ field: 'Mode Renstra', before: 'akumulasi', after: 'tahun_akhir' }]],
        ['APL-02', [{ field: 'Mode Renstra', before: 'tahun_akhir', after: 'akumulasi' }]],
      ])
      const c = await send({ intent: 'simpan', rencana: p.data.plan.hash }, bytes)
      expect(c.status).toBe(200)
      expect([(await row('IKP-02')).renstra_mode, (await row('APL-02')).renstra_mode, (await row('INF-02')).renstra_mode, (await row('IKP-08')).renstra_mode]).toEqual([
        'tahun_akhir',
        'akumulasi',
        'tahun_akhir',
        null, // untouched: still the default of its pola ukur
      ])
    })
  })
})
