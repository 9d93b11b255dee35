// Typed calls of route loaders and actions, made as Remix makes them: a Request, the route's params
// and the load context. What comes back is typed from the route's own function, so tests read the
// data without casts: `const { data } = await callLoader(loader, '/realisasi', { session })`.
import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { expect } from 'vitest'
import { ctx, ORIGIN, settle } from './http.js'

/** A logged-in browser: its session cookie and CSRF token (what `loginAs` returns). */
export interface Session {
  cookie: string
  csrf: string
}

/** A route loader or action (both take `{ request, params, context }`). */
export type RouteFn = (args: LoaderFunctionArgs) => any

type Unwrap<T> = T extends Response ? never : T extends { type: string; data: infer D; init: ResponseInit | null } ? D : T

/** The data a loader/action answers with: its plain object or what it wrapped in `data(...)`; never a Response. */
export type RouteData<F extends RouteFn> = Unwrap<Awaited<ReturnType<F>>>

/** What a call settled to: the Response returned or thrown (null for plain data), its status, and the data. */
export interface Called<D> {
  response: Response | null
  /** The Response's status, or 200 for plain data. */
  status: number
  data: D | null
}

export interface CallOptions {
  /** The route's params (`$id` segments). */
  params?: Record<string, string>
  /** Sends the session's cookie (a string is sent as the Cookie header as is). */
  session?: Session | string
  headers?: Record<string, string>
  /** Replaces fields of the test load context. */
  context?: Partial<AppLoadContext>
}

export type FormFields = Record<string, string> | [string, string | File][] | FormData

export interface ActionOptions extends CallOptions {
  form?: FormFields
  /** The Origin header; `null` sends none (default: the app's own origin). */
  origin?: string | null
  /** Adds the session's CSRF token as `_csrf` (default true when a session is given). */
  csrf?: boolean
  method?: string
}

function cookieOf(session: Session | string | undefined): Record<string, string> {
  if (!session) return {}
  return { Cookie: typeof session === 'string' ? session : session.cookie }
}

function url(path: string): string {
  return path.startsWith('http') ? path : `${ORIGIN}${path}`
}

/** A GET Request as a browser sends it. */
export function loaderRequest(path: string, opts: CallOptions = {}): Request {
  return new Request(url(path), { headers: { ...cookieOf(opts.session), ...opts.headers } })
}

/** A form POST as a browser sends it: urlencoded, or multipart when it carries a File or FormData. */
export function actionRequest(path: string, opts: ActionOptions = {}): Request {
  const entries: [string, string | File][] = opts.form instanceof FormData ? [...opts.form.entries()] : Array.isArray(opts.form) ? opts.form : Object.entries(opts.form ?? {})
  const session = typeof opts.session === 'object' ? opts.session : undefined
  if (session && opts.csrf !== false && !entries.some(([k]) => k === '_csrf')) entries.push(['_csrf', session.csrf])
  const headers: Record<string, string> = { ...cookieOf(opts.session) }
  if (opts.origin !== null) headers.Origin = opts.origin ?? ORIGIN
  let body: string | FormData
  if (opts.form instanceof FormData || entries.some(([, v]) => typeof v !== 'string')) {
    const fd = new FormData()
    for (const [k, v] of entries) fd.append(k, v)
    body = fd
  } else {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(entries as [string, string][]).toString()
  }
  return new Request(url(path), { method: opts.method ?? 'POST', headers: { ...headers, ...opts.headers }, body })
}

async function call<F extends RouteFn>(fn: F, request: Request, opts: CallOptions): Promise<Called<RouteData<F>>> {
  const { response, data } = await settle(() => fn({ request, params: opts.params ?? {}, context: { ...ctx, ...opts.context } }))
  return { response, status: response?.status ?? 200, data: data as RouteData<F> | null }
}

/** Runs a loader for `path` (or a prepared Request). */
export function callLoader<F extends RouteFn>(loader: F, path: string | Request, opts: CallOptions = {}): Promise<Called<RouteData<F>>> {
  return call(loader, typeof path === 'string' ? loaderRequest(path, opts) : path, opts)
}

/** Runs an action with a form POSTed to `path` (or a prepared Request). */
export function callAction<F extends RouteFn>(action: F, path: string | Request, opts: ActionOptions = {}): Promise<Called<RouteData<F>>> {
  return call(action, typeof path === 'string' ? actionRequest(path, opts) : path, opts)
}

/** Runs a loader that must answer with data (no redirect, no error status) and returns that data. */
export async function loadData<F extends RouteFn>(loader: F, path: string, opts: CallOptions = {}): Promise<RouteData<F>> {
  const r = await callLoader(loader, path, opts)
  expect(r.response, `${path} should return data, got ${r.response?.status}`).toBeNull()
  return r.data!
}

/** The data of a call that must have answered with data (any status). */
export function dataOf<D>(r: Called<D>): D {
  expect(r.data, `expected data, got a bare ${r.status} response`).not.toBeNull()
  return r.data!
}

/** Narrows a union of answers to the members that have `key` (e.g. an error reply's `problems`). */
export function having<D, K extends PropertyKey>(d: D | null, key: K): Extract<D, Record<K, unknown>> {
  expect(d && typeof d === 'object' && key in d, `answer has no "${String(key)}"`).toBe(true)
  return d as Extract<D, Record<K, unknown>>
}
