// Perencanaan deletes (soft) or restores a tujuan, sasaran or program / kegiatan. A node with live
// children or live indicators cannot be deleted; a node whose parent is deleted cannot be restored.
// One transaction with the OPD scope and one audit row.
import type { DB, Executor } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { getProgram, getSasaran, liveChildrenOf, type ProgramRow, type SasaranRow } from '../../models/renstra.server'
import { setTreeNodeDeletedAt } from '../../models/renstra-write.server'
import { Refusal } from './common.server'
import { auditNodeChange, entityWord, nodeOf, requireOpenPeriod, runKelola, type KelolaResult, type NodeOwner, type NodeRow, type TreeEntity } from './kelola-common.server'

async function deleteProblems(trx: Executor, entity: TreeEntity, id: number, before: NodeRow): Promise<string[]> {
  const general: string[] = []
  if (before.deleted_at) general.push('Data ini sudah dihapus.')
  const live = await liveChildrenOf(trx, entity, id)
  if (live.sasaran.length) general.push(`Tujuan ini masih memiliki sasaran aktif (${live.sasaran.join(', ')}); hapus atau pindahkan dulu.`)
  if (live.programs.length) general.push(`Masih ada program/kegiatan aktif di bawahnya (${live.programs.join(', ')}); hapus dulu.`)
  if (live.indicators.length) general.push(`Masih ada indikator aktif yang merujuknya (${live.indicators.join(', ')}); pindahkan atau hapus indikatornya dulu.`)
  return general
}

async function restoreProblems(trx: Executor, entity: TreeEntity, before: NodeRow): Promise<string[]> {
  const general: string[] = []
  if (!before.deleted_at) general.push('Data ini tidak dalam keadaan dihapus.')
  const parentDeleted =
    entity === 'sasaran'
      ? !!(before as SasaranRow).tujuan_deleted_at
      : entity === 'program' && (before as ProgramRow).parent_id
        ? !!(await getProgram(trx, (before as ProgramRow).parent_id!))?.deleted_at
        : entity === 'program' && (before as ProgramRow).sasaran_id
          ? !!(await getSasaran(trx, (before as ProgramRow).sasaran_id!))?.deleted_at
          : false
  if (parentDeleted) general.push('Induknya masih dalam keadaan dihapus; pulihkan induknya dulu.')
  return general
}

export async function setTreeNodeDeleted(
  db: DB,
  entity: TreeEntity,
  op: 'hapus' | 'pulihkan',
  user: SessionUser,
  owner: NodeOwner,
  id: number,
  /** Checked by the form's schema (at most 500 characters). */
  reason: string | null,
  requestId: string | null,
): Promise<KelolaResult> {
  return runKelola(
    db,
    owner.opdId,
    async (trx) => {
      await requireOpenPeriod(trx, owner.periodId)
      const before = await nodeOf(trx, entity, id)
      const general = op === 'hapus' ? await deleteProblems(trx, entity, id, before) : await restoreProblems(trx, entity, before)
      if (general.length) throw new Refusal(400, general[0]!, {}, general)
      await setTreeNodeDeletedAt(trx, entity, id, op === 'hapus' ? toDbTime(now()) : null)
      await auditNodeChange(trx, user, owner, entity, id, { action: op === 'hapus' ? 'delete' : 'restore', before, reason, requestId })
      return `${entityWord(entity, before)} ${before.code} ${op === 'hapus' ? 'dihapus' : 'dipulihkan'}.`
    },
    'Kode ini sudah dipakai.',
  )
}
