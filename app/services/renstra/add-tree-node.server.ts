// Perencanaan adds a tujuan (under a period), a sasaran (under a tujuan) or a program / kegiatan /
// sub kegiatan (under a sasaran or a parent program) to an open Renstra period. One transaction with
// the OPD scope and one audit row; a duplicate code or a deleted parent refuses the change.
import type { DB, Executor } from '../../utils/db.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { getProgram, getSasaran, getTujuan, maxSasaranOrder, maxSortOrder, programsOfPeriod, sasaranOfPeriod, tujuanOfPeriod, type PeriodRow } from '../../models/renstra.server'
import { insertProgram, insertSasaran, insertTujuan } from '../../models/renstra-write.server'
import { PROGRAM_KIND_LABELS, type FormErrors, type ProgramKind } from '../../utils/renstra-fields'
import { Refusal } from './common.server'
import { checkUnit, refusalWithGeneral, requireOpenPeriod, runKelola, type KelolaResult, type NodeOwner, type TreeEntity } from './kelola-common.server'

interface AddInput {
  user: SessionUser
  owner: NodeOwner
  /** The id of the parent: the period (tujuan), the tujuan (sasaran), the sasaran or parent program (program). */
  refId: number
  code: string
  name: string
  errors: FormErrors
  /** A program's unit (checked against the OPD here) and whether it hangs under a parent program. */
  unitId: number | null
  underParent: boolean
  requestId: string | null
}

/** What the add form carries once its schema checked it. */
export interface NewNode {
  code: string
  name: string
  unitId: number | null
  underParent: boolean
}

export async function addTreeNode(db: DB, entity: TreeEntity, user: SessionUser, owner: NodeOwner, refId: number, node: NewNode, requestId: string | null): Promise<KelolaResult> {
  const { code } = node
  return runKelola(
    db,
    owner.opdId,
    async (trx) => {
      // Each run of the callback works on its own copy: a retried run leaves nothing behind.
      const input: AddInput = { user, owner, refId, code, name: node.name, errors: {}, unitId: node.unitId, underParent: node.underParent, requestId }
      const period = await requireOpenPeriod(trx, owner.periodId)
      if (entity === 'tujuan') return addTujuan(trx, period, input, code)
      if (entity === 'sasaran') return addSasaran(trx, period, input, code)
      return addProgram(trx, period, input, code)
    },
    'Kode ini baru saja dipakai; pakai kode lain.',
  )
}

async function addTujuan(trx: Executor, period: PeriodRow, x: AddInput, code: string): Promise<string> {
  const errors = x.errors
  if ((await tujuanOfPeriod(trx, period.id)).some((t) => t.code.toLowerCase() === code.toLowerCase())) errors.code = `Kode tujuan ${code} sudah dipakai pada periode ini.`
  if (Object.keys(errors).length) throw new Refusal(400, 'Isian tujuan belum benar.', errors)
  const row = { period_id: period.id, code: x.code, name: x.name, sort_order: (await maxSortOrder(trx, 'tujuan', period.id)) + 1, deleted_at: null }
  const id = await insertTujuan(trx, row)
  await writeAudit(trx, { actor: actorOf(x.user), opdId: x.owner.opdId, entity: 'tujuan', entityId: id, action: 'create', after: { id, ...row }, requestId: x.requestId })
  return `Tujuan ${code} ditambahkan.`
}

async function addSasaran(trx: Executor, period: PeriodRow, x: AddInput, code: string): Promise<string> {
  const errors = x.errors
  const tujuan = (await getTujuan(trx, x.refId))!
  if (tujuan.deleted_at) errors.general = 'Tujuan ini sudah dihapus; pulihkan dulu.'
  if ((await sasaranOfPeriod(trx, period.id)).some((s) => s.tujuan_id === tujuan.id && s.code.toLowerCase() === code.toLowerCase()))
    errors.code = `Kode sasaran ${code} sudah dipakai di bawah tujuan ini.`
  if (Object.keys(errors).length) throw refusalWithGeneral(errors, 'Isian sasaran belum benar.')
  const row = { tujuan_id: tujuan.id, code: x.code, name: x.name, sort_order: (await maxSasaranOrder(trx, tujuan.id)) + 1, deleted_at: null }
  const id = await insertSasaran(trx, row)
  await writeAudit(trx, { actor: actorOf(x.user), opdId: x.owner.opdId, entity: 'sasaran', entityId: id, action: 'create', after: { id, ...row }, requestId: x.requestId })
  return `Sasaran ${code} ditambahkan.`
}

/** Where a new program / kegiatan / sub kegiatan hangs: its kind follows its parent. */
async function placementOf(trx: Executor, x: AddInput): Promise<{ kind: ProgramKind; sasaranId: number | null; parentId: number | null }> {
  if (x.underParent) {
    const parent = (await getProgram(trx, x.refId))!
    if (parent.deleted_at) x.errors.general = `${PROGRAM_KIND_LABELS[parent.kind]} ${parent.code} sudah dihapus; pulihkan dulu.`
    if (parent.kind === 'subkegiatan') x.errors.general = 'Sub kegiatan tidak dapat memiliki turunan.'
    return { kind: parent.kind === 'program' ? 'kegiatan' : 'subkegiatan', sasaranId: parent.sasaran_id, parentId: parent.id }
  }
  const s = (await getSasaran(trx, x.refId))!
  if (s.deleted_at || s.tujuan_deleted_at) x.errors.general = 'Sasaran ini sudah dihapus; pulihkan dulu.'
  return { kind: 'program', sasaranId: s.id, parentId: null }
}

async function addProgram(trx: Executor, period: PeriodRow, x: AddInput, code: string): Promise<string> {
  const errors = x.errors
  const { kind, sasaranId, parentId } = await placementOf(trx, x)
  const unitId = await checkUnit(trx, errors, x.unitId, period.opd_id)
  if ((await programsOfPeriod(trx, period.id)).some((p) => p.code.toLowerCase() === code.toLowerCase()))
    errors.code = `Kode ${code} sudah dipakai program/kegiatan lain pada periode ini.`
  if (Object.keys(errors).length) throw refusalWithGeneral(errors, 'Isian program/kegiatan belum benar.')
  const row = {
    period_id: period.id,
    sasaran_id: sasaranId,
    parent_id: parentId,
    kind,
    code: x.code,
    name: x.name,
    unit_id: unitId,
    sort_order: (await maxSortOrder(trx, 'program', period.id)) + 1,
    deleted_at: null,
  }
  const id = await insertProgram(trx, row)
  await writeAudit(trx, { actor: actorOf(x.user), opdId: x.owner.opdId, entity: 'program', entityId: id, action: 'create', after: { id, ...row }, requestId: x.requestId })
  return `${PROGRAM_KIND_LABELS[kind]} ${code} ditambahkan.`
}
