import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { idParam } from '../services/renstra/common.server'
import { updateIndicatorFromForm } from '../services/renstra/update-indicator.server'
import { deleteIndicator, restoreIndicator } from '../services/renstra/set-indicator-deleted.server'
import { indicatorEditPageData } from '../presenters/renstra-indicator-edit.server'
import { IndicatorForm } from '../components/renstra/indicator-form'
import { DeleteRestorePanel, HistoryPanel } from '../components/renstra/indicator-extra'
import { INDICATOR_INTENTS, parseIndicatorForm, refusalAnswer } from '../services/renstra/indicator-form.server'
import { typedValue } from '../utils/forms'
import { RouteError } from '../components/route-error'
import styles from '../styles/renstra.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ubah ${data.indicator.code} — Kelola Renstra — Dasbor Kinerja Strategi` : 'Ubah indikator — Dasbor Kinerja Strategi' },
]

const FLASH: Record<string, string> = {
  disimpan: 'Perubahan indikator disimpan.',
  tetap: 'Tidak ada perubahan untuk disimpan.',
  dibuat: 'Indikator baru disimpan.',
  dihapus: 'Indikator dihapus. Riwayat dan realisasinya tetap tersimpan.',
  dipulihkan: 'Indikator dipulihkan dan kembali dihitung dalam skor.',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  const id = idParam(params.id)
  const page = await indicatorEditPageData(getDb(), user, id)
  const flashKey = new URL(request.url).searchParams.get('pesan') ?? ''
  return { ...page, flash: FLASH[flashKey] ?? null }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const id = idParam(params.id)
  const db = getDb()
  const requestId = context?.requestId ?? null
  const parsed = parseIndicatorForm(form, INDICATOR_INTENTS)
  if (!parsed.ok) return data(parsed.answer, { status: 400 })
  const input = parsed.value
  if (input.intent === 'simpan') {
    const r = await updateIndicatorFromForm(db, user, id, form, requestId)
    if (r.ok) return redirect(`/renstra/indikator/${id}?pesan=${r.changed ? 'disimpan' : 'tetap'}`)
    return data(refusalAnswer(r, input.intent, parsed.values), { status: r.status })
  }
  const set = input.intent === 'hapus' ? deleteIndicator : restoreIndicator
  const r = await set(db, user, id, input.version, input.deleted_reason, requestId)
  if (r.ok) return redirect(`/renstra/indikator/${id}?pesan=${input.intent === 'hapus' ? 'dihapus' : 'dipulihkan'}`)
  return data(refusalAnswer(r, input.intent, parsed.values), { status: r.status })
}

export default function EditIndicatorPage() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const save = answer?.intent === 'simpan' ? answer : null
  const other = answer && answer.intent !== 'simpan' ? answer : null
  const deleted = d.indicator.deletedAt != null
  const readOnly = d.period.closed
    ? `Periode ${d.period.name} sudah ditutup; indikator dan targetnya hanya dapat dilihat.`
    : deleted
      ? 'Indikator ini dihapus; pulihkan lebih dulu (di bagian bawah) untuk mengubahnya.'
      : null
  // a refused save keeps the version it was based on (a conflict offers the current one through "timpa")
  const version = Number(typedValue(save, 'version', '')) || d.indicator.version

  return (
    <div className="renstra-page">
      <nav className="renstra-breadcrumb" aria-label="Lokasi">
        <Link to="/renstra">Renstra &amp; IKU</Link> › <Link to={`/renstra/kelola?periode=${d.period.id}`}>Kelola Renstra</Link> › {d.indicator.code}
      </nav>
      <h1>
        Ubah indikator {d.indicator.code}
        {deleted ? <span className="badge renstra-deleted-badge"> dihapus</span> : null}
      </h1>
      <p className="muted">
        {d.indicator.name} · {d.period.name} ({d.period.startYear}–{d.period.endYear}) ·{' '}
        {d.lastChange ? `terakhir diubah oleh ${d.lastChange.name} pada ${d.lastChange.at}` : 'belum pernah diubah sejak dimuat'} ·{' '}
        <Link to={`/indikator/${d.indicator.id}`}>lihat capaian</Link>
      </p>
      {d.flash && !answer ? (
        <div className="banner banner-ok" role="status">
          {d.flash}
        </div>
      ) : null}

      <IndicatorForm
        key={`${d.indicator.version}-${save ? 'a' : 'l'}`}
        mode="edit"
        values={d.values}
        answer={save}
        years={d.years}
        timeZone={d.timeZone}
        options={d.options}
        verifiedYears={d.verifiedYears}
        periodId={d.period.id}
        version={version}
        draft={{ scope: d.draftScope, periodId: d.period.id, row: String(d.indicator.id), version: String(d.indicator.version) }}
        accepted={!!d.flash && !answer}
        busy={busyIntent === 'simpan'}
        readOnly={readOnly}
      />

      <DeleteRestorePanel
        deleted={deleted}
        deletedAt={d.indicator.deletedAt}
        deletedReason={d.indicator.deletedReason}
        version={d.indicator.version}
        counts={d.realisasiCounts}
        answer={other}
        busy={busyIntent === 'hapus' || busyIntent === 'pulihkan' ? busyIntent : null}
        readOnly={d.period.closed}
      />

      <HistoryPanel rows={d.history} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
