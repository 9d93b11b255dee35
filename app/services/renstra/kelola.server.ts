// The kelola page posts one of several forms (periods, tujuan, sasaran, program/kegiatan), named by
// `intent`. This module finds the OPD the change belongs to (403 before anything is written) and hands
// it to its use case: create-period, set-period-closed, add-tree-node, edit-tree-node,
// delete-tree-node.
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { resolveOpdId } from '../../models/organisation.server'
import { assertOpdScope, optionalId, Refusal, text } from './common.server'
import { KELOLA_INTENTS, kelolaRefused, opdOfNode, readKelolaForm, type KelolaIntent, type KelolaResult, type TreeEntity } from './kelola-common.server'
import { createPeriod } from './create-period.server'
import { setPeriodClosed } from './set-period-closed.server'
import { addTreeNode } from './add-tree-node.server'
import { editTreeNode } from './edit-tree-node.server'
import { setTreeNodeDeleted } from './delete-tree-node.server'

/** The row a form names: the parent for a new node, else the node (or period) itself. */
function referenceOf(entity: 'periode' | TreeEntity, op: string, v: Record<string, string>): { refId: number | null; refEntity: TreeEntity | 'renstra_period' } {
  if (op !== 'tambah') return { refId: optionalId(v.id!), refEntity: entity === 'periode' ? 'renstra_period' : entity }
  if (entity === 'tujuan') return { refId: optionalId(v.period_id!), refEntity: 'renstra_period' }
  if (entity === 'sasaran') return { refId: optionalId(v.tujuan_id!), refEntity: 'tujuan' }
  return { refId: optionalId(v.parent_id || v.sasaran_id || ''), refEntity: v.parent_id ? 'program' : 'sasaran' }
}

/** One change on the kelola page (periods, tujuan, sasaran, program/kegiatan). */
export async function applyKelola(db: DB, user: SessionUser, opdId: number, intent: KelolaIntent, v: Record<string, string>, requestId: string | null): Promise<KelolaResult> {
  const [entity, op] = intent.split('.') as ['periode' | TreeEntity, string]
  assertOpdScope(user, opdId)
  if (entity === 'periode' && op === 'tambah') return createPeriod(db, user, opdId, v, requestId)

  // Everything else names an existing row: find its OPD first (403 before anything is written).
  const { refId, refEntity } = referenceOf(entity, op, v)
  const owner = refId ? await opdOfNode(db, refEntity, refId) : null
  if (!owner || !refId)
    return kelolaRefused(new Refusal(404, 'Data yang dirujuk tidak ditemukan; muat ulang halaman.', {}, ['Data yang dirujuk tidak ditemukan; muat ulang halaman.']))
  assertOpdScope(user, owner.opdId)

  if (entity === 'periode') return setPeriodClosed(db, user, owner.opdId, owner.periodId, op === 'tutup', v.reason ?? '', requestId)
  if (op === 'tambah') return addTreeNode(db, entity, user, owner, refId, v, requestId)
  if (op === 'ubah') return editTreeNode(db, entity, user, owner, refId, v, requestId)
  if (op === 'hapus' || op === 'pulihkan') return setTreeNodeDeleted(db, entity, op, user, owner, refId, v, requestId)
  return kelolaRefused(new Refusal(400, 'Tindakan tidak dikenal.', {}, ['Tindakan tidak dikenal.']))
}

/** A kelola form posted: the OPD of the page (own OPD, or ?opd= for city-level users), the intent, the fields. */
export async function kelolaActionFromForm(db: DB, user: SessionUser, url: URL, form: FormData, requestId: string | null) {
  const intent = text(form.get('intent'))
  const formKey = /^[a-z0-9:_-]{1,60}$/.test(text(form.get('form_key'))) ? text(form.get('form_key')) : intent.replace(/[^a-z0-9]/g, '-')
  const values = readKelolaForm(form)
  if (!(KELOLA_INTENTS as readonly string[]).includes(intent)) {
    return { formKey, values, result: kelolaRefused(new Refusal(400, 'Tindakan tidak dikenal.', {}, ['Tindakan tidak dikenal.'])) }
  }
  const opdId = await resolveOpdId(db, user.opdId, optionalId(url.searchParams.get('opd') ?? ''))
  if (opdId == null) return { formKey, values, result: kelolaRefused(new Refusal(404, 'Belum ada perangkat daerah.', {}, ['Belum ada perangkat daerah.'])) }
  const result = await applyKelola(db, user, opdId, intent as KelolaIntent, values, requestId)
  return { formKey, values, result }
}
