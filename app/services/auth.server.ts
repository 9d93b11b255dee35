// Accounts, server-side sessions, login rate limits, CSRF and permission checks: the one import
// path of the app (100+ modules import it), the code lives in services/auth/*.
// Every loader and action calls requireUser / requireAction itself: deny by default.
export {
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  clearSessionCookie,
  createSession,
  destroySession,
  destroyUserSessions,
  getSessionUser,
  sessionCookie,
  sessionTokenOf,
  type SessionUser,
} from './auth/session.server'
export { opdOfUnit } from './auth/opd.server'
export { hashApiToken } from './auth/token-hash.server'
export { forbidden } from './auth/responses.server'
export { CSRF_FIELD, assertCsrf, isSameOrigin } from './auth/csrf.server'
export { requireAction, requireApiAccess, requireUser } from './auth/guards.server'
export {
  LOGIN_ACCOUNT_DELAY_BASE_MS,
  LOGIN_ACCOUNT_DELAY_CAP_MS,
  LOGIN_ACCOUNT_FREE_FAILURES,
  LOGIN_ACCOUNT_WINDOW_MS,
  LOGIN_IP_MAX_FAILURES,
  LOGIN_PAIR_MAX_FAILURES,
  LOGIN_TRUSTED_SOURCE_MS,
  LOGIN_WINDOW_MS,
  accountDelayMs,
  recentLoginFailures,
} from './auth/login-limits.server'
export { LOGIN_ATTEMPT_KEEP_MS, attemptLogin, pruneLoginAttempts, type LoginResult } from './auth/login.server'
export { clearLoginCounters } from './auth/unlock-login.server'
