// The 3 × 5 matrix of aspects × strategies as an HTML table: colour by predikat (class p-<key>),
// and always the score, the predikat in words, the number of indicators, the flags with their
// reasons and the meeting note in text — colour is never the only signal. A table is keyboard
// and screen-reader friendly and prints as it is.
import { Link } from '@remix-run/react'
import type { CellView } from '../../presenters/dashboard-views.server'

export interface HeatmapProps {
  cells: CellView[][]
  aspects: { aspect: string; label: string }[]
  strategies: { strategy: string; label: string }[]
  caption: string
  /** Cells link to their drill-down (off on the public page). */
  linkCells?: boolean
  showNotes?: boolean
  showReasons?: boolean
  /** Projector: four short lines per cell (⚠ and ≠ are explained in the caption). */
  compact?: boolean
  className?: string
}

function CompactCellContent({ c }: { c: CellView }) {
  return (
    <>
      <span className="sr-only">
        {c.aspectLabel}, {c.strategyLabel}:{' '}
      </span>
      <span className="hm-score">
        {c.text}
        {c.flags.length > 0 ? (
          <>
            {' '}
            <span className="hm-icon" aria-hidden="true">
              ⚠
            </span>
            <span className="sr-only">, perlu perhatian</span>
          </>
        ) : null}
        {c.disagreement ? (
          <>
            {' '}
            <span className="hm-icon" aria-hidden="true">
              ≠
            </span>
            <span className="sr-only">, penilaian rapat tidak sejalan dengan skor</span>
          </>
        ) : null}
      </span>
      <span className="hm-label">{c.value === null ? 'Belum ada data' : c.predikatLabel}</span>
      <span className="hm-count">{c.indicatorCount === 0 ? 'tanpa indikator' : `${c.indicatorCount} indikator`}</span>
      {c.note ? (
        <span className="hm-note">
          Rapat: <strong>{c.note.judgementLabel}</strong>
        </span>
      ) : null}
    </>
  )
}

export function CellContent({ c, showNotes = true, showReasons = true }: { c: CellView; showNotes?: boolean; showReasons?: boolean }) {
  return (
    <>
      <span className="sr-only">
        {c.aspectLabel}, {c.strategyLabel}:{' '}
      </span>
      <span className="hm-score">{c.text}</span>
      <span className="hm-label">{c.value === null ? 'Belum ada data' : c.predikatLabel}</span>
      <span className="hm-count">
        {c.indicatorCount === 0
          ? 'tanpa indikator'
          : c.scoredCount === c.indicatorCount
            ? `${c.indicatorCount} indikator`
            : `${c.scoredCount} dari ${c.indicatorCount} indikator dinilai`}
      </span>
      {c.flags.length > 0 ? (
        <span className="hm-flag">
          <span className="hm-icon" aria-hidden="true">
            ⚠
          </span>{' '}
          <strong>Perlu perhatian</strong>
          {showReasons ? (
            <span className="hm-reasons">
              {c.flags.map((f, i) => (
                <span key={i} className="hm-reason">
                  {f.reason}
                </span>
              ))}
            </span>
          ) : (
            <span className="hm-reasons">{c.flags.map((f) => f.kindLabel).join('; ')}</span>
          )}
        </span>
      ) : null}
      {c.indicatorFlags.length > 0 ? (
        <span className="hm-indflag">
          <span aria-hidden="true">⏱</span> {c.indicatorFlags.map((f) => `${f.indicatorCode}: ${f.kindLabel.toLowerCase()}`).join('; ')}
        </span>
      ) : null}
      {showNotes && c.note ? (
        <span className="hm-note">
          Rapat: <strong>{c.note.judgementLabel}</strong>
        </span>
      ) : null}
      {showNotes && c.disagreement ? (
        <span className="hm-disagree">
          <span aria-hidden="true">≠</span> {c.disagreement}
        </span>
      ) : null}
    </>
  )
}

export function Heatmap({ cells, aspects, strategies, caption, linkCells = true, showNotes = true, showReasons = true, compact = false, className }: HeatmapProps) {
  const content = (c: CellView) => (compact ? <CompactCellContent c={c} /> : <CellContent c={c} showNotes={showNotes} showReasons={showReasons} />)
  const tableClass = `heatmap${compact ? ' heatmap-compact' : ''}`
  return (
    <div className={`table-wrap heatmap-wrap${className ? ` ${className}` : ''}`}>
      <table className={tableClass}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="hm-corner">
              {compact ? 'Aspek' : 'Aspek \\ Strategi'}
            </th>
            {strategies.map((s) => (
              <th scope="col" key={s.strategy}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row, i) => (
            <tr key={aspects[i]?.aspect ?? i}>
              <th scope="row">{aspects[i]?.label}</th>
              {row.map((c) => (
                <td
                  key={c.strategy}
                  className={`hm-cell p-${c.predikatKey}${c.flags.length ? ' hm-flagged' : ''}${c.disagreement ? ' hm-has-disagreement' : ''}`}
                  data-aspect={c.aspect}
                  data-strategy={c.strategy}
                  data-value={c.value === null ? '' : String(c.value)}
                >
                  {linkCells && c.href ? (
                    <Link to={c.href} className="hm-link">
                      {content(c)}
                    </Link>
                  ) : (
                    <div className="hm-link">{content(c)}</div>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
