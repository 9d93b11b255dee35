// Use case: add a unit to the tree (an OPD or a kota only by a city-level admin). Audited.
import { writeTransaction, type DB } from '../../utils/db.server'
import { insertUnit, maxSortOrder } from '../../models/organisation.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { isCityKind, isUnitKind, kindProblem, opdIdOf } from './rules'
import {
  auditView,
  checkTexts,
  CITY_ONLY,
  cleanText,
  codeTakenMessage,
  INVALID,
  loadTree,
  OUTSIDE_OPD,
  Refusal,
  refusable,
  type OrgOutcome,
  type UnitFieldErrors,
} from './common.server'

export interface CreateUnitInput {
  parentId: string
  kind: string
  code: string
  name: string
  shortName: string
  city: string
}

export function createUnitInputOf(form: FormData): CreateUnitInput {
  const s = (k: string) => String(form.get(k) ?? '')
  return { parentId: s('parentId').trim(), kind: s('kind').trim(), code: s('code'), name: s('name'), shortName: s('shortName'), city: s('city') }
}

export async function createUnit(db: DB, actor: SessionUser, input: CreateUnitInput, requestId: string | null): Promise<OrgOutcome<{ id: number }>> {
  return refusable(() =>
    writeTransaction(db, 'city', async (trx) => {
      const tree = await loadTree(trx)
      const errors: UnitFieldErrors = {}
      const kind = isUnitKind(input.kind) ? input.kind : null
      if (!kind) errors.kind = 'Pilih jenis unit yang tersedia.'
      let parent = null
      if (input.parentId !== '') {
        parent = /^\d{1,9}$/.test(input.parentId) ? (tree.index.get(Number(input.parentId)) ?? null) : null
        if (!parent) errors.parentId = 'Unit induk tidak ditemukan.'
        else if (!parent.active) errors.parentId = `Unit induk "${parent.name}" nonaktif; aktifkan dulu atau pilih induk lain.`
      }
      if (kind && isCityKind(kind) && actor.opdId != null) throw new Refusal(403, CITY_ONLY)
      if (actor.opdId != null) {
        if (parent && opdIdOf(tree.index, parent.id) !== actor.opdId) throw new Refusal(403, OUTSIDE_OPD)
        if (input.parentId === '') errors.parentId = 'Pilih unit induk di dalam OPD Anda.'
      }
      if (kind && !errors.parentId && !(input.parentId !== '' && !parent)) {
        const problem = kindProblem(kind, parent?.kind ?? null)
        if (problem) errors.kind = problem
      }
      const texts = checkTexts(input, errors)
      const city = cleanText(input.city)
      if (city.length > 100) errors.city = 'Nama kota paling panjang 100 karakter.'
      if (kind && !errors.code && !errors.kind && !errors.parentId) {
        const scope = { opdId: isCityKind(kind) ? null : opdIdOf(tree.index, parent!.id) }
        const taken = codeTakenMessage(tree, texts.code, scope)
        if (taken) errors.code = taken
      }
      if (Object.keys(errors).length || !kind) throw new Refusal(400, INVALID, errors)

      const values = {
        parent_id: parent?.id ?? null,
        kind,
        code: texts.code,
        name: texts.name,
        short_name: texts.shortName,
        city: isCityKind(kind) ? city || parent?.city || null : null,
        sort_order: (await maxSortOrder(trx, parent?.id ?? null)) + 1,
        created_at: toDbTime(now()),
        active: 1,
      }
      const id = await insertUnit(trx, values)
      await writeAudit(trx, {
        actor: actorOf(actor),
        opdId: kind === 'opd' ? id : parent ? opdIdOf(tree.index, parent.id) : null,
        entity: 'org_unit',
        entityId: id,
        action: 'create',
        after: { id, ...auditView(values) },
        requestId,
      })
      return { ok: true as const, message: `Unit "${texts.name}" ditambahkan.`, value: { id } }
    }),
  )
}
