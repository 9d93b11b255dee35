// Rencana aksi: a meeting note's rekomendasi become actions in one step (through the route, as the
// browser posts it), bad input keeps what was typed and writes nothing, progress needs evidence to
// be "selesai", stale versions conflict, every change is audited, other users and other OPDs are
// refused; the projector slide, the cell page and the Rekap sheet show them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, loadData } from '../helpers/call.js'
import { addOpd, addUser, countRows, formErrorOf, openWorkbook, userIds } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { toDbTime } from '../../db/time.js'
import type { DB } from '../../db/db.server.js'
import { action as newAction, loader as newLoader } from '../../app/routes/aksi.baru.js'
import { action as detailAction, loader as detailLoader } from '../../app/routes/aksi.$id.js'
import { loader as listLoader } from '../../app/routes/aksi._index.js'
import { loader as cellLoader } from '../../app/routes/beranda.sel.$aspect.$strategy.js'
import { loader as presentasiLoader } from '../../app/routes/presentasi.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { buildRekapWorkbook } from '../../app/services/excel/rekap.server.js'
import { splitRekomendasi } from '../../app/domain/actions.js'

const ASOF = new Date('2026-11-29T03:00:00Z')

/** The meeting of 2026 s.d. TW III writes two rekomendasi for kemitraan × budaya; returns the note's id. */
async function addMeetingNote(db: DB): Promise<number> {
  const kadis = (await userIds(db)).kadis!
  const opd = await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()
  const at = toDbTime(ASOF)
  const r = await db
    .insertInto('evaluation_note')
    .values({
      opd_id: opd.id,
      aspect: 'kemitraan',
      strategy: 'budaya',
      period_key: '2026-Q3',
      judgement: 'kurang',
      kendala: 'Kemitraan seremonial.',
      rekomendasi: '1. Susun kalender kegiatan bersama mitra media\n2. Evaluasi kerja sama kampus setiap bulan',
      version: 1,
      created_by: kadis,
      created_at: at,
      updated_by: kadis,
      updated_at: at,
    })
    .executeTakeFirstOrThrow()
  return Number(r.insertId)
}

describe('rekomendasi split (pure)', () => {
  it('one action per line, list markers removed; a single paragraph is one', () => {
    expect(splitRekomendasi('1. Latih operator\n2) Susun SOP\n\n- Evaluasi bulanan')).toEqual(['Latih operator', 'Susun SOP', 'Evaluasi bulanan'])
    expect(splitRekomendasi('Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai.')).toEqual(['Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai.'])
    expect(splitRekomendasi(null)).toEqual([])
  })
})

describe.each(DB_KINDS)('rencana aksi (%s)', (kind) => {
  let noteId = 0
  let users: Record<string, number> = {}
  const t = useTestDb(kind, {
    seed: true,
    global: true,
    setup: async (db) => {
      noteId = await addMeetingNote(db)
      users = await userIds(db)
    },
  })
  const session = (u: string) => loginAs(t.db, u)
  const count = (table: 'action_item' | 'action_progress') => countRows(t.db, table)
  const audits = async () => t.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_username']).where('entity', '=', 'action_item').orderBy('id').execute()

  beforeAll(() => setClock(() => ASOF))
  beforeEach(() => setClock(() => ASOF))
  afterAll(() => setClock(null))

  const postNew = async (u: string, query: string, form: Record<string, string>) => callAction(newAction, `/aksi/baru${query}`, { session: await session(u), form })
  const postProgress = async (u: string, id: number, form: Record<string, string>) =>
    callAction(detailAction, `/aksi/${id}`, { session: await session(u), form, params: { id: String(id) } })
  /** What the pimpinan posts to turn both rekomendasi into actions (due 15 and 20 December). */
  const bothRekomendasi = () => ({
    jumlah: '2',
    pakai_0: 'ya',
    indeks_0: '0',
    judul_0: 'Susun kalender kegiatan bersama mitra media',
    pj_0: String(users['kabid.ikp']),
    tenggat_0: '2026-12-15',
    pakai_1: 'ya',
    indeks_1: '1',
    judul_1: 'Evaluasi kerja sama kampus setiap bulan',
    pj_1: String(users['kabid.ikp']),
    tenggat_1: '2026-12-20',
  })
  /** The two actions of the note, made as the browser makes them; their ids in rekomendasi order. */
  const createBoth = async (): Promise<number[]> => {
    const r = await postNew('kadis', `?catatan=${noteId}`, bothRekomendasi())
    expect(r.status).toBe(302)
    return (await t.db.selectFrom('action_item').select('id').where('source_note_id', '=', noteId).orderBy('source_index').execute()).map((a) => a.id)
  }
  /** The owner finishes the first action with evidence (version 1 → 2). */
  const finishFirst = async (first: number) => {
    const r = await postProgress('kabid.ikp', first, {
      version: '1',
      status: 'selesai',
      catatan: 'Kalender disepakati 3 media.',
      bukti: 'Notula rapat 2 Desember 2026',
      tautan: 'https://dumaikota.go.id/notula.pdf',
    })
    expect(r.status).toBe(302)
  }

  it('the form lists the two rekomendasi; a kepala bidang may not open it (403)', async () => {
    const form = await loadData(newLoader, `/aksi/baru?catatan=${noteId}`, { session: await session('kadis') })
    expect(form.rows.map((r) => r.title)).toEqual(['Susun kalender kegiatan bersama mitra media', 'Evaluasi kerja sama kampus setiap bulan'])
    const denied = await callLoader(newLoader, `/aksi/baru?catatan=${noteId}`, { session: await session('kabid.ikp') })
    expect(denied.status).toBe(403)
  })

  it('bad input: 400, the typed values come back, nothing written', async () => {
    const before = { items: await count('action_item'), audit: (await audits()).length }
    const r = await postNew('kadis', `?catatan=${noteId}`, {
      jumlah: '2',
      pakai_0: 'ya',
      indeks_0: '0',
      judul_0: 'Kalender bersama',
      pj_0: '',
      tenggat_0: '2026-12-15',
      pakai_1: 'ya',
      indeks_1: '1',
      judul_1: 'Evaluasi kampus',
      pj_1: String(users['kabid.ikp']),
      tenggat_1: '2026-02-30',
    })
    expect(r.status).toBe(400)
    const d = formErrorOf(r)
    expect(d.status).toBe('error')
    expect(d.formErrors).toEqual(['Periksa isian yang ditandai.'])
    expect(d.fieldErrors).toEqual({ pj_0: ['Pilih penanggung jawab.'], tenggat_1: ['Tenggat bukan tanggal yang valid (format TTTT-BB-HH).'] })
    expect(d.values.judul_0).toBe('Kalender bersama')
    expect(d.values.tenggat_1).toBe('2026-02-30')
    expect(d.values.pj_1).toBe(String(users['kabid.ikp']))
    expect(await count('action_item')).toBe(before.items)
    expect((await audits()).length).toBe(before.audit)
  })

  it('pimpinan turns both rekomendasi into actions in one step: two rows, two audit rows, back to the cell', async () => {
    const { response } = await postNew('kadis', `?catatan=${noteId}`, bothRekomendasi())
    expect(response?.status).toBe(302)
    expect(response?.headers.get('Location')).toBe('/beranda/sel/kemitraan/budaya?tahun=2026&triwulan=3&aksi=2#aksi')
    const rows = await t.db.selectFrom('action_item').selectAll().where('source_note_id', '=', noteId).orderBy('source_index').execute()
    expect(rows.map((r) => [r.title, r.source_index, r.owner_user_id, r.due_date, r.status, r.aspect, r.strategy, r.period_key])).toEqual([
      ['Susun kalender kegiatan bersama mitra media', 0, users['kabid.ikp'], '2026-12-15', 'direncanakan', 'kemitraan', 'budaya', '2026-Q3'],
      ['Evaluasi kerja sama kampus setiap bulan', 1, users['kabid.ikp'], '2026-12-20', 'direncanakan', 'kemitraan', 'budaya', '2026-Q3'],
    ])
    const ids = rows.map((r) => r.id)
    expect((await audits()).filter((a) => a.action === 'create').map((a) => [a.entity_id, a.actor_username])).toEqual(ids.map((id) => [String(id), 'kadis']))
    // the same rekomendasi cannot become an action twice
    const again = await postNew('kadis', `?catatan=${noteId}`, {
      jumlah: '2',
      pakai_0: 'ya',
      indeks_0: '0',
      judul_0: 'x yz',
      pj_0: String(users['kabid.ikp']),
      tenggat_0: '2026-12-15',
    })
    expect(again.status).toBe(409)
    expect(formErrorOf(again).formErrors[0]).toBe('Sebagian rekomendasi sudah menjadi rencana aksi (mungkin oleh pengguna lain). Muat ulang halaman.')
    const invented = await postNew('kadis', `?catatan=${noteId}`, {
      jumlah: '1',
      pakai_0: 'ya',
      indeks_0: '',
      judul_0: 'Bukan rekomendasi rapat',
      pj_0: String(users['kabid.ikp']),
      tenggat_0: '2026-12-15',
    })
    expect(invented.status).toBe(400)
    expect(await count('action_item')).toBe(3 + 2) // the demo's three and ours
  })

  it('the owner sees them in Tugas saya (beranda and /aksi?saya=1); the cell page lists them', async () => {
    const ids = await createBoth()
    const ikp = await session('kabid.ikp')
    const home = await loadData(berandaLoader, '/', { session: ikp })
    // the demo seed gives kabid.ikp one action already (due 30 November 2026, listed first)
    expect(home.myActions.total).toBe(3)
    const mine = await loadData(listLoader, '/aksi?saya=1', { session: ikp })
    expect(mine.items.map((i) => i.title)).toEqual([
      'Rencana aksi bersama mitra dengan tindak lanjut yang dipantau',
      'Susun kalender kegiatan bersama mitra media',
      'Evaluasi kerja sama kampus setiap bulan',
    ])
    expect(mine.items.slice(1).map((i) => i.id)).toEqual(ids)
    const none = await loadData(listLoader, '/aksi?saya=1', { session: await session('kabid.infra') })
    expect(none.items).toEqual([])
    const cell = await loadData(cellLoader, '/beranda/sel/kemitraan/budaya?tahun=2026&triwulan=3', { session: ikp, params: { aspect: 'kemitraan', strategy: 'budaya' } })
    expect(cell.actions.map((a) => a.title)).toEqual([
      'Rencana aksi bersama mitra dengan tindak lanjut yang dipantau',
      'Susun kalender kegiatan bersama mitra media',
      'Evaluasi kerja sama kampus setiap bulan',
    ])
  })

  it('progress: "selesai" needs evidence (400, nothing written); with evidence it is saved and audited; a stale version is 409', async () => {
    const [first] = await createBoth()
    const before = await count('action_progress')
    const noEvidence = await postProgress('kabid.ikp', first!, { version: '1', status: 'selesai', catatan: 'Sudah disusun.', bukti: '', tautan: '' })
    expect(noEvidence.status).toBe(400)
    expect(formErrorOf(noEvidence).fieldErrors).toEqual({ bukti: ['Rencana aksi yang selesai wajib disertai bukti (uraian atau tautan).'] })
    expect(formErrorOf(noEvidence).values).toMatchObject({ version: '1', status: 'selesai', catatan: 'Sudah disusun.', bukti: '' })
    const badLink = await postProgress('kabid.ikp', first!, { version: '1', status: 'selesai', catatan: '', bukti: '', tautan: 'javascript:alert(1)' })
    expect(badLink.status).toBe(400)
    expect(formErrorOf(badLink).fieldErrors.tautan).toEqual(['Tautan bukti harus diawali http:// atau https://.'])
    expect(formErrorOf(badLink).values.tautan).toBe('javascript:alert(1)')
    const badStatus = await postProgress('kabid.ikp', first!, { version: '1', status: 'hampir', catatan: 'Draf kalender', bukti: '', tautan: '' })
    expect(badStatus.status).toBe(400)
    expect(formErrorOf(badStatus).fieldErrors.status).toEqual(['Pilih status: direncanakan, berjalan, selesai, atau batal.'])
    expect(formErrorOf(badStatus).values.catatan).toBe('Draf kalender')
    expect((await t.db.selectFrom('action_item').select(['status', 'version']).where('id', '=', first!).executeTakeFirstOrThrow()).version).toBe(1)
    expect(await count('action_progress')).toBe(before)

    const ok = await postProgress('kabid.ikp', first!, {
      version: '1',
      status: 'selesai',
      catatan: 'Kalender disepakati 3 media.',
      bukti: 'Notula rapat 2 Desember 2026',
      tautan: 'https://dumaikota.go.id/notula.pdf',
    })
    expect(ok.status).toBe(302)
    const row = await t.db.selectFrom('action_item').select(['status', 'version', 'completed_at']).where('id', '=', first!).executeTakeFirstOrThrow()
    expect(row.status).toBe('selesai')
    expect(row.version).toBe(2)
    expect(String(row.completed_at)).toMatch(/^2026-11-29 03:00:00/)
    const last = (await audits()).at(-1)!
    expect(last).toEqual({ action: 'status_selesai', entity_id: String(first), actor_username: 'kabid.ikp' })

    const stale = await postProgress('kadis', first!, { version: '1', status: 'berjalan', catatan: 'dibuka lagi', bukti: '', tautan: '' })
    expect(stale.status).toBe(409)
    // what was typed comes back, now on the version shown (saving again is a choice made on purpose)
    expect(formErrorOf(stale).formErrors[0]).toMatch(/^Rencana aksi sudah diubah oleh pengguna lain \(status sekarang: selesai\)/)
    expect(formErrorOf(stale).values).toMatchObject({ version: '2', status: 'berjalan', catatan: 'dibuka lagi' })
    expect((await t.db.selectFrom('action_item').select('status').where('id', '=', first!).executeTakeFirstOrThrow()).status).toBe('selesai')
  })

  it('due date and owner: the pimpinan moves them (saved, audited); an unknown owner or a bad date is 400 with nothing written; the owner cannot move them', async () => {
    const [first] = await createBoth()
    const row = () => t.db.selectFrom('action_item').select(['due_date', 'owner_user_id', 'owner_unit_id', 'version']).where('id', '=', first!).executeTakeFirstOrThrow()
    const infraUnit = (await t.db.selectFrom('app_user').select('unit_id').where('username', '=', 'kabid.infra').executeTakeFirstOrThrow()).unit_id

    const unknown = await postProgress('kadis', first!, { version: '1', status: 'direncanakan', catatan: '', bukti: '', tautan: '', pj: '999999' })
    expect(unknown.status).toBe(400)
    expect(formErrorOf(unknown).fieldErrors).toEqual({ pj: ['Penanggung jawab tidak ditemukan pada perangkat daerah ini.'] })
    const badDate = await postProgress('kadis', first!, { version: '1', status: 'direncanakan', catatan: '', bukti: '', tautan: '', tenggat: '2026-02-30' })
    expect(badDate.status).toBe(400)
    expect(Object.keys(formErrorOf(badDate).fieldErrors)).toEqual(['tenggat'])
    expect(formErrorOf(badDate).values.tenggat).toBe('2026-02-30')
    expect(await row()).toMatchObject({ version: 1, owner_user_id: users['kabid.ikp'] })

    // the owner (a kepala bidang) may report progress, but a due date or owner he sends is not applied
    const owner = await postProgress('kabid.ikp', first!, {
      version: '1',
      status: 'berjalan',
      catatan: 'Draf disusun.',
      bukti: '',
      tautan: '',
      tenggat: '2027-01-31',
      pj: String(users['kabid.infra']),
    })
    expect(owner.status).toBe(302)
    expect(await row()).toMatchObject({ version: 2, owner_user_id: users['kabid.ikp'] })
    expect(String((await row()).due_date)).toMatch(/^2026-12-15/)

    const moved = await postProgress('kadis', first!, {
      version: '2',
      status: 'berjalan',
      catatan: '',
      bukti: '',
      tautan: '',
      tenggat: '2027-01-31',
      pj: String(users['kabid.infra']),
    })
    expect(moved.status).toBe(302)
    const after = await row()
    expect(after).toMatchObject({ version: 3, owner_user_id: users['kabid.infra'], owner_unit_id: infraUnit })
    expect(String(after.due_date)).toMatch(/^2027-01-31/)
    expect((await audits()).at(-1)).toEqual({ action: 'update', entity_id: String(first), actor_username: 'kadis' })
  })

  it('access: another kepala bidang and the auditor are refused (403), nothing written; another OPD does not see it (404)', async () => {
    const [, second] = await createBoth()
    const before = await count('action_progress')
    expect((await postProgress('kabid.infra', second!, { version: '1', status: 'berjalan', catatan: 'bukan milik saya', bukti: '', tautan: '' })).status).toBe(403)
    expect((await postProgress('auditor', second!, { version: '1', status: 'berjalan', catatan: 'x', bukti: '', tautan: '' })).status).toBe(403)
    expect(await count('action_progress')).toBe(before)
    // a second OPD with its own perencanaan
    const opd2 = await addOpd(t.db, { code: 'OPD-LAIN', name: 'Dinas Lain', shortName: 'Lain', sortOrder: 9, at: ASOF })
    await addUser(t.db, { username: 'perencanaan.lain', fullName: 'Perencanaan Lain', role: 'perencanaan', unitId: opd2, at: ASOF })
    const other = await session('perencanaan.lain')
    const seen = await callLoader(detailLoader, `/aksi/${second}`, { session: other, params: { id: String(second) } })
    expect(seen.status).toBe(404)
    expect((await postProgress('perencanaan.lain', second!, { version: '1', status: 'batal', catatan: 'x', bukti: '', tautan: '' })).status).toBe(404)
    const list = await loadData(listLoader, '/aksi?tampil=semua', { session: other })
    expect(list.items).toEqual([])
  })

  it('next quarter: the projector slide shows one done and one overdue; the cell is flagged; the Rekap sheet lists both', async () => {
    // on 29 November the first action was finished with evidence; the second was left as planned
    const ids = await createBoth()
    await finishFirst(ids[0]!)
    const later = new Date('2027-01-20T03:00:00Z')
    setClock(() => later)
    const kadis = await session('kadis')
    const { followThrough: ft } = await loadData(presentasiLoader, '/presentasi?tahun=2026&triwulan=4', { session: kadis })
    // ours: one done, one overdue; the demo's three (2025 meeting): pengelolaan done, kemitraan
    // overdue since 30 November, layanan due 31 March 2027 in progress
    const kemitraan = ft.cells.find((c) => c.label === 'Kemitraan × Budaya')!
    expect(kemitraan.items.filter((i) => ids.includes(i.id)).map((i) => i.followThrough)).toEqual(['selesai', 'terlambat'])
    expect(ft.totals).toEqual({ selesai: 2, berjalan: 1, terlambat: 2 })
    expect(ft.cells.map((c) => [c.label, c.selesai, c.berjalan, c.terlambat])).toEqual([
      ['Pengelolaan × Budaya', 1, 0, 0],
      ['Layanan × Budaya', 0, 1, 0],
      ['Kemitraan × Budaya', 1, 0, 2],
    ])
    // the meeting of 2026 s.d. TW III does not list its own decisions as "previous": demo ones only
    const same = await loadData(presentasiLoader, '/presentasi?tahun=2026&triwulan=3', { session: kadis })
    expect(same.followThrough.totals).toEqual({ selesai: 1, berjalan: 1, terlambat: 1 })
    const cell = await loadData(cellLoader, '/beranda/sel/kemitraan/budaya?tahun=2026&triwulan=4', { session: kadis, params: { aspect: 'kemitraan', strategy: 'budaya' } })
    const flags = cell.view.cell.flags.filter((f) => f.kind === 'aksi_terlambat')
    expect(flags.map((f) => f.reason)).toEqual([
      'Rencana aksi "Rencana aksi bersama mitra dengan tindak lanjut yang dipantau" (penanggung jawab Kepala Bidang IKP) lewat tenggat 30 November 2026 (51 hari), status berjalan',
      'Rencana aksi "Evaluasi kerja sama kampus setiap bulan" (penanggung jawab Kepala Bidang IKP) lewat tenggat 20 Desember 2026 (31 hari), status direncanakan',
    ])
    const opdId = (
      await t.db
        .selectFrom('org_unit')
        .select('id')
        .where('code', '=', (await t.db.selectFrom('org_unit').select('code').where('kind', '=', 'opd').orderBy('id').executeTakeFirstOrThrow()).code)
        .executeTakeFirstOrThrow()
    ).id
    const file = await buildRekapWorkbook(t.db, { opdId, period: { kind: 'triwulan', year: 2026, quarter: 4 }, asOf: later })
    const wb = await openWorkbook(file.buffer)
    const ws = wb.getWorksheet('Rencana Aksi')!
    const body: string[][] = []
    ws.eachRow((row, n) => {
      if (n > 4) body.push([String(row.getCell(2).value), String(row.getCell(6).value), String(row.getCell(8).value)])
    })
    expect(body).toEqual([
      ['Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai', '2026-06-30', 'Selesai'],
      ['Rencana aksi bersama mitra dengan tindak lanjut yang dipantau', '2026-11-30', 'Terlambat'],
      ['Susun kalender kegiatan bersama mitra media', '2026-12-15', 'Selesai'],
      ['Evaluasi kerja sama kampus setiap bulan', '2026-12-20', 'Terlambat'],
      ['Bentuk tim inovasi dan beri penghargaan atas inovasi yang diterapkan', '2027-03-31', 'Dalam proses'],
    ])
  })
})
