// A real SMTP server on loopback for the reminder tests (smtp-server): it records every message,
// and can refuse or delay them to provoke failures.
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'

export interface SinkMessage {
  to: string[]
  raw: string
}

export interface SmtpSink {
  url: string
  messages: SinkMessage[]
  /** 'ok' accepts; 'refuse' answers 451 to the message; delayMs waits before answering. */
  mode: 'ok' | 'refuse'
  delayMs: number
  to: (address: string) => SinkMessage[]
  close: () => Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    messages: [],
    mode: 'ok',
    delayMs: 0,
    to: (address) => sink.messages.filter((m) => m.to.includes(address)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const answer = () => {
          if (sink.mode === 'refuse') {
            const err = new Error('Kotak surat sementara tidak tersedia') as Error & { responseCode?: number }
            err.responseCode = 451
            return callback(err)
          }
          sink.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
          callback()
        }
        if (sink.delayMs > 0) setTimeout(answer, sink.delayMs)
        else answer()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as AddressInfo).port
  sink.url = `smtp://127.0.0.1:${port}`
  return sink
}

/** The decoded text part of a raw message (quoted-printable soft breaks removed). */
export function textOf(raw: string): string {
  const latin1 = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
  return Buffer.from(latin1, 'latin1').toString('utf8')
}
