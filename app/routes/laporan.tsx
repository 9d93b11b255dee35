import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { named, SelectField } from '../components/select-field'
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

const SCOPE_OPTIONS = [
  { value: 'triwulan', label: 'Tahun berjalan s.d. triwulan' },
  { value: 'satu_triwulan', label: 'Triwulan itu saja' },
  { value: 'renstra', label: 'Renstra s.d. triwulan' },
]

type LaporanData = ReturnType<typeof useLoaderData<typeof loader>>

/** Scope and period of the downloads: OPD (city level), bidang, year, quarter and the kind of recap. */
function ReportPickers({ d }: { d: LaporanData }) {
  return (
    <div className="toolbar excel-pickers">
      {d.cityLevel ? (
        <SelectField
          id="lp-opd"
          name="opd"
          label="Perangkat daerah"
          options={[{ value: 'semua', label: 'Semua perangkat daerah' }, ...named(d.opdOptions)]}
          defaultValue={String(d.opdId)}
        />
      ) : null}
      <SelectField id="lp-unit" name="unit" label="Bidang / unit" options={[{ value: 'semua', label: 'Semua bidang' }, ...named(d.units)]} defaultValue="semua" />
      <SelectField id="lp-tahun" name="tahun" label="Tahun" options={d.years.map((y) => ({ value: y, label: String(y) }))} defaultValue={String(d.period.year)} />
      <SelectField id="lp-triwulan" name="triwulan" label="Sampai dengan" options={QUARTERS} defaultValue={String(d.period.quarter)} />
      <SelectField id="lp-periode" name="periode" label="Cakupan rekap" options={SCOPE_OPTIONS} defaultValue={d.period.kind} />
    </div>
  )
}

/** Where the Excel imports are, for those who may use them. */
function ImportLinks({ can }: { can: LaporanData['can'] }) {
  return (
    <section className="card" aria-labelledby="h-impor">
      <h2 id="h-impor">Impor dari Excel</h2>
      <ul>
        {can.realisasi ? (
          <li>
            <Link to="/impor/realisasi">Impor realisasi triwulan</Link> — unduh templat bidang Anda, isi di luar jaringan, unggah kembali; pratinjau sebelum disimpan.
          </li>
        ) : null}
        {can.renstra ? (
          <li>
            <Link to="/impor/renstra">Impor Renstra</Link> — indikator, pemetaan aspek/strategi, dan target tahunan.
          </li>
        ) : null}
      </ul>
    </section>
  )
}

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
            <ReportPickers d={d} />
          </ExcelDownloadForm>
        </section>
      )}
      {d.can.realisasi || d.can.renstra ? <ImportLinks can={d.can} /> : null}
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
