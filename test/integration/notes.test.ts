// Meeting notes: saved beside the computed score, disagreement shown, optimistic concurrency,
// audited in the same transaction, and refused (403) to roles without note:write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, dataOf, loadData, type Session } from '../helpers/call.js'
import { countRows } from '../helpers/fixtures-a.js'
import type { EvaluationNoteTable } from '../../db/schema.js'
import { setClock } from '../../app/utils/clock.server.js'
import { DEFAULT_BANDS } from '../../app/domain/predikat.js'
import { judgementDisagreement, periodKeyOf } from '../../app/utils/notes.js'
import { action as cellAction, loader as cellLoader } from '../../app/routes/beranda.sel.$aspect.$strategy.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const band = (key: string) => DEFAULT_BANDS.find((b) => b.key === key)!

describe('note rules (pure)', () => {
  it('period keys', () => {
    expect(periodKeyOf({ kind: 'triwulan', year: 2025, quarter: 4 })).toBe('2025-Q4')
    expect(periodKeyOf({ kind: 'triwulan', year: 2026, quarter: 3 })).toBe('2026-Q3')
    expect(periodKeyOf({ kind: 'renstra', startYear: 2021, endYear: 2026, year: 2025, quarter: 4 })).toBe('renstra-2025-Q4')
    expect(periodKeyOf({ kind: 'satu_triwulan', year: 2025, quarter: 2 })).toBeNull()
  })
  it('disagreement: baik on Rendah / Sangat Rendah, kurang on Sangat Tinggi; nothing else', () => {
    expect(judgementDisagreement('baik', 62, band('rendah'), DEFAULT_BANDS)).toBe('Penilaian rapat "Baik" berbeda dengan skor terhitung 62,00 (Rendah)')
    expect(judgementDisagreement('baik', 40, band('sangat_rendah'), DEFAULT_BANDS)).toContain('Sangat Rendah')
    expect(judgementDisagreement('baik', 70, band('sedang'), DEFAULT_BANDS)).toBeNull()
    expect(judgementDisagreement('cukup_baik', 40, band('sangat_rendah'), DEFAULT_BANDS)).toBeNull()
    expect(judgementDisagreement('kurang', 95, band('sangat_tinggi'), DEFAULT_BANDS)).toBe('Penilaian rapat "Kurang" berbeda dengan skor terhitung 95,00 (Sangat Tinggi)')
    expect(judgementDisagreement('kurang', 85, band('tinggi'), DEFAULT_BANDS)).toBeNull()
    expect(judgementDisagreement('baik', null, null, DEFAULT_BANDS)).toBeNull()
  })
})

describe.each(DB_KINDS)('meeting notes (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  const PATH = '/beranda/sel/pengelolaan/budaya?tahun=2025&triwulan=4'
  const params = { aspect: 'pengelolaan', strategy: 'budaya' }

  const post = (path: string, p: Record<string, string>, fields: Record<string, string>, session: Session, origin?: string | null) =>
    callAction(cellAction, path, { params: p, form: fields, session, origin })
  const counts = async () => ({
    notes: await countRows(t.db, 'evaluation_note'),
    audit: Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('entity', '=', 'evaluation_note')
          .executeTakeFirstOrThrow()
      ).n,
    ),
  })
  const noteOf = (aspect: EvaluationNoteTable['aspect'], strategy: EvaluationNoteTable['strategy'], key: string) =>
    t.db
      .selectFrom('evaluation_note')
      .selectAll()
      .where('opd_id', '=', opdId)
      .where('aspect', '=', aspect)
      .where('strategy', '=', strategy)
      .where('period_key', '=', key)
      .executeTakeFirst()

  // one session per user, made once in the template: loginAs picks the newest session's CSRF
  // token, and under a fixed clock two sessions of one user would have the same created_at
  const sessions = new Map<string, Session>()
  const sessionOf = (username: string) => sessions.get(username)!

  /** The kepala dinas records "baik" on pengelolaan × budaya 2025 over the seeded "kurang" (version 1 → 2). */
  const kadisSaysBaik = () =>
    post(
      PATH,
      params,
      { judgement: 'baik', kendala: 'Pelatihan sudah berjalan di akhir tahun.', rekomendasi: 'Lanjutkan pelatihan TIK berjenjang.', version: '1' },
      sessionOf('kadis'),
    )

  beforeAll(async () => {
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    for (const username of ['kadis', 'perencanaan', 'kabid.ikp', 'sekretaris', 'auditor', 'admin']) sessions.set(username, await loginAs(t.db, username))
  })
  beforeEach(() => {
    setClock(() => ASOF)
  })
  afterAll(() => {
    setClock(null)
  })

  it('pimpinan records "baik" on pengelolaan × budaya 2025 (computed Rendah): saved, audited, shown beside the score as disagreeing', async () => {
    const kadis = sessionOf('kadis')
    const seeded = await noteOf('pengelolaan', 'budaya', '2025-Q4')
    expect(seeded?.judgement).toBe('kurang')
    expect(seeded?.version).toBe(1)
    const before = await counts()

    const { response } = await kadisSaysBaik()
    expect(response?.status).toBe(302)
    expect(response?.headers.get('Location')).toBe('/beranda/sel/pengelolaan/budaya?tahun=2025&triwulan=4&catatan=tersimpan#catatan')

    const row = await noteOf('pengelolaan', 'budaya', '2025-Q4')
    expect(row?.judgement).toBe('baik')
    expect(row?.version).toBe(2)
    expect(row?.rekomendasi).toBe('Lanjutkan pelatihan TIK berjenjang.')
    const kadisId = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'kadis').executeTakeFirstOrThrow()).id
    expect(row?.updated_by).toBe(kadisId)
    expect(await counts()).toEqual({ notes: before.notes, audit: before.audit + 1 })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'evaluation_note').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.entity_id).toBe(String(row!.id))
    expect(audit.action).toBe('update')
    expect(audit.actor_username).toBe('kadis')
    expect(audit.actor_role).toBe('pimpinan')
    expect(audit.request_id).toBe('test-request')
    expect(JSON.parse(audit.before_json!)).toMatchObject({ judgement: 'kurang', version: 1 })
    expect(JSON.parse(audit.after_json!)).toMatchObject({ judgement: 'baik', version: 2, period_key: '2025-Q4' })

    // shown beside the computed score, flagged as disagreeing
    const data = await loadData(cellLoader, `${PATH}&catatan=tersimpan`, { session: kadis, params })
    const v = data.view
    expect(data.saved).toBe(true)
    expect(v.cell.text).toBe('62,00')
    expect(v.cell.predikatLabel).toBe('Rendah')
    expect(v.cell.note!.judgementLabel).toBe('Baik')
    expect(v.cell.note!.updatedByName).toBe('Kepala Dinas')
    expect(v.cell.disagreement).toBe('Penilaian rapat "Baik" berbeda dengan skor terhitung 62,00 (Rendah)')
    const home = await loadData(berandaLoader, '/?tahun=2025&triwulan=4', { session: kadis })
    const cell = home.view!.cells[0]![4]!
    expect(cell.strategy).toBe('budaya')
    expect(cell.note!.judgement).toBe('baik')
    expect(cell.disagreement).toContain('Rendah')
    // the other period keys are untouched: 2025 s.d. TW III has no note
    const q3 = await loadData(berandaLoader, '/?tahun=2025&triwulan=3', { session: kadis })
    expect(q3.view!.cells[0]![4]!.note).toBeNull()
  })

  it('a stale version is a 409 conflict naming who changed it; nothing is written', async () => {
    expect((await kadisSaysBaik()).status).toBe(302)
    const perencanaan = sessionOf('perencanaan')
    const before = await counts()
    const r = await post(PATH, params, { judgement: 'kurang', kendala: 'Versi lama', rekomendasi: 'x', version: '1' }, perencanaan)
    expect(r.status).toBe(409)
    const d = dataOf(r)
    expect(d.formErrors[0]).toMatch(/^Catatan sudah diubah oleh Kepala Dinas pada \d+ \w+ \d{4} \d{2}\.\d{2} WIB/)
    expect(d.values.kendala).toBe('Versi lama') // what was typed is kept
    expect(d.values.version).toBe('2') // the next save may overwrite knowingly
    expect(d.conflict!.judgement).toBe('Baik')
    expect(await counts()).toEqual(before)
    expect((await noteOf('pengelolaan', 'budaya', '2025-Q4'))?.judgement).toBe('baik')

    // creating a note that someone else created meanwhile (version 0) is a conflict too
    const again = await post(PATH, params, { judgement: 'kurang', kendala: '', rekomendasi: '', version: '0' }, perencanaan)
    expect(again.status).toBe(409)
    expect(await counts()).toEqual(before)
  })

  it('perencanaan creates a new note; "kurang" on a Sangat Tinggi cell disagrees; Renstra notes have their own key', async () => {
    const perencanaan = sessionOf('perencanaan')
    const before = await counts()
    const path = '/beranda/sel/layanan/pelanggan?tahun=2025&triwulan=4'
    const p = { aspect: 'layanan', strategy: 'pelanggan' }
    const { response } = await post(
      path,
      p,
      { judgement: 'kurang', kendala: 'Keluhan layanan PPID masih ada.', rekomendasi: 'Survei kepuasan per kanal.', version: '0' },
      perencanaan,
    )
    expect(response?.status).toBe(302)
    const row = await noteOf('layanan', 'pelanggan', '2025-Q4')
    expect(row?.version).toBe(1)
    expect(await counts()).toEqual({ notes: before.notes + 1, audit: before.audit + 1 })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'evaluation_note').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.action).toBe('create')
    expect(audit.before_json).toBeNull()
    expect(audit.entity_id).toBe(String(row!.id))

    const cell = (await loadData(cellLoader, path, { session: perencanaan, params: p })).view.cell
    expect(cell.predikatLabel).toBe('Sangat Tinggi')
    expect(cell.disagreement).toBe(`Penilaian rapat "Kurang" berbeda dengan skor terhitung ${cell.text} (Sangat Tinggi)`)

    const renstraPath = '/beranda/sel/layanan/pelanggan?tahun=2025&triwulan=4&periode=renstra'
    expect((await post(renstraPath, p, { judgement: 'baik', kendala: '', rekomendasi: '', version: '0' }, perencanaan)).response?.status).toBe(302)
    const renstraNote = await noteOf('layanan', 'pelanggan', 'renstra-2025-Q4')
    expect(renstraNote?.judgement).toBe('baik')
    expect(renstraNote?.kendala).toBeNull()
  })

  it('validation: a missing judgement, too long text or a single-quarter period → 400, typed values kept, nothing written', async () => {
    const kadis = sessionOf('kadis')
    const before = await counts()
    const path = '/beranda/sel/kemitraan/inti?tahun=2025&triwulan=4'
    const p = { aspect: 'kemitraan', strategy: 'inti' }
    const r1 = await post(path, p, { judgement: 'luar_biasa', kendala: 'isi', rekomendasi: 'saran', version: '0' }, kadis)
    expect(r1.status).toBe(400)
    expect(dataOf(r1).fieldErrors.judgement).toEqual(['Pilih penilaian rapat: baik, cukup baik, atau kurang.'])
    expect(dataOf(r1).values.rekomendasi).toBe('saran')
    const r2 = await post(path, p, { judgement: 'baik', kendala: 'x'.repeat(4001), rekomendasi: '', version: '0' }, kadis)
    expect(r2.status).toBe(400)
    expect(dataOf(r2).fieldErrors.kendala![0]).toBe('Kendala paling panjang 4000 karakter.')
    const r3 = await post('/beranda/sel/kemitraan/inti?tahun=2025&triwulan=2&periode=satu_triwulan', p, { judgement: 'baik', kendala: '', rekomendasi: '', version: '0' }, kadis)
    expect(r3.status).toBe(400)
    expect(dataOf(r3).formErrors[0]).toContain('bukan untuk satu triwulan saja')
    const r4 = await post('/beranda/sel/kemitraan/inti?tahun=abcd', p, { judgement: 'baik', kendala: '', rekomendasi: '', version: '0' }, kadis)
    expect(r4.status).toBe(400)
    expect(dataOf(r4).formErrors[0]).toContain('Tahun "abcd" tidak valid')
    expect(await counts()).toEqual(before)
  })

  it('note:write is refused (403) to kepala_bidang, auditor and admin; CSRF and cross-origin posts are refused', async () => {
    expect((await kadisSaysBaik()).status).toBe(302)
    const before = await counts()
    for (const username of ['kabid.ikp', 'sekretaris', 'auditor', 'admin']) {
      const s = sessionOf(username)
      const { response } = await post(PATH, params, { judgement: 'kurang', kendala: '', rekomendasi: '', version: '2' }, s)
      expect(response?.status, username).toBe(403)
      // the loader does not offer the form to them
      const data = await loadData(cellLoader, PATH, { session: s, params })
      expect(data.canWriteNote, username).toBe(false)
    }
    const kadis = sessionOf('kadis')
    const noToken = await callAction(cellAction, PATH, { params, form: { judgement: 'kurang', version: '2' }, session: kadis.cookie })
    expect(noToken.response?.status).toBe(403)
    const crossSite = await post(PATH, params, { judgement: 'kurang', kendala: '', rekomendasi: '', version: '2' }, kadis, 'https://evil.example')
    expect(crossSite.response?.status).toBe(403)
    const anonymous = await callAction(cellAction, PATH, { params, form: { judgement: 'kurang', version: '2' } })
    expect(anonymous.response?.status).toBe(302)
    expect(await counts()).toEqual(before)
    expect((await noteOf('pengelolaan', 'budaya', '2025-Q4'))?.judgement).toBe('baik')
  })
})
