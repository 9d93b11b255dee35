// Sending mail: nodemailer over SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS). Without
// SMTP_URL there is no mailer and reminders stay in the app. Tests pass their own mailer.
import nodemailer from 'nodemailer'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
  /** Where it sends, without credentials (for logs and the settings page). */
  describe: string
}

/** Seconds a send may take before it counts as failed (and is retried on a later tick). */
export const SEND_TIMEOUT_MS = Number(process.env.SMTP_TIMEOUT_MS ?? 20_000)

export function smtpConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.SMTP_URL?.trim()
}

/** "smtp://mail.example.go.id:587" (user and password left out). */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`
  } catch {
    return '(SMTP_URL tidak valid)'
  }
}

export function createSmtpMailer(url: string, from = process.env.SMTP_FROM?.trim() || defaultFrom()): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  } as never)
  return {
    describe: describeSmtpUrl(url),
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html })
    },
  }
}

function defaultFrom(): string {
  let host = 'localhost'
  try {
    if (process.env.APP_URL) host = new URL(process.env.APP_URL).hostname
  } catch {
    /* keep localhost */
  }
  return `Dasbor Kinerja Strategi <pengingat@${host}>`
}

let cached: Mailer | null | undefined
/** The mailer of this process (from SMTP_URL), or null: in-app reminders only. */
export function mailerFromEnv(): Mailer | null {
  if (cached === undefined) cached = smtpConfigured() ? createSmtpMailer(process.env.SMTP_URL!.trim()) : null
  return cached
}
