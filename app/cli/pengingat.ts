// npm run pengingat -- [--dry-run] [--as-of YYYY-MM-DD]
//   --dry-run   prints who would get what, one line per person, and changes nothing
//   --as-of     the day to evaluate (08:00 in the app's time zone); default: now
// Without --dry-run it runs one tick: claims the reminders and, when SMTP_URL is set, sends the
// day's digests. For an external scheduler (cron) set REMINDERS=off on the server.
import { createDatabase } from '../../db/db.server.js'
import { getSettings } from '../models/settings.server.js'
import { setClock, now } from '../utils/clock.server.js'
import { isIsoDay } from '../domain/actions.js'
import { zonedTimeToInstant } from '../domain/periods.js'
import { mailerFromEnv } from '../services/reminders/mailer.server.js'
import { runReminderTick } from '../services/reminders/tick.server.js'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<number> {
  const dryRun = process.argv.includes('--dry-run')
  const asOfText = arg('as-of')
  if (asOfText !== undefined && !isIsoDay(asOfText)) {
    console.error(`--as-of harus tanggal TTTT-BB-HH, bukan "${asOfText}".`)
    return 2
  }
  const db = createDatabase(process.env.DATABASE_URL)
  try {
    const settings = (await getSettings(db)).scoring
    if (asOfText) {
      const [y, m, d] = asOfText.split('-').map(Number) as [number, number, number]
      const at = zonedTimeToInstant({ year: y, month: m, day: d }, settings.timeZone, 8)
      setClock(() => at)
    }
    const mailer = mailerFromEnv()
    const report = await runReminderTick(db, { asOf: now(), mailer, dryRun })
    if (dryRun) {
      console.log(
        `Uji coba pengingat per ${report.today} (${mailer ? `e-mail lewat ${mailer.describe}` : 'SMTP_URL tidak diatur: hanya di aplikasi'}); tidak ada yang dikirim atau disimpan.`,
      )
      if (report.lines.length === 0) console.log('Tidak ada pengingat baru untuk siapa pun.')
      for (const line of report.lines) console.log(line)
    } else {
      console.log(
        `Pengingat ${report.today}: ${report.claimed} baru dari ${report.collected}; e-mail terkirim ${report.digestsSent}, gagal ${report.digestsFailed}${mailer ? '' : ' (SMTP_URL tidak diatur: hanya di aplikasi)'}.`,
      )
    }
    return report.digestsFailed > 0 ? 1 : 0
  } finally {
    await db.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('Pengingat gagal:', e instanceof Error ? e.message : e)
    process.exit(1)
  },
)
