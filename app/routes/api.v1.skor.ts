import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { requireApiAccess } from '../services/auth.server'
import { resolveOpdId } from '../models/organisation.server'
import { getSettings } from '../models/settings.server'
import { resolvePeriod, scoreScope } from '../services/scoring.server'
import { now } from '../utils/clock.server'
import { toApiScore } from '../utils/api.server'

// GET /api/v1/skor?tahun=2025&triwulan=4[&periode=renstra][&opd=ID]
// Read-only. A signed-in session or `Authorization: Bearer <token>` (created by an admin).
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const access = await requireApiAccess(request, db)
  const url = new URL(request.url)
  const ownOpd = access.kind === 'session' ? access.user.opdId : access.opdId
  const requested = Number(url.searchParams.get('opd')) || null
  const opdId = await resolveOpdId(db, ownOpd, requested)
  if (opdId == null) return json({ error: 'Belum ada data organisasi.' }, 404)
  const settings = (await getSettings(db)).scoring
  const asOf = now()
  const choice = await resolvePeriod(db, opdId, url.searchParams, settings, asOf)
  if (choice.errors.length) return json({ error: 'Parameter periode tidak valid.', errors: choice.errors }, 400)
  const bundle = await scoreScope(db, { opdId }, choice.period, asOf, settings)
  return json(toApiScore(bundle, opdId, asOf), 200)
}

function json(body: unknown, status: number) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  })
}
