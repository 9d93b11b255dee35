// The sections of the indicator form (indicator-form.tsx): identity, how it is measured, where it
// belongs, reference values, the annual + quarterly targets of every year, and the reason for changing
// a target of a verified year. Each shows the values it is given and the message of each field.
import { defaultRenstraMode, POLA_UKUR, POLARITIES, RENSTRA_MODES, ASPECTS, STRATEGIES, type PolaUkur } from '../../domain/types'
import { ASPECT_NAMES, POLA_UKUR_LABELS, POLARITY_LABELS, RENSTRA_MODE_HINTS, RENSTRA_MODE_LABELS, STRATEGY_LABELS } from '../../domain/labels'
import { SelectField, TextAreaField, TextField } from './controls'
import { fieldDomId, INDICATOR_FIELD_LABELS as L, quarterField, REASON_FIELD, targetField, type IndicatorFormValues } from '../../utils/renstra-fields'

export interface IndicatorFormOptions {
  units: { id: number; label: string }[]
  sasaran: { id: number; label: string }[]
  programs: { id: number; label: string; sasaranId: number | null }[]
}

/** What every section gets: the values shown, the message of a field, and whether it is read-only. */
export interface SectionProps {
  v: IndicatorFormValues
  e: (name: string) => string | undefined
  disabled: boolean
}

const SATUAN = ['persen', 'indeks', 'dokumen', 'kegiatan', 'konten', 'jam', 'hari', 'orang', 'OPD', 'mitra', 'layanan', 'inovasi', 'aplikasi', 'laporan']
const ROMAN = ['I', 'II', 'III', 'IV']
const PICK = '— pilih —'

const POLA_HINT: Record<string, string> = {
  kumulatif:
    'Kumulatif: target triwulan adalah bagian yang harus dicapai pada triwulan itu; bila keempatnya diisi, jumlahnya harus sama dengan target tahunan. Kosong = target tahunan ÷ 4.',
  rata_rata: 'Rata-rata: target triwulan adalah tingkat yang diharapkan pada triwulan itu. Kosong = target tahunan.',
  posisi: 'Posisi akhir: target triwulan adalah posisi yang diharapkan pada akhir triwulan itu. Kosong = target tahunan.',
  rilis: 'Rilis lembaga: nilainya satu rilis per tahun, jadi target triwulan tidak dipakai.',
}

const opt = <T extends string>(list: readonly T[], labels: Record<T, string>) => list.map((x) => ({ value: x, label: labels[x] }))

export function IdentityFieldset({ v, e, disabled }: SectionProps) {
  return (
    <fieldset disabled={disabled} className="renstra-fieldset">
      <legend>Identitas indikator</legend>
      <div className="renstra-grid">
        <TextField name="code" label={L.code} defaultValue={v.fields.code} error={e('code')} required maxLength={40} hint="Unik dalam satu periode, misalnya IKP-10." />
        <TextField name="satuan" label={L.satuan} defaultValue={v.fields.satuan} error={e('satuan')} required maxLength={40} list="renstra-satuan" />
      </div>
      <datalist id="renstra-satuan">
        {SATUAN.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextAreaField name="name" label={L.name} defaultValue={v.fields.name} error={e('name')} required maxLength={500} rows={2} />
      <TextAreaField name="definition" label={L.definition} defaultValue={v.fields.definition} error={e('definition')} maxLength={1000} rows={2} />
    </fieldset>
  )
}

export function MeasureFieldset({ v, e, disabled, pola }: SectionProps & { pola: string }) {
  const modeDefault = (POLA_UKUR as readonly string[]).includes(pola)
    ? `Bawaan pola ukur (${RENSTRA_MODE_LABELS[defaultRenstraMode(pola as PolaUkur)].toLowerCase()})`
    : 'Bawaan pola ukur'
  const select = (name: 'polarity' | 'pola_ukur' | 'aspect' | 'strategy', options: { value: string; label: string }[]) => (
    <SelectField name={name} label={L[name]} defaultValue={v.fields[name]} error={e(name)} required options={options} emptyLabel={PICK} />
  )
  return (
    <fieldset disabled={disabled} className="renstra-fieldset">
      <legend>Cara pengukuran dan pemetaan strategi</legend>
      <div className="renstra-grid">
        {select('polarity', opt(POLARITIES, POLARITY_LABELS))}
        {select('pola_ukur', opt(POLA_UKUR, POLA_UKUR_LABELS))}
        <SelectField
          name="renstra_mode"
          label={L.renstra_mode}
          defaultValue={v.fields.renstra_mode}
          error={e('renstra_mode')}
          options={opt(RENSTRA_MODES, RENSTRA_MODE_LABELS)}
          emptyLabel={modeDefault}
          hint={`Capaian Renstra s.d. tahun berjalan (E.81 kolom 13–14). Akumulasi: ${RENSTRA_MODE_HINTS.akumulasi}. Tahun akhir: ${RENSTRA_MODE_HINTS.tahun_akhir}. Bawaan: akumulasi untuk pola kumulatif, tahun akhir untuk lainnya.`}
        />
        {select('aspect', opt(ASPECTS, ASPECT_NAMES))}
        {select('strategy', opt(STRATEGIES, STRATEGY_LABELS))}
        <TextField name="weight" label={L.weight} defaultValue={v.fields.weight} error={e('weight')} required inputMode="decimal" hint="Lebih dari 0; biasanya 1." />
      </div>
    </fieldset>
  )
}

export function PlacementFieldset({ v, e, disabled, options }: SectionProps & { options: IndicatorFormOptions }) {
  return (
    <fieldset disabled={disabled} className="renstra-fieldset">
      <legend>Penempatan dalam Renstra</legend>
      <div className="renstra-grid">
        <SelectField
          name="unit_id"
          label={L.unit_id}
          defaultValue={v.fields.unit_id}
          error={e('unit_id')}
          required
          options={options.units.map((u) => ({ value: String(u.id), label: u.label }))}
          emptyLabel="— pilih unit —"
        />
        <SelectField
          name="sasaran_id"
          label={L.sasaran_id}
          defaultValue={v.fields.sasaran_id}
          error={e('sasaran_id')}
          options={options.sasaran.map((s) => ({ value: String(s.id), label: s.label }))}
          emptyLabel="— tanpa sasaran —"
        />
        <SelectField
          name="program_id"
          label={L.program_id}
          defaultValue={v.fields.program_id}
          error={e('program_id')}
          options={options.programs.map((x) => ({ value: String(x.id), label: x.label }))}
          emptyLabel="— tanpa program/kegiatan —"
          hint="Bila sasaran dikosongkan, sasaran mengikuti program/kegiatan yang dipilih."
        />
      </div>
    </fieldset>
  )
}

export function ReferenceFieldset({ v, e, disabled }: SectionProps) {
  return (
    <fieldset disabled={disabled} className="renstra-fieldset">
      <legend>Nilai acuan</legend>
      <div className="renstra-grid">
        <TextField name="baseline" label={L.baseline} defaultValue={v.fields.baseline} error={e('baseline')} inputMode="decimal" />
        <TextField name="baseline_year" label={L.baseline_year} defaultValue={v.fields.baseline_year} error={e('baseline_year')} inputMode="numeric" maxLength={4} />
        <TextField name="target_akhir" label={L.target_akhir} defaultValue={v.fields.target_akhir} error={e('target_akhir')} inputMode="decimal" hint="Kolom 5 Formulir E.81." />
        <TextField name="min_value" label={L.min_value} defaultValue={v.fields.min_value} error={e('min_value')} inputMode="decimal" hint="Mis. 0 agar nilai negatif ditolak." />
        <TextField name="max_value" label={L.max_value} defaultValue={v.fields.max_value} error={e('max_value')} inputMode="decimal" hint="Mis. 100 untuk persen." />
      </div>
      <p className="muted renstra-hint">Angka desimal boleh memakai koma atau titik (12,5 atau 12.5), tanpa pemisah ribuan.</p>
    </fieldset>
  )
}

const VerifiedBadge = () => (
  <span className="badge renstra-verified" title="Sudah ada realisasi yang diverifikasi">
    terverifikasi
  </span>
)

export function TargetsFieldset({ v, e, disabled, years, verified, pola }: SectionProps & { years: number[]; verified: Set<number>; pola: string }) {
  return (
    <fieldset disabled={disabled} className="renstra-fieldset">
      <legend>Target per tahun</legend>
      <p className="muted renstra-hint">Target tahunan wajib untuk setiap tahun periode. Target triwulan boleh dikosongkan. {POLA_HINT[pola] ?? ''}</p>
      {verified.size ? (
        <p className="renstra-hint">
          <span className="badge renstra-verified">terverifikasi</span> Tahun ini sudah memiliki realisasi yang diverifikasi; mengubah targetnya memerlukan alasan.
        </p>
      ) : null}
      <div className="table-wrap" tabIndex={0}>
        <table className="renstra-targets">
          <caption className="sr-only">Target tahunan dan triwulan</caption>
          <thead>
            <tr>
              <th scope="col">Tahun</th>
              <th scope="col" className="num">
                Target tahunan *
              </th>
              {ROMAN.map((r) => (
                <th key={r} scope="col" className="num">
                  TW {r}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <TargetRow key={y} year={y} v={v} e={e} verified={verified.has(y)} rilis={pola === 'rilis'} />
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

function TargetRow({ year: y, v, e, verified, rilis }: Omit<SectionProps, 'disabled'> & { year: number; verified: boolean; rilis: boolean }) {
  return (
    <tr className={verified ? 'renstra-verified-row' : undefined}>
      <th scope="row">
        {y}
        {verified ? (
          <>
            {' '}
            <VerifiedBadge />
          </>
        ) : null}
      </th>
      <TargetCell name={targetField(y)} label={`Target tahunan ${y}`} value={v.targets[y] ?? ''} error={e(targetField(y))} />
      {[1, 2, 3, 4].map((q) => (
        <TargetCell key={q} name={quarterField(y, q)} label={`Target TW ${ROMAN[q - 1]} ${y}`} value={v.quarters[`${y}-${q}`] ?? ''} error={e(quarterField(y, q))} muted={rilis} />
      ))}
    </tr>
  )
}

function TargetCell({ name, label, value, error, muted }: { name: string; label: string; value: string; error?: string; muted?: boolean }) {
  const id = fieldDomId(name)
  return (
    <td className={`num renstra-target-cell${muted && !value ? ' renstra-unused' : ''}`}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="decimal"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        autoComplete="off"
      />
      {error ? (
        <div id={`${id}-err`} className="field-error">
          {error}
        </div>
      ) : null}
    </td>
  )
}

export function ReasonFieldset({ v, e, disabled, reasonYears }: SectionProps & { reasonYears: number[] }) {
  return (
    <fieldset disabled={disabled} className="renstra-fieldset renstra-reason">
      <legend>Alasan perubahan target</legend>
      <TextAreaField
        name={REASON_FIELD}
        label={
          reasonYears.length
            ? `Alasan perubahan target tahun ${reasonYears.join(', ')} (wajib)`
            : 'Alasan perubahan target (wajib bila target tahun bertanda "terverifikasi" diubah)'
        }
        defaultValue={v.reason}
        error={e(REASON_FIELD)}
        required={reasonYears.length > 0}
        maxLength={2000}
        hint="Dicatat dalam jejak audit bersama perubahan targetnya, misalnya nomor dokumen Renstra perubahan atau hasil reviu."
      />
    </fieldset>
  )
}
