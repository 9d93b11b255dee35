import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import {
  assertMayChangeSettings,
  CAP_MAX,
  CAP_MIN,
  DEADLINE_MAX,
  DROP_TOLERANCE_MAX,
  formValuesOf,
  parseSettingsForm,
  saveSettings,
  SETTINGS_CITY_ONLY,
  TIME_ZONE_SUGGESTIONS,
  type SettingsFormErrors,
  type SettingsFormValues,
} from '../services/settings-admin.server'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { errorProps, FieldError } from '../components/admin/form-bits'
import { AdminSubnav } from '../components/admin/subnav'
import styles from '../styles/admin.css'
import { describeSmtpUrl, smtpConfigured } from '../services/reminders/mailer.server'
import { appUrl } from '../services/reminders/digest.server'
import { MailStatus } from '../components/actions/mail-status'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Pengaturan — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, { permission: 'settings:manage' })
  const settings = await getSettings(getDb())
  // an admin placed in an OPD reads the city-wide settings but cannot change them (ADR 0010)
  return {
    readOnly: me.opdId != null,
    values: formValuesOf(settings),
    timeZones: [...TIME_ZONE_SUGGESTIONS],
    limits: { capMin: CAP_MIN, capMax: CAP_MAX, deadlineMax: DEADLINE_MAX, dropToleranceMax: DROP_TOLERANCE_MAX },
    mail: { smtp: smtpConfigured() ? describeSmtpUrl(process.env.SMTP_URL!.trim()) : null, appUrl: appUrl() },
  }
}

interface SettingsActionData {
  ok: boolean
  message: string
  errors: SettingsFormErrors
  values: SettingsFormValues | null
}

const SETTING_NAMES: Record<string, string> = {
  predikat_bands: 'kategori predikat',
  cap: 'batas atas capaian',
  deadline_days: 'batas waktu pengisian',
  time_zone: 'zona waktu',
  drop_tolerance: 'toleransi penurunan skor',
  public_page_enabled: 'halaman publik',
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'settings:manage' })
  assertMayChangeSettings(user) // 403 before anything is read or written
  const db = getDb()
  const current = await getSettings(db)
  const { values, errors, parsed } = parseSettingsForm(form, current)
  if (!parsed) {
    return data<SettingsActionData>({ ok: false, message: 'Pengaturan belum disimpan. Periksa kembali isian yang ditandai.', errors, values }, { status: 400 })
  }
  const changed = await saveSettings(db, user, parsed, context?.requestId ?? null)
  return data<SettingsActionData>({
    ok: true,
    message: changed.length ? `Pengaturan disimpan: ${changed.map((k) => SETTING_NAMES[k] ?? k).join(', ')}.` : 'Tidak ada perubahan.',
    errors: { bands: [], fields: {} },
    values: null,
  })
}

export default function PengaturanPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const failed = actionData && !actionData.ok
  const values = (failed && actionData.values) || loaderData.values
  const fields = failed ? actionData.errors.fields : {}
  const bandErrors = failed ? actionData.errors.bands : []
  const { limits, readOnly } = loaderData

  return (
    <div>
      <h1>Pengaturan</h1>
      <AdminSubnav />
      <p className="muted">
        Berlaku untuk seluruh dasbor, laporan dan API. Setiap perubahan tercatat di <Link to="/audit?entitas=setting">jejak audit</Link>. Akses API untuk aplikasi lain:{' '}
        <Link to="/admin/token">Token API</Link>.
      </p>
      <MailStatus smtp={loaderData.mail.smtp} appUrl={loaderData.mail.appUrl} />
      {actionData ? (
        <div className={`banner ${actionData.ok ? 'banner-ok' : 'banner-error'}`} role={actionData.ok ? 'status' : 'alert'}>
          {actionData.message}
        </div>
      ) : null}
      {readOnly ? (
        <div className="banner" role="note">
          {SETTINGS_CITY_ONLY}
        </div>
      ) : null}

      {/* keyed on the saved values so a successful save shows what is now stored */}
      <Form method="post" className="stack admin-wide" noValidate key={failed ? 'edit' : JSON.stringify(loaderData.values)}>
        <CsrfInput />
        <fieldset className="admin-plain stack" disabled={readOnly}>
          <fieldset className="card">
            <legend>Kategori predikat capaian</legend>
            <p className="muted admin-help">
              Batas bawah termasuk, batas atas tidak termasuk (misalnya 76 s.d. &lt;91). Kosongkan batas bawah kategori terendah dan batas atas kategori tertinggi. Kategori harus
              bersambung tanpa celah dan tanpa tumpang tindih. Angka boleh memakai koma atau titik desimal.
            </p>
            {bandErrors.length ? (
              <div className="banner banner-error" role="alert" id="band-errors">
                <ul>
                  {bandErrors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="table-wrap" tabIndex={0}>
              <table className="admin-bands" aria-describedby={bandErrors.length ? 'band-errors' : undefined}>
                <thead>
                  <tr>
                    <th scope="col">Label</th>
                    <th scope="col">Batas bawah (≥)</th>
                    <th scope="col">Batas atas (&lt;)</th>
                    <th scope="col">Warna</th>
                  </tr>
                </thead>
                <tbody>
                  {values.bands.map((b, i) => (
                    <tr key={b.key}>
                      <td>
                        <label htmlFor={`band_label_${i}`} className="sr-only">
                          Label kategori {i + 1}
                        </label>
                        <input
                          id={`band_label_${i}`}
                          name={`band_label_${i}`}
                          type="text"
                          defaultValue={b.label}
                          maxLength={60}
                          {...errorProps(`band_label_${i}`, fields[`band_label_${i}`])}
                        />
                        <FieldError id={`band_label_${i}`} error={fields[`band_label_${i}`]} />
                      </td>
                      <td>
                        <label htmlFor={`band_min_${i}`} className="sr-only">
                          Batas bawah kategori {b.label || i + 1}
                        </label>
                        <input
                          id={`band_min_${i}`}
                          name={`band_min_${i}`}
                          type="text"
                          inputMode="decimal"
                          defaultValue={b.min}
                          placeholder="tanpa batas"
                          {...errorProps(`band_min_${i}`, fields[`band_min_${i}`])}
                        />
                        <FieldError id={`band_min_${i}`} error={fields[`band_min_${i}`]} />
                      </td>
                      <td>
                        <label htmlFor={`band_max_${i}`} className="sr-only">
                          Batas atas kategori {b.label || i + 1}
                        </label>
                        <input
                          id={`band_max_${i}`}
                          name={`band_max_${i}`}
                          type="text"
                          inputMode="decimal"
                          defaultValue={b.max}
                          placeholder="tanpa batas"
                          {...errorProps(`band_max_${i}`, fields[`band_max_${i}`])}
                        />
                        <FieldError id={`band_max_${i}`} error={fields[`band_max_${i}`]} />
                      </td>
                      <td>
                        <span className={`badge p-${b.key}`}>{b.label || '—'}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>

          <fieldset className="card">
            <legend>Perhitungan dan jadwal</legend>
            <div className="admin-form-grid">
              <div>
                <label htmlFor="cap">Batas atas capaian (%)</label>
                <input id="cap" name="cap" type="text" inputMode="decimal" defaultValue={values.cap} required {...errorProps('cap', fields.cap, true)} />
                <p className="muted admin-help" id="cap-hint">
                  Capaian di atas batas ini dihitung sama dengan batas (bawaan 120). Antara {limits.capMin} dan {limits.capMax}.
                </p>
                <FieldError id="cap" error={fields.cap} />
              </div>
              <div>
                <label htmlFor="deadlineDays">Batas waktu pengisian (hari setelah triwulan berakhir)</label>
                <input
                  id="deadlineDays"
                  name="deadlineDays"
                  type="text"
                  inputMode="numeric"
                  defaultValue={values.deadlineDays}
                  required
                  {...errorProps('deadlineDays', fields.deadlineDays, true)}
                />
                <p className="muted admin-help" id="deadlineDays-hint">
                  Bawaan 10 hari. Bilangan bulat 0–{limits.deadlineMax}.
                </p>
                <FieldError id="deadlineDays" error={fields.deadlineDays} />
              </div>
              <div>
                <label htmlFor="timeZone">Zona waktu</label>
                <input
                  id="timeZone"
                  name="timeZone"
                  type="text"
                  list="tz-list"
                  defaultValue={values.timeZone}
                  required
                  maxLength={64}
                  {...errorProps('timeZone', fields.timeZone, true)}
                />
                <datalist id="tz-list">
                  {loaderData.timeZones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
                <p className="muted admin-help" id="timeZone-hint">
                  Nama zona IANA: Asia/Jakarta (WIB, bawaan), Asia/Makassar (WITA), Asia/Jayapura (WIT).
                </p>
                <FieldError id="timeZone" error={fields.timeZone} />
              </div>
              <div>
                <label htmlFor="dropTolerance">Toleransi penurunan skor (poin)</label>
                <input
                  id="dropTolerance"
                  name="dropTolerance"
                  type="text"
                  inputMode="decimal"
                  defaultValue={values.dropTolerance}
                  required
                  {...errorProps('dropTolerance', fields.dropTolerance, true)}
                />
                <p className="muted admin-help" id="dropTolerance-hint">
                  Tanda &quot;turun dua tahun berturut-turut&quot; hanya muncul bila skor sel (dibandingkan seperti yang ditampilkan, dua desimal) turun sedikitnya sebanyak ini
                  pada kedua tahun. Bawaan 1 poin; 0 berarti setiap penurunan yang terlihat dihitung. Antara 0 dan {limits.dropToleranceMax}.
                </p>
                <FieldError id="dropTolerance" error={fields.dropTolerance} />
              </div>
            </div>
          </fieldset>

          <fieldset className="card">
            <legend>Halaman transparansi publik</legend>
            <label className="admin-switch" htmlFor="publicPageEnabled">
              <input id="publicPageEnabled" name="publicPageEnabled" type="checkbox" defaultChecked={values.publicPageEnabled} aria-describedby="publicPageEnabled-hint" />
              Tampilkan ringkasan capaian tanpa login di <code>/publik</code>
            </label>
            <p className="muted admin-help" id="publicPageEnabled-hint">
              Bawaan: mati. Bila dinyalakan, siapa pun dapat melihat skor ringkas yang sudah diverifikasi (tanpa catatan, bukti atau nama pengguna).
            </p>
          </fieldset>

          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busy || readOnly}>
              {busy ? 'Menyimpan…' : 'Simpan pengaturan'}
            </button>
          </div>
        </fieldset>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
