// Requests that change state: same origin (Origin or Sec-Fetch-Site) and the session's CSRF token.
import { timingSafeEqual } from 'node:crypto'
import { originVerdict, ownHostOf } from '../../utils/origin'
import { forbidden } from './responses.server'
import type { SessionUser } from './session.server'

/** Same-origin check: Origin (or Sec-Fetch-Site) must name this app (behind a proxy: the forwarded host). */
export function isSameOrigin(request: Request): boolean {
  const ownHost = ownHostOf((name) => request.headers.get(name)) ?? new URL(request.url).host
  return originVerdict((name) => request.headers.get(name), ownHost) === 'same'
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export const CSRF_FIELD = '_csrf'

/** Checks origin and the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`). */
export function assertCsrf(request: Request, user: SessionUser, form?: FormData): void {
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  const sent = (form?.get(CSRF_FIELD) as string | null) ?? request.headers.get('X-CSRF-Token')
  if (!sent || !tokensEqual(sent, user.csrfToken)) forbidden('Permintaan ditolak: token formulir tidak sah atau kedaluwarsa. Muat ulang halaman lalu coba lagi.')
}
