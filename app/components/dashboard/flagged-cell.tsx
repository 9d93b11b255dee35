// One flagged cell of the matrix on /perlu-perhatian: why it is flagged, the indicators behind it,
// the meeting's judgement and recommendation, and a link to record them.
import { Link } from '@remix-run/react'
import type { FlaggedView } from '../../presenters/perlu-perhatian.server'
import { PredikatBadge } from './banners'

type FlaggedCell = FlaggedView['cells'][number]

function WeakIndicators({ c }: { c: FlaggedCell }) {
  if (!c.weakIndicators.length) return null
  return (
    <p>
      Indikator penyebab:{' '}
      {c.weakIndicators.map((w, i) => (
        <span key={w.id}>
          {i > 0 ? '; ' : ''}
          <Link to={w.href}>
            {w.code} {w.name}
          </Link>{' '}
          ({w.capaianText}, {w.predikatLabel})
        </span>
      ))}
    </p>
  )
}

function MeetingNote({ note }: { note: FlaggedCell['note'] }) {
  if (!note) return <p className="muted">Belum ada catatan rapat untuk sel ini.</p>
  return (
    <div className="note-box">
      <p>
        <strong>Penilaian rapat:</strong> {note.judgementLabel}
        {note.kendala ? (
          <>
            {' '}
            · <strong>Kendala:</strong> {note.kendala}
          </>
        ) : null}
      </p>
      <p>
        <strong>Rekomendasi:</strong> {note.rekomendasi ?? '–'}
      </p>
    </div>
  )
}

export function FlaggedCellCard({ c }: { c: FlaggedCell }) {
  return (
    <article className="card flag-card" data-cell={`${c.aspect}:${c.strategy}`}>
      <h3>
        <span aria-hidden="true">⚠</span> {c.aspectLabel} × {c.strategyLabel}: {c.text} <PredikatBadge predikatKey={c.predikatKey} label={c.predikatLabel} />
      </h3>
      <ul className="flag-reasons">
        {c.flags.map((f, i) => (
          <li key={i}>
            <strong>{f.kindLabel}.</strong> {f.reason}
          </li>
        ))}
      </ul>
      <WeakIndicators c={c} />
      <MeetingNote note={c.note} />
      {c.disagreement ? (
        <p className="disagreement">
          <span aria-hidden="true">≠</span> Tidak sejalan: {c.disagreement}.
        </p>
      ) : null}
      <p className="no-print">
        <Link to={c.href}>Buka sel dan catat hasil rapat</Link>
      </p>
    </article>
  )
}
