// The form of /admin/pengaturan: the predikat bands, the scoring and schedule numbers and the public
// page switch. After a failed answer every input shows what was typed and its message (ADR 0024).
import type { ReactNode } from 'react'
import { Form, useNavigation } from '@remix-run/react'
import type { FormResult } from '../../utils/forms'
import { fieldError, typedValue } from '../../utils/forms'
import type { SettingsFormValues } from '../../services/settings-admin.server'
import { CsrfInput } from '../csrf'
import { errorProps, FieldError } from './form-bits'
import { ColumnHeads } from '../data-table'
import { SaveButton } from '../save-button'

type Answer = FormResult | undefined
interface Limits {
  capMin: number
  capMax: number
  deadlineMax: number
  dropToleranceMax: number
}

export function SettingsForm(props: { result: Answer; values: SettingsFormValues; limits: Limits; readOnly: boolean; timeZones: string[] }) {
  const { result, values, readOnly } = props
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const failed = result?.status === 'error'
  return (
    // keyed on the saved values so a successful save shows what is now stored
    <Form method="post" className="stack admin-wide" noValidate key={failed ? 'edit' : JSON.stringify(values)}>
      <CsrfInput />
      <fieldset className="admin-plain stack" disabled={readOnly}>
        <BandTable result={result} bands={values.bands} />
        <ScoringFields result={result} values={values} limits={props.limits} timeZones={props.timeZones} />
        <fieldset className="card">
          <legend>Halaman transparansi publik</legend>
          <label className="admin-switch" htmlFor="publicPageEnabled">
            <input
              id="publicPageEnabled"
              name="publicPageEnabled"
              type="checkbox"
              defaultChecked={failed ? typedValue(result, 'publicPageEnabled', '') === 'on' : values.publicPageEnabled}
              aria-describedby="publicPageEnabled-hint"
            />
            Tampilkan ringkasan capaian tanpa login di <code>/publik</code>
          </label>
          <p className="muted admin-help" id="publicPageEnabled-hint">
            Bawaan: mati. Bila dinyalakan, siapa pun dapat melihat skor ringkas yang sudah diverifikasi (tanpa catatan, bukti atau nama pengguna).
          </p>
        </fieldset>
        <div className="admin-actions">
          <SaveButton busy={busy} disabled={readOnly}>
            Simpan pengaturan
          </SaveButton>
        </div>
      </fieldset>
    </Form>
  )
}

function BandTable({ result, bands }: { result: Answer; bands: SettingsFormValues['bands'] }) {
  const bandErrors = result?.status === 'error' ? (result.fieldErrors.bands ?? []) : []
  return (
    <fieldset className="card">
      <legend>Kategori predikat capaian</legend>
      <p className="muted admin-help">
        Batas bawah termasuk, batas atas tidak termasuk (misalnya 76 s.d. &lt;91). Kosongkan batas bawah kategori terendah dan batas atas kategori tertinggi. Kategori harus
        bersambung tanpa celah dan tanpa tumpang tindih. Angka boleh memakai koma atau titik desimal.
      </p>
      {bandErrors.length ? (
        <div className="banner banner-error" role="alert" id="band-errors">
          <ul>
            {bandErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="table-wrap" tabIndex={0}>
        <table className="admin-bands" aria-describedby={bandErrors.length ? 'band-errors' : undefined}>
          <ColumnHeads labels={['Label', 'Batas bawah (≥)', 'Batas atas (&lt;)', 'Warna']} />
          <tbody>
            {bands.map((b, i) => (
              <BandRow key={b.key} result={result} band={b} i={i} />
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

function BandRow({ result, band: b, i }: { result: Answer; band: SettingsFormValues['bands'][number]; i: number }) {
  const label = typedValue(result, `band_label_${i}`, b.label)
  const cell = (name: string, srLabel: string, fallback: string, extra: { maxLength?: number; inputMode?: 'decimal'; placeholder?: string }) => {
    const error = fieldError(result, name)
    return (
      <td>
        <label htmlFor={name} className="sr-only">
          {srLabel}
        </label>
        <input id={name} name={name} type="text" defaultValue={typedValue(result, name, fallback)} {...extra} {...errorProps(name, error)} />
        <FieldError id={name} error={error} />
      </td>
    )
  }
  return (
    <tr>
      {cell(`band_label_${i}`, `Label kategori ${i + 1}`, b.label, { maxLength: 60 })}
      {cell(`band_min_${i}`, `Batas bawah kategori ${b.label || i + 1}`, b.min, { inputMode: 'decimal', placeholder: 'tanpa batas' })}
      {cell(`band_max_${i}`, `Batas atas kategori ${b.label || i + 1}`, b.max, { inputMode: 'decimal', placeholder: 'tanpa batas' })}
      <td>
        <span className={`badge p-${b.key}`}>{label || '—'}</span>
      </td>
    </tr>
  )
}

function NumberField(props: { result: Answer; name: string; label: string; fallback: string; inputMode: 'decimal' | 'numeric'; hint: ReactNode }) {
  const { result, name } = props
  const error = fieldError(result, name)
  return (
    <div>
      <label htmlFor={name}>{props.label}</label>
      <input id={name} name={name} type="text" inputMode={props.inputMode} defaultValue={typedValue(result, name, props.fallback)} required {...errorProps(name, error, true)} />
      <p className="muted admin-help" id={`${name}-hint`}>
        {props.hint}
      </p>
      <FieldError id={name} error={error} />
    </div>
  )
}

function ScoringFields({ result, values, limits, timeZones }: { result: Answer; values: SettingsFormValues; limits: Limits; timeZones: string[] }) {
  const tzError = fieldError(result, 'timeZone')
  return (
    <fieldset className="card">
      <legend>Perhitungan dan jadwal</legend>
      <div className="admin-form-grid">
        <NumberField
          result={result}
          name="cap"
          label="Batas atas capaian (%)"
          fallback={values.cap}
          inputMode="decimal"
          hint={`Capaian di atas batas ini dihitung sama dengan batas (bawaan 120). Antara ${limits.capMin} dan ${limits.capMax}.`}
        />
        <NumberField
          result={result}
          name="deadlineDays"
          label="Batas waktu pengisian (hari setelah triwulan berakhir)"
          fallback={values.deadlineDays}
          inputMode="numeric"
          hint={`Bawaan 10 hari. Bilangan bulat 0–${limits.deadlineMax}.`}
        />
        <div>
          <label htmlFor="timeZone">Zona waktu</label>
          <input
            id="timeZone"
            name="timeZone"
            type="text"
            list="tz-list"
            defaultValue={typedValue(result, 'timeZone', values.timeZone)}
            required
            maxLength={64}
            {...errorProps('timeZone', tzError, true)}
          />
          <datalist id="tz-list">
            {timeZones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p className="muted admin-help" id="timeZone-hint">
            Nama zona IANA: Asia/Jakarta (WIB, bawaan), Asia/Makassar (WITA), Asia/Jayapura (WIT).
          </p>
          <FieldError id="timeZone" error={tzError} />
        </div>
        <NumberField
          result={result}
          name="dropTolerance"
          label="Toleransi penurunan skor (poin)"
          fallback={values.dropTolerance}
          inputMode="decimal"
          hint={
            <>
              Tanda &quot;turun dua tahun berturut-turut&quot; hanya muncul bila skor sel (dibandingkan seperti yang ditampilkan, dua desimal) turun sedikitnya sebanyak ini pada
              kedua tahun. Bawaan 1 poin; 0 berarti setiap penurunan yang terlihat dihitung. Antara 0 dan {limits.dropToleranceMax}.
            </>
          }
        />
      </div>
    </fieldset>
  )
}
