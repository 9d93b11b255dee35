// Parts of the Renstra overview page (/renstra): the tujuan and sasaran, the units, and the table of
// indicators with this year's target and the latest realisation.
import { Link } from '@remix-run/react'
import type { SerializeFrom } from '@remix-run/node'
import type { getOverview } from '../../models/organisation.server'
import { ASPECT_SHORT, POLA_UKUR_LABELS, POLARITY_SHORT, quarterShort, WORKFLOW_STATUS_LABELS, STRATEGY_SHORT } from '../../domain/labels'
import { formatValue } from '../../domain/format'

type Overview = NonNullable<SerializeFrom<Awaited<ReturnType<typeof getOverview>>>>

export function TujuanCard({ tujuan, canManage }: { tujuan: Overview['tujuan']; canManage: boolean }) {
  return (
    <section className="card" aria-labelledby="h-tujuan">
      <h2 id="h-tujuan">Tujuan dan sasaran Renstra</h2>
      {tujuan.length === 0 ? (
        <p className="muted">
          Belum ada tujuan.{' '}
          {canManage ? (
            <>
              Tambahkan di <Link to="/renstra/kelola">Kelola Renstra</Link>.
            </>
          ) : (
            'Subbagian Perencanaan menambahkannya di Kelola Renstra.'
          )}
        </p>
      ) : null}
      <ol>
        {tujuan.map((t) => (
          <li key={t.id}>
            {t.name}
            {t.sasaran.length ? (
              <ul>
                {t.sasaran.map((s) => (
                  <li key={s.id} className="muted">
                    Sasaran {s.code}: {s.name}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

export function UnitCard({ units }: { units: Overview['units'] }) {
  return (
    <section className="card" aria-labelledby="h-unit">
      <h2 id="h-unit">Unit kerja</h2>
      <ul>
        {units.map((u) => (
          <li key={u.id}>{u.name}</li>
        ))}
      </ul>
    </section>
  )
}

export function IndicatorTable({ year, indicators, canManage }: { year: number; indicators: Overview['indicators']; canManage: boolean }) {
  return (
    <section className="card" aria-labelledby="h-iku">
      <h2 id="h-iku">Indikator kinerja ({indicators.length})</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th>Kode</th>
              <th>Indikator</th>
              <th>Satuan</th>
              <th>Polaritas</th>
              <th>Pola ukur</th>
              <th>Aspek</th>
              <th>Strategi</th>
              <th>Penanggung jawab</th>
              <th className="num">Target {year}</th>
              <th className="num">Realisasi terakhir</th>
              {canManage ? (
                <th>
                  <span className="sr-only">Aksi</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => (
              <tr key={i.id}>
                <td>{i.code}</td>
                <td>
                  <Link to={`/indikator/${i.id}`}>{i.name}</Link>
                </td>
                <td>{i.satuan}</td>
                <td>{POLARITY_SHORT[i.polarity]}</td>
                <td>{POLA_UKUR_LABELS[i.pola_ukur]}</td>
                <td>{ASPECT_SHORT[i.aspect]}</td>
                <td>{STRATEGY_SHORT[i.strategy]}</td>
                <td>{i.unit_short ?? i.unit_name}</td>
                <td className="num">{formatValue(i.target_tahun_ini)}</td>
                <td className="num">
                  {i.latest ? (
                    <>
                      {formatValue(i.latest.value)}{' '}
                      <span className="muted">
                        ({quarterShort(i.latest.quarter)} {i.latest.year}, {WORKFLOW_STATUS_LABELS[i.latest.status as keyof typeof WORKFLOW_STATUS_LABELS]})
                      </span>
                    </>
                  ) : (
                    <span className="muted">belum ada</span>
                  )}
                </td>
                {canManage ? (
                  <td>
                    <Link to={`/renstra/indikator/${i.id}`} aria-label={`Ubah ${i.code}`}>
                      Ubah
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
