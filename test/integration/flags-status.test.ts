// Flag 3 with a tolerance on the Dumai demo (no false alarm in front of the meeting), the drop
// tolerance in Pengaturan, and the computed status kept apart from lateness on the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { ctx, getRequest, loginAs, postRequest, settle } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { getSettings } from '../../app/models/settings.server.js'
import { DEFAULT_BANDS } from '../../app/domain/index.js'
import { ASPECTS, type Period } from '../../app/domain/types.js'
import { loader as berandaLoader } from '../../app/routes/_index.js'
import { loader as flaggedLoader } from '../../app/routes/perlu-perhatian.js'
import { loader as presentasiLoader } from '../../app/routes/presentasi.js'
import * as pengaturan from '../../app/routes/admin.pengaturan.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
const FULL_2025: Period = { kind: 'triwulan', year: 2025, quarter: 4 }
const Q3_2026: Period = { kind: 'triwulan', year: 2026, quarter: 3 }
const BUDAYA_CELLS = ASPECTS.map((a) => `${a}:budaya`).sort()

type Loader = (args: any) => Promise<any>
type Session = { cookie: string; csrf: string; userId: number }

async function view(loader: Loader, path: string, cookie: string, params: Record<string, string> = {}) {
  const { response, data } = await settle(() => loader({ request: getRequest(path, cookie), params, context: ctx }))
  expect(response, `${path} should return data, got ${response?.status}`).toBeNull()
  return (data as { view: any }).view
}

const flaggedKeys = (cells: any[][]) =>
  cells
    .flat()
    .filter((c) => c.flags.length > 0)
    .map((c) => `${c.aspect}:${c.strategy}`)
    .sort()

describe.each(DB_KINDS)('flag 3 tolerance and status apart from lateness (%s)', (kind) => {
  let t: TestDb
  let opdId: number
  let kadis: Session

  beforeAll(async () => {
    t = await createTestDb(kind, { seed: true, global: true })
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    kadis = await loginAs(t.db, 'kadis')
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
  })

  describe('flag 3 on the demo', () => {
    it('2025 TW IV: only the three budaya cells are flagged; budaya keeps its real two-year falls', async () => {
      const v = await view(berandaLoader, '/?tahun=2025&triwulan=4', kadis.cookie)
      expect(v.period).toEqual(FULL_2025)
      expect(flaggedKeys(v.cells)).toEqual(BUDAYA_CELLS)
      const layanan = ASPECTS.indexOf('layanan')
      const pengawasan = v.cells[layanan].find((c: any) => c.strategy === 'pengawasan')
      expect(pengawasan.flags).toEqual([])
      // pengelolaan × budaya: SEK-01 69 → 66 → 62, falls of 3 and 4 points (≥ 1): still flagged
      const pb = v.cells[0].find((c: any) => c.strategy === 'budaya')
      expect(pb.flags.map((f: any) => f.reason)).toContain('Skor turun dua tahun berturut-turut: 69,00 (2023) → 66,00 (2024) → 62,00 (2025), turun 3,00 lalu 4,00 poin')
      for (const row of v.cells) expect(row.find((c: any) => c.strategy === 'budaya').flags.some((f: any) => f.kind === 'sedang_atau_lebih_rendah')).toBe(true)
    })

    it('the period the beranda opens on (2026 s.d. TW III): Layanan × Pengawasan 97,00 is not flagged, budaya is in all three aspects', async () => {
      // the engine's own values: 97.6742 (2024) → 97.6739 (2025) → 97.00 (2026) — shown 97,67 → 97,67 → 97,00
      const bundle = await scoreScope(t.db, { opdId }, Q3_2026, ASOF)
      const trend = bundle.trend.map((p) => p.cells.layanan.pengawasan.value!)
      expect(trend.slice(-3).map((x) => x.toFixed(4))).toEqual(['97.6742', '97.6739', '97.0000'])

      const v = await view(berandaLoader, '/', kadis.cookie)
      expect(v.period).toEqual(Q3_2026)
      expect(flaggedKeys(v.cells)).toEqual(BUDAYA_CELLS)
      expect(v.cells[ASPECTS.indexOf('layanan')].find((c: any) => c.strategy === 'pengawasan').text).toBe('97,00')
      expect(v.flaggedCellCount).toBe(3)
      expect(bundle.result.flags.filter((f) => f.kind === 'turun_dua_periode')).toEqual([])

      const f = await view(flaggedLoader, '/perlu-perhatian', kadis.cookie)
      expect(f.cells.map((c: any) => `${c.aspect}:${c.strategy}`).sort()).toEqual(BUDAYA_CELLS)
      const p = await view(presentasiLoader, '/presentasi', kadis.cookie)
      expect(p.flagged.map((c: any) => `${c.aspect}:${c.strategy}`).sort()).toEqual(BUDAYA_CELLS)
    })
  })

  describe('drop tolerance in Pengaturan', () => {
    const bandFields = () =>
      Object.fromEntries(DEFAULT_BANDS.flatMap((b, i) => [[`band_label_${i}`, b.label], [`band_min_${i}`, b.min == null ? '' : String(b.min)], [`band_max_${i}`, b.max == null ? '' : String(b.max)]]))
    const base = () => ({ ...bandFields(), cap: '120', deadlineDays: '10', timeZone: 'Asia/Jakarta' })
    const post = async (fields: Record<string, string>) => {
      const admin = await loginAs(t.db, 'admin')
      return settle(() => pengaturan.action({ request: postRequest('/admin/pengaturan', { _csrf: admin.csrf, ...fields }, { cookie: admin.cookie }), params: {}, context: ctx } as any))
    }
    const toleranceAudit = () => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'setting').where('entity_id', '=', 'drop_tolerance').execute()

    it('shows the default 1, refuses bad values in Indonesian and writes nothing', async () => {
      const admin = await loginAs(t.db, 'admin')
      const loaded = await settle(() => pengaturan.loader({ request: getRequest('/admin/pengaturan', admin.cookie), params: {}, context: ctx } as any))
      expect((loaded.data as any).values.dropTolerance).toBe('1')
      for (const [typed, message] of [
        ['-1', 'Toleransi penurunan skor harus antara 0 dan 50 poin.'],
        ['51', 'Toleransi penurunan skor harus antara 0 dan 50 poin.'],
        ['satu', '"satu" bukan angka. Masukkan angka, misalnya 12,5'],
        ['0,125', 'Toleransi penurunan skor paling banyak dua angka desimal, seperti skor yang ditampilkan (misalnya 0,5 atau 1,25).'],
        ['', 'Toleransi penurunan skor wajib diisi (bawaan 1).'],
      ] as const) {
        const r = await post({ ...base(), dropTolerance: typed })
        expect(r.response?.status, typed).toBe(400)
        expect((r.data as any).errors.fields.dropTolerance, typed).toBe(message)
        expect((r.data as any).values.dropTolerance).toBe(typed)
      }
      expect((await getSettings(t.db)).scoring.dropTolerance).toBe(1)
      expect(await toleranceAudit()).toEqual([])
      // a form without the field at all (a page loaded before the field existed) keeps the tolerance
      const old = await post(base())
      expect((old.data as any).ok).toBe(true)
      expect(await toleranceAudit()).toEqual([])
    })

    it('saves a new tolerance with an audit row, and the flags follow it', async () => {
      // tolerance 0,5: 2025 kemitraan × budaya (72 → 70 → 68) stays flagged; with 2,5 it is not (falls of 2)
      const r = await post({ ...base(), dropTolerance: '2,5' })
      expect((r.data as any).ok).toBe(true)
      expect((r.data as any).message).toBe('Pengaturan disimpan: toleransi penurunan skor.')
      expect((await getSettings(t.db)).scoring.dropTolerance).toBe(2.5)
      const audit = await toleranceAudit()
      expect(audit.map((a) => [JSON.parse(a.before_json!), JSON.parse(a.after_json!), a.actor_username])).toEqual([[1, 2.5, 'admin']])
      const v = await view(berandaLoader, '/?tahun=2025&triwulan=4', kadis.cookie)
      const fell = (aspect: string) => v.cells[ASPECTS.indexOf(aspect as any)].find((c: any) => c.strategy === 'budaya').flags.some((f: any) => f.kind === 'turun_dua_periode')
      expect(fell('kemitraan')).toBe(false) // 2,00 and 2,00 < 2,5
      expect(fell('pengelolaan')).toBe(true) // 3,00 and 4,00 ≥ 2,5
      // back to the default
      expect(((await post({ ...base(), dropTolerance: '1' })).data as any).ok).toBe(true)
      expect((await getSettings(t.db)).scoring.dropTolerance).toBe(1)
    })
  })
})
