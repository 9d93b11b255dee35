// Shows a FormResult (app/utils/forms.ts): the summary above a form and the message beside a field.
import type { FormResult } from '../utils/forms'
import { fieldError } from '../utils/forms'

/** The form-level answer: success in green, errors in red as one list (role=alert). */
export function FormMessages({ result, intent = null, id }: { result: FormResult | null | undefined; intent?: string | null; id?: string }) {
  if (!result || (intent !== null && result.intent !== intent)) return null
  if (result.status === 'success')
    return (
      <div className="banner banner-ok" role="status" id={id}>
        {result.message}
      </div>
    )
  if (!result.formErrors.length) return null
  return (
    <div className="banner banner-error" role="alert" id={id}>
      {result.formErrors.length === 1 ? (
        result.formErrors[0]
      ) : (
        <ul>
          {result.formErrors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The message of one field, with the id its input names in aria-describedby. */
export function FieldMessage({ result, name, intent = null, id }: { result: FormResult | null | undefined; name: string; intent?: string | null; id: string }) {
  const message = fieldError(result, name, intent)
  return message ? (
    <span className="field-error" id={id}>
      {message}
    </span>
  ) : null
}
