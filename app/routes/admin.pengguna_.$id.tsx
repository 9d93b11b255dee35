import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { clearLoginCounters, recentLoginFailures, requireAction, requireUser } from '../services/auth.server'
import { listUnitOptions } from '../models/users.server'
import { requireManagedUser } from '../services/users/common.server'
import { userDetailSchema } from '../services/users/forms'
import { answerOf, parsePageForm, type UseCaseOutcome } from '../services/form-answer.server'
import { formValues } from '../utils/forms'
import { updateUser } from '../services/users/update-user.server'
import { resetPassword } from '../services/users/reset-password.server'
import { setUserActive } from '../services/users/set-user-active.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { AccountStatusForm, ResetPasswordForm, UnlockLoginForm, UpdateUserForm } from '../components/admin/user-detail-forms'
import { AdminSubnav } from '../components/admin/subnav'
import { ROLE_LABELS } from '../utils/permissions'
import styles from '../styles/admin.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.user.username ?? 'Pengguna'} — Pengguna — Dasbor Kinerja Strategi` }]

function idOf(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new Response('Pengguna tidak ditemukan.', { status: 404 })
  return Number(raw)
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requireUser(request, { permission: 'users:manage' })
  const db = getDb()
  const user = await requireManagedUser(db, me, idOf(params.id)) // 404 unknown, 403 outside an OPD admin's OPD
  const { scoring } = await getSettings(db)
  const units = await listUnitOptions(db, me)
  // a placement outside the usual kinds stays selectable, so saving the name does not move the user
  if (user.unitId != null && !units.some((u) => u.id === user.unitId))
    units.push({ id: user.unitId, name: user.unitName ?? `Unit #${user.unitId}`, kind: user.unitKind ?? 'unit', forKabid: false, forOthers: true })
  return {
    isSelf: user.id === me.id,
    cityLevel: me.opdId == null,
    loginFailures: await recentLoginFailures(db, user.username),
    units,
    user: {
      ...user,
      roleLabel: ROLE_LABELS[user.role] ?? user.role,
      createdAtText: formatDateTime(user.createdAt, scoring.timeZone),
      passwordChangedAtText: formatDateTime(user.passwordChangedAt, scoring.timeZone),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user: me, form } = await requireAction(request, { permission: 'users:manage' })
  const id = idOf(params.id)
  const db = getDb()
  await requireManagedUser(db, me, id) // every intent: 403 for an account outside an OPD admin's OPD
  const requestId = context?.requestId ?? null
  const parsed = parsePageForm(form, userDetailSchema)
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const input = parsed.value
  const answer = (r: UseCaseOutcome) => {
    const { status, result } = answerOf(r, input.intent, formValues(form))
    return data(result, { status })
  }
  switch (input.intent) {
    case 'update':
      return answer(await updateUser(db, me, id, input, requestId))
    case 'reset_password':
      return answer(await resetPassword(db, me, id, input.password, input.passwordConfirm, requestId))
    case 'disable':
    case 'enable':
      return answer(await setUserActive(db, me, id, input.intent === 'enable', requestId))
    case 'unlock_login':
      if (!(await clearLoginCounters(db, me, id, requestId))) throw new Response('Pengguna tidak ditemukan.', { status: 404 })
      return answer({ ok: true, message: 'Blokir login dibuka: percobaan gagal sebelumnya tidak lagi dihitung untuk akun ini.' })
  }
}

export default function PenggunaDetail() {
  const { user, units, isSelf, cityLevel, loginFailures } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div>
      <p>
        <Link to="/admin/pengguna">← Kembali ke daftar pengguna</Link>
      </p>
      <h1>
        {user.fullName} <span className="muted">({user.username})</span>
      </h1>
      <AdminSubnav />
      <div className="card">
        <p>
          {user.roleLabel} · {user.unitName ?? 'Tingkat kota'} ·{' '}
          {user.active ? <span className="badge admin-badge-on">Aktif</span> : <span className="badge admin-badge-off">Nonaktif</span>}
        </p>
        <p className="muted">
          Dibuat {user.createdAtText} · kata sandi terakhir diganti {user.passwordChangedAtText} · sesi berjalan: {user.activeSessions}
        </p>
      </div>
      <UpdateUserForm result={result} user={user} units={units} cityLevel={cityLevel} />
      <ResetPasswordForm result={result} isSelf={isSelf} />
      <AccountStatusForm result={result} isSelf={isSelf} active={user.active} />
      <UnlockLoginForm result={result} loginFailures={loginFailures} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
