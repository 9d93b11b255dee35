// Shared parts of the Renstra use cases: limits, small parsers, the refusal that rolls a transaction
// back (nothing written), the closed-period and "changed by" messages, and the scope check.
import type { Executor } from '../../utils/db.server'
import { forbidden, type SessionUser } from '../auth.server'
import { getSettings } from '../../models/settings.server'
import { formatNumberTrim } from '../../domain'
import { formatDateTime } from '../../utils/entry-format'
import type { FormErrors } from '../../utils/renstra-fields'

export const RENSTRA_LIMITS = {
  code: 40,
  programCode: 60,
  name: 500,
  periodName: 200,
  satuan: 40,
  definition: 1000,
  reason: 2000,
  deletedReason: 500,
  maxAbs: 1e14,
  maxWeight: 1000,
  maxPeriodYears: 10,
} as const

export const text = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '')
export const clean = (s: string): string | null => {
  const t = s.replace(/\r\n/g, '\n').trim()
  return t === '' ? null : t
}
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6
export const num = (v: unknown): number | null => (v == null ? null : Number(v))
export const sameNumber = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === null ? (b ?? null) === null : b != null && Math.abs(round6(a!) - round6(b)) < 1e-9

export function optionalId(s: string): number | null {
  const t = s.trim()
  return /^\d{1,9}$/.test(t) && Number(t) > 0 ? Number(t) : null
}

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/
export const fmt = (v: number) => formatNumberTrim(v, 6)
export const yearsLabel = (years: number[]) => (years.length === 1 ? `tahun ${years[0]}` : `tahun ${years.slice(0, -1).join(', ')} dan ${years[years.length - 1]}`)

/** A user bound to an OPD manages only that OPD's Renstra (IDOR → 403, nothing written). */
export function assertOpdScope(user: SessionUser, opdId: number): void {
  if (user.opdId != null && user.opdId !== opdId) forbidden('Renstra ini bukan milik perangkat daerah Anda.')
}

export function notFound(message: string): never {
  throw new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Refuses a change inside a transaction: the transaction rolls back, nothing is written. */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly errors: FormErrors = {},
    readonly general: string[] = [],
  ) {
    super(message)
  }
}

export const closedMessage = (p: { name: string; start_year: number; end_year: number }) =>
  `Periode ${p.name} (${p.start_year}–${p.end_year}) sudah ditutup; perubahan tidak dapat disimpan. Buka kembali periodenya lebih dulu bila memang perlu diubah.`

export async function changedByText(db: Executor, who: { name: string; at: string } | null): Promise<string> {
  if (!who) return 'Data sudah diubah oleh pengguna lain sejak halaman ini dimuat.'
  const tz = (await getSettings(db)).scoring.timeZone
  return `Data sudah diubah oleh ${who.name} pada ${formatDateTime(who.at, tz)}.`
}

/** Parses a route id param; 404 when it is not a positive integer. */
export function idParam(raw: string | undefined): number {
  const id = optionalId(raw ?? '')
  if (id === null) notFound('Indikator tidak ditemukan.')
  return id
}
