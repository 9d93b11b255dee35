import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { kelolaAction } from '../services/renstra/kelola.server'
import { isKelolaIntent, kelolaFormSchema, liftHiddenProblems } from '../services/renstra/kelola-form.server'
import { KELOLA_SUMMARY } from '../services/renstra/kelola-common.server'
import { formError, formValues, parseForm } from '../utils/forms'
import { kelolaFormKey } from '../utils/renstra-fields'
import { kelolaPageData } from '../presenters/renstra-kelola.server'
import { RenstraTree, type TreeContext } from '../components/renstra/tree'
import { DeletedIndicators, PeriodSection } from '../components/renstra/kelola-sections'
import { FormMessages } from '../components/form-result'
import { RouteError } from '../components/route-error'
import { NoOrganisation } from '../components/no-organisation'
import { can } from '../utils/permissions'
import { now } from '../utils/clock.server'
import { yearInZone } from '../utils/time'
import styles from '../styles/renstra.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Kelola Renstra — Dasbor Kinerja Strategi' }]

const FLASH: Record<string, string> = {
  periode: 'Periode Renstra baru ditambahkan. Tambahkan tujuan, sasaran, program dan indikatornya.',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  const url = new URL(request.url)
  const page = await kelolaPageData(getDb(), user, url)
  return {
    ...page,
    canAdmin: can(user.role, 'users:manage'),
    cityLevel: user.opdId == null,
    currentYear: yearInZone(now()),
    flash: FLASH[url.searchParams.get('pesan') ?? ''] ?? null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const url = new URL(request.url)
  const values = formValues(form)
  const formKey = kelolaFormKey(values.intent ?? '', values)
  if (!isKelolaIntent(values.intent ?? '')) return data(formError('Tindakan tidak dikenal.', { intent: formKey, values }), { status: 400 })
  const parsed = parseForm(form, kelolaFormSchema, { intent: formKey, summary: KELOLA_SUMMARY })
  if (!parsed.ok) return data(liftHiddenProblems(parsed.result), { status: 400 })
  const { status, result, periodId } = await kelolaAction(getDb(), user, url, parsed.value, { formKey, values }, context?.requestId ?? null)
  if (periodId) {
    const opd = url.searchParams.get('opd')
    return redirect(`/renstra/kelola?${opd ? `opd=${encodeURIComponent(opd)}&` : ''}periode=${periodId}&pesan=periode`)
  }
  return data(result, { status })
}

export default function KelolaRenstraPage() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyKey =
    navigation.state === 'submitting'
      ? kelolaFormKey(String(navigation.formData?.get('intent') ?? ''), Object.fromEntries([...(navigation.formData?.entries() ?? [])].map(([k, v]) => [k, String(v)])))
      : null

  if (!d.opd) {
    return <NoOrganisation canAdmin={d.canAdmin} heading="Belum ada perangkat daerah" />
  }
  const opdQuery = d.cityLevel ? `opd=${d.opd.id}&` : ''
  const search = `?${opdQuery}${d.period ? `periode=${d.period.id}` : ''}${d.showDeleted ? '&tampilkan=semua' : ''}`
  const ctx: TreeContext | null = d.period ? { periodId: d.period.id, search, closed: !!d.period.closed, units: d.units, answer, busyKey } : null

  return (
    <div className="renstra-page">
      <nav className="renstra-breadcrumb" aria-label="Lokasi">
        <Link to="/renstra">Renstra &amp; IKU</Link> › Kelola Renstra
      </nav>
      <h1>Kelola Renstra — {d.opd.name}</h1>
      <p className="muted">
        <Link to="/renstra/anggaran">Pagu anggaran</Link> · <Link to="/impor/historis">Impor data historis</Link>
      </p>

      {d.flash && !answer ? (
        <div className="banner banner-ok" role="status">
          {d.flash}
        </div>
      ) : null}
      {answer?.status === 'success' ? <FormMessages result={answer} /> : null}

      <PeriodSection d={d} ctx={ctx} answer={answer} search={search} busyKey={busyKey} />
      {d.period && ctx ? (
        <section className="card" aria-labelledby="h-pohon">
          <div className="renstra-section-head">
            <h2 id="h-pohon">Tujuan, sasaran, program dan indikator</h2>
            {!d.period.closed ? (
              <Link className="btn" to={`/renstra/indikator/baru?periode=${d.period.id}`}>
                + Indikator baru
              </Link>
            ) : null}
          </div>
          <RenstraTree ctx={ctx} tree={d.tree} loosePrograms={d.loosePrograms} unplaced={d.unplaced} />
        </section>
      ) : null}

      <DeletedIndicators items={d.deletedIndicators} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
