import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { getUser } from '../models/users.server'
import { changeOwnPassword } from '../services/users/change-own-password.server'
import { accountPageSchema } from '../services/users/forms'
import { answerOf, parsePageForm } from '../services/form-answer.server'
import { fieldError, formValues, typedValue, type FormResult } from '../utils/forms'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { OwnPasswordForm } from '../components/account/own-password-form'
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

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request)
  const parsed = parsePageForm(form, accountPageSchema)
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const input = parsed.value
  const values = formValues(form)
  if (input.intent === 'pengingat') {
    const r = await saveReminderPrefs(getDb(), user, { email: input.email, notifyEmail: input.kirim_email }, context?.requestId ?? null)
    const { status, result } = answerOf(r.ok ? r : { ok: false, status: 400, message: r.message, fieldErrors: { [r.field]: r.message } }, 'pengingat', values)
    return data(result, { status })
  }
  const r = await changeOwnPassword(getDb(), user, input, context?.clientIp ?? 'unknown', context?.requestId ?? null)
  const { status, result } = answerOf(r, 'sandi', values)
  return data(result, { status })
}

export default function AkunPage() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
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
      <OwnPasswordForm result={result} username={d.username} />
      <ReminderPrefs email={d.reminders.email} notifyEmail={d.reminders.notifyEmail} smtp={d.reminders.smtp} result={reminderAnswer(result)} />
    </div>
  )
}

/** The reminder card's answer, from the page's FormResult. */
function reminderAnswer(result: FormResult | undefined) {
  if (!result || result.intent !== 'pengingat') return null
  if (result.status === 'success') return { ok: true, message: result.message }
  return {
    ok: false,
    message: fieldError(result, 'email', 'pengingat') ?? result.formErrors[0] ?? '',
    email: typedValue(result, 'email', '', 'pengingat'),
    notifyEmail: typedValue(result, 'kirim_email', '', 'pengingat') === 'ya',
  }
}

export function ErrorBoundary() {
  return <RouteError />
}
