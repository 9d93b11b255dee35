// "Realisasi anggaran" on /verifikasi: verify or return each submitted row.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { ColumnHeads } from '../data-table'

export interface AnggaranReviewLine {
  id: number
  version: number
  code: string
  name: string
  unit: string | null
  amount: string
  pagu: string
  capaianTriwulan: string
  status: string
  statusLabel: string
  returnNote: string | null
  historical: boolean
}

export function AnggaranReview({ lines, quarterTitle }: { lines: AnggaranReviewLine[]; quarterTitle: string }) {
  return (
    <section className="card" aria-labelledby="h-anggaran-verif">
      <h2 id="h-anggaran-verif">Realisasi anggaran — {quarterTitle}</h2>
      {lines.length === 0 ? (
        <p className="muted">Belum ada realisasi anggaran untuk triwulan ini. Bidang mengisinya di halaman Input Realisasi.</p>
      ) : (
        <table className="table">
          <ColumnHeads labels={['Kode', 'Program/Kegiatan', 'Unit', 'Pagu', 'Realisasi', '% pagu', 'Status', 'Tindakan']} />
          <tbody>
            {lines.map((l) => (
              <tr key={l.id}>
                <td>{l.code}</td>
                <td>{l.name}</td>
                <td>{l.unit ?? '–'}</td>
                <td>{l.pagu}</td>
                <td>{l.amount}</td>
                <td>{l.capaianTriwulan}</td>
                <td>
                  {l.statusLabel}
                  {l.historical ? ' · historis' : ''}
                  {l.returnNote ? <div className="muted">Catatan: {l.returnNote}</div> : null}
                </td>
                <td>
                  {l.status === 'diajukan' ? (
                    <>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="id" value={l.id} />
                        <input type="hidden" name="version" value={l.version} />
                        <button type="submit" name="intent" value="anggaran_verify" className="btn btn-small">
                          Verifikasi<span className="sr-only"> anggaran {l.code}</span>
                        </button>
                      </Form>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="id" value={l.id} />
                        <input type="hidden" name="version" value={l.version} />
                        <label htmlFor={`ang-catatan-${l.id}`} className="sr-only">
                          Catatan pengembalian {l.code}
                        </label>
                        <input id={`ang-catatan-${l.id}`} name="catatan" placeholder="Catatan pengembalian" />
                        <button type="submit" name="intent" value="anggaran_return" className="btn btn-secondary btn-small">
                          Kembalikan
                        </button>
                      </Form>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
