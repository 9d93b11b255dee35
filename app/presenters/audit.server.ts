// Read model of the audit trail page (/audit): filters, one page of rows, each with its changes.
import type { DB } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { toDbTime } from '../../db/time'
import { getSettings } from '../models/settings.server'
import { auditFilterOptions, listAudit } from '../models/audit.server'
import { addDays, zonedTimeToInstant } from '../domain'
import { formatDateTime, zoneAbbreviation } from '../utils/entry-format'

export const AUDIT_PAGE_SIZE = 50

/**
 * Data of the audit trail page: filters, one page of rows, each with its changes in words. Scoped
 * to the reader's OPD (rows, counts and every filter list); a city-level reader sees every OPD.
 */
export async function auditPageData(db: DB, user: Pick<SessionUser, 'opdId'>, params: URLSearchParams) {
  const settings = await getSettings(db)
  const { timeZone } = settings.scoring
  const errors: string[] = []
  const pick = (k: string, max = 60) => {
    const v = (params.get(k) ?? '').trim()
    return v ? v.slice(0, max) : null
  }
  const dateBound = (k: string, label: string, plusDays: number): string | null => {
    const v = pick(k, 10)
    if (!v) return null
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) {
      errors.push(`Tanggal ${label} "${v}" tidak valid; gunakan format TTTT-BB-HH.`)
      return null
    }
    const d = addDays({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, plusDays)
    return toDbTime(zonedTimeToInstant(d, timeZone))
  }
  const filters = {
    opdId: user.opdId,
    entity: pick('entitas', 40),
    entityId: pick('id', 60),
    action: pick('aksi', 40),
    actor: pick('pengguna', 60),
    fromUtc: dateBound('dari', 'awal', 0),
    toUtc: dateBound('sampai', 'akhir', 1),
  }
  const rawPage = Number(params.get('halaman') ?? '1')
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 1_000_000 ? rawPage : 1
  const [{ total, rows }, options] = await Promise.all([listAudit(db, filters, page, AUDIT_PAGE_SIZE), auditFilterOptions(db, user.opdId)])
  return {
    errors,
    filters: {
      entitas: filters.entity ?? '',
      id: filters.entityId ?? '',
      aksi: filters.action ?? '',
      pengguna: filters.actor ?? '',
      dari: filters.fromUtc ? (params.get('dari') ?? '') : '',
      sampai: filters.toUtc ? (params.get('sampai') ?? '') : '',
    },
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    options,
    timeZoneLabel: zoneAbbreviation(timeZone),
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.occurred_at, timeZone),
      actorName: r.actor_name ?? r.actor_username ?? 'sistem',
      actorUsername: r.actor_username,
      actorRole: r.actor_role,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      reason: r.reason,
      requestId: r.request_id,
      beforeJson: r.before_json,
      afterJson: r.after_json,
    })),
  }
}
