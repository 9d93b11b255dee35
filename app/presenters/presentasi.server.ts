// Read model of the presentation (app/routes/presentasi.tsx): the beranda's numbers, one radar
// per aspect drawn for the projector, and the flagged cells.
import type { Executor } from '../utils/db.server'
import { chartSet, type DashboardBase } from './dashboard-scope.server'
import { berandaData, type ChartDrawer } from './beranda.server'

export async function presentasiView(db: Executor, base: DashboardBase, draw: ChartDrawer) {
  const beranda = await berandaData(db, base)
  const flagged = beranda.cells.flat().filter((c) => c.flags.length > 0)
  return {
    ...beranda,
    // one slide per aspect: a radar drawn for the projector (larger, ≥ 22 px text)
    ...chartSet(beranda.query, {
      slideRadar: beranda.radar.map((a) =>
        draw.radar({
          id: `slide-radar-${a.aspect}`,
          title: `Lima strategi, aspek ${a.label}`,
          data: a.data,
          max: beranda.cap,
          threshold: beranda.threshold,
          width: 720,
          height: 500,
          fontSize: 22,
        }),
      ),
    }),
    flagged,
  }
}
export type PresentasiView = Awaited<ReturnType<typeof presentasiView>>
