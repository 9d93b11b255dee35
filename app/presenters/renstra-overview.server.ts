// Read model of /renstra: the OPD's Renstra overview for this year (tujuan, sasaran, units,
// indicators with their target and latest realisation), and whether it holds the demo data.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { getOverview, isDemoOpd, resolveOpdId } from '../models/organisation.server'
import { now } from '../utils/clock.server'
import { yearInZone } from '../utils/time'

export async function renstraOverviewPage(db: Executor, user: SessionUser, url: URL) {
  const opdId = await resolveOpdId(db, user.opdId, Number(url.searchParams.get('opd')) || null)
  const year = yearInZone(now())
  const overview = opdId ? await getOverview(db, opdId, year) : null
  const isDemo = overview ? await isDemoOpd(db, overview.opd.id) : false
  return { year, overview, isDemo }
}
