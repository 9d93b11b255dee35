// Verification: the whole entry → submit → return → fix → resubmit → verify → unlock path with its
// audit rows, the queue per bidang, quarter closure, the audit trail list and the history panel.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { ctx, getRequest, loginAs, ORIGIN, settle } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'
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

function post(path: string, entries: [string, string][], s: Session): Request {
  const body = new URLSearchParams()
  for (const [k, v] of entries) body.append(k, v)
  body.append('_csrf', s.csrf)
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie, Origin: ORIGIN },
    body: body.toString(),
  })
}

describe.each(DB_KINDS)('Verifikasi on %s', (kind) => {
  let t: TestDb
  let ikp: Session
  let plan: Session
  const ids: Record<string, number> = {}
  let tick = 0
  const login = async (username: string) => {
    tick += 10
    setClock(() => new Date(NOW.getTime() + tick))
    return loginAs(t.db, username)
  }
  const row = (code: string, year = 2026, quarter = 4) =>
    t.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ids[code]!).where('year', '=', year).where('quarter', '=', quarter).executeTakeFirstOrThrow()
  const count = async (table: 'realisasi' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const auditOf = (id: number) => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'realisasi').where('entity_id', '=', String(id)).orderBy('id').execute()

  /** One row posted with a row-level intent `simpan:<id>` / `ajukan:<id>`. */
  const entry = (
    s: Session,
    intent: string,
    f: { value?: string; version?: number | null; kendala?: string; tindak_lanjut?: string; bukti_text?: string },
    year = 2026,
    quarter = 4,
  ) => {
    const id = Number(intent.split(':')[1])
    return settle(() =>
      entryAction({
        request: post(
          '/realisasi',
          [
            ['tahun', String(year)],
            ['triwulan', String(quarter)],
            ['intent', intent],
            ['row', String(id)],
            [`r.${id}.value`, f.value ?? ''],
            [`r.${id}.bukti_text`, f.bukti_text ?? ''],
            [`r.${id}.bukti_link`, ''],
            [`r.${id}.kendala`, f.kendala ?? ''],
            [`r.${id}.tindak_lanjut`, f.tindak_lanjut ?? ''],
            [`r.${id}.version`, f.version == null ? '' : String(f.version)],
          ],
          s,
        ),
        params: {},
        context: ctx,
      } as any),
    )
  }
  const verif = (s: Session, fields: [string, string][]) => settle(() => verifAction({ request: post('/verifikasi', fields, s), params: {}, context: ctx } as any))

  beforeAll(async () => {
    t = await createTestDb(kind, { seed: true, global: true })
    for (const r of await t.db.selectFrom('indicator').select(['id', 'code']).execute()) ids[r.code] = r.id
    ikp = await login('kabid.ikp')
    plan = await login('perencanaan')
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
  })
  beforeEach(() => {
    setClock(() => new Date(NOW.getTime() + tick))
    failAfterAudit.on = false
  })

  it('entry → submit → return → fix → resubmit → verify → unlock: statuses and one audit row per step', async () => {
    const id = ids['IKP-02']! // kumulatif, target 700/4 = 175 per quarter
    // 1. draft
    expect((await entry(ikp, `simpan:${id}`, { value: '150' })).response!.status).toBe(200)
    let r = await row('IKP-02')
    expect(r.status).toBe('draft')
    // 2. submit
    expect((await entry(ikp, `ajukan:${id}`, { value: '150', version: r.version })).response!.status).toBe(200)
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
    expect(noNote.response!.status).toBe(400)
    expect((noNote.data as any).message).toMatch(/Catatan pengembalian wajib diisi/)
    expect((await row('IKP-02')).status).toBe('diajukan')
    const ret = await verif(plan, [
      ['intent', 'return'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['catatan', 'Lampirkan daftar konten November.'],
    ])
    expect(ret.response!.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('dikembalikan')
    expect(r.return_note).toBe('Lampirkan daftar konten November.')
    // the kepala bidang sees the note beside the row, and may edit it again
    const page = (await settle(() => entryLoader({ request: getRequest('/realisasi', ikp.cookie), params: {}, context: ctx } as any))).data as any
    const view = page.rows.find((x: any) => x.code === 'IKP-02')
    expect(view.row.returnNote).toBe('Lampirkan daftar konten November.')
    expect(view.row.status).toBe('dikembalikan')
    expect(view.editable).toBe(true)
    // 4. fix (stays "dikembalikan" until resubmitted)
    expect((await entry(ikp, `simpan:${id}`, { value: '160', bukti_text: 'Daftar konten terlampir', version: r.version })).response!.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('dikembalikan')
    expect(r.value).toBe(160)
    // 5. resubmit
    expect((await entry(ikp, `ajukan:${id}`, { value: '160', bukti_text: 'Daftar konten terlampir', version: r.version })).response!.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('diajukan')
    // 6. verify
    const ver = await verif(plan, [
      ['intent', 'verify'],
      ['id', String(r.id)],
      ['version', String(r.version)],
    ])
    expect(ver.response!.status).toBe(200)
    r = await row('IKP-02')
    expect(r.status).toBe('diverifikasi')
    expect(r.verified_by).toBe(plan.userId)
    expect(r.verified_at).not.toBeNull()
    // locked: the kepala bidang cannot change it
    const locked = await entry(ikp, `simpan:${id}`, { value: '170', bukti_text: 'x', version: r.version })
    expect(locked.response!.status).toBe(400)
    expect((locked.data as any).problems[0].message).toMatch(/terkunci/)
    expect((await row('IKP-02')).value).toBe(160)
    // 7. unlock — a reason is required
    const noReason = await verif(plan, [
      ['intent', 'unlock'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['alasan', ''],
      ['ke', 'diajukan'],
    ])
    expect(noReason.response!.status).toBe(400)
    expect((await row('IKP-02')).status).toBe('diverifikasi')
    const un = await verif(plan, [
      ['intent', 'unlock'],
      ['id', String(r.id)],
      ['version', String(r.version)],
      ['alasan', 'Salah hitung rekap; periksa ulang.'],
      ['ke', 'diajukan'],
    ])
    expect(un.response!.status).toBe(200)
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
    expect(un.response!.status).toBe(200)
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
    expect(stale.response!.status).toBe(409)
    expect((stale.data as any).conflicts[0].message).toMatch(/^Data sudah diubah oleh Sekretaris Dinas pada .* WIB \(nilai: /)
    expect((await row('SEK-01', 2026, 3)).status).toBe('diajukan')
    expect(await count('audit_log')).toBe(auditBefore)
    const ok = await verif(plan, [
      ['intent', 'verify_selected'],
      ['pilih', `${a.id}:${a.version}`],
      ['pilih', `${b.id}:${b.version}`],
    ])
    expect(ok.response!.status).toBe(200)
    expect((await row('SEK-01', 2026, 3)).status).toBe('diverifikasi')
    expect((await row('SEK-03', 2026, 3)).status).toBe('diverifikasi')
    expect(await count('audit_log')).toBe(auditBefore + 2)
    // verifying a row that is not "diajukan" is refused
    const again = await verif(plan, [
      ['intent', 'verify'],
      ['id', String(a.id)],
      ['version', String(a.version + 1)],
    ])
    expect(again.response!.status).toBe(400)
    expect((again.data as any).message).toMatch(/hanya realisasi berstatus Diajukan/)
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

  it('the queue lists values, capaian and evidence per bidang, and the missing entries of each bidang', async () => {
    const { data } = await settle(() => verifLoader({ request: getRequest('/verifikasi?tahun=2026&triwulan=4', plan.cookie), params: {}, context: ctx } as any))
    const d = data as any
    expect(d.quarterTitle).toBe('Triwulan IV 2026')
    expect(d.deadline.dueLabel).toBe('10 Januari 2027')
    expect(d.canClose).toBe(false) // TW IV has not ended
    const byName = Object.fromEntries(d.bidang.map((b: any) => [b.short, b]))
    const inf = byName['Bidang Infrastruktur']
    expect(inf.rows.map((r: any) => r.code)).toEqual(['INF-01', 'INF-02', 'INF-03'])
    expect(inf.counts.belum).toBe(3)
    expect(inf.rows.every((r: any) => r.missing)).toBe(true)
    const ikpB = d.bidang.find((b: any) => b.rows.some((r: any) => r.code === 'IKP-02'))
    const ikp02 = ikpB.rows.find((r: any) => r.code === 'IKP-02')
    expect(ikp02.row.valueShown).toBe('160')
    expect(ikp02.capaian.raw).toBeCloseTo((160 / 175) * 100, 10)
    expect(ikp02.capaian.predikatLabel).toBe('Sangat Tinggi')
    expect(ikp02.row.buktiText).toBe('Daftar konten terlampir')
    // released indices without a value are waiting for release, not missing
    const ikp04 = ikpB.rows.find((r: any) => r.code === 'IKP-04')
    expect(ikp04.missing).toBe(false)
    expect(ikp04.waitingRelease).toBe(true)

    // by default the page opens on the latest quarter with submitted rows
    const def = (await settle(() => verifLoader({ request: getRequest('/verifikasi', plan.cookie), params: {}, context: ctx } as any))).data as any
    expect([def.year, def.quarter]).toEqual([2026, 4])
    // TW III: IKP rows are awaiting verification (seeded), APL-03 was late
    const q3 = (await settle(() => verifLoader({ request: getRequest('/verifikasi?tahun=2026&triwulan=3', plan.cookie), params: {}, context: ctx } as any))).data as any
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
    expect(q3.bidang.find((b: any) => b.rows.some((r: any) => r.code === 'IKP-01')).counts.diajukan).toBe(expectedIkp)
    const apl = q3.bidang.find((b: any) => b.rows.some((r: any) => r.code === 'APL-03'))
    expect(apl.rows.find((r: any) => r.code === 'APL-03').row.isLate).toBe(true)
    expect(apl.counts.terlambat).toBe(1)
    expect(q3.canClose).toBe(true)
  })

  it('closes a quarter once it has ended, audited; not the current one, not twice', async () => {
    const current = await verif(plan, [
      ['intent', 'close_quarter'],
      ['tahun', '2026'],
      ['triwulan', '4'],
    ])
    expect(current.response!.status).toBe(400)
    expect((current.data as any).message).toMatch(/belum berakhir/)
    const ok = await verif(plan, [
      ['intent', 'close_quarter'],
      ['tahun', '2026'],
      ['triwulan', '2'],
    ])
    expect(ok.response!.status).toBe(200)
    const twice = await verif(plan, [
      ['intent', 'close_quarter'],
      ['tahun', '2026'],
      ['triwulan', '2'],
    ])
    expect(twice.response!.status).toBe(400)
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
      ).response!.status,
    ).toBe(400)
    expect(
      (
        await verif(plan, [
          ['intent', 'reopen_quarter'],
          ['tahun', '2026'],
          ['triwulan', '2'],
          ['alasan', 'Salah tutup'],
        ])
      ).response!.status,
    ).toBe(200)
    expect(await t.db.selectFrom('quarter_closure').selectAll().execute()).toHaveLength(0)
    expect(await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'reopen_quarter').execute()).toHaveLength(1)
  })

  it('every role × verification action: only perencanaan may verify, return, unlock or close', async () => {
    const r = await row('IKP-02')
    for (const username of ['kabid.ikp', 'kadis', 'auditor', 'admin', 'sekretaris']) {
      const s = await login(username)
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
        expect(res.response!.status, `${username} ${fields[0]![1]}`).toBe(403)
      }
      const page = await settle(() => verifLoader({ request: getRequest('/verifikasi', s.cookie), params: {}, context: ctx } as any))
      expect(page.response!.status, username).toBe(403)
    }
    expect((await row('IKP-02')).version).toBe(r.version)
    expect(await t.db.selectFrom('quarter_closure').selectAll().execute()).toHaveLength(0)
    // without a session: to the login page
    const anon = await settle(() => verifLoader({ request: getRequest('/verifikasi'), params: {}, context: ctx } as any))
    expect(anon.response!.status).toBe(302)
    expect(anon.response!.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('the audit trail: for audit:read roles only, filterable by entity, action, user and date, paginated', async () => {
    for (const username of ['kabid.ikp', 'kadis']) {
      const s = await login(username)
      const res = await settle(() => auditLoader({ request: getRequest('/audit', s.cookie), params: {}, context: ctx } as any))
      expect(res.response!.status, username).toBe(403)
    }
    const auditor = await login('auditor')
    const all = (await settle(() => auditLoader({ request: getRequest('/audit', auditor.cookie), params: {}, context: ctx } as any))).data as any
    const total = await count('audit_log')
    expect(all.total).toBe(total)
    expect(all.rows.length).toBe(Math.min(50, total))
    expect(all.rows[0].id).toBeGreaterThan(all.rows[1].id) // newest first

    const verifyRows = (await settle(() => auditLoader({ request: getRequest('/audit?aksi=verify', auditor.cookie), params: {}, context: ctx } as any))).data as any
    const expectedVerify = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'verify').execute()
    expect(verifyRows.total).toBe(expectedVerify.length)
    expect(verifyRows.rows.every((r: any) => r.action === 'verify')).toBe(true)

    const byUser = (await settle(() => auditLoader({ request: getRequest('/audit?pengguna=kabid.ikp&entitas=realisasi', auditor.cookie), params: {}, context: ctx } as any)))
      .data as any
    expect(byUser.total).toBeGreaterThan(0)
    expect(byUser.rows.every((r: any) => r.actorUsername === 'kabid.ikp' && r.entity === 'realisasi')).toBe(true)

    // date range in WIB: all of today's changes, none tomorrow
    const today = (
      await settle(() => auditLoader({ request: getRequest('/audit?dari=2026-11-29&sampai=2026-11-29&entitas=realisasi', auditor.cookie), params: {}, context: ctx } as any))
    ).data as any
    const realisasiAudit = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'realisasi').execute()
    expect(today.total).toBe(realisasiAudit.length)
    const tomorrow = (await settle(() => auditLoader({ request: getRequest('/audit?dari=2026-11-30&entitas=realisasi', auditor.cookie), params: {}, context: ctx } as any)))
      .data as any
    expect(tomorrow.total).toBe(0)
    const bad = (await settle(() => auditLoader({ request: getRequest('/audit?dari=29-11-2026', auditor.cookie), params: {}, context: ctx } as any))).data as any
    expect(bad.errors[0]).toMatch(/tidak valid/)

    // pagination: page 2 of verify rows with more rows than a page
    const many = (await settle(() => auditLoader({ request: getRequest('/audit?halaman=2', auditor.cookie), params: {}, context: ctx } as any))).data as any
    expect(many.page).toBe(2)
    expect(many.rows.length).toBe(Math.max(0, Math.min(50, total - 50)))
  })

  it('the history panel of a realisation: every audit row with before/after in Indonesian; scoped like the row', async () => {
    const r = await row('IKP-02')
    const auditor = await login('auditor')
    const h = (await settle(() => historyLoader({ request: getRequest(`/realisasi/${r.id}/riwayat`, auditor.cookie), params: { id: String(r.id) }, context: ctx } as any)))
      .data as any
    expect(h.realisasi.code).toBe('IKP-02')
    expect(h.entries.map((e: any) => e.action)).toEqual(['create', 'submit', 'return', 'update', 'submit', 'verify', 'unlock'])
    expect(h.entries[0].at).toMatch(/^29 November 2026 10\.00 WIB$/)
    expect(h.entries[2].reason).toBe('Lampirkan daftar konten November.')
    const { auditChanges } = await import('../../app/utils/audit-labels.js')
    const fix = auditChanges(h.entries[3].beforeJson, h.entries[3].afterJson)
    expect(fix.find((c) => c.field === 'value')).toMatchObject({ label: 'Nilai', before: '150', after: '160' })
    const submitted = auditChanges(h.entries[1].beforeJson, h.entries[1].afterJson)
    expect(submitted.find((c) => c.field === 'status')).toMatchObject({ label: 'Status', before: 'Draf', after: 'Diajukan' })
    // the kepala bidang of another bidang may not read it; his own may
    const infra = await login('kabid.infra')
    const other = await settle(() => historyLoader({ request: getRequest(`/realisasi/${r.id}/riwayat`, infra.cookie), params: { id: String(r.id) }, context: ctx } as any))
    expect(other.response!.status).toBe(403)
    const own = await settle(() => historyLoader({ request: getRequest(`/realisasi/${r.id}/riwayat`, ikp.cookie), params: { id: String(r.id) }, context: ctx } as any))
    expect(own.response).toBeNull()
    const missing = await settle(() => historyLoader({ request: getRequest('/realisasi/99999/riwayat', auditor.cookie), params: { id: '99999' }, context: ctx } as any))
    expect(missing.response!.status).toBe(404)
  })
})
