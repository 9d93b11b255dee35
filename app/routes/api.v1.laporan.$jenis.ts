import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { requireApiAccess } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { canExport, exportResponse, parseExportKind } from '../services/excel/exports.server'

// GET /api/v1/laporan/<jenis>.xlsx?tahun=2025&triwulan=4[&periode=…][&unit=ID][&opd=ID]
// The same workbooks as /laporan: e81 and rekap with a session (export:read) or an API token;
// audit only with a session holding audit:read. Read-only.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb()
  const access = await requireApiAccess(request, db)
  const kind = parseExportKind(params.jenis)
  if (!kind || kind.startsWith('templat')) return json({ error: 'Jenis laporan tidak dikenal. Pilih e81, rekap, atau audit.' }, 404)
  if (access.kind === 'token') {
    if (kind === 'audit') return json({ error: 'Buku kerja audit hanya dapat diunduh dengan sesi pengguna yang berhak (audit:read).' }, 403)
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
  if (res.status === 400) return json({ error: await res.text() }, 400)
  return res
}

function json(body: unknown, status: number) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  })
}
