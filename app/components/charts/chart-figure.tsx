import type { ReactNode } from 'react'

/**
 * A chart with its caption and its data as a table behind a <details> toggle, so the numbers
 * are readable without the picture (screen readers, print, colour-blind readers).
 */
export function ChartFigure({
  id,
  title,
  description,
  children,
  legend,
  table,
  className,
}: {
  id: string
  title: string
  description?: string
  children: ReactNode
  legend?: ReactNode
  table: ReactNode
  className?: string
}) {
  return (
    <figure className={`chart-figure${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {description ? <p className="muted chart-desc">{description}</p> : null}
      <div className="chart-box">{children}</div>
      {legend}
      <details className="chart-data">
        <summary>Tabel data: {title}</summary>
        <div className="table-wrap">{table}</div>
      </details>
    </figure>
  )
}
