import type { ScoreView } from '../../presenters/dashboard-views.server'

/** The head of a score table: the row label's column, then Skor, Predikat and Indikator dinilai. */
export function ScoreTableHead({ label }: { label: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{label}</th>
        <th scope="col" className="num">
          Skor
        </th>
        <th scope="col">Predikat</th>
        <th scope="col" className="num">
          Indikator dinilai
        </th>
      </tr>
    </thead>
  )
}

/** Strategy and aspect roll-ups (weighted means of the same indicator values) as a table. */
export function RollupTable({ caption, rows, headLabel }: { caption: string; headLabel: string; rows: (ScoreView & { label: string; key: string })[] }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="rollup">
        <caption>{caption}</caption>
        <ScoreTableHead label={headLabel} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.text}</td>
              <td>
                <span className={`badge p-${r.predikatKey}`}>{r.predikatLabel}</span>
              </td>
              <td className="num">
                {r.scoredCount} dari {r.indicatorCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
