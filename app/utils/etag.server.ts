// Repeat views answered 304 before Remix runs (ADR 0028). A dashboard page, its single-fetch data
// request, a chart image or an API answer depends on: the data versions of the scope it shows
// (db/version.ts: an OPD's row + the city-wide row, or every row for city views), the viewer
// (user, role, unit, session — the page carries the session's CSRF token — and the unread
// reminder count the header shows), the URL (path and query: the period, the OPD, `_routes`), the
// build, and the clock's 15-minute slot (app/services/cache.server.ts: deadlines and the default
// period change only at a slot boundary). The tag hashes all of them; it is computed from the
// session and the version rows only (two or three small queries), never from the page's data.
import { createHash } from 'node:crypto'

/** Who asks, as the tag needs it: a signed-in user, or an API token. */
export type Viewer =
  | { kind: 'session'; userId: number; role: string; unitId: number | null; opdId: number | null; fullName: string; sessionId: string; dataVersion?: string }
  | { kind: 'token'; tokenId: number; opdId: number | null }

export interface TagSources {
  /** The viewer of the request, or null (no session, expired, revoked token, no permission). */
  viewer: (request: Request) => Promise<Viewer | null>
  /** readDataVersion(db, opdId): an OPD's row + the city-wide row; null = every row. */
  dataVersion: (opdId: number | null) => Promise<string>
  /** Unread reminders of a user (the header shows their count). */
  unread: (userId: number) => Promise<number>
  /** The 15-minute slot of now. */
  slot: () => number
}

/** Pages whose answer is a pure function of the tag's inputs; `.data` = the single-fetch request of the page. */
const DATA = String.raw`(?:\.data)?`
const PAGES: { pattern: RegExp; scope: 'viewer' | 'city'; api?: true }[] = [
  { pattern: new RegExp(`^/(?:_root\\.data)?$`), scope: 'viewer' },
  { pattern: new RegExp(`^/beranda/sel/[^/]+/[^/]+?${DATA}$`), scope: 'viewer' },
  { pattern: new RegExp(`^/indikator/[^/]+?${DATA}$`), scope: 'viewer' },
  { pattern: new RegExp(`^/(?:perlu-perhatian|presentasi)${DATA}$`), scope: 'viewer' },
  { pattern: new RegExp(`^/kota${DATA}$`), scope: 'city' },
  { pattern: /^\/grafik\/[^/]+$/, scope: 'viewer' },
  { pattern: /^\/api\/v1\/(?:skor|laporan\/[^/]+)$/, scope: 'viewer', api: true },
]

/** Whether a GET of this path may be answered from its tag (cheap: no database). */
export function taggedPage(pathname: string): { scope: 'viewer' | 'city'; api: boolean } | null {
  const page = PAGES.find((p) => p.pattern.test(pathname))
  return page ? { scope: page.scope, api: page.api === true } : null
}

/**
 * The weak ETag of a GET (weak: the bytes differ between two renders — the CSP nonce, the request
 * id — while what the reader sees is the same), or null when the request must go to Remix: not a
 * tagged page, no valid viewer (Remix then answers the redirect, 401 or 403 itself), a session
 * through the API path without a user, or a tagging input that could not be read.
 */
export async function repeatViewTag(request: Request, build: string, sources: TagSources): Promise<string | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null
  const url = new URL(request.url)
  const page = taggedPage(url.pathname)
  if (!page) return null
  // pages read the session from the cookie only; the API also takes a bearer token
  if (!page.api && request.headers.has('Authorization')) return null
  const viewer = await sources.viewer(request)
  if (!viewer) return null
  const opdId = page.scope === 'city' ? null : viewer.opdId
  const version = viewer.kind === 'session' && page.scope === 'viewer' && viewer.dataVersion !== undefined ? viewer.dataVersion : await sources.dataVersion(opdId)
  const who =
    viewer.kind === 'session'
      ? ['u', viewer.userId, viewer.role, viewer.unitId ?? '-', viewer.opdId ?? 'kota', viewer.fullName, viewer.sessionId, await sources.unread(viewer.userId)]
      : ['t', viewer.tokenId, viewer.opdId ?? 'kota']
  const params = new URLSearchParams(url.searchParams)
  params.sort()
  const parts = [build, sources.slot(), page.scope, opdId ?? 'kota', version, ...who, url.pathname, params.toString()]
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)
  return `W/"${hash}"`
}

/**
 * Whether an If-None-Match header names `tag` (weak comparison, RFC 9110 §13.1.2). `*` is not
 * honoured: only a client that holds this very tag — that was given this answer — gets a 304.
 */
export function matchesTag(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false
  const opaque = (t: string) => t.trim().replace(/^W\//, '')
  const want = opaque(tag)
  return ifNoneMatch.split(',').some((t) => opaque(t) === want)
}
