// The writes of Renstra management: periods, tujuan → sasaran → program/kegiatan, indicators and
// their targets. SQL only (the rules, the transaction and the audit rows live in
// app/services/renstra/*); every function takes the transaction of its use case.
import type { Insertable, Updateable } from 'kysely'
import type { Executor } from '../utils/db.server'
import type { IndicatorTable, IndicatorUpdate, NewIndicator, ProgramTable, RenstraPeriodTable, SasaranTable, TujuanTable } from '../../db/schema'

export async function insertPeriod(trx: Executor, row: Insertable<RenstraPeriodTable>): Promise<number> {
  return Number((await trx.insertInto('renstra_period').values(row).executeTakeFirstOrThrow()).insertId)
}

export async function setPeriodClosedFlag(trx: Executor, periodId: number, closed: boolean): Promise<void> {
  await trx
    .updateTable('renstra_period')
    .set({ closed: closed ? 1 : 0 })
    .where('id', '=', periodId)
    .execute()
}

export async function insertTujuan(trx: Executor, row: Insertable<TujuanTable>): Promise<number> {
  return Number((await trx.insertInto('tujuan').values(row).executeTakeFirstOrThrow()).insertId)
}

export async function insertSasaran(trx: Executor, row: Insertable<SasaranTable>): Promise<number> {
  return Number((await trx.insertInto('sasaran').values(row).executeTakeFirstOrThrow()).insertId)
}

export async function insertProgram(trx: Executor, row: Insertable<ProgramTable>): Promise<number> {
  return Number((await trx.insertInto('program').values(row).executeTakeFirstOrThrow()).insertId)
}

/** Code, name (and the unit of a program) of a tree node. */
export async function updateTreeNode(
  trx: Executor,
  entity: 'tujuan' | 'sasaran' | 'program',
  id: number,
  set: { code: string; name: string; unit_id?: number | null },
): Promise<void> {
  if (entity === 'program') await trx.updateTable('program').set(set).where('id', '=', id).execute()
  else await trx.updateTable(entity).set({ code: set.code, name: set.name }).where('id', '=', id).execute()
}

export async function setTreeNodeDeletedAt(trx: Executor, entity: 'tujuan' | 'sasaran' | 'program', id: number, deletedAt: string | null): Promise<void> {
  await trx.updateTable(entity).set({ deleted_at: deletedAt }).where('id', '=', id).execute()
}

export async function insertIndicator(trx: Executor, row: NewIndicator): Promise<number> {
  return Number((await trx.insertInto('indicator').values(row).executeTakeFirstOrThrow()).insertId)
}

/** Updates an indicator only when it is still at `version`; the number of rows changed (0 = lost the race). */
export async function updateIndicatorAtVersion(trx: Executor, id: number, version: number, set: IndicatorUpdate | Updateable<IndicatorTable>): Promise<number> {
  const res = await trx.updateTable('indicator').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst()
  return Number(res.numUpdatedRows)
}

export async function insertAnnualTarget(trx: Executor, indicatorId: number, year: number, target: number): Promise<void> {
  await trx.insertInto('indicator_target').values({ indicator_id: indicatorId, year, target }).execute()
}

export async function updateAnnualTarget(trx: Executor, indicatorId: number, year: number, target: number): Promise<void> {
  await trx.updateTable('indicator_target').set({ target }).where('indicator_id', '=', indicatorId).where('year', '=', year).execute()
}

export async function deleteAnnualTarget(trx: Executor, indicatorId: number, year: number): Promise<void> {
  await trx.deleteFrom('indicator_target').where('indicator_id', '=', indicatorId).where('year', '=', year).execute()
}

export async function insertQuarterTarget(trx: Executor, indicatorId: number, year: number, quarter: number, target: number): Promise<void> {
  await trx.insertInto('indicator_quarter_target').values({ indicator_id: indicatorId, year, quarter, target }).execute()
}

export async function updateQuarterTarget(trx: Executor, indicatorId: number, year: number, quarter: number, target: number): Promise<void> {
  await trx.updateTable('indicator_quarter_target').set({ target }).where('indicator_id', '=', indicatorId).where('year', '=', year).where('quarter', '=', quarter).execute()
}

export async function deleteQuarterTarget(trx: Executor, indicatorId: number, year: number, quarter: number): Promise<void> {
  await trx.deleteFrom('indicator_quarter_target').where('indicator_id', '=', indicatorId).where('year', '=', year).where('quarter', '=', quarter).execute()
}
