import type { ReactNode } from 'react'

import type { ChartImageView } from '../../utils/view-types'

export type { ChartImageView }

/**
 * A chart with its caption and its data as a table behind a <details> toggle, so the numbers
 * are readable without the picture (screen readers, print, colour-blind readers).
 */
export function ChartFigure({ image, legend, table }: { image: ChartImageView; legend?: ReactNode; table: ReactNode }) {
  const { id, title } = image
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div className="chart-box">
        <img className="chart-img" src={image.src} alt={image.alt} width={image.width} height={image.height} decoding="async" />
      </div>
      {legend}
      <details className="chart-data">
        <summary>Tabel data: {title}</summary>
        <div className="table-wrap" tabIndex={0}>
          {table}
        </div>
      </details>
    </figure>
  )
}
