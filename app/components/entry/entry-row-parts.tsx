// Read-only parts of one entry row: the row's facts (targets, earlier quarters, status), the
// conflict panel, the device's stale draft, and the locked row's saved values.
import { Link } from '@remix-run/react'
import type { Quarter } from '../../domain/types'
import type { EntryRowView } from '../../presenters/entry.server'
import type { RowConflict } from '../../services/realisasi/types'
import { POLA_UKUR_LABELS } from '../../domain/labels'
import { formatValue } from '../../domain/format'
import { fieldId, fieldName } from '../../utils/entry-fields'
import { PredikatBadge } from './live-capaian'
import type { StaleDraft } from './entry-drafts-core'
import { formatDateTimeIn } from '../../domain/dates'
import { DraftChoice } from '../draft-choice'

export function StalePanel({ id, stale, timeZone, onAdopt, onDiscard }: { id: number; stale: StaleDraft; timeZone: string; onAdopt: () => void; onDiscard: () => void }) {
  const f = stale.fields
  return (
    <div className="banner banner-warn entry-stale" role="note" id={`${fieldId(id, 'row')}-stale`}>
      <p>
        <strong>Draf di perangkat ini</strong> (diketik {formatDateTimeIn(new Date(stale.at), timeZone)}, dari versi {stale.version || 'baru'}) berbeda dengan data di server yang
        sudah berubah sejak itu. Draf tidak dipakai otomatis; data server tetap di kotak isian.
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
      <DraftChoice onAdopt={onAdopt} onDiscard={onDiscard} adoptHint=" untuk baris ini" />
    </div>
  )
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
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

/** Satuan, pola ukur, targets, earlier quarters, status and the history link. */
export function RowFacts({ view, year }: { view: EntryRowView; year: number }) {
  const row = view.row
  return (
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
  )
}

/** A save refused because someone changed the row: reload, or save over it after reading the change. */
export function ConflictPanel({ id, conflict, year, quarter }: { id: number; conflict: RowConflict; year: number; quarter: Quarter }) {
  return (
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
  )
}

/** A locked row: why, and what was saved. */
export function ReadonlyRow({ view }: { view: EntryRowView }) {
  const row = view.row
  return (
    <div className="entry-readonly">
      <p className="muted">{view.lockReason}</p>
      {row ? (
        <dl className="meta">
          <dt>Nilai</dt>
          <dd>
            {row.valueShown}{' '}
            {view.savedCapaian ? (
              <>
                · capaian {view.savedCapaian.text}{' '}
                <PredikatBadge band={view.savedCapaian.predikatKey ? { key: view.savedCapaian.predikatKey, label: view.savedCapaian.predikatLabel ?? '' } : null} />
              </>
            ) : null}
          </dd>
          <dt>Bukti dukung</dt>
          <dd>
            {row.buktiText || '–'}{' '}
            {row.buktiHref ? (
              <a href={row.buktiHref} target="_blank" rel="noopener noreferrer nofollow">
                tautan
              </a>
            ) : null}
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
  )
}
