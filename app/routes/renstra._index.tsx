import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { renstraOverviewPage } from '../presenters/renstra-overview.server'
import { can } from '../utils/permissions'
import { NoOrganisation } from '../components/no-organisation'
import { IndicatorTable, TujuanCard, UnitCard } from '../components/renstra/overview'

export const meta: MetaFunction = () => [{ title: 'Renstra & IKU — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const page = await renstraOverviewPage(getDb(), user, new URL(request.url))
  return { ...page, canManage: can(user.role, 'renstra:manage'), canAdmin: can(user.role, 'users:manage') }
}

export default function RenstraOverview() {
  const { year, overview, isDemo, canManage, canAdmin } = useLoaderData<typeof loader>()
  if (!overview) return <NoOrganisation canAdmin={canAdmin} />
  const { opd, period, tujuan, units, indicators } = overview
  return (
    <div>
      {isDemo ? (
        <div className="banner banner-warn" role="note">
          <strong>Data demo.</strong> Nama indikator realistis, tetapi seluruh angka target dan realisasi adalah rekaan untuk demonstrasi.
        </div>
      ) : null}
      <h1>{opd.name}</h1>
      {period ? (
        <p className="muted">
          {period.name} ({period.start_year}–{period.end_year}) · target yang ditampilkan: tahun {year}
        </p>
      ) : (
        <p className="muted">
          Belum ada periode Renstra.{' '}
          {canManage ? (
            <>
              Tambahkan di <Link to="/renstra/kelola">Kelola Renstra</Link> atau impor di <Link to="/impor/renstra">Impor Renstra</Link>.
            </>
          ) : (
            'Subbagian Perencanaan menambahkannya di Kelola Renstra.'
          )}
        </p>
      )}
      <div className="grid grid-2">
        <TujuanCard tujuan={tujuan} canManage={canManage} />
        <UnitCard units={units} />
      </div>
      {canManage && period ? (
        <div className="toolbar">
          <Link className="btn" to={`/renstra/kelola?periode=${period.id}`}>
            Kelola Renstra
          </Link>
          <Link className="btn btn-secondary" to={`/renstra/indikator/baru?periode=${period.id}`}>
            + Indikator baru
          </Link>
        </div>
      ) : null}
      <IndicatorTable year={year} indicators={indicators} canManage={canManage} />
    </div>
  )
}
