// The "Rencana aksi" card of the cell drill-down and the indicator page.
import { Link } from '@remix-run/react'
import type { ActionItemView } from '../../presenters/actions.server'
import { ActionTable } from './action-table'

export function ActionsSection(props: { items: ActionItemView[]; createHref: string | null; createLabel: string; emptyText: string; created?: number; showCell?: boolean }) {
  return (
    <section className="card" aria-labelledby="h-aksi" id="aksi">
      <h2 id="h-aksi">Rencana aksi ({props.items.length})</h2>
      {props.created ? (
        <p className="banner banner-ok" role="status">
          {props.created} rencana aksi dibuat.
        </p>
      ) : null}
      {props.items.length === 0 ? <p className="muted">{props.emptyText}</p> : <ActionTable items={props.items} showCell={props.showCell ?? false} />}
      {props.createHref ? (
        <p>
          <Link className="btn btn-secondary" to={props.createHref}>
            {props.createLabel}
          </Link>
        </p>
      ) : null}
    </section>
  )
}
