// The parts of /admin/token: the new token (shown once), the create form and the token list with
// its revoke buttons. The page's answer banner sits above them (ADR 0024).
import { Form, useNavigation } from '@remix-run/react'
import type { FormResult } from '../../utils/forms'
import { fieldError, typedValue } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FieldMessage } from '../form-result'
import { errorProps, TextField } from './form-bits'
import { ColumnHeads, ACTIONS_HEAD } from '../data-table'

export function NewTokenCard({ token }: { token: string }) {
  return (
    <div className="card">
      <label htmlFor="token-baru">Token baru (salin sekarang — tidak akan ditampilkan lagi)</label>
      <input id="token-baru" className="admin-token" type="text" readOnly value={token} onFocus={(e) => e.currentTarget.select()} autoComplete="off" spellCheck={false} />
    </div>
  )
}

export function CreateTokenForm({
  result,
  opds,
  cityLevel,
}: {
  result: (FormResult & { token: string | null }) | undefined
  opds: { id: number; name: string }[]
  cityLevel: boolean
}) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'
  const opdError = fieldError(result, 'opdId', 'create')
  return (
    <section className="card admin-form" aria-labelledby="buat-token">
      <h2 id="buat-token">Buat token</h2>
      <Form method="post" className="stack admin-wide" noValidate key={result?.status === 'success' && result.intent === 'create' ? `ok-${result.token?.slice(0, 6)}` : 'form'}>
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <div className="admin-form-grid">
          <TextField
            id="t-name"
            name="name"
            label="Nama / pemakai token"
            defaultValue={typedValue(result, 'name', '', 'create')}
            error={fieldError(result, 'name', 'create')}
            maxLength={120}
            required
            hint="Misalnya: Dasbor Bappeda, integrasi SAKIP provinsi."
          />
          <div>
            <label htmlFor="t-opd">Cakupan</label>
            <select id="t-opd" name="opdId" defaultValue={typedValue(result, 'opdId', cityLevel ? '' : String(opds[0]?.id ?? ''), 'create')} {...errorProps('t-opd', opdError)}>
              {cityLevel ? <option value="">Semua perangkat daerah</option> : null}
              {opds.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <FieldMessage result={result} name="opdId" intent="create" id="t-opd-error" />
          </div>
        </div>
        <div className="admin-actions">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? 'Membuat…' : 'Buat token'}
          </button>
        </div>
      </Form>
    </section>
  )
}

export interface TokenRow {
  id: number
  name: string
  opdName: string | null
  createdAtText: string
  createdBy: string | null
  lastUsedAtText: string
  revokedAt: string | null
  revokedAtText: string | null
}

export function TokenList({ tokens }: { tokens: TokenRow[] }) {
  return (
    <section aria-labelledby="daftar-token">
      <h2 id="daftar-token">Daftar token</h2>
      {tokens.length === 0 ? (
        <p className="empty">
          Belum ada token API. Buat token pertama dengan formulir <a href="#buat-token">Buat token</a> di atas.
        </p>
      ) : (
        <div className="table-wrap card" tabIndex={0}>
          <table>
            <ColumnHeads labels={['Nama', 'Cakupan', 'Dibuat', 'Terakhir dipakai', 'Status', ACTIONS_HEAD]} />
            <tbody>
              {tokens.map((t) => (
                <TokenListRow key={t.id} t={t} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function TokenListRow({ t }: { t: TokenRow }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'revoke' && navigation.formData.get('id') === String(t.id)
  return (
    <tr className={t.revokedAt ? 'admin-inactive' : undefined}>
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
            <button type="submit" className="btn btn-danger" disabled={busy} aria-label={`Cabut token ${t.name}`}>
              {busy ? 'Mencabut…' : 'Cabut'}
            </button>
          </Form>
        )}
      </td>
    </tr>
  )
}
