// Verification: the whole entry → submit → return → fix → resubmit → verify → unlock path with its
// audit rows, the queue per bidang, quarter closure, the audit trail list and the history panel.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DB_KINDS, useTestDb, type LiveTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, dataOf, having, loadData } from '../helpers/call.js'
import { countRows, entryRowForm, indicatorIds, type EntryRowFields } from '../helpers/fixtures-a.js'
import { setClock } from '../../app/utils/clock.server.js'
import { auditChanges } from '../../app/utils/audit-labels.js'
import { action as entryAction, loader as entryLoader } from '../../app/routes/realisasi.js'
import { action as verifAction, loader as verifLoader } from '../../app/routes/verifikasi.js'
import { loader as auditLoader } from '../../app/routes/audit.js'
import { loader as historyLoader } from '../../app/routes/realisasi_.$id.riwayat.js'

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

const NOW = new Date('2026-11-29T03:00:00Z')
type Session = { cookie: string; csrf: string; userId: number }

// loginAs takes the newest session's CSRF token by created_at: give every login its own instant.
let tick = 0

/** The calls and reads of one describe's database. */
function harness(t: LiveTestDb) {
  const ids: Record<string, number> = {}
  return {
    ids,
    loadIds: async () => Object.assign(ids, await indicatorIds(t.db)),
    login: async (username: string) => {
      tick += 10
      setClock(() => new Date(NOW.getTime() + tick))
      return loginAs(t.db, username)
    },
    row: (code: string, year = 2026, quarter = 4) =>
      t.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ids[code]!).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirstOrThrow(),
    count: (table: 'realisasi' | 'audit_log') => countRows(t.db, table),
    auditOf: (id: number) => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'realisasi').where('entity_id', '=', String(id)).orderBy('id').execute(),
    /** One row posted with a row-level intent `simpan:<id>` / `ajukan:<id>`. */
    entry: (s: Session, intent: string, f: EntryRowFields, year = 2026, quarter = 4) =>
      callAction(entryAction, '/realisasi', { session: s, form: entryRowForm(intent, f, year, quarter) }).then((r) => ({ ...r, data: r.data && having(r.data, 'problems') })),
    verif: (s: Session, fields: [string, string][]) => callAction(verifAction, '/verifikasi', { session: s, form: fields }),
  }
}

/** The IKP-02 round of TW IV 2026 (draft 150 → submit → return → fix 160 → resubmit → verify → unlock to diajukan). */
async function ikp02Round(h: ReturnType<typeof harness>, ikp: Session, plan: Session) {
  const id = h.ids['IKP-02']!
  expect((await h.entry(ikp, `simpan:${id}`, { value: '150' })).status).toBe(200)
  let r = await h.row('IKP-02')
  expect((await h.entry(ikp, `ajukan:${id}`, { value: '150', version: r.version })).status).toBe(200)
  r = await h.row('IKP-02')
  const note = 'Lampirkan daftar konten November.'
  expect(
    (
      await h.verif(plan, [
        ['intent', 'return'],
        ['id', String(r.id)],
        ['version', String(r.version)],
        ['catatan', note],
      ])
    ).status,
  ).toBe(200)
  r = await h.row('IKP-02')
  expect((await h.entry(ikp, `simpan:${id}`, { value: '160', bukti_text: 'Daftar konten terlampir', version: r.version })).status).toBe(200)
  r = await h.row('IKP-02')
  expect((await h.entry(ikp, `ajukan:${id}`, { value: '160', bukti_text: 'Daftar konten terlampir', version: r.version })).status).toBe(200)
  r = await h.row('IKP-02')
  expect(
    (
      await h.verif(plan, [
        ['intent', 'verify'],
        ['id', String(r.id)],
        ['version', String(r.version)],
      ])
    ).status,
  ).toBe(200)
  r = await h.row('IKP-02')
  const unlock: [string, string][] = [
    ['intent', 'unlock'],
    ['id', String(r.id)],
    ['version', String(r.version)],
    ['alasan', 'Salah hitung rekap; periksa ulang.'],
    ['ke', 'diajukan'],
  ]
  expect((await h.verif(plan, unlock)).status).toBe(200)
  expect((await h.row('IKP-02')).status).toBe('diajukan')
}

describe.each(DB_KINDS)('Verifikasi on %s', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  const h = harness(t)
  const { ids, row, count, auditOf, entry, verif } = h
  let ikp: Session
  let plan: Session

  beforeAll(async () => {
    await h.loadIds()
    ikp = await h.login('kabid.ikp')
    plan = await h.login('perencanaan')
  })
  afterAll(() => {
    setClock(null)
    failAfterAudit.on = false
  })
  beforeEach(() => {
    setClock(() => new Date(NOW.getTime() + tick))
    failAfterAudit.on = false
  })

  it('entry → submit → return → fix → resubmit → verify → unlock: statuses and one audit row per step', async () => {
    const id = ids['IKP-02']! // kumulatif, target 700/4 = 175 per quarter
    // 1. draft
    expect((await entry(ikp, `simpan:${id}`, { value: '150' })).status).toBe(200)
    let r = await row('IKP-02')
    expect(r.status).toBe('draft')
    // 2. submit
    expect((await entry(ikp, `ajukan:${id}`, { value: '150', version: r.version })).status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('diajukan')
    expect(r.submitted_by).toBe(ikp.userId)
    // 3. return, with a note — a note is required
    const noNote = await verif(plan, [
      ['intent', 'return'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['catatan', '   '],
    ])
    expect(noNote.status).toBe(400)
    expect(dataOf(noNote).message).toMatch(/Catatan pengembalian wajib diisi/)
    expect((await row('IKP-02')).status).toBe('diajukan')
    const ret = await verif(plan, [
      ['intent', 'return'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['catatan', 'Lampirkan daftar konten November.'],
    ])
    expect(ret.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('dikembalikan')
    expect(r.return_note).toBe('Lampirkan daftar konten November.')
    // the kepala bidang sees the note beside the row, and may edit it again
    const page = await loadData(entryLoader, '/realisasi', { session: ikp })
    const view = page.rows.find((x) => x.code === 'IKP-02')!
    expect(view.row!.returnNote).toBe('Lampirkan daftar konten November.')
    expect(view.row!.status).toBe('dikembalikan')
    expect(view.editable).toBe(true)
    // 4. fix (stays "dikembalikan" until resubmitted)
    expect((await entry(ikp, `simpan:${id}`, { value: '160', bukti_text: 'Daftar konten terlampir', version: r.version })).status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('dikembalikan')
    expect(r.value).toBe(160)
    // 5. resubmit
    expect((await entry(ikp, `ajukan:${id}`, { value: '160', bukti_text: 'Daftar konten terlampir', version: r.version })).status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('diajukan')
    // 6. verify
    const ver = await verif(plan, [
      ['intent', 'verify'],
      ['id', String(r.id)],
      ['version', String(r.version)],
    ])
    expect(ver.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('diverifikasi')
    expect(r.verified_by).toBe(plan.userId)
    expect(r.verified_at).not.toBeNull()
    // locked: the kepala bidang cannot change it
    const locked = await entry(ikp, `simpan:${id}`, { value: '170', bukti_text: 'x', version: r.version })
    expect(locked.status).toBe(400)
    expect(dataOf(locked).problems[0]!.message).toMatch(/terkunci/)
    expect((await row('IKP-02')).value).toBe(160)
    // 7. unlock — a reason is required
    const noReason = await verif(plan, [
      ['intent', 'unlock'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['alasan', ''],
      ['ke', 'diajukan'],
    ])
    expect(noReason.status).toBe(400)
    expect((await row('IKP-02')).status).toBe('diverifikasi')
    const un = await verif(plan, [
      ['intent', 'unlock'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['alasan', 'Salah hitung rekap; periksa ulang.'],
      ['ke', 'diajukan'],
    ])
    expect(un.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('diajukan')
    expect(r.verified_by).toBeNull()
    expect(r.verified_at).toBeNull()

    const audit = await auditOf(r.id)
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'return', 'update', 'submit', 'verify', 'unlock'])
    expect(audit.map((a) => a.actor_username)).toEqual(['kabid.ikp', 'kabid.ikp', 'perencanaan', 'kabid.ikp', 'kabid.ikp', 'perencanaan', 'perencanaan'])
    expect(audit.every((a) => a.request_id === 'test-request')).toBe(true)
    const statusPairs = audit.map((a) => [a.before_json ? JSON.parse(a.before_json).status : null, JSON.parse(a.after_json!).status])
    expect(statusPairs).toEqual([
      [null, 'draft'],
      ['draft', 'diajukan'],
      ['diajukan', 'dikembalikan'],
      ['dikembalikan', 'dikembalikan'],
      ['dikembalikan', 'diajukan'],
      ['diajukan', 'diverifikasi'],
      ['diverifikasi', 'diajukan'],
    ])
    expect(audit[2]!.reason).toBe('Lampirkan daftar konten November.')
    expect(audit[6]!.reason).toBe('Salah hitung rekap; periksa ulang.')
    expect(JSON.parse(audit[3]!.before_json!).value).toBe(150)
    expect(JSON.parse(audit[3]!.after_json!).value).toBe(160)
    expect(r.version).toBe(7) // inserted as 1, then six guarded updates
  })

  it('unlock to "dikembalikan" turns the reason into the note the kepala bidang sees', async () => {
    const r = await row('INF-01', 2026, 3) // seeded as verified
    expect(r.status).toBe('diverifikasi')
    const un = await verif(plan, [
      ['intent', 'unlock'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['alasan', 'Angka uptime tidak sesuai log.'],
      ['ke', 'dikembalikan'],
    ])
    expect(un.status).toBe(200)
    const after = await row('INF-01', 2026, 3)
    expect(after.status).toBe('dikembalikan')
    expect(after.return_note).toBe('Angka uptime tidak sesuai log.')
    expect(after.version).toBe(r.version + 1)
  })

  it('verifies several rows at once with one audit row each; a stale version gets 409 and changes nothing', async () => {
    const a = await row('SEK-01', 2026, 3)
    const b = await row('SEK-03', 2026, 3)
    expect([a.status, b.status]).toEqual(['diajukan', 'diajukan'])
    const auditBefore = await count('audit_log')
    // b's version is stale: nothing is verified
    const stale = await verif(plan, [
      ['intent', 'verify_selected'],
      ['pilih', `${a.id}:${a.version}`],
      ['pilih', `${b.id}:${b.version - 1}`],
    ])
    expect(stale.status).toBe(409)
    expect(dataOf(stale).conflicts[0]!.message).toMatch(/^Data sudah diubah oleh Sekretaris Dinas pada .* WIB \(nilai: /)
    expect((await row('SEK-01', 2026, 3)).status).toBe('diajukan')
    expect(await count('audit_log')).toBe(auditBefore)
    const ok = await verif(plan, [
      ['intent', 'verify_selected'],
      ['pilih', `${a.id}:${a.version}`],
      ['pilih', `${b.id}:${b.version}`],
    ])
    expect(ok.status).toBe(200)
    expect((await row('SEK-01', 2026, 3)).status).toBe('diverifikasi')
    expect((await row('SEK-03', 2026, 3)).status).toBe('diverifikasi')
    expect(await count('audit_log')).toBe(auditBefore + 2)
    // verifying a row that is not "diajukan" is refused
    const again = await verif(plan, [
      ['intent', 'verify'],
      ['id', String(a.id)],
      ['version', String(a.version + 1)],
    ])
    expect(again.status).toBe(400)
    expect(dataOf(again).message).toMatch(/hanya realisasi berstatus Diajukan/)
  })

  it('a failing verify leaves neither the status change nor the audit row', async () => {
    const r = await row('SEK-04', 2026, 3)
    expect(r.status).toBe('diajukan')
    const audit = await count('audit_log')
    failAfterAudit.on = true
    await expect(
      verif(plan, [
        ['intent', 'verify'],
        ['id', String(r.id)],
        ['version', String(r.version)],
      ]),
    ).rejects.toThrow(/kegagalan disengaja/)
    failAfterAudit.on = false
    const after = await row('SEK-04', 2026, 3)
    expect(after.status).toBe('diajukan')
    expect(after.version).toBe(r.version)
    expect(after.verified_by).toBeNull()
    expect(await count('audit_log')).toBe(audit)
  })

  it('closes a quarter once it has ended, audited; not the current one, not twice', async () => {
    const current = await verif(plan, [
      ['intent', 'close_quarter'],
      ['tahun', '2026'],
      ['triwulan', '4'],
    ])
    expect(current.status).toBe(400)
    expect(dataOf(current).message).toMatch(/belum berakhir/)
    const ok = await verif(plan, [
      ['intent', 'close_quarter'],
      ['tahun', '2026'],
      ['triwulan', '2'],
    ])
    expect(ok.status).toBe(200)
    const twice = await verif(plan, [
      ['intent', 'close_quarter'],
      ['tahun', '2026'],
      ['triwulan', '2'],
    ])
    expect(twice.status).toBe(400)
    const closures = await t.db.selectFrom('quarter_closure').selectAll().execute()
    expect(closures.map((c) => [c.year, c.quarter])).toEqual([[2026, 2]])
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'close_quarter').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.entity).toBe('quarter_closure')
    expect(audit[0]!.request_id).toBe('test-request')
    // reopening needs a reason and is audited
    expect(
      (
        await verif(plan, [
          ['intent', 'reopen_quarter'],
          ['tahun', '2026'],
          ['triwulan', '2'],
          ['alasan', ''],
        ])
      ).status,
    ).toBe(400)
    expect(
      (
        await verif(plan, [
          ['intent', 'reopen_quarter'],
          ['tahun', '2026'],
          ['triwulan', '2'],
          ['alasan', 'Salah tutup'],
        ])
      ).status,
    ).toBe(200)
    expect(await t.db.selectFrom('quarter_closure').selectAll().execute()).toHaveLength(0)
    expect(await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'reopen_quarter').execute()).toHaveLength(1)
  })
})

// The queue, the role checks, the audit trail and the history panel read the state the IKP-02 round
// above leaves behind: the template of this describe runs that round once (every test starts on it).
describe.each(DB_KINDS)('Verifikasi after the IKP-02 round on %s', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  const h = harness(t)
  const { row, count, verif } = h
  let ikp: Session
  let plan: Session

  beforeAll(async () => {
    await h.loadIds()
    ikp = await h.login('kabid.ikp')
    plan = await h.login('perencanaan')
    await ikp02Round(h, ikp, plan)
  })
  afterAll(() => {
    setClock(null)
    failAfterAudit.on = false
  })
  beforeEach(() => {
    setClock(() => new Date(NOW.getTime() + tick))
    failAfterAudit.on = false
  })

  it('the queue lists values, capaian and evidence per bidang, and the missing entries of each bidang', async () => {
    const d = await loadData(verifLoader, '/verifikasi?tahun=2026&triwulan=4', { session: plan })
    expect(d.quarterTitle).toBe('Triwulan IV 2026')
    expect(d.deadline.dueLabel).toBe('10 Januari 2027')
    expect(d.canClose).toBe(false) // TW IV has not ended
    const byName = Object.fromEntries(d.bidang.map((b) => [b.short, b]))
    const inf = byName['Bidang Infrastruktur']!
    expect(inf.rows.map((r) => r.code)).toEqual(['INF-01', 'INF-02', 'INF-03'])
    expect(inf.counts.belum).toBe(3)
    expect(inf.rows.every((r) => r.missing)).toBe(true)
    const ikpB = d.bidang.find((b) => b.rows.some((r) => r.code === 'IKP-02'))!
    const ikp02 = ikpB.rows.find((r) => r.code === 'IKP-02')!
    expect(ikp02.row!.valueShown).toBe('160')
    expect(ikp02.capaian!.raw).toBeCloseTo((160 / 175) * 100, 10)
    expect(ikp02.capaian!.predikatLabel).toBe('Sangat Tinggi')
    expect(ikp02.row!.buktiText).toBe('Daftar konten terlampir')
    // released indices without a value are waiting for release, not missing
    const ikp04 = ikpB.rows.find((r) => r.code === 'IKP-04')!
    expect(ikp04.missing).toBe(false)
    expect(ikp04.waitingRelease).toBe(true)

    // by default the page opens on the latest quarter with submitted rows
    const def = await loadData(verifLoader, '/verifikasi', { session: plan })
    expect([def.year, def.quarter]).toEqual([2026, 4])
    // TW III: IKP rows are awaiting verification (seeded), APL-03 was late
    const q3 = await loadData(verifLoader, '/verifikasi?tahun=2026&triwulan=3', { session: plan })
    const expectedIkp = Number(
      (
        await t.db
          .selectFrom('realisasi as r')
          .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('i.code', 'like', 'IKP-%')
          .where('r.year', '=', 2026)
          .where('r.quarter', '=', 3)
          .where('r.status', '=', 'diajukan')
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(expectedIkp).toBeGreaterThan(0)
    expect(q3.bidang.find((b) => b.rows.some((r) => r.code === 'IKP-01'))!.counts.diajukan).toBe(expectedIkp)
    const apl = q3.bidang.find((b) => b.rows.some((r) => r.code === 'APL-03'))!
    expect(apl.rows.find((r) => r.code === 'APL-03')!.row!.isLate).toBe(true)
    expect(apl.counts.terlambat).toBe(1)
    expect(q3.canClose).toBe(true)
  })

  it('every role × verification action: only perencanaan may verify, return, unlock or close', async () => {
    const r = await row('IKP-02')
    for (const username of ['kabid.ikp', 'kadis', 'auditor', 'admin', 'sekretaris']) {
      const s = await h.login(username)
      for (const fields of [
        [
          ['intent', 'verify'],
          ['id', String(r.id)],
          ['version', String(r.version)],
        ],
        [
          ['intent', 'return'],
          ['id', String(r.id)],
          ['version', String(r.version)],
          ['catatan', 'x'],
        ],
        [
          ['intent', 'unlock'],
          ['id', String(r.id)],
          ['version', String(r.version)],
          ['alasan', 'x'],
        ],
        [
          ['intent', 'close_quarter'],
          ['tahun', '2026'],
          ['triwulan', '1'],
        ],
      ] as [string, string][][]) {
        const res = await verif(s, fields)
        expect(res.response, `${username} ${fields[0]![1]}`).not.toBeNull()
        expect(res.status, `${username} ${fields[0]![1]}`).toBe(403)
      }
      const page = await callLoader(verifLoader, '/verifikasi', { session: s })
      expect(page.response, username).not.toBeNull()
      expect(page.status, username).toBe(403)
    }
    expect((await row('IKP-02')).version).toBe(r.version)
    expect(await t.db.selectFrom('quarter_closure').selectAll().execute()).toHaveLength(0)
    // without a session: to the login page
    const anon = await callLoader(verifLoader, '/verifikasi')
    expect(anon.status).toBe(302)
    expect(anon.response!.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('the audit trail: for audit:read roles only, filterable by entity, action, user and date, paginated', async () => {
    for (const username of ['kabid.ikp', 'kadis']) {
      const s = await h.login(username)
      const res = await callLoader(auditLoader, '/audit', { session: s })
      expect(res.response, username).not.toBeNull()
      expect(res.status, username).toBe(403)
    }
    const auditor = await h.login('auditor')
    const all = await loadData(auditLoader, '/audit', { session: auditor })
    const total = await count('audit_log')
    expect(all.total).toBe(total)
    expect(all.rows.length).toBe(Math.min(50, total))
    expect(all.rows[0]!.id).toBeGreaterThan(all.rows[1]!.id) // newest first

    const verifyRows = await loadData(auditLoader, '/audit?aksi=verify', { session: auditor })
    const expectedVerify = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'verify').execute()
    expect(verifyRows.total).toBe(expectedVerify.length)
    expect(verifyRows.rows.every((r) => r.action === 'verify')).toBe(true)

    const byUser = await loadData(auditLoader, '/audit?pengguna=kabid.ikp&entitas=realisasi', { session: auditor })
    expect(byUser.total).toBeGreaterThan(0)
    expect(byUser.rows.every((r) => r.actorUsername === 'kabid.ikp' && r.entity === 'realisasi')).toBe(true)

    // date range in WIB: all of today's changes, none tomorrow
    const today = await loadData(auditLoader, '/audit?dari=2026-11-29&sampai=2026-11-29&entitas=realisasi', { session: auditor })
    const realisasiAudit = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'realisasi').execute()
    expect(today.total).toBe(realisasiAudit.length)
    const tomorrow = await loadData(auditLoader, '/audit?dari=2026-11-30&entitas=realisasi', { session: auditor })
    expect(tomorrow.total).toBe(0)
    const bad = await loadData(auditLoader, '/audit?dari=29-11-2026', { session: auditor })
    expect(bad.errors[0]).toMatch(/tidak valid/)

    // pagination: page 2 of verify rows with more rows than a page
    const many = await loadData(auditLoader, '/audit?halaman=2', { session: auditor })
    expect(many.page).toBe(2)
    expect(many.rows.length).toBe(Math.max(0, Math.min(50, total - 50)))
  })

  it('the history panel of a realisation: every audit row with before/after in Indonesian; scoped like the row', async () => {
    const r = await row('IKP-02')
    const auditor = await h.login('auditor')
    const hist = await loadData(historyLoader, `/realisasi/${r.id}/riwayat`, { session: auditor, params: { id: String(r.id) } })
    expect(hist.realisasi.code).toBe('IKP-02')
    expect(hist.entries.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'update', 'submit', 'verify', 'unlock'])
    expect(hist.entries[0]!.at).toMatch(/^29 November 2026 10\.00 WIB$/)
    expect(hist.entries[2]!.reason).toBe('Lampirkan daftar konten November.')
    const fix = auditChanges(hist.entries[3]!.beforeJson, hist.entries[3]!.afterJson)
    expect(fix.find((c) => c.field === 'value')).toMatchObject({ label: 'Nilai', before: '150', after: '160' })
    const submitted = auditChanges(hist.entries[1]!.beforeJson, hist.entries[1]!.afterJson)
    expect(submitted.find((c) => c.field === 'status')).toMatchObject({ label: 'Status', before: 'Draf', after: 'Diajukan' })
    // the kepala bidang of another bidang may not read it; his own may
    const infra = await h.login('kabid.infra')
    const other = await callLoader(historyLoader, `/realisasi/${r.id}/riwayat`, { session: infra, params: { id: String(r.id) } })
    expect(other.status).toBe(403)
    const own = await callLoader(historyLoader, `/realisasi/${r.id}/riwayat`, { session: ikp, params: { id: String(r.id) } })
    expect(own.response).toBeNull()
    const missing = await callLoader(historyLoader, '/realisasi/99999/riwayat', { session: auditor, params: { id: '99999' } })
    expect(missing.status).toBe(404)
  })
})
