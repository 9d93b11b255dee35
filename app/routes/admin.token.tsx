import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { listTokens } from '../models/tokens.server'
import { createApiToken } from '../services/tokens/create-token.server'
import { revokeApiToken } from '../services/tokens/revoke-token.server'
import { tokenPageSchema } from '../services/tokens/forms'
import { answerOf, parsePageForm, type UseCaseOutcome } from '../services/form-answer.server'
import { formValues } from '../utils/forms'
import { listOpd } from '../models/organisation.server'
import { getSettings } from '../models/settings.server'
import { formatDateTime } from '../utils/entry-format'
import { RouteError } from '../components/route-error'
import { FormMessages } from '../components/form-result'
import { CreateTokenForm, NewTokenCard, TokenList } from '../components/admin/token-forms'
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

const NO_STORE = { 'Cache-Control': 'no-store' }

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'tokens:manage' })
  const db = getDb()
  const requestId = context?.requestId ?? null
  const parsed = parsePageForm(form, tokenPageSchema)
  if (!parsed.ok) return data({ ...parsed.result, token: null }, { status: 400, headers: NO_STORE })
  const input = parsed.value
  if (input.intent === 'create') {
    const r = await createApiToken(db, user, input, requestId)
    const { status, result } = answerOf(r, 'create', formValues(form))
    // the plaintext token: in this one answer only, never stored
    return data({ ...result, token: r.ok ? r.value.token : null }, { status, headers: NO_STORE })
  }
  const unknown: UseCaseOutcome = { ok: false, status: 404, message: 'Token tidak ditemukan.', fieldErrors: {} }
  const r = /^\d{1,9}$/.test(input.id) ? await revokeApiToken(db, user, Number(input.id), requestId) : unknown
  const { status, result } = answerOf(r, 'revoke')
  return data({ ...result, token: null }, { status, headers: NO_STORE })
}

export default function TokenPage() {
  const { tokens, opds, cityLevel } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div>
      <h1>Token API</h1>
      <AdminSubnav />
      <p className="muted">
        Token memberi akses <strong>baca-saja</strong> ke API (<code>/api/v1/…</code>) dengan header <code>Authorization: Bearer &lt;token&gt;</code>. Token hanya ditampilkan
        sekali saat dibuat; yang disimpan hanya sidik SHA-256-nya. Cabut token yang tidak dipakai lagi. Kembali ke <Link to="/admin/pengaturan">Pengaturan</Link>.
      </p>
      <FormMessages result={result} />
      {result?.status === 'success' && result.token ? <NewTokenCard token={result.token} /> : null}
      <CreateTokenForm result={result} opds={opds} cityLevel={cityLevel} />
      <TokenList tokens={tokens} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
