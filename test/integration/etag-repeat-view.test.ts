// Repeat views over HTTP with the production server (ADR 0028): a tagged page answered 200 with an
// ETag is answered 304 without a body to the same request carrying If-None-Match, until something
// the page depends on changes — its OPD's data, the city-wide data, the viewer, the URL. Needs the
// production build (`npx remix build`); the server is `app/server.ts` on the test's database.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { startServer } from '../bench/extra.js'
import { writeTransaction } from '../../db/version.js'
import { addSecondOpd, type TwoOpds } from './tenancy-fixture.js'
import { hashApiToken } from '../../app/services/auth.server.js'
import { toDbTime } from '../../db/time.js'

const built = fs.existsSync('build/index.js')

describe.skipIf(!built).each(DB_KINDS)('repeat views answered 304 on %s', (kind) => {
  let t: TestDb
  let two: TwoOpds
  let server: Awaited<ReturnType<typeof startServer>>
  let kadisA: { cookie: string; csrf: string }
  let kadisB: { cookie: string; csrf: string }
  let kabidA: { cookie: string; csrf: string }
  let kota: { cookie: string; csrf: string }
  const PAGE = '/?tahun=2025&triwulan=4'

  const get = (path: string, cookie: string, etag?: string, extra: Record<string, string> = {}) =>
    fetch(server.url + path, { redirect: 'manual', headers: { cookie, ...(etag ? { 'If-None-Match': etag } : {}), ...extra } })

  /** 200 with an ETag, then the same request with If-None-Match: 304, no body, the same tag. */
  async function expectRepeat(path: string, cookie: string, extra: Record<string, string> = {}): Promise<string> {
    const first = await get(path, cookie, undefined, extra)
    expect(first.status, path).toBe(200)
    await first.arrayBuffer()
    const tag = first.headers.get('etag')
    expect(tag, path).toMatch(/^W\/"[\w-]{27}"$/)
    const again = await get(path, cookie, tag!, extra)
    expect(again.status, path).toBe(304)
    expect((await again.arrayBuffer()).byteLength, path).toBe(0)
    expect(again.headers.get('etag')).toBe(tag)
    expect(again.headers.get('content-security-policy')).toBeNull()
    return tag!
  }

  /** A realisation saved in `opd` the way the app writes (its OPD's version raised in the same transaction). */
  async function saveIn(opd: number) {
    await writeTransaction(t.db, opd, async (trx) => {
      const row = await trx
        .selectFrom('realisasi as r')
        .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
        .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
        .select(['r.id', 'r.version'])
        .where('p.opd_id', '=', opd)
        .orderBy('r.id')
        .executeTakeFirst()
      if (row)
        await trx
          .updateTable('realisasi')
          .set({ version: row.version + 1 })
          .where('id', '=', row.id)
          .execute()
    })
  }

  beforeAll(async () => {
    t = await createTestDb(kind, { seed: true })
    two = await addSecondOpd(t.db)
    kadisA = await loginAs(t.db, 'kadis')
    kadisB = await loginAs(t.db, 'kadis.b')
    kabidA = await loginAs(t.db, 'kabid.ikp')
    kota = await loginAs(t.db, 'bappeda')
    server = await startServer({ DATABASE_URL: t.url, SEED_DEMO: 'false' })
  })

  afterAll(async () => {
    await server?.stop()
    await t?.drop()
  })

  it('every tagged page, its data request, a chart image and the API: 200 with an ETag, then 304 without a body', async () => {
    const html = await (await get(PAGE, kadisA.cookie)).text()
    const cell = /href="(\/beranda\/sel\/[^"?]+)/.exec(html)?.[1]
    const chart = /<img class="chart-img" src="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&')
    const indicator = await t.db
      .selectFrom('indicator as i')
      .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
      .select('i.id')
      .where('p.opd_id', '=', two.opdA)
      .executeTakeFirstOrThrow()
    expect(cell).toBeTruthy()
    expect(chart).toBeTruthy()
    const paths = [PAGE, '/_root.data?tahun=2025&triwulan=4', cell!, `/indikator/${indicator.id}`, '/perlu-perhatian', '/presentasi', chart!, '/api/v1/skor?tahun=2025&triwulan=4']
    const tags = new Set<string>()
    for (const path of paths) tags.add(await expectRepeat(path, kadisA.cookie))
    expect(tags.size).toBe(paths.length) // each page its own tag
    await expectRepeat('/kota?tahun=2025&triwulan=4', kota.cookie)
  })

  it('the document stays no-store (ADR 0028); the chart image is private, revalidated', async () => {
    const page = await get(PAGE, kadisA.cookie)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.headers.get('vary')).toMatch(/Cookie/)
    const again = await get(PAGE, kadisA.cookie, page.headers.get('etag')!)
    expect(again.headers.get('cache-control')).toBe('no-store')
  })

  it('a save in OPD A: A’s beranda answers 200 with a new tag, OPD B’s stays 304; a city-wide write changes both', async () => {
    const a1 = await expectRepeat(PAGE, kadisA.cookie)
    const b1 = await expectRepeat(PAGE, kadisB.cookie)
    await saveIn(two.opdA)
    const a2 = await get(PAGE, kadisA.cookie, a1)
    expect(a2.status).toBe(200)
    await a2.arrayBuffer()
    expect(a2.headers.get('etag')).not.toBe(a1)
    expect((await get(PAGE, kadisB.cookie, b1)).status).toBe(304)
    // the new tag is itself answered 304 until the next change
    expect((await get(PAGE, kadisA.cookie, a2.headers.get('etag')!)).status).toBe(304)
    // a settings write (city-wide row) reaches every OPD's pages and the city view
    const k1 = await expectRepeat('/kota', kota.cookie)
    await writeTransaction(t.db, 'city', async () => {})
    expect((await get(PAGE, kadisA.cookie, a2.headers.get('etag')!)).status).toBe(200)
    expect((await get(PAGE, kadisB.cookie, b1)).status).toBe(200)
    expect((await get('/kota', kota.cookie, k1)).status).toBe(200)
  })

  it('a save in OPD B changes the city view’s tag (it depends on every OPD)', async () => {
    const k1 = await expectRepeat('/kota', kota.cookie)
    await saveIn(two.opdB)
    expect((await get('/kota', kota.cookie, k1)).status).toBe(200)
  })

  it('the viewer and the URL are in the tag: another user, another session, another period → another tag; someone else’s tag → 200', async () => {
    const mine = await expectRepeat(PAGE, kadisA.cookie)
    const other = await expectRepeat(PAGE, kabidA.cookie)
    expect(other).not.toBe(mine)
    const stolen = await get(PAGE, kabidA.cookie, mine)
    expect(stolen.status).toBe(200)
    expect(stolen.headers.get('etag')).toBe(other)
    const secondSession = await loginAs(t.db, 'kadis')
    expect(await expectRepeat(PAGE, secondSession.cookie)).not.toBe(mine)
    const q3 = await get('/?tahun=2025&triwulan=3', kadisA.cookie, mine)
    expect(q3.status).toBe(200)
    expect(q3.headers.get('etag')).not.toBe(mine)
  })

  it('a new unread reminder changes the tag (the header shows the count)', async () => {
    const before = await expectRepeat(PAGE, kadisA.cookie)
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kadis').executeTakeFirstOrThrow()
    await t.db
      .insertInto('notification')
      .values({
        user_id: user.id,
        kind: 'tenggat',
        subject: 'etag-test',
        occurs_on: '2026-01-01',
        opd_id: two.opdA,
        title: 'Tenggat',
        body: 'Isi',
        link: '/',
        created_at: toDbTime(new Date()),
        read_at: null,
        digest_id: null,
      })
      .execute()
    expect((await get(PAGE, kadisA.cookie, before)).status).toBe(200)
  })

  it('after logout the held tag gets no 304: the page redirects to login, the API answers 401', async () => {
    const session = await loginAs(t.db, 'kadis')
    const page = await expectRepeat(PAGE, session.cookie)
    const api = await expectRepeat('/api/v1/skor?tahun=2025&triwulan=4', session.cookie)
    const out = await fetch(server.url + '/logout', {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrf }).toString(),
    })
    expect(out.status).toBe(302)
    const again = await get(PAGE, session.cookie, page)
    expect(again.status).toBe(302)
    expect(again.headers.get('location')).toMatch(/^\/login/)
    expect(again.headers.get('etag')).toBeNull()
    const apiAgain = await get('/api/v1/skor?tahun=2025&triwulan=4', session.cookie, api)
    expect(apiAgain.status).toBe(401)
    expect(apiAgain.headers.get('etag')).toBeNull()
  })

  it('an API token: its own tag, 304 on repeat; revoked → 401, no 304', async () => {
    const token = 'etag-test-token-0123456789'
    const at = toDbTime(new Date())
    const admin = await t.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    await t.db
      .insertInto('api_token')
      .values({ name: 'etag', token_hash: hashApiToken(token), opd_id: two.opdA, created_by: admin.id, created_at: at, last_used_at: null, revoked_at: null })
      .execute()
    const auth = { authorization: `Bearer ${token}` }
    const tag = await expectRepeat('/api/v1/skor?tahun=2025&triwulan=4', '', auth)
    await t.db.updateTable('api_token').set({ revoked_at: at }).where('token_hash', '=', hashApiToken(token)).execute()
    const after = await get('/api/v1/skor?tahun=2025&triwulan=4', '', tag, auth)
    expect(after.status).toBe(401)
  })
})
