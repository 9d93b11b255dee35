// Reports progress on a rencana aksi (status, note, evidence) and, for the meeting roles,
// re-plans it (owner, due date). Optimistic concurrency on `version`; audited.
import type { DB } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { writeAudit, actorOf } from '../audit.server'
import type { SessionUser } from '../auth.server'
import { assignableUsers, getAction, insertProgress, updateAction, type ActionRow } from '../../models/actions.server'
import { isActionStatus, type ActionStatus } from '../../domain/actions'
import { canManageActions, canReportProgress, canSeeOpd } from './access.server'
import { ACTION_NOTE_MAX, dueDateError, EVIDENCE_TEXT_MAX, evidenceLinkError } from './validate.server'

export interface ProgressInput {
  id: number
  version: string
  status: string
  note: string
  evidenceText: string
  evidenceLink: string
  /** Only for the meeting roles; '' keeps the current value. */
  dueDate?: string
  ownerUserId?: string
}

export type ProgressField = 'status' | 'note' | 'evidenceText' | 'evidenceLink' | 'dueDate' | 'ownerUserId'
export type ProgressResult =
  { ok: true; action: ActionRow } | { ok: false; status: 400 | 403 | 404 | 409; form: string; fields: Partial<Record<ProgressField, string>>; current?: ActionRow }

const snapshot = (a: ActionRow) => ({
  status: a.status,
  due_date: a.dueDate,
  owner_unit_id: a.ownerUnitId,
  owner_user_id: a.ownerUserId,
  version: a.version,
  completed_at: a.completedAt,
})

/**
 * The due date and the person responsible as the form asks them changed — only a manager of the
 * OPD's actions may change them; a bad date or an unknown person is marked in `fields`, and the
 * current value kept.
 */
async function managerChanges(db: DB, user: SessionUser, current: ActionRow, input: ProgressInput, fields: Partial<Record<ProgressField, string>>) {
  let dueDate = current.dueDate
  let ownerUserId = current.ownerUserId
  let ownerUnitId = current.ownerUnitId
  if (!canManageActions(user, current.opdId)) return { dueDate, ownerUserId, ownerUnitId }
  if (input.dueDate && input.dueDate !== current.dueDate) {
    const e = dueDateError(input.dueDate)
    if (e) fields.dueDate = e
    else dueDate = input.dueDate
  }
  if (input.ownerUserId && input.ownerUserId !== String(current.ownerUserId ?? '')) {
    const person = /^\d{1,9}$/.test(input.ownerUserId) ? (await assignableUsers(db, current.opdId)).find((u) => u.id === Number(input.ownerUserId)) : undefined
    if (!person) fields.ownerUserId = 'Penanggung jawab tidak ditemukan pada perangkat daerah ini.'
    else {
      ownerUserId = person.id
      ownerUnitId = person.unitId ?? current.opdId
    }
  }
  return { dueDate, ownerUserId, ownerUnitId }
}

export async function reportProgress(db: DB, user: SessionUser, input: ProgressInput, requestId: string | null = null): Promise<ProgressResult> {
  const current = await getAction(db, input.id)
  if (!current || !canSeeOpd(user, current.opdId)) return { ok: false, status: 404, form: 'Rencana aksi tidak ditemukan.', fields: {} }
  if (!canReportProgress(user, current)) return { ok: false, status: 403, form: 'Anda tidak memiliki izin memperbarui rencana aksi ini.', fields: {} }
  const fields: Partial<Record<ProgressField, string>> = {}
  if (!isActionStatus(input.status)) fields.status = 'Pilih status: direncanakan, berjalan, selesai, atau batal.'
  if (input.note.length > ACTION_NOTE_MAX) fields.note = `Catatan kemajuan paling panjang ${ACTION_NOTE_MAX} karakter.`
  if (input.evidenceText.length > EVIDENCE_TEXT_MAX) fields.evidenceText = `Bukti paling panjang ${EVIDENCE_TEXT_MAX} karakter.`
  const linkError = evidenceLinkError(input.evidenceLink)
  if (linkError) fields.evidenceLink = linkError
  const { dueDate, ownerUserId, ownerUnitId } = await managerChanges(db, user, current, input, fields)
  const status = input.status as ActionStatus
  const hasEvidence = !!(input.evidenceText || input.evidenceLink || current.latest?.evidenceText || current.latest?.evidenceLink)
  if (!fields.status && status === 'selesai' && !hasEvidence) fields.evidenceText = 'Rencana aksi yang selesai wajib disertai bukti (uraian atau tautan).'
  // "nothing changed" only when nothing else is wrong (a refused owner or date is the message then)
  if (
    !Object.keys(fields).length &&
    status === current.status &&
    !input.note &&
    !input.evidenceText &&
    !input.evidenceLink &&
    dueDate === current.dueDate &&
    ownerUserId === current.ownerUserId
  ) {
    fields.note = 'Tidak ada perubahan: ubah status, isi catatan kemajuan, atau lampirkan bukti.'
  }
  const version = /^\d{1,9}$/.test(input.version) ? Number(input.version) : NaN
  if (Object.keys(fields).length) return { ok: false, status: 400, form: 'Periksa isian yang ditandai.', fields }
  if (!Number.isInteger(version)) return { ok: false, status: 400, form: 'Formulir tidak lengkap (versi). Muat ulang halaman lalu coba lagi.', fields }

  return writeTransaction(db, current.opdId, async (trx) => {
    const at = toDbTime(now())
    const completedAt = status === 'selesai' ? (current.status === 'selesai' ? current.completedAt : at) : null
    const changed = await updateAction(trx, current.id, version, { status, dueDate, ownerUnitId, ownerUserId, completedAt }, user.id, at)
    if (!changed) {
      const latest = (await getAction(trx, current.id)) ?? current
      return {
        ok: false as const,
        status: 409 as const,
        form: `Rencana aksi sudah diubah oleh pengguna lain (status sekarang: ${latest.status}). Isian Anda belum disimpan; muat ulang lalu simpan lagi.`,
        fields: {},
        current: latest,
      }
    }
    await insertProgress(trx, {
      actionId: current.id,
      status,
      note: input.note || null,
      evidenceText: input.evidenceText || null,
      evidenceLink: input.evidenceLink || null,
      userId: user.id,
      at,
    })
    const after = (await getAction(trx, current.id))!
    await writeAudit(trx, {
      actor: actorOf(user),
      entity: 'action_item',
      entityId: current.id,
      opdId: current.opdId,
      action: status !== current.status ? `status_${status}` : 'update',
      before: snapshot(current),
      after: { ...snapshot(after), note: input.note || null, evidence_text: input.evidenceText || null, evidence_link: input.evidenceLink || null },
      requestId,
    })
    return { ok: true as const, action: after }
  })
}
