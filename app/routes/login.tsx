import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { attemptLogin, createSession, destroySession, getSessionUser, isSameOrigin, sessionCookie, sessionTokenOf } from '../services/auth.server'
import { safeRedirect } from '../utils/permissions'
import { RouteError } from '../components/route-error'

/** Pass the action's Retry-After (429) to the HTTP response. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get('Retry-After')
  return retry ? { 'Retry-After': retry } : new Headers()
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/login', label: 'Kembali ke halaman masuk' }} />
}

export const meta: MetaFunction = () => [{ title: 'Masuk — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!isSameOrigin(request)) throw new Response('Permintaan ditolak: asal permintaan tidak sah (CSRF).', { status: 403 })
  const form = await request.formData()
  const username = String(form.get('username') ?? '')
  const password = String(form.get('password') ?? '')
  const redirectTo = safeRedirect(form.get('redirectTo'))
  if (!username.trim() || !password) {
    return data({ error: 'Isi nama pengguna dan kata sandi.', username }, { status: 400 })
  }
  const db = getDb()
  const ip = context?.clientIp ?? 'unknown'
  const result = await attemptLogin(db, username, password, ip)
  if (!result.ok && result.reason === 'rate_limited') {
    return data(
      { error: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${result.retryAfterSeconds} detik.`, username },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    )
  }
  if (!result.ok) return data({ error: 'Nama pengguna atau kata sandi salah.', username }, { status: 401 })
  // A new session id at every login; the old one (if any) is ended.
  await destroySession(db, sessionTokenOf(request))
  const token = await createSession(db, result.userId, { ip, userAgent: request.headers.get('User-Agent') })
  return redirect(redirectTo, { headers: { 'Set-Cookie': sessionCookie(token) } })
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <div className="card login-card">
      <h1>Masuk</h1>
      <p className="muted">Dasbor kinerja strategi perangkat daerah — pemantauan IKU dan Renstra.</p>
      {actionData?.error ? (
        <div className="banner banner-error" role="alert" id="login-error">
          {actionData.error}
        </div>
      ) : null}
      <Form method="post" className="stack" aria-describedby={actionData?.error ? 'login-error' : undefined}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <div>
          <label htmlFor="username">Nama pengguna</label>
          <input id="username" name="username" type="text" autoComplete="username" required maxLength={60} defaultValue={actionData?.username ?? ''} autoFocus />
        </div>
        <div>
          <label htmlFor="password">Kata sandi</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={128} />
        </div>
        <div>
          <button className="btn" type="submit" disabled={busy}>
            {busy ? 'Memeriksa…' : 'Masuk'}
          </button>
        </div>
      </Form>
    </div>
  )
}
