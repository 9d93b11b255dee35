// The editable parts of one entry row: the value with "tidak diukur" and the live capaian, the
// proof, the narrative (kendala / tindak lanjut) and the row's own buttons.
import { useRef } from 'react'
import type { EntryRowView } from '../../presenters/entry.server'
import type { RowProblem } from '../../services/realisasi/types'
import { formatValue } from '../../domain/format'
import { fieldId, fieldName, type TypedRow } from '../../utils/entry-fields'
import { LiveCapaianView, type liveCapaian } from './live-capaian'
import { FieldError } from './entry-row-parts'

/** The messages of a row's fields and the aria attributes that point at them. */
export function fieldMessages(id: number, problems: RowProblem[]) {
  const errorsOf = (f: string) => problems.filter((p) => p.field === f).map((p) => p.message)
  const described = (f: string, extra?: string) => [errorsOf(f).length ? `${fieldId(id, f)}-error` : null, extra].filter(Boolean).join(' ') || undefined
  const invalid = (f: string) => (errorsOf(f).length ? true : undefined)
  return { errorsOf, described, invalid }
}

type Messages = ReturnType<typeof fieldMessages>

interface FieldProps {
  view: EntryRowView
  fields: TypedRow
  onChange: (patch: Partial<TypedRow>) => void
  m: Messages
}

export function ValueField({ view, fields, onChange, m, live }: FieldProps & { live: ReturnType<typeof liveCapaian> }) {
  const id = view.indicatorId
  const { errorsOf, described, invalid } = m
  const { value: valueText, tidakDiukur } = fields
  // "tidak diukur" empties the value box (a value and the switch together are refused); unticking restores it.
  const stash = useRef('')
  const toggleTidakDiukur = (on: boolean) => {
    if (on) {
      stash.current = valueText
      onChange({ tidakDiukur: true, value: '' })
    } else onChange({ tidakDiukur: false, value: valueText === '' ? stash.current : valueText })
  }
  return (
    <div className="entry-value">
      <label htmlFor={fieldId(id, 'value')}>Realisasi ({view.satuan})</label>
      <input
        id={fieldId(id, 'value')}
        name={fieldName(id, 'value')}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={valueText}
        onChange={(e) => onChange({ value: e.currentTarget.value })}
        aria-invalid={invalid('value') ?? (live.parseError ? true : undefined)}
        aria-describedby={described('value', `${fieldId(id, 'value')}-help ${fieldId(id, 'capaian')}`)}
        maxLength={40}
      />
      <div className="muted entry-help" id={`${fieldId(id, 'value')}-help`}>
        Koma atau titik sebagai desimal (12,5 atau 12.5), tanpa pemisah ribuan
        {view.minValue !== null || view.maxValue !== null
          ? `; batas ${view.minValue !== null ? formatValue(view.minValue) : '−∞'}–${view.maxValue !== null ? formatValue(view.maxValue) : '∞'}`
          : ''}
        .
      </div>
      {live.parseError && !errorsOf('value').length ? <div className="field-error">{live.parseError}</div> : null}
      <FieldError id={`${fieldId(id, 'value')}-error`} messages={errorsOf('value')} />
      <label className="entry-switch" htmlFor={fieldId(id, 'tidak_diukur')}>
        <input
          id={fieldId(id, 'tidak_diukur')}
          name={fieldName(id, 'tidak_diukur')}
          type="checkbox"
          role="switch"
          value="1"
          checked={tidakDiukur}
          onChange={(e) => toggleTidakDiukur(e.currentTarget.checked)}
        />{' '}
        Tidak diukur triwulan ini
      </label>
      <LiveCapaianView result={live} id={fieldId(id, 'capaian')} />
    </div>
  )
}

export function EvidenceFields({ view, fields, onChange, m }: FieldProps) {
  const id = view.indicatorId
  const { errorsOf, described, invalid } = m
  const isRilis = view.polaUkur === 'rilis'
  return (
    <div className="entry-bukti">
      <label htmlFor={fieldId(id, 'bukti_text')}>Bukti dukung{isRilis ? ' (wajib untuk indikator rilis)' : ''}</label>
      <textarea
        id={fieldId(id, 'bukti_text')}
        name={fieldName(id, 'bukti_text')}
        rows={2}
        maxLength={2000}
        value={fields.buktiText}
        onChange={(e) => onChange({ buktiText: e.currentTarget.value })}
        aria-invalid={invalid('bukti_text')}
        aria-describedby={described('bukti_text')}
      />
      <FieldError id={`${fieldId(id, 'bukti_text')}-error`} messages={errorsOf('bukti_text')} />
      <label htmlFor={fieldId(id, 'bukti_link')}>Tautan bukti</label>
      <input
        id={fieldId(id, 'bukti_link')}
        name={fieldName(id, 'bukti_link')}
        type="url"
        inputMode="url"
        placeholder="https://…"
        maxLength={1000}
        value={fields.buktiLink}
        onChange={(e) => onChange({ buktiLink: e.currentTarget.value })}
        aria-invalid={invalid('bukti_link')}
        aria-describedby={described('bukti_link')}
      />
      <FieldError id={`${fieldId(id, 'bukti_link')}-error`} messages={errorsOf('bukti_link')} />
    </div>
  )
}

export function NarrativeFields({ view, fields, onChange, m, narrativeRequired }: FieldProps & { narrativeRequired: boolean }) {
  const id = view.indicatorId
  const { errorsOf, described, invalid } = m
  return (
    <div className="entry-narrative">
      <label htmlFor={fieldId(id, 'kendala')}>Kendala (faktor penghambat){narrativeRequired ? <span className="entry-required"> — wajib</span> : null}</label>
      <textarea
        id={fieldId(id, 'kendala')}
        name={fieldName(id, 'kendala')}
        rows={2}
        maxLength={4000}
        value={fields.kendala}
        onChange={(e) => onChange({ kendala: e.currentTarget.value })}
        aria-invalid={invalid('kendala')}
        aria-describedby={described('kendala')}
      />
      <FieldError id={`${fieldId(id, 'kendala')}-error`} messages={errorsOf('kendala')} />
      <label htmlFor={fieldId(id, 'tindak_lanjut')}>Tindak lanjut{narrativeRequired ? <span className="entry-required"> — wajib</span> : null}</label>
      <textarea
        id={fieldId(id, 'tindak_lanjut')}
        name={fieldName(id, 'tindak_lanjut')}
        rows={2}
        maxLength={4000}
        value={fields.tindakLanjut}
        onChange={(e) => onChange({ tindakLanjut: e.currentTarget.value })}
        aria-invalid={invalid('tindak_lanjut')}
        aria-describedby={described('tindak_lanjut')}
      />
      <FieldError id={`${fieldId(id, 'tindak_lanjut')}-error`} messages={errorsOf('tindak_lanjut')} />
    </div>
  )
}

/** Who saved the row last, and the row's own "Simpan draf" / "Ajukan". */
export function RowButtons({ view, busyIntent }: { view: EntryRowView; busyIntent: string | null }) {
  const id = view.indicatorId
  const row = view.row
  const rowBusy = busyIntent === `simpan:${id}` || busyIntent === `ajukan:${id}`
  return (
    <div className="entry-row-actions">
      {row ? (
        <span className="muted">
          Terakhir diisi {row.enteredBy ?? '–'}, {row.enteredAt} · versi {row.version}
        </span>
      ) : (
        <span className="muted">Belum pernah disimpan</span>
      )}
      <button type="submit" name="intent" value={`simpan:${id}`} className="btn btn-secondary" disabled={rowBusy}>
        {busyIntent === `simpan:${id}` ? 'Menyimpan…' : 'Simpan draf'}
        <span className="sr-only"> {view.code}</span>
      </button>
      <button type="submit" name="intent" value={`ajukan:${id}`} className="btn" disabled={rowBusy}>
        {busyIntent === `ajukan:${id}` ? 'Mengajukan…' : 'Ajukan'}
        <span className="sr-only"> {view.code}</span>
      </button>
    </div>
  )
}
