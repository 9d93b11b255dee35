// One indicator of the entry form: targets, earlier quarters, the value box with live capaian,
// "tidak diukur", bukti dukung, kendala / tindak lanjut, row buttons, and the messages for it.
// The parts live in entry-row-parts.tsx (read-only) and entry-row-fields.tsx (editable).
import type { Quarter, ScoringSettings } from '../../domain/types'
import type { EntryRowView } from '../../presenters/entry.server'
import type { RowConflict, RowProblem } from '../../services/realisasi/types'
import { fieldId, fieldName, type TypedRow } from '../../utils/entry-fields'
import { liveCapaian } from './live-capaian'
import { ConflictPanel, ReadonlyRow, RowFacts, StalePanel } from './entry-row-parts'
import { EvidenceFields, fieldMessages, NarrativeFields, RowButtons, ValueField } from './entry-row-fields'
import type { StaleDraft } from './entry-drafts-core'

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

export function EntryRow({ view, year, quarter, settings, fields, baseVersion, local, stale, onChange, onDiscard, onAdoptStale, problems, conflict, busyIntent }: Props) {
  const id = view.indicatorId
  const row = view.row
  const live = liveCapaian(view.indicator, year, quarter, fields.value, fields.tidakDiukur, settings, { min: view.minValue, max: view.maxValue, satuan: view.satuan })
  const m = fieldMessages(id, problems)
  const rowErrors = m.errorsOf('row')

  return (
    <fieldset
      className={`entry-row${problems.length || conflict ? ' entry-row-invalid' : ''}${row?.status === 'dikembalikan' ? ' entry-row-returned' : ''}`}
      id={fieldId(id, 'row')}
    >
      <legend>
        <span className="entry-code">{view.code}</span> {view.name}
      </legend>
      <RowFacts view={view} year={year} />

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
      {conflict ? <ConflictPanel id={id} conflict={conflict} year={year} quarter={quarter} /> : null}

      {stale && view.editable ? <StalePanel id={id} stale={stale} timeZone={settings.timeZone} onAdopt={onAdoptStale} onDiscard={onDiscard} /> : null}
      {local && view.editable ? (
        <div className="entry-local" role="note">
          <span className="badge entry-local-badge">Draf di perangkat ini</span> <span className="muted">belum tersimpan di server</span>{' '}
          <button type="button" className="btn-plain" onClick={onDiscard}>
            Buang draf<span className="sr-only"> {view.code}</span>
          </button>
        </div>
      ) : null}

      {!view.editable ? (
        <ReadonlyRow view={view} />
      ) : (
        <>
          <input type="hidden" name="row" value={id} />
          <input type="hidden" name={fieldName(id, 'version')} value={baseVersion} />
          <div className="entry-grid">
            <ValueField view={view} fields={fields} onChange={onChange} m={m} live={live} />
            <EvidenceFields view={view} fields={fields} onChange={onChange} m={m} />
            <NarrativeFields view={view} fields={fields} onChange={onChange} m={m} narrativeRequired={live.needsNarrative} />
          </div>
          <RowButtons view={view} busyIntent={busyIntent} />
        </>
      )}
    </fieldset>
  )
}
