// A table of rencana aksi (list page, cell drill-down, indicator page).
import { Link } from '@remix-run/react'
import type { ActionItemView } from '../../presenters/actions.server'

export function FollowBadge({ follow, label }: { follow: ActionItemView['followThrough']; label: string }) {
  return <span className={`badge aksi-${follow}`}>{label}</span>
}

export function ActionTable({ items, showCell = true }: { items: ActionItemView[]; showCell?: boolean }) {
  return (
    <div className="table-wrap">
      <table data-testid="action-table">
        <thead>
          <tr>
            <th scope="col">Rencana aksi</th>
            {showCell ? <th scope="col">Sel / indikator</th> : null}
            <th scope="col">Penanggung jawab</th>
            <th scope="col">Tenggat</th>
            <th scope="col">Status</th>
            <th scope="col">Kemajuan dan bukti</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-action={a.id}>
              <td>
                <Link to={a.href}>{a.title}</Link>
                <div className="muted">
                  {a.sourceLabel} · {a.periodLabel}
                </div>
              </td>
              {showCell ? (
                <td>
                  {a.cellLabel ?? ''}
                  {a.indicators.length ? <div className="muted">{a.indicators.map((i) => i.code).join(', ')}</div> : null}
                </td>
              ) : null}
              <td>{a.ownerText}</td>
              <td className="nowrap">
                {a.dueText}
                <div className="muted">{a.dueHint}</div>
              </td>
              <td>
                {a.statusLabel}
                {a.followThrough === 'terlambat' ? (
                  <div>
                    <FollowBadge follow={a.followThrough} label={a.followLabel} />
                  </div>
                ) : null}
              </td>
              <td>
                {a.latestNote ?? <span className="muted">–</span>}
                {a.evidenceText ? <div className="muted">Bukti: {a.evidenceText}</div> : null}
                {a.evidenceLink ? (
                  <div>
                    <a href={a.evidenceLink} rel="noopener noreferrer nofollow" target="_blank">
                      Tautan bukti
                    </a>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
