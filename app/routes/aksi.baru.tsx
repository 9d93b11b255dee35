import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { actionFormView } from '../presenters/action-form.server'
import { createActions, type ActionDraft, type RowErrors } from '../services/actions/create.server'
import { field } from '../services/actions/validate.server'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
import { RouteError } from '../components/route-error'

export const meta: MetaFunction = () => [{ title: 'Buat Rencana Aksi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  return actionFormView(getDb(), user, new URL(request.url), now())
}

interface RowValues {
  use: boolean
  index: string
  title: string
  ownerUserId: string
  dueDate: string
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'dashboard:read' })
  const db = getDb()
  const url = new URL(request.url)
  const view = await actionFormView(db, user, url, now())
  const count = Math.min(Number(field(form, 'jumlah')) || 0, 50)
  const values: RowValues[] = []
  for (let i = 0; i < count; i++) {
    values.push({
      use: form.get(`pakai_${i}`) === 'ya',
      index: field(form, `indeks_${i}`),
      title: field(form, `judul_${i}`),
      ownerUserId: field(form, `pj_${i}`),
      dueDate: field(form, `tenggat_${i}`),
    })
  }
  const cell = view.source.kind === 'langsung' ? field(form, 'sel') : ''
  const indicatorIds =
    view.source.kind === 'tindak_lanjut'
      ? [view.source.indicatorId]
      : form
          .getAll('indikator')
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0)
  const chosen = values.map((v, i) => ({ v, i })).filter(({ v }) => v.use)
  const drafts: ActionDraft[] = chosen.map(({ v }) => {
    const index = v.index === '' ? NaN : Number(v.index)
    // from a note every action is one of its rekomendasi: the service refuses a missing or used one
    return { title: v.title, ownerUserId: v.ownerUserId, dueDate: v.dueDate, ...(view.source.kind === 'catatan' ? { sourceIndex: Number.isInteger(index) ? index : -1 } : {}) }
  })
  const [aspect, strategy] = view.source.kind === 'catatan' ? [view.source.aspect, view.source.strategy] : view.source.kind === 'langsung' && cell ? cell.split('|') : [null, null]
  const result = await createActions(
    db,
    user,
    {
      opdId: view.opdId,
      source: view.source.kind,
      aspect: aspect ?? null,
      strategy: strategy ?? null,
      indicatorIds,
      periodKey: view.source.periodKey,
      sourceNoteId: view.source.kind === 'catatan' ? view.source.noteId : null,
      sourceRealisasiId: view.source.kind === 'tindak_lanjut' ? view.source.realisasiId : null,
      drafts,
    },
    context?.requestId ?? null,
  )
  if (!result.ok) {
    const rowErrors: Record<number, RowErrors> = {}
    chosen.forEach(({ i }, k) => {
      if (result.rows[k] && Object.keys(result.rows[k]!).length) rowErrors[i] = result.rows[k]!
    })
    return data({ form: result.form ?? 'Periksa isian yang ditandai.', rowErrors, values, cell, indicatorIds }, { status: result.status })
  }
  if (view.source.kind === 'langsung') return redirect(`/aksi?dibuat=${result.ids.length}`)
  const back = view.source.backTo
  return redirect(`${back}${back.includes('?') ? '&' : '?'}aksi=${result.ids.length}#aksi`)
}

export default function AksiBaru() {
  const v = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const s = v.source
  const rows = v.rows
  const open = rows.filter((r) => r.doneActionId == null)
  return (
    <div className="stack">
      <nav className="breadcrumb" aria-label="Lokasi">
        <Link to="/aksi">Rencana aksi</Link> › Buat
      </nav>
      <h1>Buat rencana aksi</h1>
      <p className="page-sub">
        {s.kind === 'catatan' ? (
          <>
            Dari rekomendasi catatan rapat <strong>{s.cellLabel}</strong>, {s.periodLabel}. Setiap rekomendasi menjadi satu rencana aksi.
          </>
        ) : s.kind === 'tindak_lanjut' ? (
          <>
            Dari tindak lanjut indikator{' '}
            <strong>
              {s.code} {s.name}
            </strong>{' '}
            ({s.cellLabel}), {s.periodLabel}.
          </>
        ) : (
          <>Rencana aksi langsung, dicatat untuk rapat {s.periodLabel}.</>
        )}
      </p>
      {s.kind === 'catatan' && rows.length === 0 ? (
        <div className="empty">
          <p>Catatan rapat ini belum berisi rekomendasi.</p>
          <p>
            Tulis rekomendasi pada <Link to={s.backTo}>catatan rapat sel ini</Link> (satu rekomendasi per baris), lalu kembali ke sini.
          </p>
        </div>
      ) : s.kind === 'catatan' && open.length === 0 ? (
        <div className="empty">
          <p>Semua rekomendasi catatan ini sudah menjadi rencana aksi.</p>
          <p>
            Lihat di <Link to={`${s.backTo}#aksi`}>halaman sel</Link> atau di <Link to="/aksi">daftar rencana aksi</Link>.
          </p>
        </div>
      ) : (
        <Form method="post" className="stack action-rows" aria-describedby={a?.form ? 'aksi-form-error' : undefined}>
          <CsrfInput />
          <input type="hidden" name="jumlah" value={rows.length} />
          {a?.form ? (
            <div className="banner banner-error" role="alert" id="aksi-form-error">
              {a.form}
            </div>
          ) : null}
          {s.kind === 'langsung' ? (
            <fieldset>
              <legend>Yang dilayani</legend>
              <label htmlFor="aksi-sel">Sel (aspek × strategi)</label>
              <select id="aksi-sel" name="sel" defaultValue={a?.cell ?? ''}>
                <option value="">— tanpa sel (pilih indikator) —</option>
                {v.cells.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              <label htmlFor="aksi-indikator">Indikator (boleh lebih dari satu)</label>
              <select id="aksi-indikator" name="indikator" multiple size={6} defaultValue={(a?.indicatorIds ?? []).map(String)}>
                {v.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label}
                  </option>
                ))}
              </select>
            </fieldset>
          ) : null}
          {rows.map((r, i) => {
            const val = a?.values[i]
            const err = a?.rowErrors[i] ?? {}
            const done = r.doneActionId != null
            return (
              <fieldset key={i} data-testid={`aksi-row-${i}`}>
                <legend>{s.kind === 'catatan' ? `Rekomendasi ${i + 1}` : 'Rencana aksi'}</legend>
                <input type="hidden" name={`indeks_${i}`} value={r.index ?? ''} />
                {done ? (
                  <p className="muted">
                    “{r.title}” sudah menjadi <Link to={`/aksi/${r.doneActionId}`}>rencana aksi</Link>.
                  </p>
                ) : (
                  <>
                    {s.kind === 'catatan' ? (
                      <label>
                        <input type="checkbox" name={`pakai_${i}`} value="ya" defaultChecked={val ? val.use : true} /> Jadikan rencana aksi
                      </label>
                    ) : (
                      <input type="hidden" name={`pakai_${i}`} value="ya" />
                    )}
                    <div>
                      <label htmlFor={`judul_${i}`}>Judul rencana aksi</label>
                      <textarea
                        id={`judul_${i}`}
                        name={`judul_${i}`}
                        rows={2}
                        maxLength={500}
                        defaultValue={val?.title ?? r.title}
                        aria-invalid={err.title ? true : undefined}
                        aria-describedby={err.title ? `judul_${i}-error` : undefined}
                      />
                      {err.title ? (
                        <p className="field-error" id={`judul_${i}-error`}>
                          {err.title}
                        </p>
                      ) : null}
                    </div>
                    <div>
                      <label htmlFor={`pj_${i}`}>Penanggung jawab</label>
                      <select
                        id={`pj_${i}`}
                        name={`pj_${i}`}
                        defaultValue={val?.ownerUserId ?? r.ownerUserId}
                        aria-invalid={err.ownerUserId ? true : undefined}
                        aria-describedby={err.ownerUserId ? `pj_${i}-error` : undefined}
                      >
                        <option value="">— pilih —</option>
                        {v.people.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.label}
                          </option>
                        ))}
                      </select>
                      {err.ownerUserId ? (
                        <p className="field-error" id={`pj_${i}-error`}>
                          {err.ownerUserId}
                        </p>
                      ) : null}
                    </div>
                    <div>
                      <label htmlFor={`tenggat_${i}`}>Tenggat</label>
                      <input
                        type="date"
                        id={`tenggat_${i}`}
                        name={`tenggat_${i}`}
                        defaultValue={val?.dueDate ?? r.dueDate}
                        aria-invalid={err.dueDate ? true : undefined}
                        aria-describedby={err.dueDate ? `tenggat_${i}-error` : undefined}
                      />
                      {err.dueDate ? (
                        <p className="field-error" id={`tenggat_${i}-error`}>
                          {err.dueDate}
                        </p>
                      ) : null}
                    </div>
                  </>
                )}
              </fieldset>
            )
          })}
          <div>
            <button type="submit" className="btn" disabled={busy}>
              {busy ? 'Menyimpan…' : s.kind === 'catatan' ? `Buat rencana aksi dari rekomendasi` : 'Buat rencana aksi'}
            </button>{' '}
            <Link to={s.backTo}>Batal</Link>
          </div>
        </Form>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/aksi', label: 'Kembali ke rencana aksi' }} />
}
