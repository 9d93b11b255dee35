import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { EXPORT_PERMISSION, exportResponse, parseExportKind, textError } from '../services/excel/exports.server'

// GET /laporan/<jenis>.xlsx?tahun=2025&triwulan=4[&periode=…][&unit=ID][&opd=ID|semua]
// jenis: e81, rekap (export:read), audit (audit:read), templat-realisasi (realisasi:write),
// templat-renstra (renstra:manage). Answers with the workbook as an attachment.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const kind = parseExportKind(params.jenis)
  if (!kind) {
    await requireUser(request)
    return textError(404, 'Jenis laporan tidak dikenal.')
  }
  const user = await requireUser(request, { permission: EXPORT_PERMISSION[kind] })
  return exportResponse(getDb(), { kind: 'session', user }, kind, new URL(request.url).searchParams, now(), (context as { requestId?: string } | undefined)?.requestId ?? null)
}
