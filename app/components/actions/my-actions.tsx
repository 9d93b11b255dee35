// "Tugas saya — rencana aksi" on the beranda: the signed-in user's open actions.
import { Link } from '@remix-run/react'
import type { MyActionsView } from '../../presenters/actions.server'
import { FollowBadge } from './action-table'

export function MyActions({ v }: { v: MyActionsView | null }) {
  if (!v || v.total === 0) return null
  return (
    <section className="card my-actions" aria-labelledby="h-my-actions" data-testid="my-actions">
      <h2 id="h-my-actions">Tugas saya: rencana aksi ({v.total})</h2>
      <p className="muted">
        {v.overdue > 0 ? `${v.overdue} terlambat` : 'Tidak ada yang terlambat'}
        {v.dueSoon > 0 ? ` · ${v.dueSoon} jatuh tempo dalam 7 hari` : ''}
      </p>
      <ul>
        {v.items.map((a) => (
          <li key={a.id}>
            <Link to={a.href}>{a.title}</Link> — tenggat {a.dueText} ({a.dueHint}){' '}
            {a.followThrough === 'terlambat' ? <FollowBadge follow={a.followThrough} label={a.followLabel} /> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/aksi?saya=1">Semua tugas rencana aksi saya</Link>
      </p>
    </section>
  )
}
