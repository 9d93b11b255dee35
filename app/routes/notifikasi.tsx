import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { notificationsView } from '../presenters/notifications.server'
import { markRead } from '../models/notifications.server'
import { toDbTime } from '../../db/time'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
import { RouteError } from '../components/route-error'

export const meta: MetaFunction = () => [{ title: 'Pengingat — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return notificationsView(getDb(), user.id)
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request)
  const intent = String(form.get('intent') ?? '')
  const at = toDbTime(now())
  if (intent === 'baca-semua') await markRead(getDb(), user.id, at)
  else if (intent === 'baca') {
    const id = Number(form.get('id'))
    if (!Number.isInteger(id) || id <= 0) throw new Response('Pengingat tidak dikenal.', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    await markRead(getDb(), user.id, at, [id]) // only the user's own rows change
  } else throw new Response('Permintaan tidak dikenal.', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return redirect('/notifikasi')
}

export default function Notifikasi() {
  const v = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Pengingat</h1>
        {v.unread > 0 ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="baca-semua" />
            <button type="submit" className="btn btn-secondary">
              Tandai semua sudah dibaca ({v.unread})
            </button>
          </Form>
        ) : null}
      </div>
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
                  <button type="submit" className="btn btn-secondary">
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
