import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { createIndicatorFromForm } from '../services/renstra/create-indicator.server'
import { newIndicatorPageData } from '../presenters/renstra-indicator-new.server'
import { IndicatorForm } from '../components/renstra/indicator-form'
import { parseIndicatorForm, refusalAnswer } from '../services/renstra/indicator-form.server'
import { RouteError } from '../components/route-error'
import styles from '../styles/renstra.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Indikator baru — Kelola Renstra — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  return newIndicatorPageData(getDb(), user, new URL(request.url))
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const parsed = parseIndicatorForm(form, ['simpan'])
  if (!parsed.ok) return data(parsed.answer, { status: 400 })
  const result = await createIndicatorFromForm(getDb(), user, form, context?.requestId ?? null)
  if (result.ok) return redirect(`/renstra/indikator/${result.id}?pesan=dibuat`)
  return data(refusalAnswer(result, 'simpan', parsed.values), { status: result.status })
}

export default function NewIndicatorPage() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'simpan'
  return (
    <div className="renstra-page">
      <nav className="renstra-breadcrumb" aria-label="Lokasi">
        <Link to="/renstra">Renstra &amp; IKU</Link> › <Link to={`/renstra/kelola?periode=${d.period.id}`}>Kelola Renstra</Link> › Indikator baru
      </nav>
      <h1>Indikator baru</h1>
      <p className="muted">
        {d.period.name} ({d.period.startYear}–{d.period.endYear}). Kolom bertanda * wajib diisi.
      </p>
      <IndicatorForm
        mode="create"
        values={d.values}
        answer={answer ?? null}
        years={d.years}
        timeZone={d.timeZone}
        options={d.options}
        verifiedYears={[]}
        periodId={d.period.id}
        draft={{ scope: d.draftScope, periodId: d.period.id, row: 'baru', version: '' }}
        busy={busy}
        readOnly={d.period.closed ? `Periode ${d.period.name} sudah ditutup; indikator baru tidak dapat ditambahkan.` : null}
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
