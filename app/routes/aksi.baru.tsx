import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { actionFormView } from '../presenters/action-form.server'
import { runCreateForm } from '../services/actions/create-form.server'
import { now } from '../utils/clock.server'
import { CreateActionsForm, NothingToCreate, SourceIntro } from '../components/actions/action-create-form'
import { RouteError } from '../components/route-error'

export const meta: MetaFunction = () => [{ title: 'Buat Rencana Aksi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  return actionFormView(getDb(), user, new URL(request.url), now())
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'dashboard:read' })
  const db = getDb()
  const view = await actionFormView(db, user, new URL(request.url), now())
  const answer = await runCreateForm(db, user, view, form, context?.requestId ?? null)
  if (!answer.ok) return data(answer.result, { status: answer.status })
  if (view.source.kind === 'langsung') return redirect(`/aksi?dibuat=${answer.created}`)
  const back = view.source.backTo
  return redirect(`${back}${back.includes('?') ? '&' : '?'}aksi=${answer.created}#aksi`)
}

export default function AksiBaru() {
  const v = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const s = v.source
  const open = v.rows.filter((r) => r.doneActionId == null)
  return (
    <div className="stack">
      <nav className="breadcrumb" aria-label="Lokasi">
        <Link to="/aksi">Rencana aksi</Link> › Buat
      </nav>
      <h1>Buat rencana aksi</h1>
      <SourceIntro s={s} />
      {s.kind === 'catatan' && open.length === 0 ? <NothingToCreate s={s} empty={v.rows.length === 0} /> : <CreateActionsForm v={v} a={a} busy={busy} />}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/aksi', label: 'Kembali ke rencana aksi' }} />
}
