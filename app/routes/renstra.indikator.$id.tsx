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
import type { FormErrors, FormProblem, IndicatorFormValues } from '../utils/renstra-fields'
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

type SaveData = {
  kind: 'simpan'
  message: string
  values: IndicatorFormValues
  errors: FormErrors
  problems: FormProblem[]
  reasonYears: number[]
  conflict: { message: string; currentVersion: number } | null
  postedVersion: string
}
type DeleteData = { kind: 'hapus'; message: string; errors: FormErrors; problems: FormProblem[]; typedReason: string }

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const id = idParam(params.id)
  const db = getDb()
  const requestId = context?.requestId ?? null
  const intent = String(form.get('intent') ?? 'simpan')
  if (intent === 'hapus' || intent === 'pulihkan') {
    const reason = String(form.get('deleted_reason') ?? '')
    const version = String(form.get('version') ?? '')
    const r = intent === 'hapus' ? await deleteIndicator(db, user, id, version, reason, requestId) : await restoreIndicator(db, user, id, version, reason, requestId)
    if (r.ok) return redirect(`/renstra/indikator/${id}?pesan=${intent === 'hapus' ? 'dihapus' : 'dipulihkan'}`)
    const body: DeleteData = { kind: 'hapus', message: r.message, errors: r.errors, problems: r.problems, typedReason: reason.slice(0, 500) }
    return data(body, { status: r.status })
  }
  if (intent !== 'simpan') return data({ kind: 'hapus', message: 'Tindakan tidak dikenal.', errors: {}, problems: [], typedReason: '' } satisfies DeleteData, { status: 400 })
  const { values, result, postedVersion } = await updateIndicatorFromForm(db, user, id, form, requestId)
  if (result.ok) return redirect(`/renstra/indikator/${id}?pesan=${result.changed ? 'disimpan' : 'tetap'}`)
  const body: SaveData = {
    kind: 'simpan',
    message: result.message,
    values,
    errors: result.errors,
    problems: result.problems,
    reasonYears: result.reasonYears,
    conflict: result.conflict,
    postedVersion,
  }
  return data(body, { status: result.status })
}

export default function EditIndicatorPage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>() as SaveData | DeleteData | undefined
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const save = a?.kind === 'simpan' ? a : null
  const del = a?.kind === 'hapus' ? a : null
  const deleted = d.indicator.deletedAt != null
  const readOnly = d.period.closed
    ? `Periode ${d.period.name} sudah ditutup; indikator dan targetnya hanya dapat dilihat.`
    : deleted
      ? 'Indikator ini dihapus; pulihkan lebih dulu (di bagian bawah) untuk mengubahnya.'
      : null
  const version = save ? Number(save.postedVersion) || d.indicator.version : d.indicator.version

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
      {d.flash && !a ? (
        <div className="banner banner-ok" role="status">
          {d.flash}
        </div>
      ) : null}

      <IndicatorForm
        key={`${d.indicator.version}-${save ? 'a' : 'l'}`}
        mode="edit"
        values={save?.values ?? d.values}
        stored={d.values}
        errors={save?.errors ?? {}}
        problems={save?.problems ?? []}
        message={save?.message ?? null}
        years={d.years}
        options={d.options}
        verifiedYears={d.verifiedYears}
        reasonYears={save?.reasonYears ?? []}
        periodId={d.period.id}
        version={version}
        draft={{ scope: d.draftScope, periodId: d.period.id, row: String(d.indicator.id), version: String(d.indicator.version) }}
        accepted={!!d.flash && !a}
        conflict={save?.conflict ?? null}
        busy={busyIntent === 'simpan'}
        readOnly={readOnly}
      />

      <DeleteRestorePanel
        deleted={deleted}
        deletedAt={d.indicator.deletedAt}
        deletedReason={d.indicator.deletedReason}
        version={d.indicator.version}
        counts={d.realisasiCounts}
        message={del?.message ?? null}
        problems={del?.problems ?? []}
        errors={del?.errors ?? {}}
        typedReason={del?.typedReason ?? ''}
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
