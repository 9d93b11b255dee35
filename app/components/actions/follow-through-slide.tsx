// Projector slide "Tindak lanjut rapat sebelumnya": what became of earlier meetings' decisions,
// by cell — done, in progress, overdue.
import type { FollowThroughView } from '../../presenters/actions.server'

export function FollowThroughSlide({ v }: { v: FollowThroughView }) {
  if (v.cells.length === 0) {
    return <p className="slide-lead">Belum ada rencana aksi dari rapat sebelumnya. Rekomendasi rapat dapat dijadikan rencana aksi dari halaman sel matriks.</p>
  }
  return (
    <div className="slide-follow" data-testid="follow-through">
      <p className="follow-counts slide-lead">
        <span data-testid="follow-selesai">Selesai: {v.totals.selesai}</span>
        <span data-testid="follow-berjalan">Dalam proses: {v.totals.berjalan}</span>
        <span data-testid="follow-terlambat">Terlambat: {v.totals.terlambat}</span>
      </p>
      <div className="follow-cells">
        {v.cells.map((c) => (
          <section key={`${c.aspect}-${c.strategy}`} className="card">
            <h3>
              {c.label}{' '}
              <span className="muted">
                ({c.selesai} selesai · {c.berjalan} dalam proses · {c.terlambat} terlambat)
              </span>
            </h3>
            <ul>
              {c.items.map((i) => (
                <li key={i.id} data-follow={i.followThrough}>
                  <span className={`badge aksi-${i.followThrough}`}>{i.followLabel}</span> {i.title} — {i.ownerText}, tenggat {i.dueText}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  )
}
