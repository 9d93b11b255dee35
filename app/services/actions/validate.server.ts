// Field rules shared by the create and update use cases; messages in Indonesian.
import { isIsoDay } from '../../domain/actions'

export const ACTION_TITLE_MAX = 500
export const ACTION_NOTE_MAX = 4000
export const EVIDENCE_TEXT_MAX = 2000
export const EVIDENCE_LINK_MAX = 1000

export function titleError(title: string): string | null {
  if (title.length < 3) return 'Judul rencana aksi wajib diisi (paling sedikit 3 karakter).'
  if (title.length > ACTION_TITLE_MAX) return `Judul paling panjang ${ACTION_TITLE_MAX} karakter.`
  return null
}

export function dueDateError(due: string): string | null {
  if (!due) return 'Tenggat wajib diisi.'
  if (!isIsoDay(due)) return 'Tenggat bukan tanggal yang valid (format TTTT-BB-HH).'
  if (due < '2000-01-01' || due > '2100-12-31') return 'Tenggat di luar rentang tahun yang masuk akal.'
  return null
}

export function evidenceLinkError(link: string): string | null {
  if (!link) return null
  if (link.length > EVIDENCE_LINK_MAX) return `Tautan bukti paling panjang ${EVIDENCE_LINK_MAX} karakter.`
  try {
    const u = new URL(link)
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'Tautan bukti harus diawali http:// atau https://.'
  } catch {
    return 'Tautan bukti bukan alamat web yang valid (contoh: https://…).'
  }
  return null
}

/** Text from a form field, trimmed ('' when absent). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '').trim()
