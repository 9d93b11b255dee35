// The reminder tick inside the server process (no extra service): every few minutes, unref'd so it
// never keeps the process alive, one run at a time per process. Several processes or servers may
// all tick: the claim rows make each reminder and each digest go out once.
import { getDb } from '../../utils/db.server'
import { now } from '../../utils/clock.server'
import { mailerFromEnv } from './mailer.server'
import { runReminderTick, type TickReport } from './tick.server'

export const TICK_INTERVAL_MS = Math.max(10_000, Number(process.env.REMINDER_INTERVAL_SECONDS ?? 300) * 1000)

let timer: NodeJS.Timeout | null = null
let running: Promise<TickReport | null> | null = null

/** One tick unless one is still running in this process; errors are logged, never thrown. */
export function tickOnce(): Promise<TickReport | null> {
  if (running) return running
  running = runReminderTick(getDb(), { asOf: now(), mailer: mailerFromEnv() })
    .catch((e: unknown) => {
      console.error('[pengingat] tick gagal:', e instanceof Error ? e.message : e)
      return null
    })
    .finally(() => {
      running = null
    })
  return running
}

/** Starts the schedule (REMINDERS=off disables it, e.g. when cron runs `npm run pengingat`). */
export function startReminderScheduler(): void {
  if (timer || process.env.REMINDERS === 'off') return
  const first = setTimeout(() => void tickOnce(), 15_000 + Math.floor(Math.random() * 15_000))
  first.unref()
  timer = setInterval(() => void tickOnce(), TICK_INTERVAL_MS)
  timer.unref()
}

export function stopReminderScheduler(): void {
  if (timer) clearInterval(timer)
  timer = null
}
