// GET /admin/organisasi/templat?opd=ID → the organisation-and-users workbook (Dumai example filled in).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../utils/db.server'
import { forbidden, requireUser } from '../services/auth.server'
import { findUnit, resolveOpdId } from '../models/organisation.server'
import { buildOrganisationTemplate } from '../services/organisation/workbook.server'
import { attachmentHeaders } from '../services/excel/style.server'
import { now } from '../utils/clock.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'users:manage' })
  const db = getDb()
  const requested = Number(new URL(request.url).searchParams.get('opd')) || null
  if (user.opdId != null && requested != null && requested !== user.opdId) forbidden('Anda hanya dapat mengunduh templat untuk OPD Anda sendiri.')
  const opdId = await resolveOpdId(db, user.opdId, requested)
  const opd = opdId == null ? null : await findUnit(db, opdId)
  const body = await buildOrganisationTemplate({ opdName: opd?.name ?? '(OPD belum ada: buat OPD dulu di halaman Organisasi)', asOf: now() })
  return new Response(new Uint8Array(body), { headers: attachmentHeaders('templat-organisasi-pengguna.xlsx') })
}
