// The one form convention (ADR 0024): every form action validates its input with a zod schema and
// answers with one FormResult shape; every form reads that shape. A failed answer carries what was
// typed, so the form shows it again with the messages beside the fields.
import { z } from 'zod'

/** What a form action answers. `intent` tells which form of the page it belongs to. */
export type FormResult =
  | { status: 'success'; intent: string | null; message: string }
  | {
      status: 'error'
      intent: string | null
      /** Messages about the whole form (shown above it). */
      formErrors: string[]
      /** Messages per field name (shown beside the field). */
      fieldErrors: Record<string, string[]>
      /** Everything that was typed, by field name (multi-valued fields joined with a line break). */
      values: Record<string, string>
    }

export type FormError = Extract<FormResult, { status: 'error' }>

/** The typed values of a form data, keyed by name; repeated names are joined with "\n". */
export function formValues(formData: FormData, omit: readonly string[] = ['_csrf']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of formData.entries()) {
    if (omit.includes(name) || typeof value !== 'string') continue
    out[name] = name in out ? `${out[name]}\n${value}` : value
  }
  return out
}

/** A failed answer: form-level messages, field messages, and what was typed. */
export function formError(
  message: string | string[],
  opts: { intent?: string | null; fieldErrors?: Record<string, string | string[] | undefined>; values?: Record<string, string> } = {},
): FormError {
  const fieldErrors: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(opts.fieldErrors ?? {})) {
    if (v === undefined) continue
    const list = Array.isArray(v) ? v : [v]
    if (list.length) fieldErrors[k] = list
  }
  return { status: 'error', intent: opts.intent ?? null, formErrors: (Array.isArray(message) ? message : [message]).filter(Boolean), fieldErrors, values: opts.values ?? {} }
}

/** A successful answer with the message shown to the user. */
export function formSuccess(message: string, intent: string | null = null): FormResult {
  return { status: 'success', intent, message }
}

/**
 * Parses a form with a zod schema. On failure: a FormError with the schema's Indonesian messages per
 * field (the first path segment is the field name), the typed values, and `summary` above the form.
 */
export function parseForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
  opts: { intent?: string | null; summary?: string } = {},
): { ok: true; value: z.infer<S> } | { ok: false; result: FormError } {
  const values = formValues(formData)
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(values)))
  if (parsed.success) return { ok: true, value: parsed.data as z.infer<S> }
  const fieldErrors: Record<string, string[]> = {}
  const formErrors: string[] = []
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (field === undefined) formErrors.push(issue.message)
    else (fieldErrors[String(field)] ??= []).push(issue.message)
  }
  return {
    ok: false,
    result: formError([opts.summary ?? 'Periksa isian yang ditandai.', ...formErrors], { intent: opts.intent, fieldErrors, values }),
  }
}

/** The first message of a field in an answer (for the form), if the answer is for this form. */
export function fieldError(result: FormResult | null | undefined, name: string, intent: string | null = null): string | undefined {
  if (!result || result.status !== 'error' || (intent !== null && result.intent !== intent)) return undefined
  return result.fieldErrors[name]?.[0]
}

/** What was typed in a field before a failed answer (for defaultValue), else the fallback. */
export function typedValue(result: FormResult | null | undefined, name: string, fallback: string, intent: string | null = null): string {
  if (!result || result.status !== 'error' || (intent !== null && result.intent !== intent)) return fallback
  return result.values[name] ?? fallback
}

/** Common field schemas with Indonesian messages. */
export const fields = {
  /** A required text, trimmed, at most `max` characters. */
  text: (label: string, max: number) =>
    z
      .string({ required_error: `${label} wajib diisi.` })
      .trim()
      .min(1, `${label} wajib diisi.`)
      .max(max, `${label} paling panjang ${max} karakter.`),
  /** An optional text (empty → ''), trimmed, at most `max` characters. */
  optionalText: (label: string, max: number) => z.string().trim().max(max, `${label} paling panjang ${max} karakter.`).optional().default(''),
  /** A positive whole number sent as text (an id, a version). */
  id: (label: string) =>
    z
      .string({ required_error: `${label} tidak ada. Muat ulang halaman lalu coba lagi.` })
      .regex(/^\d{1,9}$/, `${label} tidak valid. Muat ulang halaman lalu coba lagi.`)
      .transform(Number),
  /** A checkbox: present → true. */
  checkbox: () =>
    z
      .string()
      .optional()
      .transform((v) => v != null && v !== '' && v !== 'off'),
}
