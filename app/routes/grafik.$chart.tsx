import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { CHART_ID, chartImageOf } from '../presenters/grafik.server'
import { chartDrawer } from '../components/charts/draw.server'

// GET /grafik/<chart id>.svg?<period query>&h=<hash> — a dashboard chart as an SVG image, for the
// same readers and the same OPD as the page that shows it. The drawing comes from the cached
// dashboard view (drawn once per data version); `h` is the hash of the picture the page was
// given, so a matching image is kept by the browser for a day without asking, and a changed one is not.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'dashboard:read' })
  const match = CHART_ID.exec(params.chart ?? '')
  if (!match) throw notFound('Grafik tidak dikenal.')
  const id = match[1]!
  const db = getDb()
  const url = new URL(request.url)
  const wanted = url.searchParams.get('h')
  url.searchParams.delete('h')
  const drawn = await chartImageOf(db, user, url, id, chartDrawer)
  if (!drawn) throw notFound('Belum ada data organisasi.')
  return new Response(drawn.svg, {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      // the same hash is the same picture: kept a day without asking; a stale hash gets today's picture, not kept
      'Cache-Control': wanted === drawn.hash ? 'private, max-age=86400, immutable' : 'private, no-cache',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

function notFound(message: string) {
  return new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
