// The one table markup of the pages: a scrollable, keyboard-focusable wrapper, column headers with
// scope, numbers right-aligned, an optional row header. A page names its columns; the rows are the
// read model's. Shared column sets (target / realisasi / capaian / predikat) live here too, so the
// indicator tables of the dashboard, the cell, the indicator page and the public page read alike.
import type { HTMLAttributes, ReactNode } from 'react'
import { PredikatBadge } from './dashboard/banners'

export interface Column<R> {
  /** A key unique within the table. */
  key: string
  label: ReactNode
  /** Right-aligned number column. */
  num?: boolean
  /** This column is the row's header cell (`<th scope="row">`). */
  rowHeader?: boolean
  /** Extra class of the body cells (a function of the row for per-row styling). */
  className?: string | ((row: R) => string | undefined)
  cell: (row: R) => ReactNode
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined }

export function DataTable<R>({
  columns,
  rows,
  rowKey,
  className,
  caption,
  rowProps,
}: {
  columns: Column<R>[]
  rows: readonly R[]
  rowKey: (row: R, index: number) => string | number
  className?: string
  caption?: ReactNode
  rowProps?: (row: R) => RowAttributes
}) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className={className}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} {...rowProps?.(r)}>
              {columns.map((c) => {
                const extra = typeof c.className === 'function' ? c.className(r) : c.className
                const cls = [c.num ? 'num' : '', extra ?? ''].filter(Boolean).join(' ') || undefined
                return c.rowHeader ? (
                  <th key={c.key} scope="row" className={cls}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} className={cls}>
                    {c.cell(r)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** What a row needs for the capaian columns. */
export interface CapaianCells {
  targetText: string
  realisasiText: string
  capaianText: string
  predikatKey: string
  predikatLabel: string
}

/** Target · Realisasi · Capaian · Predikat, as every indicator table shows them. */
export function capaianColumns<R extends CapaianCells>(): Column<R>[] {
  return [
    { key: 'target', label: 'Target', num: true, cell: (r) => r.targetText },
    { key: 'realisasi', label: 'Realisasi', num: true, cell: (r) => r.realisasiText },
    { key: 'capaian', label: 'Capaian', num: true, cell: (r) => r.capaianText },
    { key: 'predikat', label: 'Predikat', cell: (r) => <PredikatBadge predikatKey={r.predikatKey} label={r.predikatLabel} /> },
  ]
}

/** A list of texts, or a muted dash when there is none. */
export function ListOrDash({ items, className = 'plain-list' }: { items: ReactNode[]; className?: string }) {
  if (items.length === 0) return <span className="muted">–</span>
  return (
    <ul className={className}>
      {items.map((it, k) => (
        <li key={k}>{it}</li>
      ))}
    </ul>
  )
}

/** The hidden header of a table's last column, the row's links and buttons. */
export const ACTIONS_HEAD = <span className="sr-only">Tindakan</span>

/** A table's header row: one `<th scope="col">` per label, for tables whose cells a page writes itself. */
export function ColumnHeads({ labels }: { labels: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          <th key={i} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  )
}
