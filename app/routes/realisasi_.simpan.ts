// JSON endpoint of the entry form, used by the page when JavaScript runs: the answer is data,
// never a redirect or an error page, so a failed save leaves the page (and what was typed) in
// place. An ended session answers 401 (the page keeps the input and sends the user to log in).
// Same checks as the page's action: session, same origin, CSRF token, permission.
import type { ActionFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { getSessionUser, isSameOrigin, requireAction } from '../services/auth.server'
import { runEntryAction, type EntryAnswer } from '../services/realisasi/entry-form.server'

/** The endpoint's answer: the entry form's answer, or a refusal before the form was read. */
type SimpanAnswer = EntryAnswer | { message: string; sessionEnded?: true }

const json = (body: SimpanAnswer, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } })

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return json({ message: 'Gunakan POST.' }, 405)
  const db = getDb()
  if (!(await getSessionUser(request, db))) {
    if (!isSameOrigin(request)) return json({ message: 'Permintaan ditolak: asal permintaan tidak sah (CSRF).' }, 403)
    return json({ sessionEnded: true, message: 'Sesi Anda sudah berakhir. Masuk lagi untuk menyimpan; isian Anda tetap ada di perangkat ini.' }, 401)
  }
  const { user, form } = await requireAction(request, { permission: 'realisasi:write' }, db)
  const { status, body } = await runEntryAction(db, user, form, context?.requestId ?? null)
  return json(body, status)
}
