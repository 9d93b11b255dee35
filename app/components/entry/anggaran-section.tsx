// "Realisasi anggaran" on the entry page: its own form (intent=anggaran / anggaran_ajukan), so it
// merges independently of the indicator rows.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import type { AnggaranEntryLine } from '../../services/budget/page-data.server'

export interface AnggaranReply {
  ok: boolean
  message: string
  problems: string[]
  values: Record<string, string>
}

export function AnggaranSection({ lines, year, quarter, reply }: { lines: AnggaranEntryLine[]; year: number; quarter: number; reply: AnggaranReply | null }) {
  if (!lines.length) return null
  const editable = lines.some((l) => l.editable)
  return (
    <section className="card entry-anggaran" aria-labelledby="h-anggaran">
      <h2 id="h-anggaran">Realisasi anggaran</h2>
      <p className="muted">
        Realisasi anggaran triwulan ini per program/kegiatan bidang Anda, dalam rupiah (misalnya 1.250.000 atau 1.250.000,50). Diverifikasi perencanaan bersama realisasi kinerja.
      </p>
      {reply ? (
        <div className={`banner ${reply.ok ? 'banner-ok' : 'banner-error'}`} role={reply.ok ? 'status' : 'alert'}>
          <strong>{reply.message}</strong>
          {!reply.ok && reply.problems.length > 1 ? (
            <ul>
              {reply.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="tahun" value={year} />
        <input type="hidden" name="triwulan" value={quarter} />
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Kode</th>
              <th scope="col">Program/Kegiatan</th>
              <th scope="col">Pagu {year}</th>
              <th scope="col">Realisasi triwulan (Rp)</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.programId}>
                <td>{l.code}</td>
                <td>{l.name}</td>
                <td>{l.pagu}</td>
                <td>
                  <input type="hidden" name={`a.${l.programId}.version`} value={l.version ?? ''} />
                  <input
                    name={`a.${l.programId}.amount`}
                    aria-label={`Realisasi anggaran ${l.code}`}
                    inputMode="decimal"
                    defaultValue={reply && !reply.ok ? (reply.values[l.programId] ?? l.amount) : l.amount}
                    disabled={!l.editable}
                  />
                </td>
                <td>
                  {l.statusLabel ?? '–'}
                  {l.historical ? ' · historis' : ''}
                  {l.returnNote ? <div className="field-error">Dikembalikan: {l.returnNote}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {editable ? (
          <div className="toolbar">
            <button type="submit" name="intent" value="anggaran" className="btn btn-secondary">
              Simpan anggaran sebagai draf
            </button>
            <button type="submit" name="intent" value="anggaran_ajukan" className="btn">
              Ajukan realisasi anggaran
            </button>
          </div>
        ) : null}
      </Form>
    </section>
  )
}
