// The OPD a unit belongs to: the unit chain read with the session, and the walk up the tree.
import type { Executor } from '../../utils/db.server'

/** A unit and its parent and grandparent, as read by one query (left joins). */
export interface UnitChainRow {
  u_id: number | null
  u_kind: string | null
  u_parent: number | null
  p_id: number | null
  p_kind: string | null
  p_parent: number | null
  g_id: number | null
  g_kind: string | null
  g_parent: number | null
}

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

export const UNIT_CHAIN = [
  'o.id as u_id',
  'o.kind as u_kind',
  'o.parent_id as u_parent',
  'p.id as p_id',
  'p.kind as p_kind',
  'p.parent_id as p_parent',
  'g.id as g_id',
  'g.kind as g_kind',
  'g.parent_id as g_parent',
] as const

/** OPD of a unit: walk up the tree to the root, three levels per query (OPD → bidang → seksi). */
export async function opdOfUnit(db: Executor, unitId: number | null): Promise<number | null> {
  let id = unitId
  for (let i = 0; id != null && i < 4; i++) {
    const row = await db
      .selectFrom('org_unit as o')
      .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
      .select(UNIT_CHAIN)
      .where('o.id', '=', id)
      .executeTakeFirst()
    if (!row) return null
    const found = opdOfChain(row)
    if ('opdId' in found) return found.opdId
    id = found.next
  }
  return null
}
