// Shared parts of the budget use cases: the result shape, an abort that rolls a transaction back,
// scope checks and the audit snapshot of a realisasi anggaran row.
import { forbidden, type SessionUser } from '../auth.server'
import type { AnggaranRow, PaguRow } from '../../models/budget.server'

export type BudgetResult = { ok: true; message: string; count: number } | { ok: false; status: 400 | 404 | 409; message: string; problems: string[] }

export class BudgetAbort extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly problems: string[],
  ) {
    super(problems.join(' '))
  }
}

export const fail = (status: 400 | 404 | 409, problems: string[], message?: string): BudgetResult => ({ ok: false, status, message: message ?? problems.join(' '), problems })

export function fromAbort(e: unknown, message409 = 'Data sudah diubah oleh orang lain sejak halaman ini dimuat. Tidak ada yang disimpan.'): BudgetResult {
  if (e instanceof BudgetAbort) return fail(e.status, e.problems, e.status === 409 ? message409 : undefined)
  throw e
}

export function assertBudgetOpd(user: SessionUser, opdId: number): void {
  if (user.opdId != null && user.opdId !== opdId) forbidden('Program ini bukan milik perangkat daerah Anda.')
}

export const paguSnapshot = (r: PaguRow | undefined | null) => (r ? { program_id: r.program_id, year: r.year, pagu: r.pagu, version: r.version } : null)

export const anggaranSnapshot = (r: AnggaranRow | undefined | null) =>
  r
    ? {
        program_id: r.program_id,
        year: r.year,
        quarter: r.quarter,
        amount: r.amount,
        status: r.status,
        return_note: r.return_note,
        is_historical: r.is_historical,
        version: r.version,
      }
    : null

/** Versions posted by forms: '' = no row when the page was loaded. */
export function parseVersion(raw: FormDataEntryValue | null): number | null | 'invalid' {
  const s = typeof raw === 'string' ? raw.trim() : ''
  if (s === '') return null
  return /^\d{1,9}$/.test(s) ? Number(s) : 'invalid'
}
