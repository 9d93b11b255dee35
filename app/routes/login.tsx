import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { attemptLogin, createSession, destroySession, getSessionUser, isSameOrigin, sessionCookie, sessionTokenOf } from '../services/auth.server'
import { safeRedirect } from '../utils/permissions'
import { RouteError } from '../components/route-error'
import { FormMessages } from '../components/form-result'
import { formError, parseForm, typedValue } from '../utils/forms'
import { z } from 'zod'

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

/** The login form: what the answer may carry back is the username only, never the password. */
const loginSchema = z.object({
  username: z.string().default(''),
  password: z.string().default(''),
  redirectTo: z.string().optional(),
})

const INTENT = 'login'
const failed = (message: string, username: string) => formError(message, { intent: INTENT, values: { username } })

export async function action({ request, context }: ActionFunctionArgs) {
  if (!isSameOrigin(request)) throw new Response('Permintaan ditolak: asal permintaan tidak sah (CSRF).', { status: 403 })
  const parsed = parseForm(await request.formData(), loginSchema, { intent: INTENT })
  // every field is a plain string: only a non-text part (a file) fails here, answered like an empty form
  const { username, password, redirectTo: target } = parsed.ok ? parsed.value : { username: '', password: '', redirectTo: undefined }
  const redirectTo = safeRedirect(target ?? null)
  if (!username.trim() || !password) return data(failed('Isi nama pengguna dan kata sandi.', username), { status: 400 })
  const db = getDb()
  const ip = context?.clientIp ?? 'unknown'
  const result = await attemptLogin(db, username, password, ip)
  if (!result.ok && result.reason === 'rate_limited') {
    return data(failed(`Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${result.retryAfterSeconds} detik.`, username), {
      status: 429,
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    })
  }
  // one answer for an unknown user, a wrong password and a disabled account
  if (!result.ok) return data(failed('Nama pengguna atau kata sandi salah.', username), { status: 401 })
  // A new session id at every login; the old one (if any) is ended.
  await destroySession(db, sessionTokenOf(request))
  const token = await createSession(db, result.userId, { ip, userAgent: request.headers.get('User-Agent') })
  return redirect(redirectTo, { headers: { 'Set-Cookie': sessionCookie(token) } })
}

export default function Login() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const hasError = result?.status === 'error'
  return (
    <div className="card login-card">
      <h1>Masuk</h1>
      <p className="muted">Dasbor kinerja strategi perangkat daerah — pemantauan IKU dan Renstra.</p>
      <FormMessages result={result} intent={INTENT} id="login-error" />
      <Form method="post" className="stack" aria-describedby={hasError ? 'login-error' : undefined}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <div>
          <label htmlFor="username">Nama pengguna</label>
          <input id="username" name="username" type="text" autoComplete="username" required maxLength={60} defaultValue={typedValue(result, 'username', '', INTENT)} autoFocus />
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
