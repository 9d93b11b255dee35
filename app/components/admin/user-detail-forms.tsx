// The forms of /admin/pengguna/:id, one per intent; each shows only its own answer (ADR 0024).
import { Form, useNavigation } from '@remix-run/react'
import type { FormResult } from '../../utils/forms'
import { fieldError, typedValue } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FormMessages } from '../form-result'
import { PasswordPair, RoleUnitFields, TextField, type UnitChoice } from './form-bits'
import { SaveButton } from '../save-button'

type Answer = FormResult | undefined

function useBusyIntent(): string | null {
  const navigation = useNavigation()
  return navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
}

export function UpdateUserForm(props: { result: Answer; user: { fullName: string; role: string; unitId: number | null }; units: UnitChoice[]; cityLevel: boolean }) {
  const { result, user } = props
  const busy = useBusyIntent() === 'update'
  const typed = (name: string, fallback: string) => typedValue(result, name, fallback, 'update')
  return (
    <section className="card admin-form" aria-labelledby="ubah-data">
      <h2 id="ubah-data">Data akun</h2>
      <FormMessages result={result} intent="update" />
      <Form method="post" className="stack admin-wide" noValidate key={`upd-${user.role}-${user.unitId}-${user.fullName}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value="update" />
        <div className="admin-form-grid">
          <TextField
            id="d-fullname"
            name="fullName"
            label="Nama lengkap"
            defaultValue={typed('fullName', user.fullName)}
            error={fieldError(result, 'fullName', 'update')}
            maxLength={200}
            required
          />
          <RoleUnitFields
            idPrefix="d"
            units={props.units}
            defaultRole={typed('role', user.role)}
            defaultUnitId={typed('unitId', user.unitId == null ? '' : String(user.unitId))}
            errors={{ role: fieldError(result, 'role', 'update'), unitId: fieldError(result, 'unitId', 'update') }}
            allowCityLevel={props.cityLevel}
          />
        </div>
        <div className="admin-actions">
          <SaveButton busy={busy}>Simpan data akun</SaveButton>
        </div>
      </Form>
    </section>
  )
}

export function ResetPasswordForm({ result, isSelf }: { result: Answer; isSelf: boolean }) {
  const busy = useBusyIntent() === 'reset_password'
  return (
    <section className="card admin-form" aria-labelledby="reset-sandi">
      <h2 id="reset-sandi">Atur ulang kata sandi</h2>
      <p className="muted admin-help">Kata sandi baru berlaku segera; semua sesi {isSelf ? 'lain milik Anda' : 'pengguna ini'} diakhiri.</p>
      <FormMessages result={result} intent="reset_password" />
      <Form method="post" className="stack admin-wide" noValidate key={result?.status === 'success' && result.intent === 'reset_password' ? 'pw-done' : 'pw'}>
        <CsrfInput />
        <input type="hidden" name="intent" value="reset_password" />
        <div className="admin-form-grid">
          <PasswordPair id="d-password" label="Kata sandi baru" result={result} intent="reset_password" hint="8–128 karakter; bukan kata sandi umum." />
        </div>
        <div className="admin-actions">
          <SaveButton busy={busy}>Ganti kata sandi</SaveButton>
        </div>
      </Form>
    </section>
  )
}

export function AccountStatusForm({ result, isSelf, active }: { result: Answer; isSelf: boolean; active: boolean }) {
  const busy = useBusyIntent()
  const intent = active ? 'disable' : 'enable'
  return (
    <section className="card admin-form" aria-labelledby="status-akun">
      <h2 id="status-akun">Status akun</h2>
      <FormMessages result={result} intent="disable" />
      <FormMessages result={result} intent="enable" />
      {isSelf ? (
        <p className="muted">Anda tidak dapat menonaktifkan akun Anda sendiri.</p>
      ) : (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value={intent} />
          {active ? <p className="muted admin-help">Pengguna yang dinonaktifkan tidak dapat masuk, dan semua sesinya berakhir seketika.</p> : null}
          <button type="submit" className={active ? 'btn btn-danger' : 'btn'} disabled={busy === intent}>
            {busy === intent ? 'Memproses…' : active ? 'Nonaktifkan akun' : 'Aktifkan kembali'}
          </button>
        </Form>
      )}
    </section>
  )
}

export function UnlockLoginForm({
  result,
  loginFailures: f,
}: {
  result: Answer
  loginFailures: { windowMinutes: number; count: number; free: number; capSeconds: number; pairMax: number }
}) {
  const busy = useBusyIntent() === 'unlock_login'
  return (
    <section className="card admin-form" aria-labelledby="blokir-login">
      <h2 id="blokir-login">Blokir login</h2>
      <FormMessages result={result} intent="unlock_login" />
      <p className="muted admin-help">
        Percobaan masuk gagal yang masih dihitung untuk akun ini ({f.windowMinutes} menit terakhir): <strong>{f.count}</strong>. Setelah {f.free} kegagalan, setiap percobaan
        berikutnya harus menunggu makin lama (paling lama {f.capSeconds} detik); dari satu alamat IP, setelah {f.pairMax} kegagalan dalam semenit, percobaan berikutnya ditolak
        sementara. Buka blokir jika pemilik akun terhalang; catatan percobaan tetap disimpan.
      </p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="unlock_login" />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Memproses…' : 'Buka blokir login'}
        </button>
      </Form>
    </section>
  )
}
