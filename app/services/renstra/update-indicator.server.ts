// Perencanaan changes an indicator and its targets. Optimistic concurrency on indicator.version (a
// stale form gets 409 with who changed it and when); changing a target of a year that already has
// verified realisations needs a reason; a closed period or a deleted indicator refuses the change.
// One transaction with the OPD scope; one audit row for the indicator and one per changed year.
import type { DB, Executor } from '../../utils/db.server'
import { writeTransaction } from '../../utils/db.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import type { SessionUser } from '../auth.server'
import { actorOf, writeAudit } from '../audit.server'
import { isUniqueViolation } from '../../utils/unique-violation'
import {
  getIndicatorWithPeriod,
  getPeriod,
  indicatorCodesOf,
  lastIndicatorChange,
  targetAuditId,
  targetsOfIndicator,
  verifiedYearsOf,
  type IndicatorTargets,
  type IndicatorWithPeriod,
} from '../../models/renstra.server'
import { deleteQuarterTarget, insertAnnualTarget, insertQuarterTarget, updateAnnualTarget, updateIndicatorAtVersion, updateQuarterTarget } from '../../models/renstra-write.server'
import { REASON_FIELD, yearsOf, type IndicatorFormValues } from '../../utils/renstra-fields'
import { assertOpdScope, changedByText, clean, closedMessage, notFound, num, optionalId, Refusal, RENSTRA_LIMITS, sameNumber, text, yearsLabel } from './common.server'
import { indicatorSnapshot, quarterlyAfter, refused, targetSnapshot, typedTargets, yearChanged, type IndicatorSaveResult } from './indicator-common.server'
import { indicatorOptions } from './indicator-options.server'
import { readIndicatorForm, validateIndicator, type ParsedIndicator } from './indicator-validate.server'

/** The version the form was based on: the conflict override (`timpa`) when the user chose it, else `version`. */
function expectedVersion(form: { version: string; override: string }): number | null {
  return optionalId(form.override) ?? optionalId(form.version)
}

const closedOf = (i: IndicatorWithPeriod) => closedMessage({ name: i.period_name, start_year: i.start_year, end_year: i.end_year })

/** The row as it is now, refused when it may not be changed from this form. */
async function lockedBefore(trx: Executor, id: number, expected: number | null): Promise<IndicatorWithPeriod> {
  const before = (await getIndicatorWithPeriod(trx, id))!
  if (before.period_closed) throw new Refusal(400, closedOf(before), {}, [closedOf(before)])
  const unknownVersion = 'Versi formulir tidak dikenali; muat ulang halaman lalu ulangi perubahan.'
  if (expected === null) throw new Refusal(400, unknownVersion, {}, [unknownVersion])
  if (expected !== before.version) throw new Refusal(409, 'conflict')
  const deleted = 'Indikator ini sudah dihapus; pulihkan lebih dulu sebelum mengubahnya.'
  if (before.deleted_at) throw new Refusal(400, deleted, {}, [deleted])
  return before
}

interface Checked {
  parsed: ParsedIndicator
  targetsBefore: IndicatorTargets
  changedYears: number[]
  reason: string | null
}

/** Validates the form and the reason rule together, so every problem is reported at once. */
async function checkUpdate(trx: Executor, before: IndicatorWithPeriod, values: IndicatorFormValues, years: number[], onReasonYears: (y: number[]) => void): Promise<Checked> {
  const period = (await getPeriod(trx, before.period_id))!
  const { ctx } = await indicatorOptions(trx, period, before)
  const { parsed, errors } = validateIndicator(values, { ...ctx, years, codes: await indicatorCodesOf(trx, before.period_id), selfId: before.id })
  // Targets of years with verified realisations need a reason (from what was typed).
  const targetsBefore = await targetsOfIndicator(trx, before.id)
  const verified = new Set(await verifiedYearsOf(trx, before.id))
  const reason = clean(values.reason)
  if (reason && reason.length > RENSTRA_LIMITS.reason) errors[REASON_FIELD] = `Alasan paling panjang ${RENSTRA_LIMITS.reason} karakter.`
  const typed = typedTargets(values, years)
  const changedYears = years.filter((y) => yearChanged(y, targetsBefore, typed))
  const reasonYears = changedYears.filter((y) => verified.has(y))
  onReasonYears(reasonYears)
  if (reasonYears.length && !reason) {
    errors[REASON_FIELD] = `Alasan perubahan wajib diisi: target ${yearsLabel(reasonYears)} diubah, padahal tahun itu sudah memiliki realisasi yang diverifikasi.`
  }
  if (!parsed || Object.keys(errors).length) throw new Refusal(400, 'Ada masalah pada isian; tidak ada yang disimpan.', errors)
  return { parsed, targetsBefore, changedYears, reason }
}

/** Writes the changed targets of one year (annual and quarterly). */
async function writeYear(trx: Executor, id: number, y: number, before: IndicatorTargets, newAnnual: number, qAfter: Record<string, number>): Promise<void> {
  if (before.annual[y] === undefined) await insertAnnualTarget(trx, id, y, newAnnual)
  else if (!sameNumber(before.annual[y], newAnnual)) await updateAnnualTarget(trx, id, y, newAnnual)
  for (let q = 1; q <= 4; q++) {
    const k = `${y}-${q}`
    const b = before.quarterly[k]
    const a = qAfter[k]
    if (sameNumber(b, a)) continue
    if (a === undefined) await deleteQuarterTarget(trx, id, y, q)
    else if (b === undefined) await insertQuarterTarget(trx, id, y, q, a)
    else await updateQuarterTarget(trx, id, y, q, a)
  }
}

export async function updateIndicator(
  db: DB,
  user: SessionUser,
  id: number,
  values: IndicatorFormValues,
  versions: { version: string; override: string },
  requestId: string | null,
): Promise<IndicatorSaveResult> {
  const current = await getIndicatorWithPeriod(db, id)
  if (!current) return refused(new Refusal(404, 'Indikator tidak ditemukan.', {}, ['Indikator tidak ditemukan.']))
  assertOpdScope(user, current.opd_id)
  const years = yearsOf(current.start_year, current.end_year)
  const expected = expectedVersion(versions)
  const t = toDbTime(now())
  let reasonYears: number[] = []
  try {
    const outcome = await writeTransaction(db, current.opd_id, async (trx) => {
      const before = await lockedBefore(trx, id, expected)
      const { parsed, targetsBefore, changedYears, reason } = await checkUpdate(trx, before, values, years, (y) => (reasonYears = y))
      const fieldsBefore = indicatorSnapshot(before)
      const fieldsChanged = Object.entries(parsed.fields).some(([k, v]) => {
        const b = (fieldsBefore as Record<string, unknown>)[k]
        return typeof v === 'number' || typeof b === 'number' ? !sameNumber(num(b), num(v)) : (b ?? null) !== (v ?? null)
      })
      if (!fieldsChanged && changedYears.length === 0) return { changed: false }

      if ((await updateIndicatorAtVersion(trx, id, before.version, { ...parsed.fields, version: before.version + 1, updated_at: t })) !== 1) throw new Refusal(409, 'conflict')
      const afterRow = (await getIndicatorWithPeriod(trx, id))!
      const audit = { actor: actorOf(user), opdId: current.opd_id, reason, requestId }
      await writeAudit(trx, { ...audit, entity: 'indicator', entityId: id, action: 'update', before: fieldsBefore, after: indicatorSnapshot(afterRow) })
      const qAfter = quarterlyAfter(targetsBefore, parsed, years)
      for (const y of changedYears) {
        const newAnnual = parsed.targets[y]!
        await writeYear(trx, id, y, targetsBefore, newAnnual, qAfter)
        await writeAudit(trx, {
          ...audit,
          entity: 'indicator_target',
          entityId: targetAuditId(id, y),
          action: targetsBefore.annual[y] === undefined ? 'create' : 'update',
          before: targetSnapshot(id, y, targetsBefore),
          after: targetSnapshot(id, y, { annual: { [y]: newAnnual }, quarterly: qAfter }),
        })
      }
      return { changed: true }
    })
    return { ok: true, id, changed: outcome.changed, message: outcome.changed ? 'Perubahan indikator disimpan.' : 'Tidak ada perubahan untuk disimpan.' }
  } catch (e) {
    if (e instanceof Refusal) return e.status === 409 ? conflictResult(db, id) : refused(e, reasonYears)
    if (isUniqueViolation(e)) {
      return refused(
        new Refusal(400, 'Kode indikator sudah dipakai; tidak ada yang disimpan.', { code: 'Kode ini baru saja dipakai indikator lain pada periode ini; pakai kode lain.' }),
        reasonYears,
      )
    }
    throw e
  }
}

/** The 409 refusal: who changed the indicator and when (read after the rollback), and its version now. */
async function conflictResult(db: DB, id: number): Promise<IndicatorSaveResult> {
  const row = await getIndicatorWithPeriod(db, id)
  const who = await lastIndicatorChange(db, id)
  const message = `${await changedByText(db, who)} Tidak ada yang disimpan; isian Anda masih di bawah. Periksa nilai terbaru, lalu simpan lagi (centang "timpa") bila perubahan Anda tetap berlaku.`
  return { ok: false, status: 409, message, errors: {}, general: [], reasonYears: [], conflict: { currentVersion: row?.version ?? 0 } }
}

/** The edit form posted: read with the period's years (after the scope check: 403 before anything else). */
export async function updateIndicatorFromForm(db: DB, user: SessionUser, id: number, form: FormData, requestId: string | null): Promise<IndicatorSaveResult> {
  const ind = await getIndicatorWithPeriod(db, id)
  if (!ind) notFound('Indikator tidak ditemukan.')
  assertOpdScope(user, ind.opd_id)
  const values = readIndicatorForm(form, yearsOf(ind.start_year, ind.end_year))
  return updateIndicator(db, user, id, values, { version: text(form.get('version')), override: text(form.get('timpa')) }, requestId)
}
