// Input Realisasi: entry, validation, IDOR, mass assignment, optimistic concurrency, deadlines,
// "tidak diukur", and all-or-nothing transactions with their audit rows — on SQLite and MariaDB.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs, ORIGIN } from '../helpers/http.js'
import { callAction, callLoader, having, loadData } from '../helpers/call.js'
import { setClock } from '../../app/utils/clock.server.js'
import { action as entryAction, loader as entryLoader } from '../../app/routes/realisasi.js'
import { action as verifAction } from '../../app/routes/verifikasi.js'
import { capaianSatuTriwulan, DEFAULT_SETTINGS } from '../../app/domain/index.js'

// A switch to make the audit write fail right AFTER its row is inserted: the whole transaction
// (the data change and the audit row) must then roll back.
const failAfterAudit = vi.hoisted(() => ({ on: false }))
vi.mock('../../app/services/audit.server.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../app/services/audit.server.js')>()
  return {
    ...real,
    writeAudit: async (...args: Parameters<typeof real.writeAudit>) => {
      await real.writeAudit(...args)
      if (failAfterAudit.on) throw new Error('kegagalan disengaja setelah baris audit ditulis')
    },
  }
})

const NOW = new Date('2026-11-29T03:00:00Z') // 10.00 WIB, 2026 TW IV is the open quarter

type Session = { cookie: string; csrf: string; userId: number }

interface RowFields {
  value?: string
  tidak_diukur?: boolean
  bukti_text?: string
  bukti_link?: string
  kendala?: string
  tindak_lanjut?: string
  version?: number | null
  timpa?: number
}

function rowEntries(id: number, f: RowFields): [string, string][] {
  const e: [string, string][] = [['row', String(id)]]
  e.push([`r.${id}.value`, f.value ?? ''])
  if (f.tidak_diukur) e.push([`r.${id}.tidak_diukur`, '1'])
  e.push([`r.${id}.bukti_text`, f.bukti_text ?? ''])
  e.push([`r.${id}.bukti_link`, f.bukti_link ?? ''])
  e.push([`r.${id}.kendala`, f.kendala ?? ''])
  e.push([`r.${id}.tindak_lanjut`, f.tindak_lanjut ?? ''])
  e.push([`r.${id}.version`, f.version == null ? '' : String(f.version)])
  if (f.timpa != null) e.push([`r.${id}.timpa`, String(f.timpa)])
  return e
}

describe.each(DB_KINDS)('Input Realisasi on %s', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  let ikp: Session
  const ids: Record<string, number> = {}

  const entry = (s: Session, year: number, quarter: number, intent: string, rows: [number, RowFields][], extra: [string, string][] = []) =>
    callAction(entryAction, '/realisasi', {
      session: s,
      form: [['tahun', String(year)], ['triwulan', String(quarter)], ['intent', intent], ...rows.flatMap(([id, f]) => rowEntries(id, f)), ...extra],
    }).then((r) => ({ ...r, data: r.data && having(r.data, 'problems') }))
  const row = (code: string, year = 2026, quarter = 4) =>
    t.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ids[code]!).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirst()
  const count = async (table: 'realisasi' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  // loginAs takes the newest session's CSRF token by created_at: give every login its own instant.
  let tick = 0
  const login = async (username: string) => {
    tick += 10
    setClock(() => new Date(NOW.getTime() + tick))
    return loginAs(t.db, username)
  }
  const auditOf = (id: number) => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'realisasi').where('entity_id', '=', String(id)).orderBy('id').execute()

  beforeAll(async () => {
    setClock(() => NOW)
    for (const r of await t.db.selectFrom('indicator').select(['id', 'code']).execute()) ids[r.code] = r.id
    ikp = await login('kabid.ikp')
  })
  afterAll(async () => {
    setClock(null)
    failAfterAudit.on = false
  })
  beforeEach(() => {
    setClock(() => NOW)
    failAfterAudit.on = false
  })

  it('shows the kepala bidang only his own indicators, the open quarter TW IV 2026, its deadline and countdown', async () => {
    const d = await loadData(entryLoader, '/realisasi', { session: ikp })
    expect(d.year).toBe(2026)
    expect(d.quarter).toBe(4)
    expect(d.rows.map((r) => r.code).sort()).toEqual(['IKP-01', 'IKP-02', 'IKP-03', 'IKP-04', 'IKP-05', 'IKP-06', 'IKP-07', 'IKP-08', 'IKP-09'])
    // due day: 31 Dec 2026 + 10 days; from 29 Nov: 1 + 31 + 10 = 42 days
    expect(d.deadline.dueLabel).toBe('10 Januari 2027')
    expect(d.deadline.countdown).toBe('42 hari lagi')
    expect(d.deadline.late).toBe(false)
    const ikp01 = d.rows.find((r) => r.code === 'IKP-01')!
    expect(ikp01.targetYear).toBe(92)
    expect(ikp01.targetQuarter).toBe(92) // rata_rata: the annual target
    expect(ikp01.earlier.map((e) => e.label)).toEqual(['Triwulan I', 'Triwulan II', 'Triwulan III'])
    expect(ikp01.editable).toBe(true)
    const ikp02 = d.rows.find((r) => r.code === 'IKP-02')!
    expect(ikp02.targetQuarter).toBe(700 / 4) // kumulatif: a quarter of the annual target
  })

  it('a quarter in the future is not offered: ?tahun=2027&triwulan=1 falls back to the open quarter with a notice', async () => {
    const d = await loadData(entryLoader, '/realisasi?tahun=2027&triwulan=1', { session: ikp })
    expect(d.year).toBe(2026)
    expect(d.quarter).toBe(4)
    expect(d.notices.join(' ')).toMatch(/belum dimulai/)
  })

  it('saves a draft: "91,5" parses, audit row "create" with the request id, not late before the deadline', async () => {
    const auditBefore = await count('audit_log')
    const { response, data } = await entry(ikp, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '91,5', bukti_text: 'Rekap publikasi Oktober–November' }]])
    expect(response!.status).toBe(200)
    expect(data!.ok).toBe(true)
    const r = await row('IKP-01')
    expect(r!.value).toBe(91.5)
    expect(r!.status).toBe('draft')
    expect(r!.version).toBe(1)
    expect(r!.is_late).toBe(0)
    expect(r!.entered_by).toBe(ikp.userId)
    const audit = await auditOf(r!.id)
    expect(audit.map((a) => a.action)).toEqual(['create'])
    expect(audit[0]!.request_id).toBe('test-request')
    expect(audit[0]!.actor_username).toBe('kabid.ikp')
    expect(audit[0]!.actor_role).toBe('kepala_bidang')
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ value: 91.5, status: 'draft', version: 1 })
    expect(audit[0]!.before_json).toBeNull()
    expect(await count('audit_log')).toBe(auditBefore + 1)

    // "12.5" with a dot parses the same way
    await entry(ikp, 2026, 4, `simpan:${ids['IKP-08']}`, [[ids['IKP-08']!, { value: '2.5' }]])
    expect((await row('IKP-08'))!.value).toBe(2.5)
  })

  it('after save the page shows the saved value and its capaian computed by the domain (no JavaScript needed)', async () => {
    await entry(ikp, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '91,5', bukti_text: 'Rekap publikasi Oktober–November' }]])
    const d = await loadData(entryLoader, '/realisasi?tahun=2026&triwulan=4', { session: ikp })
    const r = d.rows.find((x) => x.code === 'IKP-01')!
    expect(r.row!.valueText).toBe('91,5')
    const expected = capaianSatuTriwulan(r.indicator, 2026, 4, 91.5, DEFAULT_SETTINGS)
    expect(r.savedCapaian!.raw).toBeCloseTo(expected.capaianRaw!, 10)
    expect(r.savedCapaian!.raw).toBeCloseTo((91.5 / 92) * 100, 10)
    expect(r.savedCapaian!.text).toBe('99,46%')
    expect(r.savedCapaian!.predikatLabel).toBe('Sangat Tinggi')
  })

  it('ignores status, verified_by, entered_by and is_late posted with the form (mass assignment)', async () => {
    const perencanaan = await t.db.selectFrom('app_user').select('id').where('username', '=', 'perencanaan').executeTakeFirstOrThrow()
    const id = ids['IKP-06']!
    const { response } = await entry(
      ikp,
      2026,
      4,
      `simpan:${id}`,
      [[id, { value: '70' }]],
      [
        ['status', 'diverifikasi'],
        ['verified_by', String(perencanaan.id)],
        ['entered_by', String(perencanaan.id)],
        ['is_late', '1'],
        [`r.${id}.status`, 'diverifikasi'],
        [`r.${id}.verified_by`, String(perencanaan.id)],
        [`r.${id}.is_late`, '1'],
        [`r.${id}.return_note`, 'palsu'],
      ],
    )
    expect(response!.status).toBe(200)
    const r = await row('IKP-06')
    expect(r!.status).toBe('draft')
    expect(r!.verified_by).toBeNull()
    expect(r!.verified_at).toBeNull()
    expect(r!.entered_by).toBe(ikp.userId)
    expect(r!.is_late).toBe(0)
    expect(r!.return_note).toBeNull()
  })

  it("refuses another bidang's indicator with 403 and writes nothing (IDOR), even mixed with his own", async () => {
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const alone = await entry(ikp, 2026, 4, 'simpan', [[ids['INF-01']!, { value: '99' }]])
    expect(alone.response!.status).toBe(403)
    const mixed = await entry(ikp, 2026, 4, 'simpan', [
      [ids['IKP-05']!, { value: '19' }],
      [ids['INF-01']!, { value: '99' }],
    ])
    expect(mixed.response!.status).toBe(403)
    const unknown = await entry(ikp, 2026, 4, 'simpan', [[999999, { value: '1' }]])
    expect(unknown.response!.status).toBe(403)
    expect(await row('INF-01')).toBeUndefined()
    expect(await row('IKP-05')).toBeUndefined()
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
  })

  it('refuses bad input with 400, an Indonesian message, and changes nothing', async () => {
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const cases: [string, number, number, string, RowFields, RegExp][] = [
      ['non-number', 2026, 4, 'IKP-05', { value: 'abc' }, /"abc" bukan angka/],
      ['negative count', 2026, 4, 'IKP-02', { value: '-5' }, /tidak boleh negatif/],
      ['percent above 100', 2026, 4, 'IKP-07', { value: '101' }, /persen tidak boleh lebih dari 100/],
      ['thousands separator', 2026, 4, 'IKP-02', { value: '1.234,5' }, /pemisah/],
      ['javascript: link', 2026, 4, 'IKP-05', { value: '5', bukti_link: 'javascript:alert(1)' }, /http:\/\/ atau https:\/\//],
      ['future quarter', 2027, 1, 'IKP-05', { value: '5' }, /Triwulan I 2027 belum dimulai/],
      ['value and "tidak diukur" together', 2026, 4, 'IKP-05', { value: '5', tidak_diukur: true }, /Kosongkan nilai/],
    ]
    for (const [name, year, quarter, code, fields, message] of cases) {
      const { response, data } = await entry(ikp, year, quarter, `simpan:${ids[code]}`, [[ids[code]!, fields]])
      expect(response!.status, name).toBe(400)
      const d = data!
      const all = [...d.general, ...d.problems.map((p) => p.message)].join(' | ')
      expect(all, name).toMatch(message)
      // what was typed comes back to the form
      expect(d.rows[ids[code]!]!.value, name).toBe(fields.value)
    }
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
    expect(await row('IKP-05')).toBeUndefined()
  })

  it('refuses a quarter closed by perencanaan (400, nothing written); closing is audited', async () => {
    const perencanaan = await login('perencanaan')
    const closed = await callAction(verifAction, '/verifikasi', { session: perencanaan, form: { intent: 'close_quarter', tahun: '2026', triwulan: '3' } })
    expect(closed.response!.status).toBe(200)
    const closureAudit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'close_quarter').execute()
    expect(closureAudit).toHaveLength(1)
    expect(closureAudit[0]!.actor_username).toBe('perencanaan')
    expect(JSON.parse(closureAudit[0]!.after_json!)).toMatchObject({ year: 2026, quarter: 3 })

    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    // IKP-04 is a released index: no TW III row exists yet
    const { response, data } = await entry(ikp, 2026, 3, `simpan:${ids['IKP-04']}`, [[ids['IKP-04']!, { value: '80', bukti_text: 'Laporan SKM' }]])
    expect(response!.status).toBe(400)
    expect(data!.general.join(' ')).toMatch(/Triwulan III 2026 sudah ditutup oleh Subbagian Perencanaan pada \d+ \w+ 2026 \d\d\.\d\d WIB/)
    expect(await row('IKP-04', 2026, 3)).toBeUndefined()
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
  })

  it('"Ajukan" checks every row and lists every problem, keeping what was typed; nothing is written', async () => {
    // IKP-01 has a saved draft of 91,5
    await entry(ikp, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '91,5', bukti_text: 'Rekap publikasi Oktober–November' }]])
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const r01 = await row('IKP-01')
    const { response, data } = await entry(ikp, 2026, 4, 'ajukan', [
      // 50 / 92 = 54 % → Rendah: kendala and tindak lanjut are required
      [ids['IKP-01']!, { value: '50', version: r01!.version }],
      // released index without proof
      [ids['IKP-04']!, { value: '80' }],
      // empty and not marked "tidak diukur"
      [ids['IKP-03']!, {}],
      // bad number
      [ids['IKP-05']!, { value: '1x' }],
    ])
    expect(response!.status).toBe(400)
    const d = data!
    const by = (code: string) => d.problems.filter((p) => p.code === code).map((p) => `${p.field}: ${p.message}`)
    expect(by('IKP-01')).toEqual([expect.stringMatching(/^kendala: Capaian 54,35% \(Rendah\)/), expect.stringMatching(/^tindak_lanjut: /)])
    expect(by('IKP-04')).toEqual([expect.stringMatching(/^bukti_text: Bukti dukung wajib untuk indikator rilis/)])
    expect(by('IKP-03')).toEqual([expect.stringMatching(/^value: Isi nilai realisasi atau tandai "tidak diukur"/)])
    expect(by('IKP-05')).toEqual([expect.stringMatching(/^value: "1x" bukan angka/)])
    expect(d.rows[ids['IKP-01']!]!.value).toBe('50')
    expect(d.rows[ids['IKP-04']!]!.value).toBe('80')
    expect(d.message).toMatch(/Ada 5 masalah/)
    expect((await row('IKP-01'))!.value).toBe(91.5)
    expect((await row('IKP-01'))!.status).toBe('draft')
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
  })

  it('submits a row: draft → diajukan, audit "submit"; a low capaian with narrative passes', async () => {
    await entry(ikp, 2026, 4, `simpan:${ids['IKP-06']}`, [[ids['IKP-06']!, { value: '70' }]])
    const r = await row('IKP-06')
    // 40 / 75 = 53 % → narrative required and given
    const { response } = await entry(ikp, 2026, 4, `ajukan:${ids['IKP-06']}`, [
      [ids['IKP-06']!, { value: '40', version: r!.version, kendala: 'Mitra belum aktif', tindak_lanjut: 'Rapat koordinasi mitra' }],
    ])
    expect(response!.status).toBe(200)
    const after = await row('IKP-06')
    expect(after!.status).toBe('diajukan')
    expect(after!.value).toBe(40)
    expect(after!.submitted_by).toBe(ikp.userId)
    expect(after!.version).toBe(r!.version + 2) // update + submit
    expect((await auditOf(after!.id)).map((a) => a.action)).toEqual(['create', 'update', 'submit'])

    // a submitted row is locked for the kepala bidang
    const again = await entry(ikp, 2026, 4, `simpan:${ids['IKP-06']}`, [[ids['IKP-06']!, { value: '41', version: after!.version }]])
    expect(again.response!.status).toBe(400)
    expect(again.data!.problems[0]!.message).toMatch(/Sudah diajukan/)
    expect((await row('IKP-06'))!.value).toBe(40)
  })

  it('two sessions edit the same row: the second save gets 409 naming who, when and the value; the first value survives', async () => {
    const a = await login('kabid.ikp')
    await entry(ikp, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '91,5', bukti_text: 'Rekap publikasi Oktober–November' }]])
    const b = await login('kabid.ikp')
    const loaded = await row('IKP-01')
    const v = loaded!.version
    const first = await entry(a, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '88', version: v }]])
    expect(first.response!.status).toBe(200)
    const auditBefore = await count('audit_log')
    const second = await entry(b, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '77,25', version: v }]])
    expect(second.response!.status).toBe(409)
    const d = second.data!
    expect(d.conflicts).toHaveLength(1)
    expect(d.conflicts[0]!.message).toBe('Data sudah diubah oleh Kepala Bidang IKP pada 29 November 2026 10.00 WIB (nilai: 88)')
    expect(d.conflicts[0]!.currentVersion).toBe(v + 1)
    // B's typed value is kept so he can resolve it; his form stays based on the version he loaded
    expect(d.rows[ids['IKP-01']!]!.value).toBe('77,25')
    expect(d.versions[ids['IKP-01']!]).toBe(String(v))
    expect((await row('IKP-01'))!.value).toBe(88)
    expect((await row('IKP-01'))!.version).toBe(v + 1)
    expect(await count('audit_log')).toBe(auditBefore)

    // B read the conflict and explicitly saves over the version he was shown
    const over = await entry(b, 2026, 4, `simpan:${ids['IKP-01']}`, [[ids['IKP-01']!, { value: '77,25', version: v, timpa: v + 1 }]])
    expect(over.response!.status).toBe(200)
    expect((await row('IKP-01'))!.value).toBe(77.25)
  })

  it('two sessions insert the same new row at once: one wins, the other gets 409 (not 500)', async () => {
    const a = await login('kabid.ikp')
    const b = await login('kabid.ikp')
    const id = ids['IKP-05']!
    const [ra, rb] = await Promise.all([entry(a, 2026, 4, `simpan:${id}`, [[id, { value: '17' }]]), entry(b, 2026, 4, `simpan:${id}`, [[id, { value: '18' }]])])
    const statuses = [ra.response!.status, rb.response!.status].sort()
    expect(statuses).toEqual([200, 409])
    const winner = ra.response!.status === 200 ? 17 : 18
    const loser = (ra.response!.status === 409 ? ra : rb).data!
    expect(loser.conflicts[0]!.message).toMatch(new RegExp(`^Data sudah diubah oleh Kepala Bidang IKP pada .* WIB \\(nilai: ${winner}\\)$`))
    const r = await row('IKP-05')
    expect(r!.value).toBe(winner)
    expect((await auditOf(r!.id)).map((x) => x.action)).toEqual(['create'])
    // a form that still thinks there is no row also gets 409
    const stale = await entry(a, 2026, 4, `simpan:${id}`, [[id, { value: '30' }]])
    expect(stale.response!.status).toBe(409)
    expect((await row('IKP-05'))!.value).toBe(winner)
  })

  it('"tidak diukur" is saved with value null', async () => {
    const { response } = await entry(ikp, 2026, 4, `simpan:${ids['IKP-03']}`, [[ids['IKP-03']!, { tidak_diukur: true, kendala: 'Tidak ada permohonan PPID triwulan ini' }]])
    expect(response!.status).toBe(200)
    const r = await row('IKP-03')
    expect(r!.tidak_diukur).toBe(1)
    expect(r!.value).toBeNull()
    // and it may be submitted that way
    const sub = await entry(ikp, 2026, 4, `ajukan:${ids['IKP-03']}`, [
      [ids['IKP-03']!, { tidak_diukur: true, kendala: 'Tidak ada permohonan PPID triwulan ini', version: r!.version }],
    ])
    expect(sub.response!.status).toBe(200)
    expect((await row('IKP-03'))!.status).toBe('diajukan')
  })

  it('after the deadline an entry is accepted but marked late', async () => {
    setClock(() => new Date('2027-01-15T03:00:00Z')) // 5 days after 10 January 2027
    const s = await loginAs(t.db, 'kabid.ikp')
    const page = await loadData(entryLoader, '/realisasi?tahun=2026&triwulan=4', { session: s })
    expect(page.deadline.late).toBe(true)
    expect(page.deadline.countdown).toBe('terlambat 5 hari')
    const { response } = await entry(s, 2026, 4, `simpan:${ids['IKP-07']}`, [[ids['IKP-07']!, { value: '93' }]])
    expect(response!.status).toBe(200)
    const r = await row('IKP-07')
    expect(r!.is_late).toBe(1)
    expect(r!.status).toBe('draft')
    // a released index is never late
    await entry(s, 2026, 4, `simpan:${ids['IKP-09']}`, [[ids['IKP-09']!, { value: '81', bukti_text: 'Laporan IKIP 2026' }]])
    expect((await row('IKP-09'))!.is_late).toBe(0)
  })

  it('a failing transaction leaves neither the data change nor the audit row', async () => {
    await entry(ikp, 2026, 4, `simpan:${ids['IKP-08']}`, [[ids['IKP-08']!, { value: '2.5' }]])
    const before = await row('IKP-08')
    const audit = await count('audit_log')
    failAfterAudit.on = true
    await expect(entry(ikp, 2026, 4, `simpan:${ids['IKP-08']}`, [[ids['IKP-08']!, { value: '4', version: before!.version }]])).rejects.toThrow(/kegagalan disengaja/)
    failAfterAudit.on = false
    const after = await row('IKP-08')
    expect(after!.value).toBe(before!.value)
    expect(after!.version).toBe(before!.version)
    expect(await count('audit_log')).toBe(audit)
    // a new row as well: no row, no audit
    failAfterAudit.on = true
    await expect(entry(ikp, 2026, 4, `simpan:${ids['IKP-02']}`, [[ids['IKP-02']!, { value: '150' }]])).rejects.toThrow(/kegagalan disengaja/)
    failAfterAudit.on = false
    expect(await row('IKP-02')).toBeUndefined()
    expect(await count('audit_log')).toBe(audit)
  })

  it('refuses a cross-origin POST and roles without realisasi:write', async () => {
    const cross = new Request(`${ORIGIN}/realisasi`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: ikp.cookie, Origin: 'https://evil.example' },
      body: new URLSearchParams([['tahun', '2026'], ['triwulan', '4'], ['intent', 'simpan'], ...rowEntries(ids['IKP-02']!, { value: '1' }), ['_csrf', ikp.csrf]]).toString(),
    })
    expect((await callAction(entryAction, cross)).status).toBe(403)
    for (const username of ['perencanaan', 'kadis', 'auditor', 'admin']) {
      const s = await login(username)
      const res = await entry(s, 2026, 4, 'simpan', [[ids['IKP-02']!, { value: '1' }]])
      expect(res.response!.status, username).toBe(403)
      const page = await callLoader(entryLoader, '/realisasi', { session: s })
      expect(page.response!.status, username).toBe(403)
    }
    expect(await row('IKP-02')).toBeUndefined()
  })
})
