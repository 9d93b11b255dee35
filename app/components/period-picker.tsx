// The period (and, for city-level users, OPD) picker: a plain GET form, so the view is in the
// URL (?tahun=2025&triwulan=4[&periode=renstra][&opd=2]) and works without JavaScript.
import { Form, useNavigation } from '@remix-run/react'
import type { PeriodPickerState } from '../presenters/dashboard-scope.server'
import { named, SelectField } from './select-field'

const QUARTER_OPTIONS = [
  { value: 1, label: 's.d. Triwulan I' },
  { value: 2, label: 's.d. Triwulan II' },
  { value: 3, label: 's.d. Triwulan III' },
  { value: 4, label: 's.d. Triwulan IV (setahun penuh)' },
]

const SCOPE_OPTIONS = [
  { value: 'triwulan', label: 'Tahun berjalan' },
  { value: 'renstra', label: 'Renstra s.d. periode ini' },
]

export function PeriodPicker({ picker, action, idPrefix = 'pp' }: { picker: PeriodPickerState; action?: string; idPrefix?: string }) {
  const navigation = useNavigation()
  // a GET form submission shows as a loading navigation with a formMethod
  const busy = navigation.state === 'loading' && navigation.formMethod?.toUpperCase() === 'GET'
  const stateKey = `${picker.tahun}-${picker.triwulan}-${picker.periode}-${picker.opd ?? ''}`
  return (
    <Form method="get" action={action} className="toolbar period-picker" aria-label="Pilih periode" key={stateKey}>
      {picker.opdOptions.length > 1 ? (
        <SelectField id={`${idPrefix}-opd`} name="opd" label="Perangkat daerah" options={named(picker.opdOptions)} defaultValue={picker.opd ?? undefined} />
      ) : null}
      <SelectField id={`${idPrefix}-tahun`} name="tahun" label="Tahun" options={picker.years.map((y) => ({ value: y, label: String(y) }))} defaultValue={picker.tahun} />
      <SelectField id={`${idPrefix}-triwulan`} name="triwulan" label="Sampai dengan" options={QUARTER_OPTIONS} defaultValue={picker.triwulan} />
      <SelectField
        id={`${idPrefix}-periode`}
        name="periode"
        label="Cakupan"
        options={[...SCOPE_OPTIONS, ...(picker.periode === 'satu_triwulan' ? [{ value: 'satu_triwulan', label: 'Triwulan itu saja' }] : [])]}
        defaultValue={picker.periode}
      />
      <div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Memuat…' : 'Tampilkan'}
        </button>
      </div>
    </Form>
  )
}
