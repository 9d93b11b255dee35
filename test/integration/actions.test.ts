// Rencana aksi: a meeting note's rekomendasi become actions in one step (through the route, as the
// browser posts it), bad input keeps what was typed and writes nothing, progress needs evidence to
// be "selesai", stale versions conflict, every change is audited, other users and other OPDs are
// refused; the projector slide, the cell page and the Rekap sheet show them.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { ctx, getRequest, loginAs, postRequest, settle } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'
import { toDbTime } from '../../db/time.js'
import { action as newAction, loader as newLoader } from '../../app/routes/aksi.baru.js'
import { action as detailAction, loader as detailLoader } from '../../app/routes/aksi.$id.js'
import { loader as listLoader } from '../../app/routes/aksi._index.js'
import { loader as cellLoader } from '../../app/routes/beranda.sel.$aspect.$strategy.js'
import { loader as presentasiLoader } from '../../app/routes/presentasi.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { buildRekapWorkbook } from '../../app/services/excel/rekap.server.js'
import { splitRekomendasi } from '../../app/domain/actions.js'

const ASOF = new Date('2026-11-29T03:00:00Z')

describe('rekomendasi split (pure)', () => {
  it('one action per line, list markers removed; a single paragraph is one', () => {
    expect(splitRekomendasi('1. Latih operator\n2) Susun SOP\n\n- Evaluasi bulanan')).toEqual(['Latih operator', 'Susun SOP', 'Evaluasi bulanan'])
    expect(splitRekomendasi('Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai.')).toEqual(['Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai.'])
    expect(splitRekomendasi(null)).toEqual([])
  })
})

describe.each(DB_KINDS)('rencana aksi (%s)', (kind) => {
  let t: TestDb
  let noteId: number
  let ids: number[] = []
  const users: Record<string, number> = {}
  const sessions = new Map<string, { cookie: string; csrf: string }>()
  const session = async (u: string) => {
    if (!sessions.has(u)) sessions.set(u, await loginAs(t.db, u))
    return sessions.get(u)!
  }
  const count = async (table: 'action_item' | 'action_progress') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const audits = async () => t.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_username']).where('entity', '=', 'action_item').orderBy('id').execute()

  beforeAll(async () => {
    t = await createTestDb(kind, { seed: true, global: true })
    setClock(() => ASOF)
    for (const u of await t.db.selectFrom('app_user').select(['id', 'username']).execute()) users[u.username] = u.id
    // the meeting of 2026 s.d. TW III writes two rekomendasi for kemitraan × budaya
    const opd = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()
    const at = toDbTime(ASOF)
    const r = await t.db
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
        created_by: users.kadis!,
        created_at: at,
        updated_by: users.kadis!,
        updated_at: at,
      })
      .executeTakeFirstOrThrow()
    noteId = Number(r.insertId)
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
  })

  const postNew = async (u: string, query: string, fields: Record<string, string>) => {
    const s = await session(u)
    return settle(() => newAction({ request: postRequest(`/aksi/baru${query}`, { _csrf: s.csrf, ...fields }, { cookie: s.cookie }), params: {}, context: ctx } as any))
  }
  const postProgress = async (u: string, id: number, fields: Record<string, string>) => {
    const s = await session(u)
    return settle(() => detailAction({ request: postRequest(`/aksi/${id}`, { _csrf: s.csrf, ...fields }, { cookie: s.cookie }), params: { id: String(id) }, context: ctx } as any))
  }

  it('the form lists the two rekomendasi; a kepala bidang may not open it (403)', async () => {
    const kadis = await session('kadis')
    const { data } = await settle(() => newLoader({ request: getRequest(`/aksi/baru?catatan=${noteId}`, kadis.cookie), params: {}, context: ctx } as any))
    expect((data as any).rows.map((r: any) => r.title)).toEqual(['Susun kalender kegiatan bersama mitra media', 'Evaluasi kerja sama kampus setiap bulan'])
    const ikp = await session('kabid.ikp')
    const denied = await settle(() => newLoader({ request: getRequest(`/aksi/baru?catatan=${noteId}`, ikp.cookie), params: {}, context: ctx } as any))
    expect(denied.response?.status).toBe(403)
  })

  it('bad input: 400, the typed values come back, nothing written', async () => {
    const before = { items: await count('action_item'), audit: (await audits()).length }
    const { response, data } = await postNew('kadis', `?catatan=${noteId}`, {
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
    expect(response?.status).toBe(400)
    const d = data as any
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
    const { response } = await postNew('kadis', `?catatan=${noteId}`, {
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
    expect(response?.status).toBe(302)
    expect(response?.headers.get('Location')).toBe('/beranda/sel/kemitraan/budaya?tahun=2026&triwulan=3&aksi=2#aksi')
    const rows = await t.db.selectFrom('action_item').selectAll().where('source_note_id', '=', noteId).orderBy('source_index').execute()
    expect(rows.map((r) => [r.title, r.source_index, r.owner_user_id, r.due_date, r.status, r.aspect, r.strategy, r.period_key])).toEqual([
      ['Susun kalender kegiatan bersama mitra media', 0, users['kabid.ikp'], '2026-12-15', 'direncanakan', 'kemitraan', 'budaya', '2026-Q3'],
      ['Evaluasi kerja sama kampus setiap bulan', 1, users['kabid.ikp'], '2026-12-20', 'direncanakan', 'kemitraan', 'budaya', '2026-Q3'],
    ])
    ids = rows.map((r) => r.id)
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
    expect(again.response?.status).toBe(409)
    expect((again.data as any).formErrors[0]).toBe('Sebagian rekomendasi sudah menjadi rencana aksi (mungkin oleh pengguna lain). Muat ulang halaman.')
    const invented = await postNew('kadis', `?catatan=${noteId}`, {
      jumlah: '1',
      pakai_0: 'ya',
      indeks_0: '',
      judul_0: 'Bukan rekomendasi rapat',
      pj_0: String(users['kabid.ikp']),
      tenggat_0: '2026-12-15',
    })
    expect(invented.response?.status).toBe(400)
    expect(await count('action_item')).toBe(3 + 2) // the demo's three and ours
  })

  it('the owner sees them in Tugas saya (beranda and /aksi?saya=1); the cell page lists them', async () => {
    const ikp = await session('kabid.ikp')
    const home = await settle(() => berandaLoader({ request: getRequest('/', ikp.cookie), params: {}, context: ctx } as any))
    // the demo seed gives kabid.ikp one action already (due 30 November 2026, listed first)
    expect((home.data as any).myActions.total).toBe(3)
    const mine = await settle(() => listLoader({ request: getRequest('/aksi?saya=1', ikp.cookie), params: {}, context: ctx } as any))
    expect((mine.data as any).items.map((i: any) => i.title)).toEqual([
      'Rencana aksi bersama mitra dengan tindak lanjut yang dipantau',
      'Susun kalender kegiatan bersama mitra media',
      'Evaluasi kerja sama kampus setiap bulan',
    ])
    expect((mine.data as any).items.slice(1).map((i: any) => i.id)).toEqual(ids)
    const infra = await session('kabid.infra')
    const none = await settle(() => listLoader({ request: getRequest('/aksi?saya=1', infra.cookie), params: {}, context: ctx } as any))
    expect((none.data as any).items).toEqual([])
    const cell = await settle(() =>
      cellLoader({
        request: getRequest('/beranda/sel/kemitraan/budaya?tahun=2026&triwulan=3', ikp.cookie),
        params: { aspect: 'kemitraan', strategy: 'budaya' },
        context: ctx,
      } as any),
    )
    expect((cell.data as any).actions.map((a: any) => a.title)).toEqual([
      'Rencana aksi bersama mitra dengan tindak lanjut yang dipantau',
      'Susun kalender kegiatan bersama mitra media',
      'Evaluasi kerja sama kampus setiap bulan',
    ])
  })

  it('progress: "selesai" needs evidence (400, nothing written); with evidence it is saved and audited; a stale version is 409', async () => {
    const [first] = ids
    const before = await count('action_progress')
    const noEvidence = await postProgress('kabid.ikp', first!, { version: '1', status: 'selesai', catatan: 'Sudah disusun.', bukti: '', tautan: '' })
    expect(noEvidence.response?.status).toBe(400)
    expect((noEvidence.data as any).fieldErrors).toEqual({ bukti: ['Rencana aksi yang selesai wajib disertai bukti (uraian atau tautan).'] })
    expect((noEvidence.data as any).values).toMatchObject({ version: '1', status: 'selesai', catatan: 'Sudah disusun.', bukti: '' })
    const badLink = await postProgress('kabid.ikp', first!, { version: '1', status: 'selesai', catatan: '', bukti: '', tautan: 'javascript:alert(1)' })
    expect(badLink.response?.status).toBe(400)
    expect((badLink.data as any).fieldErrors.tautan).toEqual(['Tautan bukti harus diawali http:// atau https://.'])
    expect((badLink.data as any).values.tautan).toBe('javascript:alert(1)')
    const badStatus = await postProgress('kabid.ikp', first!, { version: '1', status: 'hampir', catatan: 'Draf kalender', bukti: '', tautan: '' })
    expect(badStatus.response?.status).toBe(400)
    expect((badStatus.data as any).fieldErrors.status).toEqual(['Pilih status: direncanakan, berjalan, selesai, atau batal.'])
    expect((badStatus.data as any).values.catatan).toBe('Draf kalender')
    expect((await t.db.selectFrom('action_item').select(['status', 'version']).where('id', '=', first!).executeTakeFirstOrThrow()).version).toBe(1)
    expect(await count('action_progress')).toBe(before)

    const ok = await postProgress('kabid.ikp', first!, {
      version: '1',
      status: 'selesai',
      catatan: 'Kalender disepakati 3 media.',
      bukti: 'Notula rapat 2 Desember 2026',
      tautan: 'https://dumaikota.go.id/notula.pdf',
    })
    expect(ok.response?.status).toBe(302)
    const row = await t.db.selectFrom('action_item').select(['status', 'version', 'completed_at']).where('id', '=', first!).executeTakeFirstOrThrow()
    expect(row.status).toBe('selesai')
    expect(row.version).toBe(2)
    expect(String(row.completed_at)).toMatch(/^2026-11-29 03:00:00/)
    const last = (await audits()).at(-1)!
    expect(last).toEqual({ action: 'status_selesai', entity_id: String(first), actor_username: 'kabid.ikp' })

    const stale = await postProgress('kadis', first!, { version: '1', status: 'berjalan', catatan: 'dibuka lagi', bukti: '', tautan: '' })
    expect(stale.response?.status).toBe(409)
    // what was typed comes back, now on the version shown (saving again is a choice made on purpose)
    expect((stale.data as any).formErrors[0]).toMatch(/^Rencana aksi sudah diubah oleh pengguna lain \(status sekarang: selesai\)/)
    expect((stale.data as any).values).toMatchObject({ version: '2', status: 'berjalan', catatan: 'dibuka lagi' })
    expect((await t.db.selectFrom('action_item').select('status').where('id', '=', first!).executeTakeFirstOrThrow()).status).toBe('selesai')
  })

  it('access: another kepala bidang and the auditor are refused (403), nothing written; another OPD does not see it (404)', async () => {
    const [, second] = ids
    const before = await count('action_progress')
    expect((await postProgress('kabid.infra', second!, { version: '1', status: 'berjalan', catatan: 'bukan milik saya', bukti: '', tautan: '' })).response?.status).toBe(403)
    expect((await postProgress('auditor', second!, { version: '1', status: 'berjalan', catatan: 'x', bukti: '', tautan: '' })).response?.status).toBe(403)
    expect(await count('action_progress')).toBe(before)
    // a second OPD with its own perencanaan
    const at = toDbTime(ASOF)
    const opd2 = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({ parent_id: null, kind: 'opd', code: 'OPD-LAIN', name: 'Dinas Lain', short_name: 'Lain', city: null, sort_order: 9, created_at: at })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    const hash = (await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'kadis').executeTakeFirstOrThrow()).password_hash
    await t.db
      .insertInto('app_user')
      .values({
        username: 'perencanaan.lain',
        full_name: 'Perencanaan Lain',
        password_hash: hash,
        role: 'perencanaan',
        unit_id: opd2,
        active: 1,
        created_at: at,
        updated_at: at,
        password_changed_at: at,
      })
      .execute()
    const other = await session('perencanaan.lain')
    const seen = await settle(() => detailLoader({ request: getRequest(`/aksi/${second}`, other.cookie), params: { id: String(second) }, context: ctx } as any))
    expect(seen.response?.status).toBe(404)
    expect((await postProgress('perencanaan.lain', second!, { version: '1', status: 'batal', catatan: 'x', bukti: '', tautan: '' })).response?.status).toBe(404)
    const list = await settle(() => listLoader({ request: getRequest('/aksi?tampil=semua', other.cookie), params: {}, context: ctx } as any))
    expect((list.data as any).items).toEqual([])
  })

  it('next quarter: the projector slide shows one done and one overdue; the cell is flagged; the Rekap sheet lists both', async () => {
    const later = new Date('2027-01-20T03:00:00Z')
    setClock(() => later)
    sessions.clear()
    const kadis = await session('kadis')
    const { data } = await settle(() => presentasiLoader({ request: getRequest('/presentasi?tahun=2026&triwulan=4', kadis.cookie), params: {}, context: ctx } as any))
    const ft = (data as any).followThrough
    // ours: one done, one overdue; the demo's three (2025 meeting): pengelolaan done, kemitraan
    // overdue since 30 November, layanan due 31 March 2027 in progress
    const kemitraan = ft.cells.find((c: any) => c.label === 'Kemitraan × Budaya')
    expect(kemitraan.items.filter((i: any) => ids.includes(i.id)).map((i: any) => i.followThrough)).toEqual(['selesai', 'terlambat'])
    expect(ft.totals).toEqual({ selesai: 2, berjalan: 1, terlambat: 2 })
    expect(ft.cells.map((c: any) => [c.label, c.selesai, c.berjalan, c.terlambat])).toEqual([
      ['Pengelolaan × Budaya', 1, 0, 0],
      ['Layanan × Budaya', 0, 1, 0],
      ['Kemitraan × Budaya', 1, 0, 2],
    ])
    // the meeting of 2026 s.d. TW III does not list its own decisions as "previous": demo ones only
    const same = await settle(() => presentasiLoader({ request: getRequest('/presentasi?tahun=2026&triwulan=3', kadis.cookie), params: {}, context: ctx } as any))
    expect((same.data as any).followThrough.totals).toEqual({ selesai: 1, berjalan: 1, terlambat: 1 })
    const cell = await settle(() =>
      cellLoader({
        request: getRequest('/beranda/sel/kemitraan/budaya?tahun=2026&triwulan=4', kadis.cookie),
        params: { aspect: 'kemitraan', strategy: 'budaya' },
        context: ctx,
      } as any),
    )
    const flags = (cell.data as any).view.cell.flags.filter((f: any) => f.kind === 'aksi_terlambat')
    expect(flags.map((f: any) => f.reason)).toEqual([
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
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.buffer as any)
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
