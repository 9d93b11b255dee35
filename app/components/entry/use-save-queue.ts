// Saving the entry form over a bad line (ADR 0014): one submission at a time to the JSON endpoint
// /realisasi/simpan with a random key (a resend writes once), automatic resends with backoff, at
// once when the device is back online, and by a button; an ended session (401) keeps the input.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EntryAnswer } from '../../services/realisasi/entry-form.server'
import { SUBMISSION_KEY_FIELD, type TypedRow } from '../../utils/entry-fields'
import { retryDelay, type SentRows } from './entry-drafts-core'
import { newSubmissionKey } from './local-draft'

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'sending'; intent: string }
  | { kind: 'network'; attempt: number; retryAt: number | null }
  | { kind: 'unavailable'; attempt: number; retryAt: number | null }
  | { kind: 'session'; loginUrl: string }
  | { kind: 'refused'; message: string }

interface Pending extends SentRows {
  body: string
  key: string
  intent: string
  attempt: number
}

/** One POST of a pending submission: the answer, or what to do when there is none. */
async function post(p: Pending): Promise<{ answer: EntryAnswer } | { retry: 'network' | 'unavailable' } | { session: true } | { refused: string }> {
  try {
    const res = await fetch('/realisasi/simpan', {
      method: 'POST',
      body: p.body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      credentials: 'same-origin',
    })
    if (res.status === 401) return { session: true }
    if (res.status >= 500) return { retry: 'unavailable' }
    if (!(res.headers.get('Content-Type') ?? '').includes('json')) return { refused: (await res.text()).slice(0, 300) || `Permintaan ditolak (${res.status}).` }
    return { answer: (await res.json()) as EntryAnswer }
  } catch {
    return { retry: 'network' } // the answer never came (or broke off): resend the same key
  }
}

/** A submission from the form: its body with a new key, the rows it covers and what was sent of each. */
function pendingOf(form: HTMLFormElement, submitter: HTMLElement | null, fieldsOf: (id: number) => TypedRow | null): Pending {
  const fd = new FormData(form)
  const intent = submitter instanceof HTMLButtonElement && submitter.name === 'intent' ? submitter.value : 'simpan'
  fd.set('intent', intent)
  const key = newSubmissionKey()
  fd.set(SUBMISSION_KEY_FIELD, key)
  const only = /:(\d+)$/.exec(intent)
  const ids = fd.getAll('row').map((v) => Number(v))
  const sent: Record<number, TypedRow> = {}
  const versions: Record<number, string> = {}
  for (const id of ids) {
    const fields = fieldsOf(id)
    if (!fields) continue
    sent[id] = fields
    versions[id] = String(fd.get(`r.${id}.timpa`) ?? fd.get(`r.${id}.version`) ?? '')
  }
  const body = new URLSearchParams()
  for (const [k, v] of fd.entries()) if (typeof v === 'string') body.append(k, v)
  return { body: body.toString(), key, intent, sent, covered: only ? [Number(only[1])] : ids, versions, attempt: 0 }
}

export function useSaveQueue(year: number, quarter: number, fieldsOf: (id: number) => TypedRow | null, onSaved: (p: SentRows, answer: EntryAnswer) => void) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const [result, setResult] = useState<EntryAnswer | undefined>(undefined)
  const pending = useRef<Pending | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  const send = useCallback(async () => {
    const p = pending.current
    if (!p) return
    clearTimer()
    p.attempt++
    setStatus({ kind: 'sending', intent: p.intent })
    const out = await post(p)
    if ('retry' in out) {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false
      const delay = retryDelay(p.attempt)
      if (!offline) timer.current = setTimeout(() => void send(), delay)
      return setStatus({ kind: out.retry, attempt: p.attempt, retryAt: offline ? null : Date.now() + delay })
    }
    pending.current = null
    if ('session' in out) return setStatus({ kind: 'session', loginUrl: `/login?redirectTo=${encodeURIComponent(`/realisasi?tahun=${year}&triwulan=${quarter}`)}` })
    if ('refused' in out) return setStatus({ kind: 'refused', message: out.refused })
    setResult(out.answer)
    setStatus({ kind: 'idle' })
    onSaved(p, out.answer)
  }, [onSaved, year, quarter])

  /** The form's submit with JavaScript: one submission at a time; a click while one waits resends it now. */
  const submit = useCallback(
    (form: HTMLFormElement, submitter: HTMLElement | null) => {
      if (!pending.current) {
        pending.current = pendingOf(form, submitter, fieldsOf)
        setResult(undefined) // the last answer does not describe this submission
      }
      void send()
    },
    [send, fieldsOf],
  )

  // Back online: resend at once.
  useEffect(() => {
    const on = () => {
      if (!pending.current) return
      clearTimer()
      timer.current = setTimeout(() => void send(), 300)
    }
    window.addEventListener('online', on)
    return () => {
      window.removeEventListener('online', on)
      clearTimer()
    }
  }, [send])

  // A new period: what the last one answered does not belong here.
  useEffect(() => setResult(undefined), [year, quarter])

  return { status, result, waiting: pending.current !== null, submit, retryNow: useCallback(() => void send(), [send]) }
}
