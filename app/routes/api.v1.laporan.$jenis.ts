import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { requireApiAccess } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { canExport, EXPORT_KINDS, EXPORTS, exportResponse, parseExportKind } from '../services/excel/exports.server'

const API_KINDS = EXPORT_KINDS.filter((k) => EXPORTS[k].api)

// GET /api/v1/laporan/<jenis>.xlsx?tahun=2025&triwulan=4[&periode=…][&unit=ID][&opd=ID]
// The workbooks of /laporan marked `api` in the registry (exports.server.ts): with a session
// holding the kind's permission, or with an API token when the registry allows tokens for it
// (the reports; never the audit workbook). Read-only.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb()
  const access = await requireApiAccess(request, db)
  const kind = parseExportKind(params.jenis)
  if (!kind || !EXPORTS[kind].api) return json({ error: `Jenis laporan tidak dikenal. Pilih ${API_KINDS.join(', ')}.` }, 404)
  if (access.kind === 'token') {
    if (!EXPORTS[kind].tokenAllowed)
      return json({ error: `Laporan ini hanya dapat diunduh dengan sesi pengguna yang berhak (${EXPORTS[kind].permission}); token API tidak diterima.` }, 403)
  } else if (!canExport(access.user, kind)) {
    return json({ error: 'Anda tidak memiliki izin untuk laporan ini.' }, 403)
  }
  const res = await exportResponse(
    db,
    access.kind === 'token' ? { kind: 'token', opdId: access.opdId } : { kind: 'session', user: access.user },
    kind,
    new URL(request.url).searchParams,
    now(),
    (context as { requestId?: string } | undefined)?.requestId ?? null,
  )
  if (res.status === 400 || res.status === 403) return json({ error: await res.text() }, res.status)
  return res
}

function json(body: unknown, status: number) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  })
}
