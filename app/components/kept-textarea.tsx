// A free-text box whose text is also kept on this device as it is typed (localStorage, see
// entry/local-draft.ts), for the forms besides the entry page: the return note (verifikasi) and the
// meeting notes. After a reload, a crash or an error page the text comes back, marked "Draf di
// perangkat ini" with a way to discard it; the page clears it once the server accepted it
// (clearKeptDrafts). Without JavaScript it is a plain textarea.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type TextareaHTMLAttributes } from 'react'
import { useRouteLoaderData } from '@remix-run/react'
import { draftKey, draftsOfRow, removeDraft, removeRowDrafts, writeDraft } from './entry/local-draft'
import type { RootData } from '../root'

export interface KeptKey {
  /** What the text belongs to, e.g. `verif` or `catatan:2026-s4`. */
  area: string
  /** The record, e.g. a realisasi id or a cell. */
  record: string | number
  /** The record's version the text was typed on (plus anything else that tells forms apart). */
  version: string
}

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'defaultValue'> & { kept: KeptKey; defaultValue: string }

/** The signed-in user's id as the scope of the copies (none when signed out). */
export function useKeptScope(): string | null {
  const id = (useRouteLoaderData('root') as RootData | undefined)?.user?.id
  return id == null ? null : `u${id}`
}

/** Removes every kept text of one record (call when the server accepted it). */
export function clearKeptDrafts(scope: string | null, area: string, record: string | number) {
  if (scope) removeRowDrafts(scope, area, record)
}

export const KeptTextarea = forwardRef<HTMLTextAreaElement, Props>(function KeptTextarea({ kept, defaultValue, onInput, ...rest }, outer) {
  const scope = useKeptScope()
  const ref = useRef<HTMLTextAreaElement>(null)
  useImperativeHandle(outer, () => ref.current!)
  const [local, setLocal] = useState(false)
  const key = scope ? `${kept.area}|${kept.record}|${kept.version}` : null
  const storageKey = () => (scope ? draftKey(scope, kept.area, kept.record, kept.version) : null)

  useEffect(() => {
    const k = storageKey()
    const el = ref.current
    if (!k || !el || !scope) return
    const stored = draftsOfRow<{ text: string }>(scope, kept.area, kept.record).find((d) => d.key === k)
    if (stored && stored.fields.text !== defaultValue && el.value === defaultValue) {
      el.value = stored.fields.text
      setLocal(true)
      el.closest('details')?.setAttribute('open', '')
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per record and version
  }, [key])

  return (
    <>
      <textarea
        ref={ref}
        defaultValue={defaultValue}
        onInput={(e) => {
          const k = storageKey()
          const text = e.currentTarget.value
          if (k) {
            if (text === defaultValue) removeDraft(k)
            else writeDraft(k, { fields: { text }, version: kept.version, at: Date.now() })
          }
          setLocal(text !== defaultValue)
          onInput?.(e)
        }}
        {...rest}
      />
      {local ? (
        <div className="entry-local">
          <span className="badge entry-local-badge">Draf di perangkat ini</span> <span className="muted">belum tersimpan di server</span>{' '}
          <button
            type="button"
            className="btn-plain"
            onClick={() => {
              const k = storageKey()
              if (k) removeDraft(k)
              if (ref.current) ref.current.value = defaultValue
              setLocal(false)
            }}
          >
            Buang draf
          </button>
        </div>
      ) : null}
    </>
  )
})
