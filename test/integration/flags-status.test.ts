// Flag 3 with a tolerance on the Dumai demo (no false alarm in front of the meeting), the drop
// tolerance in Pengaturan, and the computed status kept apart from lateness on the pages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, dataOf, having, loadData } from '../helpers/call.js'
import { setClock } from '../../app/utils/clock.server.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { getSettings } from '../../app/models/settings.server.js'
import { DEFAULT_BANDS } from '../../app/domain/index.js'
import { ASPECTS, type Aspect, type Period } from '../../app/domain/types.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { loader as flaggedLoader } from '../../app/routes/perlu-perhatian.js'
import { loader as presentasiLoader } from '../../app/routes/presentasi.js'
import { loader as cellLoader } from '../../app/routes/beranda.sel.$aspect.$strategy.js'
import { loader as indicatorLoader } from '../../app/routes/indikator.$id.js'
import { bumpDataVersion } from '../../db/version.js'
import { toDbTime } from '../../db/time.js'
import * as pengaturan from '../../app/routes/admin.pengaturan.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }
const Q3_2026: Period = { kind: 'triwulan', year: 2026, quarter: 3 }
const BUDAYA_CELLS = ASPECTS.map((a) => `${a}:budaya`).sort()

type Session = { cookie: string; csrf: string; userId: number }

const flaggedKeys = (cells: { aspect: string; strategy: string; flags: unknown[] }[][]) =>
  cells
    .flat()
    .filter((c) => c.flags.length > 0)
    .map((c) => `${c.aspect}:${c.strategy}`)
    .sort()

describe.each(DB_KINDS)('flag 3 tolerance and status apart from lateness (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  let kadis: Session

  beforeAll(async () => {
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    kadis = await loginAs(t.db, 'kadis')
  })
  beforeEach(() => {
    setClock(() => ASOF)
  })
  afterAll(() => {
    setClock(null)
  })

  describe('flag 3 on the demo', () => {
    it('2025 TW IV: only the three budaya cells are flagged; budaya keeps its real two-year falls', async () => {
      const v = (await loadData(berandaLoader, '/?tahun=2025&triwulan=4', { session: kadis })).view!
      expect(v.period).toEqual(FULL_2025)
      expect(flaggedKeys(v.cells)).toEqual(BUDAYA_CELLS)
      const layanan = ASPECTS.indexOf('layanan')
      const pengawasan = v.cells[layanan]!.find((c) => c.strategy === 'pengawasan')!
      expect(pengawasan.flags).toEqual([])
      // pengelolaan × budaya: SEK-01 69 → 66 → 62, falls of 3 and 4 points (≥ 1): still flagged
      const pb = v.cells[0]!.find((c) => c.strategy === 'budaya')!
      expect(pb.flags.map((f) => f.reason)).toContain('Skor turun dua tahun berturut-turut: 69,00 (2023) → 66,00 (2024) → 62,00 (2025), turun 3,00 lalu 4,00 poin')
      for (const row of v.cells) expect(row.find((c) => c.strategy === 'budaya')!.flags.some((f) => f.kind === 'sedang_atau_lebih_rendah')).toBe(true)
    })

    it('the period the beranda opens on (2026 s.d. TW III): Layanan × Pengawasan 97,00 is not flagged, budaya is in all three aspects', async () => {
      // the engine's own values: 97.6742 (2024) → 97.6739 (2025) → 97.00 (2026) — shown 97,67 → 97,67 → 97,00
      const bundle = await scoreScope(t.db, { opdId }, Q3_2026, ASOF)
      const trend = bundle.trend.map((p) => p.cells.layanan.pengawasan.value!)
      expect(trend.slice(-3).map((x) => x.toFixed(4))).toEqual(['97.6742', '97.6739', '97.0000'])

      const v = (await loadData(berandaLoader, '/', { session: kadis })).view!
      expect(v.period).toEqual(Q3_2026)
      expect(flaggedKeys(v.cells)).toEqual(BUDAYA_CELLS)
      expect(v.cells[ASPECTS.indexOf('layanan')]!.find((c) => c.strategy === 'pengawasan')!.text).toBe('97,00')
      expect(v.flaggedCellCount).toBe(3)
      expect(bundle.result.flags.filter((f) => f.kind === 'turun_dua_periode')).toEqual([])

      const f = (await loadData(flaggedLoader, '/perlu-perhatian', { session: kadis })).view!
      expect(f.cells.map((c) => `${c.aspect}:${c.strategy}`).sort()).toEqual(BUDAYA_CELLS)
      const p = (await loadData(presentasiLoader, '/presentasi', { session: kadis })).view!
      expect(p.flagged.map((c) => `${c.aspect}:${c.strategy}`).sort()).toEqual(BUDAYA_CELLS)
    })
  })

  describe('drop tolerance in Pengaturan', () => {
    const bandFields = () =>
      Object.fromEntries(
        DEFAULT_BANDS.flatMap((b, i) => [
          [`band_label_${i}`, b.label],
          [`band_min_${i}`, b.min == null ? '' : String(b.min)],
          [`band_max_${i}`, b.max == null ? '' : String(b.max)],
        ]),
      )
    const base = () => ({ ...bandFields(), cap: '120', deadlineDays: '10', timeZone: 'Asia/Jakarta' })
    const post = async (fields: Record<string, string>) => {
      const admin = await loginAs(t.db, 'admin')
      return callAction(pengaturan.action, '/admin/pengaturan', { session: admin, form: fields })
    }
    const toleranceAudit = () => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'setting').where('entity_id', '=', 'drop_tolerance').execute()

    it('shows the default 1, refuses bad values in Indonesian and writes nothing', async () => {
      const admin = await loginAs(t.db, 'admin')
      const loaded = await loadData(pengaturan.loader, '/admin/pengaturan', { session: admin })
      expect(loaded.values.dropTolerance).toBe('1')
      for (const [typed, message] of [
        ['-1', 'Toleransi penurunan skor harus antara 0 dan 50 poin.'],
        ['51', 'Toleransi penurunan skor harus antara 0 dan 50 poin.'],
        ['satu', '"satu" bukan angka. Masukkan angka, misalnya 12,5'],
        ['0,125', 'Toleransi penurunan skor paling banyak dua angka desimal, seperti skor yang ditampilkan (misalnya 0,5 atau 1,25).'],
        ['', 'Toleransi penurunan skor wajib diisi (bawaan 1).'],
      ] as const) {
        const r = await post({ ...base(), dropTolerance: typed })
        expect(r.response?.status, typed).toBe(400)
        expect(having(r.data, 'fieldErrors').fieldErrors.dropTolerance, typed).toEqual([message])
        expect(having(r.data, 'values').values.dropTolerance).toBe(typed)
      }
      expect((await getSettings(t.db)).scoring.dropTolerance).toBe(1)
      expect(await toleranceAudit()).toEqual([])
      // a form without the field at all (a page loaded before the field existed) keeps the tolerance
      const old = await post(base())
      expect(dataOf(old).status).toBe('success')
      expect(await toleranceAudit()).toEqual([])
    })

    it('saves a new tolerance with an audit row, and the flags follow it', async () => {
      // tolerance 0,5: 2025 kemitraan × budaya (72 → 70 → 68) stays flagged; with 2,5 it is not (falls of 2)
      const r = await post({ ...base(), dropTolerance: '2,5' })
      expect(dataOf(r).status).toBe('success')
      expect(having(r.data, 'message').message).toBe('Pengaturan disimpan: toleransi penurunan skor.')
      expect((await getSettings(t.db)).scoring.dropTolerance).toBe(2.5)
      const audit = await toleranceAudit()
      expect(audit.map((a) => [JSON.parse(a.before_json!), JSON.parse(a.after_json!), a.actor_username])).toEqual([[1, 2.5, 'admin']])
      const v = (await loadData(berandaLoader, '/?tahun=2025&triwulan=4', { session: kadis })).view!
      const fell = (aspect: Aspect) => v.cells[ASPECTS.indexOf(aspect)]!.find((c) => c.strategy === 'budaya')!.flags.some((f) => f.kind === 'turun_dua_periode')
      expect(fell('kemitraan')).toBe(false) // 2,00 and 2,00 < 2,5
      expect(fell('pengelolaan')).toBe(true) // 3,00 and 4,00 ≥ 2,5
      // back to the default
      expect(dataOf(await post({ ...base(), dropTolerance: '1' })).status).toBe('success')
      expect((await getSettings(t.db)).scoring.dropTolerance).toBe(1)
    })
  })

  describe('status and lateness apart', () => {
    /** A target-0 `naik` indicator in Layanan × Inti: 2025 TW I–III reported (TW III late), TW IV missing. */
    async function targetZeroLate(): Promise<number> {
      const like = await t.db.selectFrom('indicator').selectAll().where('code', '=', 'IKP-09').executeTakeFirstOrThrow()
      const t0 = toDbTime(new Date('2025-01-05T03:00:00Z'))
      const res = await t.db
        .insertInto('indicator')
        .values({
          period_id: like.period_id,
          sasaran_id: like.sasaran_id,
          program_id: like.program_id,
          unit_id: like.unit_id,
          code: 'ZZ-00',
          name: 'Jumlah insiden keamanan informasi yang tidak tertangani',
          satuan: 'insiden',
          polarity: 'naik',
          pola_ukur: 'rata_rata',
          aspect: 'layanan',
          strategy: 'inti',
          weight: 1,
          baseline: null,
          baseline_year: null,
          target_akhir: 0,
          min_value: 0,
          max_value: null,
          definition: null,
          sort_order: 99,
          version: 1,
          created_at: t0,
          updated_at: t0,
          deleted_at: null,
          deleted_reason: null,
        })
        .executeTakeFirstOrThrow()
      const id = Number(res.insertId)
      await t.db.insertInto('indicator_target').values({ indicator_id: id, year: 2025, target: 0 }).execute()
      const kabid = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kabid.ikp').executeTakeFirstOrThrow()
      for (const [q, value, late] of [
        [1, 2, 0],
        [2, 3, 0],
        [3, 1, 1],
      ] as const) {
        const at = toDbTime(new Date(Date.UTC(2025, q * 3, late ? 20 : 5, 3)))
        await t.db
          .insertInto('realisasi')
          .values({
            indicator_id: id,
            year: 2025,
            quarter: q,
            value,
            tidak_diukur: 0,
            bukti_text: 'Log insiden',
            bukti_link: null,
            bukti_internal: 0,
            kendala: null,
            tindak_lanjut: null,
            status: 'diverifikasi',
            return_note: null,
            is_late: late,
            version: 1,
            entered_by: kabid.id,
            entered_at: at,
            submitted_by: kabid.id,
            submitted_at: at,
            verified_by: kabid.id,
            verified_at: at,
            created_at: at,
            updated_at: at,
          })
          .execute()
      }
      await bumpDataVersion(t.db) // written straight in SQL: raise the data version as an administrator would
      return id
    }

    it('cell drill-down and indicator page: "tidak dapat dihitung" in Capaian, no status word in Predikat, status "Tidak dapat dihitung · terlambat"', async () => {
      const id = await targetZeroLate()
      const bundle = await scoreScope(t.db, { opdId }, FULL_2025, ASOF)
      const engine = bundle.result.indicators.find((r) => r.indicatorId === id)!
      expect(engine.status).toBe('tidak_dapat_dihitung')
      expect(engine.late).toBe(true)
      expect(engine.missingQuarters).toEqual([4])
      expect(engine.lateQuarters).toEqual([3])

      const cell = (await loadData(cellLoader, '/beranda/sel/layanan/inti?tahun=2025&triwulan=4', { session: kadis, params: { aspect: 'layanan', strategy: 'inti' } })).view
      const row = cell.indicators.find((i) => i.code === 'ZZ-00')!
      expect(row.targetText).toBe('0,00')
      expect(row.realisasiText).toBe('2,00') // mean(2, 3, 1)
      expect(row.capaianText).toBe('tidak dapat dihitung')
      expect(row.predikatLabel).toBe('–')
      expect(row.predikatKey).toBe('none')
      expect(row.status).toBe('tidak_dapat_dihitung')
      expect(row.late).toBe(true)
      expect(row.statusLabel).toBe('Tidak dapat dihitung · terlambat')
      // left out of the cell's average, as before
      expect(cell.cell.value).toBe(bundle.result.cells.layanan.inti.value)
      expect(cell.cell.missing).toContain('ZZ-00')
      // no status word in Capaian or Predikat anywhere in the drill-down
      const words = /terlambat|belum lapor|menunggu rilis|tidak diukur|^ok$/i
      for (const i of cell.indicators) {
        expect(i.capaianText, i.code).not.toMatch(words)
        expect(i.predikatLabel, i.code).not.toMatch(words)
      }

      const page = (await loadData(indicatorLoader, `/indikator/${id}?tahun=2025&triwulan=4`, { session: kadis, params: { id: String(id) } })).view
      expect(page.current.capaianText).toBe('tidak dapat dihitung')
      expect(page.current.predikatLabel).toBe('–')
      expect(page.current.statusLabel).toBe('Tidak dapat dihitung · terlambat')
      const y2025 = page.perYear.find((y) => y.year === 2025)!
      expect([y2025.capaianText, y2025.predikatLabel, y2025.statusLabel]).toEqual(['tidak dapat dihitung', '–', 'Tidak dapat dihitung · terlambat'])
      expect(page.quarters.map((q) => q.capaianText)).toEqual(['tidak dapat dihitung', 'tidak dapat dihitung', 'tidak dapat dihitung', '–'])
      expect(page.quarters.map((q) => q.predikatLabel)).toEqual(['–', '–', '–', '–'])
      expect(page.quarters[3]!.workflow).toBe('Belum ada entri · terlambat')

      // the beranda's "without predikat" groups count by the computed status
      const beranda = (await loadData(berandaLoader, '/?tahun=2025&triwulan=4', { session: kadis })).view!
      expect(beranda.predikatCounts.without).toContainEqual({ key: 'tidak_dapat_dihitung', label: 'Tidak dapat dihitung', count: 1 })
      // and the lateness is still a flag with its reason
      const flagged = (await loadData(flaggedLoader, '/perlu-perhatian?tahun=2025&triwulan=4', { session: kadis })).view!
      expect(flagged.indicatorFlags.find((f) => f.indicatorCode === 'ZZ-00')?.reason).toBe(
        'Realisasi Triwulan IV 2025 belum dilaporkan, batas waktu 10 Januari 2026 sudah lewat; Realisasi Triwulan III 2025 dientri setelah batas waktu',
      )
    })
  })
})
