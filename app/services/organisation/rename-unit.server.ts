// Use case: change a unit's code, name, short name (and city for an OPD/kota). Audited.
import { writeTransaction, type DB } from '../../utils/db.server'
import { updateUnit } from '../../models/organisation.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { isCityKind, opdIdOf } from './rules'
import { auditView, checkTexts, cleanText, codeTakenMessage, INVALID, loadUnitInScope, type OrgOutcome, refusable, Refusal, type UnitFieldErrors } from './common.server'

export interface RenameUnitInput {
  code: string
  name: string
  shortName: string
  city: string
}

export async function renameUnit(db: DB, actor: SessionUser, unitId: number, input: RenameUnitInput, requestId: string | null): Promise<OrgOutcome> {
  return refusable(() =>
    writeTransaction(db, 'city', async (trx) => {
      const { tree, unit } = await loadUnitInScope(trx, actor, unitId)
      const errors: UnitFieldErrors = {}
      const texts = checkTexts(input, errors)
      const city = isCityKind(unit.kind) ? cleanText(input.city) || null : unit.city
      if ((city ?? '').length > 100) errors.city = 'Nama kota paling panjang 100 karakter.'
      if (!errors.code) {
        const taken = codeTakenMessage(tree, texts.code, { opdId: isCityKind(unit.kind) ? null : opdIdOf(tree.index, unit.id) }, unit.id)
        if (taken) errors.code = taken
      }
      if (Object.keys(errors).length) throw new Refusal(400, INVALID, errors)
      const before = auditView(unit)
      const after = auditView({ ...unit, code: texts.code, name: texts.name, short_name: texts.shortName, city })
      if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true as const, message: 'Tidak ada perubahan.', value: undefined }
      await updateUnit(trx, unit.id, { code: texts.code, name: texts.name, short_name: texts.shortName, city })
      await writeAudit(trx, { actor: actorOf(actor), opdId: opdIdOf(tree.index, unit.id), entity: 'org_unit', entityId: unit.id, action: 'update', before, after, requestId })
      return { ok: true as const, message: `Unit "${texts.name}" disimpan.`, value: undefined }
    }),
  )
}
