// The parts of the entry page (/realisasi) around the rows: the quarter picker and deadline, the
// closure and returned-rows notes, the device-draft note, the answer of the last save, and the
// form's buttons.
import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { EntryAnswer } from '../../services/realisasi/entry-form.server'
import { fieldId } from '../../utils/entry-fields'

interface PeriodOption {
  year: number
  quarter: number
  label: string
  note?: string | null
}

/** The quarter picker and the deadline card. */
export function EntryTop(props: {
  year: number
  quarter: number
  quarterTitle: string
  options: PeriodOption[]
  deadline: { dueLabel: string; countdown: string; late: boolean }
}) {
  const { year, quarter, quarterTitle, options, deadline } = props
  return (
    <div className="entry-top">
      <Form method="get" className="toolbar entry-picker" aria-label="Pilih triwulan">
        <div>
          <label htmlFor="pilih-triwulan">Triwulan</label>
          <select id="pilih-triwulan" name="tw" defaultValue={`${year}-${quarter}`}>
            {options.map((o) => (
              <option key={`${o.year}-${o.quarter}`} value={`${o.year}-${o.quarter}`}>
                {o.label}
                {o.note ? ` (${o.note})` : ''}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          Tampilkan
        </button>
      </Form>
      <div className={`card entry-deadline${deadline.late ? ' entry-deadline-late' : ''}`}>
        <div>
          Batas pengisian {quarterTitle}: <strong>{deadline.dueLabel}</strong>
        </div>
        <div className="entry-countdown">{deadline.countdown}</div>
        {deadline.late ? <div className="muted">Realisasi masih diterima, tetapi ditandai terlambat.</div> : null}
      </div>
    </div>
  )
}

/** A closed quarter, and the rows returned for correction in other quarters. */
export function PeriodNotes(props: { quarterTitle: string; closure: { by: string | null; at: string } | null; returnedElsewhere: PeriodOption[] }) {
  const { quarterTitle, closure, returnedElsewhere } = props
  return (
    <>
      {closure ? (
        <div className="banner banner-info" role="note">
          {quarterTitle} sudah ditutup oleh {closure.by ?? 'perencanaan'} pada {closure.at}. Hanya baris yang dikembalikan yang masih dapat diperbaiki.
        </div>
      ) : null}
      {returnedElsewhere.length ? (
        <div className="banner banner-warn" role="note">
          Ada realisasi yang dikembalikan perencanaan dan perlu diperbaiki:{' '}
          {returnedElsewhere.map((o, i) => (
            <span key={`${o.year}-${o.quarter}`}>
              {i ? ', ' : ''}
              <Link to={`/realisasi?tahun=${o.year}&triwulan=${o.quarter}`}>
                {o.label} ({o.note})
              </Link>
            </span>
          ))}
        </div>
      ) : null}
    </>
  )
}

/** How many rows live only on this device, and how many have an older copy here. */
export function DeviceDraftNote({ localCount, staleCount }: { localCount: number; staleCount: number }) {
  if (!localCount && !staleCount) return null
  return (
    <div className="banner banner-info" role="status" id="draf-perangkat">
      {localCount ? `${localCount} baris berisi draf di perangkat ini yang belum tersimpan di server. ` : ''}
      {staleCount ? `${staleCount} baris punya draf lama di perangkat ini yang berbeda dengan data server (ditampilkan di baris itu).` : ''}
    </div>
  )
}

/** The answer of the last save: the message, or every problem and conflict linked to its row. */
export function EntryAnswerBanner({ a }: { a: EntryAnswer | undefined }) {
  if (!a) return null
  if (a.ok)
    return (
      <div className="banner banner-ok" role="status">
        {a.message}
      </div>
    )
  return (
    <div className="banner banner-error" role="alert" id="entry-errors" tabIndex={-1}>
      <p>
        <strong>{a.message}</strong>
      </p>
      {a.general.length || a.problems.length || a.conflicts.length ? (
        <ul>
          {a.general.map((g) => (
            <li key={g}>{g}</li>
          ))}
          {a.conflicts.map((c) => (
            <li key={`c-${c.indicatorId}`}>
              <a href={`#${fieldId(c.indicatorId, 'row')}`}>{c.code}</a>: {c.message}
            </li>
          ))}
          {a.problems.map((p, i) => (
            <li key={i}>
              <a href={`#${fieldId(p.indicatorId, p.field === 'row' ? 'row' : p.field)}`}>{p.code}</a>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** "Simpan semua sebagai draf" and "Ajukan semua" (the label says which one is being sent). */
export function EntryButtons({ canEdit, busyIntent, children }: { canEdit: boolean; busyIntent: string | null; children?: ReactNode }) {
  return (
    <div className="toolbar entry-toolbar">
      <button type="submit" name="intent" value="simpan" className="btn btn-secondary" disabled={!canEdit || busyIntent === 'simpan'}>
        {busyIntent === 'simpan' ? 'Menyimpan…' : 'Simpan semua sebagai draf'}
      </button>
      <button type="submit" name="intent" value="ajukan" className="btn" disabled={!canEdit || busyIntent === 'ajukan'}>
        {busyIntent === 'ajukan' ? 'Mengajukan…' : 'Ajukan semua'}
      </button>
      {children}
    </div>
  )
}
