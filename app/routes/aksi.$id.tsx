import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { getAction, listProgress, assignableUsers } from '../models/actions.server'
import { actionItemView } from '../presenters/actions.server'
import { getSettings } from '../models/settings.server'
import { todayIn } from '../services/actions/flags.server'
import { canManageActions, canSeeOpd } from '../services/actions/access.server'
import { runProgressForm } from '../services/actions/progress-form.server'
import { ACTION_STATUS_LABELS } from '../domain/actions'
import { formatDateTime } from '../utils/entry-format'
import { now } from '../utils/clock.server'
import { RouteError } from '../components/route-error'
import { ActionFacts, ProgressForm, ProgressHistory } from '../components/actions/action-detail'

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
  const answer = await runProgressForm(getDb(), user, id, form, context?.requestId ?? null)
  if (answer.ok) return redirect(`/aksi/${id}?tersimpan=1`)
  if (answer.status === 404) throw notFound()
  if (answer.status === 403) throw new Response(answer.result.formErrors.join(' '), { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return data(answer.result, { status: answer.status })
}

export default function AksiDetail() {
  const { action: a, history, manager, people, saved } = useLoaderData<typeof loader>()
  const r = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
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
      <ActionFacts a={a} />
      {a.canReport ? <ProgressForm a={a} r={r} manager={manager} people={people} busy={busy} /> : null}
      <ProgressHistory history={history} canReport={a.canReport} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/aksi', label: 'Kembali ke rencana aksi' }} />
}
