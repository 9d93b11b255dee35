// Keep-alive while the user types: a POST (same origin, CSRF token in X-CSRF-Token) that reads
// the session, which refreshes its last_seen_at (auth.server.ts does so at most once a minute).
// The page calls it at most once per five minutes and only after typing: typing counts as
// activity for the idle timeout, an idle page still times out.
import type { ActionFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { assertCsrf, getSessionUser, isSameOrigin } from '../services/auth.server'

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } })

export async function action({ request }: ActionFunctionArgs) {
  if (!isSameOrigin(request)) return json({ message: 'Permintaan ditolak: asal permintaan tidak sah (CSRF).' }, 403)
  const user = await getSessionUser(request, getDb())
  if (!user) return json({ active: false, message: 'Sesi Anda sudah berakhir.' }, 401)
  // the token in X-CSRF-Token (the page's fetch) or in a form field
  const form = (request.headers.get('Content-Type') ?? '').includes('form') ? await request.formData() : undefined
  assertCsrf(request, user, form)
  return json({ active: true }, 200)
}
