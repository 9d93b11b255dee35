// What the realisation use cases share: text cleaning, the audit snapshot of a row, the quarter
// checks (future / ended), the OPD scope check and the conflict message read after a rollback.
import type { Executor } from '../../utils/db.server'
import { forbidden, type SessionUser } from '../auth.server'
import { findRealisasi, lastChangeOf, type RealisasiRow } from '../../models/realisasi.server'
import { addDays, currentQuarterOf, quarterEndDate, zonedTimeToInstant } from '../../domain'
import type { Quarter } from '../../domain/types'
import { formatDateTime } from '../../utils/entry-format'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../../domain/labels'
import { formatValue } from '../../domain/format'
import type { RowConflict } from './types'

/** A typed text with Windows line ends made plain and the ends trimmed; null when empty. */
export const clean = (s: string): string | null => {
  const t = s.replace(/\r\n/g, '\n').trim()
  return t === '' ? null : t
}
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6

/** Fields of a realisation kept in the audit trail's before/after JSON. */
export function snapshot(r: RealisasiRow | undefined | null) {
  if (!r) return null
  return {
    id: r.id,
    indicator_id: r.indicator_id,
    year: r.year,
    quarter: r.quarter,
    value: r.value,
    tidak_diukur: r.tidak_diukur,
    bukti_text: r.bukti_text,
    bukti_link: r.bukti_link,
    kendala: r.kendala,
    tindak_lanjut: r.tindak_lanjut,
    status: r.status,
    return_note: r.return_note,
    is_late: r.is_late,
    version: r.version,
    entered_by: r.entered_by,
    submitted_by: r.submitted_by,
    verified_by: r.verified_by,
  }
}

/** Compares (year, quarter) pairs. */
const qIndex = (year: number, quarter: number) => year * 4 + (quarter - 1)

/** True when the quarter lies after the current one (it has not started yet). */
export function isFutureQuarter(year: number, quarter: number, asOf: Date, timeZone: string): boolean {
  const c = currentQuarterOf(asOf, timeZone)
  return qIndex(year, quarter) > qIndex(c.year, c.quarter)
}

/** True when the quarter's last day is over in the time zone. */
export function hasQuarterEnded(year: number, quarter: Quarter, asOf: Date, timeZone: string): boolean {
  const endNext = zonedTimeToInstant(addDays(quarterEndDate(year, quarter), 1), timeZone)
  return asOf.getTime() >= endNext.getTime()
}

/** 403 when a user bound to an OPD touches another OPD's data. */
export function assertOpd(user: SessionUser, opdId: number) {
  if (user.opdId != null && user.opdId !== opdId) forbidden('Realisasi ini bukan milik perangkat daerah Anda.')
}

function conflictValueText(r: RealisasiRow): string {
  if (r.tidak_diukur) return 'tidak diukur'
  return r.value == null ? 'kosong' : formatValue(r.value)
}

/** The conflict message for the current state of a row (read after the rollback, outside any transaction). */
export async function describeConflict(db: Executor, indicatorId: number, code: string, year: number, quarter: number, timeZone: string): Promise<RowConflict> {
  const row = await findRealisasi(db, indicatorId, year, quarter)
  if (!row) {
    return {
      indicatorId,
      realisasiId: null,
      code,
      message: 'Data ini sudah tidak ada di basis data. Muat ulang halaman sebelum menyimpan.',
      currentVersion: null,
      current: { value: '', tidakDiukur: false, status: null, statusLabel: null },
    }
  }
  const last = await lastChangeOf(db, row)
  return {
    indicatorId,
    realisasiId: row.id,
    code,
    message: `Data sudah diubah oleh ${last.name} pada ${formatDateTime(last.at, timeZone)} (nilai: ${conflictValueText(row)})`,
    currentVersion: row.version,
    current: {
      value: row.value == null ? '' : formatValue(row.value),
      tidakDiukur: !!row.tidak_diukur,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status] ?? row.status,
    },
  }
}
