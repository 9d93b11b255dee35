// One labelled <select>: the pickers of the dashboard, the reports page, the verification and
// audit filters all draw their choices with it.
export interface SelectOption {
  value: string | number
  label: string
}

export function SelectField({
  id,
  name,
  label,
  options,
  defaultValue,
}: {
  id: string
  name: string
  label: string
  options: readonly SelectOption[]
  defaultValue?: string | number
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Named things (OPD, bidang) as options. */
export const named = (items: readonly { id: number; name: string }[]): SelectOption[] => items.map((i) => ({ value: i.id, label: i.name }))
