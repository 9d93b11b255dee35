import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { listUnitOptions, listUsers } from '../models/users.server'
import { createUser } from '../services/users/create-user.server'
import { userInputOf, type FieldErrors, type UserInput } from '../services/users/common.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { RoleUnitFields, TextField } from '../components/admin/form-bits'
import { AdminSubnav } from '../components/admin/subnav'
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

interface CreateActionData {
  ok: boolean
  message: string
  fieldErrors: FieldErrors
  values: UserInput | null
  createdId: number | null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'users:manage' })
  if (form.get('intent') !== 'create') {
    return data<CreateActionData>({ ok: false, message: 'Tindakan tidak dikenal.', fieldErrors: {}, values: null, createdId: null }, { status: 400 })
  }
  const input = userInputOf(form)
  const result = await createUser(
    getDb(),
    user,
    { ...input, password: String(form.get('password') ?? ''), passwordConfirm: String(form.get('passwordConfirm') ?? '') },
    context?.requestId ?? null,
  )
  if (!result.ok) {
    // what was typed comes back (never the passwords)
    return data<CreateActionData>({ ok: false, message: result.message, fieldErrors: result.fieldErrors, values: input, createdId: null }, { status: result.status })
  }
  return data<CreateActionData>({ ok: true, message: result.message, fieldErrors: {}, values: null, createdId: result.value.id })
}

export default function PenggunaPage() {
  const { users, units, meId, cityLevel } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {}
  const values = actionData && !actionData.ok ? actionData.values : null

  return (
    <div>
      <h1>Pengguna</h1>
      <AdminSubnav />
      <p className="muted">
        Kelola akun, peran dan unit kerja. Token akses API baca-saja dikelola di <Link to="/admin/token">Token API</Link>.
      </p>

      <div className="table-wrap card" tabIndex={0}>
        <table>
          <caption className="sr-only">Daftar pengguna</caption>
          <thead>
            <tr>
              <th scope="col">Nama pengguna</th>
              <th scope="col">Nama lengkap</th>
              <th scope="col">Peran</th>
              <th scope="col">Unit kerja</th>
              <th scope="col">Status</th>
              <th scope="col">Kata sandi diganti</th>
              <th scope="col">
                <span className="sr-only">Tindakan</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.active ? undefined : 'admin-inactive'}>
                <td>
                  {u.username}
                  {u.id === meId ? <span className="muted"> (Anda)</span> : null}
                </td>
                <td>{u.fullName}</td>
                <td>{u.roleLabel}</td>
                <td>{u.unitName ?? <span className="muted">Tingkat kota</span>}</td>
                <td>{u.active ? <span className="badge admin-badge-on">Aktif</span> : <span className="badge admin-badge-off">Nonaktif</span>}</td>
                <td>{u.passwordChangedAtText}</td>
                <td>
                  <Link to={`/admin/pengguna/${u.id}`} aria-label={`Kelola ${u.username}`}>
                    Kelola
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="card admin-form" aria-labelledby="buat-pengguna">
        <h2 id="buat-pengguna">Tambah pengguna</h2>
        {actionData ? (
          <div className={`banner ${actionData.ok ? 'banner-ok' : 'banner-error'}`} role={actionData.ok ? 'status' : 'alert'}>
            {actionData.message}
            {actionData.ok && actionData.createdId ? (
              <>
                {' '}
                <Link to={`/admin/pengguna/${actionData.createdId}`}>Lihat akun</Link>
              </>
            ) : null}
          </div>
        ) : null}
        <Form method="post" className="stack admin-wide" key={actionData?.ok ? `ok-${actionData.createdId}` : 'form'} noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <div className="admin-form-grid">
            <TextField
              id="u-username"
              name="username"
              label="Nama pengguna"
              defaultValue={values?.username}
              error={errors.username}
              maxLength={60}
              autoComplete="off"
              required
              hint="Huruf kecil, angka, titik, garis bawah atau tanda hubung; misalnya kabid.ikp"
            />
            <TextField id="u-fullname" name="fullName" label="Nama lengkap" defaultValue={values?.fullName} error={errors.fullName} maxLength={200} required />
            <RoleUnitFields idPrefix="u" units={units} defaultRole={values?.role} defaultUnitId={values?.unitId} errors={errors} allowCityLevel={cityLevel} />
            <TextField
              id="u-password"
              name="password"
              type="password"
              label="Kata sandi awal"
              error={errors.password}
              maxLength={128}
              autoComplete="new-password"
              required
              hint="8–128 karakter; bukan kata sandi umum. Sampaikan kepada pengguna secara langsung."
            />
            <TextField
              id="u-password2"
              name="passwordConfirm"
              type="password"
              label="Ulangi kata sandi"
              error={errors.passwordConfirm}
              maxLength={128}
              autoComplete="new-password"
              required
            />
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busy}>
              {busy ? 'Menyimpan…' : 'Tambah pengguna'}
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
