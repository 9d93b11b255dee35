// Read cache for scores and dashboard views, keyed on the data versions they depend on
// (db/version.ts, ADR 0020): every write to the domain data raises its OPD's version (settings:
// the city-wide one) in its own transaction, so an entry is reused only while nothing it was
// computed from has changed — on every process and server sharing the database. An OPD's view
// depends on its OPD's version + the city-wide one; a city view on all of them (their sum, which
// grows with every write). One store per scope: a save in OPD A leaves OPD B's entries in place.
// Reads inside a transaction never use it (they may see uncommitted rows).
import { readDataVersion } from '../../db/version'
import type { Executor } from '../utils/db.server'
import { now } from '../utils/clock.server'

interface Store {
  version: bigint
  entries: Map<string, Promise<unknown>>
}

/** Entries per database and scope; per-OPD views are small, a city-wide load is a few MB. */
const MAX_ENTRIES = 64
/** Per database: one store per scope ('kota' or the OPD id). */
const stores = new WeakMap<object, Map<string, Store>>()
const enabled = () => process.env.READ_CACHE !== 'false'
/** Under the test runner every cached value is frozen, so a caller that mutates one fails loudly. */
const freezeValues = Boolean(process.env.VITEST)

/**
 * The 15-minute slot of `asOf`. Deadlines fall on local midnight, and every time zone's offset
 * is a multiple of 15 minutes, so nothing that depends on the clock changes within a slot.
 */
export function timeSlot(asOf: Date): number {
  return Math.floor(asOf.getTime() / 900_000)
}

/**
 * `compute()`, or the value it returned for the same key at the same data version within the
 * same 15-minute slot (so a change made outside the app, straight in SQL, shows within 15
 * minutes even if it did not raise the version). Concurrent requests for a missing key share
 * one computation. `opdId`: the OPD whose data the value is computed from (null: data of several
 * or all OPDs — a city view). `knownVersion`: the version of that same scope this request already
 * read (before any data), as readDataVersion(db, opdId) returns it.
 */
export async function cachedRead<T>(db: Executor, opdId: number | null, keyWithinSlot: string, compute: () => Promise<T>, knownVersion?: string): Promise<T> {
  if (db.isTransaction || !enabled()) return compute()
  const key = `${timeSlot(now())}|${keyWithinSlot}`
  // a version read earlier in the same request (with the session) is as good: read before the data
  const version = BigInt(knownVersion ?? (await readDataVersion(db, opdId)))
  let perScope = stores.get(db)
  if (!perScope) stores.set(db, (perScope = new Map()))
  const scopeKey = opdId == null ? 'kota' : String(opdId)
  let store = perScope.get(scopeKey)
  if (!store || store.version < version) {
    store = { version, entries: new Map() }
    perScope.set(scopeKey, store)
  }
  // a reader that saw an older version than the store computes for itself and keeps nothing
  if (store.version !== version) return compute()
  const hit = store.entries.get(key)
  if (hit) {
    store.entries.delete(key)
    store.entries.set(key, hit)
    return hit as Promise<T>
  }
  const entries = store.entries
  const promise = compute().then((value) => (freezeValues ? deepFreeze(value) : value))
  entries.set(key, promise)
  promise.catch(() => {
    if (entries.get(key) === promise) entries.delete(key)
  })
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  return promise
}

/** Forgets every cached value of `db` (benchmarks measure the cold path with it). */
export function clearReadCache(db: Executor): void {
  stores.delete(db)
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value
  seen.add(value)
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen)
      deepFreeze(v, seen)
    }
  } else {
    for (const v of Object.values(value)) deepFreeze(v, seen)
  }
  return Object.freeze(value)
}
