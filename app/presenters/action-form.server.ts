// Read model of /aksi/baru: where the new actions come from (a meeting note's rekomendasi, an
// indicator's tindak lanjut, or nothing), the rows to fill, and who can own them.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { assignableUsers, convertedIndexes } from '../models/actions.server'
import { getSettings } from '../models/settings.server'
import { resolveOpdId } from '../models/organisation.server'
import { noteForActions } from '../models/notes.server'
import { indicatorCellOf, liveIndicatorsOfOpdByCode } from '../models/dashboard-read.server'
import { latestTindakLanjut } from '../models/realisasi.server'
import { splitRekomendasi } from '../domain/actions'
import { addDays, calendarDateIn, isoDate, lastDueQuarterOf } from '../domain/periods'
import { ASPECTS, STRATEGIES, type Aspect, type Strategy } from '../domain/types'
import { canManageActions, canSeeOpd } from '../services/actions/access.server'
import { cellLabelOf, periodKeyLabel } from './actions.server'

export interface DraftRow {
  index: number | null
  title: string
  ownerUserId: string
  dueDate: string
  /** Already an action (from a note): its id. */
  doneActionId: number | null
}

export type ActionSourceView =
  | { kind: 'catatan'; noteId: number; aspect: Aspect; strategy: Strategy; cellLabel: string; periodKey: string; periodLabel: string; backTo: string }
  | {
      kind: 'tindak_lanjut'
      indicatorId: number
      code: string
      name: string
      cellLabel: string
      periodKey: string
      periodLabel: string
      realisasiId: number | null
      backTo: string
    }
  | { kind: 'langsung'; periodKey: string; periodLabel: string; backTo: string }

const notFound = (m: string) => new Response(m, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
const forbidden = (m: string) => new Response(m, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export function cellQueryOfKey(periodKey: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(periodKey)
  return m ? `?tahun=${m[1]}&triwulan=${m[2]}` : ''
}

interface SourceContext {
  db: Executor
  user: SessionUser
  asOf: Date
  scoring: Awaited<ReturnType<typeof getSettings>>['scoring']
  defaultDue: string
}
interface Loaded {
  opdId: number
  source: ActionSourceView
  rows: DraftRow[]
  defaultOwner: string
}

/** From a meeting note: one row per rekomendasi (those already an action link to it). */
async function fromNote(c: SourceContext, noteId: number): Promise<Loaded> {
  const note = await noteForActions(c.db, noteId)
  if (!note || !canSeeOpd(c.user, note.opd_id)) throw notFound('Catatan rapat tidak ditemukan.')
  const done = await convertedIndexes(c.db, note.id)
  const rows = splitRekomendasi(note.rekomendasi).map((title, index) => ({
    index,
    title: title.slice(0, 500),
    ownerUserId: '',
    dueDate: c.defaultDue,
    doneActionId: done.get(index) ?? null,
  }))
  const source: ActionSourceView = {
    kind: 'catatan',
    noteId: note.id,
    aspect: note.aspect,
    strategy: note.strategy,
    cellLabel: cellLabelOf(note.aspect, note.strategy)!,
    periodKey: note.period_key,
    periodLabel: periodKeyLabel(note.period_key),
    backTo: `/beranda/sel/${note.aspect}/${note.strategy}${cellQueryOfKey(note.period_key)}`,
  }
  return { opdId: note.opd_id, source, rows, defaultOwner: '' }
}

/** From an indicator's latest tindak lanjut: one row, owned by default by the bidang's kepala. */
async function fromIndicator(c: SourceContext, indicatorId: number): Promise<Loaded> {
  const ind = await indicatorCellOf(c.db, indicatorId)
  if (!ind || !canSeeOpd(c.user, ind.opd_id)) throw notFound('Indikator tidak ditemukan.')
  const opdId = ind.opd_id
  if (!canManageActions(c.user, opdId) && !(c.user.role === 'kepala_bidang' && c.user.unitId === ind.unit_id))
    throw forbidden('Anda tidak memiliki izin membuat rencana aksi untuk indikator ini.')
  const latest = await latestTindakLanjut(c.db, ind.id)
  const due = lastDueQuarterOf(c.asOf, c.scoring.deadlineDays, c.scoring.timeZone)
  const periodKey = latest ? `${latest.year}-Q${latest.quarter}` : `${due.year}-Q${due.quarter}`
  const rows = [{ index: null, title: (latest?.tindak_lanjut ?? '').slice(0, 500), ownerUserId: '', dueDate: c.defaultDue, doneActionId: null }]
  const kabid = (await assignableUsers(c.db, opdId)).find((u) => u.role === 'kepala_bidang' && u.unitId === ind.unit_id)
  const source: ActionSourceView = {
    kind: 'tindak_lanjut',
    indicatorId: ind.id,
    code: ind.code,
    name: ind.name,
    cellLabel: cellLabelOf(ind.aspect, ind.strategy)!,
    periodKey,
    periodLabel: periodKeyLabel(periodKey),
    realisasiId: latest?.id ?? null,
    backTo: `/indikator/${ind.id}`,
  }
  return { opdId, source, rows, defaultOwner: kabid ? String(kabid.id) : '' }
}

/** A direct action of the user's OPD, for the last quarter due. */
async function direct(c: SourceContext): Promise<Loaded> {
  const opdId = await resolveOpdId(c.db, c.user.opdId)
  if (opdId == null) throw notFound('Belum ada perangkat daerah.')
  const due = lastDueQuarterOf(c.asOf, c.scoring.deadlineDays, c.scoring.timeZone)
  const periodKey = `${due.year}-Q${due.quarter}`
  const rows = [{ index: null, title: '', ownerUserId: '', dueDate: c.defaultDue, doneActionId: null }]
  return { opdId, source: { kind: 'langsung', periodKey, periodLabel: periodKeyLabel(periodKey), backTo: '/aksi' }, rows, defaultOwner: '' }
}

/** The OPD's indicators a direct action may serve. */
async function indicatorOptions(db: Executor, opdId: number) {
  const rows = await liveIndicatorsOfOpdByCode(db, opdId)
  return rows.map((i) => ({ id: i.id, label: `${i.code} — ${i.name}` }))
}

/** Throws 403/404 Responses; the route renders what it returns. */
export async function actionFormView(db: Executor, user: SessionUser, url: URL, asOf: Date) {
  const { scoring } = await getSettings(db)
  const defaultDue = isoDate(addDays(calendarDateIn(asOf, scoring.timeZone), 30))
  const c: SourceContext = { db, user, asOf, scoring, defaultDue }
  const noteId = Number(url.searchParams.get('catatan') ?? NaN)
  const indicatorId = Number(url.searchParams.get('indikator') ?? NaN)
  const { opdId, source, rows, defaultOwner } =
    Number.isInteger(noteId) && noteId > 0 ? await fromNote(c, noteId) : Number.isInteger(indicatorId) && indicatorId > 0 ? await fromIndicator(c, indicatorId) : await direct(c)
  if (source.kind !== 'tindak_lanjut' && !canManageActions(user, opdId)) throw forbidden('Hanya pimpinan dan perencanaan yang dapat membuat rencana aksi.')
  const people = (await assignableUsers(db, opdId)).map((p) => ({ id: p.id, label: `${p.fullName}${p.unitName ? ` — ${p.unitName}` : ''}` }))
  const indicators = source.kind === 'langsung' ? await indicatorOptions(db, opdId) : []
  const cells = ASPECTS.flatMap((a) => STRATEGIES.map((s) => ({ value: `${a}|${s}`, label: cellLabelOf(a, s)! })))
  return { opdId, source, rows: rows.map((r) => ({ ...r, ownerUserId: r.ownerUserId || defaultOwner })), people, indicators, cells, defaultDue }
}
export type ActionFormView = Awaited<ReturnType<typeof actionFormView>>
