// Read model of a chart image (app/routes/grafik.$chart.tsx): the drawn chart of the same cached
// view the page was built from (the beranda's charts, or the presentation's slide radars), for the
// same reader and OPD; null when the id is drawn by no view (or the database holds no OPD).
import type { SessionUser } from '../services/auth.server'
import type { Executor } from '../utils/db.server'
import type { ChartSvg } from '../utils/view-types'
import { cachedDashboardView } from './dashboard-scope.server'
import { berandaView, type ChartDrawer } from './beranda.server'
import { presentasiView } from './presentasi.server'

/** The chart ids the image route serves: the beranda's radars, bars and trend, and the slide radars. */
export const CHART_ID = /^((?:slide-)?radar-(?:pengelolaan|layanan|kemitraan)|bar-unit|trend-strategi)\.svg$/

export async function chartImageOf(db: Executor, user: Pick<SessionUser, 'opdId' | 'dataVersion'>, url: URL, id: string, draw: ChartDrawer): Promise<ChartSvg | null> {
  const view = id.startsWith('slide-')
    ? await cachedDashboardView(db, 'presentasi', user, url, (base) => presentasiView(db, base, draw))
    : await cachedDashboardView(db, 'beranda', user, url, (base) => berandaView(db, base, draw))
  return view?.chartSvgs[id] ?? null
}
