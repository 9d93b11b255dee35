// State of the entry form in the browser: what is typed (kept on this device as it is typed),
// saving over a bad line (JSON endpoint, a random key per submission, retries with backoff and
// by a button), an ended session (401: the input stays here, the user is sent to log in and
// comes back to the same period), the keep-alive while typing, and the unsaved-changes guard.
// Without JavaScript none of this runs and the form posts to the page's action as before.
import { useNavigate, useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { EntryRowView } from '../../presenters/entry.server'
import type { EntryAnswer } from '../../services/realisasi/entry-form.server'
import { SUBMISSION_KEY_FIELD, type TypedRow } from '../../utils/entry-fields'
import { draftKey, draftsOfRow, newSubmissionKey, removeDraft, removeRowDrafts, sameFields, writeDraft } from './local-draft'

/** A row as typed on this page. `saved`: the server accepted exactly these fields (kept only until the page data shows them). */
export interface RowDraft {
  fields: TypedRow
  /** The row version the text is based on ('' = a new row). */
  base: string
  saved: boolean
  at: number
}

/** A copy on this device typed on an older version of the row: shown beside the server's value. */
export interface StaleDraft {
  fields: TypedRow
  version: string
  at: number
  key: string
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'sending'; intent: string }
  | { kind: 'network'; attempt: number; retryAt: number | null }
  | { kind: 'unavailable'; attempt: number; retryAt: number | null }
  | { kind: 'session'; loginUrl: string }
  | { kind: 'refused'; message: string }

interface Pending {
  body: string
  key: string
  intent: string
  sent: Record<number, TypedRow>
  covered: number[]
  versions: Record<number, string>
  attempt: number
}

/** Backoff between automatic resends (ms); the last one repeats. */
export const RETRY_DELAYS = [2_000, 4_000, 8_000, 16_000, 30_000, 60_000]
/** Typing refreshes the session at most this often. */
export const KEEP_ALIVE_EVERY_MS = 5 * 60_000

export function serverFields(view: EntryRowView): TypedRow {
  const r = view.row
  return {
    value: r?.valueText ?? '',
    tidakDiukur: r?.tidakDiukur ?? false,
    buktiText: r?.buktiText ?? '',
    buktiLink: r?.buktiLink ?? '',
    kendala: r?.kendala ?? '',
    tindakLanjut: r?.tindakLanjut ?? '',
  }
}

const versionOf = (view: EntryRowView) => (view.row ? String(view.row.version) : '')

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
  const period = `${year}-${quarter}`
  const revalidator = useRevalidator()
  const navigate = useNavigate()
  const [drafts, setDrafts] = useState<Record<number, RowDraft>>({})
  const [stale, setStale] = useState<Record<number, StaleDraft>>({})
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const [result, setResult] = useState<EntryAnswer | undefined>(undefined)
  const [online, setOnline] = useState(true)
  const [sessionEnded, setSessionEnded] = useState(false)
  const draftsRef = useRef(drafts)
  draftsRef.current = drafts
  const pending = useRef<Pending | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const lastPing = useRef(0)
  const leaving = useRef(false)
  const viewOf = useMemo(() => new Map(rows.map((v) => [v.indicatorId, v])), [rows])
  const signature = rows.map((v) => `${v.indicatorId}:${versionOf(v)}:${v.editable ? 1 : 0}`).join(',')

  // The page data changed (first load, a new period, a save): take the copies on this device.
  useEffect(() => {
    const nextStale: Record<number, StaleDraft> = {}
    const fromStorage: Record<number, RowDraft> = {}
    for (const view of rows) {
      if (!view.editable) continue
      const id = view.indicatorId
      const serverV = versionOf(view)
      const server = serverFields(view)
      for (const d of draftsOfRow(scope, period, id)) {
        if (sameFields(d.fields, server))
          removeDraft(d.key) // the server holds exactly this
        else if (d.version === serverV) fromStorage[id] ??= { fields: d.fields, base: serverV, saved: false, at: d.at }
        else nextStale[id] ??= { fields: d.fields, version: d.version, at: d.at, key: d.key }
      }
    }
    setDrafts((prev) => {
      const next: Record<number, RowDraft> = {}
      for (const view of rows) {
        const id = view.indicatorId
        const mem = prev[id]
        if (!view.editable) continue
        if (mem && mem.saved && (mem.base === versionOf(view) || sameFields(mem.fields, serverFields(view)))) continue
        if (mem && !mem.saved) {
          next[id] = mem
          continue
        }
        if (fromStorage[id]) next[id] = fromStorage[id]
      }
      return next
    })
    setStale(nextStale)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature names what matters of `rows`
  }, [scope, period, signature])

  // A new period: what the last one answered does not belong here.
  useEffect(() => setResult(undefined), [period])

  const fieldsOf = useCallback(
    (view: EntryRowView): TypedRow => {
      const d = drafts[view.indicatorId]
      if (d) return d.fields
      const p = posted?.rows[view.indicatorId]
      return p ?? serverFields(view)
    },
    [drafts, posted],
  )

  const baseVersionOf = (view: EntryRowView): string => drafts[view.indicatorId]?.base ?? posted?.versions[view.indicatorId] ?? versionOf(view)

  const keepAlive = useCallback(() => {
    const t = Date.now()
    if (t - lastPing.current < KEEP_ALIVE_EVERY_MS) return
    lastPing.current = t
    fetch('/sesi/aktif', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken }, credentials: 'same-origin' })
      .then((r) => {
        if (r.status === 401) setSessionEnded(true)
      })
      .catch(() => undefined)
  }, [csrfToken])

  const change = useCallback(
    (view: EntryRowView, patch: Partial<TypedRow>) => {
      const id = view.indicatorId
      const cur = draftsRef.current[id]
      const base = cur ? cur.base : (posted?.versions[id] ?? versionOf(view))
      const fields = { ...(cur?.fields ?? posted?.rows[id] ?? serverFields(view)), ...patch }
      const next = { ...draftsRef.current }
      if (base === versionOf(view) && sameFields(fields, serverFields(view))) {
        delete next[id] // typed back to what the server holds
        removeRowDrafts(scope, period, id)
      } else {
        const d: RowDraft = { fields, base, saved: false, at: Date.now() }
        next[id] = d
        writeDraft(draftKey(scope, period, id, base), { fields, version: base, at: d.at })
      }
      draftsRef.current = next
      setDrafts(next)
      keepAlive()
    },
    [scope, period, posted, keepAlive],
  )

  const discard = useCallback(
    (view: EntryRowView) => {
      removeRowDrafts(scope, period, view.indicatorId)
      const next = { ...draftsRef.current }
      delete next[view.indicatorId]
      draftsRef.current = next
      setDrafts(next)
      setStale((s) => {
        const n = { ...s }
        delete n[view.indicatorId]
        return n
      })
    },
    [scope, period],
  )

  /** Takes a stale copy as the row's input, on the server's current version (the user read both). */
  const adoptStale = useCallback(
    (view: EntryRowView) => {
      const s = stale[view.indicatorId]
      if (!s) return
      removeDraft(s.key)
      setStale((all) => {
        const n = { ...all }
        delete n[view.indicatorId]
        return n
      })
      const base = versionOf(view)
      const d: RowDraft = { fields: s.fields, base, saved: false, at: Date.now() }
      writeDraft(draftKey(scope, period, view.indicatorId, base), { fields: s.fields, version: base, at: d.at })
      const next = { ...draftsRef.current, [view.indicatorId]: d }
      draftsRef.current = next
      setDrafts(next)
    },
    [stale, scope, period],
  )

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  /** After the server accepted a save: rows typed on since keep their text, now based on the new version. */
  const accept = useCallback(
    (p: Pending, body: EntryAnswer) => {
      const next = { ...draftsRef.current }
      for (const id of p.covered) {
        const cur = next[id]
        if (!cur) continue
        const newV = body.savedVersions[id] != null ? String(body.savedVersions[id]) : (p.versions[id] ?? cur.base)
        removeRowDrafts(scope, period, id)
        const sent = p.sent[id]
        if (sent && sameFields(cur.fields, sent)) next[id] = { ...cur, base: newV, saved: true }
        else {
          next[id] = { ...cur, base: newV, saved: false }
          writeDraft(draftKey(scope, period, id, newV), { fields: cur.fields, version: newV, at: cur.at })
        }
      }
      draftsRef.current = next
      setDrafts(next)
    },
    [scope, period],
  )

  const send = useCallback(async () => {
    const p = pending.current
    if (!p) return
    clearTimer()
    p.attempt++
    setStatus({ kind: 'sending', intent: p.intent })
    const retryLater = (kind: 'network' | 'unavailable') => {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false
      const delay = RETRY_DELAYS[Math.min(p.attempt - 1, RETRY_DELAYS.length - 1)]!
      if (!offline) timer.current = setTimeout(() => void send(), delay)
      setStatus({ kind, attempt: p.attempt, retryAt: offline ? null : Date.now() + delay })
    }
    let res: Response
    let body: unknown
    try {
      res = await fetch('/realisasi/simpan', {
        method: 'POST',
        body: p.body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
        credentials: 'same-origin',
      })
      if (res.status === 401) {
        pending.current = null
        const back = `/realisasi?tahun=${year}&triwulan=${quarter}`
        setStatus({ kind: 'session', loginUrl: `/login?redirectTo=${encodeURIComponent(back)}` })
        return
      }
      if (res.status >= 500) return retryLater('unavailable')
      if (!(res.headers.get('Content-Type') ?? '').includes('json')) {
        pending.current = null
        setStatus({ kind: 'refused', message: (await res.text()).slice(0, 300) || `Permintaan ditolak (${res.status}).` })
        return
      }
      body = await res.json()
    } catch {
      return retryLater('network') // the answer never came (or broke off): resend the same key
    }
    pending.current = null
    const answer = body as EntryAnswer
    if (answer.ok) accept(p, answer)
    setResult(answer)
    setStatus({ kind: 'idle' })
    if (answer.ok) revalidator.revalidate()
    if (!answer.ok) requestAnimationFrame(() => document.getElementById('entry-errors')?.focus())
  }, [accept, revalidator, year, quarter])

  /** The form's submit with JavaScript: one submission at a time; a click while one waits resends it now. */
  const submit = useCallback(
    (form: HTMLFormElement, submitter: HTMLElement | null) => {
      if (pending.current) {
        void send()
        return
      }
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
        const view = viewOf.get(id)
        if (!view) continue
        sent[id] = fieldsOf(view)
        versions[id] = String(fd.get(`r.${id}.timpa`) ?? fd.get(`r.${id}.version`) ?? '')
      }
      const body = new URLSearchParams()
      for (const [k, v] of fd.entries()) if (typeof v === 'string') body.append(k, v)
      pending.current = { body: body.toString(), key, intent, sent, covered: only ? [Number(only[1])] : ids, versions, attempt: 0 }
      setResult(undefined) // the last answer does not describe this submission
      void send()
    },
    [send, viewOf, fieldsOf],
  )

  // Back online: resend at once. Also shows whether the device is offline.
  useEffect(() => {
    setOnline(navigator.onLine !== false)
    lastPing.current = Date.now() // loading the page was activity
    const on = () => {
      setOnline(true)
      if (pending.current) {
        clearTimer()
        timer.current = setTimeout(() => void send(), 300)
      }
    }
    const off = () => setOnline(false)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
      clearTimer()
    }
  }, [send])

  // An ended session: after a moment, to the login page and back here (the copy stays on this device).
  useEffect(() => {
    if (status.kind !== 'session') return
    const t = setTimeout(() => {
      leaving.current = true
      navigate(status.loginUrl)
    }, 2500)
    return () => clearTimeout(t)
  }, [status, navigate])

  const dirtyIds = Object.entries(drafts)
    .filter(([, d]) => !d.saved)
    .map(([id]) => Number(id))
  const dirty = dirtyIds.length > 0 || pending.current !== null

  // Leaving with unsaved input: the browser asks (reload, closing the tab, another site).
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => {
      if (leaving.current) return
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const retryNow = useCallback(() => void send(), [send])
  const busyIntent = status.kind === 'sending' ? status.intent : null
  const saving = status.kind === 'sending' || revalidator.state !== 'idle'

  return {
    drafts,
    stale,
    status,
    result,
    online,
    sessionEnded,
    dirty,
    dirtyIds,
    leaving,
    busyIntent,
    saving,
    fieldsOf,
    baseVersionOf,
    change,
    discard,
    adoptStale,
    submit,
    retryNow,
  }
}
