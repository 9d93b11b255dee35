// Rendered answers kept per repeat-view tag (ADR 0035, on top of ADR 0028). The tag of a tagged
// page already names everything its answer depends on — the data versions of its scope, the viewer
// down to his session (whose CSRF token the page carries), the URL, the build and the 15-minute
// slot — so the answer Remix gave for a tag is the answer for every later request with the same tag:
// it is served from here without running the loaders or the render. A write raises its scope's
// version, so the next request has a new tag and misses; entries of old tags are never asked for
// again and age out of the LRU, which is bounded by bytes.
//
// Two things in a rendered answer belong to one request and not to the tag: the CSP nonce (in the
// page's script tags and in the Content-Security-Policy header) and the request id (X-Request-Id,
// the root loader's data). They are cut out when the answer is stored and filled in afresh for each
// request it serves, so a nonce is still used by one answer only.
//
// A client that takes gzip gets the answer from pieces deflated once after it is stored
// (page-cache-gzip.server.ts), instead of the whole page being compressed again on every hit.
import { deflatePieces, gzipAnswer, type GzipPieces } from './page-cache-gzip.server.js'

/** A stored answer: the body cut at the nonce and request id, and its headers (same cut). */
interface Entry {
  /** Body pieces between the per-request values; slots[i] follows parts[i]. */
  parts: string[]
  slots: ('nonce' | 'request')[]
  headers: [string, string | string[]][]
  bytes: number
  /** The parts deflated, once that is done (in the background after the answer is stored). */
  gzip?: GzipPieces
}

/** Content types stored (text, so the per-request values can be replaced); others pass through. */
const TEXT_TYPES = /^(?:text\/html|text\/x-script|image\/svg\+xml|application\/json)\b/i
/** Headers that belong to one response on the wire, never stored. */
const NOT_STORED = new Set(['x-request-id', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'set-cookie'])

export interface PageCacheStats {
  hits: number
  misses: number
  entries: number
  bytes: number
}

/** One answer from the cache: the plain text, or the gzip bytes when the client asked for them. */
export interface StoredAnswer {
  body: string | Buffer
  /** The body is gzip (set Content-Encoding and Content-Length, skip on-the-fly compression). */
  gzip: boolean
  headers: [string, string | string[]][]
}

export interface PerRequest {
  nonce: string
  requestId: string
}

function cut(text: string, values: PerRequest): { parts: string[]; slots: ('nonce' | 'request')[] } {
  const parts: string[] = []
  const slots: ('nonce' | 'request')[] = []
  const wanted = [
    ['nonce', values.nonce],
    ['request', values.requestId],
  ].filter(([, v]) => v) as ['nonce' | 'request', string][]
  let from = 0
  for (;;) {
    let at = -1
    let which: 'nonce' | 'request' = 'nonce'
    let len = 0
    for (const [slot, v] of wanted) {
      const i = text.indexOf(v, from)
      if (i >= 0 && (at < 0 || i < at)) [at, which, len] = [i, slot, v.length]
    }
    if (at < 0) break
    parts.push(text.slice(from, at))
    slots.push(which)
    from = at + len
  }
  parts.push(text.slice(from))
  return { parts, slots }
}

function fill(parts: string[], slots: ('nonce' | 'request')[], values: PerRequest): string {
  if (!slots.length) return parts[0]!
  let out = parts[0]!
  for (let i = 0; i < slots.length; i++) out += (slots[i] === 'nonce' ? values.nonce : values.requestId) + parts[i + 1]!
  return out
}

/** A byte-bounded LRU of rendered answers keyed by repeat-view tag (+ path, as a guard). */
export class PageCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0
  private hits = 0
  private misses = 0
  /** Deflation of stored parts, one answer after the other (never more than one at a time). */
  private deflating: Promise<void> = Promise.resolve()

  constructor(
    /** Total budget in bytes (0 = off). */
    readonly maxBytes: number,
    /** Largest single answer kept. */
    readonly maxEntryBytes = Math.max(1, Math.floor(maxBytes / 8)),
  ) {}

  get enabled(): boolean {
    return this.maxBytes > 0
  }

  /** Whether an answer with this status and these headers may be stored. */
  storable(status: number, headers: Record<string, unknown>): boolean {
    if (!this.enabled || status !== 200 || headers['set-cookie'] !== undefined) return false
    return TEXT_TYPES.test(String(headers['content-type'] ?? ''))
  }

  /**
   * The stored answer for a key, with this request's nonce and request id filled in; gzip bytes
   * when `acceptsGzip` and the parts are deflated already (until then the plain text).
   */
  get(key: string, values: PerRequest, acceptsGzip = false): StoredAnswer | null {
    const e = this.entries.get(key)
    if (!e) {
      this.misses++
      return null
    }
    this.hits++
    // most recently used last (Map keeps insertion order)
    this.entries.delete(key)
    this.entries.set(key, e)
    const headers = e.headers.map(([k, v]): [string, string | string[]] => [k, Array.isArray(v) ? v : fillHeader(v, values)])
    if (acceptsGzip && e.gzip) {
      const filled = e.slots.map((slot) => (slot === 'nonce' ? values.nonce : values.requestId))
      return { body: gzipAnswer(e.gzip, filled), gzip: true, headers }
    }
    return { body: fill(e.parts, e.slots, values), gzip: false, headers }
  }

  /** Stores an answer rendered for `values` (its nonce and request id are cut out). */
  set(key: string, body: string, headers: Record<string, unknown>, values: PerRequest): void {
    const bytes = body.length * 2 + key.length * 2 + 512
    if (!this.enabled || bytes > this.maxEntryBytes) return
    const { parts, slots } = cut(body, values)
    const kept: [string, string | string[]][] = []
    for (const [k, v] of Object.entries(headers)) {
      if (NOT_STORED.has(k.toLowerCase()) || v === undefined) continue
      kept.push([k, Array.isArray(v) ? v.map(String) : cutHeader(String(v), values)])
    }
    this.delete(key)
    const entry: Entry = { parts, slots, headers: kept, bytes }
    this.entries.set(key, entry)
    this.bytes += bytes
    this.evict()
    // deflate the parts once, off the event loop; the entry is served plain until they are ready
    this.deflating = this.deflating.then(() =>
      deflatePieces(parts).then(
        (gzip) => {
          if (this.entries.get(key) !== entry) return // replaced or aged out meanwhile
          entry.gzip = gzip
          entry.bytes += gzip.bytes
          this.bytes += gzip.bytes
          this.evict()
        },
        () => {}, // never fatal: the entry stays plain and compression() serves gzip as before
      ),
    )
  }

  private evict() {
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.delete(k)
    }
  }

  private delete(key: string) {
    const old = this.entries.get(key)
    if (!old) return
    this.entries.delete(key)
    this.bytes -= old.bytes
  }

  stats(): PageCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes }
  }
}

// Header values carry the per-request values as markers (NUL never occurs in a header value).
const NONCE_MARK = '\u0000n\u0000'
const REQUEST_MARK = '\u0000r\u0000'

function cutHeader(v: string, values: PerRequest): string {
  let out = v
  if (values.nonce) out = out.split(values.nonce).join(NONCE_MARK)
  if (values.requestId) out = out.split(values.requestId).join(REQUEST_MARK)
  return out
}

function fillHeader(v: string, values: PerRequest): string {
  return v.includes('\u0000') ? v.split(NONCE_MARK).join(values.nonce).split(REQUEST_MARK).join(values.requestId) : v
}

/** The cache budget from PAGE_CACHE_MB (default 64; 0 turns the cache off). */
export function pageCacheBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.PAGE_CACHE_MB ?? 64)
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0
}
