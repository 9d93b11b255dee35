// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import type { VerificationAnswer } from '../../services/realisasi/types'
import { FormMessages } from '../form-result'

/** The answer of the last post: its messages, and each stale row with its current state. */
export function AnswerBanner({ a }: { a: VerificationAnswer | undefined }) {
  if (!a) return null
  if (a.status === 'success') return <FormMessages result={a} />
  return (
    <>
      <FormMessages result={a} />
      {a.conflicts.length ? (
        <div className="banner banner-error" role="alert">
          <ul>
            {a.conflicts.map((c) => (
              <li key={c.indicatorId}>
                {c.code}: {c.message}
                {c.current.statusLabel ? ` — status sekarang: ${c.current.statusLabel}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  )
}
