// Read model of the history page of one realisation (/realisasi/:id/riwayat): the row and every
// audit row about it, oldest first. 403 outside the reader's scope, 404 when unknown.
import type { DB } from '../utils/db.server'
import { forbidden, type SessionUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import { getRealisasiDetail, unitWithDescendants } from '../models/realisasi.server'
import { auditOfEntity } from '../models/audit.server'
import { quarterName } from '../domain'
import { formatDateTime } from '../utils/entry-format'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../domain/labels'
import { formatValue } from '../domain/format'

/** Data of the history panel of one realisation; 403 outside the user's scope, 404 when unknown. */
export async function historyPageData(db: DB, user: SessionUser, id: number) {
  const detail = await getRealisasiDetail(db, id)
  if (!detail) throw new Response('Data realisasi tidak ditemukan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  if (user.role === 'kepala_bidang') {
    const scope = user.unitId == null ? [] : await unitWithDescendants(db, user.unitId)
    if (!scope.includes(detail.unit_id)) forbidden('Riwayat ini bukan milik bidang Anda.')
  } else if (user.opdId != null && user.opdId !== detail.opd_id) forbidden('Riwayat ini bukan milik perangkat daerah Anda.')
  const settings = await getSettings(db)
  const { timeZone } = settings.scoring
  const audit = await auditOfEntity(db, 'realisasi', id)
  return {
    realisasi: {
      id: detail.id,
      code: detail.code,
      name: detail.name,
      satuan: detail.satuan,
      unitName: detail.unit_name,
      year: detail.year,
      quarter: detail.quarter,
      quarterTitle: `${quarterName(detail.quarter)} ${detail.year}`,
      valueShown: detail.tidak_diukur ? 'Tidak diukur' : formatValue(detail.value),
      status: detail.status,
      statusLabel: STATUS_LABELS[detail.status] ?? detail.status,
      version: detail.version,
      enteredBy: detail.entered_by_name,
      enteredAt: formatDateTime(detail.entered_at ?? detail.updated_at, timeZone),
      verifiedBy: detail.verified_by_name,
      verifiedAt: detail.verified_at ? formatDateTime(detail.verified_at, timeZone) : null,
      indicatorDeleted: !!detail.indicator_deleted_at,
    },
    entries: audit.map((a) => ({
      id: a.id,
      at: formatDateTime(a.occurred_at, timeZone),
      actorName: a.actor_name ?? a.actor_username ?? 'sistem',
      actorRole: a.actor_role,
      action: a.action,
      reason: a.reason,
      requestId: a.request_id,
      beforeJson: a.before_json,
      afterJson: a.after_json,
    })),
  }
}
