import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { getAction, listProgress, assignableUsers } from '../models/actions.server'
import { actionItemView } from '../presenters/actions.server'
import { getSettings } from '../models/settings.server'
import { todayIn } from '../services/actions/flags.server'
import { canManageActions, canSeeOpd } from '../services/actions/access.server'
import { reportProgress, type ProgressField } from '../services/actions/progress.server'
import { field } from '../services/actions/validate.server'
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../domain/actions'
import { formatDateTime } from '../utils/entry-format'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
import { RouteError } from '../components/route-error'
import { FollowBadge } from '../components/actions/action-table'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.action.title} — Rencana Aksi` : 'Rencana Aksi — Dasbor Kinerja Strategi' }]

const notFound = () => new Response('Rencana aksi tidak ditemukan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const id = Number(params.id)
  if (!Number.isInteger(id) || id <= 0) throw notFound()
  const db = getDb()
  const a = await getAction(db, id)
  if (!a || !canSeeOpd(user, a.opdId)) throw notFound()
  const { scoring } = await getSettings(db)
  const manager = canManageActions(user, a.opdId)
  const history = await listProgress(db, id)
  return {
    action: actionItemView(a, todayIn(now(), scoring.timeZone), scoring.timeZone, user),
    history: history.map((h) => ({ ...h, statusLabel: ACTION_STATUS_LABELS[h.status], at: formatDateTime(h.createdAt, scoring.timeZone) })),
    manager,
    people: manager ? (await assignableUsers(db, a.opdId)).map((p) => ({ id: p.id, label: `${p.fullName}${p.unitName ? ` — ${p.unitName}` : ''}` })) : [],
    saved: new URL(request.url).searchParams.get('tersimpan') === '1',
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'dashboard:read' })
  const id = Number(params.id)
  if (!Number.isInteger(id) || id <= 0) throw notFound()
  const values = {
    version: field(form, 'version'),
    status: field(form, 'status'),
    note: field(form, 'catatan'),
    evidenceText: field(form, 'bukti'),
    evidenceLink: field(form, 'tautan'),
    dueDate: field(form, 'tenggat'),
    ownerUserId: field(form, 'pj'),
  }
  const result = await reportProgress(getDb(), user, { id, ...values }, context?.requestId ?? null)
  if (result.ok) return redirect(`/aksi/${id}?tersimpan=1`)
  if (result.status === 404) throw notFound()
  if (result.status === 403) throw new Response(result.form, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return data(
    {
      form: result.form,
      fields: result.fields as Partial<Record<ProgressField, string>>,
      values: { ...values, version: result.current ? String(result.current.version) : values.version },
    },
    { status: result.status },
  )
}

export default function AksiDetail() {
  const { action: a, history, manager, people, saved } = useLoaderData<typeof loader>()
  const r = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const f = r?.fields ?? {}
  const val = r?.values
  const err = (k: ProgressField) =>
    f[k] ? (
      <p className="field-error" id={`${k}-error`}>
        {f[k]}
      </p>
    ) : null
  return (
    <div className="stack">
      <nav className="breadcrumb" aria-label="Lokasi">
        <Link to="/aksi">Rencana aksi</Link> › {a.title}
      </nav>
      <h1>{a.title}</h1>
      {saved ? (
        <p className="banner banner-ok" role="status">
          Kemajuan rencana aksi tersimpan.
        </p>
      ) : null}
      <section className="card">
        <dl className="meta">
          <dt>Status</dt>
          <dd data-testid="aksi-status">
            {a.statusLabel} <FollowBadge follow={a.followThrough} label={a.followLabel} />
          </dd>
          <dt>Tenggat</dt>
          <dd>
            {a.dueText} ({a.dueHint})
          </dd>
          <dt>Penanggung jawab</dt>
          <dd>{a.ownerText}</dd>
          <dt>Melayani</dt>
          <dd>
            {a.cellLabel ?? ''}
            {a.indicators.map((i) => (
              <div key={i.id}>
                <Link to={`/indikator/${i.id}`}>
                  {i.code} {i.name}
                </Link>
              </div>
            ))}
          </dd>
          <dt>Asal</dt>
          <dd>
            {a.sourceLabel}, rapat {a.periodLabel}
          </dd>
        </dl>
      </section>

      {a.canReport ? (
        <section className="card" aria-labelledby="h-progress-form">
          <h2 id="h-progress-form">Laporkan kemajuan</h2>
          <Form method="post" className="stack" aria-describedby={r?.form ? 'progress-error' : undefined}>
            <CsrfInput />
            <input type="hidden" name="version" value={val?.version ?? a.version} />
            {r?.form ? (
              <div className="banner banner-error" role="alert" id="progress-error">
                {r.form}
              </div>
            ) : null}
            <div>
              <label htmlFor="aksi-status">Status</label>
              <select
                id="aksi-status"
                name="status"
                defaultValue={val?.status ?? a.status}
                aria-invalid={f.status ? true : undefined}
                aria-describedby={f.status ? 'status-error' : undefined}
              >
                {ACTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {ACTION_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
              {err('status')}
            </div>
            <div>
              <label htmlFor="aksi-catatan">Catatan kemajuan</label>
              <textarea
                id="aksi-catatan"
                name="catatan"
                rows={3}
                maxLength={4000}
                defaultValue={val?.note ?? ''}
                aria-invalid={f.note ? true : undefined}
                aria-describedby={f.note ? 'note-error' : undefined}
              />
              {err('note')}
            </div>
            <div>
              <label htmlFor="aksi-bukti">Bukti (uraian: nomor surat, dokumen, foto kegiatan)</label>
              <textarea
                id="aksi-bukti"
                name="bukti"
                rows={2}
                maxLength={2000}
                defaultValue={val?.evidenceText ?? ''}
                aria-invalid={f.evidenceText ? true : undefined}
                aria-describedby={f.evidenceText ? 'evidenceText-error' : undefined}
              />
              {err('evidenceText')}
            </div>
            <div>
              <label htmlFor="aksi-tautan">Tautan bukti (opsional)</label>
              <input
                type="url"
                id="aksi-tautan"
                name="tautan"
                maxLength={1000}
                placeholder="https://…"
                defaultValue={val?.evidenceLink ?? ''}
                aria-invalid={f.evidenceLink ? true : undefined}
                aria-describedby={f.evidenceLink ? 'evidenceLink-error' : undefined}
              />
              {err('evidenceLink')}
            </div>
            {manager ? (
              <fieldset>
                <legend>Rencanakan ulang (pimpinan/perencanaan)</legend>
                <label htmlFor="aksi-tenggat">Tenggat</label>
                <input type="date" id="aksi-tenggat" name="tenggat" defaultValue={val?.dueDate || a.dueDate} aria-invalid={f.dueDate ? true : undefined} />
                {err('dueDate')}
                <label htmlFor="aksi-pj">Penanggung jawab</label>
                <select id="aksi-pj" name="pj" defaultValue={val?.ownerUserId || String(a.ownerUserId ?? '')} aria-invalid={f.ownerUserId ? true : undefined}>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
                {err('ownerUserId')}
              </fieldset>
            ) : null}
            <div>
              <button type="submit" className="btn" disabled={busy}>
                {busy ? 'Menyimpan…' : 'Simpan kemajuan'}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="h-history">
        <h2 id="h-history">Riwayat kemajuan</h2>
        {history.length === 0 ? (
          <p className="muted">Belum ada laporan kemajuan.{a.canReport ? ' Laporkan kemajuan pertama lewat formulir di atas.' : ''}</p>
        ) : (
          <ul data-testid="aksi-history">
            {history.map((h) => (
              <li key={h.id}>
                <strong>{h.statusLabel}</strong> · {h.at} · {h.createdByName ?? '–'}
                {h.note ? <div>{h.note}</div> : null}
                {h.evidenceText ? <div className="muted">Bukti: {h.evidenceText}</div> : null}
                {h.evidenceLink ? (
                  <div>
                    <a href={h.evidenceLink} rel="noopener noreferrer nofollow" target="_blank">
                      {h.evidenceLink}
                    </a>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/aksi', label: 'Kembali ke rencana aksi' }} />
}
