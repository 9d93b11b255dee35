// The answers a guard throws: 403, 401 (API) and the redirect to the login page.
import { redirect } from '@remix-run/node'
import { safeRedirect } from '../../utils/permissions'
import { clearSessionCookie } from './session.server'

export function loginRedirect(request: Request): never {
  const url = new URL(request.url)
  const to = safeRedirect(`${url.pathname}${url.search}`)
  throw redirect(`/login?redirectTo=${encodeURIComponent(to)}`, { headers: { 'Set-Cookie': clearSessionCookie() } })
}

export function forbidden(message = 'Anda tidak memiliki izin untuk tindakan ini.'): never {
  throw new Response(message, { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

export function unauthorized() {
  return new Response(JSON.stringify({ error: 'Perlu masuk (sesi) atau token API yang sah.' }), {
    status: 401,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'WWW-Authenticate': 'Bearer' },
  })
}
