import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { RouteError } from '../components/route-error'
import { clearSessionCookie, destroySession, requireAction, sessionTokenOf } from '../services/auth.server'

export async function loader() {
  // Logging out changes state: only by POST.
  throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAction(request)
  await destroySession(getDb(), sessionTokenOf(request))
  return redirect('/login', { headers: { 'Set-Cookie': clearSessionCookie() } })
}

export function ErrorBoundary() {
  return <RouteError />
}
