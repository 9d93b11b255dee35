// Use case: move a unit (and everything below it) under another parent, within its OPD; an OPD
// moves under a kota or to the top (city-level admin). Cycles and wrong kinds are refused. Audited.
import { writeTransaction, type DB } from '../../utils/db.server'
import { maxSortOrder, updateUnit } from '../../models/organisation.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { kindProblem, opdIdOf, subtreeIds } from './rules'
import { auditView, INVALID, loadUnitInScope, type OrgOutcome, OUTSIDE_OPD, refusable, Refusal } from './common.server'

export async function moveUnit(db: DB, actor: SessionUser, unitId: number, parentIdRaw: string, requestId: string | null): Promise<OrgOutcome> {
  return refusable(() =>
    writeTransaction(db, 'city', async (trx) => {
      const { tree, unit } = await loadUnitInScope(trx, actor, unitId)
      const raw = parentIdRaw.trim()
      const parent = raw === '' ? null : /^\d{1,9}$/.test(raw) ? tree.index.get(Number(raw)) : undefined
      if (parent === undefined) throw new Refusal(400, INVALID, { parentId: 'Unit induk tidak ditemukan.' })
      if ((parent?.id ?? null) === unit.parent_id) return { ok: true as const, message: 'Tidak ada perubahan.', value: undefined }
      if (parent && subtreeIds(tree.rows, unit.id).has(parent.id)) {
        const msg =
          parent.id === unit.id ? 'Unit tidak dapat menjadi induk dirinya sendiri.' : `"${parent.name}" berada di bawah "${unit.name}"; memindahkan ke sana akan membuat lingkaran.`
        throw new Refusal(400, INVALID, { parentId: msg })
      }
      if (parent && actor.opdId != null && opdIdOf(tree.index, parent.id) !== actor.opdId) throw new Refusal(403, OUTSIDE_OPD)
      const problem = kindProblem(unit.kind, parent?.kind ?? null)
      if (problem) throw new Refusal(400, INVALID, { parentId: problem })
      if (parent && !parent.active) throw new Refusal(400, INVALID, { parentId: `Unit induk "${parent.name}" nonaktif; aktifkan dulu atau pilih induk lain.` })
      if (unit.kind !== 'opd' && unit.kind !== 'kota' && opdIdOf(tree.index, parent!.id) !== opdIdOf(tree.index, unit.id)) {
        throw new Refusal(400, INVALID, { parentId: 'Unit hanya dapat dipindah di dalam OPD-nya sendiri (indikator dan riwayatnya milik OPD itu).' })
      }
      const before = auditView(unit)
      const sortOrder = (await maxSortOrder(trx, parent?.id ?? null)) + 1
      await updateUnit(trx, unit.id, { parent_id: parent?.id ?? null, sort_order: sortOrder })
      await writeAudit(trx, {
        actor: actorOf(actor),
        opdId: opdIdOf(tree.index, unit.id),
        entity: 'org_unit',
        entityId: unit.id,
        action: 'move',
        before,
        after: auditView({ ...unit, parent_id: parent?.id ?? null }),
        requestId,
      })
      return { ok: true as const, message: `"${unit.name}" dipindahkan ke bawah ${parent ? `"${parent.name}"` : 'puncak pohon'}.`, value: undefined }
    }),
  )
}
