import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { clearKeptDrafts, useKeptScope } from '../components/kept-textarea'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { resolveDashboard } from '../presenters/dashboard-scope.server'
import { cellPageView } from '../presenters/cell.server'
import { saveNote } from '../services/notes/save-note.server'
import { ASPECTS, STRATEGIES, type Aspect, type Strategy } from '../domain/types'
import { can } from '../utils/permissions'
import { formValues } from '../utils/forms'
import { noteConflictAnswer, noteFormRefusal, parseNoteForm } from '../services/notes/note-form.server'
import { NoteFormCard } from '../components/dashboard/cell/note-form'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors } from '../components/dashboard/banners'
import { RouteError } from '../components/route-error'
import { CellIndicators, CellSummary } from '../components/dashboard/cell/cell-sections'
import dashboardStyles from '../styles/dashboard.css'
import { actionViews } from '../presenters/actions.server'
import { canManageActions } from '../services/actions/access.server'
import { splitRekomendasi } from '../domain/actions'
import { now } from '../utils/clock.server'
import { ActionsSection } from '../components/actions/actions-section'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.view ? `${data.view.cell.aspectLabel} × ${data.view.cell.strategyLabel} — Dasbor Kinerja Strategi` : 'Sel matriks — Dasbor Kinerja Strategi' },
]

function cellParams(params: { aspect?: string; strategy?: string }): { aspect: Aspect; strategy: Strategy } {
  const aspect = params.aspect as Aspect
  const strategy = params.strategy as Strategy
  if (!ASPECTS.includes(aspect) || !STRATEGIES.includes(strategy)) {
    throw new Response('Sel matriks tidak dikenal: pilih aspek dan strategi yang ada.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return { aspect, strategy }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const { aspect, strategy } = cellParams(params)
  const db = getDb()
  const url = new URL(request.url)
  const base = await resolveDashboard(db, user, url)
  if (!base) throw new Response('Belum ada data organisasi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const view = await cellPageView(db, base, aspect, strategy)
  return {
    view,
    canWriteNote: can(user.role, 'note:write'),
    saved: url.searchParams.get('catatan') === 'tersimpan',
    // rencana aksi of this cell; the meeting's rekomendasi become actions in one step
    actions: await actionViews(db, { opdId: base.opdId, aspect, strategy }, now(), user),
    actionsCreated: Number(url.searchParams.get('aksi') ?? 0) || 0,
    canCreateActions: canManageActions(user, base.opdId),
    rekomendasiCount: splitRekomendasi(view.cell.note?.rekomendasi).length,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'note:write' })
  const { aspect, strategy } = cellParams(params)
  const db = getDb()
  const url = new URL(request.url)
  const base = await resolveDashboard(db, user, url)
  if (!base) throw new Response('Belum ada data organisasi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const typed = formValues(form)
  if (base.ctx.errors.length) return data(noteFormRefusal(`Periode tidak valid: ${base.ctx.errors.join('; ')}`, typed), { status: 400 })
  if (!base.ctx.periodKey)
    return data(noteFormRefusal('Catatan rapat dicatat untuk periode "s.d. triwulan" atau "Renstra", bukan untuk satu triwulan saja.', typed), { status: 400 })
  const parsed = parseNoteForm(form)
  if (!parsed.ok) return data(parsed.answer, { status: 400 })
  const { judgement, kendala, rekomendasi, version } = parsed.value
  const input = { opdId: base.opdId, aspect, strategy, periodKey: base.ctx.periodKey, judgement, kendala: kendala || null, rekomendasi: rekomendasi || null, version }
  const result = await saveNote(db, user, input, context?.requestId ?? null)
  if (!result.ok) return data(noteConflictAnswer(result.conflict, typed, base.bundle.settings.timeZone), { status: 409 })
  const next = new URLSearchParams(base.ctx.query)
  next.set('catatan', 'tersimpan')
  return redirect(`${url.pathname}?${next.toString()}#catatan`)
}

export default function CellDrillDown() {
  const { view: v, canWriteNote, saved, actions, actionsCreated, canCreateActions, rekomendasiCount } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formMethod?.toUpperCase() === 'POST'
  const c = v.cell
  // the note was saved (the action redirected with ?catatan=tersimpan): drop the copy on this device
  const keptScope = useKeptScope()
  useEffect(() => {
    if (saved && v.periodKey) clearKeptDrafts(keptScope, `catatan:${v.opd.id}:${v.periodKey}`, `${c.aspect}-${c.strategy}`)
  }, [saved, keptScope, v.opd.id, v.periodKey, c.aspect, c.strategy])
  return (
    <div className="dashboard drilldown">
      <DemoBanner show={v.isDemo} />
      <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
      <nav className="breadcrumb" aria-label="Lokasi">
        <Link to={`/?${v.query}`}>Beranda</Link> › {c.aspectLabel} × {c.strategyLabel}
      </nav>
      <h1>
        {c.aspectLabel} × {c.strategyLabel}
      </h1>
      <p className="page-sub">
        {v.opd.name} · <strong>{v.periodLabel}</strong>
      </p>
      <PeriodPicker picker={v.picker} />

      <CellSummary c={c} saved={saved} />

      <CellIndicators v={v} />

      <ActionsSection
        items={actions}
        created={actionsCreated}
        createHref={canCreateActions ? (c.note && rekomendasiCount > 0 ? `/aksi/baru?catatan=${c.note.id}` : '/aksi/baru') : null}
        createLabel={c.note && rekomendasiCount > 0 ? `Jadikan rekomendasi rapat rencana aksi (${rekomendasiCount})` : 'Buat rencana aksi'}
        emptyText={
          c.note?.rekomendasi
            ? 'Belum ada rencana aksi untuk sel ini. Jadikan rekomendasi rapat rencana aksi agar rapat berikutnya dapat memantau tindak lanjutnya.'
            : 'Belum ada rencana aksi untuk sel ini. Catat rekomendasi rapat (satu per baris), lalu jadikan rencana aksi.'
        }
      />

      {canWriteNote ? <NoteFormCard v={v} answer={actionData} busy={busy} /> : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
