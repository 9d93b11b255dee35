// Fixtures of the tests converted on branch r10-tests-d (security/auth, organisation admin):
// typed settling of a service call that may throw a Response (requireUser and the like).
import { settle } from './http.js'

/** What a call settled to: the Response it returned or threw (null otherwise), and its value. */
export interface Settled<T> {
  response: Response | null
  data: T | null
}

/**
 * Runs `fn` as `settle` does (a thrown or returned Response is the answer), keeping the type of
 * what it returns: a service such as requireUser answers with its user or throws a redirect.
 */
export async function settleAs<T>(fn: () => Promise<T>): Promise<Settled<Exclude<T, Response>>> {
  const r = await settle(fn)
  return { response: r.response, data: r.response ? null : (r.data as Exclude<T, Response>) }
}
