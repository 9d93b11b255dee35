// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import { Link } from '@remix-run/react'
import type { verificationPageData } from '../../presenters/verification.server'

type Page = Awaited<ReturnType<typeof verificationPageData>>

/** The counts per bidang, each bidang linking to its own queue, with the rows not yet submitted. */
export function BidangSummary({ d, qs }: { d: Page; qs: (extra: Record<string, string | number>) => string }) {
  return (
    <section className="card" aria-labelledby="h-ringkasan">
      <h2 id="h-ringkasan">Ringkasan per bidang</h2>
      {d.bidang.length === 0 ? (
        <p className="empty">
          Tidak ada indikator pada periode ini. Tambahkan di <Link to="/renstra/kelola">Kelola Renstra</Link> atau impor di <Link to="/impor/renstra">Impor Renstra</Link>.
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="verif-summary">
            <thead>
              <tr>
                <th scope="col">Bidang</th>
                <th scope="col" className="num">
                  Diajukan
                </th>
                <th scope="col" className="num">
                  Diverifikasi
                </th>
                <th scope="col" className="num">
                  Dikembalikan
                </th>
                <th scope="col" className="num">
                  Draf
                </th>
                <th scope="col" className="num">
                  Belum diisi
                </th>
                <th scope="col" className="num">
                  Terlambat
                </th>
                <th scope="col">Belum diajukan</th>
              </tr>
            </thead>
            <tbody>
              {d.bidang.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={qs({ bidang: b.id })}>{b.name}</Link>
                  </th>
                  <td className="num">{b.counts.diajukan}</td>
                  <td className="num">{b.counts.diverifikasi}</td>
                  <td className="num">{b.counts.dikembalikan}</td>
                  <td className="num">{b.counts.draft}</td>
                  <td className="num">{b.counts.belum}</td>
                  <td className="num">{b.counts.terlambat}</td>
                  <td>
                    {b.rows.filter((r) => r.notSubmitted).length ? (
                      <ul className="verif-missing">
                        {b.rows
                          .filter((r) => r.notSubmitted)
                          .map((r) => (
                            <li key={r.indicatorId}>
                              {r.code} {r.row?.status === 'draft' ? '(draf)' : r.row?.status === 'dikembalikan' ? '(dikembalikan)' : ''}
                              {d.pastDeadline ? <span className="badge entry-late">terlambat</span> : null}
                            </li>
                          ))}
                      </ul>
                    ) : (
                      <span className="muted">lengkap</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
