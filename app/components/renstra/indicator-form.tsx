// The indicator form (create and edit): identity, how it is measured, where it belongs, reference
// values, and the annual + optional quarterly targets of every year of the period (the sections are in
// indicator-fieldsets.tsx). A refused save answers with a FormResult (ADR 0024): the inputs show what
// was typed (typedValue), each field its message, the list of problems above the form. The reason field
// appears only when a target of a year with verified realisations is changed (always shown without
// JavaScript, the server decides). What is typed is also kept on this device (use-indicator-draft.ts)
// until the server accepted it.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { useHydrated } from '../use-hydrated'
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { parseDecimalInput } from '../../domain/format'
import { ProblemList } from './controls'
import { fieldError, typedValue } from '../../utils/forms'
import { emptyIndicatorValues, INDICATOR_FIELDS, quarterField, REASON_FIELD, targetField, type IndicatorFormValues } from '../../utils/renstra-fields'
import type { IndicatorFormAnswer } from '../../services/renstra/indicator-form.server'
import { useIndicatorDraft, type IndicatorDraftKey } from './use-indicator-draft'
import { DraftNotice, StaleDraftPanel } from './draft-notice'
import { IdentityFieldset, MeasureFieldset, PlacementFieldset, ReasonFieldset, ReferenceFieldset, TargetsFieldset, type IndicatorFormOptions } from './indicator-fieldsets'
import { SaveButton } from '../save-button'

export type { IndicatorFormOptions } from './indicator-fieldsets'

export interface IndicatorFormProps {
  mode: 'create' | 'edit'
  /** What the inputs show before anything is typed: the stored row (edit) or the defaults (create). */
  values: IndicatorFormValues
  /** The answer of a refused save of this form (what was typed, the messages), if any. */
  answer: IndicatorFormAnswer | null
  years: number[]
  /** The app's time zone (Pengaturan): the time a copy on this device was typed is shown in it. */
  timeZone: string
  options: IndicatorFormOptions
  verifiedYears: number[]
  periodId: number
  version?: number
  busy: boolean
  readOnly?: string | null
  /** Where the copy on this device lives (null: no copy, e.g. a read-only form). */
  draft?: IndicatorDraftKey | null
  /** The page shows a save the server accepted: the copy this tab sent is cleared first. */
  accepted?: boolean
}

function sameTyped(a: string | undefined, b: string | undefined): boolean {
  const x = parseDecimalInput(a ?? '')
  const y = parseDecimalInput(b ?? '')
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) < 1e-9
  return (a ?? '').trim() === (b ?? '').trim()
}

/** What the inputs show: what was typed before a refused save, else the given values. */
export function shownValues(answer: IndicatorFormAnswer | null, values: IndicatorFormValues, years: number[]): IndicatorFormValues {
  const v = emptyIndicatorValues()
  for (const f of INDICATOR_FIELDS) v.fields[f] = typedValue(answer, f, values.fields[f])
  for (const y of years) {
    v.targets[y] = typedValue(answer, targetField(y), values.targets[y] ?? '')
    for (let q = 1; q <= 4; q++) v.quarters[`${y}-${q}`] = typedValue(answer, quarterField(y, q), values.quarters[`${y}-${q}`] ?? '')
  }
  v.reason = typedValue(answer, REASON_FIELD, values.reason)
  return v
}

/** The verified years whose targets differ in the form from the stored ones (recomputed on every input). */
function useChangedVerifiedYears(formRef: RefObject<HTMLFormElement | null>, stored: IndicatorFormValues | null, verifiedYears: number[]) {
  const [changed, setChanged] = useState<number[]>([])
  const recompute = () => {
    const form = formRef.current
    if (!form || !stored || verifiedYears.length === 0) return
    const fd = new FormData(form)
    const now = verifiedYears.filter((y) => {
      if (!sameTyped(String(fd.get(targetField(y)) ?? ''), stored.targets[y])) return true
      for (let q = 1; q <= 4; q++) if (!sameTyped(String(fd.get(quarterField(y, q)) ?? ''), stored.quarters[`${y}-${q}`])) return true
      return false
    })
    setChanged((prev) => (prev.join() === now.join() ? prev : now))
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once after load: typed values kept after a refusal may already differ
  useEffect(recompute, [])
  return { changed, recompute }
}

/** The answer of a refused save above the form; on a conflict, the choice to overwrite the newer version. */
function RefusedSave({ answer }: { answer: IndicatorFormAnswer }) {
  return (
    <>
      <ProblemList result={answer} tone={answer.conflict ? 'warn' : 'error'} />
      {answer.conflict ? (
        <div className="banner banner-warn renstra-conflict">
          <label className="renstra-check">
            <input type="checkbox" name="timpa" value={answer.conflict.currentVersion} /> Saya sudah memeriksa perubahan terbaru itu; simpan isian saya di atasnya (timpa).
          </label>
        </div>
      ) : null}
    </>
  )
}

export function IndicatorForm(p: IndicatorFormProps) {
  const v = shownValues(p.answer, p.values, p.years)
  const e = (name: string) => fieldError(p.answer, name)
  const formRef = useRef<HTMLFormElement>(null)
  const hydrated = useHydrated()
  const [pola, setPola] = useState(v.fields.pola_ukur)
  const stored = p.mode === 'edit' ? p.values : null
  const verified = new Set(p.verifiedYears)
  const { changed: changedVerified, recompute } = useChangedVerifiedYears(formRef, stored, p.verifiedYears)
  const afterApplied = useCallback(() => {
    const el = formRef.current?.elements.namedItem('pola_ukur')
    if (el instanceof HTMLSelectElement) setPola(el.value)
    recompute()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recompute reads the form itself
  }, [])
  const copy = useIndicatorDraft({
    formRef,
    draft: p.readOnly ? null : (p.draft ?? null),
    years: p.years,
    shown: v,
    server: stored ?? v,
    accepted: !!p.accepted,
    onApplied: afterApplied,
  })
  const reasonYears = p.answer?.reasonYears.length ? p.answer.reasonYears : changedVerified
  const showReason = p.mode === 'edit' && verified.size > 0 && (!hydrated || reasonYears.length > 0 || !!e(REASON_FIELD) || v.reason.trim() !== '')
  const section = { v, e, disabled: !!p.readOnly }
  const onEdit = (name?: string, value?: string) => {
    if (name === 'pola_ukur' && value !== undefined) setPola(value)
    recompute()
    copy.onInput()
  }

  return (
    <Form
      method="post"
      ref={formRef}
      className="renstra-form"
      noValidate
      onInput={() => onEdit()}
      onChange={(ev) => onEdit((ev.target as HTMLSelectElement).name, (ev.target as HTMLSelectElement).value)}
      onSubmit={copy.onSubmit}
    >
      <CsrfInput />
      <input type="hidden" name="intent" value="simpan" />
      {p.mode === 'create' ? <input type="hidden" name="period_id" value={p.periodId} /> : null}
      {p.mode === 'edit' ? <input type="hidden" name="version" value={p.version ?? ''} /> : null}
      {p.answer ? <RefusedSave answer={p.answer} /> : null}
      {copy.local ? <DraftNotice onDiscard={copy.discard} /> : null}
      {copy.stale ? <StaleDraftPanel stale={copy.stale} server={stored ?? v} years={p.years} timeZone={p.timeZone} onAdopt={copy.adoptStale} onDiscard={copy.discard} /> : null}
      {p.readOnly ? (
        <div className="banner banner-info" role="note">
          {p.readOnly}
        </div>
      ) : null}
      <IdentityFieldset {...section} />
      <MeasureFieldset {...section} pola={pola} />
      <PlacementFieldset {...section} options={p.options} />
      <ReferenceFieldset {...section} />
      <TargetsFieldset {...section} years={p.years} verified={verified} pola={pola} />
      {showReason ? <ReasonFieldset {...section} reasonYears={reasonYears} /> : null}
      {!p.readOnly ? (
        <div className="toolbar renstra-actions">
          <SaveButton busy={p.busy}>{p.mode === 'create' ? 'Simpan indikator baru' : 'Simpan perubahan'}</SaveButton>
        </div>
      ) : null}
    </Form>
  )
}
