// Serves the built browser assets (/build: content-hashed, immutable) gzip-compressed once per
// process instead of once per request: the on-the-fly compression of every script and style sheet
// made a first page view wait for the server's CPU. Compression runs on libuv's thread pool (never
// blocking requests) and `warm()` compresses the whole folder right after start, so even the first
// visitor gets ready bytes. Anything it does not handle (no gzip in Accept-Encoding, unknown file,
// other methods) falls through to express.static.
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'

const gzip = promisify(zlib.gzip)

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
}

export function precompressedAssets(dir: string, setHeaders: (res: Response) => void = () => {}) {
  const root = path.resolve(dir)
  const cache = new Map<string, Promise<Buffer | null>>()

  /** The gzip bytes of a file under the folder, or null when there is no such file. */
  const compressed = (file: string): Promise<Buffer | null> => {
    let body = cache.get(file)
    if (!body) {
      body = fs.promises.readFile(file).then(
        (raw) => gzip(raw, { level: 9 }),
        () => null,
      )
      cache.set(file, body)
      body.then((b) => b === null && cache.delete(file)) // a file that appears later is served then
    }
    return body
  }

  const middleware = (req: Request, res: Response, next: NextFunction) => {
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
    compressed(file).then((body) => {
      if (!body) return next()
      res.setHeader('Content-Type', type)
      res.setHeader('Content-Encoding', 'gzip')
      res.setHeader('Content-Length', String(body.length))
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
      res.setHeader('Vary', 'Accept-Encoding')
      setHeaders(res)
      res.status(200).end(req.method === 'HEAD' ? undefined : body)
    }, next)
  }

  /** Compresses every asset of the folder in the background (call once after start). */
  const warm = async (): Promise<number> => {
    const files = (await fs.promises.readdir(root, { recursive: true }).catch(() => [] as string[]))
      .map((f) => path.join(root, String(f)))
      .filter((f) => TYPES[path.extname(f)] && !f.endsWith('.map'))
    await Promise.all(files.map(compressed))
    return files.length
  }

  return Object.assign(middleware, { warm })
}
