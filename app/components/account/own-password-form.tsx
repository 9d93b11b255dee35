// "Ganti kata sandi" on /akun. The passwords are never sent back, so a failed answer shows the
// messages beside the fields and empty password inputs.
import { Form, useNavigation } from '@remix-run/react'
import type { FormResult } from '../../utils/forms'
import { fieldError } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FormMessages } from '../form-result'
import { PasswordPair, TextField } from '../admin/form-bits'
import { SaveButton } from '../save-button'

const INTENT = 'sandi'

export function OwnPasswordForm({ result, username }: { result: FormResult | undefined; username: string }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === INTENT
  const err = (name: string) => fieldError(result, name, INTENT)
  return (
    <section className="card admin-form" aria-labelledby="ganti-sandi">
      <h2 id="ganti-sandi">Ganti kata sandi</h2>
      <p className="muted admin-help">Setelah diganti, sesi Anda di perangkat lain diakhiri. Nama, peran dan unit kerja hanya dapat diubah oleh administrator.</p>
      <FormMessages result={result} intent={INTENT} />
      <Form method="post" className="stack" noValidate key={result?.status === 'success' && result.intent === INTENT ? 'done' : 'form'}>
        <CsrfInput />
        <input type="hidden" name="intent" value={INTENT} />
        {/* helps password managers pair the new password with the account */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <TextField
          id="a-current"
          name="currentPassword"
          type="password"
          label="Kata sandi saat ini"
          error={err('currentPassword')}
          maxLength={128}
          autoComplete="current-password"
          required
        />
        <PasswordPair id="a-new" label="Kata sandi baru" result={result} intent={INTENT} hint="8–128 karakter; bukan kata sandi umum dan bukan nama pengguna." />
        <div className="admin-actions">
          <SaveButton busy={busy}>Ganti kata sandi</SaveButton>
        </div>
      </Form>
    </section>
  )
}
