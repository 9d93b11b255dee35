// The OPD a unit belongs to: the unit chain read with the session, and the walk up the tree.
import type { Executor } from '../../utils/db.server'
import { findUnitChain, type UnitChainRow } from '../../models/organisation.server'

/** The OPD of a chain: its id, null when a unit is missing, or the unit to read next (a deeper tree). */
export function opdOfChain(row: UnitChainRow): { opdId: number | null } | { next: number } {
  const chain = [
    { id: row.u_id, kind: row.u_kind, parent: row.u_parent },
    { id: row.p_id, kind: row.p_kind, parent: row.p_parent },
    { id: row.g_id, kind: row.g_kind, parent: row.g_parent },
  ]
  for (const unit of chain) {
    if (unit.id == null) return { opdId: null } // no unit, or a parent that does not exist
    if (unit.kind === 'opd' || unit.parent == null) return { opdId: unit.id }
  }
  return { next: chain[2]!.parent! }
}

/** OPD of a unit: walk up the tree to the root, three levels per query (OPD → bidang → seksi). */
export async function opdOfUnit(db: Executor, unitId: number | null): Promise<number | null> {
  let id = unitId
  for (let i = 0; id != null && i < 4; i++) {
    const row = await findUnitChain(db, id)
    if (!row) return null
    const found = opdOfChain(row)
    if ('opdId' in found) return found.opdId
    id = found.next
  }
  return null
}
