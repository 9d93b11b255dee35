// Which database errors mean "the database cannot be reached or cannot write" (an outage, not a bug),
// and which of them prove that a statement never reached the server (safe to send again).

interface ErrorLike {
  code?: unknown
  errno?: unknown
  message?: unknown
  cause?: unknown
  fatal?: unknown
}

/** mysql2 / Node socket codes of a connection that is gone or cannot be made. */
const MYSQL_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_SERVER_GONE_ERROR',
  'ER_SERVER_LOST',
  'ER_OUT_OF_RESOURCES',
  'ER_DISK_FULL',
  'ER_RECORD_FILE_FULL',
])

/** SQLite result codes (better-sqlite3 puts them in `code`) of a disk that is full or failing. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/

/** Messages mysql2 gives when a command is refused on a connection already closed (never sent). */
const CLOSED_STATE = /closed state|Pool is closed|connection is closed/i

function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = []
  let e: unknown = error
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    out.push(e as ErrorLike)
    e = (e as ErrorLike).cause
  }
  return out
}

/** True when the error (or its cause) says the database is unreachable, down or out of space. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : ''
    if (MYSQL_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return true
    return typeof e.message === 'string' && CLOSED_STATE.test(e.message)
  })
}

/**
 * True when the statement certainly never reached the server: the connection could not be made, or
 * mysql2 refused the command because the connection was already closed. Any such statement may be
 * sent again on a fresh connection, a write included.
 */
export function neverReachedServer(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : ''
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EAI_AGAIN') return true
    return typeof e.message === 'string' && CLOSED_STATE.test(e.message)
  })
}

/** True when the error means the pooled connection itself is dead (so a fresh one may succeed). */
export function isDeadConnection(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : ''
    if (['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT'].includes(code)) return true
    return typeof e.message === 'string' && CLOSED_STATE.test(e.message)
  })
}

/** A one-line description of the real cause, for the server log. */
export function describeDatabaseError(error: unknown): string {
  const parts = chain(error).map((e) => [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : ''].filter(Boolean).join(' '))
  return parts.filter(Boolean).join(' ← ') || String(error)
}

/**
 * MySQL/MariaDB errors after which the whole transaction was rolled back by the server and may be
 * run again from the start: a deadlock (1213 — also how Galera reports a certification conflict, at
 * any statement or at COMMIT), a lock wait timeout (1205) and a Galera node that is not ready
 * (ER_UNKNOWN_COM_ERROR 1047, "WSREP has not yet prepared node for application use").
 */
const RETRYABLE_CONFLICT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_UNKNOWN_COM_ERROR'])
const RETRYABLE_CONFLICT_ERRNOS = new Set([1213, 1205, 1047])

/**
 * Why a failed write transaction may be run again, or null when it must not be:
 * 'conflict' — the server refused or rolled back the transaction (deadlock, certification failure,
 * lock wait timeout, node not ready): nothing of it was committed;
 * 'lost' — the connection died or could not be made: nothing was committed provided the failure
 * came before COMMIT was sent (the caller must know that; a lost COMMIT is never retried).
 */
export function transactionRetryReason(error: unknown): 'conflict' | 'lost' | null {
  const links = chain(error)
  const conflict = links.some(
    (e) => (typeof e.code === 'string' && RETRYABLE_CONFLICT_CODES.has(e.code)) || (typeof e.errno === 'number' && RETRYABLE_CONFLICT_ERRNOS.has(e.errno)),
  )
  if (conflict) return 'conflict'
  if (
    isDeadConnection(error) ||
    neverReachedServer(error) ||
    links.some((e) => ['ER_SERVER_SHUTDOWN', 'ER_SERVER_GONE_ERROR', 'ER_SERVER_LOST', 'ER_CON_COUNT_ERROR', 'PROTOCOL_SEQUENCE_TIMEOUT'].includes(String(e.code ?? '')))
  )
    return 'lost'
  return null
}
