// The copy on this device of what is typed in the indicator form (localStorage, the same store as the
// entry page: app/components/entry/local-draft.ts). Keyed by the user, the OPD, the period, the
// indicator id (or "baru") and the indicator's version:  sakip.draf:<user>:<opd>:renstra-<period>:<id|baru>:v<version>
// A copy on the current version is restored into the form after a reload, an error page or a new
// login, and marked; a copy typed on an older version is shown beside the server's values and only
// applied when the user asks. The copy is removed once the server accepted the form: the tab that
// sent it remembers its key (sessionStorage) and the page of the accepted save clears it.
import { useCallback, useEffect, useState, type RefObject } from 'react'
import { draftKey, draftsOfRow, removeDraft, removeRowDrafts, writeDraft, type StoredDraft } from '../entry/local-draft'
import { emptyIndicatorValues, INDICATOR_FIELDS, quarterField, REASON_FIELD, targetField, type IndicatorFormValues } from '../../utils/renstra-fields'

export interface IndicatorDraftKey {
  /** `<user>:<opd>`: whose copy this is. */
  scope: string
  periodId: number
  /** The indicator id, or "baru" for a new one. */
  row: string
  /** The indicator's version ('' for a new one). */
  version: string
}

const SENT_KEY = 'sakip.renstra.terkirim'
const periodOf = (k: IndicatorDraftKey) => `renstra-${k.periodId}`

/** The names of every field of the form, with where their value lives in IndicatorFormValues. */
function namesOf(years: number[]): { name: string; get: (v: IndicatorFormValues) => string; set: (v: IndicatorFormValues, s: string) => void }[] {
  const out: { name: string; get: (v: IndicatorFormValues) => string; set: (v: IndicatorFormValues, s: string) => void }[] = INDICATOR_FIELDS.map((f) => ({
    name: f,
    get: (v) => v.fields[f],
    set: (v, s) => void (v.fields[f] = s),
  }))
  for (const y of years) {
    out.push({ name: targetField(y), get: (v) => v.targets[y] ?? '', set: (v, s) => void (v.targets[y] = s) })
    for (let q = 1; q <= 4; q++) out.push({ name: quarterField(y, q), get: (v) => v.quarters[`${y}-${q}`] ?? '', set: (v, s) => void (v.quarters[`${y}-${q}`] = s) })
  }
  out.push({ name: REASON_FIELD, get: (v) => v.reason, set: (v, s) => void (v.reason = s) })
  return out
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

function control(form: HTMLFormElement, name: string): Control | null {
  const el = form.elements.namedItem(name)
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? el : null
}

export function readForm(form: HTMLFormElement, years: number[]): IndicatorFormValues {
  const v = emptyIndicatorValues()
  for (const n of namesOf(years)) n.set(v, control(form, n.name)?.value ?? n.get(v))
  return v
}

function applyToForm(form: HTMLFormElement, years: number[], v: IndicatorFormValues): void {
  for (const n of namesOf(years)) {
    const el = control(form, n.name)
    if (el) el.value = n.get(v)
  }
}

export const sameValues = (a: IndicatorFormValues, b: IndicatorFormValues, years: number[]) => namesOf(years).every((n) => n.get(a).trim() === n.get(b).trim())

/** The fields where a stale copy differs from what the server holds now: [name, copy, server]. */
export function differences(copy: IndicatorFormValues, server: IndicatorFormValues, years: number[]): [string, string, string][] {
  return namesOf(years)
    .filter((n) => n.get(copy).trim() !== n.get(server).trim())
    .map((n) => [n.name, n.get(copy), n.get(server)])
}

/** Forgets the copy the last accepted save of this tab sent (call on the page that shows the accepted save). */
export function clearSentDraft(): void {
  try {
    const sent = window.sessionStorage.getItem(SENT_KEY)
    if (!sent) return
    const k = JSON.parse(sent) as IndicatorDraftKey
    removeRowDrafts(k.scope, periodOf(k), k.row)
    window.sessionStorage.removeItem(SENT_KEY)
  } catch {
    /* no storage: nothing to clear */
  }
}

interface Options {
  formRef: RefObject<HTMLFormElement | null>
  draft: IndicatorDraftKey | null
  years: number[]
  /** What the form shows before anything is typed (the stored row, or what a refused post sent back). */
  shown: IndicatorFormValues
  /** The server's stored values (for a stale copy's comparison). */
  server: IndicatorFormValues
  /** The page shows a save the server accepted (its copy is cleared before anything is read). */
  accepted: boolean
  /** Called after values were put into the form (so dependent state follows). */
  onApplied: () => void
}

export function useIndicatorDraft({ formRef, draft, years, shown, server, accepted, onApplied }: Options) {
  const [local, setLocal] = useState(false)
  const [stale, setStale] = useState<(StoredDraft<IndicatorFormValues> & { key: string }) | null>(null)
  const id = draft ? `${draft.scope}|${draft.periodId}|${draft.row}|${draft.version}` : ''

  // On load: restore a copy of the current version; keep an older one aside.
  useEffect(() => {
    if (accepted) clearSentDraft()
    const form = formRef.current
    if (!draft || !form) return
    let restored = false
    let older: (StoredDraft<IndicatorFormValues> & { key: string }) | null = null
    for (const d of draftsOfRow<IndicatorFormValues>(draft.scope, periodOf(draft), draft.row)) {
      if (sameValues(d.fields, server, years))
        removeDraft(d.key) // the server holds exactly this
      else if (d.version === draft.version && !restored) {
        if (!sameValues(d.fields, shown, years)) applyToForm(form, years, d.fields)
        restored = true
      } else if (d.version !== draft.version) older ??= d
    }
    setLocal(restored)
    setStale(restored ? null : older)
    if (restored) onApplied()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `id` names the copy; the rest is read once
  }, [id])

  /** Every input: keep a copy of the form as it is now (none when it equals what the server holds). */
  const onInput = useCallback(() => {
    const form = formRef.current
    if (!draft || !form) return
    const v = readForm(form, years)
    const key = draftKey(draft.scope, periodOf(draft), draft.row, draft.version)
    if (sameValues(v, server, years) && sameValues(v, shown, years)) {
      removeDraft(key)
      setLocal(false)
      return
    }
    writeDraft(key, { fields: v, version: draft.version, at: Date.now() })
    setLocal(true)
  }, [formRef, draft, years, server, shown])

  /** The form is being sent: remember which copy, so the page of the accepted save clears it. */
  const onSubmit = useCallback(() => {
    if (!draft) return
    try {
      window.sessionStorage.setItem(SENT_KEY, JSON.stringify(draft))
    } catch {
      /* no storage */
    }
  }, [draft])

  const discard = useCallback(() => {
    const form = formRef.current
    if (!draft) return
    removeRowDrafts(draft.scope, periodOf(draft), draft.row)
    if (form && local) applyToForm(form, years, shown)
    setLocal(false)
    setStale(null)
    onApplied()
  }, [formRef, draft, years, local, shown, onApplied])

  /** Takes the older copy into the form, now on the current version (the user compared both). */
  const adoptStale = useCallback(() => {
    const form = formRef.current
    if (!draft || !form || !stale) return
    removeDraft(stale.key)
    applyToForm(form, years, stale.fields)
    writeDraft(draftKey(draft.scope, periodOf(draft), draft.row, draft.version), { fields: stale.fields, version: draft.version, at: Date.now() })
    setStale(null)
    setLocal(true)
    onApplied()
  }, [formRef, draft, years, stale, onApplied])

  return { local, stale, onInput, onSubmit, discard, adoptStale }
}
