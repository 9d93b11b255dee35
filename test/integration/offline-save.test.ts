// A save resent over a bad line is written once (submission key, migration 0007), the JSON save
// endpoint answers an ended session with 401 (never a redirect the page would follow and lose the
// input), and typing keeps a session alive through the keep-alive POST — on SQLite and MariaDB.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { ctx, loginAs, ORIGIN, settle } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'
import { action as entryAction } from '../../app/routes/realisasi.js'
import { action as saveJsonAction } from '../../app/routes/realisasi_.simpan.js'
import { action as keepAliveAction } from '../../app/routes/sesi.aktif.js'
import { SESSION_IDLE_MS } from '../../app/services/auth.server.js'

const NOW = new Date('2026-11-29T03:00:00Z')
type Session = { cookie: string; csrf: string; userId: number }

function post(path: string, entries: [string, string][], s: Session, headers: Record<string, string> = {}): Request {
  const body = new URLSearchParams()
  for (const [k, v] of entries) body.append(k, v)
  body.append('_csrf', s.csrf)
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie, Origin: ORIGIN, ...headers },
    body: body.toString(),
  })
}

const rowFields = (id: number, value: string, version: number | null, kendala = ''): [string, string][] => [
  ['row', String(id)],
  [`r.${id}.value`, value],
  [`r.${id}.bukti_text`, 'Rekap publikasi'],
  [`r.${id}.bukti_link`, ''],
  [`r.${id}.kendala`, kendala],
  [`r.${id}.tindak_lanjut`, ''],
  [`r.${id}.version`, version == null ? '' : String(version)],
]

describe.each(DB_KINDS)('idempotent save and sessions on %s', (kind) => {
  let t: TestDb
  let ikp: Session
  const ids: Record<string, number> = {}
  const row = (code: string) => t.db.selectFrom('realisasi').selectAll().where('indicator_id', '=', ids[code]!).where('year', '=', 2026).where('quarter', '=', 4).executeTakeFirst()
  const auditCount = async (id: number) =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('entity', '=', 'realisasi')
          .where('entity_id', '=', String(id))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const keyCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('submission_key')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    t = await createTestDb(kind, { seed: true, global: true })
    setClock(() => NOW)
    for (const r of await t.db.selectFrom('indicator').select(['id', 'code']).execute()) ids[r.code] = r.id
    ikp = await loginAs(t.db, 'kabid.ikp')
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
  })
  beforeEach(() => setClock(() => NOW))

  it('the page action called twice with one submission key writes once and answers the second with the first result', async () => {
    const id = ids['IKP-03']!
    const form: [string, string][] = [['tahun', '2026'], ['triwulan', '4'], ['intent', `simpan:${id}`], ['kunci_kirim', 'kunci-uji-0000000001'], ...rowFields(id, '6', null)]
    const first = await settle(() => entryAction({ request: post('/realisasi', form, ikp), params: {}, context: ctx } as any))
    expect(first.response!.status).toBe(200)
    expect((first.data as any).ok).toBe(true)
    expect((first.data as any).replayed).toBe(false)
    const saved = (await row('IKP-03'))!
    expect(saved).toMatchObject({ value: 6, version: 1, status: 'draft' })
    expect((first.data as any).savedVersions).toEqual({ [id]: 1 })
    expect(first.data as any).toMatchObject({ status: 'success', intent: 'simpan' })
    expect(await auditCount(saved.id)).toBe(1)
    expect(await keyCount()).toBe(1)

    // the same body again (the answer was lost on the way back): without the key this would be a 409 conflict (version '' vs 1)
    const second = await settle(() => entryAction({ request: post('/realisasi', form, ikp), params: {}, context: ctx } as any))
    expect(second.response!.status).toBe(200)
    expect(second.data as any).toMatchObject({ ok: true, replayed: true, message: (first.data as any).message, savedVersions: { [id]: 1 } })
    expect(await row('IKP-03')).toMatchObject({ value: 6, version: 1 })
    expect(await auditCount(saved.id)).toBe(1)
    expect(await keyCount()).toBe(1)
  })

  it('invalid input: 400 on the FormResult shape, what was typed kept per row, nothing written, the key not used up', async () => {
    const id = ids['IKP-04']!
    const before = { row: await row('IKP-04'), keys: await keyCount() }
    const form: [string, string][] = [['tahun', '2026'], ['triwulan', '4'], ['intent', 'simpan'], ['kunci_kirim', 'kunci-uji-0000000009'], ...rowFields(id, 'dua belas', null)]
    const bad = await settle(() => entryAction({ request: post('/realisasi', form, ikp), params: {}, context: ctx } as any))
    expect(bad.response!.status).toBe(400)
    const d = bad.data as any
    expect(d).toMatchObject({ status: 'error', ok: false, intent: 'simpan', year: 2026, quarter: 4, values: { tahun: '2026', triwulan: '4', intent: 'simpan' } })
    expect(d.formErrors[0]).toMatch(/^Ada 1 masalah; tidak ada yang disimpan/)
    expect(d.fieldErrors[`r.${id}.value`]).toHaveLength(1)
    expect(d.rows[id].value).toBe('dua belas')
    expect(await row('IKP-04')).toEqual(before.row)
    expect(await keyCount()).toBe(before.keys)
  })

  it('the JSON endpoint: a resent key writes nothing new; a new key with new content is a new save', async () => {
    const id = ids['IKP-05']!
    const form = (key: string, value: string, version: number | null): [string, string][] => [
      ['tahun', '2026'],
      ['triwulan', '4'],
      ['intent', 'simpan'],
      ['kunci_kirim', key],
      ...rowFields(id, value, version),
    ]
    const call = async (f: [string, string][]) => {
      const res = (await saveJsonAction({ request: post('/realisasi/simpan', f, ikp), params: {}, context: ctx } as any)) as Response
      return { status: res.status, body: await res.json(), type: res.headers.get('Content-Type') }
    }
    const a = await call(form('kunci-json-000000000A', '19', null))
    expect(a.status).toBe(200)
    expect(a.type).toMatch(/application\/json/)
    expect(a.body).toMatchObject({ ok: true, replayed: false, savedVersions: { [id]: 1 } })
    const b = await call(form('kunci-json-000000000A', '19', null))
    expect(b.body).toMatchObject({ ok: true, replayed: true, savedVersions: { [id]: 1 } })
    const r = (await row('IKP-05'))!
    expect(r).toMatchObject({ value: 19, version: 1 })
    expect(await auditCount(r.id)).toBe(1)
    const c = await call(form('kunci-json-000000000B', '20', 1))
    expect(c.body).toMatchObject({ ok: true, replayed: false, savedVersions: { [id]: 2 } })
    expect(await row('IKP-05')).toMatchObject({ value: 20, version: 2 })
    expect(await auditCount(r.id)).toBe(2)
    // a refused save stores no key: after fixing the input the same key may be sent again
    const bad = await call(form('kunci-json-000000000C', '-3', 2))
    expect(bad.status).toBe(400)
    expect(await keyCount()).toBe(3)
  })

  it('one key belongs to one user: another user sending it is evaluated on its own', async () => {
    const s = await loginAs(t.db, 'kabid.ikp')
    const rows = await t.db.selectFrom('submission_key').select(['user_id', 'submission_key']).execute()
    expect(rows.every((r) => r.user_id === s.userId)).toBe(true)
  })

  it('the JSON endpoint answers an ended session with 401 JSON (no redirect), another origin with 403', async () => {
    const gone: Session = { cookie: 'sesi=tidak-ada-sesi-ini', csrf: 'x', userId: 0 }
    const res = (await saveJsonAction({ request: post('/realisasi/simpan', [['tahun', '2026']], gone), params: {}, context: ctx } as any)) as Response
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ sessionEnded: true })
    const cross = (await saveJsonAction({
      request: post('/realisasi/simpan', [['tahun', '2026']], gone, { Origin: 'http://evil.example' }),
      params: {},
      context: ctx,
    } as any)) as Response
    expect(cross.status).toBe(403)
  })

  it('typing keeps the session alive: a keep-alive at minute 25 lets a save at minute 50 through; without it the session has ended', async () => {
    const s = await loginAs(t.db, 'kabid.ikp')
    const idle = await loginAs(t.db, 'kabid.ikp')
    const sid = (cookie: string) => createHash('sha256').update(cookie.slice('sesi='.length)).digest('hex')
    const keepAlive = (sess: Session, csrf = sess.csrf) =>
      keepAliveAction({
        request: new Request(`${ORIGIN}/sesi/aktif`, { method: 'POST', headers: { Cookie: sess.cookie, Origin: ORIGIN, 'X-CSRF-Token': csrf } }),
        params: {},
        context: ctx,
      } as any).catch((e: unknown) => e) as Promise<Response>
    expect(SESSION_IDLE_MS).toBe(30 * 60_000)
    setClock(() => new Date(NOW.getTime() + 25 * 60_000))
    expect((await keepAlive(s, 'salah')).status).toBe(403) // a wrong CSRF token is refused
    expect((await keepAlive(s)).status).toBe(200)
    const seen = await t.db.selectFrom('user_session').select('last_seen_at').where('id', '=', sid(s.cookie)).executeTakeFirstOrThrow()
    expect(String(seen.last_seen_at)).toMatch(/^2026-11-29 03:25:00/)
    setClock(() => new Date(NOW.getTime() + 50 * 60_000))
    expect((await keepAlive(s)).status).toBe(200)
    expect((await keepAlive(idle)).status).toBe(401)
  })
})
