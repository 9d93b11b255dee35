// Labelled form controls with aria-invalid and an error text bound by aria-describedby, and the list
// of problems shown above a refused form (each linking to its field).
import type { ReactNode } from 'react'
import { fieldDomId, indicatorFieldLabel } from '../../utils/renstra-fields'

interface BaseProps {
  name: string
  label: ReactNode
  error?: string | null
  hint?: ReactNode
  /** DOM id prefix, for forms that appear more than once on a page. */
  idPrefix?: string
  className?: string
}

const domId = (name: string, prefix?: string) => (prefix ? `${prefix}-` : '') + fieldDomId(name)

function describedBy(id: string, error?: string | null, hint?: ReactNode) {
  const ids = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

function Extra({ id, error, hint }: { id: string; error?: string | null; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hint`} className="muted renstra-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-err`} className="field-error">
          {error}
        </div>
      ) : null}
    </>
  )
}

/** A field's frame: its label (a * when required), the control, then its hint and error. */
function FieldFrame({
  id,
  label,
  required,
  error,
  hint,
  className,
  children,
}: {
  id: string
  label: ReactNode
  required?: boolean
  error?: string | null
  hint?: ReactNode
  className?: string
  children: ReactNode
}) {
  return (
    <div className={`renstra-field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      <Extra id={id} error={error} hint={hint} />
    </div>
  )
}

/** The aria attributes of every control: invalid, required, and the hint and error it is described by. */
const ariaOf = (id: string, error?: string | null, hint?: ReactNode, required?: boolean) => ({
  'aria-invalid': error ? true : undefined,
  'aria-required': required ? true : undefined,
  'aria-describedby': describedBy(id, error, hint),
})

export function TextField({
  name,
  label,
  error,
  hint,
  idPrefix,
  className,
  defaultValue,
  required,
  inputMode,
  maxLength,
  list,
  autoComplete,
}: BaseProps & { defaultValue: string; required?: boolean; inputMode?: 'decimal' | 'numeric' | 'text'; maxLength?: number; list?: string; autoComplete?: string }) {
  const id = domId(name, idPrefix)
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint} className={className}>
      <input
        id={id}
        name={name}
        type="text"
        defaultValue={defaultValue}
        {...ariaOf(id, error, hint, required)}
        inputMode={inputMode}
        maxLength={maxLength}
        list={list}
        autoComplete={autoComplete ?? 'off'}
      />
    </FieldFrame>
  )
}

export function TextAreaField({
  name,
  label,
  error,
  hint,
  idPrefix,
  className,
  defaultValue,
  required,
  maxLength,
  rows = 3,
}: BaseProps & { defaultValue: string; required?: boolean; maxLength?: number; rows?: number }) {
  const id = domId(name, idPrefix)
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint} className={className}>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} maxLength={maxLength} {...ariaOf(id, error, hint, required)} />
    </FieldFrame>
  )
}

export function SelectField({
  name,
  label,
  error,
  hint,
  idPrefix,
  className,
  defaultValue,
  options,
  required,
  emptyLabel,
}: BaseProps & { defaultValue: string; options: { value: string; label: string }[]; required?: boolean; emptyLabel?: string }) {
  const id = domId(name, idPrefix)
  const known = options.some((o) => o.value === defaultValue)
  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint} className={className}>
      <select id={id} name={name} defaultValue={defaultValue} {...ariaOf(id, error, hint, required)}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {!known && defaultValue !== '' ? <option value={defaultValue}>{defaultValue} (tidak dikenal)</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** The banner above a refused form (a FormResult error): its messages, then every field's message linking to its field (in the order the server listed them). */
export function ProblemList({
  result,
  idPrefix,
  tone = 'error',
  labelOf = indicatorFieldLabel,
}: {
  result: { formErrors: string[]; fieldErrors: Record<string, string[]> }
  idPrefix?: string
  tone?: 'error' | 'warn'
  labelOf?: (field: string) => string
}) {
  const [title, ...general] = result.formErrors
  const fields = Object.entries(result.fieldErrors).filter(([, m]) => m.length)
  return (
    <div className={`banner banner-${tone}`} role="alert" tabIndex={-1}>
      <p className="renstra-problem-title">
        <strong>{title}</strong>
      </p>
      {general.length || fields.length ? (
        <ul>
          {general.map((m, i) => (
            <li key={`umum-${i}`}>{m}</li>
          ))}
          {fields.map(([field, messages]) => (
            <li key={field}>
              <a href={`#${domId(field, idPrefix)}`}>{labelOf(field)}</a>: {messages[0]}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
