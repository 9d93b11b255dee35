import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { getUser } from '../models/users.server'
import { changeOwnPassword } from '../services/users/change-own-password.server'
import type { FieldErrors } from '../services/users/common.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { TextField } from '../components/admin/form-bits'
import { ROLE_LABELS } from '../utils/permissions'
import styles from '../styles/admin.css'
import { getReminderPrefs } from '../models/notifications.server'
import { saveReminderPrefs } from '../services/reminders/prefs.server'
import { smtpConfigured } from '../services/reminders/mailer.server'
import { ReminderPrefs } from '../components/actions/reminder-prefs'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Akun Saya — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request)
  const db = getDb()
  const row = await getUser(db, me.id)
  const { scoring } = await getSettings(db)
  return {
    username: me.username,
    fullName: me.fullName,
    roleLabel: ROLE_LABELS[me.role] ?? me.role,
    unitName: me.unitName,
    passwordChangedAtText: formatDateTime(row?.passwordChangedAt ?? null, scoring.timeZone),
    reminders: { ...(await getReminderPrefs(db, me.id)), smtp: smtpConfigured() },
  }
}

interface AkunActionData {
  ok: boolean
  message: string
  fieldErrors: FieldErrors
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request)
  if (form.get('intent') === 'pengingat') {
    const input = { email: String(form.get('email') ?? ''), notifyEmail: form.get('kirim_email') === 'ya' }
    const r = await saveReminderPrefs(getDb(), user, input, context?.requestId ?? null)
    return data({ intent: 'pengingat' as const, ok: r.ok, message: r.message, fieldErrors: {} as FieldErrors, ...input }, { status: r.ok ? 200 : 400 })
  }
  const result = await changeOwnPassword(
    getDb(),
    user,
    {
      currentPassword: String(form.get('currentPassword') ?? ''),
      password: String(form.get('password') ?? ''),
      passwordConfirm: String(form.get('passwordConfirm') ?? ''),
    },
    context?.clientIp ?? 'unknown',
    context?.requestId ?? null,
  )
  if (!result.ok) return data<AkunActionData>({ ok: false, message: result.message, fieldErrors: result.fieldErrors }, { status: result.status })
  return data<AkunActionData>({ ok: true, message: result.message, fieldErrors: {} })
}

export default function AkunPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {}

  return (
    <div>
      <h1>Akun Saya</h1>
      <div className="card">
        <dl className="admin-dl">
          <dt>Nama pengguna</dt>
          <dd>{d.username}</dd>
          <dt>Nama lengkap</dt>
          <dd>{d.fullName}</dd>
          <dt>Peran</dt>
          <dd>{d.roleLabel}</dd>
          <dt>Unit kerja</dt>
          <dd>{d.unitName ?? 'Tingkat kota (semua perangkat daerah)'}</dd>
          <dt>Kata sandi terakhir diganti</dt>
          <dd>{d.passwordChangedAtText}</dd>
        </dl>
      </div>

      <section className="card admin-form" aria-labelledby="ganti-sandi">
        <h2 id="ganti-sandi">Ganti kata sandi</h2>
        <p className="muted admin-help">Setelah diganti, sesi Anda di perangkat lain diakhiri. Nama, peran dan unit kerja hanya dapat diubah oleh administrator.</p>
        {actionData && !('intent' in actionData) ? (
          <div className={`banner ${actionData.ok ? 'banner-ok' : 'banner-error'}`} role={actionData.ok ? 'status' : 'alert'}>
            {actionData.message}
          </div>
        ) : null}
        <Form method="post" className="stack" noValidate key={actionData?.ok ? 'done' : 'form'}>
          <CsrfInput />
          {/* helps password managers pair the new password with the account */}
          <input type="text" name="username" autoComplete="username" value={d.username} readOnly hidden />
          <TextField
            id="a-current"
            name="currentPassword"
            type="password"
            label="Kata sandi saat ini"
            error={errors.currentPassword}
            maxLength={128}
            autoComplete="current-password"
            required
          />
          <TextField
            id="a-new"
            name="password"
            type="password"
            label="Kata sandi baru"
            error={errors.password}
            maxLength={128}
            autoComplete="new-password"
            required
            hint="8–128 karakter; bukan kata sandi umum dan bukan nama pengguna."
          />
          <TextField
            id="a-new2"
            name="passwordConfirm"
            type="password"
            label="Ulangi kata sandi baru"
            error={errors.passwordConfirm}
            maxLength={128}
            autoComplete="new-password"
            required
          />
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busy}>
              {busy ? 'Menyimpan…' : 'Ganti kata sandi'}
            </button>
          </div>
        </Form>
      </section>
      <ReminderPrefs email={d.reminders.email} notifyEmail={d.reminders.notifyEmail} smtp={d.reminders.smtp} result={actionData && 'intent' in actionData ? actionData : null} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
