import { PassThrough } from 'node:stream'
import { randomBytes } from 'node:crypto'
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider, RequestIdProvider } from './utils/nonce'
import { securityHeaders } from './utils/headers.server'
import { databaseUnavailablePage } from './utils/unavailable.server'
import { describeDatabaseError, isDatabaseUnavailable } from '../db/errors'
import { getDb, readDataVersion } from './utils/db.server'
import { repeatViewTag as viewTag } from './utils/etag.server'
import { requireApiAccess } from './services/auth.server'
import { timeSlot } from './services/cache.server'
import { unreadCount } from './models/notifications.server'
import { now } from './utils/clock.server'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

// The reminder schedule runs in the server process on the same database handle as the requests.
export { startReminderScheduler } from './services/reminders/scheduler.server'

/**
 * The ETag of a repeat view (ADR 0028), for app/server.ts to answer 304 before Remix runs — here,
 * so that it reads through the same database handle as the requests.
 */
export function repeatViewTag(request: Request, build: string): Promise<string | null> {
  const db = getDb()
  return viewTag(request, build, {
    viewer: async (req) => {
      const access = await requireApiAccess(req, db).catch((e: unknown) => {
        if (e instanceof Response) return null // 401/403: Remix answers it
        throw e
      })
      if (!access) return null
      if (access.kind === 'token') return { kind: 'token', tokenId: access.tokenId, opdId: access.opdId }
      const u = access.user
      return { kind: 'session', userId: u.id, role: u.role, unitId: u.unitId, opdId: u.opdId, fullName: u.fullName, sessionId: u.sessionId, dataVersion: u.dataVersion }
    },
    dataVersion: (opdId) => readDataVersion(db, opdId),
    unread: (userId) => unreadCount(db, userId),
    slot: () => timeSlot(now()),
  })
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext?.cspNonce ?? randomBytes(16).toString('base64')
  if (loadContext?.databaseUnavailable) return databaseUnavailablePage(loadContext.requestId)
  for (const [k, v] of Object.entries(securityHeaders(nonce))) responseHeaders.set(k, v)
  const callback = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'

  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={loadContext?.requestId ?? ''}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        [callback]: () => {
          shellRendered = true
          const body = new PassThrough()
          const stream = createReadableStreamFromReadable(body)
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return
  const ctx = context as AppLoadContext | undefined
  const requestId = ctx?.requestId ?? '-'
  if (isDatabaseUnavailable(error)) {
    if (ctx) ctx.databaseUnavailable = true
    console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} basis data tidak dapat dihubungi: ${describeDatabaseError(error)}`)
    return
  }
  console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname}`, error)
}
