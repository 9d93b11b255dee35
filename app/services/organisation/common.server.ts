// Shared by the organisation use cases: the answer shape, who may touch which unit, and the
// checks of a unit's fields (code, name) that creating, renaming and importing all apply.
import type { Executor } from '../../utils/db.server'
import { listAllUnits, type UnitRecord } from '../../models/organisation.server'
import type { SessionUser } from '../auth.server'
import { byId, CODE_PATTERN, CODE_RULE, codeClash, isCityKind, opdIdOf, UNIT_KIND_LABELS, type UnitNode } from './rules'

export type UnitField = 'parentId' | 'kind' | 'code' | 'name' | 'shortName' | 'city' | 'unitId'
export type UnitFieldErrors = Partial<Record<UnitField, string>>

export type OrgOutcome<T = undefined> = { ok: true; message: string; value: T } | { ok: false; status: number; message: string; fieldErrors: UnitFieldErrors }

export const fail = (status: number, message: string, fieldErrors: UnitFieldErrors = {}): OrgOutcome<never> => ({ ok: false, status, message, fieldErrors })

export const INVALID = 'Periksa kembali isian yang ditandai; belum ada yang disimpan.'
export const OUTSIDE_OPD = 'Unit ini berada di luar perangkat daerah Anda; Anda hanya dapat mengelola unit OPD Anda sendiri.'
export const CITY_ONLY = 'Hanya admin tingkat kota (akun tanpa OPD) yang dapat membuat atau mengubah OPD dan pemerintah kota/kabupaten.'

export interface Tree {
  rows: UnitRecord[]
  index: Map<number, UnitRecord>
}

export async function loadTree(db: Executor): Promise<Tree> {
  const rows = await listAllUnits(db)
  return { rows, index: byId(rows) }
}

/** May this actor change this unit? An OPD-bound admin: units of his OPD below the OPD itself. */
export function scopeProblem(actor: Pick<SessionUser, 'opdId'>, tree: Tree, unit: UnitNode): { status: number; message: string } | null {
  if (actor.opdId == null) return null
  if (isCityKind(unit.kind)) return { status: 403, message: CITY_ONLY }
  if (opdIdOf(tree.index, unit.id) !== actor.opdId) return { status: 403, message: OUTSIDE_OPD }
  return null
}

export const cleanText = (v: FormDataEntryValue | string | null | undefined) =>
  String(v ?? '')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

export interface UnitTexts {
  code: string
  name: string
  shortName: string | null
}

/** Code, name and short name as typed (cleaned), with their problems in Indonesian. */
export function checkTexts(raw: { code: string; name: string; shortName: string }, errors: UnitFieldErrors): UnitTexts {
  const code = cleanText(raw.code)
  const name = cleanText(raw.name)
  const shortName = cleanText(raw.shortName)
  if (!code) errors.code = 'Kode wajib diisi.'
  else if (!CODE_PATTERN.test(code)) errors.code = CODE_RULE
  if (!name) errors.name = 'Nama unit wajib diisi.'
  else if (name.length > 255) errors.name = 'Nama unit paling panjang 255 karakter.'
  if (shortName.length > 100) errors.shortName = 'Nama singkat paling panjang 100 karakter.'
  return { code, name, shortName: shortName || null }
}

/** "Kode … sudah dipakai oleh …" when the code is taken in the unit's scope (its OPD, or the city level). */
export function codeTakenMessage(tree: Tree, code: string, scope: { opdId: number | null }, exceptId?: number): string | null {
  const clash = codeClash(tree.rows, code, scope, exceptId)
  if (!clash) return null
  const where = scope.opdId == null ? 'di tingkat kota' : 'di OPD ini'
  return `Kode "${code}" sudah dipakai ${where} oleh ${UNIT_KIND_LABELS[clash.kind].toLowerCase()} "${clash.name}"${clash.active ? '' : ' (nonaktif)'}. Kode harus unik dalam satu OPD.`
}

/** Snapshot of a unit for the audit trail. */
export const auditView = (u: { parent_id: number | null; kind: string; code: string; name: string; short_name: string | null; city?: string | null; active?: number }) => ({
  parent_id: u.parent_id,
  kind: u.kind,
  code: u.code,
  name: u.name,
  short_name: u.short_name,
  ...(u.city !== undefined ? { city: u.city } : {}),
  ...(u.active !== undefined ? { active: u.active } : {}),
})

/** Thrown inside a write transaction to roll it back with an answer for the form. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: UnitFieldErrors = {},
  ) {
    super(message)
  }
}

/** The tree and the unit a use case changes: 404 when there is no such unit, 403 outside the actor's scope. */
export async function loadUnitInScope(db: Executor, actor: Pick<SessionUser, 'opdId'>, unitId: number): Promise<{ tree: Tree; unit: UnitRecord }> {
  const tree = await loadTree(db)
  const unit = tree.index.get(unitId)
  if (!unit) throw new Refusal(404, 'Unit tidak ditemukan.')
  const scope = scopeProblem(actor, tree, unit)
  if (scope) throw new Refusal(scope.status, scope.message)
  return { tree, unit }
}

/** Runs a use case's transaction; a Refusal becomes the failed answer (nothing written). */
export async function refusable<T>(run: () => Promise<OrgOutcome<T>>): Promise<OrgOutcome<T>> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof Refusal) return fail(e.status, e.message, e.fieldErrors)
    throw e
  }
}
