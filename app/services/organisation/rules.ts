// The shape of the organisation tree, as pure functions over plain rows (no I/O):
// Pemerintah Kota/Kabupaten (optional) → OPD → Sekretariat, Bidang, UPT → Subbagian, Seksi.
import type { UnitKind } from '../../../db/schema'

export const UNIT_KINDS: readonly UnitKind[] = ['kota', 'opd', 'sekretariat', 'bidang', 'upt', 'subbagian', 'seksi']

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  kota: 'Pemerintah kota/kabupaten',
  opd: 'Perangkat daerah (OPD)',
  sekretariat: 'Sekretariat',
  bidang: 'Bidang',
  upt: 'UPT',
  subbagian: 'Subbagian',
  seksi: 'Seksi',
}

/** Which kinds may sit under which parent (null = at the top of the tree). */
export const CHILD_KINDS: Record<UnitKind | 'root', readonly UnitKind[]> = {
  root: ['kota', 'opd'],
  kota: ['opd'],
  opd: ['sekretariat', 'bidang', 'upt'],
  sekretariat: ['subbagian'],
  bidang: ['seksi'],
  upt: ['subbagian', 'seksi'],
  subbagian: [],
  seksi: [],
}

export const isUnitKind = (v: string): v is UnitKind => (UNIT_KINDS as readonly string[]).includes(v)

/** Kinds that stand above an OPD (city level): only a city-level admin creates or changes them. */
export const isCityKind = (k: UnitKind) => k === 'kota' || k === 'opd'

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/
export const CODE_RULE = 'Kode 1–40 karakter: huruf, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.'

export interface UnitNode {
  id: number
  parent_id: number | null
  kind: UnitKind
  code: string
  name: string
  active: number
}

/** Why `kind` may not sit under `parentKind` (null = allowed). */
export function kindProblem(kind: UnitKind, parentKind: UnitKind | null): string | null {
  const allowed = CHILD_KINDS[parentKind ?? 'root']
  if (allowed.includes(kind)) return null
  const what = UNIT_KIND_LABELS[kind]
  if (parentKind == null) return `${what} harus berada di bawah unit lain; yang boleh berdiri di puncak hanya pemerintah kota/kabupaten atau OPD.`
  if (allowed.length === 0) return `${UNIT_KIND_LABELS[parentKind]} tidak boleh memiliki unit di bawahnya (${what} tidak dapat ditempatkan di sini).`
  return `${what} tidak boleh berada di bawah ${UNIT_KIND_LABELS[parentKind].toLowerCase()}. Di bawah ${UNIT_KIND_LABELS[parentKind].toLowerCase()} hanya boleh: ${allowed.map((k) => UNIT_KIND_LABELS[k].toLowerCase()).join(', ')}.`
}

export function byId<T extends { id: number }>(rows: readonly T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id, r]))
}

/** The chain from a unit up to the top (the unit first); stops on a loop. */
export function ancestry<T extends UnitNode>(index: Map<number, T>, id: number): T[] {
  const out: T[] = []
  const seen = new Set<number>()
  let cur = index.get(id)
  while (cur && !seen.has(cur.id)) {
    out.push(cur)
    seen.add(cur.id)
    cur = cur.parent_id == null ? undefined : index.get(cur.parent_id)
  }
  return out
}

/** The OPD a unit belongs to (the OPD itself for an OPD); null for a kota or a unit outside any OPD. */
export function opdIdOf(index: Map<number, UnitNode>, id: number): number | null {
  return ancestry(index, id).find((u) => u.kind === 'opd')?.id ?? null
}

/** The ids of a unit and everything below it. */
export function subtreeIds(rows: readonly UnitNode[], rootId: number): Set<number> {
  const children = new Map<number, number[]>()
  for (const r of rows) if (r.parent_id != null) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id])
  const out = new Set<number>()
  const stack = [rootId]
  while (stack.length) {
    const id = stack.pop()!
    if (out.has(id)) continue
    out.add(id)
    stack.push(...(children.get(id) ?? []))
  }
  return out
}

/** The unit whose code clashes with `code` in the same scope (the OPD's units, or the city-level units). */
export function codeClash(rows: readonly UnitNode[], code: string, scope: { opdId: number | null }, exceptId?: number): UnitNode | null {
  const index = byId(rows)
  const wanted = code.toLowerCase()
  for (const r of rows) {
    if (r.id === exceptId || r.code.toLowerCase() !== wanted) continue
    const rOpd = opdIdOf(index, r.id)
    if (scope.opdId == null ? isCityKind(r.kind) : rOpd === scope.opdId) return r
  }
  return null
}

export interface TreeRow<T extends UnitNode> {
  unit: T
  depth: number
}

/** Depth-first order for display (children by sort order then name), starting from `roots`. */
export function flattenTree<T extends UnitNode & { sort_order: number }>(rows: readonly T[], roots: readonly T[]): TreeRow<T>[] {
  const children = new Map<number, T[]>()
  for (const r of rows) if (r.parent_id != null) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r])
  const order = (a: T, b: T) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'id')
  const out: TreeRow<T>[] = []
  const seen = new Set<number>()
  const visit = (u: T, depth: number) => {
    if (seen.has(u.id)) return
    seen.add(u.id)
    out.push({ unit: u, depth })
    for (const c of [...(children.get(u.id) ?? [])].sort(order)) visit(c, depth + 1)
  }
  for (const r of [...roots].sort(order)) visit(r, 0)
  return out
}
