// The period (and, for city-level users, OPD) picker: a plain GET form, so the view is in the
// URL (?tahun=2025&triwulan=4[&periode=renstra][&opd=2]) and works without JavaScript.
import { Form, useNavigation } from '@remix-run/react'
import type { PeriodPickerState } from '../presenters/dashboard-scope.server'

const QUARTER_OPTIONS = [
  { value: 1, label: 's.d. Triwulan I' },
  { value: 2, label: 's.d. Triwulan II' },
  { value: 3, label: 's.d. Triwulan III' },
  { value: 4, label: 's.d. Triwulan IV (setahun penuh)' },
]

export function PeriodPicker({ picker, action, idPrefix = 'pp' }: { picker: PeriodPickerState; action?: string; idPrefix?: string }) {
  const navigation = useNavigation()
  // a GET form submission shows as a loading navigation with a formMethod
  const busy = navigation.state === 'loading' && navigation.formMethod?.toUpperCase() === 'GET'
  const stateKey = `${picker.tahun}-${picker.triwulan}-${picker.periode}-${picker.opd ?? ''}`
  return (
    <Form method="get" action={action} className="toolbar period-picker" aria-label="Pilih periode" key={stateKey}>
      {picker.opdOptions.length > 1 ? (
        <div>
          <label htmlFor={`${idPrefix}-opd`}>Perangkat daerah</label>
          <select id={`${idPrefix}-opd`} name="opd" defaultValue={picker.opd ?? undefined}>
            {picker.opdOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor={`${idPrefix}-tahun`}>Tahun</label>
        <select id={`${idPrefix}-tahun`} name="tahun" defaultValue={picker.tahun}>
          {picker.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-triwulan`}>Sampai dengan</label>
        <select id={`${idPrefix}-triwulan`} name="triwulan" defaultValue={picker.triwulan}>
          {QUARTER_OPTIONS.map((q) => (
            <option key={q.value} value={q.value}>
              {q.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-periode`}>Cakupan</label>
        <select id={`${idPrefix}-periode`} name="periode" defaultValue={picker.periode}>
          <option value="triwulan">Tahun berjalan</option>
          <option value="renstra">Renstra s.d. periode ini</option>
          {picker.periode === 'satu_triwulan' ? <option value="satu_triwulan">Triwulan itu saja</option> : null}
        </select>
      </div>
      <div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Memuat…' : 'Tampilkan'}
        </button>
      </div>
    </Form>
  )
}
