// Entry completeness of a quarter per bidang: who has reported, and which indicators are missing,
// late, still draft or waiting for an external release (named, with the reason in words).
import type { CompletenessView } from '../../presenters/completeness.server'

export function Completeness({ view, headingLevel = 3, large = false }: { view: CompletenessView; headingLevel?: 2 | 3; large?: boolean }) {
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const id = `kelengkapan-${view.year}-${view.quarter}`
  return (
    <section className={`completeness${large ? ' completeness-large' : ''}`} aria-labelledby={id}>
      <H id={id}>Kelengkapan entri {view.label}</H>
      <p className="muted">
        Batas waktu pelaporan: {view.deadlineText}
        {view.pastDeadline ? ' (sudah lewat)' : ' (belum jatuh tempo)'} · {view.totals.reported} dari {view.totals.total} indikator sudah dilaporkan
        {view.totals.late ? `, ${view.totals.late} terlambat` : ''}
        {view.totals.waitingRelease ? `, ${view.totals.waitingRelease} menunggu rilis` : ''}
      </p>
      <div className="table-wrap" tabIndex={0}>
        <table className="completeness-table">
          <thead>
            <tr>
              <th scope="col">Bidang / unit</th>
              <th scope="col" className="num">
                Dilaporkan
              </th>
              <th scope="col" className="num">
                Terlambat
              </th>
              <th scope="col" className="num">
                Belum / draf
              </th>
              <th scope="col" className="num">
                Menunggu rilis
              </th>
              <th scope="col">Indikator yang belum lengkap</th>
            </tr>
          </thead>
          <tbody>
            {view.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">{u.unitName}</th>
                <td className="num">
                  {u.reported} / {u.total}
                </td>
                <td className={`num${u.late ? ' cell-late' : ''}`}>{u.late}</td>
                <td className="num">{u.pending}</td>
                <td className="num">{u.waitingRelease}</td>
                <td>
                  {u.items.length === 0 ? (
                    <span>Lengkap</span>
                  ) : (
                    <ul className="plain-list">
                      {u.items.map((i) => (
                        <li key={i.indicatorId} className={`entry-${i.state}`}>
                          <strong>{i.code}</strong> {i.name}: <em>{i.stateLabel}</em>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
