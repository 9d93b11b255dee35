// The "Pengingat" card of /akun: e-mail address and opt-out for the daily digest.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'

export interface ReminderPrefsProps {
  email: string | null
  notifyEmail: boolean
  smtp: boolean
  result?: { ok: boolean; message: string; email?: string; notifyEmail?: boolean } | null
}

export function ReminderPrefs({ email, notifyEmail, smtp, result }: ReminderPrefsProps) {
  const failed = result && !result.ok
  return (
    <section className="card admin-form" aria-labelledby="pengingat" id="pengingat">
      <h2 id="pengingat">Pengingat</h2>
      <p className="muted admin-help">
        Pengingat selalu tampil di halaman <a href="/notifikasi">Pengingat</a>.{' '}
        {smtp
          ? 'Bila diaktifkan, Anda menerima satu ringkasan e-mail per hari (tidak satu e-mail per kejadian).'
          : 'Server ini belum diatur untuk mengirim e-mail (SMTP); pengaturan di bawah berlaku setelah admin mengaturnya.'}
      </p>
      {result ? (
        <div className={`banner ${result.ok ? 'banner-ok' : 'banner-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </div>
      ) : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="intent" value="pengingat" />
        <div>
          <label htmlFor="p-email">Alamat e-mail</label>
          <input
            id="p-email"
            name="email"
            type="email"
            maxLength={200}
            autoComplete="email"
            defaultValue={failed ? (result.email ?? '') : (email ?? '')}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? 'p-email-error' : undefined}
          />
          {failed ? (
            <p className="field-error" id="p-email-error">
              {result.message}
            </p>
          ) : null}
        </div>
        <label>
          <input type="checkbox" name="kirim_email" value="ya" defaultChecked={failed ? result.notifyEmail : notifyEmail} /> Kirim ringkasan pengingat harian ke e-mail ini
        </label>
        <div className="admin-actions">
          <button type="submit" className="btn">
            Simpan pengaturan pengingat
          </button>
        </div>
      </Form>
    </section>
  )
}
