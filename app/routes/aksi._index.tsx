import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { actionViews } from '../presenters/actions.server'
import { canManageActions } from '../services/actions/access.server'
import { now } from '../utils/clock.server'
import { ActionTable } from '../components/actions/action-table'
import { RouteError } from '../components/route-error'
import type { ActionStatus } from '../domain/actions'

export const meta: MetaFunction = () => [{ title: 'Rencana Aksi — Dasbor Kinerja Strategi' }]

const VIEWS = { terbuka: 'Belum selesai', selesai: 'Selesai', semua: 'Semua' } as const
type ViewKey = keyof typeof VIEWS
const STATUSES: Record<ViewKey, ActionStatus[] | undefined> = { terbuka: ['direncanakan', 'berjalan'], selesai: ['selesai'], semua: undefined }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const url = new URL(request.url)
  const mine = url.searchParams.get('saya') === '1'
  const view = (Object.keys(VIEWS) as ViewKey[]).find((k) => k === url.searchParams.get('tampil')) ?? 'terbuka'
  const db = getDb()
  const items = await actionViews(db, { opdId: user.opdId, ownerUserId: mine ? user.id : undefined, statuses: STATUSES[view] }, now(), user)
  return {
    items,
    mine,
    view,
    created: Number(url.searchParams.get('dibuat') ?? 0) || 0,
    canCreate: user.opdId != null && canManageActions(user, user.opdId),
  }
}

export default function AksiList() {
  const v = useLoaderData<typeof loader>()
  const q = (p: Record<string, string>) => `?${new URLSearchParams({ ...(v.mine ? { saya: '1' } : {}), tampil: v.view, ...p }).toString()}`
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>{v.mine ? 'Tugas saya: rencana aksi' : 'Rencana aksi'}</h1>
          <p className="page-sub">Keputusan rapat dan tindak lanjut indikator, dengan penanggung jawab, tenggat, status, dan bukti.</p>
        </div>
        {v.canCreate ? (
          <Link className="btn" to="/aksi/baru">
            Buat rencana aksi
          </Link>
        ) : null}
      </div>
      {v.created > 0 ? (
        <p className="banner banner-ok" role="status">
          {v.created} rencana aksi dibuat.
        </p>
      ) : null}
      <nav className="toolbar" aria-label="Saring rencana aksi">
        <Link className={`btn ${v.mine ? '' : 'btn-secondary'}`} to={`?${new URLSearchParams({ saya: '1', tampil: v.view })}`}>
          Tugas saya
        </Link>
        <Link className={`btn ${v.mine ? 'btn-secondary' : ''}`} to={`?${new URLSearchParams({ tampil: v.view })}`}>
          Semua di perangkat daerah
        </Link>
        {(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((k) => (
          <Link key={k} className={`btn ${k === v.view ? '' : 'btn-secondary'}`} to={q({ tampil: k })} aria-current={k === v.view ? 'page' : undefined}>
            {VIEWS[k]}
          </Link>
        ))}
      </nav>
      {v.items.length === 0 ? (
        <div className="empty">
          <p>{v.mine ? 'Tidak ada rencana aksi yang ditugaskan kepada Anda untuk tampilan ini.' : 'Belum ada rencana aksi untuk tampilan ini.'}</p>
          <p>
            Rencana aksi dibuat dari rekomendasi catatan rapat (buka sel matriks di <Link to="/">beranda</Link>), dari tindak lanjut sebuah indikator, atau langsung
            {v.canCreate ? (
              <>
                {' '}
                lewat <Link to="/aksi/baru">Buat rencana aksi</Link>
              </>
            ) : null}
            .
          </p>
        </div>
      ) : (
        <ActionTable items={v.items} />
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
