// "Tugas saya" on a kepala bidang's beranda: what is waiting for him, each item linking to the row.
import { Link } from '@remix-run/react'
import type { TugasSayaView } from '../../presenters/beranda.server'

export function TugasSaya({ tugas }: { tugas: TugasSayaView }) {
  return (
    <section className="card tugas-saya" aria-labelledby="h-tugas">
      <h2 id="h-tugas">Tugas saya</h2>
      {tugas.clear ? <p className="muted">Tidak ada realisasi yang dikembalikan, draf yang belum diajukan, atau triwulan yang terlambat.</p> : null}
      {tugas.returned.length ? (
        <>
          <h3>Dikembalikan perencanaan ({tugas.returned.length})</h3>
          <ul className="tugas-list">
            {tugas.returned.map((r) => (
              <li key={`k-${r.indicatorId}-${r.year}-${r.quarter}`}>
                <Link to={r.href}>
                  {r.code} · {r.periodLabel}
                </Link>{' '}
                {r.name}
                {r.returnNote ? <div className="tugas-note">Catatan: {r.returnNote}</div> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {tugas.overdue.length ? (
        <>
          <h3>Triwulan terlambat ({tugas.overdue.length})</h3>
          <ul className="tugas-list">
            {tugas.overdue.map((o) => (
              <li key={`t-${o.year}-${o.quarter}`}>
                <Link to={o.href}>{o.label}</Link>: terlambat {o.daysLate} hari (batas {o.dueLabel}), {o.open} indikator belum diajukan
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {tugas.drafts.length ? (
        <>
          <h3>Draf belum diajukan ({tugas.drafts.length})</h3>
          <ul className="tugas-list">
            {tugas.drafts.map((r) => (
              <li key={`d-${r.indicatorId}-${r.year}-${r.quarter}`}>
                <Link to={r.href}>
                  {r.code} · {r.periodLabel}
                </Link>{' '}
                {r.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
