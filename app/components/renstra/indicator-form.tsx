// The indicator form (create and edit): identity, how it is measured, where it belongs, reference
// values, and the annual + optional quarterly targets of every year of the period. Everything typed
// is kept when the server refuses; the reason field appears only when a target of a year with
// verified realisations is changed (always shown without JavaScript, the server decides). What is
// typed is also kept on this device (use-indicator-draft.ts) until the server accepted it.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { parseDecimalInput } from '../../domain/format'
import { ASPECTS, defaultRenstraMode, POLA_UKUR, POLARITIES, RENSTRA_MODES, STRATEGIES, type PolaUkur } from '../../domain/types'
import { ASPECT_NAMES, POLA_UKUR_LABELS, POLARITY_LABELS, RENSTRA_MODE_HINTS, RENSTRA_MODE_LABELS, STRATEGY_LABELS } from '../../domain/labels'
import { ProblemList, SelectField, TextAreaField, TextField } from './controls'
import {
  fieldDomId,
  INDICATOR_FIELD_LABELS as L,
  quarterField,
  REASON_FIELD,
  targetField,
  type FormErrors,
  type FormProblem,
  type IndicatorFormValues,
} from '../../utils/renstra-fields'
import { useIndicatorDraft, type IndicatorDraftKey } from './use-indicator-draft'
import { DraftNotice, StaleDraftPanel } from './draft-notice'

export interface IndicatorFormOptions {
  units: { id: number; label: string }[]
  sasaran: { id: number; label: string }[]
  programs: { id: number; label: string; sasaranId: number | null }[]
}

export interface IndicatorFormProps {
  mode: 'create' | 'edit'
  /** What the inputs show: the stored values, or what was typed when the server refused. */
  values: IndicatorFormValues
  /** The stored values (edit), to notice a changed target of a verified year. */
  stored?: IndicatorFormValues
  errors: FormErrors
  problems: FormProblem[]
  message?: string | null
  years: number[]
  options: IndicatorFormOptions
  verifiedYears: number[]
  reasonYears: number[]
  periodId: number
  version?: number
  conflict?: { message: string; currentVersion: number } | null
  busy: boolean
  readOnly?: string | null
  /** Where the copy on this device lives (null: no copy, e.g. a read-only form). */
  draft?: IndicatorDraftKey | null
  /** The page shows a save the server accepted: the copy this tab sent is cleared first. */
  accepted?: boolean
}

const SATUAN = ['persen', 'indeks', 'dokumen', 'kegiatan', 'konten', 'jam', 'hari', 'orang', 'OPD', 'mitra', 'layanan', 'inovasi', 'aplikasi', 'laporan']
const ROMAN = ['I', 'II', 'III', 'IV']

const POLA_HINT: Record<string, string> = {
  kumulatif:
    'Kumulatif: target triwulan adalah bagian yang harus dicapai pada triwulan itu; bila keempatnya diisi, jumlahnya harus sama dengan target tahunan. Kosong = target tahunan ÷ 4.',
  rata_rata: 'Rata-rata: target triwulan adalah tingkat yang diharapkan pada triwulan itu. Kosong = target tahunan.',
  posisi: 'Posisi akhir: target triwulan adalah posisi yang diharapkan pada akhir triwulan itu. Kosong = target tahunan.',
  rilis: 'Rilis lembaga: nilainya satu rilis per tahun, jadi target triwulan tidak dipakai.',
}

const noSubscription = () => () => undefined
const clientSnapshot = () => true
const serverSnapshot = () => false

function sameTyped(a: string | undefined, b: string | undefined): boolean {
  const x = parseDecimalInput(a ?? '')
  const y = parseDecimalInput(b ?? '')
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) < 1e-9
  return (a ?? '').trim() === (b ?? '').trim()
}

export function IndicatorForm(p: IndicatorFormProps) {
  const { values: v, errors: e } = p
  const formRef = useRef<HTMLFormElement>(null)
  // false on the server and in the first render of the browser, true once hydrated
  const hydrated = useSyncExternalStore(noSubscription, clientSnapshot, serverSnapshot)
  const [pola, setPola] = useState(v.fields.pola_ukur)
  const [changedVerified, setChangedVerified] = useState<number[]>([])

  const verified = new Set(p.verifiedYears)
  const recompute = () => {
    const form = formRef.current
    if (!form || !p.stored || verified.size === 0) return
    const fd = new FormData(form)
    const stored = p.stored
    const changed = p.verifiedYears.filter((y) => {
      if (!sameTyped(String(fd.get(targetField(y)) ?? ''), stored.targets[y])) return true
      for (let q = 1; q <= 4; q++) if (!sameTyped(String(fd.get(quarterField(y, q)) ?? ''), stored.quarters[`${y}-${q}`])) return true
      return false
    })
    setChangedVerified((prev) => (prev.join() === changed.join() ? prev : changed))
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once after load: typed values kept after a refusal may already differ
  useEffect(recompute, [])

  const afterApplied = useCallback(() => {
    const form = formRef.current
    const el = form?.elements.namedItem('pola_ukur')
    if (el instanceof HTMLSelectElement) setPola(el.value)
    recompute()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recompute reads the form itself
  }, [])
  const copy = useIndicatorDraft({
    formRef,
    draft: p.readOnly ? null : (p.draft ?? null),
    years: p.years,
    shown: v,
    server: p.stored ?? v,
    accepted: !!p.accepted,
    onApplied: afterApplied,
  })

  const showReason = p.mode === 'edit' && verified.size > 0 && (!hydrated || changedVerified.length > 0 || !!e[REASON_FIELD] || p.reasonYears.length > 0 || v.reason.trim() !== '')
  const reasonYears = p.reasonYears.length ? p.reasonYears : changedVerified
  const disabled = !!p.readOnly

  const opt = <T extends string>(list: readonly T[], labels: Record<T, string>) => list.map((x) => ({ value: x, label: labels[x] }))

  return (
    <Form
      method="post"
      ref={formRef}
      className="renstra-form"
      noValidate
      onInput={() => {
        recompute()
        copy.onInput()
      }}
      onChange={(ev) => {
        const t = ev.target as HTMLSelectElement
        if (t.name === 'pola_ukur') setPola(t.value)
        recompute()
        copy.onInput()
      }}
      onSubmit={copy.onSubmit}
    >
      <CsrfInput />
      <input type="hidden" name="intent" value="simpan" />
      {p.mode === 'create' ? <input type="hidden" name="period_id" value={p.periodId} /> : null}
      {p.mode === 'edit' ? <input type="hidden" name="version" value={p.version ?? ''} /> : null}

      {p.message ? <ProblemList message={p.message} problems={p.problems} tone={p.conflict ? 'warn' : 'error'} /> : null}
      {p.conflict ? (
        <div className="banner banner-warn renstra-conflict">
          <label className="renstra-check">
            <input type="checkbox" name="timpa" value={p.conflict.currentVersion} /> Saya sudah memeriksa perubahan terbaru itu; simpan isian saya di atasnya (timpa).
          </label>
        </div>
      ) : null}
      {copy.local ? <DraftNotice onDiscard={copy.discard} /> : null}
      {copy.stale ? <StaleDraftPanel stale={copy.stale} server={p.stored ?? v} years={p.years} onAdopt={copy.adoptStale} onDiscard={copy.discard} /> : null}
      {p.readOnly ? (
        <div className="banner banner-info" role="note">
          {p.readOnly}
        </div>
      ) : null}

      <fieldset disabled={disabled} className="renstra-fieldset">
        <legend>Identitas indikator</legend>
        <div className="renstra-grid">
          <TextField name="code" label={L.code} defaultValue={v.fields.code} error={e.code} required maxLength={40} hint="Unik dalam satu periode, misalnya IKP-10." />
          <TextField name="satuan" label={L.satuan} defaultValue={v.fields.satuan} error={e.satuan} required maxLength={40} list="renstra-satuan" />
        </div>
        <datalist id="renstra-satuan">
          {SATUAN.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <TextAreaField name="name" label={L.name} defaultValue={v.fields.name} error={e.name} required maxLength={500} rows={2} />
        <TextAreaField name="definition" label={L.definition} defaultValue={v.fields.definition} error={e.definition} maxLength={1000} rows={2} />
      </fieldset>

      <fieldset disabled={disabled} className="renstra-fieldset">
        <legend>Cara pengukuran dan pemetaan strategi</legend>
        <div className="renstra-grid">
          <SelectField
            name="polarity"
            label={L.polarity}
            defaultValue={v.fields.polarity}
            error={e.polarity}
            required
            options={opt(POLARITIES, POLARITY_LABELS)}
            emptyLabel="— pilih —"
          />
          <SelectField
            name="pola_ukur"
            label={L.pola_ukur}
            defaultValue={v.fields.pola_ukur}
            error={e.pola_ukur}
            required
            options={opt(POLA_UKUR, POLA_UKUR_LABELS)}
            emptyLabel="— pilih —"
          />
          <SelectField
            name="renstra_mode"
            label={L.renstra_mode}
            defaultValue={v.fields.renstra_mode}
            error={e.renstra_mode}
            options={opt(RENSTRA_MODES, RENSTRA_MODE_LABELS)}
            emptyLabel={
              (POLA_UKUR as readonly string[]).includes(pola) ? `Bawaan pola ukur (${RENSTRA_MODE_LABELS[defaultRenstraMode(pola as PolaUkur)].toLowerCase()})` : 'Bawaan pola ukur'
            }
            hint={`Capaian Renstra s.d. tahun berjalan (E.81 kolom 13–14). Akumulasi: ${RENSTRA_MODE_HINTS.akumulasi}. Tahun akhir: ${RENSTRA_MODE_HINTS.tahun_akhir}. Bawaan: akumulasi untuk pola kumulatif, tahun akhir untuk lainnya.`}
          />
          <SelectField name="aspect" label={L.aspect} defaultValue={v.fields.aspect} error={e.aspect} required options={opt(ASPECTS, ASPECT_NAMES)} emptyLabel="— pilih —" />
          <SelectField
            name="strategy"
            label={L.strategy}
            defaultValue={v.fields.strategy}
            error={e.strategy}
            required
            options={opt(STRATEGIES, STRATEGY_LABELS)}
            emptyLabel="— pilih —"
          />
          <TextField name="weight" label={L.weight} defaultValue={v.fields.weight} error={e.weight} required inputMode="decimal" hint="Lebih dari 0; biasanya 1." />
        </div>
      </fieldset>

      <fieldset disabled={disabled} className="renstra-fieldset">
        <legend>Penempatan dalam Renstra</legend>
        <div className="renstra-grid">
          <SelectField
            name="unit_id"
            label={L.unit_id}
            defaultValue={v.fields.unit_id}
            error={e.unit_id}
            required
            options={p.options.units.map((u) => ({ value: String(u.id), label: u.label }))}
            emptyLabel="— pilih unit —"
          />
          <SelectField
            name="sasaran_id"
            label={L.sasaran_id}
            defaultValue={v.fields.sasaran_id}
            error={e.sasaran_id}
            options={p.options.sasaran.map((s) => ({ value: String(s.id), label: s.label }))}
            emptyLabel="— tanpa sasaran —"
          />
          <SelectField
            name="program_id"
            label={L.program_id}
            defaultValue={v.fields.program_id}
            error={e.program_id}
            options={p.options.programs.map((x) => ({ value: String(x.id), label: x.label }))}
            emptyLabel="— tanpa program/kegiatan —"
            hint="Bila sasaran dikosongkan, sasaran mengikuti program/kegiatan yang dipilih."
          />
        </div>
      </fieldset>

      <fieldset disabled={disabled} className="renstra-fieldset">
        <legend>Nilai acuan</legend>
        <div className="renstra-grid">
          <TextField name="baseline" label={L.baseline} defaultValue={v.fields.baseline} error={e.baseline} inputMode="decimal" />
          <TextField name="baseline_year" label={L.baseline_year} defaultValue={v.fields.baseline_year} error={e.baseline_year} inputMode="numeric" maxLength={4} />
          <TextField name="target_akhir" label={L.target_akhir} defaultValue={v.fields.target_akhir} error={e.target_akhir} inputMode="decimal" hint="Kolom 5 Formulir E.81." />
          <TextField name="min_value" label={L.min_value} defaultValue={v.fields.min_value} error={e.min_value} inputMode="decimal" hint="Mis. 0 agar nilai negatif ditolak." />
          <TextField name="max_value" label={L.max_value} defaultValue={v.fields.max_value} error={e.max_value} inputMode="decimal" hint="Mis. 100 untuk persen." />
        </div>
        <p className="muted renstra-hint">Angka desimal boleh memakai koma atau titik (12,5 atau 12.5), tanpa pemisah ribuan.</p>
      </fieldset>

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
              {p.years.map((y) => (
                <tr key={y} className={verified.has(y) ? 'renstra-verified-row' : undefined}>
                  <th scope="row">
                    {y}
                    {verified.has(y) ? (
                      <>
                        {' '}
                        <span className="badge renstra-verified" title="Sudah ada realisasi yang diverifikasi">
                          terverifikasi
                        </span>
                      </>
                    ) : null}
                  </th>
                  <TargetCell name={targetField(y)} label={`Target tahunan ${y}`} value={v.targets[y] ?? ''} error={e[targetField(y)]} />
                  {[1, 2, 3, 4].map((q) => (
                    <TargetCell
                      key={q}
                      name={quarterField(y, q)}
                      label={`Target TW ${ROMAN[q - 1]} ${y}`}
                      value={v.quarters[`${y}-${q}`] ?? ''}
                      error={e[quarterField(y, q)]}
                      muted={pola === 'rilis'}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>

      {showReason ? (
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
            error={e[REASON_FIELD]}
            required={reasonYears.length > 0}
            maxLength={2000}
            hint="Dicatat dalam jejak audit bersama perubahan targetnya, misalnya nomor dokumen Renstra perubahan atau hasil reviu."
          />
        </fieldset>
      ) : null}

      {!disabled ? (
        <div className="toolbar renstra-actions">
          <button type="submit" className="btn" disabled={p.busy}>
            {p.busy ? 'Menyimpan…' : p.mode === 'create' ? 'Simpan indikator baru' : 'Simpan perubahan'}
          </button>
        </div>
      ) : null}
    </Form>
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
