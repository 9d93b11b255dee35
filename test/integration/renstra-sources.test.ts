// The Renstra from the documents an OPD holds: T-C.28 and SIPD-RI workbooks (built from their
// column lists with the Dumai IKU) imported into an OPD that has its organisation and an empty
// Renstra period 2021–2026: source detected, mapping proposed, corrected and remembered, preview,
// commit all-or-nothing; and bad files reported by row and column with nothing written.
import { describe, expect, it } from 'vitest'
import { DB_KINDS, tableCounts, useTestDb, type LiveTestDb } from '../helpers/db.js'
import { setupFirstOpd } from '../../app/services/organisation/setup-first-opd.server.js'
import { insertUnit } from '../../app/models/organisation.server.js'
import { toDbTime } from '../../db/time.js'
import { DEMO_OPD, DEMO_UNITS } from '../../seeds/demo-data.js'
import type { SessionUser } from '../../app/services/auth.server.js'
import { commitSourceImport, detectRenstraUpload, planSourceImport } from '../../app/services/excel/renstra-sources/import-source.server.js'
import { issueText } from '../../app/services/excel/import-common.server.js'
import { buildSipdWorkbook, buildTc27Workbook, buildTc28Workbook, sipdPagu } from '../helpers/renstra-sources.js'
import { loginAs, ORIGIN } from '../helpers/http.js'
import { callAction, dataOf, having } from '../helpers/call.js'
import { action as renstraAction } from '../../app/routes/impor.renstra.js'
import { XLSX_MIME } from '../../app/services/excel/safety.server.js'
import type { Mapping } from '../../app/services/excel/renstra-sources/fields.server.js'

const T = toDbTime(new Date('2026-11-30T03:00:00Z'))

async function emptyRenstraOpd(db: LiveTestDb['db']): Promise<{ opdId: number; periodId: number; units: Record<string, number>; user: SessionUser }> {
  const s = await setupFirstOpd(db, {
    opdCode: DEMO_OPD.code,
    opdName: DEMO_OPD.name,
    adminUsername: 'admin.dkisp',
    adminName: 'Admin DKISP',
    password: 'Kunci-Panjang-Dumai#2026',
    addOpd: false,
  })
  if (!s.ok) throw new Error(s.problems.join('; '))
  const units: Record<string, number> = {}
  let order = 1
  for (const u of DEMO_UNITS)
    units[u.code] = await insertUnit(db, {
      parent_id: s.opdId,
      kind: u.kind,
      code: `${DEMO_OPD.code}-${u.code}`,
      name: u.name,
      short_name: u.short,
      city: null,
      sort_order: order++,
      created_at: T,
    })
  const periodId = Number(
    (
      await db
        .insertInto('renstra_period')
        .values({ opd_id: s.opdId, name: 'Renstra 2021–2026', start_year: 2021, end_year: 2026, closed: 0, created_at: T })
        .executeTakeFirstOrThrow()
    ).insertId,
  )
  const uid = Number(
    (
      await db
        .insertInto('app_user')
        .values({
          username: 'perencanaan',
          full_name: 'Perencana',
          password_hash: 'x',
          role: 'perencanaan',
          unit_id: s.opdId,
          active: 1,
          created_at: T,
          updated_at: T,
          password_changed_at: T,
        })
        .executeTakeFirstOrThrow()
    ).insertId,
  )
  const user: SessionUser = {
    id: uid,
    username: 'perencanaan',
    fullName: 'Perencana',
    role: 'perencanaan',
    unitId: s.opdId,
    unitName: DEMO_OPD.name,
    unitKind: 'opd',
    opdId: s.opdId,
    sessionId: 's',
    csrfToken: 'c',
  }
  return { opdId: s.opdId, periodId, units, user }
}

async function counts(db: LiveTestDb['db']) {
  const c = await tableCounts(db)
  for (const t of ['program_pagu', 'app_setting'] as const)
    c[t] = Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return c as Record<string, number> &
    Record<'indicator' | 'indicator_target' | 'tujuan' | 'sasaran' | 'program' | 'program_pagu' | 'app_setting' | 'audit_log' | 'realisasi', number>
}

const texts = (p: { errors: Parameters<typeof issueText>[0][] }) => p.errors.map(issueText)

for (const kind of DB_KINDS) {
  describe(`Renstra from T-C.28 / SIPD-RI (${kind})`, () => {
    let ctx: Awaited<ReturnType<typeof emptyRenstraOpd>>
    // every test starts on the OPD with its organisation and an empty Renstra period
    const t = useTestDb(kind, {
      global: true,
      setup: async (db) => {
        ctx = await emptyRenstraOpd(db)
      },
    })

    const plan = (bytes: Buffer, mapping: Mapping | null = null) => planSourceImport(t.db, ctx.user, ctx.opdId, bytes, 'sumber.xlsx', 2026, { mapping, defaultUnit: null })
    const commit = async (bytes: Buffer, mapping: Mapping | null = null) => {
      const p = await plan(bytes, mapping)
      return commitSourceImport(t.db, ctx.user, ctx.opdId, bytes, 'sumber.xlsx', 2026, { mapping, defaultUnit: null, previewHash: p.plan.hash, requestId: null })
    }
    /** Every bad file: errors by row/column, the commit refused, no row written anywhere. */
    async function refused(bytes: Buffer, mapping: Mapping | null = null): Promise<string[]> {
      const before = await counts(t.db)
      const p = await plan(bytes, mapping)
      const res = await commitSourceImport(t.db, ctx.user, ctx.opdId, bytes, 'buruk.xlsx', 2026, { mapping, defaultUnit: null, previewHash: p.plan.hash, requestId: null })
      expect(res.ok).toBe(false)
      expect(await counts(t.db)).toEqual(before)
      return texts(p.plan)
    }

    /** The T-C.28 import as perencanaan makes it (Satuan ← "Ukuran"): 22 indicators with their 2021–2026 targets. */
    async function importTc28(): Promise<void> {
      const bytes = await buildTc28Workbook({ renameColumns: { Satuan: 'Ukuran' } })
      const proposal = Object.fromEntries((await plan(bytes)).mapping!.fields.filter((f) => f.column).map((f) => [f.key, f.column]))
      const res = await commit(bytes, { ...(proposal as Mapping), satuan: 'Ukuran' })
      expect(res.ok).toBe(true)
      expect(res.plan.counts).toEqual({ baru: 22, berubah: 0, tetap: 0 })
    }

    it('bad files give row/column messages in Indonesian and write nothing', async () => {
      // wrong columns: no indicator and no satuan column
      const wrong = await refused(await buildTc28Workbook({ renameColumns: { 'Indikator Kinerja': 'Uraian Kinerja', Satuan: 'Ukuran' } }))
      expect(wrong).toEqual([
        'Baris 4: Isian wajib "Indikator" belum dipetakan ke kolom mana pun (Tabel T-C.28 (Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD)). Pilih kolomnya pada langkah pemetaan.',
        'Baris 4: Isian wajib "Satuan" belum dipetakan ke kolom mana pun (Tabel T-C.28 (Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD)). Pilih kolomnya pada langkah pemetaan.',
      ])
      // a mapping naming a column the file does not have
      expect(await refused(await buildTc28Workbook(), { indikator: 'Indikator Kinerja', satuan: 'Satuan Ukur', target1: 'Tahun 1' })).toEqual([
        'Baris 4: Kolom "Satuan Ukur" untuk isian "Satuan" tidak ada di berkas.',
      ])
      // unmappable targets, an ambiguous "1.250" (T-C.28 has no declared separator), an unknown unit, a duplicate code
      const bad = await refused(
        await buildTc28Workbook({
          overrides: [
            { row: 1, column: 'Tahun 2', value: 'Baik' },
            { row: 3, column: 'Tahun 4', value: 'A' },
            { row: 4, column: 'Tahun 1', value: '1.250' },
            { row: 2, column: 'Kode Unit', value: 'XYZ' },
            { row: 9, column: 'Kode Indikator', value: 'APL-02' }, // row 5 is APL-02
            { row: 10, column: 'Kode Indikator', value: 'K'.repeat(41) }, // the column holds 40
          ],
        }),
      )
      expect(bad).toEqual([
        'Baris 5, kolom J (Tahun 2): "Baik" bukan angka; isi angka, misalnya 95, 95% atau 12,5.',
        'Baris 7, kolom L (Tahun 4): "A" bukan angka; isi angka, misalnya 95, 95% atau 12,5.',
        'Baris 8, kolom I (Tahun 1): "1.250" ambigu: tulis 1250 bila maksudnya ribuan, atau 1,250 bila desimal',
        'Baris 14, kolom D (Kode Indikator): paling panjang 40 karakter (sekarang 41).',
        'Baris 6, kolom G (Kode Unit): kode unit "XYZ" tidak dikenal pada perangkat daerah ini (lihat Admin › Organisasi).',
        'Baris 13, kolom D (Kode Indikator): kode indikator APL-02 muncul dua kali (juga di baris 9).',
      ])
      // a year outside the Renstra: a column titled "Target 2027" mapped as the sixth year
      const y2027 = await buildTc28Workbook({ renameColumns: { 'Tahun 6': 'Target 2027' } })
      const proposed = (await plan(y2027)).mapping!
      expect(proposed.fields.find((f) => f.key === 'target6')!.column).toBeNull()
      const m: Mapping = Object.fromEntries(proposed.fields.filter((f) => f.column).map((f) => [f.key, f.column!]))
      expect(await refused(y2027, { ...m, target6: 'Target 2027' })).toEqual(['Baris 4, kolom N (Target 2027): tahun 2027 di luar periode Renstra 2021–2026 (2021–2026).'])
      // SIPD: malformed nomenclature codes, a sub kegiatan code twice with different pagu, tahun_awal outside
      const sipd = await refused(
        await buildSipdWorkbook({
          overrides: [
            { row: 1, column: 'kode_program', value: '2.16.3' },
            { row: 3, column: 'kode_sub_kegiatan', value: '2.16.03.2.01.1' },
            { row: 5, column: 'kode_sub_kegiatan', value: '2.16.03.2.01.0004' },
            { row: 6, column: 'tahun_awal', value: 2020 },
          ],
        }),
      )
      expect(sipd).toEqual([
        'Baris 2, kolom F (kode_program): kode program "2.16.3" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan U.BB.PP, misalnya 2.16.02.',
        'Baris 2, kolom H (kode_kegiatan): kode kegiatan "2.16.03.2.01" tidak berada di bawah program 2.16.3.',
        'Baris 4, kolom J (kode_sub_kegiatan): kode sub kegiatan "2.16.03.2.01.1" tidak sesuai nomenklatur Permendagri 90/2019; bentuk yang diharapkan U.BB.PP.K.KK.SSSS, misalnya 2.16.02.2.01.0001.',
        'Baris 7, kolom B (tahun_awal): tahun awal 2020 berbeda dengan periode Renstra 2021–2026 (2021–2026); target tahun ke-1 akan jatuh di luar periode. Pilih periode yang sesuai.',
        'Baris 6, kolom U (pagu_1): kode 2.16.03.2.01.0004 muncul lagi dengan pagu 2021 berbeda (Rp 405.000.000 di baris 5); satu kode satu pagu per tahun.',
        'Baris 6, kolom V (pagu_2): kode 2.16.03.2.01.0004 muncul lagi dengan pagu 2022 berbeda (Rp 410.000.000 di baris 5); satu kode satu pagu per tahun.',
        'Baris 6, kolom W (pagu_3): kode 2.16.03.2.01.0004 muncul lagi dengan pagu 2023 berbeda (Rp 415.000.000 di baris 5); satu kode satu pagu per tahun.',
        'Baris 6, kolom X (pagu_4): kode 2.16.03.2.01.0004 muncul lagi dengan pagu 2024 berbeda (Rp 420.000.000 di baris 5); satu kode satu pagu per tahun.',
        'Baris 6, kolom Y (pagu_5): kode 2.16.03.2.01.0004 muncul lagi dengan pagu 2025 berbeda (Rp 425.000.000 di baris 5); satu kode satu pagu per tahun.',
      ])
    })

    it('T-C.28: source detected, mapping proposed and corrected, 22 indicators with 132 targets; the mapping is remembered', async () => {
      const bytes = await buildTc28Workbook({ renameColumns: { Satuan: 'Ukuran' } })
      expect(await detectRenstraUpload(bytes)).toEqual({ kind: 'source', source: 'tc28' })
      const first = await plan(bytes)
      expect(first.mapping!.source).toBe('tc28')
      const proposal = Object.fromEntries(first.mapping!.fields.filter((f) => f.column).map((f) => [f.key, f.column]))
      expect(proposal).toEqual({
        tujuan: 'Tujuan',
        sasaran: 'Sasaran',
        kodeIndikator: 'Kode Indikator',
        indikator: 'Indikator Kinerja',
        unit: 'Kode Unit',
        baseline: 'Kondisi Kinerja pada Awal Periode RPJMD',
        targetAkhir: 'Kondisi Kinerja pada Akhir Periode RPJMD',
        target1: 'Tahun 1',
        target2: 'Tahun 2',
        target3: 'Tahun 3',
        target4: 'Tahun 4',
        target5: 'Tahun 5',
        target6: 'Tahun 6',
      })
      expect(texts(first.plan)).toEqual([
        'Baris 4: Isian wajib "Satuan" belum dipetakan ke kolom mana pun (Tabel T-C.28 (Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD)). Pilih kolomnya pada langkah pemetaan.',
      ])
      // perencanaan corrects it: Satuan ← "Ukuran"
      const corrected: Mapping = { ...(proposal as Mapping), satuan: 'Ukuran' }
      const before = await counts(t.db)
      const res = await commit(bytes, corrected)
      expect(res.ok).toBe(true)
      expect(res.plan.counts).toEqual({ baru: 22, berubah: 0, tetap: 0 })
      // the sources carry no pola ukur: each new indicator's row says it got the default
      expect(res.plan.rows.find((r) => r.code === 'IKP-03')!.changes.slice(0, 3)).toEqual([
        { field: 'Satuan', before: '–', after: 'hari' },
        { field: 'Baseline', before: '–', after: '9' },
        { field: 'Pola ukur', before: '–', after: 'Posisi akhir (bawaan; berkas tidak memuat pola ukur)' },
      ])
      expect(res.message).toBe('Impor Renstra selesai: 22 indikator baru, 0 diubah, 0 program/kegiatan/sub kegiatan baru, 0 pagu tahunan disimpan.')
      const after = await counts(t.db)
      expect(after.indicator - before.indicator).toBe(22)
      expect(after.indicator_target - before.indicator_target).toBe(132)
      expect(after.tujuan - before.tujuan).toBe(3)
      expect(after.sasaran - before.sasaran).toBe(5)
      expect(after.program - before.program).toBe(0)
      // audit: 3 tujuan + 5 sasaran + 22 indicators + 1 mapping
      expect(after.audit_log - before.audit_log).toBe(31)
      const ikp03 = await t.db.selectFrom('indicator').selectAll().where('period_id', '=', ctx.periodId).where('code', '=', 'IKP-03').executeTakeFirstOrThrow()
      expect([ikp03.name, ikp03.satuan, Number(ikp03.baseline), Number(ikp03.target_akhir), ikp03.unit_id, ikp03.polarity, ikp03.pola_ukur]).toEqual([
        'Rata-rata hari penyelesaian permohonan informasi PPID',
        'hari',
        9,
        5.5,
        ctx.units.IKP,
        'naik',
        'posisi',
      ])
      const tg = await t.db.selectFrom('indicator_target').select(['year', 'target']).where('indicator_id', '=', ikp03.id).orderBy('year').execute()
      expect(tg.map((r) => [r.year, Number(r.target)])).toEqual([
        [2021, 8],
        [2022, 7.5],
        [2023, 7],
        [2024, 6.5],
        [2025, 6],
        [2026, 5.5],
      ])
      const sas = await t.db.selectFrom('sasaran').select('name').where('id', '=', ikp03.sasaran_id!).executeTakeFirstOrThrow()
      expect(sas.name).toBe('Meningkatnya keterbukaan informasi publik dan ketersediaan data statistik sektoral')
      // remembered per OPD and source: the next upload proposes "Ukuran" for Satuan, and nothing changes
      const again = await plan(bytes)
      expect(again.mapping!.remembered).toBe(true)
      expect(again.mapping!.fields.find((f) => f.key === 'satuan')!.column).toBe('Ukuran')
      expect(again.plan.errors).toEqual([])
      expect(again.plan.counts).toEqual({ baru: 0, berubah: 0, tetap: 22 })
    })

    it('SIPD: year slots from tahun_awal, a note about 2026, "100%" / "95 %" / "1.250" parsed, programme tree and 110 pagu rows', async () => {
      // the period already holds the T-C.28 import: its indicators keep their codes and SIPD's
      // match them by name.
      await importTc28()
      const bytes = await buildSipdWorkbook({
        overrides: [
          { row: 12, column: 'target_1', value: '100%' }, // IKP-01
          { row: 12, column: 'target_2', value: '95 %' },
          { row: 4, column: 'target_1', value: '1.250' }, // APL-01
        ],
      })
      expect(await detectRenstraUpload(bytes)).toEqual({ kind: 'source', source: 'sipd' })
      const p = await plan(bytes)
      expect(p.plan.errors).toEqual([])
      expect(p.plan.warnings.map(issueText)[0]).toBe(
        'Periode Renstra 2021–2026 berisi 6 tahun (2021–2026), sedangkan berkas hanya memiliki 5 kolom target tahunan (tahun ke-1 = 2021 … tahun ke-5 = 2025). Target tahun 2026 tidak diisi dari berkas; isi lewat Renstra › Kelola atau templat Renstra aplikasi.',
      )
      // IKP-01 was matched by name (T-C.28 has no programme column): the SIPD row links it to its
      // sub kegiatan, shown in the preview before anything is written
      const ikp01Row = p.plan.rows.find((r) => r.code === 'IKP-01')!
      expect([ikp01Row.kind, ikp01Row.changes[0]]).toEqual(['berubah', { field: 'Program', before: '–', after: '2.16.02.2.01.0012' }])
      expect(p.plan.rows.find((r) => r.code === 'IKP-03')!.changes).toEqual([{ field: 'Program', before: '–', after: '2.16.02.2.01.0014' }])
      const before = await counts(t.db)
      const res = await commit(bytes)
      expect(res.ok).toBe(true)
      expect(res.ok && res.message).toBe('Impor Renstra selesai: 0 indikator baru, 22 diubah, 32 program/kegiatan/sub kegiatan baru, 110 pagu tahunan disimpan.')
      const after = await counts(t.db)
      const linked = await t.db
        .selectFrom('indicator as i')
        .innerJoin('program as p', 'p.id', 'i.program_id')
        .select(['i.id', 'i.version', 'p.id as programId', 'p.code', 'p.kind'])
        .where('i.period_id', '=', ctx.periodId)
        .where('i.code', '=', 'IKP-01')
        .executeTakeFirstOrThrow()
      expect([linked.code, linked.kind, linked.version]).toEqual(['2.16.02.2.01.0012', 'subkegiatan', 2])
      const unlinked = await t.db.selectFrom('indicator').select('code').where('period_id', '=', ctx.periodId).where('program_id', 'is', null).execute()
      expect(unlinked).toEqual([])
      const auditRow = await t.db
        .selectFrom('audit_log')
        .select(['action', 'before_json', 'after_json'])
        .where('entity', '=', 'indicator')
        .where('entity_id', '=', String(linked.id))
        .where('action', '=', 'import_update')
        .executeTakeFirstOrThrow()
      const [b, a] = [JSON.parse(auditRow.before_json!), JSON.parse(auditRow.after_json!)]
      expect([b.version, b.program_id, a.version, a.program_id]).toEqual([1, null, 2, linked.programId])
      // 5 programs, 5 kegiatan (one per program), 22 sub kegiatan (one per row)
      expect(after.program - before.program).toBe(32)
      expect(after.program_pagu - before.program_pagu).toBe(110)
      expect(after.indicator - before.indicator).toBe(0) // same names as the T-C.28 import: targets updated
      const kinds = await t.db
        .selectFrom('program')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('period_id', '=', ctx.periodId)
        .groupBy('kind')
        .orderBy('kind')
        .execute()
      expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
        ['kegiatan', 5],
        ['program', 5],
        ['subkegiatan', 22],
      ])
      const sub = await t.db.selectFrom('program').selectAll().where('period_id', '=', ctx.periodId).where('code', '=', '2.16.03.2.01.0001').executeTakeFirstOrThrow()
      const keg = await t.db.selectFrom('program').selectAll().where('id', '=', sub.parent_id!).executeTakeFirstOrThrow()
      const prog = await t.db.selectFrom('program').selectAll().where('id', '=', keg.parent_id!).executeTakeFirstOrThrow()
      expect([sub.kind, keg.code, keg.kind, prog.code, prog.kind, prog.parent_id]).toEqual(['subkegiatan', '2.16.03.2.01', 'kegiatan', '2.16.03', 'program', null])
      const pagu = await t.db.selectFrom('program_pagu').select(['year', 'pagu']).where('program_id', '=', sub.id).orderBy('year').execute()
      expect(pagu.map((r) => [r.year, Number(r.pagu)])).toEqual([
        [2021, 105_000_000],
        [2022, 110_000_000],
        [2023, 115_000_000],
        [2024, 120_000_000],
        [2025, 125_000_000],
      ])
      expect(sipdPagu(0, 1)).toBe(105_000_000)
      // Σ over 22 rows and 5 slots of (n+1)·10^8 + k·5·10^6 = 5·10^8·253 + 22·5·10^6·15
      const total = await t.db
        .selectFrom('program_pagu')
        .select((eb) => eb.fn.sum<number>('pagu').as('s'))
        .executeTakeFirstOrThrow()
      expect(Number(total.s)).toBe(128_150_000_000)
      const targetOf = async (code: string) => {
        const ind = await t.db.selectFrom('indicator').select('id').where('period_id', '=', ctx.periodId).where('code', '=', code).executeTakeFirstOrThrow()
        const rows = await t.db.selectFrom('indicator_target').select(['year', 'target']).where('indicator_id', '=', ind.id).orderBy('year').execute()
        return rows.map((r) => [r.year, Number(r.target)])
      }
      // IKP-01: "100%" and "95 %" in slots 1 and 2 (2021, 2022); 2026 keeps the T-C.28 target
      expect(await targetOf('IKP-01')).toEqual([
        [2021, 100],
        [2022, 95],
        [2023, 85],
        [2024, 88],
        [2025, 90],
        [2026, 92],
      ])
      // APL-01: SIPD's "1.250" is 1,25 ("." is SIPD's decimal separator)
      expect((await targetOf('APL-01'))[0]).toEqual([2021, 1.25])
      expect(res.plan.counts.berubah).toBe(22)
      // the links are made: the same file again plans nothing
      expect((await plan(bytes)).plan.counts).toEqual({ baru: 0, berubah: 0, tetap: 54 })
    })
    it('through the page: a T-C.27 upload shows the mapping step, the posted mapping previews, and "Simpan" writes programmes, indicators and pagu', async () => {
      const s = await loginAs(t.db, 'perencanaan')
      const bytes = await buildTc27Workbook()
      const post = async (fields: Record<string, string>) => {
        const fd = new FormData()
        fd.append('_csrf', s.csrf)
        for (const [k, v] of Object.entries(fields)) fd.append(k, v)
        fd.append('berkas', new File([bytes as BlobPart], 'tc27.xlsx', { type: XLSX_MIME }))
        const req = new Request(`${ORIGIN}/impor/renstra`, { method: 'POST', headers: { Cookie: s.cookie, Origin: ORIGIN }, body: fd })
        const r = await callAction(renstraAction, req)
        return { status: r.status, data: dataOf(r) }
      }
      const first = await post({ intent: 'periksa' })
      expect(first.status).toBe(200)
      const mapping = first.data.mapping
      if (!mapping) throw new Error('the first upload answers with the column mapping')
      expect(mapping.source).toBe('tc27')
      const proposal: Record<string, string> = {}
      for (const f of mapping.fields) if (f.column) proposal[f.key] = f.column
      expect(proposal).toEqual({
        kode: 'Kode',
        uraian: 'Program, Kegiatan dan Sub Kegiatan',
        indikator: 'Indikator Kinerja Program (outcome)/Kegiatan (output)',
        satuan: 'Satuan',
        baseline: 'Kondisi Kinerja pada Awal Periode Renstra',
        target1: 'Target Tahun 1',
        target2: 'Target Tahun 2',
        target3: 'Target Tahun 3',
        pagu1: 'Pagu Tahun 1',
        pagu2: 'Pagu Tahun 2',
        pagu3: 'Pagu Tahun 3',
      })
      // the form posts every select (empty = not used), the source and the default unit
      const form: Record<string, string> = { sumber: 'tc27', unit_bawaan: 'APL' }
      for (const f of mapping.fields) form[`kolom_${f.key}`] = f.column ?? ''
      const preview = await post({ intent: 'periksa', ...form })
      expect(preview.status).toBe(200)
      const plan = preview.data.plan
      if (!plan) throw new Error('the mapped upload answers with a preview plan')
      expect(plan.counts).toEqual({ baru: 6, berubah: 0, tetap: 0 })
      const before = await counts(t.db)
      const done = await post({ intent: 'simpan', rencana: plan.hash, ...form })
      expect(having(done.data, 'message').message).toBe('Impor Renstra selesai: 3 indikator baru, 0 diubah, 3 program/kegiatan/sub kegiatan baru, 9 pagu tahunan disimpan.')
      const after = await counts(t.db)
      expect([
        after.program - before.program,
        after.indicator - before.indicator,
        after.indicator_target - before.indicator_target,
        after.program_pagu - before.program_pagu,
      ]).toEqual([3, 3, 9, 9])
      const keg = await t.db
        .selectFrom('program')
        .select(['id', 'kind', 'parent_id'])
        .where('period_id', '=', ctx.periodId)
        .where('code', '=', '2.16.04.2.01')
        .executeTakeFirstOrThrow()
      const ind = await t.db
        .selectFrom('indicator')
        .select(['program_id', 'unit_id'])
        .where('period_id', '=', ctx.periodId)
        .where('name', '=', 'Jumlah titik jaringan terpasang')
        .executeTakeFirstOrThrow()
      expect([keg.kind, ind.program_id, ind.unit_id]).toEqual(['kegiatan', keg.id, ctx.units.APL])
      const pagu = await t.db.selectFrom('program_pagu').select(['year', 'pagu']).where('program_id', '=', keg.id).orderBy('year').execute()
      expect(pagu.map((r) => [r.year, Number(r.pagu)])).toEqual([
        [2021, 600_000_000],
        [2022, 650_000_000],
        [2023, 700_000_000],
      ])
    })
  })
}
