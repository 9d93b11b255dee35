import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { notificationsView } from '../presenters/notifications.server'
import { answerOf, parsePageForm } from '../services/form-answer.server'
import { notificationPageSchema } from '../services/notifications/forms'
import { markNotificationsRead } from '../services/notifications/mark-read.server'
import { CsrfInput } from '../components/csrf'
import { FormMessages } from '../components/form-result'
import { RouteError } from '../components/route-error'

export const meta: MetaFunction = () => [{ title: 'Pengingat — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return notificationsView(getDb(), user.id)
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request)
  const parsed = parsePageForm(form, notificationPageSchema)
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const { status, result } = answerOf(await markNotificationsRead(getDb(), user.id, parsed.value), parsed.value.intent)
  return data(result, { status })
}

export default function Notifikasi() {
  const v = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Pengingat</h1>
        {v.unread > 0 ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="baca-semua" />
            <button type="submit" className="btn btn-secondary" disabled={busy}>
              Tandai semua sudah dibaca ({v.unread})
            </button>
          </Form>
        ) : null}
      </div>
      <FormMessages result={result} />
      <p className="muted">{v.email}</p>
      {v.items.length === 0 ? (
        <div className="empty">
          <p>Belum ada pengingat untuk Anda.</p>
          <p>
            Pengingat muncul saat pengisian triwulan dibuka, menjelang dan setelah batas waktu, saat entri dikembalikan, dan saat rencana aksi Anda jatuh tempo. Lihat{' '}
            <Link to="/aksi?saya=1">tugas rencana aksi Anda</Link>.
          </p>
        </div>
      ) : (
        <ul className="notification-list" data-testid="notifications">
          {v.items.map((n) => (
            <li key={n.id} className={`card notification${n.read ? ' is-read' : ' is-unread'}`}>
              <div className="muted">
                {n.kindLabel} · {n.createdAtText}
                {n.read ? '' : ' · belum dibaca'}
              </div>
              <p>
                <Link to={n.link}>
                  <strong>{n.title}</strong>
                </Link>
              </p>
              <p>{n.body}</p>
              {n.read ? null : (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="baca" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="btn btn-secondary" disabled={busy}>
                    Tandai sudah dibaca
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
