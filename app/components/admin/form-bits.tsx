// Small accessible form pieces for the admin and account pages: every input has a label, and a
// bad field gets aria-invalid plus its error text (linked with aria-describedby).
import { useState } from 'react'
import { ROLE_LABELS, ROLES, type Role } from '../../utils/permissions'
import { fieldError, type FormResult } from '../../utils/forms'

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null
}

export function errorProps(id: string, error?: string, hint?: boolean) {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return { 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': ids || undefined }
}

export function TextField(props: {
  id: string
  name: string
  label: string
  error?: string
  defaultValue?: string
  type?: 'text' | 'password'
  autoComplete?: string
  maxLength?: number
  required?: boolean
  hint?: string
}) {
  const { id, name, label, error, defaultValue, type = 'text', autoComplete, maxLength, required, hint } = props
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} autoComplete={autoComplete} maxLength={maxLength} required={required} {...errorProps(id, error, !!hint)} />
      {hint ? (
        <p className="muted admin-help" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  )
}

export interface UnitChoice {
  id: number
  name: string
  forKabid: boolean
  forOthers: boolean
}

/** Role and unit selects: a kepala bidang picks a bidang/sekretariat, the other roles an OPD or none. */
export function RoleUnitFields(props: {
  idPrefix: string
  units: UnitChoice[]
  defaultRole?: string
  defaultUnitId?: string
  errors: { role?: string; unitId?: string }
  /** Offer "no unit (city level)": only a city-level admin may place an account there. */
  allowCityLevel?: boolean
}) {
  const { idPrefix, units, errors } = props
  const cityLevel = props.allowCityLevel !== false
  const [role, setRole] = useState<string>(props.defaultRole ?? '')
  const kabid = role === 'kepala_bidang'
  // the current unit is never disabled: a disabled selected option would not be submitted
  const keep = (id: number | string) => String(id) === (props.defaultUnitId ?? '')
  const roleId = `${idPrefix}-role`
  const unitId = `${idPrefix}-unit`
  return (
    <>
      <div>
        <label htmlFor={roleId}>Peran</label>
        <select id={roleId} name="role" value={role} onChange={(e) => setRole(e.target.value)} required {...errorProps(roleId, errors.role)}>
          <option value="">— Pilih peran —</option>
          {ROLES.map((r: Role) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <FieldError id={roleId} error={errors.role} />
      </div>
      <div>
        <label htmlFor={unitId}>Unit kerja</label>
        <select id={unitId} name="unitId" defaultValue={props.defaultUnitId ?? ''} {...errorProps(unitId, errors.unitId, true)}>
          {cityLevel ? (
            <option value="" disabled={kabid && !keep('')}>
              — Tanpa unit (tingkat kota, semua OPD) —
            </option>
          ) : (
            <option value="" disabled>
              — Pilih unit kerja —
            </option>
          )}
          <optgroup label="Perangkat daerah (peran selain kepala bidang)">
            {units
              .filter((u) => u.forOthers)
              .map((u) => (
                <option key={u.id} value={u.id} disabled={kabid && !keep(u.id)}>
                  {u.name}
                </option>
              ))}
          </optgroup>
          <optgroup label="Bidang / sekretariat (kepala bidang)">
            {units
              .filter((u) => u.forKabid)
              .map((u) => (
                <option key={u.id} value={u.id} disabled={!!role && !kabid && !keep(u.id)}>
                  {u.name}
                </option>
              ))}
          </optgroup>
        </select>
        <p className="muted admin-help" id={`${unitId}-hint`}>
          Kepala bidang wajib memilih bidang atau sekretariat. Peran lain: perangkat daerahnya, atau tanpa unit untuk tingkat kota.
        </p>
        <FieldError id={unitId} error={errors.unitId} />
      </div>
    </>
  )
}

/** A new password and its confirmation (never pre-filled); the confirmation's id is `${id}2`. */
export function PasswordPair({ id, label, result, intent, hint }: { id: string; label: string; result: FormResult | undefined; intent: string; hint: string }) {
  return (
    <>
      <TextField
        id={id}
        name="password"
        type="password"
        label={label}
        error={fieldError(result, 'password', intent)}
        maxLength={128}
        autoComplete="new-password"
        required
        hint={hint}
      />
      <TextField
        id={`${id}2`}
        name="passwordConfirm"
        type="password"
        label={label === 'Kata sandi awal' ? 'Ulangi kata sandi' : 'Ulangi kata sandi baru'}
        error={fieldError(result, 'passwordConfirm', intent)}
        maxLength={128}
        autoComplete="new-password"
        required
      />
    </>
  )
}
