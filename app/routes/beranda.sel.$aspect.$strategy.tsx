import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { clearKeptDrafts, KeptTextarea, useKeptScope } from '../components/kept-textarea'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { resolveDashboard } from '../presenters/dashboard-scope.server'
import { cellPageView } from '../presenters/cell.server'
import { formatDbTime } from '../presenters/dashboard-views.server'
import { saveNote } from '../services/notes/save-note.server'
import { ASPECTS, JUDGEMENTS, STRATEGIES, type Aspect, type Strategy } from '../domain/types'
import { can } from '../utils/permissions'
import { isJudgement, JUDGEMENT_TEXT, NOTE_TEXT_MAX } from '../utils/notes'
import { CsrfInput } from '../components/csrf'
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

interface NoteValues {
  judgement: string
  kendala: string
  rekomendasi: string
  version: string
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'note:write' })
  const { aspect, strategy } = cellParams(params)
  const db = getDb()
  const url = new URL(request.url)
  const values: NoteValues = {
    judgement: String(form.get('judgement') ?? ''),
    kendala: String(form.get('kendala') ?? ''),
    rekomendasi: String(form.get('rekomendasi') ?? ''),
    version: String(form.get('version') ?? '0'),
  }
  const errors: Partial<Record<keyof NoteValues | 'form', string>> = {}
  if (!isJudgement(values.judgement)) errors.judgement = 'Pilih penilaian rapat: baik, cukup baik, atau kurang.'
  if (values.kendala.trim().length > NOTE_TEXT_MAX) errors.kendala = `Kendala paling panjang ${NOTE_TEXT_MAX} karakter.`
  if (values.rekomendasi.trim().length > NOTE_TEXT_MAX) errors.rekomendasi = `Rekomendasi paling panjang ${NOTE_TEXT_MAX} karakter.`
  const version = /^\d{1,9}$/.test(values.version.trim()) ? Number(values.version.trim()) : NaN
  if (!Number.isInteger(version)) errors.form = 'Formulir tidak lengkap (versi catatan). Muat ulang halaman lalu coba lagi.'

  const base = await resolveDashboard(db, user, url)
  if (!base) throw new Response('Belum ada data organisasi.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  if (base.ctx.errors.length) errors.form = `Periode tidak valid: ${base.ctx.errors.join('; ')}`
  else if (!base.ctx.periodKey) errors.form = 'Catatan rapat dicatat untuk periode "s.d. triwulan" atau "Renstra", bukan untuk satu triwulan saja.'
  if (Object.keys(errors).length) return data({ errors, values, conflict: null }, { status: 400 })

  const result = await saveNote(
    db,
    user,
    {
      opdId: base.opdId,
      aspect,
      strategy,
      periodKey: base.ctx.periodKey!,
      judgement: values.judgement as (typeof JUDGEMENTS)[number],
      kendala: values.kendala.trim() || null,
      rekomendasi: values.rekomendasi.trim() || null,
      version,
    },
    context?.requestId ?? null,
  )
  if (!result.ok) {
    const c = result.conflict
    return data(
      {
        errors: {
          form: `Catatan sudah diubah oleh ${c.updatedByName ?? 'pengguna lain'} pada ${formatDbTime(c.updatedAt, base.bundle.settings.timeZone)}. Isian Anda belum disimpan; periksa catatan terbaru di atas, lalu simpan lagi bila perlu.`,
        } as Partial<Record<keyof NoteValues | 'form', string>>,
        values: { ...values, version: String(c.version) },
        conflict: { judgement: JUDGEMENT_TEXT[c.judgement], kendala: c.kendala, rekomendasi: c.rekomendasi, version: c.version },
      },
      { status: 409 },
    )
  }
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
  const errors = actionData?.errors ?? {}
  const values = actionData?.values
  const version = values?.version ?? String(c.note?.version ?? 0)
  const judgement = values?.judgement ?? c.note?.judgement ?? ''
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

      {canWriteNote ? (
        <section className="card note-form-card" aria-labelledby="h-note-form">
          <h2 id="h-note-form">{c.note ? 'Ubah catatan rapat' : 'Catat hasil rapat'}</h2>
          {!v.periodKey ? (
            <p className="muted">Catatan rapat dicatat untuk periode "s.d. triwulan" atau "Renstra", bukan untuk satu triwulan saja.</p>
          ) : (
            <Form method="post" className="stack note-form" aria-describedby={errors.form ? 'note-form-error' : undefined}>
              <CsrfInput />
              <input type="hidden" name="version" value={version} />
              {errors.form ? (
                <div className="banner banner-error" role="alert" id="note-form-error">
                  {errors.form}
                  {actionData?.conflict ? (
                    <p>
                      Catatan terbaru: <strong>{actionData.conflict.judgement}</strong>
                      {actionData.conflict.rekomendasi ? ` — rekomendasi: ${actionData.conflict.rekomendasi}` : ''}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <fieldset className="judgement-options" aria-invalid={errors.judgement ? true : undefined} aria-describedby={errors.judgement ? 'judgement-error' : undefined}>
                <legend>Penilaian rapat untuk {v.periodLabel}</legend>
                {JUDGEMENTS.map((j) => (
                  <label key={j}>
                    <input type="radio" name="judgement" value={j} defaultChecked={judgement === j} required />
                    {JUDGEMENT_TEXT[j]}
                  </label>
                ))}
                {errors.judgement ? (
                  <p className="field-error" id="judgement-error">
                    {errors.judgement}
                  </p>
                ) : null}
              </fieldset>
              <div>
                <label htmlFor="note-kendala">Kendala</label>
                <KeptTextarea
                  kept={{ area: `catatan:${v.opd.id}:${v.periodKey}`, record: `${c.aspect}-${c.strategy}`, version: `${version}-kendala` }}
                  id="note-kendala"
                  name="kendala"
                  rows={3}
                  maxLength={NOTE_TEXT_MAX}
                  defaultValue={values?.kendala ?? c.note?.kendala ?? ''}
                  aria-invalid={errors.kendala ? true : undefined}
                  aria-describedby={errors.kendala ? 'kendala-error' : undefined}
                />
                {errors.kendala ? (
                  <p className="field-error" id="kendala-error">
                    {errors.kendala}
                  </p>
                ) : null}
              </div>
              <div>
                <label htmlFor="note-rekomendasi">Rekomendasi</label>
                <KeptTextarea
                  kept={{ area: `catatan:${v.opd.id}:${v.periodKey}`, record: `${c.aspect}-${c.strategy}`, version: `${version}-rekomendasi` }}
                  id="note-rekomendasi"
                  name="rekomendasi"
                  rows={3}
                  maxLength={NOTE_TEXT_MAX}
                  defaultValue={values?.rekomendasi ?? c.note?.rekomendasi ?? ''}
                  aria-invalid={errors.rekomendasi ? true : undefined}
                  aria-describedby={errors.rekomendasi ? 'rekomendasi-error' : undefined}
                />
                {errors.rekomendasi ? (
                  <p className="field-error" id="rekomendasi-error">
                    {errors.rekomendasi}
                  </p>
                ) : null}
              </div>
              <div>
                <button type="submit" className="btn" disabled={busy}>
                  {busy ? 'Menyimpan…' : 'Simpan catatan'}
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
