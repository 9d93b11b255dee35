// Serves the built browser assets (/build: content-hashed, immutable) gzip-compressed once per
// process instead of once per request: the on-the-fly compression of every script and style sheet
// made a first page view wait for the server's CPU. Anything it does not handle (no gzip in
// Accept-Encoding, unknown file, other methods) falls through to express.static.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
}

export function precompressedAssets(dir: string, setHeaders: (res: Response) => void = () => {}) {
  const root = path.resolve(dir)
  const cache = new Map<string, Buffer>()
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (!/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) return next()
    let rel: string
    try {
      rel = decodeURIComponent(req.path)
    } catch {
      return next()
    }
    const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`)
    const type = TYPES[path.extname(file)]
    if (!type || !file.startsWith(root + path.sep)) return next()
    let body = cache.get(file)
    if (!body) {
      let raw: Buffer
      try {
        raw = fs.readFileSync(file)
      } catch {
        return next()
      }
      body = zlib.gzipSync(raw, { level: 9 })
      cache.set(file, body)
    }
    res.setHeader('Content-Type', type)
    res.setHeader('Content-Encoding', 'gzip')
    res.setHeader('Content-Length', String(body.length))
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    res.setHeader('Vary', 'Accept-Encoding')
    setHeaders(res)
    res.status(200).end(req.method === 'HEAD' ? undefined : body)
  }
}
