// Turns a use case's outcome ({ ok, status, message, fieldErrors }) into the one form answer
// (FormResult, ADR 0024) with its HTTP status, and keeps secrets out of what is sent back.
import type { z } from 'zod'
import { formError, formSuccess, parseForm, type FormError, type FormResult } from '../utils/forms'

/** Field names whose typed value never travels back to the browser. */
export const SECRET_FIELDS = ['password', 'passwordConfirm', 'currentPassword', 'token'] as const

/** What was typed, without the CSRF token and without passwords or tokens. */
export function safeValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) if (k !== '_csrf' && !(SECRET_FIELDS as readonly string[]).includes(k)) out[k] = v
  return out
}

/** A parseForm failure with the secrets taken out of its values. */
export function withoutSecrets(result: FormError): FormError {
  return { ...result, values: safeValues(result.values) }
}

export type UseCaseOutcome = { ok: true; message: string } | { ok: false; status: number; message: string; fieldErrors: Partial<Record<string, string>> }

/** The answer of a use case for the form `intent`: 200 with its message, or its status with the typed values. */
export function answerOf(outcome: UseCaseOutcome, intent: string | null, values: Record<string, string> = {}): { status: number; result: FormResult } {
  if (outcome.ok) return { status: 200, result: formSuccess(outcome.message, intent) }
  return { status: outcome.status, result: formError(outcome.message, { intent, fieldErrors: outcome.fieldErrors, values: safeValues(values) }) }
}

/** The answer to a post whose `intent` no form of the page has. */
export const UNKNOWN_INTENT = 'Tindakan tidak dikenal.'

/**
 * parseForm for a page's forms (a zod union discriminated on `intent`): an unknown intent is one
 * form-level message; otherwise the schema's field messages with the typed values, never secrets.
 */
export function parsePageForm<S extends z.ZodTypeAny>(form: FormData, schema: S, summary?: string): { ok: true; value: z.infer<S> } | { ok: false; result: FormError } {
  const intent = typeof form.get('intent') === 'string' ? String(form.get('intent')) : null
  const parsed = parseForm(form, schema, { intent, summary: summary ?? 'Periksa kembali isian yang ditandai.' })
  if (parsed.ok) return parsed
  if (parsed.result.fieldErrors.intent) return { ok: false, result: formError(UNKNOWN_INTENT, { intent: null }) }
  return { ok: false, result: withoutSecrets(parsed.result) }
}
