// Organisation by data (issue "[R2 2/7]" items 1 and 2), through the route actions as a browser
// posts them, on SQLite and MariaDB:
//   - create / rename / move / deactivate, each with exactly one audit row;
//   - a duplicate code within an OPD → Indonesian message, nothing written; the same code in
//     another OPD is fine; a cycle and a wrong kind are refused; deactivating a unit with an
//     active user is refused with the username named;
//   - an OPD-bound admin gets 403 on another OPD's units and cannot create an OPD;
//   - the organisation-and-users workbook: the template (Dumai example) imports 21 units and 8
//     users with one-time passwords; a bad file lists every bad row and writes nothing;
//   - `npm run setup` as a child process: first OPD and admin; refused on a database with an OPD
//     unless --add-opd; a weak password refused.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, dataOf, having, loadData } from '../helpers/call.js'
import { formErrorOf } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { toDbTime } from '../../db/time.js'
import { verifyPassword } from '../../app/utils/password.server.js'
import { readDataVersion } from '../../db/version.js'
import { orgIssueText } from '../../app/services/organisation/import-workbook.server.js'
import * as page from '../../app/routes/admin.organisasi.js'
import * as detail from '../../app/routes/admin.organisasi_.$id.js'
import * as template from '../../app/routes/admin.organisasi_.templat.js'
import type { DB } from '../../db/db.server.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ASOF = new Date('2026-12-01T03:00:00Z')
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
type Session = { cookie: string; csrf: string; userId: number }

async function counts(db: DB) {
  const n = async (t: 'org_unit' | 'app_user' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return { units: await n('org_unit'), users: await n('app_user'), audit: await n('audit_log'), version: await readDataVersion(db) }
}

async function unitByCode(db: DB, code: string, opdId: number) {
  const rows = await db.selectFrom('org_unit').selectAll().where('code', '=', code).execute()
  // the unit of this OPD: the OPD itself or a unit whose chain reaches it (two levels suffice here)
  for (const r of rows) {
    if (r.id === opdId || r.parent_id === opdId) return r
    const p = r.parent_id == null ? null : await db.selectFrom('org_unit').select('parent_id').where('id', '=', r.parent_id).executeTakeFirst()
    if (p?.parent_id === opdId) return r
  }
  throw new Error(`no unit ${code} in OPD ${opdId}`)
}

/** The workbook upload of /admin/organisasi as a browser posts it (multipart, with the session's CSRF token). */
function upload(s: Session, fields: Record<string, string>, bytes: Uint8Array) {
  const form: [string, string | File][] = [...Object.entries(fields), ['berkas', new File([bytes as BlobPart], 'organisasi.xlsx', { type: XLSX_MIME })]]
  return callAction(page.action, '/admin/organisasi', { session: s, form })
}

describe.each(DB_KINDS)('organisation admin on %s', (kind) => {
  const t = useTestDb(kind, { global: true })
  let city: Session
  let adminA: Session
  let adminB: Session
  let opdA: number
  let opdB: number

  const create = (s: Session, fields: Record<string, string>) =>
    callAction(page.action, '/admin/organisasi', { session: s, form: { intent: 'create', shortName: '', city: '', ...fields } })
  const onUnit = (s: Session, id: number, fields: Record<string, string>) =>
    callAction(detail.action, `/admin/organisasi/${id}`, { session: s, form: fields, params: { id: String(id) } })
  /** Creates a unit through the form; fails the test unless it was saved. */
  const created = async (s: Session, fields: Record<string, string>) => {
    const r = await create(s, fields)
    expect(r.status, JSON.stringify(r.data)).toBe(200)
    expect(dataOf(r).status).toBe('success')
  }
  /**
   * The Dinas Kominfo tree the first test builds, as its end state: bidang IKP ("Bidang Informasi
   * dan Komunikasi Publik", short name IKP) and bidang APL ("Bidang Aplikasi") under the OPD, and
   * seksi IKP-1 ("Seksi Layanan") under APL, all active; with `bappeda`, Bappeda's own bidang IKP.
   */
  const buildTree = async (opts: { bappeda?: boolean } = {}) => {
    await created(adminA, { parentId: String(opdA), kind: 'bidang', code: 'IKP', name: 'Bidang Informasi dan Komunikasi Publik', shortName: 'IKP' })
    await created(adminA, { parentId: String(opdA), kind: 'bidang', code: 'APL', name: 'Bidang Aplikasi' })
    const apl = await unitByCode(t.db, 'APL', opdA)
    await created(adminA, { parentId: String(apl.id), kind: 'seksi', code: 'IKP-1', name: 'Seksi Layanan' })
    if (opts.bappeda) await created(adminB, { parentId: String(opdB), kind: 'bidang', code: 'IKP', name: 'Bidang IKP Bappeda' })
  }
  const auditOf = (db: DB, id: number) =>
    db
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'before_json', 'after_json', 'request_id'])
      .where('entity', '=', 'org_unit')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute()

  // what this beforeAll writes (two OPDs, three admins and their sessions) is in every test's database
  beforeAll(async () => {
    setClock(() => ASOF)
    const t0 = toDbTime(ASOF)
    await t.db
      .insertInto('app_user')
      .values({
        username: 'admin.kota',
        full_name: 'Admin Kota',
        password_hash: 'x',
        role: 'admin',
        unit_id: null,
        active: 1,
        created_at: t0,
        updated_at: t0,
        password_changed_at: t0,
      })
      .execute()
    city = await loginAs(t.db, 'admin.kota')
    for (const [code, name] of [
      ['DKISP', 'Dinas Kominfo'],
      ['BAPPEDA', 'Bappeda'],
    ] as const) {
      await created(city, { parentId: '', kind: 'opd', code, name, city: 'Dumai' })
    }
    opdA = (await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP').executeTakeFirstOrThrow()).id
    opdB = (await t.db.selectFrom('org_unit').select('id').where('code', '=', 'BAPPEDA').executeTakeFirstOrThrow()).id
    for (const [username, unit] of [
      ['admin.a', opdA],
      ['admin.b', opdB],
    ] as const) {
      await t.db
        .insertInto('app_user')
        .values({ username, full_name: username, password_hash: 'x', role: 'admin', unit_id: unit, active: 1, created_at: t0, updated_at: t0, password_changed_at: t0 })
        .execute()
    }
    adminA = await loginAs(t.db, 'admin.a')
    adminB = await loginAs(t.db, 'admin.b')
  })
  afterAll(() => setClock(null))

  it('create, rename, move and deactivate: each change one audit row with before/after and the request id', async () => {
    const before = await counts(t.db)
    expect((await create(adminA, { parentId: String(opdA), kind: 'bidang', code: 'IKP', name: 'Bidang IKP' })).status).toBe(200)
    const ikp = await unitByCode(t.db, 'IKP', opdA)
    expect((await create(adminA, { parentId: String(ikp.id), kind: 'seksi', code: 'IKP-1', name: 'Seksi Layanan' })).status).toBe(200)
    expect((await create(adminA, { parentId: String(opdA), kind: 'bidang', code: 'APL', name: 'Bidang Aplikasi' })).status).toBe(200)
    const seksi = await unitByCode(t.db, 'IKP-1', opdA)
    const apl = await unitByCode(t.db, 'APL', opdA)
    expect(seksi.parent_id).toBe(ikp.id)
    expect(seksi.active).toBe(1)

    const renamed = await onUnit(adminA, ikp.id, { intent: 'rename', code: 'IKP', name: 'Bidang Informasi dan Komunikasi Publik', shortName: 'IKP', city: '' })
    expect(renamed.status).toBe(200)
    expect(dataOf(renamed).status).toBe('success')
    const moved = await onUnit(adminA, seksi.id, { intent: 'move', parentId: String(apl.id) })
    expect(moved.status).toBe(200)
    expect(dataOf(moved).status).toBe('success')
    const off = await onUnit(adminA, seksi.id, { intent: 'deactivate' })
    expect(off.status).toBe(200)
    expect(dataOf(off).status).toBe('success')

    const after = await counts(t.db)
    expect(after.units - before.units).toBe(3)
    expect(after.audit - before.audit).toBe(6) // 3 create + rename + move + deactivate
    expect(await t.db.selectFrom('org_unit').select(['name', 'short_name']).where('id', '=', ikp.id).executeTakeFirstOrThrow()).toEqual({
      name: 'Bidang Informasi dan Komunikasi Publik',
      short_name: 'IKP',
    })
    expect(await t.db.selectFrom('org_unit').select(['parent_id', 'active']).where('id', '=', seksi.id).executeTakeFirstOrThrow()).toEqual({ parent_id: apl.id, active: 0 })

    const ikpAudit = await auditOf(t.db, ikp.id)
    expect(ikpAudit.map((a) => a.action)).toEqual(['create', 'update'])
    expect(JSON.parse(ikpAudit[1]!.before_json!).name).toBe('Bidang IKP')
    expect(JSON.parse(ikpAudit[1]!.after_json!).name).toBe('Bidang Informasi dan Komunikasi Publik')
    const seksiAudit = await auditOf(t.db, seksi.id)
    expect(seksiAudit.map((a) => [a.action, a.actor_username, a.request_id])).toEqual([
      ['create', 'admin.a', 'test-request'],
      ['move', 'admin.a', 'test-request'],
      ['deactivate', 'admin.a', 'test-request'],
    ])
    expect([JSON.parse(seksiAudit[1]!.before_json!).parent_id, JSON.parse(seksiAudit[1]!.after_json!).parent_id]).toEqual([ikp.id, apl.id])
    expect([JSON.parse(seksiAudit[2]!.before_json!).active, JSON.parse(seksiAudit[2]!.after_json!).active]).toEqual([1, 0])

    // activate again: one more audit row
    expect((await onUnit(adminA, seksi.id, { intent: 'activate' })).status).toBe(200)
    expect((await counts(t.db)).audit - after.audit).toBe(1)
  })

  it('a duplicate code in the same OPD is refused in Indonesian and writes nothing; the same code in another OPD is fine', async () => {
    await buildTree()
    const before = await counts(t.db)
    const dup = await create(adminA, { parentId: String(opdA), kind: 'bidang', code: 'ikp', name: 'Bidang Kembar' })
    expect(dup.response?.status).toBe(400)
    const d = formErrorOf(dup)
    expect(d.status).toBe('error')
    expect(d.fieldErrors.code).toEqual(['Kode "ikp" sudah dipakai di OPD ini oleh bidang "Bidang Informasi dan Komunikasi Publik". Kode harus unik dalam satu OPD.'])
    expect(d.values.name).toBe('Bidang Kembar') // what was typed comes back
    const ikp = await unitByCode(t.db, 'IKP', opdA)
    const renameDup = await onUnit(adminA, ikp.id, { intent: 'rename', code: 'APL', name: 'Bidang IKP', shortName: '', city: '' })
    expect(renameDup.response?.status).toBe(400)
    expect(formErrorOf(renameDup).fieldErrors.code![0]).toMatch(/^Kode "APL" sudah dipakai di OPD ini/)
    expect(formErrorOf(renameDup).values).toEqual({ intent: 'rename', code: 'APL', name: 'Bidang IKP', shortName: '', city: '' })
    // an empty name: 400 from the form's schema with what was typed, nothing written
    const emptyName = await onUnit(adminA, ikp.id, { intent: 'rename', code: 'IKP-X', name: '  ', shortName: 'Singkat', city: '' })
    expect(emptyName.response?.status).toBe(400)
    expect(emptyName.data).toEqual({
      status: 'error',
      intent: 'rename',
      formErrors: ['Periksa kembali isian yang ditandai; belum ada yang disimpan.'],
      fieldErrors: { name: ['Nama unit wajib diisi.'] },
      values: { intent: 'rename', code: 'IKP-X', name: '  ', shortName: 'Singkat', city: '' },
    })
    const unknownIntent = await onUnit(adminA, ikp.id, { intent: 'hapus' })
    expect(unknownIntent.response?.status).toBe(400)
    expect(formErrorOf(unknownIntent).formErrors).toEqual(['Tindakan tidak dikenal.'])
    expect(await counts(t.db)).toEqual(before) // not even the data version moved

    const other = await create(adminB, { parentId: String(opdB), kind: 'bidang', code: 'IKP', name: 'Bidang IKP Bappeda' })
    expect(other.status).toBe(200)
    expect(dataOf(other).status).toBe('success')
    expect((await counts(t.db)).units).toBe(before.units + 1)
    // an OPD code is unique among the OPDs
    const opdDup = await create(city, { parentId: '', kind: 'opd', code: 'dkisp', name: 'Dinas Lain' })
    expect(opdDup.response?.status).toBe(400)
    expect(formErrorOf(opdDup).fieldErrors.code![0]).toMatch(/^Kode "dkisp" sudah dipakai di tingkat kota oleh perangkat daerah \(opd\) "Dinas Kominfo"/)
  })

  it('a cycle and a wrong kind are refused with their reason; nothing written', async () => {
    await buildTree({ bappeda: true })
    const apl = await unitByCode(t.db, 'APL', opdA)
    const seksi = await unitByCode(t.db, 'IKP-1', opdA) // under APL
    const before = await counts(t.db)
    const cycle = await onUnit(adminA, apl.id, { intent: 'move', parentId: String(seksi.id) })
    expect(cycle.response?.status).toBe(400)
    expect(formErrorOf(cycle).fieldErrors.parentId).toEqual(['"Seksi Layanan" berada di bawah "Bidang Aplikasi"; memindahkan ke sana akan membuat lingkaran.'])
    expect(formErrorOf(cycle).values).toEqual({ intent: 'move', parentId: String(seksi.id) })
    const self = await onUnit(adminA, apl.id, { intent: 'move', parentId: String(apl.id) })
    expect(formErrorOf(self).fieldErrors.parentId).toEqual(['Unit tidak dapat menjadi induk dirinya sendiri.'])
    const ikp = await unitByCode(t.db, 'IKP', opdA)
    const wrong = await onUnit(adminA, ikp.id, { intent: 'move', parentId: String(seksi.id) })
    expect(wrong.response?.status).toBe(400)
    expect(formErrorOf(wrong).fieldErrors.parentId).toEqual(['Seksi tidak boleh memiliki unit di bawahnya (Bidang tidak dapat ditempatkan di sini).'])
    const bidangUnderSeksi = await create(adminA, { parentId: String(seksi.id), kind: 'bidang', code: 'X1', name: 'Bidang Salah' })
    expect(bidangUnderSeksi.response?.status).toBe(400)
    expect(formErrorOf(bidangUnderSeksi).fieldErrors.kind![0]).toBe('Seksi tidak boleh memiliki unit di bawahnya (Bidang tidak dapat ditempatkan di sini).')
    const seksiUnderOpd = await create(adminA, { parentId: String(opdA), kind: 'seksi', code: 'X2', name: 'Seksi Salah' })
    expect(formErrorOf(seksiUnderOpd).fieldErrors.kind![0]).toBe(
      'Seksi tidak boleh berada di bawah perangkat daerah (opd). Di bawah perangkat daerah (opd) hanya boleh: sekretariat, bidang, upt.',
    )
    const acrossOpd = await onUnit(city, seksi.id, { intent: 'move', parentId: String(await unitByCode(t.db, 'IKP', opdB).then((u) => u.id)) })
    expect(formErrorOf(acrossOpd).fieldErrors.parentId![0]).toMatch(/^Unit hanya dapat dipindah di dalam OPD-nya sendiri/)
    expect(await counts(t.db)).toEqual(before)
  })

  it('deactivating a unit with an active user is refused, naming the user; nothing written', async () => {
    await buildTree()
    const ikp = await unitByCode(t.db, 'IKP', opdA)
    const t0 = toDbTime(ASOF)
    await t.db
      .insertInto('app_user')
      .values({
        username: 'kabid.ikp.a',
        full_name: 'Kabid IKP',
        password_hash: 'x',
        role: 'kepala_bidang',
        unit_id: ikp.id,
        active: 1,
        created_at: t0,
        updated_at: t0,
        password_changed_at: t0,
      })
      .execute()
    const before = await counts(t.db)
    const r = await onUnit(adminA, ikp.id, { intent: 'deactivate' })
    expect(r.response?.status).toBe(409)
    expect(formErrorOf(r).formErrors[0]).toBe(
      '"Bidang Informasi dan Komunikasi Publik" belum dapat dinonaktifkan: masih ada 1 pengguna aktif (kabid.ikp.a) — pindahkan atau nonaktifkan di halaman Pengguna.',
    )
    const apl = await unitByCode(t.db, 'APL', opdA)
    const withChild = await onUnit(adminA, apl.id, { intent: 'deactivate' })
    expect(withChild.status).toBe(409)
    expect(formErrorOf(withChild).formErrors[0]).toBe(
      '"Bidang Aplikasi" belum dapat dinonaktifkan: masih ada 1 unit aktif di bawahnya (Seksi Layanan) — nonaktifkan atau pindahkan dulu.',
    )
    expect(await counts(t.db)).toEqual(before)
  })

  it("an OPD-bound admin gets 403 on another OPD's units and cannot create an OPD; nothing written", async () => {
    await buildTree({ bappeda: true })
    const ikpA = await unitByCode(t.db, 'IKP', opdA)
    const before = await counts(t.db)
    const outcomes = [
      await onUnit(adminB, ikpA.id, { intent: 'rename', code: 'IKP', name: 'Diambil alih', shortName: '', city: '' }),
      await onUnit(adminB, ikpA.id, { intent: 'move', parentId: String(opdB) }),
      await onUnit(adminB, ikpA.id, { intent: 'deactivate' }),
      await onUnit(adminB, opdA, { intent: 'rename', code: 'DKISP', name: 'Diambil alih', shortName: '', city: '' }),
      await create(adminB, { parentId: String(ikpA.id), kind: 'seksi', code: 'SUSUP', name: 'Seksi Susupan' }),
      await create(adminB, { parentId: '', kind: 'opd', code: 'OPD-BARU', name: 'OPD Baru' }),
      await callLoader(detail.loader, `/admin/organisasi/${ikpA.id}`, { session: adminB, params: { id: String(ikpA.id) } }),
      await callLoader(template.loader, `/admin/organisasi/templat?opd=${opdA}`, { session: adminB }),
    ]
    expect(outcomes.map((o) => o.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403])
    expect(await counts(t.db)).toEqual(before)
    // his own page lists his OPD's tree only
    const own = await loadData(page.loader, '/admin/organisasi', { session: adminB })
    expect(own.tree.map((u) => u.code)).toEqual(['BAPPEDA', 'IKP'])
  })

  it('the workbook template (Dumai example) imports 21 units and 8 users, each with a one-time password that verifies', async () => {
    const res = (await callLoader(template.loader, '/admin/organisasi/templat', { session: adminB })).response!
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe(XLSX_MIME)
    const bytes = new Uint8Array(await res.arrayBuffer())
    // into a fresh OPD, by the city-level admin
    expect((await create(city, { parentId: '', kind: 'opd', code: 'DKISP-2', name: 'Diskominfotiksan Uji' })).status).toBe(200)
    const opdD = (await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DKISP-2').executeTakeFirstOrThrow()).id
    const before = await counts(t.db)
    const preview = await upload(city, { intent: 'periksa', opd: String(opdD) }, bytes)
    expect(preview.status).toBe(200)
    const plan = having(dataOf(preview), 'plan').plan!
    expect(plan).not.toBeNull()
    expect(plan.errors.map(orgIssueText)).toEqual([])
    expect(plan.counts).toEqual({ unitsNew: 21, unitsSame: 0, users: 8 }) // 6 units + 15 subbagian/seksi; 9 demo users but the admin
    expect(await counts(t.db)).toEqual(before) // a preview writes nothing

    const commit = await upload(city, { intent: 'simpan', opd: String(opdD), rencana: plan.hash }, bytes)
    expect(commit.status, JSON.stringify(commit.data).slice(0, 500)).toBe(200)
    const done = having(dataOf(commit), 'credentials')
    expect([done.status, done.intent]).toEqual(['success', 'simpan'])
    const after = await counts(t.db)
    expect(after.units - before.units).toBe(21)
    expect(after.users - before.users).toBe(8)
    expect(after.audit - before.audit).toBe(29)
    expect(done.credentials.map((c) => c.username).sort()).toEqual([
      'auditor',
      'kabid.aplikasi',
      'kabid.ikp',
      'kabid.infra',
      'kabid.statistik',
      'kadis',
      'perencanaan',
      'sekretaris',
    ])
    for (const c of done.credentials) expect(c.password).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/)
    expect(new Set(done.credentials.map((c) => c.password)).size).toBe(8)
    // two of them checked against the stored hash (scrypt is slow on purpose)
    for (const c of done.credentials.filter((x) => x.username === 'kabid.ikp' || x.username === 'perencanaan')) {
      const row = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', c.username).executeTakeFirstOrThrow()
      expect(await verifyPassword(c.password, row.password_hash), c.username).toBe(true)
    }
    // placements: kabid.aplikasi in the new OPD's APL, perencanaan in the OPD itself; seksi under their bidang
    const aplD = await unitByCode(t.db, 'APL', opdD)
    expect((await t.db.selectFrom('app_user').select('unit_id').where('username', '=', 'kabid.aplikasi').executeTakeFirstOrThrow()).unit_id).toBe(aplD.id)
    expect((await t.db.selectFrom('app_user').select('unit_id').where('username', '=', 'perencanaan').executeTakeFirstOrThrow()).unit_id).toBe(opdD)
    expect((await unitByCode(t.db, 'APL-2', opdD)).parent_id).toBe(aplD.id)
    // the same file again: every unit already there (skipped), every username taken → refused, nothing written
    const again = await upload(city, { intent: 'periksa', opd: String(opdD) }, bytes)
    const againPlan = having(dataOf(again), 'plan').plan!
    expect(againPlan).not.toBeNull()
    expect(againPlan.counts).toEqual({ unitsNew: 0, unitsSame: 21, users: 0 })
    expect(againPlan.errors.length).toBe(8)
    // no password in the audit trail
    const audit = await t.db.selectFrom('audit_log').select('after_json').where('action', '=', 'import_create').execute()
    for (const c of done.credentials) expect(audit.some((a) => (a.after_json ?? '').includes(c.password))).toBe(false)
  })

  it('a bad workbook lists every bad row with sheet, row, column and reason, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook()
    const units = wb.addWorksheet('Unit')
    units.addRow(['Unit organisasi'])
    units.addRow([])
    units.addRow([])
    units.addRow(['Kode unit', 'Nama unit', 'Nama singkat', 'Jenis', 'Kode induk'])
    units.addRow(['SEK', 'Sekretariat', null, 'sekretariat', null]) // 5 ok
    units.addRow(['SEK-1', 'Subbagian Umum', null, 'subbagian', 'SEKX']) // 6 unknown parent
    units.addRow(['SEK', 'Sekretariat Lagi', null, 'sekretariat', null]) // 7 duplicate code
    units.addRow(['DIR', 'Direktorat', null, 'direktorat', null]) // 8 bad kind
    units.addRow(['B1', 'Bidang Satu', null, 'bidang', 'SEK']) // 9 bidang under sekretariat
    units.addRow(['S 1', 'Seksi', null, 'seksi', 'B1']) // 10 bad code
    const users = wb.addWorksheet('Pengguna')
    users.addRow(['Pengguna'])
    users.addRow([])
    users.addRow([])
    users.addRow(['Nama pengguna', 'Nama lengkap', 'Peran', 'Kode unit'])
    users.addRow(['kabid.sek', 'Kabid', 'kepala_bidang', 'SEK']) // 5 ok
    users.addRow(['kabid.sek', 'Kabid Kembar', 'kepala_bidang', 'SEK']) // 6 duplicate username
    users.addRow(['admin.a', 'Sudah ada', 'auditor', null]) // 7 existing username
    users.addRow(['kabid.x', 'Tanpa unit', 'kepala_bidang', null]) // 8 kabid without unit
    users.addRow(['tamu', 'Tamu', 'operator', null]) // 9 unknown role
    users.addRow(['kabid.y', 'Unit tak dikenal', 'kepala_bidang', 'ZZZ']) // 10 unknown unit code
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
    // a fresh OPD for it
    await created(city, { parentId: '', kind: 'opd', code: 'DPMPTSP', name: 'Dinas Penanaman Modal' })
    const opdC = (await t.db.selectFrom('org_unit').select('id').where('code', '=', 'DPMPTSP').executeTakeFirstOrThrow()).id
    const before = await counts(t.db)
    const preview = await upload(city, { intent: 'periksa', opd: String(opdC) }, bytes)
    expect(preview.response?.status).toBe(400)
    const plan = having(dataOf(preview), 'plan').plan!
    expect(plan).not.toBeNull()
    expect(plan.errors.map(orgIssueText)).toEqual([
      'Lembar Unit, baris 6, kolom E (Kode induk): Kode induk "SEKX" tidak dikenal: tidak ada di lembar Unit maupun di Dinas Penanaman Modal.',
      'Lembar Unit, baris 7, kolom A (Kode unit): Kode "SEK" ganda: sudah dipakai di baris 5.',
      'Lembar Unit, baris 8, kolom D (Jenis): Jenis "direktorat" tidak dikenal. Pilih salah satu: sekretariat, bidang, upt, subbagian, seksi.',
      'Lembar Unit, baris 9, kolom D (Jenis): Bidang tidak boleh berada di bawah sekretariat. Di bawah sekretariat hanya boleh: subbagian.',
      'Lembar Unit, baris 10, kolom A (Kode unit): "S 1": Kode 1–40 karakter: huruf, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.',
      'Lembar Pengguna, baris 6, kolom A (Nama pengguna): Nama pengguna "kabid.sek" ganda: sudah dipakai di baris 5.',
      'Lembar Pengguna, baris 7, kolom A (Nama pengguna): Nama pengguna "admin.a" sudah dipakai akun lain.',
      'Lembar Pengguna, baris 8, kolom D (Kode unit): Kepala bidang wajib diisi kode bidang atau sekretariatnya.',
      'Lembar Pengguna, baris 9, kolom C (Peran): Peran "operator" tidak dikenal. Pilih salah satu: admin, perencanaan, kepala_bidang, pimpinan, auditor.',
      'Lembar Pengguna, baris 10, kolom D (Kode unit): Kode unit "ZZZ" tidak dikenal: tidak ada di lembar Unit maupun di Dinas Penanaman Modal.',
    ])
    // a commit of the same file (even with a forged plan hash) writes nothing
    const commit = await upload(city, { intent: 'simpan', opd: String(opdC), rencana: plan.hash }, bytes)
    expect(commit.response?.status).toBe(400)
    expect(await counts(t.db)).toEqual(before)
    // an OPD admin cannot import into another OPD
    const foreign = await upload(adminA, { intent: 'periksa', opd: String(opdC) }, bytes)
    expect(foreign.response?.status).toBe(403)
  })

  it('npm run setup: first OPD and its admin, audited; refused on a database with an OPD unless --add-opd; a weak password refused', async () => {
    const fresh = await createTestDb(kind, { migrate: false })
    try {
      const setup = (password: string, args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'db/cli.ts', 'setup', ...args], {
          cwd: ROOT,
          input: `${password}\n`,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: fresh.url, NODE_ENV: 'production' },
          timeout: 60_000,
        })
      const first = [
        '--opd-code',
        'DKISP-DUMAI',
        '--opd-name',
        'Dinas Komunikasi Informatika Statistik dan Persandian Kota Dumai',
        '--admin-username',
        'admin.dinas',
        '--admin-name',
        'Admin Dinas',
      ]
      const weak = setup('password123', first)
      expect(weak.status).toBe(1)
      expect(weak.stderr).toContain('Kata sandi: Kata sandi terlalu umum')
      expect(await counts(fresh.db)).toMatchObject({ units: 0, users: 0, audit: 0 })

      const ok = setup('Pelabuhan#Dumai-2026', first)
      expect(ok.status, ok.stderr).toBe(0)
      expect(ok.stdout).toContain('OPD "Dinas Komunikasi Informatika Statistik dan Persandian Kota Dumai" (kode DKISP-DUMAI) dan admin admin.dinas dibuat.')
      expect(ok.stdout).toContain('Langkah berikutnya:')
      expect(ok.stdout).toContain('/admin/organisasi')
      const opd = await fresh.db.selectFrom('org_unit').select(['id', 'kind', 'code', 'parent_id', 'active']).executeTakeFirstOrThrow()
      expect(opd).toMatchObject({ kind: 'opd', code: 'DKISP-DUMAI', parent_id: null, active: 1 })
      const admin = await fresh.db.selectFrom('app_user').select(['username', 'role', 'unit_id', 'password_hash']).executeTakeFirstOrThrow()
      expect([admin.username, admin.role, admin.unit_id]).toEqual(['admin.dinas', 'admin', opd.id])
      expect(await verifyPassword('Pelabuhan#Dumai-2026', admin.password_hash)).toBe(true)
      expect(await fresh.db.selectFrom('audit_log').select(['entity', 'action', 'actor_username']).orderBy('id').execute()).toEqual([
        { entity: 'org_unit', action: 'create', actor_username: 'cli' },
        { entity: 'user', action: 'create', actor_username: 'cli' },
      ])

      const again = setup('Pelabuhan#Dumai-2026', ['--opd-code', 'BAPPEDA', '--opd-name', 'Bappeda', '--admin-username', 'admin.bappeda', '--admin-name', 'Admin Bappeda'])
      expect(again.status).toBe(1)
      expect(again.stderr).toContain('basis data ini sudah berisi 1 OPD; tidak ada yang diubah')
      expect(await counts(fresh.db)).toMatchObject({ units: 1, users: 1, audit: 2 })

      const added = setup('Pelabuhan#Dumai-2026', [
        '--add-opd',
        '--opd-code',
        'BAPPEDA',
        '--opd-name',
        'Bappeda',
        '--admin-username',
        'admin.bappeda',
        '--admin-name',
        'Admin Bappeda',
      ])
      expect(added.status, added.stderr).toBe(0)
      expect(await counts(fresh.db)).toMatchObject({ units: 2, users: 2, audit: 4 })
    } finally {
      await fresh.drop()
    }
  }, 120_000)
})
