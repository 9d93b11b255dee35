import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import { bidangOfOpd } from '../models/realisasi.server'
import { getSettings } from '../models/settings.server'
import { renstraPeriodsOf, resolvePeriod } from '../services/scoring.server'
import { now } from '../utils/clock.server'
import { can } from '../utils/permissions'
import { downloadButtonsFor } from '../services/excel/exports.server'
import { ExcelDownloadForm, type DownloadButton } from '../components/excel-download'
import styles from '../styles/excel.css'

export const meta: MetaFunction = () => [{ title: 'Laporan Excel — Dasbor Kinerja Strategi' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'export:read' })
  const db = getDb()
  const url = new URL(request.url)
  const cityLevel = user.opdId == null
  const requestedOpd = Number(url.searchParams.get('opd')) || null
  const opdId = await resolveOpdId(db, user.opdId, requestedOpd)
  const opdOptions = cityLevel ? (await listOpd(db)).map((o) => ({ id: o.id, name: o.short_name ?? o.name })) : []
  const units = opdId ? (await bidangOfOpd(db, opdId)).top.map((u) => ({ id: u.id, name: u.name })) : []
  const settings = (await getSettings(db)).scoring
  const choice = await resolvePeriod(db, opdId, url.searchParams, settings, now())
  const spans = await renstraPeriodsOf(db, opdId)
  const years = new Set<number>()
  for (const s of spans) for (let y = s.startYear; y <= s.endYear; y++) years.add(y)
  years.add(choice.period.year)
  return {
    cityLevel,
    opdId,
    opdOptions,
    units,
    years: [...years].sort((a, b) => b - a),
    period: { year: choice.period.year, quarter: choice.period.quarter, kind: choice.period.kind },
    periodErrors: choice.errors,
    // the buttons come from the export registry: every kind with a button, for those allowed
    downloads: downloadButtonsFor(user),
    can: {
      audit: can(user.role, 'audit:read'),
      realisasi: can(user.role, 'realisasi:write'),
      renstra: can(user.role, 'renstra:manage'),
    },
  }
}

const QUARTERS = [
  { value: 1, label: 's.d. Triwulan I' },
  { value: 2, label: 's.d. Triwulan II' },
  { value: 3, label: 's.d. Triwulan III' },
  { value: 4, label: 's.d. Triwulan IV (setahun)' },
]

export default function Laporan() {
  const d = useLoaderData<typeof loader>()
  const buttons: DownloadButton[] = d.downloads.map((b) => ({ action: b.action, label: b.label, description: b.description, secondary: b.secondary }))
  return (
    <div className="excel-page">
      <h1>Laporan Excel</h1>
      <p className="muted">
        Semua angka berasal dari mesin penilaian yang sama dengan dasbor. Berkas dapat dibuka di Microsoft Excel maupun LibreOffice; angka ditulis sebagai angka dengan dua desimal
        (pemisah mengikuti pengaturan bahasa komputer Anda).
      </p>
      {d.periodErrors.length ? (
        <div className="banner banner-error" role="alert">
          Periode pada alamat tidak valid ({d.periodErrors.join('; ')}); dipakai periode bawaan.
        </div>
      ) : null}
      {!d.opdId ? (
        <div className="empty">
          Belum ada perangkat daerah di basis data. Admin membuatnya dengan npm run setup atau di halaman Admin › Organisasi; laporan tersedia setelah Renstra disusun.
        </div>
      ) : (
        <section className="card" aria-labelledby="h-unduh">
          <h2 id="h-unduh">Pilih cakupan dan periode</h2>
          <ExcelDownloadForm id="laporan-form" buttons={buttons}>
            <div className="toolbar excel-pickers">
              {d.cityLevel ? (
                <div>
                  <label htmlFor="lp-opd">Perangkat daerah</label>
                  <select id="lp-opd" name="opd" defaultValue={String(d.opdId)}>
                    <option value="semua">Semua perangkat daerah</option>
                    {d.opdOptions.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <div>
                <label htmlFor="lp-unit">Bidang / unit</label>
                <select id="lp-unit" name="unit" defaultValue="semua">
                  <option value="semua">Semua bidang</option>
                  {d.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="lp-tahun">Tahun</label>
                <select id="lp-tahun" name="tahun" defaultValue={String(d.period.year)}>
                  {d.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="lp-triwulan">Sampai dengan</label>
                <select id="lp-triwulan" name="triwulan" defaultValue={String(d.period.quarter)}>
                  {QUARTERS.map((q) => (
                    <option key={q.value} value={q.value}>
                      {q.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="lp-periode">Cakupan rekap</label>
                <select id="lp-periode" name="periode" defaultValue={d.period.kind}>
                  <option value="triwulan">Tahun berjalan s.d. triwulan</option>
                  <option value="satu_triwulan">Triwulan itu saja</option>
                  <option value="renstra">Renstra s.d. triwulan</option>
                </select>
              </div>
            </div>
          </ExcelDownloadForm>
        </section>
      )}
      {d.can.realisasi || d.can.renstra ? (
        <section className="card" aria-labelledby="h-impor">
          <h2 id="h-impor">Impor dari Excel</h2>
          <ul>
            {d.can.realisasi ? (
              <li>
                <Link to="/impor/realisasi">Impor realisasi triwulan</Link> — unduh templat bidang Anda, isi di luar jaringan, unggah kembali; pratinjau sebelum disimpan.
              </li>
            ) : null}
            {d.can.renstra ? (
              <li>
                <Link to="/impor/renstra">Impor Renstra</Link> — indikator, pemetaan aspek/strategi, dan target tahunan.
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return (
    <RouteError
      back={{ to: '/laporan', label: 'Kembali ke Laporan Excel' }}
      generic="Maaf, halaman laporan tidak dapat ditampilkan. Silakan coba lagi; bila berulang, laporkan kode permintaan di bawah ini kepada admin."
    />
  )
}
