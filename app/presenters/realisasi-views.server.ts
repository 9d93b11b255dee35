// View shapes shared by the entry and verification pages: a saved realisation and its capaian,
// formatted for the page (id-ID numbers, dates in the configured time zone).
import type { RealisasiRow } from '../models/realisasi.server'
import type { capaianSatuTriwulan } from '../domain'
import { formatPercent } from '../domain'
import { formatDateTime, safeHttpUrl, toInputString } from '../utils/entry-format'
import { WORKFLOW_STATUS_LABELS as STATUS_LABELS } from '../domain/labels'
import { formatValue } from '../domain/format'

export interface SavedRowView {
  id: number
  version: number
  valueText: string
  valueShown: string
  tidakDiukur: boolean
  buktiText: string
  buktiLink: string
  buktiHref: string | null
  kendala: string
  tindakLanjut: string
  status: RealisasiRow['status']
  statusLabel: string
  returnNote: string | null
  isLate: boolean
  enteredBy: string | null
  enteredAt: string
  submittedAt: string | null
  verifiedBy: string | null
  verifiedAt: string | null
}

export interface CapaianView {
  raw: number | null
  text: string
  predikatKey: string | null
  predikatLabel: string | null
  needsNarrative: boolean
}

export function capaianView(c: ReturnType<typeof capaianSatuTriwulan>): CapaianView {
  return { raw: c.capaianRaw, text: formatPercent(c.capaianRaw), predikatKey: c.predikat?.key ?? null, predikatLabel: c.predikat?.label ?? null, needsNarrative: c.needsNarrative }
}

type RealisasiWithNamesLike = RealisasiRow & { entered_by_name: string | null; verified_by_name: string | null }

export function savedRowView(r: RealisasiWithNamesLike, timeZone: string): SavedRowView {
  return {
    id: r.id,
    version: r.version,
    valueText: toInputString(r.value),
    valueShown: r.tidak_diukur ? 'Tidak diukur' : formatValue(r.value),
    tidakDiukur: !!r.tidak_diukur,
    buktiText: r.bukti_text ?? '',
    buktiLink: r.bukti_link ?? '',
    buktiHref: safeHttpUrl(r.bukti_link),
    kendala: r.kendala ?? '',
    tindakLanjut: r.tindak_lanjut ?? '',
    status: r.status,
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    returnNote: r.return_note,
    isLate: !!r.is_late,
    enteredBy: r.entered_by_name,
    enteredAt: formatDateTime(r.entered_at ?? r.updated_at, timeZone),
    submittedAt: r.submitted_at ? formatDateTime(r.submitted_at, timeZone) : null,
    verifiedBy: r.verified_by_name,
    verifiedAt: r.verified_at ? formatDateTime(r.verified_at, timeZone) : null,
  }
}
