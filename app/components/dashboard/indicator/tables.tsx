// The indicator page's tables: target and realisation per Renstra year, the quarters of the
// chosen year, every realisation entry with its evidence, and the audit history of the entries.
import type { IndicatorPageView } from '../../../presenters/indicator.server'
import { PredikatBadge } from '../banners'

export function PerYearTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-years">
      <h2 id="h-years">Target dan realisasi per tahun</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Tahun</th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col" className="num">
                Realisasi
              </th>
              <th scope="col" className="num">
                Capaian
              </th>
              <th scope="col">Predikat</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {v.perYear.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td className="num">{y.targetText}</td>
                <td className="num">{y.realisasiText}</td>
                <td className="num">{y.capaianText}</td>
                <td>
                  <PredikatBadge predikatKey={y.predikatKey} label={y.predikatLabel} />
                </td>
                <td>{y.statusLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export function QuarterTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-quarters">
      <h2 id="h-quarters">Per triwulan tahun {v.period.year}</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Triwulan</th>
              <th scope="col" className="num">
                Target triwulan
              </th>
              <th scope="col" className="num">
                Realisasi
              </th>
              <th scope="col" className="num">
                Capaian
              </th>
              <th scope="col">Predikat</th>
              <th scope="col">Status entri</th>
              <th scope="col">Batas waktu</th>
            </tr>
          </thead>
          <tbody>
            {v.quarters.map((q) => (
              <tr key={q.quarter}>
                <th scope="row">{q.label}</th>
                <td className="num">{q.targetText}</td>
                <td className="num">{q.valueText}</td>
                <td className="num">{q.capaianText}</td>
                <td>
                  <PredikatBadge predikatKey={q.predikatKey} label={q.predikatLabel} />
                </td>
                <td>
                  {q.workflowKey ? <span className={`badge status-${q.workflowKey}`}>{q.workflow}</span> : q.workflow}
                  {q.isLate ? ' · dientri terlambat' : ''}
                </td>
                <td>{q.deadlineText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export function EntriesTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-entries">
      <h2 id="h-entries">Entri realisasi dan bukti dukung</h2>
      {v.entries.length === 0 ? (
        <p className="empty">Belum ada entri realisasi.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Periode</th>
                <th scope="col" className="num">
                  Nilai
                </th>
                <th scope="col">Status</th>
                <th scope="col">Bukti dukung</th>
                <th scope="col">Kendala / tindak lanjut</th>
                <th scope="col">Dientri</th>
                <th scope="col">Diajukan</th>
                <th scope="col">Diverifikasi</th>
              </tr>
            </thead>
            <tbody>
              {[...v.entries].reverse().map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.period}</th>
                  <td className="num">{e.valueText}</td>
                  <td>
                    <span className={`badge status-${e.statusKey}`}>{e.status}</span>
                    {e.isLate ? <div className="muted">dientri terlambat</div> : null}
                    {e.returnNote ? <div className="muted">Catatan pengembalian: {e.returnNote}</div> : null}
                  </td>
                  <td>
                    {e.buktiText ? <div>{e.buktiText}</div> : null}
                    {e.buktiLink ? (
                      <a href={e.buktiLink} rel="noopener noreferrer" target="_blank">
                        Tautan bukti
                      </a>
                    ) : e.buktiLinkRaw ? (
                      <span>{e.buktiLinkRaw}</span>
                    ) : null}
                    {e.buktiInternal ? <div className="badge evidence-internal">Internal (tidak ditampilkan publik)</div> : null}
                    {!e.buktiText && !e.buktiLinkRaw ? <span className="muted">–</span> : null}
                  </td>
                  <td>
                    {e.kendala ? <div>Kendala: {e.kendala}</div> : null}
                    {e.tindakLanjut ? <div>Tindak lanjut: {e.tindakLanjut}</div> : null}
                    {!e.kendala && !e.tindakLanjut ? <span className="muted">–</span> : null}
                  </td>
                  <td>{e.entered}</td>
                  <td>{e.submitted}</td>
                  <td>{e.verified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function AuditHistoryTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-history">
      <h2 id="h-history">Riwayat entri dan verifikasi (jejak audit)</h2>
      {v.history.length === 0 ? (
        <p className="muted">Belum ada catatan jejak audit untuk entri indikator ini (data awal dimuat tanpa riwayat perubahan).</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Waktu</th>
                <th scope="col">Periode</th>
                <th scope="col">Tindakan</th>
                <th scope="col">Oleh</th>
                <th scope="col">Perubahan</th>
                <th scope="col">Alasan</th>
              </tr>
            </thead>
            <tbody>
              {v.history.map((h) => (
                <tr key={h.id}>
                  <td>{h.when}</td>
                  <td>{h.period}</td>
                  <td>{h.action}</td>
                  <td>
                    {h.actor} <span className="muted">({h.role})</span>
                  </td>
                  <td>
                    {h.changes.length ? (
                      <ul className="plain-list">
                        {h.changes.map((c, k) => (
                          <li key={k}>{c}</li>
                        ))}
                      </ul>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>{h.reason ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
