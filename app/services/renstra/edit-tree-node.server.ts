// Perencanaan renames a tujuan, sasaran or program / kegiatan (code, name, and a program's unit).
// Lost-update guard: the code and name the form was loaded with must still be current (else 409 with
// who changed it). One transaction with the OPD scope and one audit row; no change → nothing written.
import type { DB, Executor } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { lastChangeOfEntity, programsOfPeriod, sasaranOfPeriod, tujuanOfPeriod, type PeriodRow, type ProgramRow, type SasaranRow } from '../../models/renstra.server'
import { updateTreeNode } from '../../models/renstra-write.server'
import type { FormErrors } from '../../utils/renstra-fields'
import { changedByText, Refusal } from './common.server'
import {
  checkUnit,
  entityWord,
  nodeOf,
  auditNodeChange,
  refusalWithGeneral,
  requireOpenPeriod,
  runKelola,
  type KelolaResult,
  type NodeOwner,
  type NodeRow,
  type TreeEntity,
} from './kelola-common.server'

/** The codes a changed code must not collide with (tujuan and program per period, sasaran per tujuan). */
async function siblingCodes(trx: Executor, entity: TreeEntity, period: PeriodRow, before: NodeRow): Promise<string[]> {
  if (entity === 'tujuan') return (await tujuanOfPeriod(trx, period.id)).map((x) => x.code)
  if (entity === 'sasaran') return (await sasaranOfPeriod(trx, period.id)).filter((x) => x.tujuan_id === (before as SasaranRow).tujuan_id).map((x) => x.code)
  return (await programsOfPeriod(trx, period.id)).map((x) => x.code)
}

/** What the rename form carries once its schema checked it, with the code and name it was loaded with. */
export interface NodeEdit {
  code: string
  name: string
  unitId: number | null
  beforeCode: string
  beforeName: string
}

export async function editTreeNode(db: DB, entity: TreeEntity, user: SessionUser, owner: NodeOwner, id: number, v: NodeEdit, requestId: string | null): Promise<KelolaResult> {
  const { code, name } = v
  return runKelola(
    db,
    owner.opdId,
    async (trx) => {
      const errors: FormErrors = {}
      const period = await requireOpenPeriod(trx, owner.periodId)
      const before = await nodeOf(trx, entity, id)
      if ((v.beforeCode && v.beforeCode !== before.code) || (v.beforeName && v.beforeName !== before.name)) {
        const who = await lastChangeOfEntity(trx, entity, id)
        const msg = `${await changedByText(trx, who)} Isian saat ini: ${before.code} — ${before.name}. Tidak ada yang disimpan.`
        throw new Refusal(409, msg, {}, [msg])
      }
      if (before.deleted_at) errors.general = 'Data ini sudah dihapus; pulihkan dulu sebelum mengubahnya.'
      let unitId: number | null | undefined
      if (entity === 'program') unitId = await checkUnit(trx, errors, v.unitId, period.opd_id, (before as ProgramRow).unit_id)
      if (code.toLowerCase() !== before.code.toLowerCase()) {
        if ((await siblingCodes(trx, entity, period, before)).some((c) => c.toLowerCase() === code.toLowerCase())) errors.code = `Kode ${code} sudah dipakai.`
      }
      if (Object.keys(errors).length) throw refusalWithGeneral(errors, 'Isian belum benar.')
      const same = before.code === code && before.name === name && (entity !== 'program' || (before as ProgramRow).unit_id === (unitId ?? null))
      if (same) return 'Tidak ada perubahan untuk disimpan.'
      await updateTreeNode(trx, entity, id, entity === 'program' ? { code, name, unit_id: unitId ?? null } : { code, name })
      await auditNodeChange(trx, user, owner, entity, id, { action: 'update', before, requestId })
      return `${entityWord(entity, before)} ${code} disimpan.`
    },
    'Kode ini sudah dipakai; pakai kode lain.',
  )
}
