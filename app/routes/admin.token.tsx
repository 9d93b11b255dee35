import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { listTokens } from '../models/tokens.server'
import { createApiToken } from '../services/tokens/create-token.server'
import { revokeApiToken } from '../services/tokens/revoke-token.server'
import { listOpd } from '../models/organisation.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { errorProps, FieldError, TextField } from '../components/admin/form-bits'
import { AdminSubnav } from '../components/admin/subnav'
import styles from '../styles/admin.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Token API — Dasbor Kinerja Strategi' }]

// The page may show a freshly created token: never cache it.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => ({
  'Cache-Control': actionHeaders.get('Cache-Control') ?? loaderHeaders.get('Cache-Control') ?? 'no-store',
})

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, { permission: 'tokens:manage' })
  const db = getDb()
  const { scoring } = await getSettings(db)
  // an OPD-bound admin sees and creates tokens of his own OPD only (no city-wide token)
  const tokens = await listTokens(db, me)
  return data(
    {
      cityLevel: me.opdId == null,
      opds: (await listOpd(db)).filter((o) => me.opdId == null || o.id === me.opdId).map((o) => ({ id: o.id, name: o.name })),
      tokens: tokens.map((t) => ({
        ...t,
        createdAtText: formatDateTime(t.createdAt, scoring.timeZone),
        lastUsedAtText: t.lastUsedAt ? formatDateTime(t.lastUsedAt, scoring.timeZone) : 'Belum pernah',
        revokedAtText: t.revokedAt ? formatDateTime(t.revokedAt, scoring.timeZone) : null,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

interface TokenActionData {
  intent: 'create' | 'revoke' | null
  ok: boolean
  message: string
  /** The plaintext token: in this one answer only, never stored. */
  token: string | null
  fieldErrors: { name?: string; opdId?: string }
  values: { name: string; opdId: string } | null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'tokens:manage' })
  const db = getDb()
  const requestId = context?.requestId ?? null
  const intent = String(form.get('intent') ?? '')
  const init = (status: number) => ({ status, headers: { 'Cache-Control': 'no-store' } })
  if (intent === 'create') {
    const values = { name: String(form.get('name') ?? ''), opdId: String(form.get('opdId') ?? '') }
    const r = await createApiToken(db, user, values, requestId)
    if (!r.ok) return data<TokenActionData>({ intent, ok: false, message: r.message, token: null, fieldErrors: r.fieldErrors, values }, init(r.status))
    return data<TokenActionData>({ intent, ok: true, message: r.message, token: r.value.token, fieldErrors: {}, values: null }, init(200))
  }
  if (intent === 'revoke') {
    const raw = String(form.get('id') ?? '')
    if (!/^\d{1,9}$/.test(raw)) return data<TokenActionData>({ intent, ok: false, message: 'Token tidak ditemukan.', token: null, fieldErrors: {}, values: null }, init(404))
    const r = await revokeApiToken(db, user, Number(raw), requestId)
    return data<TokenActionData>({ intent, ok: r.ok, message: r.message, token: null, fieldErrors: {}, values: null }, init(r.ok ? 200 : r.status))
  }
  return data<TokenActionData>({ intent: null, ok: false, message: 'Tindakan tidak dikenal.', token: null, fieldErrors: {}, values: null }, init(400))
}

export default function TokenPage() {
  const { tokens, opds, cityLevel } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const busyId = navigation.state === 'submitting' ? String(navigation.formData?.get('id') ?? '') : null
  const createFailed = actionData && !actionData.ok && actionData.intent === 'create'
  const errors = createFailed ? actionData.fieldErrors : {}
  const values = createFailed ? actionData.values : null

  return (
    <div>
      <h1>Token API</h1>
      <AdminSubnav />
      <p className="muted">
        Token memberi akses <strong>baca-saja</strong> ke API (<code>/api/v1/…</code>) dengan header <code>Authorization: Bearer &lt;token&gt;</code>. Token hanya ditampilkan
        sekali saat dibuat; yang disimpan hanya sidik SHA-256-nya. Cabut token yang tidak dipakai lagi. Kembali ke <Link to="/admin/pengaturan">Pengaturan</Link>.
      </p>

      {actionData ? (
        <div className={`banner ${actionData.ok ? 'banner-ok' : 'banner-error'}`} role={actionData.ok ? 'status' : 'alert'}>
          {actionData.message}
        </div>
      ) : null}
      {actionData?.ok && actionData.token ? (
        <div className="card">
          <label htmlFor="token-baru">Token baru (salin sekarang — tidak akan ditampilkan lagi)</label>
          <input
            id="token-baru"
            className="admin-token"
            type="text"
            readOnly
            value={actionData.token}
            onFocus={(e) => e.currentTarget.select()}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      ) : null}

      <section className="card admin-form" aria-labelledby="buat-token">
        <h2 id="buat-token">Buat token</h2>
        <Form method="post" className="stack admin-wide" noValidate key={actionData?.ok && actionData.intent === 'create' ? `ok-${actionData.token?.slice(0, 6)}` : 'form'}>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <div className="admin-form-grid">
            <TextField
              id="t-name"
              name="name"
              label="Nama / pemakai token"
              defaultValue={values?.name}
              error={errors.name}
              maxLength={120}
              required
              hint="Misalnya: Dasbor Bappeda, integrasi SAKIP provinsi."
            />
            <div>
              <label htmlFor="t-opd">Cakupan</label>
              <select id="t-opd" name="opdId" defaultValue={values?.opdId ?? (cityLevel ? '' : String(opds[0]?.id ?? ''))} {...errorProps('t-opd', errors.opdId)}>
                {cityLevel ? <option value="">Semua perangkat daerah</option> : null}
                {opds.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <FieldError id="t-opd" error={errors.opdId} />
            </div>
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busyIntent === 'create'}>
              {busyIntent === 'create' ? 'Membuat…' : 'Buat token'}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="daftar-token">
        <h2 id="daftar-token">Daftar token</h2>
        {tokens.length === 0 ? (
          <p className="empty">
            Belum ada token API. Buat token pertama dengan formulir <a href="#buat-token">Buat token</a> di atas.
          </p>
        ) : (
          <div className="table-wrap card" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Nama</th>
                  <th scope="col">Cakupan</th>
                  <th scope="col">Dibuat</th>
                  <th scope="col">Terakhir dipakai</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Tindakan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className={t.revokedAt ? 'admin-inactive' : undefined}>
                    <td>{t.name}</td>
                    <td>{t.opdName ?? 'Semua perangkat daerah'}</td>
                    <td>
                      {t.createdAtText}
                      {t.createdBy ? <div className="muted">oleh {t.createdBy}</div> : null}
                    </td>
                    <td>{t.lastUsedAtText}</td>
                    <td>{t.revokedAt ? <span className="badge admin-badge-off">Dicabut {t.revokedAtText}</span> : <span className="badge admin-badge-on">Aktif</span>}</td>
                    <td>
                      {t.revokedAt ? null : (
                        <Form method="post" className="admin-inline-form">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={t.id} />
                          <button type="submit" className="btn btn-danger" disabled={busyIntent === 'revoke' && busyId === String(t.id)} aria-label={`Cabut token ${t.name}`}>
                            {busyIntent === 'revoke' && busyId === String(t.id) ? 'Mencabut…' : 'Cabut'}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
