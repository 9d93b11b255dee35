// What the budget parts of the pages show (read only).
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { anggaranOfQuarter, anggaranOfYear, budgetProgramsOfOpd, budgetProgramsOfUnits, paguOf } from '../../models/budget.server'
import { unitWithDescendants } from '../../models/realisasi.server'
import { capaianAnggaran, formatRupiah, rupiahInput } from '../../domain/rupiah'
import { formatPercent } from '../../domain'
import { WORKFLOW_STATUS_LABELS } from '../../domain/labels'

const pct = (v: number | null) => (v == null ? '–' : formatPercent(v))

export interface AnggaranEntryLine {
  programId: number
  code: string
  name: string
  kind: string
  pagu: string
  amount: string
  version: number | null
  status: string | null
  statusLabel: string | null
  returnNote: string | null
  editable: boolean
  historical: boolean
}

/** The bidang's programs / kegiatan (program.unit_id in its unit tree) with pagu and this quarter's row. */
export async function anggaranEntryData(db: DB, user: SessionUser, year: number, quarter: number): Promise<AnggaranEntryLine[]> {
  if (user.unitId == null) return []
  const programs = await budgetProgramsOfUnits(db, await unitWithDescendants(db, user.unitId), year)
  const ids = programs.map((p) => p.id)
  const [pagu, rows] = await Promise.all([paguOf(db, ids, year), anggaranOfYear(db, ids, year)])
  const paguOfId = new Map(pagu.map((p) => [p.program_id, p.pagu]))
  const rowOf = new Map(rows.filter((r) => r.quarter === quarter).map((r) => [r.program_id, r]))
  return programs.map((p) => {
    const r = rowOf.get(p.id)
    return {
      programId: p.id,
      code: p.code,
      name: p.name,
      kind: p.kind,
      pagu: paguOfId.has(p.id) ? formatRupiah(paguOfId.get(p.id)) : 'belum ditetapkan',
      amount: rupiahInput(r?.amount),
      version: r?.version ?? null,
      status: r?.status ?? null,
      statusLabel: r ? (WORKFLOW_STATUS_LABELS[r.status] ?? r.status) : null,
      returnNote: r?.return_note ?? null,
      editable: !p.period_closed && (!r || r.status === 'draft' || r.status === 'dikembalikan'),
      historical: r?.is_historical === 1,
    }
  })
}

/** Realisasi anggaran of an OPD's quarter for the verification page. */
export async function anggaranReviewData(db: DB, opdId: number | null, year: number, quarter: number) {
  if (opdId == null) return []
  const rows = await anggaranOfQuarter(db, opdId, year, quarter)
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    code: r.code,
    name: r.name,
    unit: r.unit_name,
    amount: formatRupiah(r.amount),
    pagu: r.pagu == null ? 'belum ditetapkan' : formatRupiah(r.pagu),
    capaianTriwulan: pct(capaianAnggaran(r.amount, r.pagu)),
    status: r.status,
    statusLabel: WORKFLOW_STATUS_LABELS[r.status] ?? r.status,
    returnNote: r.return_note,
    historical: r.is_historical === 1,
  }))
}

/** The pagu page: every program / kegiatan / sub kegiatan of the OPD for one year. */
export async function paguPageData(db: DB, opdId: number | null, year: number) {
  if (opdId == null) return []
  const programs = await budgetProgramsOfOpd(db, opdId, year)
  const pagu = await paguOf(
    db,
    programs.map((p) => p.id),
    year,
  )
  const of = new Map(pagu.map((p) => [p.program_id, p]))
  return programs.map((p) => ({
    programId: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    unit: p.unit_name,
    pagu: rupiahInput(of.get(p.id)?.pagu),
    version: of.get(p.id)?.version ?? null,
    closed: p.period_closed === 1,
  }))
}
