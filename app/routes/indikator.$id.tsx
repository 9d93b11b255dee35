import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { resolveDashboard } from '../presenters/dashboard-scope.server'
import { indicatorOpd, indicatorPageView } from '../presenters/indicator.server'
import { PeriodPicker } from '../components/period-picker'
import { DemoBanner, PeriodErrors, PredikatBadge } from '../components/dashboard/banners'
import { RouteError } from '../components/route-error'
import dashboardStyles from '../styles/dashboard.css'
import { actionViews } from '../presenters/actions.server'
import { canManageActions } from '../services/actions/access.server'
import { now } from '../utils/clock.server'
import { ActionsSection } from '../components/actions/actions-section'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.view ? `${data.view.indicator.code} ${data.view.indicator.name} — Dasbor Kinerja Strategi` : 'Indikator — Dasbor Kinerja Strategi' },
]

function notFound(message = 'Indikator tidak ditemukan.'): never {
  throw new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : NaN
  if (!Number.isInteger(id)) notFound()
  const db = getDb()
  const owner = await indicatorOpd(db, id)
  // a user bound to an OPD sees only that OPD's indicators (404, not 403: no hint it exists)
  if (!owner || (user.opdId != null && user.opdId !== owner.opdId)) notFound()
  const base = await resolveDashboard(db, user, new URL(request.url), { opdId: owner.opdId, unitId: owner.unitId })
  if (!base) notFound()
  const view = await indicatorPageView(db, base, id)
  if (!view) notFound(`Indikator ini tidak termasuk periode Renstra tahun ${base.ctx.period.year}. Pilih tahun lain.`)
  return {
    view,
    // rencana aksi serving this indicator; its tindak lanjut becomes one
    actions: await actionViews(db, { opdId: owner.opdId, indicatorId: id }, now(), user),
    actionsCreated: Number(new URL(request.url).searchParams.get('aksi') ?? 0) || 0,
    canCreateAction: canManageActions(user, owner.opdId) || (user.role === 'kepala_bidang' && user.unitId === owner.unitId),
  }
}

export default function IndicatorPage() {
  const { view: v, actions, actionsCreated, canCreateAction } = useLoaderData<typeof loader>()
  const i = v.indicator
  const cur = v.current
  return (
    <div className="dashboard indicator-page">
      <DemoBanner show={v.isDemo} />
      <PeriodErrors errors={v.errors} fallbackLabel={v.periodLabel} />
      <nav className="breadcrumb" aria-label="Lokasi">
        <Link to={`/?${v.query}`}>Beranda</Link> ›{' '}
        <Link to={i.cellHref}>
          {i.aspectLabel} × {i.strategyLabel}
        </Link>{' '}
        › {i.code}
      </nav>
      <h1>
        {i.code} {i.name}
      </h1>
      <p className="page-sub">
        {v.opd.name} · <strong>{v.periodLabel}</strong>
      </p>
      <PeriodPicker picker={v.picker} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="h-info">
          <h2 id="h-info">Keterangan indikator</h2>
          <dl className="meta">
            <dt>Satuan</dt>
            <dd>{i.satuan}</dd>
            <dt>Polaritas</dt>
            <dd>{i.polarity}</dd>
            <dt>Pola ukur</dt>
            <dd>{i.polaUkur}</dd>
            <dt>Aspek</dt>
            <dd>{i.aspectLabel}</dd>
            <dt>Strategi</dt>
            <dd>{i.strategyLabel}</dd>
            <dt>Penanggung jawab</dt>
            <dd>{i.unitName}</dd>
            <dt>Bobot</dt>
            <dd>{i.weight}</dd>
            <dt>Periode Renstra</dt>
            <dd>{i.periodName}</dd>
            {i.sasaran ? (
              <>
                <dt>Sasaran</dt>
                <dd>{i.sasaran}</dd>
              </>
            ) : null}
            {i.program ? (
              <>
                <dt>Program</dt>
                <dd>{i.program}</dd>
              </>
            ) : null}
            <dt>Baseline{i.baselineYear ? ` (${i.baselineYear})` : ''}</dt>
            <dd>{i.baselineText}</dd>
            <dt>Target akhir periode</dt>
            <dd>{i.targetAkhirText}</dd>
            <dt>Mode Renstra</dt>
            <dd data-testid="mode-renstra">
              {v.renstra.modeLabel}
              <div className="muted">{v.renstra.modeHint}</div>
            </dd>
            {i.definition ? (
              <>
                <dt>Definisi</dt>
                <dd>{i.definition}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="h-capaian">
          <h2 id="h-capaian">Capaian</h2>
          <dl className="meta">
            <dt>{v.periodLabel}</dt>
            <dd data-testid="capaian-periode">
              {cur.capaianText} <PredikatBadge predikatKey={cur.predikatKey} label={cur.predikatLabel} />
            </dd>
            <dt>Target / realisasi</dt>
            <dd>
              {cur.targetText} / {cur.realisasiText}
            </dd>
            <dt>Status</dt>
            <dd>{cur.statusLabel}</dd>
            <dt>Renstra s.d. periode ini</dt>
            <dd data-testid="capaian-renstra">
              {v.renstra.realisasiText} dari target akhir {v.renstra.targetText}: <strong>{v.renstra.capaianText}</strong>{' '}
              <span className="muted">({v.renstra.mode === 'akumulasi' ? 'akumulasi seluruh tahun' : 'nilai tahun terakhir'})</span>
            </dd>
          </dl>
          {cur.flags.length ? (
            <div className="banner banner-warn">
              {cur.flags.map((f, k) => (
                <p key={k}>
                  <span aria-hidden="true">⏱</span> {f.kindLabel}: {f.reason}
                </p>
              ))}
            </div>
          ) : null}
        </section>
      </div>

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

      <ActionsSection
        items={actions}
        created={actionsCreated}
        showCell
        createHref={canCreateAction ? `/aksi/baru?indikator=${i.id}` : null}
        createLabel="Jadikan tindak lanjut rencana aksi"
        emptyText="Belum ada rencana aksi untuk indikator ini. Tindak lanjut yang ditulis pada entri realisasi dapat dijadikan rencana aksi dengan penanggung jawab dan tenggat."
      />

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
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
