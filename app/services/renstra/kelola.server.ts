// The kelola page posts one of several forms (periods, tujuan, sasaran, program/kegiatan), named by
// `intent` and checked by kelola-form.server.ts. This module finds the OPD the change belongs to
// (403 before anything is written), hands it to its use case (create-period, set-period-closed,
// add-tree-node, edit-tree-node, delete-tree-node) and answers the page's FormResult.
import type { DB } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { resolveOpdId } from '../../models/organisation.server'
import { formError, formSuccess, type FormResult } from '../../utils/forms'
import { assertOpdScope, optionalId, Refusal } from './common.server'
import { kelolaRefused, opdOfNode, type KelolaResult, type TreeEntity } from './kelola-common.server'
import type { KelolaInput } from './kelola-form.server'
import { createPeriod } from './create-period.server'
import { setPeriodClosed } from './set-period-closed.server'
import { addTreeNode } from './add-tree-node.server'
import { editTreeNode } from './edit-tree-node.server'
import { setTreeNodeDeleted } from './delete-tree-node.server'

type Entity = 'periode' | TreeEntity

/** The row a form names: the parent for a new node, else the node (or period) itself. */
function referenceOf(v: Exclude<KelolaInput, { intent: 'periode.tambah' }>): { refId: number; refEntity: TreeEntity | 'renstra_period' } {
  if (v.intent === 'tujuan.tambah') return { refId: v.period_id, refEntity: 'renstra_period' }
  if (v.intent === 'sasaran.tambah') return { refId: v.tujuan_id, refEntity: 'tujuan' }
  if (v.intent === 'program.tambah') return v.parent_id !== null ? { refId: v.parent_id, refEntity: 'program' } : { refId: v.sasaran_id ?? 0, refEntity: 'sasaran' }
  const entity = v.intent.split('.')[0] as Entity
  return { refId: v.id, refEntity: entity === 'periode' ? 'renstra_period' : entity }
}

const missing = () => kelolaRefused(new Refusal(404, 'Data yang dirujuk tidak ditemukan; muat ulang halaman.', {}, ['Data yang dirujuk tidak ditemukan; muat ulang halaman.']))

/** One change on the kelola page (periods, tujuan, sasaran, program/kegiatan), its input checked by the schema. */
export async function applyKelola(db: DB, user: SessionUser, opdId: number, v: KelolaInput, requestId: string | null): Promise<KelolaResult> {
  assertOpdScope(user, opdId)
  if (v.intent === 'periode.tambah') return createPeriod(db, user, opdId, v, requestId)

  // Everything else names an existing row: find its OPD first (403 before anything is written).
  const { refId, refEntity } = referenceOf(v)
  const owner = refId ? await opdOfNode(db, refEntity, refId) : null
  if (!owner) return missing()
  assertOpdScope(user, owner.opdId)

  const [entity, op] = v.intent.split('.') as [Entity, string]
  if (v.intent === 'periode.tutup' || v.intent === 'periode.buka') return setPeriodClosed(db, user, owner.opdId, owner.periodId, op === 'tutup', v.reason, requestId)
  if (entity === 'periode') return missing()
  if (v.intent === 'tujuan.tambah' || v.intent === 'sasaran.tambah')
    return addTreeNode(db, entity, user, owner, refId, { code: v.code, name: v.name, unitId: null, underParent: false }, requestId)
  if (v.intent === 'program.tambah')
    return addTreeNode(db, entity, user, owner, refId, { code: v.code, name: v.name, unitId: v.unit_id, underParent: v.parent_id !== null }, requestId)
  if (v.intent === 'tujuan.ubah' || v.intent === 'sasaran.ubah' || v.intent === 'program.ubah') {
    const unitId = v.intent === 'program.ubah' ? v.unit_id : null
    return editTreeNode(db, entity, user, owner, refId, { code: v.code, name: v.name, unitId, beforeCode: v.before_code, beforeName: v.before_name }, requestId)
  }
  return setTreeNodeDeleted(db, entity, op === 'hapus' ? 'hapus' : 'pulihkan', user, owner, refId, v.reason, requestId)
}

/**
 * A checked kelola form posted: the OPD of the page (own OPD, or ?opd= for city-level users), the
 * change, and the answer for the form `formKey` (with what was typed when refused).
 */
export async function kelolaAction(
  db: DB,
  user: SessionUser,
  url: URL,
  input: KelolaInput,
  answer: { formKey: string; values: Record<string, string> },
  requestId: string | null,
): Promise<{ status: 200 | 400 | 404 | 409; result: FormResult; periodId?: number }> {
  const opdId = await resolveOpdId(db, user.opdId, optionalId(url.searchParams.get('opd') ?? ''))
  if (opdId == null) return { status: 404, result: formError('Belum ada perangkat daerah.', { intent: answer.formKey, values: answer.values }) }
  const r = await applyKelola(db, user, opdId, input, requestId)
  if (r.ok) return { status: 200, result: formSuccess(r.message, answer.formKey), periodId: r.periodId }
  return { status: r.status, result: formError(r.formErrors, { intent: answer.formKey, fieldErrors: r.fieldErrors, values: answer.values }) }
}
