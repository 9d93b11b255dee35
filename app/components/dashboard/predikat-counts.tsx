import type { BerandaView } from '../../presenters/beranda.server'

/** Number of indicators per predikat (best first) and those without one, by status. */
export function PredikatCounts({ counts }: { counts: BerandaView['predikatCounts'] }) {
  return (
    <ul className="predikat-counts">
      {counts.bands.map((b) => (
        <li key={b.key}>
          <span className={`badge p-${b.key}`}>{b.label}</span> <strong className="count">{b.count}</strong> indikator
        </li>
      ))}
      {counts.without.map((w) => (
        <li key={w.key}>
          <span className="badge p-none">{w.label}</span> <strong className="count">{w.count}</strong> indikator
        </li>
      ))}
    </ul>
  )
}
