// "Tambah pengguna" on /admin/pengguna: the answer above, messages beside the fields, and what was
// typed kept after a failed answer (never the passwords: they are not sent back).
import { Form, Link, useNavigation } from '@remix-run/react'
import type { FormResult } from '../../utils/forms'
import { fieldError, typedValue } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FormMessages } from '../form-result'
import { PasswordPair, RoleUnitFields, TextField, type UnitChoice } from './form-bits'
import { SaveButton } from '../save-button'

const INTENT = 'create'

export function CreateUserForm({ result, units, cityLevel }: { result: (FormResult & { createdId: number | null }) | undefined; units: UnitChoice[]; cityLevel: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === INTENT
  const err = (name: string) => fieldError(result, name, INTENT)
  const typed = (name: string) => typedValue(result, name, '', INTENT)
  return (
    <section className="card admin-form" aria-labelledby="buat-pengguna">
      <h2 id="buat-pengguna">Tambah pengguna</h2>
      <FormMessages result={result} intent={INTENT} />
      {result?.status === 'success' && result.createdId ? (
        <p>
          <Link to={`/admin/pengguna/${result.createdId}`}>Lihat akun</Link>
        </p>
      ) : null}
      <Form method="post" className="stack admin-wide" key={result?.status === 'success' ? `ok-${result.createdId}` : 'form'} noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value={INTENT} />
        <div className="admin-form-grid">
          <TextField
            id="u-username"
            name="username"
            label="Nama pengguna"
            defaultValue={typed('username')}
            error={err('username')}
            maxLength={60}
            autoComplete="off"
            required
            hint="Huruf kecil, angka, titik, garis bawah atau tanda hubung; misalnya kabid.ikp"
          />
          <TextField id="u-fullname" name="fullName" label="Nama lengkap" defaultValue={typed('fullName')} error={err('fullName')} maxLength={200} required />
          <RoleUnitFields
            idPrefix="u"
            units={units}
            defaultRole={typed('role')}
            defaultUnitId={typed('unitId')}
            errors={{ role: err('role'), unitId: err('unitId') }}
            allowCityLevel={cityLevel}
          />
          <PasswordPair
            id="u-password"
            label="Kata sandi awal"
            result={result}
            intent={INTENT}
            hint="8–128 karakter; bukan kata sandi umum. Sampaikan kepada pengguna secara langsung."
          />
        </div>
        <div className="admin-actions">
          <SaveButton busy={busy}>Tambah pengguna</SaveButton>
        </div>
      </Form>
    </section>
  )
}
