// One indicator of the entry form: targets, earlier quarters, the value box with live capaian,
// "tidak diukur", bukti dukung, kendala / tindak lanjut, row buttons, and the messages for it.
import { Link } from '@remix-run/react'
import { useRef } from 'react'
import type { Quarter, ScoringSettings } from '../../domain/types'
import type { EntryRowView, RowConflict, RowProblem } from '../../services/realisasi.server'
import { formatValue } from '../../domain/format'
import { POLA_UKUR_LABELS } from '../../domain/labels'
import { fieldId, fieldName, type TypedRow } from '../../utils/entry-fields'
import { LiveCapaianView, liveCapaian, PredikatBadge } from './live-capaian'
import type { StaleDraft } from './use-entry-drafts'

interface Props {
  view: EntryRowView
  year: number
  quarter: Quarter
  settings: ScoringSettings
  /** What the boxes show: the copy typed on this device, what a refused post sent, or the server's row. */
  fields: TypedRow
  /** The version the input is based on (posted with the form). */
  baseVersion: string
  /** True when the input differs from the server's row and lives only on this device so far. */
  local: boolean
  stale: StaleDraft | null
  onChange: (patch: Partial<TypedRow>) => void
  onDiscard: () => void
  onAdoptStale: () => void
  problems: RowProblem[]
  conflict: RowConflict | null
  busyIntent: string | null
}

const timeOf = (ms: number) => new Date(ms).toLocaleString('id-ID', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })

function StalePanel({ id, stale, onAdopt, onDiscard }: { id: number; stale: StaleDraft; onAdopt: () => void; onDiscard: () => void }) {
  const f = stale.fields
  return (
    <div className="banner banner-warn entry-stale" role="note" id={`${fieldId(id, 'row')}-stale`}>
      <p>
        <strong>Draf di perangkat ini</strong> (diketik {timeOf(stale.at)}, dari versi {stale.version || 'baru'}) berbeda dengan data di server yang sudah berubah sejak itu. Draf tidak dipakai
        otomatis; data server tetap di kotak isian.
      </p>
      <dl className="meta entry-stale-values">
        <dt>Nilai di draf</dt>
        <dd>{f.tidakDiukur ? 'tidak diukur' : f.value || '–'}</dd>
        {f.buktiText ? (
          <>
            <dt>Bukti di draf</dt>
            <dd>{f.buktiText}</dd>
          </>
        ) : null}
        {f.kendala ? (
          <>
            <dt>Kendala di draf</dt>
            <dd>{f.kendala}</dd>
          </>
        ) : null}
        {f.tindakLanjut ? (
          <>
            <dt>Tindak lanjut di draf</dt>
            <dd>{f.tindakLanjut}</dd>
          </>
        ) : null}
      </dl>
      <div className="toolbar">
        <button type="button" className="btn btn-secondary" onClick={onAdopt}>
          Pakai draf ini<span className="sr-only"> untuk baris ini</span>
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDiscard}>
          Buang draf
        </button>
      </div>
    </div>
  )
}

function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null
  return (
    <div className="field-error" id={id}>
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </div>
  )
}

function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge status-${status}`}>{label}</span>
}

export function EntryRow({ view, year, quarter, settings, fields, baseVersion, local, stale, onChange, onDiscard, onAdoptStale, problems, conflict, busyIntent }: Props) {
  const id = view.indicatorId
  const row = view.row
  const { value: valueText, tidakDiukur } = fields
  // "tidak diukur" empties the value box (a value and the switch together are refused); unticking restores it.
  const stash = useRef('')
  const toggleTidakDiukur = (on: boolean) => {
    if (on) {
      stash.current = valueText
      onChange({ tidakDiukur: true, value: '' })
    } else onChange({ tidakDiukur: false, value: valueText === '' ? stash.current : valueText })
  }
  const live = liveCapaian(view.indicator, year, quarter, valueText, tidakDiukur, settings, { min: view.minValue, max: view.maxValue, satuan: view.satuan })
  const errorsOf = (f: string) => problems.filter((p) => p.field === f).map((p) => p.message)
  const rowErrors = errorsOf('row')
  const described = (f: string, extra?: string) => [errorsOf(f).length ? `${fieldId(id, f)}-error` : null, extra].filter(Boolean).join(' ') || undefined
  const invalid = (f: string) => (errorsOf(f).length ? true : undefined)
  const isRilis = view.polaUkur === 'rilis'
  const narrativeRequired = live.needsNarrative
  const version = baseVersion
  const rowBusy = busyIntent === `simpan:${id}` || busyIntent === `ajukan:${id}`

  return (
    <fieldset className={`entry-row${problems.length || conflict ? ' entry-row-invalid' : ''}${row?.status === 'dikembalikan' ? ' entry-row-returned' : ''}`} id={fieldId(id, 'row')}>
      <legend>
        <span className="entry-code">{view.code}</span> {view.name}
      </legend>
      <div className="entry-meta">
        <span>
          Satuan: <strong>{view.satuan}</strong>
        </span>
        <span>
          Pola ukur: <strong>{POLA_UKUR_LABELS[view.polaUkur]}</strong>
        </span>
        <span>
          Target TW: <strong>{formatValue(view.targetQuarter)}</strong>
        </span>
        <span>
          Target {year}: <strong>{formatValue(view.targetYear)}</strong>
        </span>
        {view.earlier.map((e) => (
          <span key={e.quarter}>
            {e.label}: <strong>{e.text}</strong>
          </span>
        ))}
        {row ? <StatusBadge status={row.status} label={row.statusLabel} /> : <span className="badge status-draft">Belum diisi</span>}
        {row?.isLate ? <span className="badge entry-late">Terlambat</span> : null}
        {row ? (
          <Link to={`/realisasi/${row.id}/riwayat`} className="entry-history-link">
            Riwayat<span className="sr-only"> {view.code}</span>
          </Link>
        ) : null}
      </div>

      {row?.status === 'dikembalikan' && row.returnNote ? (
        <div className="banner banner-warn entry-return-note" role="note">
          <strong>Dikembalikan oleh perencanaan:</strong> {row.returnNote}
        </div>
      ) : null}
      {rowErrors.length ? (
        <div className="banner banner-error" role="alert" id={`${fieldId(id, 'row')}-error`}>
          {rowErrors.join(' ')}
        </div>
      ) : null}
      {conflict ? (
        <div className="banner banner-error entry-conflict" role="alert">
          <p>
            <strong>Konflik:</strong> {conflict.message}
            {conflict.current.statusLabel ? ` — status sekarang: ${conflict.current.statusLabel}` : ''}.
          </p>
          <p>Nilai yang Anda ketik masih ada di bawah. Pilih salah satu:</p>
          <ul>
            <li>
              <a href={`/realisasi?tahun=${year}&triwulan=${quarter}`}>Muat ulang data terbaru</a> (ketikan Anda di halaman ini hilang), atau
            </li>
            {conflict.currentVersion != null ? (
              <li>
                <label className="entry-inline">
                  <input type="checkbox" name={fieldName(id, 'timpa')} value={String(conflict.currentVersion)} /> Saya sudah membaca perubahan itu; simpan nilai saya menggantikannya.
                </label>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}

      {stale && view.editable ? <StalePanel id={id} stale={stale} onAdopt={onAdoptStale} onDiscard={onDiscard} /> : null}
      {local && view.editable ? (
        <div className="entry-local" role="note">
          <span className="badge entry-local-badge">Draf di perangkat ini</span> <span className="muted">belum tersimpan di server</span>{' '}
          <button type="button" className="btn-plain" onClick={onDiscard}>
            Buang draf<span className="sr-only"> {view.code}</span>
          </button>
        </div>
      ) : null}

      {!view.editable ? (
        <div className="entry-readonly">
          <p className="muted">{view.lockReason}</p>
          {row ? (
            <dl className="meta">
              <dt>Nilai</dt>
              <dd>
                {row.valueShown} {view.savedCapaian ? <>· capaian {view.savedCapaian.text} <PredikatBadge band={view.savedCapaian.predikatKey ? { key: view.savedCapaian.predikatKey, label: view.savedCapaian.predikatLabel ?? '' } : null} /></> : null}
              </dd>
              <dt>Bukti dukung</dt>
              <dd>
                {row.buktiText || '–'} {row.buktiHref ? <a href={row.buktiHref} target="_blank" rel="noopener noreferrer nofollow">tautan</a> : null}
              </dd>
              {row.kendala ? (
                <>
                  <dt>Kendala</dt>
                  <dd>{row.kendala}</dd>
                </>
              ) : null}
              {row.tindakLanjut ? (
                <>
                  <dt>Tindak lanjut</dt>
                  <dd>{row.tindakLanjut}</dd>
                </>
              ) : null}
              <dt>Diisi</dt>
              <dd>
                {row.enteredBy ?? '–'}, {row.enteredAt}
              </dd>
              {row.verifiedAt ? (
                <>
                  <dt>Diverifikasi</dt>
                  <dd>
                    {row.verifiedBy ?? '–'}, {row.verifiedAt}
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </div>
      ) : (
        <>
          <input type="hidden" name="row" value={id} />
          <input type="hidden" name={fieldName(id, 'version')} value={version} />
          <div className="entry-grid">
            <div className="entry-value">
              <label htmlFor={fieldId(id, 'value')}>
                Realisasi ({view.satuan})
              </label>
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
            <div className="entry-bukti">
              <label htmlFor={fieldId(id, 'bukti_text')}>
                Bukti dukung{isRilis ? ' (wajib untuk indikator rilis)' : ''}
              </label>
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
            <div className="entry-narrative">
              <label htmlFor={fieldId(id, 'kendala')}>
                Kendala (faktor penghambat){narrativeRequired ? <span className="entry-required"> — wajib</span> : null}
              </label>
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
              <label htmlFor={fieldId(id, 'tindak_lanjut')}>
                Tindak lanjut{narrativeRequired ? <span className="entry-required"> — wajib</span> : null}
              </label>
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
          </div>
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
        </>
      )}
    </fieldset>
  )
}
