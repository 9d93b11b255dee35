// The reminder kinds (domain §8) and what each collects at a moment: a registry checked with
// `satisfies`, so a kind without its collector does not compile. Collectors read only; the tick
// claims what they return.
import type { Executor } from '../../utils/db.server'
import { completenessOf, type CompletenessUnit } from '../../presenters/completeness.server'
import { listActions } from '../../models/actions.server'
import { returnedRealisasiOfOpds, submittedCountsByOpd } from '../../models/realisasi.server'
import type { NewNotification } from '../../models/notifications.server'
import { addDays, currentQuarterOf, dueDate, isoDate, lastDueQuarterOf, quarterEndDate } from '../../domain/periods'
import { daysBetween, dueDateText } from '../../domain/actions'
import { quarterName } from '../../domain/labels'
import type { Quarter, ScoringSettings } from '../../domain/types'
import { fromDbTime } from '../../../db/time'
import { calendarDateIn } from '../../domain/periods'

export const REMINDER_KINDS = ['triwulan_dibuka', 'h_min_7', 'h_min_1', 'terlambat', 'dikembalikan', 'menunggu_verifikasi', 'aksi_jatuh_tempo', 'aksi_terlambat'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

/** A reminder: a notification row (its claim key is user, kind, subject and occursOn; its link a
 *  path inside the app that the digest makes absolute with APP_URL) of one of the kinds below. */
export interface Reminder extends Omit<NewNotification, 'kind'> {
  kind: ReminderKind
}

export interface Person {
  id: number
  username: string
  fullName: string
  role: string
  unitId: number | null
  opdId: number
}

export interface CollectContext {
  db: Executor
  asOf: Date
  /** 'YYYY-MM-DD' in the app's time zone. */
  today: string
  settings: ScoringSettings
  opdIds: number[]
  people: Person[]
}

interface KindSpec {
  label: string
  collect: (ctx: CollectContext) => Promise<Reminder[]>
}

const isoOf = (d: { year: number; month: number; day: number }) => isoDate(d)
const plusDays = (iso: string, n: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return isoDate(addDays({ year: y, month: m, day: d }, n))
}
/** Weekly repetition: the first day of the 7-day bucket `today` falls in, counted from `start`. */
const weeklyFrom = (start: string, today: string) => plusDays(start, Math.floor(daysBetween(start, today) / 7) * 7)

/** The quarter whose reporting window (quarter end + 1 … due day) is open or last opened. */
function reportingQuarter(ctx: CollectContext): { year: number; quarter: Quarter; open: string; due: string } {
  const cur = currentQuarterOf(ctx.asOf, ctx.settings.timeZone)
  const year = cur.quarter === 1 ? cur.year - 1 : cur.year
  const quarter = (cur.quarter === 1 ? 4 : cur.quarter - 1) as Quarter
  return { year, quarter, open: isoOf(addDays(quarterEndDate(year, quarter), 1)), due: isoOf(dueDate(year, quarter, ctx.settings.deadlineDays)) }
}

const kabidOf = (ctx: CollectContext, opdId: number, unitId: number) => ctx.people.filter((p) => p.opdId === opdId && p.role === 'kepala_bidang' && p.unitId === unitId)
const perencanaanOf = (ctx: CollectContext, opdId: number) => ctx.people.filter((p) => p.opdId === opdId && p.role === 'perencanaan')
const entryLink = (year: number, q: Quarter) => `/realisasi?tahun=${year}&triwulan=${q}`

/** Indicators of a unit still to be submitted for a quarter (draft, returned or not entered). */
const missingItems = (u: CompletenessUnit) => u.items.filter((i) => i.state === 'draf' || i.state === 'dikembalikan' || i.state === 'belum_jatuh_tempo' || i.state === 'terlambat')

function codesText(items: { code: string }[]): string {
  const codes = items.map((i) => i.code)
  return codes.length <= 8 ? codes.join(', ') : `${codes.slice(0, 8).join(', ')} dan ${codes.length - 8} lainnya`
}

type QuarterKind = 'triwulan_dibuka' | 'h_min_7' | 'h_min_1'
type ReportingQuarter = ReturnType<typeof reportingQuarter>

/** One reminder per kepala bidang of each unit with something missing for the reporting quarter. */
async function quarterReminders(ctx: CollectContext, kind: QuarterKind, occursOn: string, title: (label: string, dueText: string) => string): Promise<Reminder[]> {
  const rq = reportingQuarter(ctx)
  const out: Reminder[] = []
  const label = `${quarterName(rq.quarter)} ${rq.year}`
  const dueText = dueDateText(rq.due)
  for (const opdId of ctx.opdIds) {
    const c = await completenessOf(ctx.db, opdId, rq.year, rq.quarter, ctx.settings, ctx.asOf)
    for (const u of c.units) {
      const missing = missingItems(u)
      if (missing.length === 0) continue
      for (const p of kabidOf(ctx, opdId, u.unitId)) {
        const what = `${missing.length} indikator belum diajukan: ${codesText(missing)}.`
        out.push({
          userId: p.id,
          kind,
          subject: `${rq.year}-Q${rq.quarter}`,
          occursOn,
          opdId,
          title: title(label, dueText),
          body: `${u.unitName}: ${what}`,
          link: entryLink(rq.year, rq.quarter),
        })
      }
    }
  }
  return out
}

/** A quarter-window kind: collected once the reporting window is open and while the days left to
 *  the due day are within [minLeft, maxLeft]; `occursOn` is the day it is about. */
function quarterKind(
  kind: QuarterKind,
  label: string,
  window: { minLeft: number; maxLeft: number; occursOn: (rq: ReportingQuarter) => string },
  title: (label: string, dueText: string) => string,
): KindSpec {
  return {
    label,
    async collect(ctx) {
      const rq = reportingQuarter(ctx)
      const left = daysBetween(ctx.today, rq.due)
      if (ctx.today < rq.open || left < window.minLeft || left > window.maxLeft) return []
      return quarterReminders(ctx, kind, window.occursOn(rq), title)
    },
  }
}

/** The open actions (planned or running) of each OPD due on or before a day, one reminder per owner
 *  for each action `make` describes (null: none for that action). */
async function actionReminders(
  ctx: CollectContext,
  dueOnOrBefore: string,
  make: (a: Awaited<ReturnType<typeof listActions>>[number], opdId: number) => Omit<Reminder, 'userId'> | null,
): Promise<Reminder[]> {
  const out: Reminder[] = []
  for (const opdId of ctx.opdIds) {
    const actions = await listActions(ctx.db, { opdId, statuses: ['direncanakan', 'berjalan'], dueOnOrBefore })
    for (const a of actions) {
      const r = make(a, opdId)
      if (r === null) continue
      for (const userId of ownersOf(ctx, a)) out.push({ userId, ...r })
    }
  }
  return out
}

export const REMINDERS = {
  triwulan_dibuka: quarterKind(
    'triwulan_dibuka',
    'Triwulan dibuka',
    { minLeft: 8, maxLeft: Infinity, occursOn: (rq) => rq.open },
    (label, dueText) => `Pengisian realisasi ${label} dibuka (batas ${dueText})`,
  ),
  h_min_7: quarterKind(
    'h_min_7',
    'H-7 batas waktu',
    { minLeft: 2, maxLeft: 7, occursOn: (rq) => plusDays(rq.due, -7) },
    (label, dueText) => `7 hari lagi: batas realisasi ${label} pada ${dueText}`,
  ),
  h_min_1: quarterKind(
    'h_min_1',
    'H-1 batas waktu',
    { minLeft: 0, maxLeft: 1, occursOn: (rq) => plusDays(rq.due, -1) },
    (label, dueText) => `Besok batas realisasi ${label} (${dueText})`,
  ),
  terlambat: {
    label: 'Entri terlambat',
    async collect(ctx) {
      const q = lastDueQuarterOf(ctx.asOf, ctx.settings.deadlineDays, ctx.settings.timeZone)
      const due = isoOf(dueDate(q.year, q.quarter, ctx.settings.deadlineDays))
      const since = daysBetween(due, ctx.today)
      if (since < 1 || since > 92) return []
      const occursOn = weeklyFrom(plusDays(due, 1), ctx.today)
      const label = `${quarterName(q.quarter)} ${q.year}`
      const out: Reminder[] = []
      for (const opdId of ctx.opdIds) {
        const c = await completenessOf(ctx.db, opdId, q.year, q.quarter, ctx.settings, ctx.asOf)
        const late: { unit: string; n: number }[] = []
        for (const u of c.units) {
          const items = u.items.filter((i) => i.state === 'terlambat')
          if (items.length === 0) continue
          late.push({ unit: u.unitName, n: items.length })
          for (const p of kabidOf(ctx, opdId, u.unitId)) {
            out.push({
              userId: p.id,
              kind: 'terlambat',
              subject: `${q.year}-Q${q.quarter}`,
              occursOn,
              opdId,
              title: `Terlambat: realisasi ${label} belum lengkap (batas ${dueDateText(due)})`,
              body: `${u.unitName}: ${items.length} indikator terlambat: ${codesText(items)}.`,
              link: entryLink(q.year, q.quarter),
            })
          }
        }
        if (late.length) {
          const total = late.reduce((s, l) => s + l.n, 0)
          for (const p of perencanaanOf(ctx, opdId)) {
            out.push({
              userId: p.id,
              kind: 'terlambat',
              subject: `${q.year}-Q${q.quarter}-opd-${opdId}`,
              occursOn,
              opdId,
              title: `${total} indikator terlambat untuk ${label}`,
              body: `Belum lengkap setelah batas ${dueDateText(due)}: ${late.map((l) => `${l.unit} (${l.n})`).join(', ')}.`,
              link: `/?tahun=${q.year}&triwulan=${q.quarter}#kelengkapan`,
            })
          }
        }
      }
      return out
    },
  },
  dikembalikan: {
    label: 'Baris dikembalikan',
    async collect(ctx) {
      if (ctx.opdIds.length === 0) return []
      const year = Number(ctx.today.slice(0, 4))
      const rows = await returnedRealisasiOfOpds(ctx.db, ctx.opdIds, year - 1)
      const out: Reminder[] = []
      for (const r of rows) {
        const returned = fromDbTime(String(r.updated_at)) ?? ctx.asOf
        const to = kabidOf(ctx, r.opd_id, r.unit_id)
        const recipients = to.length ? to : ctx.people.filter((p) => p.id === r.entered_by)
        for (const p of recipients) {
          out.push({
            userId: p.id,
            kind: 'dikembalikan',
            subject: `realisasi-${r.id}-v${r.version}`,
            occursOn: isoOf(calendarDateIn(returned, ctx.settings.timeZone)),
            opdId: r.opd_id,
            title: `Dikembalikan: ${r.code} ${quarterName(r.quarter)} ${r.year}`,
            body: r.return_note ? `Catatan perencanaan: ${r.return_note}` : 'Perbaiki lalu ajukan ulang.',
            link: entryLink(r.year, r.quarter as Quarter),
          })
        }
      }
      return out
    },
  },
  menunggu_verifikasi: {
    label: 'Menunggu verifikasi',
    async collect(ctx) {
      if (ctx.opdIds.length === 0) return []
      const rows = await submittedCountsByOpd(ctx.db, ctx.opdIds)
      const out: Reminder[] = []
      for (const r of rows) {
        const n = r.n
        if (n === 0) continue
        for (const p of perencanaanOf(ctx, r.opd_id)) {
          out.push({
            userId: p.id,
            kind: 'menunggu_verifikasi',
            subject: `opd-${r.opd_id}`,
            occursOn: ctx.today,
            opdId: r.opd_id,
            title: `${n} baris realisasi menunggu verifikasi`,
            body: 'Periksa bukti dukung, lalu verifikasi atau kembalikan dengan catatan.',
            link: '/verifikasi',
          })
        }
      }
      return out
    },
  },
  aksi_jatuh_tempo: {
    label: 'Rencana aksi jatuh tempo',
    collect: (ctx) =>
      actionReminders(ctx, plusDays(ctx.today, 3), (a, opdId) => {
        const left = daysBetween(ctx.today, a.dueDate)
        if (left < 0 || left > 3) return null
        return {
          kind: 'aksi_jatuh_tempo',
          subject: `aksi-${a.id}`,
          occursOn: a.dueDate,
          opdId,
          title: `Rencana aksi jatuh tempo ${left === 0 ? 'hari ini' : `${left} hari lagi`}: ${a.title}`,
          body: `Tenggat ${dueDateText(a.dueDate)}. Laporkan kemajuan atau tandai selesai dengan bukti.`,
          link: `/aksi/${a.id}`,
        }
      }),
  },
  aksi_terlambat: {
    label: 'Rencana aksi terlambat',
    collect: (ctx) =>
      actionReminders(ctx, plusDays(ctx.today, -1), (a, opdId) => ({
        kind: 'aksi_terlambat',
        subject: `aksi-${a.id}`,
        occursOn: weeklyFrom(plusDays(a.dueDate, 1), ctx.today),
        opdId,
        title: `Rencana aksi terlambat ${daysBetween(a.dueDate, ctx.today)} hari: ${a.title}`,
        body: `Tenggat ${dueDateText(a.dueDate)} sudah lewat. Perbarui status atau minta tenggat baru kepada pimpinan.`,
        link: `/aksi/${a.id}`,
      })),
  },
} satisfies Record<ReminderKind, KindSpec>

function ownersOf(ctx: CollectContext, a: { ownerUserId: number | null; ownerUnitId: number; opdId: number }): number[] {
  if (a.ownerUserId != null) return ctx.people.some((p) => p.id === a.ownerUserId) ? [a.ownerUserId] : []
  return kabidOf(ctx, a.opdId, a.ownerUnitId).map((p) => p.id)
}

export const REMINDER_LABELS: Record<ReminderKind, string> = Object.fromEntries(REMINDER_KINDS.map((k) => [k, REMINDERS[k].label])) as Record<ReminderKind, string>
