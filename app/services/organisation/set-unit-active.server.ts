// Use case: deactivate a unit (never deleted: its history stays) or activate it again. A unit that
// still has active users, indicators of an open Renstra or active units below it is refused with
// what to do first. Audited.
import { writeTransaction, type DB } from '../../utils/db.server'
import { activeUsage, updateUnit } from '../../models/organisation.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { auditView, loadUnitInScope, type OrgOutcome, refusable, Refusal } from './common.server'
import { opdIdOf } from './rules'

const listed = (items: string[], max = 5) => (items.length > max ? `${items.slice(0, max).join(', ')} dan ${items.length - max} lainnya` : items.join(', '))

export async function setUnitActive(db: DB, actor: SessionUser, unitId: number, active: boolean, requestId: string | null): Promise<OrgOutcome> {
  return refusable(() =>
    writeTransaction(db, 'city', async (trx) => {
      const { tree, unit } = await loadUnitInScope(trx, actor, unitId)
      if ((unit.active === 1) === active) return { ok: true as const, message: active ? 'Unit sudah aktif.' : 'Unit sudah nonaktif.', value: undefined }
      if (active) {
        const parent = unit.parent_id == null ? null : tree.index.get(unit.parent_id)
        if (parent && !parent.active) throw new Refusal(409, `Unit induk "${parent.name}" nonaktif; aktifkan induknya terlebih dahulu.`)
      } else {
        const children = tree.rows.filter((r) => r.parent_id === unit.id && r.active === 1)
        const usage = await activeUsage(trx, [unit.id])
        const reasons: string[] = []
        if (children.length) reasons.push(`masih ada ${children.length} unit aktif di bawahnya (${listed(children.map((c) => c.name))}) — nonaktifkan atau pindahkan dulu`)
        if (usage.users.length)
          reasons.push(`masih ada ${usage.users.length} pengguna aktif (${listed(usage.users.map((u) => u.username))}) — pindahkan atau nonaktifkan di halaman Pengguna`)
        if (usage.indicators.length)
          reasons.push(
            `masih ada ${usage.indicators.length} indikator Renstra yang berjalan (${listed(usage.indicators.map((i) => i.code))}) — alihkan ke unit lain di Kelola Renstra`,
          )
        if (reasons.length) throw new Refusal(409, `"${unit.name}" belum dapat dinonaktifkan: ${reasons.join('; ')}.`)
      }
      await updateUnit(trx, unit.id, { active: active ? 1 : 0 })
      await writeAudit(trx, {
        actor: actorOf(actor),
        opdId: opdIdOf(tree.index, unit.id),
        entity: 'org_unit',
        entityId: unit.id,
        action: active ? 'activate' : 'deactivate',
        before: auditView(unit),
        after: auditView({ ...unit, active: active ? 1 : 0 }),
        requestId,
      })
      return { ok: true as const, message: active ? `"${unit.name}" diaktifkan kembali.` : `"${unit.name}" dinonaktifkan. Riwayatnya tetap tersimpan.`, value: undefined }
    }),
  )
}
