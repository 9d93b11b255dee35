import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { formValues } from '../utils/forms'
import { requireAction, requireUser } from '../services/auth.server'
import { listUnitOptions, listUsers } from '../models/users.server'
import { createUser } from '../services/users/create-user.server'
import { createUserSchema } from '../services/users/forms'
import { answerOf, parsePageForm } from '../services/form-answer.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { AdminSubnav } from '../components/admin/subnav'
import { UsersTable } from '../components/admin/users-table'
import { CreateUserForm } from '../components/admin/create-user-form'
import { ROLE_LABELS } from '../utils/permissions'
import styles from '../styles/admin.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Pengguna — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, { permission: 'users:manage' })
  const db = getDb()
  // an OPD-bound admin sees and places the accounts of his own OPD only
  const users = await listUsers(db, me)
  const units = await listUnitOptions(db, me)
  const { scoring } = await getSettings(db)
  return {
    meId: me.id,
    cityLevel: me.opdId == null,
    units,
    users: users.map((u) => ({
      ...u,
      roleLabel: ROLE_LABELS[u.role] ?? u.role,
      createdAtText: formatDateTime(u.createdAt, scoring.timeZone),
      passwordChangedAtText: formatDateTime(u.passwordChangedAt, scoring.timeZone),
    })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'users:manage' })
  const parsed = parsePageForm(form, createUserSchema)
  if (!parsed.ok) return data({ ...parsed.result, createdId: null }, { status: 400 })
  const r = await createUser(getDb(), user, parsed.value, context?.requestId ?? null)
  // what was typed comes back on an error (never the passwords)
  const { status, result } = answerOf(r, 'create', formValues(form))
  return data({ ...result, createdId: r.ok ? r.value.id : null }, { status })
}

export default function PenggunaPage() {
  const { users, units, meId, cityLevel } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div>
      <h1>Pengguna</h1>
      <AdminSubnav />
      <p className="muted">
        Kelola akun, peran dan unit kerja. Token akses API baca-saja dikelola di <Link to="/admin/token">Token API</Link>.
      </p>
      <UsersTable users={users} meId={meId} />
      <CreateUserForm result={result} units={units} cityLevel={cityLevel} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
