import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { clearLoginCounters, recentLoginFailures, requireAction, requireUser } from '../services/auth.server'
import { listUnitOptions } from '../models/users.server'
import { requireManagedUser, userInputOf, type FieldErrors } from '../services/users/common.server'
import { updateUser } from '../services/users/update-user.server'
import { resetPassword } from '../services/users/reset-password.server'
import { setUserActive } from '../services/users/set-user-active.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { RoleUnitFields, TextField } from '../components/admin/form-bits'
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

type Intent = 'update' | 'reset_password' | 'disable' | 'enable' | 'unlock_login'

interface DetailActionData {
  intent: Intent | null
  ok: boolean
  message: string
  fieldErrors: FieldErrors
  values: { fullName: string; role: string; unitId: string } | null
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user: me, form } = await requireAction(request, { permission: 'users:manage' })
  const id = idOf(params.id)
  const db = getDb()
  await requireManagedUser(db, me, id) // every intent: 403 for an account outside an OPD admin's OPD
  const requestId = context?.requestId ?? null
  const intent = String(form.get('intent') ?? '') as Intent
  const reply = (r: { ok: true; message: string } | { ok: false; status: number; message: string; fieldErrors: FieldErrors }, values: DetailActionData['values'] = null) =>
    data<DetailActionData>({ intent, ok: r.ok, message: r.message, fieldErrors: r.ok ? {} : r.fieldErrors, values: r.ok ? null : values }, { status: r.ok ? 200 : r.status })
  switch (intent) {
    case 'update': {
      const input = userInputOf(form)
      const values = { fullName: input.fullName, role: input.role, unitId: input.unitId }
      return reply(await updateUser(db, me, id, values, requestId), values)
    }
    case 'reset_password':
      return reply(await resetPassword(db, me, id, String(form.get('password') ?? ''), String(form.get('passwordConfirm') ?? ''), requestId))
    case 'disable':
    case 'enable':
      return reply(await setUserActive(db, me, id, intent === 'enable', requestId))
    case 'unlock_login':
      if (!(await clearLoginCounters(db, me, id, requestId))) throw new Response('Pengguna tidak ditemukan.', { status: 404 })
      return reply({ ok: true, message: 'Blokir login dibuka: percobaan gagal sebelumnya tidak lagi dihitung untuk akun ini.' })
    default:
      return data<DetailActionData>({ intent: null, ok: false, message: 'Tindakan tidak dikenal.', fieldErrors: {}, values: null }, { status: 400 })
  }
}

export default function PenggunaDetail() {
  const { user, units, isSelf, cityLevel, loginFailures } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const errorsFor = (intent: Intent): FieldErrors => (actionData && !actionData.ok && actionData.intent === intent ? actionData.fieldErrors : {})
  const banner = (intent: Intent | Intent[]) => {
    const list = Array.isArray(intent) ? intent : [intent]
    if (!actionData || !actionData.intent || !list.includes(actionData.intent)) return null
    return (
      <div className={`banner ${actionData.ok ? 'banner-ok' : 'banner-error'}`} role={actionData.ok ? 'status' : 'alert'}>
        {actionData.message}
      </div>
    )
  }
  const updateValues = actionData && !actionData.ok && actionData.intent === 'update' ? actionData.values : null
  const updErr = errorsFor('update')
  const pwErr = errorsFor('reset_password')

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

      <section className="card admin-form" aria-labelledby="ubah-data">
        <h2 id="ubah-data">Data akun</h2>
        {banner('update')}
        <Form method="post" className="stack admin-wide" noValidate key={`upd-${user.role}-${user.unitId}-${user.fullName}`}>
          <CsrfInput />
          <input type="hidden" name="intent" value="update" />
          <div className="admin-form-grid">
            <TextField
              id="d-fullname"
              name="fullName"
              label="Nama lengkap"
              defaultValue={updateValues?.fullName ?? user.fullName}
              error={updErr.fullName}
              maxLength={200}
              required
            />
            <RoleUnitFields
              idPrefix="d"
              units={units}
              defaultRole={updateValues?.role ?? user.role}
              defaultUnitId={updateValues?.unitId ?? (user.unitId == null ? '' : String(user.unitId))}
              errors={updErr}
              allowCityLevel={cityLevel}
            />
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busyIntent === 'update'}>
              {busyIntent === 'update' ? 'Menyimpan…' : 'Simpan data akun'}
            </button>
          </div>
        </Form>
      </section>

      <section className="card admin-form" aria-labelledby="reset-sandi">
        <h2 id="reset-sandi">Atur ulang kata sandi</h2>
        <p className="muted admin-help">Kata sandi baru berlaku segera; semua sesi {isSelf ? 'lain milik Anda' : 'pengguna ini'} diakhiri.</p>
        {banner('reset_password')}
        <Form method="post" className="stack admin-wide" noValidate key={actionData?.ok && actionData.intent === 'reset_password' ? 'pw-done' : 'pw'}>
          <CsrfInput />
          <input type="hidden" name="intent" value="reset_password" />
          <div className="admin-form-grid">
            <TextField
              id="d-password"
              name="password"
              type="password"
              label="Kata sandi baru"
              error={pwErr.password}
              maxLength={128}
              autoComplete="new-password"
              required
              hint="8–128 karakter; bukan kata sandi umum."
            />
            <TextField
              id="d-password2"
              name="passwordConfirm"
              type="password"
              label="Ulangi kata sandi baru"
              error={pwErr.passwordConfirm}
              maxLength={128}
              autoComplete="new-password"
              required
            />
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busyIntent === 'reset_password'}>
              {busyIntent === 'reset_password' ? 'Menyimpan…' : 'Ganti kata sandi'}
            </button>
          </div>
        </Form>
      </section>

      <section className="card admin-form" aria-labelledby="status-akun">
        <h2 id="status-akun">Status akun</h2>
        {banner(['disable', 'enable'])}
        {isSelf ? (
          <p className="muted">Anda tidak dapat menonaktifkan akun Anda sendiri.</p>
        ) : user.active ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="disable" />
            <p className="muted admin-help">Pengguna yang dinonaktifkan tidak dapat masuk, dan semua sesinya berakhir seketika.</p>
            <button type="submit" className="btn btn-danger" disabled={busyIntent === 'disable'}>
              {busyIntent === 'disable' ? 'Memproses…' : 'Nonaktifkan akun'}
            </button>
          </Form>
        ) : (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="enable" />
            <button type="submit" className="btn" disabled={busyIntent === 'enable'}>
              {busyIntent === 'enable' ? 'Memproses…' : 'Aktifkan kembali'}
            </button>
          </Form>
        )}
      </section>

      <section className="card admin-form" aria-labelledby="blokir-login">
        <h2 id="blokir-login">Blokir login</h2>
        {banner('unlock_login')}
        <p className="muted admin-help">
          Percobaan masuk gagal yang masih dihitung untuk akun ini ({loginFailures.windowMinutes} menit terakhir): <strong>{loginFailures.count}</strong>. Setelah{' '}
          {loginFailures.free} kegagalan, setiap percobaan berikutnya harus menunggu makin lama (paling lama {loginFailures.capSeconds} detik); dari satu alamat IP, setelah{' '}
          {loginFailures.pairMax} kegagalan dalam semenit, percobaan berikutnya ditolak sementara. Buka blokir jika pemilik akun terhalang; catatan percobaan tetap disimpan.
        </p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="unlock_login" />
          <button type="submit" className="btn" disabled={busyIntent === 'unlock_login'}>
            {busyIntent === 'unlock_login' ? 'Memproses…' : 'Buka blokir login'}
          </button>
        </Form>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
