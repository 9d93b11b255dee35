// Perencanaan adds an indicator with its annual and quarterly targets to an open Renstra period:
// validated, scoped to the period's OPD, written in one transaction with its audit rows.
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import { getPeriod, indicatorCodesOf, maxSortOrder, targetAuditId } from '../../models/renstra.server'
import { insertAnnualTarget, insertIndicator, insertQuarterTarget } from '../../models/renstra-write.server'
import { yearsOf, type IndicatorFormValues } from '../../utils/renstra-fields'
import { assertOpdScope, clean, closedMessage, notFound, optionalId, Refusal, text } from './common.server'
import { indicatorSnapshot, refused, targetSnapshot, type IndicatorSaveResult } from './indicator-common.server'
import { indicatorOptions } from './indicator-options.server'
import { readIndicatorForm, validateIndicator, type ParsedIndicator } from './indicator-validate.server'

export async function createIndicator(db: DB, user: SessionUser, periodIdRaw: string, values: IndicatorFormValues, requestId: string | null): Promise<IndicatorSaveResult> {
  const periodId = optionalId(periodIdRaw)
  const period = periodId ? await getPeriod(db, periodId) : undefined
  if (!period) return refused(new Refusal(404, 'Periode Renstra tidak ditemukan.', {}, ['Periode Renstra tidak ditemukan.']))
  assertOpdScope(user, period.opd_id)
  const years = yearsOf(period.start_year, period.end_year)
  const t = toDbTime(now())
  try {
    const id = await writeTransaction(db, period.opd_id, async (trx) => {
      const p = (await getPeriod(trx, period.id))!
      if (p.closed) throw new Refusal(400, closedMessage(p), {}, [closedMessage(p)])
      const { ctx } = await indicatorOptions(trx, p)
      const { parsed, errors } = validateIndicator(values, { ...ctx, years, codes: await indicatorCodesOf(trx, p.id), selfId: null })
      if (!parsed) throw new Refusal(400, 'Ada masalah pada isian; tidak ada yang disimpan.', errors)
      const order = (await maxSortOrder(trx, 'indicator', p.id)) + 1
      const newId = await insertIndicator(trx, {
        period_id: p.id,
        ...parsed.fields,
        sort_order: order,
        version: 1,
        created_at: t,
        updated_at: t,
        deleted_at: null,
        deleted_reason: null,
      })
      const reason = clean(values.reason)
      const audit = { actor: actorOf(user), opdId: p.opd_id, reason, requestId }
      await writeAudit(trx, {
        ...audit,
        entity: 'indicator',
        entityId: newId,
        action: 'create',
        after: indicatorSnapshot({ id: newId, period_id: p.id, version: 1, deleted_at: null, deleted_reason: null, ...parsed.fields }),
      })
      for (const y of years) {
        await insertTargetsOfYear(trx, newId, y, parsed)
        const snap = targetSnapshot(newId, y, { annual: parsed.targets, quarterly: parsed.quarters })
        if (snap) await writeAudit(trx, { ...audit, entity: 'indicator_target', entityId: targetAuditId(newId, y), action: 'create', after: snap })
      }
      return newId
    })
    return { ok: true, id, changed: true, message: 'Indikator baru disimpan.' }
  } catch (e) {
    if (e instanceof Refusal) return refused(e)
    if (isUniqueViolation(e)) {
      const errors = { code: 'Kode ini baru saja dipakai indikator lain pada periode ini; pakai kode lain.' }
      return refused(new Refusal(400, 'Kode indikator sudah dipakai; tidak ada yang disimpan.', errors))
    }
    throw e
  }
}

async function insertTargetsOfYear(trx: Executor, id: number, y: number, parsed: ParsedIndicator): Promise<void> {
  if (parsed.targets[y] !== undefined) await insertAnnualTarget(trx, id, y, parsed.targets[y])
  for (let q = 1; q <= 4; q++) {
    const v = parsed.quarters[`${y}-${q}`]
    if (v !== undefined) await insertQuarterTarget(trx, id, y, q, v)
  }
}

/** The new-indicator form posted: the period's OPD is checked first (403 before anything else). */
export async function createIndicatorFromForm(db: DB, user: SessionUser, form: FormData, requestId: string | null): Promise<IndicatorSaveResult> {
  const periodId = optionalId(text(form.get('period_id')))
  const period = periodId ? await getPeriod(db, periodId) : undefined
  if (!period) notFound('Periode Renstra tidak ditemukan.')
  assertOpdScope(user, period.opd_id)
  const values = readIndicatorForm(form, yearsOf(period.start_year, period.end_year))
  return createIndicator(db, user, String(period.id), values, requestId)
}
