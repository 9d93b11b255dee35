// Imports through the route actions, as a browser posts them (multipart, same origin, CSRF):
// the realisation template round trip, all-or-nothing with errors by row and column, 1,000 rows,
// permissions, locks, versions, upload safety; and the Renstra workbook.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bumpDataVersion } from '../../db/version.js'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { ctx, loginAs, ORIGIN } from '../helpers/http.js'
import { callAction, callLoader, dataOf, loadData } from '../helpers/call.js'
import { messageOf, formErrorsOf, planOf } from '../helpers/fixtures-b.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loader as laporanLoader } from '../../app/routes/laporan.$jenis.js'
import { action as realisasiAction, loader as realisasiPageLoader } from '../../app/routes/impor.realisasi.js'
import { action as renstraAction } from '../../app/routes/impor.renstra.js'
import { loadStats, XLSX_MIME } from '../../app/services/excel/safety.server.js'
import { inflateStats } from '../../app/services/excel/zip.server.js'
import { lyingZipBomb, replaceParts, sheetXmlWithRows } from '../helpers/zip.js'
import { toDbTime } from '../../db/time.js'

const ASOF = new Date('2026-11-29T03:00:00Z')
type Session = { cookie: string; csrf: string; userId: number }

async function open(buf: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf)
  return wb
}

/** A template opened for editing: header titles → column, code → row. */
class Sheet {
  readonly cols = new Map<string, number>()
  readonly rows = new Map<string, number>()
  constructor(
    readonly wb: ExcelJS.Workbook,
    readonly ws: ExcelJS.Worksheet,
    headerRow: number,
  ) {
    ws.getRow(headerRow).eachCell((c, n) => this.cols.set(String(c.value), n))
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const v = ws.getCell(r, 1).value
      if (typeof v === 'string' && v) this.rows.set(v, r)
    }
  }
  col(prefix: string): number {
    for (const [k, v] of this.cols) if (k.startsWith(prefix)) return v
    throw new Error(`column ${prefix} not found`)
  }
  letter(prefix: string): string {
    return this.ws.getColumn(this.col(prefix)).letter
  }
  row(code: string): number {
    const r = this.rows.get(code)
    if (!r) throw new Error(`row ${code} not found`)
    return r
  }
  set(code: string, colPrefix: string, value: ExcelJS.CellValue) {
    this.ws.getCell(this.row(code), this.col(colPrefix)).value = value
  }
  get(code: string, colPrefix: string) {
    return this.ws.getCell(this.row(code), this.col(colPrefix)).value
  }
  async bytes(): Promise<Buffer> {
    return Buffer.from((await this.wb.xlsx.writeBuffer()) as ArrayBuffer)
  }
}

function uploadRequest(path: string, s: Session, fields: Record<string, string>, file: { bytes: Uint8Array; name?: string } | null, headers: Record<string, string> = {}): Request {
  const fd = new FormData()
  fd.append('_csrf', s.csrf)
  for (const [k, v] of Object.entries(fields)) fd.append(k, v)
  if (file) fd.append('berkas', new File([file.bytes as BlobPart], file.name ?? 'templat.xlsx', { type: XLSX_MIME }))
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { Cookie: s.cookie, Origin: ORIGIN, ...headers }, body: fd })
}

const VALUE = 'Nilai realisasi'

describe.each(DB_KINDS)('Excel imports on %s', (kind) => {
  // each test starts on the seeded demo plus kabid.ikp's session (written in the template)
  const t = useTestDb(kind, { seed: true, global: true })
  let opdId: number
  let periodId: number
  let ikp: Session
  beforeAll(async () => {
    setClock(() => ASOF)
    opdId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').executeTakeFirstOrThrow()).id
    periodId = (await t.db.selectFrom('renstra_period').select('id').where('opd_id', '=', opdId).executeTakeFirstOrThrow()).id
    ikp = await loginAs(t.db, 'kabid.ikp')
  })
  afterAll(() => {
    setClock(null)
  })

  const count = async (table: 'realisasi' | 'audit_log' | 'indicator' | 'indicator_target') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  async function template(s: Session, query: string, jenis = 'templat-realisasi.xlsx'): Promise<Sheet> {
    const { response: res } = await callLoader(laporanLoader, `/laporan/${jenis}?${query}`, { session: s, params: { jenis } })
    if (!res) throw new Error('the template download answered with data, not a file')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe(XLSX_MIME)
    const wb = await open(await res.arrayBuffer())
    const ws = jenis === 'templat-realisasi.xlsx' ? wb.getWorksheet('Realisasi')! : wb.getWorksheet('Indikator')!
    return new Sheet(wb, ws, 6)
  }

  /** Posts the realisation import form (multipart, same origin unless `headers` say otherwise). */
  const post = (s: Session, fields: Record<string, string>, bytes: Uint8Array | null, headers: Record<string, string> = {}) =>
    callAction(realisasiAction, uploadRequest('/impor/realisasi', s, fields, bytes ? { bytes } : null, headers))

  /** Posts the Renstra import form. */
  const postRenstra = (s: Session, fields: Record<string, string>, bytes: Uint8Array | null) =>
    callAction(renstraAction, uploadRequest('/impor/renstra', s, fields, bytes ? { bytes } : null))

  /** Imports values through the template (preview, then commit) as the app's user would. */
  async function importValues(s: Session, query: string, values: Record<string, number>) {
    const sheet = await template(s, query)
    for (const [code, value] of Object.entries(values)) sheet.set(code, VALUE, value)
    const bytes = await sheet.bytes()
    const preview = planOf(await post(s, { intent: 'periksa' }, bytes))
    expect(preview.errors).toEqual([])
    const commit = await post(s, { intent: 'simpan', rencana: preview.hash }, bytes)
    expect(commit.status).toBe(200)
  }

  /** A bidang with its own kepala bidang and `n` percent indicators (target 2026 = 80). */
  async function bidangWith(code: string, n: number): Promise<Session> {
    const t0 = toDbTime(ASOF)
    const unitId = Number(
      (
        await t.db
          .insertInto('org_unit')
          .values({
            parent_id: opdId,
            kind: 'bidang',
            code: `DKISP-DUMAI-${code}`,
            name: `Bidang Uji ${code}`,
            short_name: `Uji ${code}`,
            city: null,
            sort_order: 50,
            created_at: t0,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    await t.db
      .insertInto('app_user')
      .values({
        username: `kabid.${code.toLowerCase()}`,
        full_name: `Kepala Bidang Uji ${code}`,
        password_hash: 'x',
        role: 'kepala_bidang',
        unit_id: unitId,
        active: 1,
        created_at: t0,
        updated_at: t0,
        password_changed_at: t0,
      })
      .execute()
    for (let i = 0; i < n; i += 100) {
      const batch = Array.from({ length: Math.min(100, n - i) }, (_, k) => ({
        period_id: periodId,
        sasaran_id: null,
        program_id: null,
        unit_id: unitId,
        code: `${code}-${String(i + k + 1).padStart(4, '0')}`,
        name: `Indikator uji ${i + k + 1}`,
        satuan: 'persen',
        polarity: 'naik' as const,
        pola_ukur: 'rata_rata' as const,
        aspect: 'layanan' as const,
        strategy: 'pelanggan' as const,
        weight: 1,
        baseline: null,
        baseline_year: null,
        target_akhir: 80,
        min_value: 0,
        max_value: 100,
        definition: null,
        sort_order: 100 + i + k,
        version: 1,
        created_at: t0,
        updated_at: t0,
        deleted_at: null,
        deleted_reason: null,
      }))
      await t.db.insertInto('indicator').values(batch).execute()
    }
    const ids = (await t.db.selectFrom('indicator').select('id').where('unit_id', '=', unitId).execute()).map((r) => r.id)
    for (let i = 0; i < ids.length; i += 200)
      await t.db
        .insertInto('indicator_target')
        .values(ids.slice(i, i + 200).map((id) => ({ indicator_id: id, year: 2026, target: 80 })))
        .execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    return loginAs(t.db, `kabid.${code.toLowerCase()}`)
  }

  it('round trip: download the 2026 TW IV template, fill three values, preview, commit → exactly those three, with audit rows', async () => {
    const sheet = await template(ikp, 'tahun=2026&triwulan=4')
    const header = [...sheet.cols.keys()]
    expect(header.slice(0, 7)).toEqual(['Kode indikator', 'Indikator', 'Satuan', 'Polaritas', 'Pola ukur', 'Target tahun 2026', 'Target triwulan IV'])
    expect(header).toContain('Nilai realisasi TW IV 2026')
    expect(header).toContain('Realisasi TW III')
    for (const h of ['ID indikator', 'Versi', 'Tahun', 'Triwulan']) expect(sheet.ws.getColumn(sheet.col(h)).hidden, h).toBe(true)
    expect([...sheet.rows.keys()]).toEqual(['IKP-01', 'IKP-02', 'IKP-03', 'IKP-04', 'IKP-05', 'IKP-06', 'IKP-07', 'IKP-08', 'IKP-09'])
    expect(sheet.get('IKP-01', 'Target tahun 2026')).toBe(92)
    expect(sheet.get('IKP-02', 'Target triwulan IV')).toBe(175) // kumulatif: 700 / 4
    expect(sheet.get('IKP-02', 'Realisasi TW III')).toBe(175) // 700 × 0.25
    expect(sheet.get('IKP-01', 'Status saat diunduh')).toBe('Belum diisi')
    expect(sheet.get('IKP-01', 'Versi')).toBeNull()

    sheet.set('IKP-01', VALUE, 93.5)
    sheet.set('IKP-02', VALUE, '180')
    sheet.set('IKP-03', VALUE, '5,2')
    sheet.set('IKP-03', 'Bukti dukung', { richText: [{ text: 'Register PPID ', font: { bold: true } }, { text: 'TW IV' }] })
    const bytes = await sheet.bytes()
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }

    const preview = await post(ikp, { intent: 'periksa' }, bytes)
    expect(preview.status).toBe(200)
    expect([dataOf(preview).status, dataOf(preview).intent]).toEqual(['success', 'periksa'])
    const plan = planOf(preview)
    expect(plan.errors).toEqual([])
    expect(plan.period).toEqual({ year: 2026, quarter: 4 })
    expect(plan.counts).toEqual({ baru: 3, berubah: 0, tetap: 0, kosong: 6, ditolak: 0 })
    expect(plan.rows.filter((r) => r.kind === 'baru').map((r) => [r.code, r.rowNumber])).toEqual([
      ['IKP-01', 7],
      ['IKP-02', 8],
      ['IKP-03', 9],
    ])
    expect(plan.rows.find((r) => r.code === 'IKP-03')?.changes).toEqual([
      { field: 'Nilai', before: '–', after: '5,2' },
      { field: 'Bukti dukung', before: '–', after: 'Register PPID TW IV' },
    ])
    // the preview wrote nothing (the entry service ran in a rolled-back transaction)
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)

    const commit = await post(ikp, { intent: 'simpan', rencana: plan.hash }, bytes)
    expect(commit.status).toBe(200)
    expect([dataOf(commit).status, dataOf(commit).intent]).toEqual(['success', 'simpan'])
    expect(messageOf(commit)).toMatch(/3 realisasi baru dan 0 diubah/)
    const rows = await t.db
      .selectFrom('realisasi as r')
      .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
      .select(['i.code', 'r.id', 'r.value', 'r.status', 'r.version', 'r.entered_by', 'r.bukti_text'])
      .where('r.year', '=', 2026)
      .where('r.quarter', '=', 4)
      .orderBy('i.code')
      .execute()
    expect(rows.map((r) => [r.code, Number(r.value), r.status, r.version])).toEqual([
      ['IKP-01', 93.5, 'draft', 1],
      ['IKP-02', 180, 'draft', 1],
      ['IKP-03', 5.2, 'draft', 1],
    ])
    expect(rows.every((r) => r.entered_by === ikp.userId)).toBe(true)
    expect(rows[2]!.bukti_text).toBe('Register PPID TW IV')
    expect(await count('realisasi')).toBe(before.realisasi + 3)
    const audit = await t.db.selectFrom('audit_log').selectAll().where('id', '>', 0).orderBy('id', 'desc').limit(3).execute()
    expect(await count('audit_log')).toBe(before.audit + 3)
    expect(audit.every((a) => a.entity === 'realisasi' && a.action === 'create' && a.actor_username === 'kabid.ikp' && a.request_id === ctx.requestId)).toBe(true)
    expect(audit.map((a) => Number(a.entity_id)).sort()).toEqual(rows.map((r) => r.id).sort())
    expect(JSON.parse(audit.find((a) => Number(a.entity_id) === rows[0]!.id)!.after_json!).value).toBe(93.5)

    // the same file again: nothing to do
    const again = await post(ikp, { intent: 'periksa' }, bytes)
    expect(planOf(again).counts).toEqual({ baru: 0, berubah: 0, tetap: 3, kosong: 6, ditolak: 0 })
    // a fresh template carries the versions; one change → one update
    const next = await template(ikp, 'tahun=2026&triwulan=4')
    expect(next.get('IKP-01', 'Versi')).toBe(1)
    expect(next.get('IKP-01', VALUE)).toBe(93.5)
    expect(next.get('IKP-01', 'Status saat diunduh')).toBe('Draf')
    next.set('IKP-02', VALUE, 181)
    const b2 = await next.bytes()
    const p2 = await post(ikp, { intent: 'periksa' }, b2)
    expect(planOf(p2).counts).toEqual({ baru: 0, berubah: 1, tetap: 2, kosong: 6, ditolak: 0 })
    const c2 = await post(ikp, { intent: 'simpan', rencana: planOf(p2).hash }, b2)
    expect(dataOf(c2).status).toBe('success')
    const ikp2 = await t.db.selectFrom('realisasi').select(['value', 'version']).where('id', '=', rows[1]!.id).executeTakeFirstOrThrow()
    expect([Number(ikp2.value), ikp2.version]).toEqual([181, 2])
    const last = await t.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect([last.action, last.entity_id, JSON.parse(last.before_json!).value, JSON.parse(last.after_json!).value]).toEqual(['update', String(rows[1]!.id), 180, 181])
  })

  it('versions: a row changed in the app since the download is a conflict; a commit that no longer matches its preview writes nothing', async () => {
    await importValues(ikp, 'tahun=2026&triwulan=4', { 'IKP-01': 93.5 }) // the row exists, version 1
    const sheet = await template(ikp, 'tahun=2026&triwulan=4')
    expect(sheet.get('IKP-01', 'Versi')).toBe(1)
    sheet.set('IKP-01', VALUE, 94)
    const bytes = await sheet.bytes()
    const preview = await post(ikp, { intent: 'periksa' }, bytes)
    expect(planOf(preview).errors).toEqual([])
    // meanwhile, the same row is saved in the app
    const row = await t.db
      .selectFrom('realisasi as r')
      .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
      .select(['r.id', 'r.version'])
      .where('i.code', '=', 'IKP-01')
      .where('r.year', '=', 2026)
      .where('r.quarter', '=', 4)
      .executeTakeFirstOrThrow()
    await t.db
      .updateTable('realisasi')
      .set({ value: 95, version: row.version + 1 })
      .where('id', '=', row.id)
      .execute()
    await bumpDataVersion(t.db) // a change made straight in SQL: raise the data version as an administrator would
    const before = { audit: await count('audit_log') }
    const commit = await post(ikp, { intent: 'simpan', rencana: planOf(preview).hash }, bytes)
    expect(commit.status).toBe(409)
    expect([dataOf(commit).status, dataOf(commit).intent]).toEqual(['error', 'simpan'])
    expect(formErrorsOf(commit)[0]).toMatch(/berubah sejak pratinjau/)
    // the fresh preview names the row and the (hidden) version column
    const conflict = planOf(commit).errors.find((e) => e.row === sheet.row('IKP-01'))
    expect(conflict?.message).toMatch(/Data sudah diubah oleh .* \(nilai: 95\)/)
    expect(conflict?.column).toBe(sheet.letter('Versi'))
    expect(conflict?.columnName).toBe('Versi (tersembunyi)')
    expect(Number((await t.db.selectFrom('realisasi').select('value').where('id', '=', row.id).executeTakeFirstOrThrow()).value)).toBe(95)
    expect(await count('audit_log')).toBe(before.audit)
  })

  it('locks: verified and submitted rows cannot change; the error names the row', async () => {
    const infra = await loginAs(t.db, 'kabid.infra')
    const sheet = await template(infra, 'tahun=2026&triwulan=3')
    expect(sheet.get('INF-01', 'Status saat diunduh')).toBe('Diverifikasi')
    sheet.set('INF-01', VALUE, 97)
    const p = await post(infra, { intent: 'periksa' }, await sheet.bytes())
    expect(p.status).toBe(400)
    expect(planOf(p).errors).toHaveLength(1)
    expect(planOf(p).errors[0]).toMatchObject({ row: sheet.row('INF-01'), column: 'A' })
    expect(planOf(p).errors[0]?.message).toMatch(/Sudah diverifikasi dan terkunci/)
    const s2 = await template(ikp, 'tahun=2026&triwulan=3')
    expect(s2.get('IKP-05', 'Status saat diunduh')).toBe('Diajukan')
    s2.set('IKP-05', VALUE, 20)
    // the same bytes for both steps: ExcelJS stamps the save time, so two saves may differ
    const b2 = await s2.bytes()
    const p2 = await post(ikp, { intent: 'periksa' }, b2)
    expect(planOf(p2).errors[0]?.message).toMatch(/Sudah diajukan dan menunggu verifikasi/)
    const before = await count('audit_log')
    const c = await post(ikp, { intent: 'simpan', rencana: planOf(p2).hash }, b2)
    expect(c.status).toBe(400)
    expect(await count('audit_log')).toBe(before)
  })

  it("permissions: another bidang's rows are refused, other roles get 403", async () => {
    const infra = await loginAs(t.db, 'kabid.infra')
    const foreign = await template(infra, 'tahun=2026&triwulan=4')
    foreign.set('INF-01', VALUE, 99.9)
    const bytes = await foreign.bytes()
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const p = await post(ikp, { intent: 'periksa' }, bytes)
    expect(p.status).toBe(400)
    expect(planOf(p).errors.map((e) => e.row)).toEqual([7, 8, 9])
    expect(planOf(p).errors[0]?.message).toMatch(/INF-01 milik Bidang Infrastruktur, bukan bidang Anda/)
    const c = await post(ikp, { intent: 'simpan', rencana: planOf(p).hash }, bytes)
    expect(c.status).toBe(400)
    // a row typed by hand with another bidang's code
    const own = await template(ikp, 'tahun=2026&triwulan=4')
    own.ws.getCell(20, 1).value = 'INF-02'
    own.ws.getCell(20, own.col(VALUE)).value = 3
    own.ws.getCell(20, own.col('Tahun')).value = 2026
    own.ws.getCell(20, own.col('Triwulan')).value = 4
    const p2 = await post(ikp, { intent: 'periksa' }, await own.bytes())
    expect(planOf(p2).errors).toEqual([{ row: 20, column: 'A', columnName: 'Kode indikator', message: 'Kode indikator "INF-02" tidak dikenal atau bukan indikator bidang Anda.' }])
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
    for (const who of ['auditor', 'perencanaan', 'kadis', 'admin']) {
      const s = await loginAs(t.db, who)
      expect((await post(s, { intent: 'periksa' }, bytes)).status, who).toBe(403)
    }
    // a cross-origin post is refused before anything else
    const s = await post(ikp, { intent: 'periksa' }, bytes, { Origin: 'https://evil.example' })
    expect(s.status).toBe(403)
    // the page loader
    expect(await loadData(realisasiPageLoader, '/impor/realisasi', { session: ikp })).toMatchObject({
      unitName: 'Bidang Informasi dan Komunikasi Publik',
      current: { year: 2026, quarter: 4 },
    })
  })

  it('one bad row among 100: nothing changes, and the errors name their row and column', async () => {
    const s = await bidangWith('SERATUS', 100)
    const sheet = await template(s, 'tahun=2026&triwulan=4')
    expect(sheet.rows.size).toBe(100)
    for (const code of sheet.rows.keys()) sheet.set(code, VALUE, 81)
    sheet.set('SERATUS-0057', VALUE, 150) // percent above 100: the entry service's rule
    const bytes = await sheet.bytes()
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const p = await post(s, { intent: 'periksa' }, bytes)
    expect(p.status).toBe(400)
    // the bad row is not among the rows to save
    expect([planOf(p).counts.baru, planOf(p).counts.ditolak]).toEqual([99, 1])
    expect(planOf(p).errors).toEqual([
      { row: sheet.row('SERATUS-0057'), column: sheet.letter(VALUE), columnName: 'Nilai realisasi TW IV 2026', message: 'SERATUS-0057: Nilai persen tidak boleh lebih dari 100.' },
    ])
    const c = await post(s, { intent: 'simpan', rencana: planOf(p).hash }, bytes)
    expect(c.status).toBe(400)
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)

    // unreadable cells are located too: text that is no number, a formula, two decimal separators
    sheet.set('SERATUS-0057', VALUE, 81)
    sheet.set('SERATUS-0003', VALUE, 'delapan puluh')
    sheet.set('SERATUS-0010', VALUE, { formula: '80+1', result: 81 })
    sheet.set('SERATUS-0099', VALUE, '1.234,5')
    sheet.set('SERATUS-0042', 'Tidak diukur', 'mungkin')
    const p2 = await post(s, { intent: 'periksa' }, await sheet.bytes())
    const found = planOf(p2).errors.map((e) => [e.row, e.column])
    expect(found).toEqual([
      [sheet.row('SERATUS-0003'), sheet.letter(VALUE)],
      [sheet.row('SERATUS-0010'), sheet.letter(VALUE)],
      [sheet.row('SERATUS-0042'), sheet.letter('Tidak diukur')],
      [sheet.row('SERATUS-0099'), sheet.letter(VALUE)],
    ])
    expect(planOf(p2).errors[0]?.message).toMatch(/bukan angka/)
    expect(planOf(p2).errors[1]?.message).toMatch(/rumus/)
    expect(planOf(p2).errors[3]?.message).toMatch(/pemisah ribuan/)
    expect(await count('realisasi')).toBe(before.realisasi)
  })

  it('a 1,000-row import succeeds in one transaction', async () => {
    const s = await bidangWith('SERIBU', 1000)
    const sheet = await template(s, 'tahun=2026&triwulan=4')
    expect(sheet.rows.size).toBe(1000)
    let i = 0
    for (const code of sheet.rows.keys()) sheet.set(code, VALUE, 70 + (i++ % 30))
    const bytes = await sheet.bytes()
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    let t0 = performance.now()
    const p = await post(s, { intent: 'periksa' }, bytes)
    const previewMs = performance.now() - t0
    expect(planOf(p).errors).toEqual([])
    expect(planOf(p).counts.baru).toBe(1000)
    t0 = performance.now()
    const c = await post(s, { intent: 'simpan', rencana: planOf(p).hash }, bytes)
    const commitMs = performance.now() - t0
    expect(dataOf(c).status).toBe('success')
    expect(await count('realisasi')).toBe(before.realisasi + 1000)
    expect(await count('audit_log')).toBe(before.audit + 1000)
    console.log(`[${kind}] 1.000 baris: pratinjau ${Math.round(previewMs)} ms, simpan ${Math.round(commitMs)} ms`)
  })

  it('templates: row heights fit wrapped indicator names and the notes line; no number format leaves a bare separator', async () => {
    const s = await bidangWith('PANJANG', 3)
    const long =
      'Persentase dokumen perencanaan dan penganggaran perangkat daerah yang disusun tepat waktu, sesuai ketentuan, dan dipublikasikan melalui portal data terpadu Pemerintah Kota Dumai'
    await t.db.updateTable('indicator').set({ name: long }).where('code', '=', 'PANJANG-0002').execute()
    const id3 = (await t.db.selectFrom('indicator').select('id').where('code', '=', 'PANJANG-0003').executeTakeFirstOrThrow()).id
    await t.db.updateTable('indicator_target').set({ target: 87.5 }).where('indicator_id', '=', id3).where('year', '=', 2026).execute()
    await bumpDataVersion(t.db)
    const sheet = await template(s, 'tahun=2026&triwulan=4')
    const ws = sheet.ws
    const nameCol = sheet.col('Indikator')
    const nameWidth = ws.getColumn(nameCol).width!
    expect(nameWidth).toBe(42)
    // 172 characters in a 42-wide column: at least ceil(172 / (42 × 1.3)) = 4 lines of ≥ 12 pt
    const r2 = sheet.row('PANJANG-0002')
    expect(ws.getRow(r2).height).toBeGreaterThanOrEqual(4 * 12)
    // every row whose text clearly wraps has a height that holds it; short rows keep the default
    for (let r = 7; r <= ws.rowCount; r++) {
      const row = ws.getRow(r)
      let lines = 1
      row.eachCell((c, n) => {
        if (typeof c.value !== 'string' || ws.getColumn(n).hidden) return
        lines = Math.max(lines, Math.ceil(c.value.length / (ws.getColumn(n).width! * 1.3)))
      })
      if (lines > 1) expect(row.height, `baris ${r}`).toBeGreaterThanOrEqual(lines * 12)
    }
    expect(ws.getRow(sheet.row('PANJANG-0001')).height ?? 15).toBeLessThanOrEqual(15)
    // the instructions line (row 4, merged over 12 columns) holds its text
    const mergedWidth = Array.from({ length: 12 }, (_, i) => ws.getColumn(i + 1).width!).reduce((a, b) => a + b, 0)
    const instr = String(ws.getCell(4, 1).value)
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(Math.ceil(instr.length / ((mergedWidth * 1.3 * 10) / 9)) * 9)

    // number formats: whole numbers without decimals, others with the decimals they have; the
    // cell the user fills in is General (shows what was typed); never an optional-decimal format
    const target = sheet.col('Target tahun 2026')
    expect(ws.getCell(sheet.row('PANJANG-0001'), target).numFmt).toBe('#,##0')
    expect(ws.getCell(sheet.row('PANJANG-0003'), target).numFmt).toBe('#,##0.0')
    expect(ws.getCell(sheet.row('PANJANG-0003'), sheet.col('Target triwulan IV')).numFmt).toBe('#,##0.0')
    expect([undefined, 'General']).toContain(ws.getCell(sheet.row('PANJANG-0001'), sheet.col(VALUE)).numFmt)
    const renstra = await template(await loginAs(t.db, 'perencanaan'), 'tahun=2026', 'templat-renstra.xlsx')
    const bad: string[] = []
    for (const wb of [sheet.wb, renstra.wb]) {
      for (const w of wb.worksheets) {
        w.eachRow({ includeEmpty: true }, (row) =>
          row.eachCell({ includeEmpty: true }, (c) => {
            if (c.numFmt && /\.#|\.$/.test(c.numFmt)) bad.push(`${w.name}!${c.address} ${c.numFmt}`)
          }),
        )
      }
    }
    expect(bad).toEqual([])
    const rName = renstra.ws.getColumn(renstra.col('Nama indikator')).width!
    expect(renstra.ws.getRow(renstra.row('PANJANG-0002')).height).toBeGreaterThanOrEqual(Math.ceil(long.length / (rName * 1.3)) * 12)
  })

  it('every problem in one pass: an "abc" cell, 150 % and −5 are all listed with row and column, none of the three rows is to be saved, nothing is written', async () => {
    const s = await bidangWith('TIGA', 4)
    const sheet = await template(s, 'tahun=2026&triwulan=4')
    sheet.set('TIGA-0001', VALUE, 'abc')
    sheet.set('TIGA-0002', VALUE, 150)
    sheet.set('TIGA-0003', VALUE, -5)
    sheet.set('TIGA-0004', VALUE, 81)
    const bytes = await sheet.bytes()
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const p = await post(s, { intent: 'periksa' }, bytes)
    expect(p.status).toBe(400)
    const col = sheet.letter(VALUE)
    const columnName = 'Nilai realisasi TW IV 2026'
    expect(planOf(p).errors).toEqual([
      { row: sheet.row('TIGA-0001'), column: col, columnName, message: '"abc" bukan angka. Masukkan angka, misalnya 12,5' },
      { row: sheet.row('TIGA-0002'), column: col, columnName, message: 'TIGA-0002: Nilai persen tidak boleh lebih dari 100.' },
      { row: sheet.row('TIGA-0003'), column: col, columnName, message: 'TIGA-0003: Nilai tidak boleh negatif.' },
    ])
    // "Baris yang akan disimpan" lists the rows of kind baru/berubah: only the good one
    const toSave = planOf(p)
      .rows.filter((r) => r.kind === 'baru' || r.kind === 'berubah')
      .map((r) => r.code)
    expect(toSave).toEqual(['TIGA-0004'])
    expect(
      planOf(p)
        .rows.filter((r) => r.kind === 'ditolak')
        .map((r) => r.rowNumber),
    ).toEqual([sheet.row('TIGA-0001'), sheet.row('TIGA-0002'), sheet.row('TIGA-0003')])
    expect(planOf(p).counts).toEqual({ baru: 1, berubah: 0, tetap: 0, kosong: 0, ditolak: 3 })
    // a commit of the same file is refused and shows the same three problems
    const c = await post(s, { intent: 'simpan', rencana: planOf(p).hash }, bytes)
    expect(c.status).toBe(400)
    expect(planOf(c).errors.map((e) => e.row)).toEqual([sheet.row('TIGA-0001'), sheet.row('TIGA-0002'), sheet.row('TIGA-0003')])
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
  })

  it('a zip bomb whose headers lie (declares 1 KB, inflates to 200 MB): 400 in Indonesian, three at once stop at the limit and memory stays bounded', async () => {
    const bomb = await lyingZipBomb(200 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const before = { realisasi: await count('realisasi'), audit: await count('audit_log') }
    const one = await post(ikp, { intent: 'periksa' }, bomb)
    expect(one.status).toBe(400)
    expect(planOf(one).errors.map((e) => e.message)).toEqual([
      'Isi berkas lebih besar daripada ukuran yang tercatat di dalamnya (ciri bom zip); berkas ditolak dan tidak diproses.',
    ])

    const inflated0 = inflateStats.bytes
    const loads0 = loadStats.workbooks
    const rss0 = process.memoryUsage().rss
    let peak = rss0
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    const three = await Promise.all([1, 2, 3].map(() => post(ikp, { intent: 'periksa' }, bomb)))
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    expect(three.map((r) => r.status)).toEqual([400, 400, 400])
    for (const r of three) expect(planOf(r).errors[0]?.message).toMatch(/bom zip/)
    // each upload inflated about one 16 KB chunk past its declared 1 KB, not 200 MB
    expect(inflateStats.bytes - inflated0).toBeLessThan(3 * 256 * 1024)
    expect(loadStats.workbooks).toBe(loads0)
    expect(peak - rss0).toBeLessThan(150 * 1024 * 1024)
    expect(await count('realisasi')).toBe(before.realisasi)
    expect(await count('audit_log')).toBe(before.audit)
  })

  it('a 100,000-row file is refused by the row cap while it is inflated, before ExcelJS parses it', async () => {
    const sheet = await template(ikp, 'tahun=2026&triwulan=4')
    const base = await sheet.bytes()
    const header = [...sheet.cols.keys()]
    const many = replaceParts(base, { 'xl/worksheets/sheet1.xml': sheetXmlWithRows(100_000, { headerRow: 6, header }) })
    expect(many.length).toBeLessThan(5 * 1024 * 1024)
    const loads0 = loadStats.workbooks
    const p = await post(ikp, { intent: 'periksa' }, many)
    expect(p.status).toBe(400)
    expect(planOf(p).errors.map((e) => e.message)).toEqual(['Berkas berisi lebih dari 5.000 baris data; paling banyak 5.000 baris per unggahan. Pecah menjadi beberapa berkas.'])
    expect(loadStats.workbooks).toBe(loads0) // ExcelJS never parsed it
  })

  it('upload safety: oversized → 413 before parsing, non-xlsx and missing files refused, and the next request is served', async () => {
    const huge = new Uint8Array(5 * 1024 * 1024 + 10)
    huge.set([0x50, 0x4b, 0x03, 0x04])
    const big = await post(ikp, { intent: 'periksa' }, huge)
    expect(big.status).toBe(413)
    expect(await big.response!.text()).toMatch(/melebihi batas 5 MB/)
    // a declared Content-Length over the cap is refused without reading the body
    const declared = await post(ikp, { intent: 'periksa' }, new Uint8Array([1]), { 'Content-Length': String(6 * 1024 * 1024) })
    expect(declared.status).toBe(413)
    const csv = await post(ikp, { intent: 'periksa' }, Buffer.from('Kode indikator;Nilai\nIKP-01;90\n'))
    expect(csv.status).toBe(400)
    expect(planOf(csv).errors[0]?.message).toMatch(/bukan buku kerja Excel/)
    const none = await post(ikp, { intent: 'periksa' }, null)
    expect(none.status).toBe(400)
    expect(dataOf(none)).toMatchObject({ status: 'error', intent: 'periksa', formErrors: ['Pilih berkas .xlsx hasil pengisian templat terlebih dahulu.'], plan: null })
    // a workbook that is not the template
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Lain').getCell('A1').value = 'apa saja'
    const other = await post(ikp, { intent: 'periksa' }, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer))
    expect(planOf(other).errors[0]?.message).toMatch(/Baris judul kolom tidak ditemukan/)
    // the row cap: 5,001 data rows are refused before any row is read
    const many = await template(ikp, 'tahun=2026&triwulan=4')
    for (let r = 16; r < 16 + 5001; r++) many.ws.getCell(r, 1).value = `X-${r}`
    const capped = await post(ikp, { intent: 'periksa' }, await many.bytes())
    expect(capped.status).toBe(400)
    expect(planOf(capped).errors).toHaveLength(1)
    expect(planOf(capped).errors[0]?.message).toMatch(/paling banyak 5\.000 baris per unggahan/)
    // still serving
    const sheet = await template(ikp, 'tahun=2026&triwulan=4')
    const ok = await post(ikp, { intent: 'periksa' }, await sheet.bytes())
    expect(ok.status).toBe(200)
  })

  it('Renstra workbook: template with current indicators; change a target and add an indicator; a reason when verified years change', async () => {
    const plan = await loginAs(t.db, 'perencanaan')
    const sheet = await template(plan, 'tahun=2026', 'templat-renstra.xlsx')
    expect([...sheet.cols.keys()].slice(0, 16)).toEqual([
      'Kode',
      'Nama indikator',
      'Satuan',
      'Polaritas',
      'Pola ukur',
      'Aspek',
      'Strategi',
      'Bobot',
      'Kode unit',
      'Kode sasaran',
      'Kode program',
      'Baseline',
      'Tahun baseline',
      'Target akhir',
      'Nilai minimum',
      'Nilai maksimum',
    ])
    for (const y of [2021, 2022, 2023, 2024, 2025, 2026]) expect(sheet.cols.has(`Target ${y}`)).toBe(true)
    expect(sheet.get('IKP-02', 'Target 2025')).toBe(650)
    expect(sheet.get('IKP-02', 'Kode unit')).toBe('IKP')
    expect(sheet.get('IKP-02', 'Kode sasaran')).toBe('S2.1')
    expect(sheet.get('SEK-01', 'Strategi')).toBe('budaya')
    expect(sheet.wb.getWorksheet('Referensi')).toBeTruthy()

    sheet.set('IKP-02', 'Target 2026', 720) // 2026 has verified TW I–II → a reason is required
    sheet.set('SEK-02', 'Nama indikator', 'Jumlah inovasi layanan publik yang diterapkan')
    const r = sheet.ws.rowCount + 1
    const put = (col: string, v: ExcelJS.CellValue) => (sheet.ws.getCell(r, sheet.col(col)).value = v)
    put('Kode', 'SEK-05')
    put('Nama indikator', 'Persentase pegawai yang mengikuti pelatihan budaya kerja')
    put('Satuan', 'persen')
    put('Polaritas', 'Naik')
    put('Pola ukur', 'Posisi akhir')
    put('Aspek', 'Kemitraan')
    put('Strategi', 'Strategi Budaya')
    put('Kode unit', 'SEK')
    put('Kode sasaran', 'S1.2')
    put('Target 2026', '40,5')
    put('Nilai maksimum', 100)
    const bytes = await sheet.bytes()
    const before = { indicator: await count('indicator'), audit: await count('audit_log') }

    const p = await postRenstra(plan, { intent: 'periksa' }, bytes)
    expect(p.status).toBe(200)
    expect(planOf(p).errors).toEqual([])
    // every live indicator of the period is in the template (the demo's 22 and the test bidangs' ones)
    const live = Number(
      (
        await t.db
          .selectFrom('indicator')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('period_id', '=', periodId)
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(sheet.rows.size).toBe(live)
    expect(planOf(p).counts).toEqual({ baru: 1, berubah: 2, tetap: live - 2 })
    expect(planOf(p).needsReason).toBe(true)
    expect(planOf(p).rows.find((x) => x.code === 'IKP-02')?.changes).toEqual([{ field: 'Target 2026', before: '700', after: '720' }])
    const noReason = await postRenstra(plan, { intent: 'simpan', rencana: planOf(p).hash }, bytes)
    expect(noReason.status).toBe(400)
    expect(await count('audit_log')).toBe(before.audit)
    const c = await postRenstra(plan, { intent: 'simpan', rencana: planOf(p).hash, alasan: 'Penyesuaian target sesuai Renja perubahan 2026' }, bytes)
    expect(c.status).toBe(200)
    expect(messageOf(c)).toBe('Impor Renstra selesai: 1 indikator baru, 2 diubah.')
    expect(await count('indicator')).toBe(before.indicator + 1)
    expect(await count('audit_log')).toBe(before.audit + 3)
    const ikp2 = await t.db.selectFrom('indicator').select(['id', 'version']).where('code', '=', 'IKP-02').executeTakeFirstOrThrow()
    expect(ikp2.version).toBe(2)
    expect(Number((await t.db.selectFrom('indicator_target').select('target').where('indicator_id', '=', ikp2.id).where('year', '=', 2026).executeTakeFirstOrThrow()).target)).toBe(
      720,
    )
    const sek5 = await t.db.selectFrom('indicator').selectAll().where('code', '=', 'SEK-05').executeTakeFirstOrThrow()
    expect([sek5.polarity, sek5.pola_ukur, sek5.aspect, sek5.strategy, Number(sek5.max_value)]).toEqual(['naik', 'posisi', 'kemitraan', 'budaya', 100])
    expect(Number((await t.db.selectFrom('indicator_target').select('target').where('indicator_id', '=', sek5.id).executeTakeFirstOrThrow()).target)).toBe(40.5)
    const audits = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'indicator').orderBy('id').execute()
    expect(audits.map((a) => a.action)).toEqual(['import_update', 'import_update', 'import_create'])
    expect(audits[0]!.reason).toBe('Penyesuaian target sesuai Renja perubahan 2026')
    expect(JSON.parse(audits[0]!.before_json!).targets['2026']).toBe(700)
    expect(JSON.parse(audits[0]!.after_json!).targets['2026']).toBe(720)

    // the same (now stale) file: version conflict on IKP-02, a bad aspect on a new row
    sheet.set('IKP-02', 'Target 2026', 730)
    put('Kode', 'SEK-06')
    put('Aspek', 'keuangan')
    const p2 = await postRenstra(plan, { intent: 'periksa' }, await sheet.bytes())
    expect(p2.status).toBe(400)
    const msgs = planOf(p2).errors.map((e) => [e.row, e.columnName, e.message])
    expect(msgs).toContainEqual([r, 'Aspek', '"keuangan" bukan aspek yang dikenal; pilih salah satu: pengelolaan, layanan, kemitraan.'])
    expect(planOf(p2).errors.some((e) => e.row === sheet.row('IKP-02') && /sudah diubah di aplikasi sejak templat diunduh/.test(e.message))).toBe(true)

    // kepala bidang may not import the Renstra
    expect((await postRenstra(ikp, { intent: 'periksa' }, bytes)).status).toBe(403)
  })

  it('Renstra workbook: every problem in one pass — an "abc" target, a weight of −5, an unknown unit — and none of those rows is to be saved', async () => {
    const plan = await loginAs(t.db, 'perencanaan')
    const sheet = await template(plan, 'tahun=2026', 'templat-renstra.xlsx')
    sheet.set('IKP-03', 'Target 2026', 'abc')
    sheet.set('IKP-01', 'Bobot', -5)
    sheet.set('SEK-02', 'Kode unit', 'XYZ')
    sheet.set('SEK-01', 'Nama indikator', 'Nama baru yang sah')
    const before = { indicator: await count('indicator'), audit: await count('audit_log') }
    const p = await postRenstra(plan, { intent: 'periksa' }, await sheet.bytes())
    expect(p.status).toBe(400)
    const found = planOf(p).errors.map((e) => [e.row, e.column, e.message])
    expect(found).toHaveLength(3)
    expect(found).toContainEqual([sheet.row('IKP-03'), sheet.letter('Target 2026'), '"abc" bukan angka. Masukkan angka, misalnya 12,5'])
    expect(found).toContainEqual([sheet.row('IKP-01'), sheet.letter('Bobot'), 'bobot harus lebih dari 0.'])
    expect(found).toContainEqual([sheet.row('SEK-02'), sheet.letter('Kode unit'), 'kode unit "XYZ" tidak dikenal (lihat lembar Referensi).'])
    const codes = planOf(p).rows.map((r) => r.code)
    for (const bad of ['IKP-03', 'IKP-01', 'SEK-02']) expect(codes).not.toContain(bad)
    expect(
      planOf(p)
        .rows.filter((r) => r.kind !== 'tetap')
        .map((r) => r.code),
    ).toEqual(['SEK-01'])
    const c = await postRenstra(plan, { intent: 'simpan', rencana: planOf(p).hash }, await sheet.bytes())
    expect(c.status).toBe(400)
    expect(await count('indicator')).toBe(before.indicator)
    expect(await count('audit_log')).toBe(before.audit)
  })
})
