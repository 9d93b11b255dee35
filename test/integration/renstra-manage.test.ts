// Renstra management (perencanaan): indicators with annual and quarterly targets, the reason rule for
// years with verified realisations, optimistic concurrency, soft delete / restore, the tujuan →
// sasaran → program tree, Renstra periods (new, overlapping, closed) and the role matrix — each
// change with its audit rows, and nothing written when refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bumpDataVersion } from '../../db/version.js'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { indicatorIds } from '../helpers/fixtures-a.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, dataOf, loadData, type RouteFn } from '../helpers/call.js'
import { formErrorOf } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { action as editAction, loader as editLoader } from '../../app/routes/renstra.indikator.$id.js'
import { action as newAction, loader as newLoader } from '../../app/routes/renstra.indikator.baru.js'
import { action as kelolaAction, loader as kelolaLoader } from '../../app/routes/renstra.kelola.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { INDICATOR_FIELDS, quarterField, targetField, type IndicatorFormValues } from '../../app/utils/renstra-fields.js'

const NOW = new Date('2026-11-29T03:00:00Z')
type Session = { cookie: string; csrf: string; userId: number }
type Entries = [string, string][]

/** Form values → posted entries (as the browser would send the indicator form). */
function entriesOf(v: IndicatorFormValues, years: number[]): Entries {
  const out: Entries = INDICATOR_FIELDS.map((f) => [f, v.fields[f]])
  for (const y of years) {
    out.push([targetField(y), v.targets[y] ?? ''])
    for (let q = 1; q <= 4; q++) out.push([quarterField(y, q), v.quarters[`${y}-${q}`] ?? ''])
  }
  if (v.reason) out.push(['reason', v.reason])
  return out
}

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026]

describe.each(DB_KINDS)('Kelola Renstra on %s', (kind) => {
  let plan: Session
  let others: Record<string, Session>
  const ids: Record<string, number> = {}
  let periodId: number
  let opdId: number
  let unitIkp: number
  let sasaranS21: number
  // the clock is set before the demo is seeded into the template
  beforeAll(() => setClock(() => NOW))
  afterAll(() => setClock(null))
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    // ids of the demo's rows and every role's session are part of each test's database
    setup: async (db) => {
      Object.assign(ids, await indicatorIds(db))
      const p = await db.selectFrom('renstra_period').selectAll().executeTakeFirstOrThrow()
      periodId = p.id
      opdId = p.opd_id
      unitIkp = (await db.selectFrom('org_unit').select('id').where('code', 'like', '%-IKP').where('parent_id', '=', opdId).executeTakeFirstOrThrow()).id
      sasaranS21 = (await db.selectFrom('sasaran').select('id').where('code', '=', 'S2.1').executeTakeFirstOrThrow()).id
      plan = await loginAs(db, 'perencanaan')
      others = {}
      for (const u of ['kabid.ikp', 'sekretaris', 'kadis', 'auditor', 'admin']) others[u] = await loginAs(db, u)
    },
  })

  const count = async (table: 'indicator' | 'indicator_target' | 'indicator_quarter_target' | 'audit_log' | 'realisasi' | 'renstra_period' | 'tujuan' | 'sasaran' | 'program') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const counts = async () => ({
    indicator: await count('indicator'),
    indicator_target: await count('indicator_target'),
    indicator_quarter_target: await count('indicator_quarter_target'),
    audit_log: await count('audit_log'),
    renstra_period: await count('renstra_period'),
    tujuan: await count('tujuan'),
    sasaran: await count('sasaran'),
    program: await count('program'),
  })
  const target = async (indicatorId: number, year: number) =>
    Number((await t.db.selectFrom('indicator_target').select('target').where('indicator_id', '=', indicatorId).where('year', '=', year).executeTakeFirstOrThrow()).target)
  const indicatorRow = (id: number) => t.db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const auditRows = (entity: string, entityId: string) =>
    t.db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute()

  const create = (s: Session, form: Entries) => callAction(newAction, '/renstra/indikator/baru', { session: s, form })
  const edit = (s: Session, id: number, form: Entries) => callAction(editAction, `/renstra/indikator/${id}`, { session: s, form, params: { id: String(id) } })
  const kelola = (s: Session, form: Entries, query = '') => callAction(kelolaAction, `/renstra/kelola${query}`, { session: s, form })
  const view = <F extends RouteFn>(loader: F, path: string, params: Record<string, string> = {}) => loadData(loader, path, { session: plan, params })

  /** The edit page's values for an indicator (through the loader), plus its version. */
  async function editForm(id: number) {
    const d = await view(editLoader, `/renstra/indikator/${id}`, { id: String(id) })
    return {
      values: structuredClone(d.values),
      version: d.indicator.version,
      years: d.years,
      verifiedYears: d.verifiedYears,
    }
  }
  const withVersion = (entries: Entries, version: number): Entries => [['intent', 'simpan'], ['version', String(version)], ...entries]

  function newIndicatorEntries(overrides: Record<string, string> = {}): Entries {
    const base: Record<string, string> = {
      intent: 'simpan',
      period_id: String(periodId),
      code: 'IKP-10',
      name: 'Persentase konten hoaks yang diklarifikasi dalam 24 jam',
      satuan: 'persen',
      polarity: 'naik',
      pola_ukur: 'rata_rata',
      aspect: 'layanan',
      strategy: 'budaya',
      weight: '1,5',
      unit_id: String(unitIkp),
      sasaran_id: String(sasaranS21),
      program_id: '',
      baseline: '40',
      baseline_year: '2020',
      target_akhir: '80',
      min_value: '0',
      max_value: '100',
      definition: 'Jumlah klarifikasi dalam 24 jam dibagi jumlah isu hoaks yang terdeteksi.',
      [targetField(2021)]: '50',
      [targetField(2022)]: '55',
      [targetField(2023)]: '62,5',
      [targetField(2024)]: '65.5',
      [targetField(2025)]: '70',
      [targetField(2026)]: '80',
      [quarterField(2026, 1)]: '72,25',
      ...overrides,
    }
    return Object.entries(base)
  }

  /** IKP-10 created through the form as the first test does (targets 2021–2026, TW I 2026); its id. */
  async function createIkp10(): Promise<number> {
    const { response } = await create(plan, newIndicatorEntries())
    expect(response?.status).toBe(302)
    return Number(/indikator\/(\d+)/.exec(response!.headers.get('Location')!)![1])
  }
  const IKP01_REASON = 'Renstra Perubahan 2025 (Perwako No. 7/2025): target dinaikkan.'
  /** IKP-01's 2025 target raised from 90 to 91,5 with a reason, as the reason test does. */
  async function raiseIkp01Target2025() {
    const id = ids['IKP-01']!
    const form = await editForm(id)
    form.values.targets['2025'] = '91,5'
    form.values.reason = IKP01_REASON
    const saved = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
    expect(saved.status).toBe(302)
  }
  /** The period 2027–2031 added on the kelola page, as the period test does; its id. */
  async function addPeriod2027(): Promise<number> {
    const ok = await kelola(plan, [
      ['intent', 'periode.tambah'],
      ['form_key', 'periode:baru'],
      ['start_year', '2027'],
      ['end_year', '2031'],
      ['name', ''],
    ])
    expect(ok.status).toBe(302)
    return (await t.db.selectFrom('renstra_period').select('id').where('start_year', '=', 2027).executeTakeFirstOrThrow()).id
  }

  it('creates an indicator with targets 2021–2026 (comma and dot decimals) and writes its audit rows', async () => {
    const before = await counts()
    const { response } = await create(plan, newIndicatorEntries())
    expect(response?.status).toBe(302)
    const location = response!.headers.get('Location')!
    expect(location).toMatch(/^\/renstra\/indikator\/\d+\?pesan=dibuat$/)
    const id = Number(/indikator\/(\d+)/.exec(location)![1])

    const row = await indicatorRow(id)
    expect(row).toMatchObject({
      code: 'IKP-10',
      period_id: periodId,
      unit_id: unitIkp,
      sasaran_id: sasaranS21,
      program_id: null,
      polarity: 'naik',
      pola_ukur: 'rata_rata',
      aspect: 'layanan',
      strategy: 'budaya',
      version: 1,
      deleted_at: null,
    })
    expect(Number(row.weight)).toBe(1.5)
    expect(Number(row.target_akhir)).toBe(80)
    expect(Number(row.max_value)).toBe(100)
    const targets = await t.db.selectFrom('indicator_target').select(['year', 'target']).where('indicator_id', '=', id).orderBy('year').execute()
    expect(targets.map((r) => [r.year, Number(r.target)])).toEqual([
      [2021, 50],
      [2022, 55],
      [2023, 62.5],
      [2024, 65.5],
      [2025, 70],
      [2026, 80],
    ])
    const q = await t.db.selectFrom('indicator_quarter_target').select(['year', 'quarter', 'target']).where('indicator_id', '=', id).execute()
    expect(q.map((r) => [r.year, r.quarter, Number(r.target)])).toEqual([[2026, 1, 72.25]])

    const after = await counts()
    expect(after.indicator - before.indicator).toBe(1)
    expect(after.indicator_target - before.indicator_target).toBe(6)
    expect(after.audit_log - before.audit_log).toBe(7) // the indicator + one row per year
    const [created] = await auditRows('indicator', String(id))
    expect(created).toMatchObject({ action: 'create', actor_username: 'perencanaan', actor_role: 'perencanaan', request_id: 'test-request', before_json: null })
    expect(JSON.parse(created!.after_json!)).toMatchObject({ code: 'IKP-10', weight: 1.5, version: 1 })
    const y2023 = await auditRows('indicator_target', `${id}:2023`)
    expect(y2023).toHaveLength(1)
    expect(JSON.parse(y2023[0]!.after_json!)).toEqual({ indicator_id: id, year: 2023, target: 62.5 })
    const y2026 = await auditRows('indicator_target', `${id}:2026`)
    expect(JSON.parse(y2026[0]!.after_json!)).toEqual({ indicator_id: id, year: 2026, target: 80, tw1: 72.25 })
  })

  it('refuses a duplicate code (also in another case) with an Indonesian message and writes nothing', async () => {
    const before = await counts()
    for (const code of ['IKP-01', 'ikp-01']) {
      const created = await create(plan, newIndicatorEntries({ code }))
      expect(created.status).toBe(400)
      const d = formErrorOf(created)
      expect(d.status).toBe('error')
      expect(d.intent).toBe('simpan')
      expect(d.fieldErrors.code).toEqual([expect.stringMatching(/^Kode IKP-01 sudah dipakai indikator lain pada periode ini/)])
      expect(d.values.code).toBe(code) // what was typed is kept
      expect(d.values.name).toBe('Persentase konten hoaks yang diklarifikasi dalam 24 jam')
      expect(d.values[targetField(2023)]).toBe('62,5')
      expect(d.values._csrf).toBeUndefined()
    }
    expect(await counts()).toEqual(before)
  })

  it('lists every problem at once and keeps what was typed', async () => {
    const before = await counts()
    const created = await create(
      plan,
      newIndicatorEntries({
        code: 'IKP 11',
        weight: '0',
        polarity: 'sideways',
        min_value: '10',
        max_value: '5',
        [targetField(2022)]: 'dua puluh',
        [targetField(2025)]: '',
        [targetField(2024)]: '1.234,5',
      }),
    )
    expect(created.status).toBe(400)
    const d = formErrorOf(created)
    expect(d.fieldErrors.code).toEqual([expect.stringMatching(/tanpa spasi/)])
    expect(d.fieldErrors.weight).toEqual(['Bobot harus lebih besar dari 0.'])
    expect(d.fieldErrors.polarity![0]).toMatch(/tidak dikenal/)
    expect(d.fieldErrors.max_value![0]).toMatch(/tidak boleh lebih kecil/)
    expect(d.fieldErrors[targetField(2022)]![0]).toMatch(/bukan angka/)
    expect(d.fieldErrors[targetField(2025)]).toEqual(['Target tahun 2025 wajib diisi.'])
    expect(d.fieldErrors[targetField(2024)]![0]).toMatch(/pemisah/)
    const fields = Object.keys(d.fieldErrors)
    expect(fields.length).toBeGreaterThanOrEqual(7)
    expect(d.formErrors).toEqual([`Ada ${fields.length} masalah; tidak ada yang disimpan. Perbaiki lalu kirim lagi.`])
    // problems follow the order of the form
    expect(fields.indexOf('code')).toBeLessThan(fields.indexOf('weight'))
    expect(fields.indexOf('weight')).toBeLessThan(fields.indexOf('max_value'))
    expect(fields.indexOf(targetField(2022))).toBeLessThan(fields.indexOf(targetField(2024)))
    expect(fields.indexOf(targetField(2024))).toBeLessThan(fields.indexOf(targetField(2025)))
    expect(d.values[targetField(2022)]).toBe('dua puluh')
    expect(d.values.code).toBe('IKP 11')
    expect(await counts()).toEqual(before)
  })

  it('invalid input answers 400 with the typed values and writes nothing (no indicator, no target, no audit row)', async () => {
    const before = await counts()
    const auditBefore = await t.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst()
    const typed = { code: 'IKP-77', weight: 'satu', [targetField(2021)]: '12,5', [quarterField(2021, 3)]: 'x' }
    const created = await create(plan, newIndicatorEntries(typed))
    expect(created.status).toBe(400)
    const d = formErrorOf(created)
    expect(d).toMatchObject({ status: 'error', intent: 'simpan', reasonYears: [], conflict: null })
    expect(d.formErrors).toEqual(['Ada 2 masalah; tidak ada yang disimpan. Perbaiki lalu kirim lagi.'])
    expect(Object.keys(d.fieldErrors)).toEqual(['weight', quarterField(2021, 3)])
    expect(d.fieldErrors.weight![0]).toMatch(/bukan angka/)
    // every typed value comes back as typed, under its posted name
    expect(d.values).toMatchObject({ intent: 'simpan', period_id: String(periodId), ...typed, name: 'Persentase konten hoaks yang diklarifikasi dalam 24 jam' })
    expect(await t.db.selectFrom('indicator').select('id').where('code', '=', 'IKP-77').execute()).toEqual([])
    expect(await counts()).toEqual(before)
    expect(await t.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst()).toEqual(auditBefore)

    // an unknown action on the edit page: 400, nothing written
    const id = ids['IKP-01']!
    const odd = await edit(plan, id, [
      ['intent', 'hapus-semua'],
      ['version', '1'],
    ])
    expect(odd.status).toBe(400)
    expect(odd.data).toMatchObject({ status: 'error', intent: 'hapus-semua', formErrors: ['Tindakan tidak dikenal.'], fieldErrors: {} })
    expect(await counts()).toEqual(before)
  })

  it('checks targets against min/max and the quarterly rules of the pola ukur', async () => {
    const before = await counts()
    const over = await create(plan, newIndicatorEntries({ code: 'IKP-12', [targetField(2021)]: '120', [quarterField(2021, 2)]: '-1' }))
    expect(over.status).toBe(400)
    expect(formErrorOf(over).fieldErrors[targetField(2021)]).toEqual(['Tidak boleh lebih dari nilai maksimum 100.'])
    expect(formErrorOf(over).fieldErrors[quarterField(2021, 2)]).toEqual(['Tidak boleh negatif.'])

    const kum = await create(
      plan,
      newIndicatorEntries({
        code: 'IKP-12',
        pola_ukur: 'kumulatif',
        max_value: '',
        [targetField(2021)]: '100',
        [quarterField(2021, 1)]: '20',
        [quarterField(2021, 2)]: '20',
        [quarterField(2021, 3)]: '20',
        [quarterField(2021, 4)]: '20',
      }),
    )
    expect(kum.status).toBe(400)
    expect(formErrorOf(kum).fieldErrors[quarterField(2021, 1)]![0]).toMatch(/jumlah target TW I–IV 2021 \(80\) harus sama dengan target tahunan \(100\)/)

    const rilis = await create(plan, newIndicatorEntries({ code: 'IKP-12', pola_ukur: 'rilis' }))
    expect(rilis.status).toBe(400)
    expect(formErrorOf(rilis).fieldErrors[quarterField(2026, 1)]![0]).toMatch(/rilis tidak memakai target triwulan/)
    expect(await counts()).toEqual(before)
  })

  it('needs a reason to change a 2025 target (2025 has verified realisations); with one it saves and audits it', async () => {
    const id = ids['IKP-01']!
    const form = await editForm(id)
    expect(form.years).toEqual(YEARS)
    expect(form.verifiedYears).toEqual(YEARS) // 2021–2025 complete, 2026 TW I–II verified
    expect(await target(id, 2025)).toBe(90)
    form.values.targets['2025'] = '91,5'

    const before = await counts()
    const refused = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
    expect(refused.status).toBe(400)
    const d = formErrorOf(refused)
    expect(d.fieldErrors.reason).toEqual([expect.stringMatching(/^Alasan perubahan wajib diisi: target tahun 2025 diubah/)])
    expect(d.reasonYears).toEqual([2025])
    expect(d.conflict).toBeNull()
    expect(d.values[targetField(2025)]).toBe('91,5')
    expect(await counts()).toEqual(before)
    expect(await target(id, 2025)).toBe(90)
    expect((await indicatorRow(id)).version).toBe(form.version)

    form.values.reason = 'Renstra Perubahan 2025 (Perwako No. 7/2025): target dinaikkan.'
    const saved = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
    expect(saved.status).toBe(302)
    expect(saved.response!.headers.get('Location')).toBe(`/renstra/indikator/${id}?pesan=disimpan`)
    expect(await target(id, 2025)).toBe(91.5)
    expect((await indicatorRow(id)).version).toBe(form.version + 1)
    const audits = await auditRows('indicator_target', `${id}:2025`)
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ action: 'update', reason: form.values.reason, actor_username: 'perencanaan', request_id: 'test-request' })
    expect(JSON.parse(audits[0]!.before_json!)).toEqual({ indicator_id: id, year: 2025, target: 90 })
    expect(JSON.parse(audits[0]!.after_json!)).toEqual({ indicator_id: id, year: 2025, target: 91.5 })
    const ind = await auditRows('indicator', String(id))
    expect(ind.at(-1)).toMatchObject({ action: 'update', reason: form.values.reason })
    // only the changed year got a target audit row
    expect(await auditRows('indicator_target', `${id}:2024`)).toHaveLength(0)
    const after = await counts()
    expect(after.audit_log - before.audit_log).toBe(2)
  })

  it('needs a reason for 2026 too: its TW I–II realisations are verified (TW III still awaiting verification)', async () => {
    const id = ids['IKP-02']!
    const statuses = await t.db.selectFrom('realisasi').select(['quarter', 'status']).where('indicator_id', '=', id).where('year', '=', 2026).orderBy('quarter').execute()
    expect(statuses).toEqual([
      { quarter: 1, status: 'diverifikasi' },
      { quarter: 2, status: 'diverifikasi' },
      { quarter: 3, status: 'diajukan' },
    ])
    const form = await editForm(id)
    expect(form.verifiedYears).toContain(2026)
    form.values.quarters['2026-4'] = '200' // a quarterly target counts as a target change too
    const before = await counts()
    const refused = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
    expect(refused.status).toBe(400)
    expect(formErrorOf(refused).fieldErrors.reason![0]).toMatch(/target tahun 2026 diubah/)
    expect(await counts()).toEqual(before)

    form.values.reason = 'Rencana aksi TW IV disesuaikan.'
    const saved = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
    expect(saved.status).toBe(302)
    const q4 = await t.db
      .selectFrom('indicator_quarter_target')
      .select('target')
      .where('indicator_id', '=', id)
      .where('year', '=', 2026)
      .where('quarter', '=', 4)
      .executeTakeFirstOrThrow()
    expect(Number(q4.target)).toBe(200)
    const [a] = await auditRows('indicator_target', `${id}:2026`)
    expect(a).toMatchObject({ action: 'update', reason: 'Rencana aksi TW IV disesuaikan.' })
    expect(JSON.parse(a!.after_json!)).toEqual({ indicator_id: id, year: 2026, target: 700, tw4: 200 })
  })

  it('saves a change without a reason when no target of a verified year changes', async () => {
    const id = await createIkp10() // new: no realisations at all
    const form = await editForm(id)
    expect(form.verifiedYears).toEqual([])
    form.values.targets['2025'] = '71'
    form.values.fields.name = 'Persentase isu hoaks yang diklarifikasi dalam 24 jam'
    const saved = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
    expect(saved.status).toBe(302)
    expect(await target(id, 2025)).toBe(71)
    expect((await indicatorRow(id)).name).toBe('Persentase isu hoaks yang diklarifikasi dalam 24 jam')

    // posting the same values again changes nothing and writes no audit row
    const again = await editForm(id)
    const before = await counts()
    const same = await edit(plan, id, withVersion(entriesOf(again.values, again.years), again.version))
    expect(same.response?.headers.get('Location')).toBe(`/renstra/indikator/${id}?pesan=tetap`)
    expect(await counts()).toEqual(before)
    expect((await indicatorRow(id)).version).toBe(again.version)
  })

  it('answers a stale version with 409 naming who changed it and when; the first value survives', async () => {
    const id = ids['INF-01']!
    const tabA = await editForm(id)
    const tabB = await editForm(id)
    tabA.values.fields.name = 'Ketersediaan layanan website (versi A)'
    const a = await edit(plan, id, withVersion(entriesOf(tabA.values, tabA.years), tabA.version))
    expect(a.status).toBe(302)

    tabB.values.fields.name = 'Ketersediaan layanan website (versi B)'
    const before = await counts()
    const b = await edit(plan, id, withVersion(entriesOf(tabB.values, tabB.years), tabB.version))
    expect(b.status).toBe(409)
    const d = formErrorOf(b)
    expect(d.formErrors).toHaveLength(1)
    expect(d.formErrors[0]).toMatch(/^Data sudah diubah oleh Subbagian Perencanaan pada 29 November 2026 10\.00 WIB\./)
    expect(d.fieldErrors).toEqual({})
    expect(d.conflict).toEqual({ currentVersion: tabA.version + 1 })
    expect(d.values.name).toBe('Ketersediaan layanan website (versi B)') // kept
    expect(d.values.version).toBe(String(tabB.version))
    expect((await indicatorRow(id)).name).toBe('Ketersediaan layanan website (versi A)')
    expect(await counts()).toEqual(before)

    // the user read the conflict and chose to overwrite ("timpa")
    const c = await edit(plan, id, [...withVersion(entriesOf(tabB.values, tabB.years), tabB.version), ['timpa', String(d.conflict!.currentVersion)]])
    expect(c.status).toBe(302)
    expect((await indicatorRow(id)).name).toBe('Ketersediaan layanan website (versi B)')
  })

  it('soft delete (reason required) hides the indicator from scoreScope and entry but keeps its realisations; restore brings it back', async () => {
    const id = ids['APL-02']!
    const period = { kind: 'triwulan' as const, year: 2025, quarter: 4 as const }
    const scored = async () => (await scoreScope(t.db, { opdId }, period, NOW)).result.indicators.map((r) => r.indicatorId)
    expect(await scored()).toContain(id)
    const realisasiBefore = await t.db.selectFrom('realisasi').select('id').where('indicator_id', '=', id).execute()
    expect(realisasiBefore.length).toBeGreaterThan(20) // 2021–2025 and 2026 TW I–III
    const { version } = await editForm(id)

    const before = await counts()
    const noReason = await edit(plan, id, [
      ['intent', 'hapus'],
      ['version', String(version)],
      ['deleted_reason', '  '],
    ])
    expect(noReason.status).toBe(400)
    expect(formErrorOf(noReason).intent).toBe('hapus')
    expect(formErrorOf(noReason).fieldErrors).toEqual({ deleted_reason: ['Alasan penghapusan wajib diisi.'] })
    expect(await counts()).toEqual(before)

    const del = await edit(plan, id, [
      ['intent', 'hapus'],
      ['version', String(version)],
      ['deleted_reason', 'Digabung ke indikator APL-04 pada Renstra perubahan.'],
    ])
    expect(del.status).toBe(302)
    const row = await indicatorRow(id)
    expect(row.deleted_at).not.toBeNull()
    expect(row.deleted_reason).toBe('Digabung ke indikator APL-04 pada Renstra perubahan.')
    expect(row.version).toBe(version + 1)
    expect(await scored()).not.toContain(id)
    expect((await t.db.selectFrom('realisasi').select('id').where('indicator_id', '=', id).execute()).length).toBe(realisasiBefore.length)
    const [audit] = (await auditRows('indicator', String(id))).slice(-1)
    expect(audit).toMatchObject({ action: 'delete', reason: 'Digabung ke indikator APL-04 pada Renstra perubahan.' })
    expect(JSON.parse(audit!.before_json!).deleted_at).toBeNull()
    expect(JSON.parse(audit!.after_json!).deleted_reason).toBe('Digabung ke indikator APL-04 pada Renstra perubahan.')

    // still on the edit page (for history and restore) and listed as deleted on the kelola page
    const page = await editForm(id)
    expect(page.version).toBe(version + 1)
    const k = await view(kelolaLoader, '/renstra/kelola')
    expect(k.deletedIndicators.map((i) => i.code)).toEqual(['APL-02'])
    // a deleted indicator cannot be edited
    const edited = await edit(plan, id, withVersion(entriesOf(page.values, page.years), page.version))
    expect(edited.status).toBe(400)
    expect(formErrorOf(edited).formErrors[0]).toMatch(/sudah dihapus/)

    const restored = await edit(plan, id, [
      ['intent', 'pulihkan'],
      ['version', String(version + 1)],
      ['deleted_reason', ''],
    ])
    expect(restored.status).toBe(302)
    expect((await indicatorRow(id)).deleted_at).toBeNull()
    expect(await scored()).toContain(id)
    expect((await auditRows('indicator', String(id))).at(-1)).toMatchObject({ action: 'restore' })
  })

  it('refuses every other role (403) on the actions and loaders, writing nothing', async () => {
    const id = ids['IKP-03']!
    const form = await editForm(id)
    form.values.fields.name = 'Diubah oleh peran yang tidak berwenang'
    const before = await counts()
    for (const [username, s] of Object.entries(others)) {
      const c = await create(s, newIndicatorEntries({ code: `X-${username.replace('.', '')}` }))
      expect(c.status, `${username} create`).toBe(403)
      const e = await edit(s, id, withVersion(entriesOf(form.values, form.years), form.version))
      expect(e.status, `${username} edit`).toBe(403)
      const d = await edit(s, id, [
        ['intent', 'hapus'],
        ['version', String(form.version)],
        ['deleted_reason', 'coba'],
      ])
      expect(d.status, `${username} delete`).toBe(403)
      const p = await kelola(s, [
        ['intent', 'periode.tambah'],
        ['start_year', '2027'],
        ['end_year', '2031'],
      ])
      expect(p.status, `${username} period`).toBe(403)
      const tj = await kelola(s, [
        ['intent', 'tujuan.tambah'],
        ['period_id', String(periodId)],
        ['code', 'T9'],
        ['name', 'Tujuan liar'],
      ])
      expect(tj.status, `${username} tujuan`).toBe(403)
      for (const [loader, path, params] of [
        [kelolaLoader, '/renstra/kelola', {}],
        [newLoader, '/renstra/indikator/baru', {}],
        [editLoader, `/renstra/indikator/${id}`, { id: String(id) }],
      ] as const) {
        const r = await callLoader(loader, path, { session: s, params })
        expect(r.status, `${username} GET ${path}`).toBe(403)
      }
    }
    expect(await counts()).toEqual(before)
    expect((await indicatorRow(id)).name).not.toBe('Diubah oleh peran yang tidak berwenang')
  })

  it('refuses an indicator of another OPD (403) and writes nothing', async () => {
    const created = '2026-01-01 00:00:00.000'
    const other = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({ parent_id: null, kind: 'opd', code: 'OPD-LAIN', name: 'Dinas Lain', short_name: null, city: null, sort_order: 9, created_at: created })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const otherUnit = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({ parent_id: other, kind: 'bidang', code: 'OPD-LAIN-B1', name: 'Bidang Lain', short_name: null, city: null, sort_order: 1, created_at: created })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const otherPeriod = Number(
      (
        await t.db
          .insertInto('renstra_period')
          .values({ opd_id: other, name: 'Renstra Lain', start_year: 2021, end_year: 2026, closed: 0, created_at: created })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const otherInd = Number(
      (
        await t.db
          .insertInto('indicator')
          .values({
            period_id: otherPeriod,
            sasaran_id: null,
            program_id: null,
            unit_id: otherUnit,
            code: 'L-01',
            name: 'Indikator lain',
            satuan: 'persen',
            polarity: 'naik',
            pola_ukur: 'posisi',
            aspect: 'layanan',
            strategy: 'inti',
            weight: 1,
            baseline: null,
            baseline_year: null,
            target_akhir: null,
            min_value: null,
            max_value: null,
            definition: null,
            sort_order: 1,
            version: 1,
            created_at: created,
            updated_at: created,
            deleted_at: null,
            deleted_reason: null,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    const before = await counts()
    const e = await edit(plan, otherInd, [
      ['intent', 'hapus'],
      ['version', '1'],
      ['deleted_reason', 'bukan milik saya'],
    ])
    expect(e.status).toBe(403)
    const c = await create(plan, newIndicatorEntries({ period_id: String(otherPeriod), code: 'L-02', unit_id: String(otherUnit), sasaran_id: '' }))
    expect(c.status).toBe(403)
    const tj = await kelola(plan, [
      ['intent', 'tujuan.tambah'],
      ['period_id', String(otherPeriod)],
      ['code', 'T1'],
      ['name', 'Tujuan lain'],
    ])
    expect(tj.status).toBe(403)
    const other404 = await callLoader(editLoader, `/renstra/indikator/${otherInd}`, { session: plan, params: { id: String(otherInd) } })
    expect(other404.status).toBe(404)
    expect(await counts()).toEqual(before)
    expect((await indicatorRow(otherInd)).deleted_at).toBeNull()
    // a unit of another OPD is not a valid responsible unit either
    const wrongUnit = await create(plan, newIndicatorEntries({ code: 'IKP-13', unit_id: String(otherUnit) }))
    expect(wrongUnit.status).toBe(400)
    expect(formErrorOf(wrongUnit).fieldErrors.unit_id![0]).toMatch(/sekretariat, bidang atau UPT perangkat daerah ini/)
    expect(await counts()).toEqual(before)
  })

  it('kelola forms: invalid input answers 400 with the field messages and the typed values; nothing written', async () => {
    const before = await counts()
    const longName = 'x'.repeat(501)
    const bad = await kelola(plan, [
      ['intent', 'tujuan.tambah'],
      ['period_id', String(periodId)],
      ['code', 'T 9'],
      ['name', longName],
    ])
    expect(bad.status).toBe(400)
    expect(bad.data).toEqual({
      status: 'error',
      intent: `tujuan.tambah:${periodId}`,
      formErrors: ['Tidak ada yang disimpan: periksa isian yang ditandai.'],
      fieldErrors: {
        code: ['Kode hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung atau garis miring, tanpa spasi.'],
        name: ['Nama paling panjang 500 karakter.'],
      },
      values: { intent: 'tujuan.tambah', period_id: String(periodId), code: 'T 9', name: longName },
    })
    const empty = await kelola(plan, [
      ['intent', 'program.tambah'],
      ['sasaran_id', String(sasaranS21)],
      ['code', ''],
      ['name', '  '],
      ['unit_id', 'abc'],
    ])
    expect(empty.status).toBe(400)
    expect(formErrorOf(empty).fieldErrors).toEqual({
      code: ['Kode wajib diisi.'],
      name: ['Nama wajib diisi.'],
      unit_id: ['Unit pelaksana harus sekretariat, bidang atau UPT perangkat daerah ini.'],
    })
    expect(formErrorOf(empty).intent).toBe(`program.tambah:s${sasaranS21}`)
    // a broken hidden id is reported above the form (the user cannot fix it by typing)
    const noId = await kelola(plan, [
      ['intent', 'sasaran.hapus'],
      ['id', 'x'],
      ['reason', 'r'.repeat(501)],
    ])
    expect(noId.status).toBe(400)
    expect(formErrorOf(noId).formErrors).toEqual(['Tidak ada yang disimpan: periksa isian yang ditandai.', 'Data yang dirujuk tidak ditemukan; muat ulang halaman.'])
    expect(formErrorOf(noId).fieldErrors).toEqual({ reason: ['Alasan paling panjang 500 karakter.'] })
    const unknown = await kelola(plan, [['intent', 'tujuan.hancurkan']])
    expect(unknown.status).toBe(400)
    expect(unknown.data).toMatchObject({ status: 'error', intent: 'kelola', formErrors: ['Tindakan tidak dikenal.'] })
    expect(await counts()).toEqual(before)
  })

  it('adds the period 2027–2031 and refuses an overlapping or inverted one', async () => {
    const before = await counts()
    const ok = await kelola(plan, [
      ['intent', 'periode.tambah'],
      ['form_key', 'periode:baru'],
      ['start_year', '2027'],
      ['end_year', '2031'],
      ['name', ''],
    ])
    expect(ok.status).toBe(302)
    const p = await t.db.selectFrom('renstra_period').selectAll().where('opd_id', '=', opdId).where('start_year', '=', 2027).executeTakeFirstOrThrow()
    expect(p).toMatchObject({ name: 'Renstra 2027–2031', end_year: 2031, closed: 0 })
    expect(ok.response!.headers.get('Location')).toBe(`/renstra/kelola?periode=${p.id}&pesan=periode`)
    const [audit] = await auditRows('renstra_period', String(p.id))
    expect(audit).toMatchObject({ action: 'create', request_id: 'test-request' })
    expect((await counts()).renstra_period).toBe(before.renstra_period + 1)

    const mid = await counts()
    const overlap = await kelola(plan, [
      ['intent', 'periode.tambah'],
      ['form_key', 'periode:baru'],
      ['start_year', '2026'],
      ['end_year', '2030'],
    ])
    expect(overlap.status).toBe(400)
    const d = formErrorOf(overlap)
    expect(d).toMatchObject({ status: 'error', intent: 'periode.tambah', fieldErrors: {} })
    expect(d.formErrors.join(' ')).toMatch(/Tahun 2026–2030 bertumpang tindih dengan Renstra 2021–2026 \(2021–2026\)/)
    expect(d.formErrors.join(' ')).toMatch(/bertumpang tindih dengan Renstra 2027–2031/)
    expect(d.values).toEqual({ intent: 'periode.tambah', form_key: 'periode:baru', start_year: '2026', end_year: '2030' })
    const inverted = await kelola(plan, [
      ['intent', 'periode.tambah'],
      ['start_year', '2035'],
      ['end_year', '2032'],
    ])
    expect(inverted.status).toBe(400)
    expect(formErrorOf(inverted).fieldErrors).toEqual({ end_year: ['Tahun akhir tidak boleh lebih awal dari tahun awal.'] })
    const junk = await kelola(plan, [
      ['intent', 'periode.tambah'],
      ['start_year', '20x7'],
      ['end_year', ''],
    ])
    expect(junk.status).toBe(400)
    expect(formErrorOf(junk).fieldErrors).toEqual({ start_year: ['Tahun awal harus tahun empat angka antara 2000 dan 2100.'], end_year: ['Tahun akhir wajib diisi.'] })
    expect(formErrorOf(junk).values).toMatchObject({ start_year: '20x7', end_year: '' })
    expect(await counts()).toEqual(mid)

    // the new period's page: empty tree, targets asked for 2027–2031
    const k = await view(kelolaLoader, `/renstra/kelola?periode=${p.id}`)
    expect(k.period!.id).toBe(p.id)
    expect(k.tree).toEqual([])
    const n = await view(newLoader, `/renstra/indikator/baru?periode=${p.id}`)
    expect(n.years).toEqual([2027, 2028, 2029, 2030, 2031])
  })

  it('builds the tree: tujuan → sasaran → program → kegiatan, rename with a lost-update guard, delete only when empty', async () => {
    const p2027 = await addPeriod2027()
    const q = `?periode=${p2027}`
    const add = async (entries: Entries) => {
      const r = await kelola(plan, entries, q)
      expect(r.status, JSON.stringify(r.data)).toBe(200)
      expect(dataOf(r).status).toBe('success')
      return r
    }
    await add([
      ['intent', 'tujuan.tambah'],
      ['period_id', String(p2027)],
      ['code', 'T1'],
      ['name', 'Meningkatkan efektivitas pemerintahan digital'],
    ])
    const tujuan = await t.db.selectFrom('tujuan').selectAll().where('period_id', '=', p2027).executeTakeFirstOrThrow()
    const dup = await kelola(
      plan,
      [
        ['intent', 'tujuan.tambah'],
        ['period_id', String(p2027)],
        ['code', 't1'],
        ['name', 'Lagi'],
      ],
      q,
    )
    expect(dup.status).toBe(400)
    expect(formErrorOf(dup).fieldErrors).toEqual({ code: ['Kode tujuan t1 sudah dipakai pada periode ini.'] })
    expect(dup.data).toMatchObject({
      intent: `tujuan.tambah:${p2027}`,
      formErrors: ['Tidak ada yang disimpan: periksa isian yang ditandai.'],
      values: { code: 't1', name: 'Lagi' },
    })

    await add([
      ['intent', 'sasaran.tambah'],
      ['tujuan_id', String(tujuan.id)],
      ['code', 'S1.1'],
      ['name', 'Meningkatnya indeks SPBE'],
    ])
    const sasaran = await t.db.selectFrom('sasaran').selectAll().where('tujuan_id', '=', tujuan.id).executeTakeFirstOrThrow()
    await add([
      ['intent', 'program.tambah'],
      ['sasaran_id', String(sasaran.id)],
      ['code', '2.16.03'],
      ['name', 'Program Aplikasi Informatika'],
      ['unit_id', ''],
    ])
    const program = await t.db.selectFrom('program').selectAll().where('period_id', '=', p2027).executeTakeFirstOrThrow()
    expect(program).toMatchObject({ kind: 'program', sasaran_id: sasaran.id, parent_id: null })
    await add([
      ['intent', 'program.tambah'],
      ['parent_id', String(program.id)],
      ['code', '2.16.03.1.01'],
      ['name', 'Pengelolaan nama domain'],
      ['unit_id', String(unitIkp)],
    ])
    const kegiatan = await t.db.selectFrom('program').selectAll().where('parent_id', '=', program.id).executeTakeFirstOrThrow()
    expect(kegiatan).toMatchObject({ kind: 'kegiatan', sasaran_id: sasaran.id, unit_id: unitIkp })
    for (const [entity, id] of [
      ['tujuan', tujuan.id],
      ['sasaran', sasaran.id],
      ['program', program.id],
      ['program', kegiatan.id],
    ] as const) {
      expect(await auditRows(entity, String(id)), `${entity} ${id}`).toHaveLength(1)
    }

    const { tree } = await view(kelolaLoader, `/renstra/kelola${q}`)
    expect(tree[0]!.code).toBe('T1')
    expect(tree[0]!.sasaran[0]!.programs[0]!.children[0]!.code).toBe('2.16.03.1.01')

    // rename; a stale form (before_name no longer current) gets 409
    await add([
      ['intent', 'sasaran.ubah'],
      ['id', String(sasaran.id)],
      ['code', 'S1.1'],
      ['name', 'Meningkatnya indeks SPBE Kota Dumai'],
      ['before_code', 'S1.1'],
      ['before_name', 'Meningkatnya indeks SPBE'],
    ])
    const before = await counts()
    const stale = await kelola(
      plan,
      [
        ['intent', 'sasaran.ubah'],
        ['id', String(sasaran.id)],
        ['code', 'S1.1'],
        ['name', 'Nama lain'],
        ['before_code', 'S1.1'],
        ['before_name', 'Meningkatnya indeks SPBE'],
      ],
      q,
    )
    expect(stale.status).toBe(409)
    expect(formErrorOf(stale).formErrors[0]).toMatch(/^Data sudah diubah oleh Subbagian Perencanaan pada/)
    expect(formErrorOf(stale).intent).toBe(`sasaran.ubah:${sasaran.id}`)
    expect(formErrorOf(stale).values.name).toBe('Nama lain')
    expect(await counts()).toEqual(before)

    // a sasaran with a program below cannot be deleted; the kegiatan, then the program, then it can
    const blocked = await kelola(
      plan,
      [
        ['intent', 'sasaran.hapus'],
        ['id', String(sasaran.id)],
        ['reason', ''],
      ],
      q,
    )
    expect(blocked.status).toBe(400)
    expect(formErrorOf(blocked).formErrors.join(' ')).toMatch(/program\/kegiatan aktif di bawahnya \(2\.16\.03\)/)
    expect(await counts()).toEqual(before)
    await add([
      ['intent', 'program.hapus'],
      ['id', String(kegiatan.id)],
      ['reason', 'Salah input'],
    ])
    await add([
      ['intent', 'program.hapus'],
      ['id', String(program.id)],
      ['reason', ''],
    ])
    await add([
      ['intent', 'sasaran.hapus'],
      ['id', String(sasaran.id)],
      ['reason', ''],
    ])
    expect((await t.db.selectFrom('sasaran').select('deleted_at').where('id', '=', sasaran.id).executeTakeFirstOrThrow()).deleted_at).not.toBeNull()
    expect((await auditRows('program', String(kegiatan.id))).at(-1)).toMatchObject({ action: 'delete', reason: 'Salah input' })
    // restoring a kegiatan under a deleted program is refused; program first
    const early = await kelola(
      plan,
      [
        ['intent', 'program.pulihkan'],
        ['id', String(kegiatan.id)],
      ],
      q,
    )
    expect(early.status).toBe(400)
    expect(formErrorOf(early).formErrors.join(' ')).toMatch(/Induknya masih dalam keadaan dihapus/)
    await add([
      ['intent', 'sasaran.pulihkan'],
      ['id', String(sasaran.id)],
    ])
    await add([
      ['intent', 'program.pulihkan'],
      ['id', String(program.id)],
    ])
    await add([
      ['intent', 'program.pulihkan'],
      ['id', String(kegiatan.id)],
    ])

    // a sasaran of the demo with live indicators cannot be deleted
    const s21 = await kelola(plan, [
      ['intent', 'sasaran.hapus'],
      ['id', String(sasaranS21)],
    ])
    expect(s21.status).toBe(400)
    expect(formErrorOf(s21).formErrors.join(' ')).toMatch(/indikator aktif yang merujuknya \(.*IKP-01/)
  })

  it('a closed Renstra period refuses every change until it is reopened with a reason', async () => {
    const p2027 = await addPeriod2027()
    const q = `?periode=${p2027}`
    const close = await kelola(
      plan,
      [
        ['intent', 'periode.tutup'],
        ['id', String(p2027)],
        ['reason', 'Renstra ditetapkan'],
      ],
      q,
    )
    expect(close.status).toBe(200)
    expect((await t.db.selectFrom('renstra_period').select('closed').where('id', '=', p2027).executeTakeFirstOrThrow()).closed).toBe(1)
    expect((await auditRows('renstra_period', String(p2027))).at(-1)).toMatchObject({ action: 'close', reason: 'Renstra ditetapkan' })

    const before = await counts()
    const tj = await kelola(
      plan,
      [
        ['intent', 'tujuan.tambah'],
        ['period_id', String(p2027)],
        ['code', 'T2'],
        ['name', 'Tujuan baru'],
      ],
      q,
    )
    expect(tj.status).toBe(400)
    expect(formErrorOf(tj).formErrors.join(' ')).toMatch(/sudah ditutup; perubahan tidak dapat disimpan/)
    const ind = await create(plan, [
      ['intent', 'simpan'],
      ['period_id', String(p2027)],
      ['code', 'N-01'],
      ['name', 'x'],
    ])
    expect(ind.status).toBe(400)
    expect(formErrorOf(ind).formErrors[0]).toMatch(/Renstra 2027–2031 \(2027–2031\) sudah ditutup/)
    const noReason = await kelola(
      plan,
      [
        ['intent', 'periode.buka'],
        ['id', String(p2027)],
        ['reason', ''],
      ],
      q,
    )
    expect(noReason.status).toBe(400)
    expect(formErrorOf(noReason).fieldErrors).toEqual({ reason: ['Alasan membuka kembali periode wajib diisi.'] })
    expect(await counts()).toEqual(before)

    // an indicator of a closed period cannot be edited either (the demo period, closed directly)
    await t.db.updateTable('renstra_period').set({ closed: 1 }).where('id', '=', periodId).execute()
    try {
      const id = ids['IKP-04']!
      const form = await editForm(id)
      form.values.fields.name = 'Tidak boleh tersimpan'
      const e = await edit(plan, id, withVersion(entriesOf(form.values, form.years), form.version))
      expect(e.status).toBe(400)
      expect(formErrorOf(e).formErrors[0]).toMatch(/Renstra 2021–2026 \(2021–2026\) sudah ditutup/)
      const d = await edit(plan, id, [
        ['intent', 'hapus'],
        ['version', String(form.version)],
        ['deleted_reason', 'x'],
      ])
      expect(d.status).toBe(400)
      expect(await counts()).toEqual(before)
      expect((await indicatorRow(id)).name).not.toBe('Tidak boleh tersimpan')
    } finally {
      await t.db.updateTable('renstra_period').set({ closed: 0 }).where('id', '=', periodId).execute()
    }

    const reopen = await kelola(
      plan,
      [
        ['intent', 'periode.buka'],
        ['id', String(p2027)],
        ['reason', 'Perlu koreksi kode program'],
      ],
      q,
    )
    expect(reopen.status).toBe(200)
    expect((await t.db.selectFrom('renstra_period').select('closed').where('id', '=', p2027).executeTakeFirstOrThrow()).closed).toBe(0)
  })

  it('the edit page loader shows the stored values, verified years and the history with reasons', async () => {
    // IKP-01's 2025 target was raised with a reason (as in the reason test)
    await raiseIkp01Target2025()
    const id = ids['IKP-01']!
    const d = await view(editLoader, `/renstra/indikator/${id}?pesan=disimpan`, { id: String(id) })
    expect(d.flash).toBe('Perubahan indikator disimpan.')
    expect(d.values.targets['2025']).toBe('91,5')
    expect(d.values.fields.code).toBe('IKP-01')
    expect(d.options.units.length).toBe(6) // sekretariat, four bidang, UPT
    const h = d.history.find((r) => r.what === 'Target 2025')!
    expect(h).toMatchObject({ actor: 'Subbagian Perencanaan', reason: 'Renstra Perubahan 2025 (Perwako No. 7/2025): target dinaikkan.' })
    expect(h.changes).toEqual([{ label: 'Target tahunan', before: '90', after: '91,5' }])
    const missing = await callLoader(editLoader, '/renstra/indikator/999999', { session: plan, params: { id: '999999' } })
    expect(missing.status).toBe(404)
  })
})
