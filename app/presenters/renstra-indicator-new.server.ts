// Read model of /renstra/indikator/baru: the period (?periode=, else the current one of the OPD), its
// years, the choices of the form, and the empty form (sasaran/program preset from the query).
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { getSettings } from '../models/settings.server'
import { yearInZone } from '../utils/time'
import { resolveOpdId } from '../models/organisation.server'
import { getPeriod, periodsOfOpd, type PeriodRow } from '../models/renstra.server'
import { emptyIndicatorValues, yearsOf } from '../utils/renstra-fields'
import { notFound, optionalId } from '../services/renstra/common.server'
import { indicatorOptions } from '../services/renstra/indicator-options.server'

export async function newIndicatorPageData(db: Executor, user: SessionUser, url: URL) {
  const wanted = optionalId(url.searchParams.get('periode') ?? '')
  const settings = await getSettings(db)
  let period: PeriodRow | undefined
  if (wanted) {
    period = await getPeriod(db, wanted)
    if (!period || (user.opdId != null && user.opdId !== period.opd_id)) notFound('Periode Renstra tidak ditemukan.')
  } else {
    const opdId = await resolveOpdId(db, user.opdId, optionalId(url.searchParams.get('opd') ?? ''))
    if (opdId != null) {
      const periods = await periodsOfOpd(db, opdId)
      const year = yearInZone(now(), settings.scoring.timeZone)
      period = periods.find((p) => p.start_year <= year && year <= p.end_year) ?? periods[0]
    }
  }
  if (!period) notFound('Belum ada periode Renstra. Tambahkan periode lebih dulu di halaman Kelola Renstra.')
  const years = yearsOf(period.start_year, period.end_year)
  const { options } = await indicatorOptions(db, period)
  const values = emptyIndicatorValues()
  const sasaran = optionalId(url.searchParams.get('sasaran') ?? '')
  const program = optionalId(url.searchParams.get('program') ?? '')
  if (sasaran && options.sasaran.some((s) => s.id === sasaran)) values.fields.sasaran_id = String(sasaran)
  if (program) {
    const p = options.programs.find((x) => x.id === program)
    if (p) {
      values.fields.program_id = String(p.id)
      if (p.sasaranId != null) values.fields.sasaran_id = String(p.sasaranId)
    }
  }
  const firstYearBaseline = period.start_year - 1
  values.fields.baseline_year = String(firstYearBaseline)
  return {
    period: { id: period.id, name: period.name, startYear: period.start_year, endYear: period.end_year, closed: !!period.closed },
    years,
    timeZone: settings.scoring.timeZone,
    values,
    options,
    /** Whose copy on this device the form keeps: `<user>:<opd>`. */
    draftScope: `${user.id}:${period.opd_id}`,
  }
}
