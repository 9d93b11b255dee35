// A save resent over a bad line is written once (submission key, migration 0007), the JSON save
// endpoint answers an ended session with 401 (never a redirect the page would follow and lose the
// input), and typing keeps a session alive through the keep-alive POST — on SQLite and MariaDB.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs, ORIGIN } from '../helpers/http.js'
import { callAction, dataOf, having } from '../helpers/call.js'
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
  const t = useTestDb(kind, { seed: true, global: true })
  const idOf = async (code: string) => (await t.db.selectFrom('indicator').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const row = async (code: string) =>
    t.db
      .selectFrom('realisasi')
      .selectAll()
      .where('indicator_id', '=', await idOf(code))
      .where('year', '=', 2026)
      .where('quarter', '=', 4)
      .executeTakeFirst()
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
  /** The page action with a prepared POST (typed answer). */
  const pageSave = (request: Request) => callAction(entryAction, request)
  /** The JSON endpoint: its status, body and content type. */
  const jsonSave = async (request: Request) => {
    const { response } = await callAction(saveJsonAction, request)
    if (!response) throw new Error('the JSON endpoint answers with a Response')
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, type: response.headers.get('Content-Type') }
  }

  beforeEach(() => setClock(() => NOW))
  afterAll(() => setClock(null))

  it('the page action called twice with one submission key writes once and answers the second with the first result', async () => {
    const ikp = await loginAs(t.db, 'kabid.ikp')
    const id = await idOf('IKP-03')
    const form: [string, string][] = [['tahun', '2026'], ['triwulan', '4'], ['intent', `simpan:${id}`], ['kunci_kirim', 'kunci-uji-0000000001'], ...rowFields(id, '6', null)]
    const first = await pageSave(post('/realisasi', form, ikp))
    expect(first.status).toBe(200)
    const firstData = having(dataOf(first), 'replayed')
    expect(firstData.ok).toBe(true)
    expect(firstData.replayed).toBe(false)
    const saved = (await row('IKP-03'))!
    expect(saved).toMatchObject({ value: 6, version: 1, status: 'draft' })
    expect(firstData.savedVersions).toEqual({ [id]: 1 })
    expect(firstData).toMatchObject({ status: 'success', intent: 'simpan' })
    expect(await auditCount(saved.id)).toBe(1)
    expect(await keyCount()).toBe(1)

    // the same body again (the answer was lost on the way back): without the key this would be a 409 conflict (version '' vs 1)
    const second = await pageSave(post('/realisasi', form, ikp))
    expect(second.status).toBe(200)
    expect(dataOf(second)).toMatchObject({ ok: true, replayed: true, message: firstData.message, savedVersions: { [id]: 1 } })
    expect(await row('IKP-03')).toMatchObject({ value: 6, version: 1 })
    expect(await auditCount(saved.id)).toBe(1)
    expect(await keyCount()).toBe(1)
  })

  it('invalid input: 400 on the FormResult shape, what was typed kept per row, nothing written, the key not used up', async () => {
    const ikp = await loginAs(t.db, 'kabid.ikp')
    const id = await idOf('IKP-04')
    const before = { row: await row('IKP-04'), keys: await keyCount() }
    const form: [string, string][] = [['tahun', '2026'], ['triwulan', '4'], ['intent', 'simpan'], ['kunci_kirim', 'kunci-uji-0000000009'], ...rowFields(id, 'dua belas', null)]
    const bad = await pageSave(post('/realisasi', form, ikp))
    expect(bad.status).toBe(400)
    const d = having(dataOf(bad), 'fieldErrors')
    expect(d).toMatchObject({ status: 'error', ok: false, intent: 'simpan', year: 2026, quarter: 4, values: { tahun: '2026', triwulan: '4', intent: 'simpan' } })
    expect(d.formErrors[0]).toMatch(/^Ada 1 masalah; tidak ada yang disimpan/)
    expect(d.fieldErrors[`r.${id}.value`]).toHaveLength(1)
    expect(d.rows[id]?.value).toBe('dua belas')
    expect(await row('IKP-04')).toEqual(before.row)
    expect(await keyCount()).toBe(before.keys)
  })

  it('the JSON endpoint: a resent key writes nothing new; a new key with new content is a new save', async () => {
    const ikp = await loginAs(t.db, 'kabid.ikp')
    const id = await idOf('IKP-05')
    const form = (key: string, value: string, version: number | null): [string, string][] => [
      ['tahun', '2026'],
      ['triwulan', '4'],
      ['intent', 'simpan'],
      ['kunci_kirim', key],
      ...rowFields(id, value, version),
    ]
    const call = (f: [string, string][]) => jsonSave(post('/realisasi/simpan', f, ikp))
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
    expect(await keyCount()).toBe(2) // keys A and B; C was refused
  })

  it('one key belongs to one user: another user sending it is evaluated on its own', async () => {
    const ikp = await loginAs(t.db, 'kabid.ikp')
    const infra = await loginAs(t.db, 'kabid.infra')
    const form = (id: number): [string, string][] => [
      ['tahun', '2026'],
      ['triwulan', '4'],
      ['intent', 'simpan'],
      ['kunci_kirim', 'kunci-bersama-0000001'],
      ...rowFields(id, '7', null),
    ]
    const a = await jsonSave(post('/realisasi/simpan', form(await idOf('IKP-05')), ikp))
    expect(a.body).toMatchObject({ ok: true, replayed: false })
    // the same key from another user is not a replay of the first user's save: it writes that user's row
    const b = await jsonSave(post('/realisasi/simpan', form(await idOf('INF-01')), infra))
    expect(b.status).toBe(200)
    expect(b.body).toMatchObject({ ok: true, replayed: false })
    expect(await row('INF-01')).toMatchObject({ value: 7, version: 1 })
    const rows = await t.db.selectFrom('submission_key').select(['user_id', 'submission_key']).orderBy('user_id').execute()
    expect(rows).toEqual(
      [
        { user_id: ikp.userId, submission_key: 'kunci-bersama-0000001' },
        { user_id: infra.userId, submission_key: 'kunci-bersama-0000001' },
      ].sort((x, y) => x.user_id - y.user_id),
    )
  })

  it('the JSON endpoint answers an ended session with 401 JSON (no redirect), another origin with 403', async () => {
    const gone: Session = { cookie: 'sesi=tidak-ada-sesi-ini', csrf: 'x', userId: 0 }
    const res = await jsonSave(post('/realisasi/simpan', [['tahun', '2026']], gone))
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ sessionEnded: true })
    const cross = await callAction(saveJsonAction, post('/realisasi/simpan', [['tahun', '2026']], gone, { Origin: 'http://evil.example' }))
    expect(cross.status).toBe(403)
  })

  it('typing keeps the session alive: a keep-alive at minute 25 lets a save at minute 50 through; without it the session has ended', async () => {
    const s = await loginAs(t.db, 'kabid.ikp')
    const idle = await loginAs(t.db, 'kabid.ikp')
    const sid = (cookie: string) => createHash('sha256').update(cookie.slice('sesi='.length)).digest('hex')
    const keepAlive = (sess: Session, csrf = sess.csrf) =>
      callAction(keepAliveAction, new Request(`${ORIGIN}/sesi/aktif`, { method: 'POST', headers: { Cookie: sess.cookie, Origin: ORIGIN, 'X-CSRF-Token': csrf } }))
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
