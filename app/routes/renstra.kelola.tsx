import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { kelolaActionFromForm } from '../services/renstra/kelola.server'
import { kelolaPageData } from '../presenters/renstra-kelola.server'
import { NodeForm, RenstraTree, type KelolaAnswer, type TreeContext } from '../components/renstra/tree'
import { PeriodForm } from '../components/renstra/period-form'
import { RouteError } from '../components/route-error'
import { NoOrganisation } from '../components/no-organisation'
import { can } from '../utils/permissions'
import { now } from '../utils/clock.server'
import { yearInZone } from '../utils/time'
import styles from '../styles/renstra.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Kelola Renstra — Dasbor Kinerja Strategi' }]

const FLASH: Record<string, string> = {
  periode: 'Periode Renstra baru ditambahkan. Tambahkan tujuan, sasaran, program dan indikatornya.',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  const url = new URL(request.url)
  const page = await kelolaPageData(getDb(), user, url)
  return {
    ...page,
    canAdmin: can(user.role, 'users:manage'),
    cityLevel: user.opdId == null,
    currentYear: yearInZone(now()),
    flash: FLASH[url.searchParams.get('pesan') ?? ''] ?? null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const url = new URL(request.url)
  const { formKey, values, result } = await kelolaActionFromForm(getDb(), user, url, form, context?.requestId ?? null)
  if (result.ok && result.periodId) {
    const opd = url.searchParams.get('opd')
    return redirect(`/renstra/kelola?${opd ? `opd=${encodeURIComponent(opd)}&` : ''}periode=${result.periodId}&pesan=periode`)
  }
  const body: KelolaAnswer = result.ok
    ? { formKey, ok: true, message: result.message, errors: {}, problems: [], values: null }
    : { formKey, ok: false, message: result.message, errors: result.errors, problems: result.problems, values }
  return data(body, { status: result.ok ? 200 : result.status })
}

export default function KelolaRenstraPage() {
  const d = useLoaderData<typeof loader>()
  const answer = (useActionData<typeof action>() as KelolaAnswer | undefined) ?? null
  const navigation = useNavigation()
  const busyKey = navigation.state === 'submitting' ? String(navigation.formData?.get('form_key') ?? '') : null

  if (!d.opd) {
    return <NoOrganisation canAdmin={d.canAdmin} heading="Belum ada perangkat daerah" />
  }
  const opdQuery = d.cityLevel ? `opd=${d.opd.id}&` : ''
  const search = `?${opdQuery}${d.period ? `periode=${d.period.id}` : ''}${d.showDeleted ? '&tampilkan=semua' : ''}`
  const ctx: TreeContext | null = d.period ? { periodId: d.period.id, search, closed: !!d.period.closed, units: d.units, answer, busyKey } : null
  const latestEnd = d.periods.reduce((m, p) => Math.max(m, p.end_year), 0)
  const suggestStart = latestEnd ? latestEnd + 1 : d.currentYear

  return (
    <div className="renstra-page">
      <nav className="renstra-breadcrumb" aria-label="Lokasi">
        <Link to="/renstra">Renstra &amp; IKU</Link> › Kelola Renstra
      </nav>
      <h1>Kelola Renstra — {d.opd.name}</h1>
      <p className="muted">
        <Link to="/renstra/anggaran">Pagu anggaran</Link> · <Link to="/impor/historis">Impor data historis</Link>
      </p>

      {d.flash && !answer ? (
        <div className="banner banner-ok" role="status">
          {d.flash}
        </div>
      ) : null}
      {answer?.ok ? (
        <div className="banner banner-ok" role="status">
          {answer.message}
        </div>
      ) : null}

      <section className="card" aria-labelledby="h-periode">
        <h2 id="h-periode">Periode Renstra</h2>
        <Form method="get" className="toolbar renstra-picker">
          {d.cityLevel ? (
            <div>
              <label htmlFor="pilih-opd">Perangkat daerah</label>
              <select id="pilih-opd" name="opd" defaultValue={String(d.opd.id)}>
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
              <select id="pilih-periode" name="periode" defaultValue={d.period ? String(d.period.id) : ''}>
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

        {d.period ? (
          <div className="renstra-period-info">
            <p>
              <strong>{d.period.name}</strong> · {d.period.start_year}–{d.period.end_year} · {d.indicatorCount} indikator aktif ·{' '}
              {d.period.closed ? <span className="badge renstra-closed-badge">ditutup</span> : <span className="badge renstra-open-badge">terbuka</span>}
            </p>
            {d.period.closed ? (
              <p className="banner banner-info" role="note">
                Periode ini sudah ditutup: tujuan, sasaran, program, indikator dan targetnya tidak dapat diubah sampai periodenya dibuka kembali.
              </p>
            ) : null}
            {ctx ? (
              d.period.closed ? (
                <NodeForm
                  ctx={{ ...ctx, closed: false }}
                  formKey={`periode:${d.period.id}:status`}
                  intent="periode.buka"
                  summary="Buka kembali periode"
                  hidden={{ id: String(d.period.id) }}
                  fields={['reason']}
                  reasonRequired
                  reasonLabel="Alasan membuka kembali"
                  submit="Buka kembali"
                  busyLabel="Membuka…"
                />
              ) : (
                <NodeForm
                  ctx={ctx}
                  formKey={`periode:${d.period.id}:status`}
                  intent="periode.tutup"
                  summary="Tutup periode"
                  hidden={{ id: String(d.period.id) }}
                  fields={['reason']}
                  submit="Tutup periode"
                  busyLabel="Menutup…"
                  danger
                  note="Setelah ditutup, Renstra, indikator, target dan realisasi periode ini tidak dapat diubah lagi (bisa dibuka kembali dengan alasan)."
                />
              )
            ) : null}
          </div>
        ) : (
          <p className="muted">Belum ada periode Renstra. Tambahkan periode pertama di bawah.</p>
        )}
        <PeriodForm action={`/renstra/kelola${search}`} answer={answer} busy={busyKey === 'periode:baru'} suggestStart={suggestStart} />
      </section>

      {d.period && ctx ? (
        <section className="card" aria-labelledby="h-pohon">
          <div className="renstra-section-head">
            <h2 id="h-pohon">Tujuan, sasaran, program dan indikator</h2>
            {!d.period.closed ? (
              <Link className="btn" to={`/renstra/indikator/baru?periode=${d.period.id}`}>
                + Indikator baru
              </Link>
            ) : null}
          </div>
          <RenstraTree ctx={ctx} tree={d.tree} loosePrograms={d.loosePrograms} unplaced={d.unplaced} />
        </section>
      ) : null}

      {d.deletedIndicators.length ? (
        <section className="card" aria-labelledby="h-dihapus">
          <h2 id="h-dihapus">Indikator yang dihapus ({d.deletedIndicators.length})</h2>
          <p className="muted">Tidak muncul di input realisasi dan skor; riwayat dan realisasinya tetap tersimpan dan ikut dalam ekspor.</p>
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Kode</th>
                  <th scope="col">Indikator</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Alasan penghapusan</th>
                </tr>
              </thead>
              <tbody>
                {d.deletedIndicators.map((i) => (
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
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
