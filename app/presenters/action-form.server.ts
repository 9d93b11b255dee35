// Read model of /aksi/baru: where the new actions come from (a meeting note's rekomendasi, an
// indicator's tindak lanjut, or nothing), the rows to fill, and who can own them.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { assignableUsers, convertedIndexes } from '../models/actions.server'
import { getSettings } from '../models/settings.server'
import { resolveOpdId } from '../models/organisation.server'
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

/** Throws 403/404 Responses; the route renders what it returns. */
export async function actionFormView(db: Executor, user: SessionUser, url: URL, asOf: Date) {
  const { scoring } = await getSettings(db)
  const today = calendarDateIn(asOf, scoring.timeZone)
  const defaultDue = isoDate(addDays(today, 30))
  const noteId = Number(url.searchParams.get('catatan') ?? NaN)
  const indicatorId = Number(url.searchParams.get('indikator') ?? NaN)
  let opdId: number
  let source: ActionSourceView
  let rows: DraftRow[]
  let defaultOwner = ''
  if (Number.isInteger(noteId) && noteId > 0) {
    const note = await db.selectFrom('evaluation_note').select(['id', 'opd_id', 'aspect', 'strategy', 'period_key', 'rekomendasi']).where('id', '=', noteId).executeTakeFirst()
    if (!note || !canSeeOpd(user, note.opd_id)) throw notFound('Catatan rapat tidak ditemukan.')
    opdId = note.opd_id
    const done = await convertedIndexes(db, note.id)
    rows = splitRekomendasi(note.rekomendasi).map((title, index) => ({
      index,
      title: title.slice(0, 500),
      ownerUserId: '',
      dueDate: defaultDue,
      doneActionId: done.get(index) ?? null,
    }))
    source = {
      kind: 'catatan',
      noteId: note.id,
      aspect: note.aspect,
      strategy: note.strategy,
      cellLabel: cellLabelOf(note.aspect, note.strategy)!,
      periodKey: note.period_key,
      periodLabel: periodKeyLabel(note.period_key),
      backTo: `/beranda/sel/${note.aspect}/${note.strategy}${cellQueryOfKey(note.period_key)}`,
    }
  } else if (Number.isInteger(indicatorId) && indicatorId > 0) {
    const ind = await db
      .selectFrom('indicator as i')
      .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
      .select(['i.id', 'i.code', 'i.name', 'i.aspect', 'i.strategy', 'i.unit_id', 'p.opd_id'])
      .where('i.id', '=', indicatorId)
      .where('i.deleted_at', 'is', null)
      .executeTakeFirst()
    if (!ind || !canSeeOpd(user, ind.opd_id)) throw notFound('Indikator tidak ditemukan.')
    opdId = ind.opd_id
    if (!canManageActions(user, opdId) && !(user.role === 'kepala_bidang' && user.unitId === ind.unit_id))
      throw forbidden('Anda tidak memiliki izin membuat rencana aksi untuk indikator ini.')
    const latest = await db
      .selectFrom('realisasi')
      .select(['id', 'year', 'quarter', 'tindak_lanjut'])
      .where('indicator_id', '=', ind.id)
      .where('tindak_lanjut', 'is not', null)
      .orderBy('year', 'desc')
      .orderBy('quarter', 'desc')
      .executeTakeFirst()
    const due = lastDueQuarterOf(asOf, scoring.deadlineDays, scoring.timeZone)
    const periodKey = latest ? `${latest.year}-Q${latest.quarter}` : `${due.year}-Q${due.quarter}`
    rows = [{ index: null, title: (latest?.tindak_lanjut ?? '').slice(0, 500), ownerUserId: '', dueDate: defaultDue, doneActionId: null }]
    const kabid = (await assignableUsers(db, opdId)).find((u) => u.role === 'kepala_bidang' && u.unitId === ind.unit_id)
    defaultOwner = kabid ? String(kabid.id) : ''
    source = {
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
  } else {
    const resolved = await resolveOpdId(db, user.opdId)
    if (resolved == null) throw notFound('Belum ada perangkat daerah.')
    opdId = resolved
    const due = lastDueQuarterOf(asOf, scoring.deadlineDays, scoring.timeZone)
    const periodKey = `${due.year}-Q${due.quarter}`
    rows = [{ index: null, title: '', ownerUserId: '', dueDate: defaultDue, doneActionId: null }]
    source = { kind: 'langsung', periodKey, periodLabel: periodKeyLabel(periodKey), backTo: '/aksi' }
  }
  if (source.kind !== 'tindak_lanjut' && !canManageActions(user, opdId)) throw forbidden('Hanya pimpinan dan perencanaan yang dapat membuat rencana aksi.')
  const people = (await assignableUsers(db, opdId)).map((p) => ({ id: p.id, label: `${p.fullName}${p.unitName ? ` — ${p.unitName}` : ''}` }))
  const indicators =
    source.kind === 'langsung'
      ? (
          await db
            .selectFrom('indicator as i')
            .innerJoin('renstra_period as p', 'p.id', 'i.period_id')
            .select(['i.id', 'i.code', 'i.name'])
            .where('p.opd_id', '=', opdId)
            .where('i.deleted_at', 'is', null)
            .orderBy('i.code')
            .execute()
        ).map((i) => ({ id: i.id, label: `${i.code} — ${i.name}` }))
      : []
  const cells = ASPECTS.flatMap((a) => STRATEGIES.map((s) => ({ value: `${a}|${s}`, label: cellLabelOf(a, s)! })))
  return { opdId, source, rows: rows.map((r) => ({ ...r, ownerUserId: r.ownerUserId || defaultOwner })), people, indicators, cells, defaultDue }
}
export type ActionFormView = Awaited<ReturnType<typeof actionFormView>>
