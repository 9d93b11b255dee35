// Rendered answers kept per repeat-view tag (ADR 0035) over HTTP with the production server: the
// second request at the same tag is served from the cache (X-Page-Cache: hit) with a fresh nonce and
// request id, a save in OPD A renders A's beranda again and keeps B's, and two users — or two
// sessions of one user — never get each other's page (names, CSRF token). Needs the production
// build (`npx remix build`); the server is `app/server.ts` on the test's database.
import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DB_KINDS, type TestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { startServer } from '../bench/extra.js'
import { writeTransaction } from '../../db/version.js'
import { addSecondOpd, type TwoOpds } from './tenancy-fixture.js'

const built = fs.existsSync('build/index.js')

describe.skipIf(!built).each(DB_KINDS)('rendered pages kept per tag on %s', (kind) => {
  let t: TestDb
  let two: TwoOpds
  let server: Awaited<ReturnType<typeof startServer>>
  const PAGE = '/?tahun=2025&triwulan=4'

  const get = (path: string, cookie: string) => fetch(server.url + path, { redirect: 'manual', headers: { cookie } })

  async function page(path: string, cookie: string) {
    const res = await get(path, cookie)
    const body = await res.text()
    const nonce = /<script nonce="([^"]+)"/.exec(body)?.[1]
    return {
      res,
      body,
      hit: res.headers.get('x-page-cache') === 'hit',
      nonce,
      csp: res.headers.get('content-security-policy') ?? '',
      requestId: res.headers.get('x-request-id') ?? '',
    }
  }

  /** The raw bytes of an answer (fetch would gunzip them): status, headers, body as sent. */
  function raw(path: string, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(server.url + path, { headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
          res.on('error', reject)
        })
        .on('error', reject)
    })
  }

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
    server = await startServer({ DATABASE_URL: t.url, SEED_DEMO: 'false' })
  })

  afterAll(async () => {
    await server?.stop()
    await t?.drop()
  })

  it('the second request at the same version is served from the cache, with a fresh nonce and request id', async () => {
    const kadis = await loginAs(t.db, 'kadis')
    const first = await page(PAGE, kadis.cookie)
    expect(first.res.status).toBe(200)
    expect(first.hit).toBe(false)
    const second = await page(PAGE, kadis.cookie)
    expect(second.res.status).toBe(200)
    expect(second.hit).toBe(true)
    expect(second.res.headers.get('cache-control')).toBe('no-store')
    expect(second.res.headers.get('etag')).toBe(first.res.headers.get('etag'))
    // the nonce of the page's scripts is the one of the CSP header, and new for each answer
    expect(second.nonce).toBeTruthy()
    expect(second.nonce).not.toBe(first.nonce)
    expect(second.csp).toContain(`'nonce-${second.nonce}'`)
    expect(second.body).not.toContain(first.nonce!)
    expect(second.requestId).not.toBe(first.requestId)
    expect(second.body).toContain(second.requestId)
    expect(second.body).not.toContain(first.requestId)
    // the same page but for the nonce and the request id
    const strip = (p: { body: string; nonce?: string; requestId: string }) => p.body.split(p.nonce!).join('N').split(p.requestId).join('R')
    expect(strip(second)).toBe(strip(first))
    // the data request of the page is kept as well
    const data1 = await get('/_root.data?tahun=2025&triwulan=4', kadis.cookie)
    await data1.arrayBuffer()
    const data2 = await get('/_root.data?tahun=2025&triwulan=4', kadis.cookie)
    expect(data2.status).toBe(200)
    expect(data2.headers.get('x-page-cache')).toBe('hit')
    expect(await data2.text()).toContain(data2.headers.get('x-request-id')!)
  })

  it('a gzip hit is sent from pieces deflated once: it gunzips to the plain hit, with its own nonce and request id', async () => {
    const kadis = await loginAs(t.db, 'kadis')
    const gz = { cookie: kadis.cookie, 'accept-encoding': 'gzip, deflate' }
    // a miss asked with gzip: rendered by Remix and compressed on the fly, as before
    const miss = await raw(PAGE, gz)
    expect(miss.status).toBe(200)
    expect(miss.headers['x-page-cache']).toBeUndefined()
    expect(miss.headers['content-encoding']).toBe('gzip')
    const missBody = zlib.gunzipSync(miss.body).toString('utf8')
    const missNonce = /<script nonce="([^"]+)"/.exec(missBody)?.[1]
    expect(missNonce).toBeTruthy()
    expect(miss.headers['content-security-policy']).toContain(`'nonce-${missNonce}'`)
    // the plain hit (no gzip asked): the text itself, as before
    const plain = await raw(PAGE, { cookie: kadis.cookie, 'accept-encoding': 'identity' })
    expect(plain.status).toBe(200)
    expect(plain.headers['x-page-cache']).toBe('hit')
    expect(plain.headers['content-encoding']).toBeUndefined()
    const plainBody = plain.body.toString('utf8')
    // the parts are deflated in the background after the answer is stored: until then a gzip hit is
    // compressed on the fly (no Content-Length); afterwards it carries its exact length
    let hit = await raw(PAGE, gz)
    for (let i = 0; i < 50 && hit.headers['content-length'] === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50))
      hit = await raw(PAGE, gz)
    }
    expect(hit.status).toBe(200)
    expect(hit.headers['x-page-cache']).toBe('hit')
    expect(hit.headers['content-encoding']).toBe('gzip')
    expect(Number(hit.headers['content-length'])).toBe(hit.body.length)
    expect(String(hit.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Accept-Encoding', 'Cookie', 'Authorization']))
    expect(hit.headers['cache-control']).toBe('no-store')
    expect(hit.headers.etag).toBe(plain.headers.etag)
    // gunzip checks the CRC-32 and length of the trailer as well
    const body = zlib.gunzipSync(hit.body).toString('utf8')
    const nonce = /<script nonce="([^"]+)"/.exec(body)?.[1]
    const requestId = String(hit.headers['x-request-id'])
    const plainNonce = /<script nonce="([^"]+)"/.exec(plainBody)?.[1]
    const plainId = String(plain.headers['x-request-id'])
    expect(nonce).toBeTruthy()
    expect(nonce).not.toBe(plainNonce)
    expect(nonce).not.toBe(missNonce)
    expect(hit.headers['content-security-policy']).toContain(`'nonce-${nonce}'`)
    expect(requestId).not.toBe(plainId)
    expect(body).toContain(requestId)
    expect(body).not.toContain(plainId)
    expect(body).not.toContain(plainNonce!)
    expect(body.split(nonce!).length).toBe(plainBody.split(plainNonce!).length)
    // byte for byte the plain hit but for the nonce and the request id
    expect(body.split(nonce!).join('N').split(requestId).join('R')).toBe(plainBody.split(plainNonce!).join('N').split(plainId).join('R'))
    // two gzip hits in a row: each its own nonce
    const again = await raw(PAGE, gz)
    const againNonce = /<script nonce="([^"]+)"/.exec(zlib.gunzipSync(again.body).toString('utf8'))?.[1]
    expect(againNonce).toBeTruthy()
    expect(againNonce).not.toBe(nonce)
    expect(again.headers['content-security-policy']).toContain(`'nonce-${againNonce}'`)
    // the repeat view with the tag is still a bare 304, gzip asked or not
    const notModified = await raw(PAGE, { ...gz, 'if-none-match': String(hit.headers.etag) })
    expect(notModified.status).toBe(304)
    expect(notModified.body.length).toBe(0)
    expect(notModified.headers.etag).toBe(hit.headers.etag)
    expect(notModified.headers['content-encoding']).toBeUndefined()
    // the single-fetch data request of the page: gzip hit too, gunzips to its own request id
    await raw('/_root.data?tahun=2025&triwulan=4', gz)
    let data = await raw('/_root.data?tahun=2025&triwulan=4', gz)
    for (let i = 0; i < 50 && data.headers['content-length'] === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50))
      data = await raw('/_root.data?tahun=2025&triwulan=4', gz)
    }
    expect(data.headers['x-page-cache']).toBe('hit')
    expect(data.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(data.body).toString('utf8')).toContain(String(data.headers['x-request-id']))
  })

  it('a save in OPD A renders A’s beranda again and keeps B’s', async () => {
    const a = await loginAs(t.db, 'kadis')
    const b = await loginAs(t.db, 'kadis.b')
    await page(PAGE, a.cookie)
    await page(PAGE, b.cookie)
    expect((await page(PAGE, a.cookie)).hit).toBe(true)
    expect((await page(PAGE, b.cookie)).hit).toBe(true)
    await saveIn(two.opdA)
    const a2 = await page(PAGE, a.cookie)
    expect(a2.res.status).toBe(200)
    expect(a2.hit).toBe(false)
    expect((await page(PAGE, b.cookie)).hit).toBe(true)
    expect((await page(PAGE, a.cookie)).hit).toBe(true)
    // a city-wide write reaches both
    await writeTransaction(t.db, 'city', async () => {})
    expect((await page(PAGE, a.cookie)).hit).toBe(false)
    expect((await page(PAGE, b.cookie)).hit).toBe(false)
  })

  it('two users, and two sessions of one user, never get each other’s page', async () => {
    const kadis = await loginAs(t.db, 'kadis')
    const kabid = await loginAs(t.db, 'kabid.ikp')
    const names = await t.db.selectFrom('app_user').select(['username', 'full_name']).where('username', 'in', ['kadis', 'kabid.ikp']).execute()
    const nameOf = (u: string) => names.find((n) => n.username === u)!.full_name
    for (let round = 0; round < 2; round++) {
      const p1 = await page(PAGE, kadis.cookie)
      const p2 = await page(PAGE, kabid.cookie)
      expect(p1.hit).toBe(round === 1)
      expect(p2.hit).toBe(round === 1)
      expect(p1.body).toContain(nameOf('kadis'))
      expect(p1.body).toContain(kadis.csrf)
      expect(p1.body).not.toContain(kabid.csrf)
      expect(p2.body).toContain(nameOf('kabid.ikp'))
      expect(p2.body).toContain(kabid.csrf)
      expect(p2.body).not.toContain(kadis.csrf)
    }
    // a second session of the same user: its own CSRF token, never the first session's page
    const again = await loginAs(t.db, 'kadis')
    const p3 = await page(PAGE, again.cookie)
    expect(p3.hit).toBe(false)
    expect(p3.body).toContain(again.csrf)
    expect(p3.body).not.toContain(kadis.csrf)
  })

  it('the same tag under another spelling of the URL is rendered for that URL (hydration checks it)', async () => {
    const kadis = await loginAs(t.db, 'kadis')
    await page(PAGE, kadis.cookie)
    const swapped = await page('/?triwulan=4&tahun=2025', kadis.cookie)
    expect(swapped.hit).toBe(false)
    expect((await page('/?triwulan=4&tahun=2025', kadis.cookie)).hit).toBe(true)
  })

  it('no answer without a valid session comes from the cache: after logout the page redirects', async () => {
    const s = await loginAs(t.db, 'kadis')
    await page(PAGE, s.cookie)
    expect((await page(PAGE, s.cookie)).hit).toBe(true)
    const out = await fetch(server.url + '/logout', {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: s.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: s.csrf }).toString(),
    })
    expect(out.status).toBe(302)
    const after = await get(PAGE, s.cookie)
    expect(after.status).toBe(302)
    expect(after.headers.get('x-page-cache')).toBeNull()
  })
})
