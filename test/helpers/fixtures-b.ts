// Shared fixtures of the tests converted on branch r10-tests-b (excel import/export, read cache,
// security, organisation admin): typed readers of an import action's answer, without casts.
import { expect } from 'vitest'
import { dataOf, having, type Called } from './call.js'
import { formErrorOf } from './fixtures-c.js'

/** The plan of an import action's answer (the preview or the saved plan); fails when there is none. */
export function planOf<P>(r: Called<{ plan: P | null }>): P {
  const plan = dataOf(r).plan
  expect(plan, `expected a plan, got status ${r.status}`).not.toBeNull()
  return plan!
}

/** The message of an answer that must be a success. */
export function messageOf<D>(r: Called<D>): string {
  return having(dataOf(r), 'message').message as string
}

/** The form-wide messages of an answer that must be a failed FormResult (`formErrorOf`). */
export function formErrorsOf<D>(r: Called<D>): string[] {
  return having(formErrorOf(r), 'formErrors').formErrors as string[]
}

/** An ArrayBuffer holding exactly the bytes of `buf` (what ExcelJS's `xlsx.load` takes). */
export function arrayBufferOf(buf: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (buf instanceof ArrayBuffer) return buf
  const out = new ArrayBuffer(buf.byteLength)
  new Uint8Array(out).set(buf)
  return out
}
