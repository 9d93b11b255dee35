// State of the entry form in the browser (ADR 0014), composed of small hooks: what is typed, kept
// on this device as it is typed (use-device-drafts.ts, rules in entry-drafts-core.ts); saving over
// a bad line (use-save-queue.ts: JSON endpoint, a random key per submission, retries with backoff
// and by a button); the session and leaving (use-session-guard.ts: keep-alive while typing, an
// ended session keeps the input and sends the user to log in, the unsaved-changes guard).
// Without JavaScript none of this runs and the form posts to the page's action as before.
import { useRevalidator } from '@remix-run/react'
import { useCallback, useMemo } from 'react'
import type { EntryRowView } from '../../presenters/entry.server'
import type { EntryAnswer } from '../../services/realisasi/entry-form.server'
import { dirtyIdsOf, type SentRows } from './entry-drafts-core'
import { useDeviceDrafts } from './use-device-drafts'
import { useSaveQueue } from './use-save-queue'
import { useKeepAlive, useLeaveGuard } from './use-session-guard'

export type { RowDraft, StaleDraft } from './entry-drafts-core'
export { RETRY_DELAYS, serverFields } from './entry-drafts-core'
export type { SaveStatus } from './use-save-queue'
export { KEEP_ALIVE_EVERY_MS } from './use-session-guard'

interface Options {
  /** `<user>:<opd>`: whose copy this is. */
  scope: string
  year: number
  quarter: number
  rows: EntryRowView[]
  csrfToken: string
  /** What a no-JavaScript post sent back (typed values refused by the server). */
  posted: EntryAnswer | undefined
}

export function useEntryDrafts({ scope, year, quarter, rows, csrfToken, posted }: Options) {
  const revalidator = useRevalidator()
  const { keepAlive, sessionEnded, online } = useKeepAlive(csrfToken)
  const local = useDeviceDrafts(scope, `${year}-${quarter}`, rows, posted, keepAlive)
  const viewOf = useMemo(() => new Map(rows.map((v) => [v.indicatorId, v])), [rows])
  const { fieldsOf, accept } = local
  const sentFields = useCallback(
    (id: number) => {
      const view = viewOf.get(id)
      return view ? fieldsOf(view) : null
    },
    [viewOf, fieldsOf],
  )
  const onSaved = useCallback(
    (p: SentRows, answer: EntryAnswer) => {
      if (answer.ok) {
        accept(p, answer.savedVersions)
        revalidator.revalidate()
      } else requestAnimationFrame(() => document.getElementById('entry-errors')?.focus())
    },
    [accept, revalidator],
  )
  const queue = useSaveQueue(year, quarter, sentFields, onSaved)
  const dirtyIds = dirtyIdsOf(local.drafts)
  const dirty = dirtyIds.length > 0 || queue.waiting
  const leaving = useLeaveGuard(queue.status, dirty)
  return {
    ...local,
    status: queue.status,
    result: queue.result,
    online,
    sessionEnded,
    dirty,
    dirtyIds,
    leaving,
    busyIntent: queue.status.kind === 'sending' ? queue.status.intent : null,
    saving: queue.status.kind === 'sending' || revalidator.state !== 'idle',
    submit: queue.submit,
    retryNow: queue.retryNow,
  }
}
