import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { formSuccess, parseForm } from '../utils/forms'
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
  saveSettings,
  settingsFormSchema,
  TIME_ZONE_SUGGESTIONS,
} from '../services/settings-admin.server'
import { SETTINGS_CITY_ONLY } from '../utils/page-shared'
import { RouteError } from '../components/route-error'
import { FormMessages } from '../components/form-result'
import { SettingsForm } from '../components/admin/settings-form'
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
  const parsed = parseForm(form, settingsFormSchema(await getSettings(db)), { summary: 'Pengaturan belum disimpan. Periksa kembali isian yang ditandai.' })
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const changed = await saveSettings(db, user, parsed.value, context?.requestId ?? null)
  return data(formSuccess(changed.length ? `Pengaturan disimpan: ${changed.map((k) => SETTING_NAMES[k] ?? k).join(', ')}.` : 'Tidak ada perubahan.'))
}

export default function PengaturanPage() {
  const { values, limits, readOnly, timeZones, mail } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div>
      <h1>Pengaturan</h1>
      <AdminSubnav />
      <p className="muted">
        Berlaku untuk seluruh dasbor, laporan dan API. Setiap perubahan tercatat di <Link to="/audit?entitas=setting">jejak audit</Link>. Akses API untuk aplikasi lain:{' '}
        <Link to="/admin/token">Token API</Link>.
      </p>
      <MailStatus smtp={mail.smtp} appUrl={mail.appUrl} />
      <FormMessages result={result} />
      {readOnly ? (
        <div className="banner" role="note">
          {SETTINGS_CITY_ONLY}
        </div>
      ) : null}
      <SettingsForm result={result} values={values} limits={limits} readOnly={readOnly} timeZones={timeZones} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
