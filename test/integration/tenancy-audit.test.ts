// Tenancy of the audit trail (issue R2 1/7, defect 4) and its database guard (defect 7, SQLite
// part), plus the audit workbook's print and time fixes (R2 4/7 item 6). Two OPDs: the Dumai demo
// (A) and a Bappeda (B). OPD A's auditor sees none of B's rows on /audit, in the filter's user list
// or in the workbook's "Jejak Audit" sheet; a city-level auditor sees both. Migration 0004 fills
// `opd_id` of rows written before it; INSERT OR REPLACE cannot rewrite a row.
import type ExcelJS from 'exceljs'
import { Migrator, sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, useTestDb, type TestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, callLoader, loadData } from '../helpers/call.js'
import { openWorkbook } from '../helpers/fixtures-c.js'
import { setClock } from '../../app/utils/clock.server.js'
import { loader as auditLoader } from '../../app/routes/audit.js'
import { action as penggunaAction } from '../../app/routes/admin.pengguna.js'
import { action as tokenAction } from '../../app/routes/admin.token.js'
import { loader as laporanLoader } from '../../app/routes/laporan.$jenis.js'
import { saveNote } from '../../app/services/notes/save-note.server.js'
import { migrations } from '../../db/migrations/index.js'
import { toDbTime } from '../../db/time.js'
import { addSecondOpd, type TwoOpds } from './tenancy-fixture.js'

const ASOF = new Date('2026-11-29T03:00:00Z') // 10:00 WIB, 12:00 WIT
const STRONG = 'Pelabuhan#Dumai-77'
type Session = { cookie: string; csrf: string; userId: number }

const cellText = (v: ExcelJS.CellValue): string => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v ?? ''))

/** Every cell of a row as text (rich text joined). */
function rowTexts(row: ExcelJS.Row): string[] {
  const out: string[] = []
  row.eachCell((c) => out.push(cellText(c.value)))
  return out
}

/** Every cell of a sheet as text. */
function sheetTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = []
  ws.eachRow((row) => out.push(...rowTexts(row)))
  return out
}

describe.each(DB_KINDS)('audit trail per OPD (%s)', (kind) => {
  let f: TwoOpds
  const s: Record<string, Session> = {}
  const ctxB = { requestId: 'opd-b-request', clientIp: '127.0.0.1', cspNonce: 'n' }
  // the clock is set before the demo is seeded into the template
  beforeAll(() => setClock(() => ASOF))
  afterAll(() => setClock(null))
  // the describe's beforeAll below writes OPD B's life into the template: every test starts on it
  const t = useTestDb(kind, { seed: true, global: true })
  const count = async (opdId?: number) => {
    let q = t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
    if (opdId !== undefined) q = q.where('opd_id', '=', opdId)
    return Number((await q.executeTakeFirstOrThrow()).n)
  }
  const auditPage = async (who: string, query = '') => loadData(auditLoader, `/audit${query}`, { session: s[who], context: ctxB })
  const workbook = async (who: string, query = '') => {
    const { response: res } = await callLoader(laporanLoader, `/laporan/audit.xlsx${query}`, { session: s[who], params: { jenis: 'audit.xlsx' }, context: ctxB })
    expect(res?.status).toBe(200)
    return { res: res!, wb: await openWorkbook(await res!.arrayBuffer()) }
  }

  beforeAll(async () => {
    f = await addSecondOpd(t.db)
    for (const u of ['auditor', 'auditor.b', 'auditor.kota', 'admin.b', 'admin']) s[u] = await loginAs(t.db, u)
    // OPD B's own life, through the app: its admin creates an account and a token, a meeting note
    // is recorded for B; all with the request id "opd-b-request".
    const created = await callAction(penggunaAction, '/admin/pengguna', {
      session: s['admin.b'],
      context: ctxB,
      form: {
        intent: 'create',
        username: 'staf.b',
        fullName: 'Staf Rahasia Bappeda',
        role: 'kepala_bidang',
        unitId: String(f.bidangB),
        password: STRONG,
        passwordConfirm: STRONG,
      },
    })
    expect(created.status).toBe(200)
    const token = await callAction(tokenAction, '/admin/token', {
      session: s['admin.b'],
      context: ctxB,
      form: { intent: 'create', name: 'Integrasi Bappeda', opdId: String(f.opdB) },
    })
    expect(token.status).toBe(200)
    const note = await saveNote(
      t.db,
      { id: f.user['kadis.b']!, username: 'kadis.b', role: 'pimpinan' },
      { opdId: f.opdB, aspect: 'layanan', strategy: 'budaya', periodKey: '2025-Q4', judgement: 'kurang', kendala: 'CATATAN-RAPAT-BAPPEDA', rekomendasi: null, version: 0 },
      'opd-b-request',
    )
    expect(note.ok).toBe(true)
    // and one change in OPD A, by OPD A's own perencanaan (same request id: only the OPD tells them apart)
    await saveNote(
      t.db,
      { id: f.user['perencanaan']!, username: 'perencanaan', role: 'perencanaan' },
      { opdId: f.opdA, aspect: 'kemitraan', strategy: 'inti', periodKey: '2025-Q4', judgement: 'baik', kendala: 'CATATAN-RAPAT-DISKOMINFO', rekomendasi: null, version: 0 },
      'opd-a-request',
    )
  })
  it('writes the OPD on every audit row: B for what happened in B, A for A', async () => {
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'action', 'request_id', 'opd_id'])
      .where('request_id', 'in', ['opd-b-request', 'opd-a-request'])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.entity, r.action, r.request_id, r.opd_id])).toEqual([
      ['user', 'create', 'opd-b-request', f.opdB],
      ['api_token', 'create', 'opd-b-request', f.opdB],
      ['evaluation_note', 'create', 'opd-b-request', f.opdB],
      ['evaluation_note', 'create', 'opd-a-request', f.opdA],
    ])
    // the demo seed's row belongs to the demo OPD
    expect((await t.db.selectFrom('audit_log').select('opd_id').where('action', '=', 'seed_demo').executeTakeFirstOrThrow()).opd_id).toBe(f.opdA)
  })

  it("/audit: OPD A's auditor sees only A's rows, and only A's people in the user filter", async () => {
    const d = await auditPage('auditor')
    const totalA = await count(f.opdA)
    expect(totalA).toBe(2) // the seed row and A's meeting note
    expect(d.total).toBe(totalA)
    expect(d.rows.map((r) => r.requestId)).not.toContain('opd-b-request')
    expect(JSON.stringify(d.rows)).not.toContain('CATATAN-RAPAT-BAPPEDA')
    expect(JSON.stringify(d.rows)).toContain('CATATAN-RAPAT-DISKOMINFO')
    const people = d.options.actors.map((a) => a.username)
    for (const b of ['admin.b', 'auditor.b', 'kabid.b', 'kadis.b', 'staf.b']) expect(people).not.toContain(b)
    expect(people).toContain('perencanaan')
    expect(d.options.entities).not.toContain('api_token')
    // asking for B's rows by filter does not reach them either
    const staf = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'staf.b').executeTakeFirstOrThrow()).id
    expect((await auditPage('auditor', `?entitas=user&id=${staf}`)).total).toBe(0)
    expect((await auditPage('auditor', '?pengguna=admin.b')).total).toBe(0)
  })

  it("/audit: OPD B's auditor sees B's rows only; a city-level auditor sees both OPDs", async () => {
    const b = await auditPage('auditor.b')
    expect(b.total).toBe(3)
    expect(new Set(b.rows.map((r) => r.requestId))).toEqual(new Set(['opd-b-request']))
    expect(b.options.actors.map((a) => a.username).sort()).toEqual(['admin.b', 'kadis.b'])
    const city = await auditPage('auditor.kota')
    expect(city.total).toBe(await count())
    expect(city.rows.map((r) => r.requestId)).toEqual(expect.arrayContaining(['opd-b-request', 'opd-a-request']))
    expect(city.options.actors.map((a) => a.username)).toEqual(expect.arrayContaining(['admin.b', 'kadis.b', 'perencanaan']))
  })

  it("the audit workbook's \"Jejak Audit\": A's auditor gets A's rows only, the city auditor every row with ?opd=semua", async () => {
    const a = await workbook('auditor')
    const trailA = a.wb.getWorksheet('Jejak Audit')!
    expect(trailA.actualRowCount - 1).toBe(await count(f.opdA))
    const textsA = sheetTexts(trailA)
    expect(textsA).not.toContain('opd-b-request')
    expect(textsA.join('\n')).not.toContain('CATATAN-RAPAT-BAPPEDA')
    expect(textsA).toContain('opd-a-request')
    // nor OPD B's people in the users sheet
    const usersA = sheetTexts(a.wb.getWorksheet('Pengguna')!)
    for (const b of ['admin.b', 'auditor.b', 'kabid.b', 'kadis.b', 'staf.b']) expect(usersA).not.toContain(b)
    expect(usersA).toContain('kabid.ikp')
    // an OPD-bound auditor cannot widen the scope
    const forced = await workbook('auditor', `?opd=${f.opdB}`)
    expect(sheetTexts(forced.wb.getWorksheet('Jejak Audit')!)).not.toContain('opd-b-request')
    const all = await workbook('auditor.kota', '?opd=semua')
    const trailAll = all.wb.getWorksheet('Jejak Audit')!
    expect(trailAll.actualRowCount - 1).toBe(await count())
    expect(sheetTexts(trailAll)).toEqual(expect.arrayContaining(['opd-b-request', 'opd-a-request']))
    const onlyB = await workbook('auditor.kota', `?opd=${f.opdB}`)
    expect(onlyB.wb.getWorksheet('Jejak Audit')!.actualRowCount - 1).toBe(3)
  })

  it("the audit workbook prints every sheet on A4, writes times as date cells in the OPD's zone, and names the OPD in its file name", async () => {
    const { res, wb } = await workbook('auditor')
    expect(res.headers.get('Content-Disposition')).toMatch(/filename="Audit_DKISP-DUMAI_2026-11-29\.xlsx"/)
    expect(wb.worksheets.map((w) => [w.name, w.pageSetup.paperSize])).toEqual(
      ['Info', 'Realisasi', 'Riwayat Status', 'Jejak Audit', 'Pengguna', 'Peran dan Izin'].map((n) => [n, 9]),
    )
    const trail = wb.getWorksheet('Jejak Audit')!
    expect(trail.getCell(1, 2).value).toBe('Waktu (WIB)')
    let noteRow = 0
    trail.eachRow((row, n) => {
      if (rowTexts(row).includes('opd-a-request')) noteRow = n
    })
    expect(noteRow).toBeGreaterThan(1)
    const cell = trail.getCell(noteRow, 2)
    // written at 03:00 UTC = 10:00 WIB, shown as that wall-clock time
    expect(cell.value).toBeInstanceOf(Date)
    expect((cell.value as Date).toISOString()).toBe('2026-11-29T10:00:00.000Z')
    expect(cell.numFmt).toBe('dd/mm/yyyy hh:mm:ss')
    // users' times too: admin.a was created 2026-01-05 02:00 UTC = 09:00 WIB
    const users = wb.getWorksheet('Pengguna')!
    let created = 0
    users.getRow(1).eachCell((c, col) => {
      if (cellText(c.value) === 'Dibuat (WIB)') created = col
    })
    expect(created).toBeGreaterThan(0)
    let adminA = 0
    users.eachRow((row, n) => {
      if (cellText(row.getCell(2).value) === 'admin.a') adminA = n
    })
    expect((users.getCell(adminA, created).value as Date).toISOString()).toBe('2026-01-05T09:00:00.000Z')
    // the Info sheet says so and its long lines get row heights (no overlapping text)
    const info = wb.getWorksheet('Info')!
    expect(sheetTexts(info).join(' ')).toContain('WIB (Asia/Jakarta)')
    expect(info.getRow(6).height).toBeGreaterThan(15)

    // another zone in the settings: the same instant at 12:00 WIT
    await t.db
      .insertInto('app_setting')
      .values({ key: 'time_zone', value_json: JSON.stringify('Asia/Jayapura'), updated_at: toDbTime(ASOF), updated_by: null })
      .execute()
    try {
      const wit = await workbook('auditor')
      const trailWit = wit.wb.getWorksheet('Jejak Audit')!
      expect(trailWit.getCell(1, 2).value).toBe('Waktu (WIT)')
      expect((trailWit.getCell(noteRow, 2).value as Date).toISOString()).toBe('2026-11-29T12:00:00.000Z')
    } finally {
      await t.db.deleteFrom('app_setting').where('key', '=', 'time_zone').execute()
    }
  })
})

describe.each(DB_KINDS)('the audit table at the database (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true })

  it('refuses to rewrite an existing row: INSERT OR REPLACE (SQLite) / REPLACE (MariaDB), UPDATE and DELETE', async () => {
    const at = toDbTime(new Date('2026-01-01T00:00:00Z'))
    // the id of the second row as the database gave it (a Galera node steps ids by the cluster size)
    let id = 0
    for (let i = 0; i < 2; i++) {
      const res = await t.db
        .insertInto('audit_log')
        .values({
          occurred_at: at,
          actor_id: null,
          actor_username: 'uji',
          actor_role: null,
          entity: 'uji',
          entity_id: String(i),
          action: 'asli',
          reason: null,
          before_json: null,
          after_json: null,
          request_id: null,
        })
        .executeTakeFirstOrThrow()
      id = Number(res.insertId)
    }
    expect(id).toBeGreaterThan(0)
    const row2 = await t.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const n = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const replace = kind === 'sqlite' ? sql`insert or replace` : sql`replace`
    await expect(
      sql`${replace} into audit_log (id, occurred_at, actor_username, entity, entity_id, action, reason) values (${id}, ${at}, 'penyusup', 'realisasi', '1', 'dipalsukan', 'ditulis ulang')`.execute(
        t.db,
      ),
    ).rejects.toThrow(/append-only/)
    await expect(sql`update audit_log set action = 'x' where id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log where id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/)
    if (kind === 'sqlite')
      await expect(
        sql`insert into audit_log (id, occurred_at, entity, action) values (${id}, ${at}, 'x', 'x') on conflict (id) do update set action = 'x'`.execute(t.db),
      ).rejects.toThrow(/append-only/)
    expect(await t.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(row2)
    expect(
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(n)
    // a plain new row is still welcome
    await t.db
      .insertInto('audit_log')
      .values({
        occurred_at: at,
        actor_id: null,
        actor_username: 'uji',
        actor_role: null,
        entity: 'uji',
        entity_id: '3',
        action: 'baru',
        reason: null,
        before_json: null,
        after_json: null,
        request_id: null,
      })
      .execute()
  })
})

describe.each(DB_KINDS)('migration 0004 fills the OPD of existing audit rows (%s)', (kind) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(kind, { migrate: false })
  })
  afterAll(async () => {
    await t?.drop()
  })

  it('backfills every kind of entity from its OPD, keeps settings and city-level accounts at null, and keeps the table append-only', async () => {
    const db = t.db as unknown as Kysely<any>
    const m = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    const before = await m.migrateTo('0003_login_guard') // the schema just before 0004
    expect(before.error).toBeUndefined()
    const ts = toDbTime(new Date('2025-01-01T00:00:00Z'))
    const ins = async (table: string, values: Record<string, unknown>) => Number((await db.insertInto(table).values(values).executeTakeFirstOrThrow()).insertId)
    const unit = (parent: number | null, kind: string, code: string) => ins('org_unit', { parent_id: parent, kind, code, name: code, sort_order: 0, created_at: ts })
    const opdA = await unit(null, 'opd', 'OPD-A')
    const opdB = await unit(null, 'opd', 'OPD-B')
    const bidangB = await unit(opdB, 'bidang', 'OPD-B-BID')
    const seksiB = await unit(bidangB, 'seksi', 'OPD-B-BID-1')
    const user = (username: string, unitId: number | null) =>
      ins('app_user', { username, full_name: username, password_hash: 'x', role: 'auditor', unit_id: unitId, active: 1, created_at: ts, updated_at: ts })
    const uA = await user('u.a', opdA)
    const uSeksiB = await user('u.seksi.b', seksiB)
    const uKota = await user('u.kota', null)
    const period = (opd: number) => ins('renstra_period', { opd_id: opd, name: 'R', start_year: 2021, end_year: 2026, closed: 0, created_at: ts })
    const pA = await period(opdA)
    const pB = await period(opdB)
    const tujuanB = await ins('tujuan', { period_id: pB, code: 'T1', name: 'T', sort_order: 0 })
    const sasaranB = await ins('sasaran', { tujuan_id: tujuanB, code: 'S1', name: 'S', sort_order: 0 })
    const programA = await ins('program', { period_id: pA, kind: 'program', code: 'P1', name: 'P', sort_order: 0 })
    const ind = (p: number, code: string, unitId: number) =>
      ins('indicator', {
        period_id: p,
        unit_id: unitId,
        code,
        name: code,
        satuan: 'persen',
        polarity: 'naik',
        pola_ukur: 'posisi',
        aspect: 'layanan',
        strategy: 'inti',
        weight: 1,
        sort_order: 0,
        version: 1,
        created_at: ts,
        updated_at: ts,
      })
    const indA = await ind(pA, 'IA', opdA)
    const indB = await ind(pB, 'IB', bidangB)
    const realB = await ins('realisasi', { indicator_id: indB, year: 2025, quarter: 1, value: 1, status: 'draft', created_at: ts, updated_at: ts })
    const noteA = await ins('evaluation_note', {
      opd_id: opdA,
      aspect: 'layanan',
      strategy: 'inti',
      period_key: '2025-Q4',
      judgement: 'baik',
      version: 1,
      created_at: ts,
      updated_at: ts,
    })
    const tokB = await ins('api_token', { name: 't', token_hash: 'h', opd_id: opdB, created_by: uA, created_at: ts })
    const tokKota = await ins('api_token', { name: 't2', token_hash: 'h2', opd_id: null, created_by: uA, created_at: ts })
    const audit: [string, string | number, unknown, number | null][] = [
      ['realisasi', realB, null, opdB],
      ['indicator', indA, null, opdA],
      ['indicator_target', `${indB}:2025`, null, opdB],
      ['renstra_period', pB, null, opdB],
      ['tujuan', tujuanB, null, opdB],
      ['sasaran', sasaranB, null, opdB],
      ['program', programA, null, opdA],
      // a reopened quarter: its closure row is gone, the OPD is in the JSON
      ['quarter_closure', 999, { id: 999, opd_id: opdB, year: 2025, quarter: 1 }, opdB],
      ['evaluation_note', noteA, null, opdA],
      ['api_token', tokB, null, opdB],
      ['api_token', tokKota, null, null],
      ['user', uA, null, opdA],
      ['user', uSeksiB, null, opdB], // seksi → bidang → OPD
      ['user', uKota, null, null],
      ['setting', 'cap', null, null],
      ['seed', 'OPD-B', null, opdB],
    ]
    for (const [entity, id, json] of audit) {
      await db
        .insertInto('audit_log')
        .values({ occurred_at: ts, entity, entity_id: String(id), action: 'lama', before_json: json ? JSON.stringify(json) : null })
        .execute()
    }
    const to0004 = await m.migrateTo('0004_audit_opd')
    expect(to0004.error).toBeUndefined()
    expect(to0004.results?.map((r) => `${r.direction} ${r.migrationName}`)).toEqual(['Up 0004_audit_opd'])
    const rows = await t.db.selectFrom('audit_log').select(['entity', 'entity_id', 'opd_id']).orderBy('id').execute()
    expect(rows.map((r) => [r.entity, r.opd_id == null ? null : Number(r.opd_id)])).toEqual(audit.map(([e, , , opd]) => [e, opd]))
    // the triggers are back
    await expect(sql`update audit_log set opd_id = ${opdA}`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/)
    expect(
      Number(
        (
          await t.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(audit.length)
  })
})
