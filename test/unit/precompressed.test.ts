// Built assets are served gzip-compressed once per process (app/utils/precompressed.ts).
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressedAssets } from '../../app/utils/precompressed'

describe('precompressed build assets', () => {
  let dir: string
  let server: http.Server
  let base: string
  let warmed = 0
  const script = 'export const x = "' + 'a'.repeat(5000) + '";\n'
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assets-'))
    fs.mkdirSync(path.join(dir, '_shared'))
    fs.writeFileSync(path.join(dir, '_shared', 'chunk-ABC.js'), script)
    fs.writeFileSync(path.join(os.tmpdir(), 'outside-secret.js'), 'rahasia')
    const app = express()
    const assets = precompressedAssets(dir, (res) => res.setHeader('X-Content-Type-Options', 'nosniff'))
    warmed = await assets.warm()
    app.use('/build', assets)
    app.use('/build', express.static(dir))
    app.use((_req, res) => res.status(404).end('tidak ada'))
    server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const get = (p: string, encoding: string | null) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(base + p, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
        })
        .on('error', reject)
    })

  it('warm() compresses every asset of the folder once, in the background', () => {
    expect(warmed).toBe(1)
  })

  it('gzip when the browser accepts it: the same bytes, compressed, kept for good', async () => {
    const r = await get('/build/_shared/chunk-ABC.js', 'gzip, deflate, br')
    expect(r.status).toBe(200)
    expect(r.headers['content-encoding']).toBe('gzip')
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect(r.body.length).toBeLessThan(200)
    expect(zlib.gunzipSync(r.body).toString()).toBe(script)
  })

  it('plain bytes without gzip; unknown files and paths outside the folder are not served by it', async () => {
    const plain = await get('/build/_shared/chunk-ABC.js', null)
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
    expect((await get('/build/_shared/tidak-ada.js', 'gzip')).status).toBe(404)
    expect((await get('/build/..%2F..%2Foutside-secret.js', 'gzip')).status).toBe(404)
    expect((await get('/build/%E0%A4%A', 'gzip')).status).toBe(404)
  })
})
