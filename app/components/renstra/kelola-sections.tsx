// Sections of the kelola page (/renstra/kelola): the period picker with its close / reopen form and
// the form for a new period, and the list of deleted indicators.
import { Form, Link } from '@remix-run/react'
import type { SerializeFrom } from '@remix-run/node'
import type { FormResult } from '../../utils/forms'
import type { kelolaPageData } from '../../presenters/renstra-kelola.server'
import { NodeForm, type TreeContext } from './tree'
import { PeriodForm } from './period-form'
import { ColumnHeads } from '../data-table'

type KelolaPage = SerializeFrom<Awaited<ReturnType<typeof kelolaPageData>>> & { cityLevel: boolean; currentYear: number }

interface PeriodSectionProps {
  d: KelolaPage
  ctx: TreeContext | null
  answer: FormResult | undefined
  search: string
  busyKey: string | null
}

/** The close form of an open period, the reopen form (reason required) of a closed one. */
function PeriodStatusForm({ ctx, period }: { ctx: TreeContext; period: NonNullable<KelolaPage['period']> }) {
  return period.closed ? (
    <NodeForm
      ctx={{ ...ctx, closed: false }}
      intent="periode.buka"
      summary="Buka kembali periode"
      hidden={{ id: String(period.id) }}
      fields={['reason']}
      reasonRequired
      reasonLabel="Alasan membuka kembali"
      submit="Buka kembali"
      busyLabel="Membuka…"
    />
  ) : (
    <NodeForm
      ctx={ctx}
      intent="periode.tutup"
      summary="Tutup periode"
      hidden={{ id: String(period.id) }}
      fields={['reason']}
      submit="Tutup periode"
      busyLabel="Menutup…"
      danger
      note="Setelah ditutup, Renstra, indikator, target dan realisasi periode ini tidak dapat diubah lagi (bisa dibuka kembali dengan alasan)."
    />
  )
}

export function PeriodSection({ d, ctx, answer, search, busyKey }: PeriodSectionProps) {
  const period = d.period
  const latestEnd = d.periods.reduce((m, p) => Math.max(m, p.end_year), 0)
  const suggestStart = latestEnd ? latestEnd + 1 : d.currentYear
  return (
    <section className="card" aria-labelledby="h-periode">
      <h2 id="h-periode">Periode Renstra</h2>
      <Form method="get" className="toolbar renstra-picker">
        {d.cityLevel ? (
          <div>
            <label htmlFor="pilih-opd">Perangkat daerah</label>
            <select id="pilih-opd" name="opd" defaultValue={String(d.opd?.id ?? '')}>
              {d.opdOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {d.periods.length ? (
          <div>
            <label htmlFor="pilih-periode">Periode</label>
            <select id="pilih-periode" name="periode" defaultValue={period ? String(period.id) : ''}>
              {d.periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.start_year}–{p.end_year}){p.closed ? ' — ditutup' : ''}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="renstra-check-wrap">
          <label className="renstra-check">
            <input type="checkbox" name="tampilkan" value="semua" defaultChecked={d.showDeleted} /> Tampilkan yang dihapus
          </label>
        </div>
        <button type="submit" className="btn btn-secondary">
          Tampilkan
        </button>
      </Form>

      {period ? (
        <div className="renstra-period-info">
          <p>
            <strong>{period.name}</strong> · {period.start_year}–{period.end_year} · {d.indicatorCount} indikator aktif ·{' '}
            {period.closed ? <span className="badge renstra-closed-badge">ditutup</span> : <span className="badge renstra-open-badge">terbuka</span>}
          </p>
          {period.closed ? (
            <p className="banner banner-info" role="note">
              Periode ini sudah ditutup: tujuan, sasaran, program, indikator dan targetnya tidak dapat diubah sampai periodenya dibuka kembali.
            </p>
          ) : null}
          {ctx ? <PeriodStatusForm ctx={ctx} period={period} /> : null}
        </div>
      ) : (
        <p className="muted">Belum ada periode Renstra. Tambahkan periode pertama di bawah.</p>
      )}
      <PeriodForm action={`/renstra/kelola${search}`} answer={answer} busy={busyKey === 'periode.tambah'} suggestStart={suggestStart} />
    </section>
  )
}

export function DeletedIndicators({ items }: { items: KelolaPage['deletedIndicators'] }) {
  if (!items.length) return null
  return (
    <section className="card" aria-labelledby="h-dihapus">
      <h2 id="h-dihapus">Indikator yang dihapus ({items.length})</h2>
      <p className="muted">Tidak muncul di input realisasi dan skor; riwayat dan realisasinya tetap tersimpan dan ikut dalam ekspor.</p>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <ColumnHeads labels={['Kode', 'Indikator', 'Unit', 'Alasan penghapusan']} />
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.code}</td>
                <td>
                  <Link to={`/renstra/indikator/${i.id}`}>{i.name}</Link>
                </td>
                <td>{i.unit}</td>
                <td>{i.reason ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
