// What is typed on the entry page, kept on this device as it is typed (ADR 0014): the drafts in
// memory and in storage, the stale copies shown beside the server's value, and the page data's
// restore. The pure rules live in entry-drafts-core.ts.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EntryRowView } from '../../presenters/entry.server'
import type { EntryAnswer } from '../../services/realisasi/entry-form.server'
import type { TypedRow } from '../../utils/entry-fields'
import { acceptSaved, mergeDrafts, serverFields, sortStored, versionOf, type RowDraft, type SentRows, type StaleDraft } from './entry-drafts-core'
import { draftKey, draftsOfRow, removeDraft, removeRowDrafts, sameFields, writeDraft } from './local-draft'

const without = <T>(all: Record<number, T>, id: number) => {
  const n = { ...all }
  delete n[id]
  return n
}

/** Takes the copies on this device whenever the page data changes (first load, a new period, a save). */
function useRestore(
  scope: string,
  period: string,
  rows: EntryRowView[],
  setDrafts: (f: (prev: Record<number, RowDraft>) => Record<number, RowDraft>) => void,
  setStale: (s: Record<number, StaleDraft>) => void,
) {
  const signature = rows.map((v) => `${v.indicatorId}:${versionOf(v)}:${v.editable ? 1 : 0}`).join(',')
  useEffect(() => {
    const nextStale: Record<number, StaleDraft> = {}
    const fromStorage: Record<number, RowDraft> = {}
    for (const view of rows) {
      if (!view.editable) continue
      const sorted = sortStored(view, draftsOfRow(scope, period, view.indicatorId))
      for (const key of sorted.obsolete) removeDraft(key) // the server holds exactly this
      if (sorted.draft) fromStorage[view.indicatorId] = sorted.draft
      if (sorted.stale) nextStale[view.indicatorId] = sorted.stale
    }
    setDrafts((prev) => mergeDrafts(prev, rows, fromStorage))
    setStale(nextStale)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature names what matters of `rows`
  }, [scope, period, signature])
}

export function useDeviceDrafts(scope: string, period: string, rows: EntryRowView[], posted: EntryAnswer | undefined, onTyping: () => void) {
  const [drafts, setDraftsState] = useState<Record<number, RowDraft>>({})
  const [stale, setStale] = useState<Record<number, StaleDraft>>({})
  const draftsRef = useRef(drafts)
  draftsRef.current = drafts
  const setDrafts = useCallback((next: Record<number, RowDraft>) => {
    draftsRef.current = next
    setDraftsState(next)
  }, [])
  useRestore(scope, period, rows, setDraftsState, setStale)
  const store = useCallback((id: number, d: RowDraft) => writeDraft(draftKey(scope, period, id, d.base), { fields: d.fields, version: d.base, at: d.at }), [scope, period])

  const fieldsOf = useCallback((view: EntryRowView): TypedRow => drafts[view.indicatorId]?.fields ?? posted?.rows[view.indicatorId] ?? serverFields(view), [drafts, posted])
  const baseVersionOf = (view: EntryRowView): string => drafts[view.indicatorId]?.base ?? posted?.versions[view.indicatorId] ?? versionOf(view)

  const change = useCallback(
    (view: EntryRowView, patch: Partial<TypedRow>) => {
      const id = view.indicatorId
      const cur = draftsRef.current[id]
      const base = cur ? cur.base : (posted?.versions[id] ?? versionOf(view))
      const fields = { ...(cur?.fields ?? posted?.rows[id] ?? serverFields(view)), ...patch }
      if (base === versionOf(view) && sameFields(fields, serverFields(view))) {
        removeRowDrafts(scope, period, id) // typed back to what the server holds
        setDrafts(without(draftsRef.current, id))
      } else {
        const d: RowDraft = { fields, base, saved: false, at: Date.now() }
        store(id, d)
        setDrafts({ ...draftsRef.current, [id]: d })
      }
      onTyping()
    },
    [scope, period, posted, onTyping, store, setDrafts],
  )

  const discard = useCallback(
    (view: EntryRowView) => {
      removeRowDrafts(scope, period, view.indicatorId)
      setDrafts(without(draftsRef.current, view.indicatorId))
      setStale((s) => without(s, view.indicatorId))
    },
    [scope, period, setDrafts],
  )

  /** Takes a stale copy as the row's input, on the server's current version (the user read both). */
  const adoptStale = useCallback(
    (view: EntryRowView) => {
      const s = stale[view.indicatorId]
      if (!s) return
      removeDraft(s.key)
      setStale((all) => without(all, view.indicatorId))
      const d: RowDraft = { fields: s.fields, base: versionOf(view), saved: false, at: Date.now() }
      store(view.indicatorId, d)
      setDrafts({ ...draftsRef.current, [view.indicatorId]: d })
    },
    [stale, store, setDrafts],
  )

  /** After the server accepted a save: rows typed on since keep their text, now based on the new version. */
  const accept = useCallback(
    (p: SentRows, savedVersions: Record<string, number>) => {
      const { next, touched, rewrite } = acceptSaved(draftsRef.current, p, savedVersions)
      for (const id of touched) removeRowDrafts(scope, period, id)
      for (const id of rewrite) store(id, next[id]!)
      setDrafts(next)
    },
    [scope, period, store, setDrafts],
  )

  return { drafts, stale, fieldsOf, baseVersionOf, change, discard, adoptStale, accept }
}
