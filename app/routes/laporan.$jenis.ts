import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { EXPORTS, exportResponse, parseExportKind, textError } from '../services/excel/exports.server'

// GET /laporan/<jenis>.xlsx?tahun=2025&triwulan=4[&periode=…][&unit=ID][&opd=ID|semua]
// jenis: any kind of the registry in exports.server.ts, with the permission it names there.
// Answers with the workbook as an attachment.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const kind = parseExportKind(params.jenis)
  if (!kind) {
    await requireUser(request)
    return textError(404, 'Jenis laporan tidak dikenal.')
  }
  const user = await requireUser(request, { permission: EXPORTS[kind].permission })
  return exportResponse(getDb(), { kind: 'session', user }, kind, new URL(request.url).searchParams, now(), (context as { requestId?: string } | undefined)?.requestId ?? null)
}
