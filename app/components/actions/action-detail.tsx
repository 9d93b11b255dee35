// The parts of /aksi/:id: the action's facts, the "Laporkan kemajuan" form (ADR 0024: one
// FormResult, messages beside the fields, everything typed kept) and the progress history.
import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { ActionItemView } from '../../presenters/actions.server'
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../../domain/actions'
import { fieldError, typedValue, type FormResult } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FormMessages } from '../form-result'
import { FollowBadge } from './action-table'
import { SaveButton } from '../save-button'

export interface ProgressEntryView {
  id: number
  statusLabel: string
  at: string
  createdByName: string | null
  note: string | null
  evidenceText: string | null
  evidenceLink: string | null
}

/** Status, due date, owner, what the action serves and where it came from. */
export function ActionFacts({ a }: { a: ActionItemView }) {
  return (
    <section className="card">
      <dl className="meta">
        <dt>Status</dt>
        <dd data-testid="aksi-status">
          {a.statusLabel} <FollowBadge follow={a.followThrough} label={a.followLabel} />
        </dd>
        <dt>Tenggat</dt>
        <dd>
          {a.dueText} ({a.dueHint})
        </dd>
        <dt>Penanggung jawab</dt>
        <dd>{a.ownerText}</dd>
        <dt>Melayani</dt>
        <dd>
          {a.cellLabel ?? ''}
          {a.indicators.map((i) => (
            <div key={i.id}>
              <Link to={`/indikator/${i.id}`}>
                {i.code} {i.name}
              </Link>
            </div>
          ))}
        </dd>
        <dt>Asal</dt>
        <dd>
          {a.sourceLabel}, rapat {a.periodLabel}
        </dd>
      </dl>
    </section>
  )
}

/** One labelled field with its message beside it (id `<name>-error`). */
function Field({ r, name, label, htmlFor, children }: { r: FormResult | undefined; name: string; label: string; htmlFor: string; children: ReactNode }) {
  const message = fieldError(r, name)
  return (
    <div>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {message ? (
        <p className="field-error" id={`${name}-error`}>
          {message}
        </p>
      ) : null}
    </div>
  )
}

/** aria attributes of a field that has a message. */
const invalid = (r: FormResult | undefined, name: string) => (fieldError(r, name) ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {})

/** The meeting roles re-plan: due date and owner. */
function ReplanFields({ a, r, people }: { a: ActionItemView; r: FormResult | undefined; people: { id: number; label: string }[] }) {
  return (
    <fieldset>
      <legend>Rencanakan ulang (pimpinan/perencanaan)</legend>
      <Field r={r} name="tenggat" label="Tenggat" htmlFor="aksi-tenggat">
        <input type="date" id="aksi-tenggat" name="tenggat" defaultValue={typedValue(r, 'tenggat', '') || a.dueDate} {...invalid(r, 'tenggat')} />
      </Field>
      <Field r={r} name="pj" label="Penanggung jawab" htmlFor="aksi-pj">
        <select id="aksi-pj" name="pj" defaultValue={typedValue(r, 'pj', '') || String(a.ownerUserId ?? '')} {...invalid(r, 'pj')}>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
    </fieldset>
  )
}

interface ProgressFormProps {
  a: ActionItemView
  r: FormResult | undefined
  manager: boolean
  people: { id: number; label: string }[]
  busy: boolean
}

/** "Laporkan kemajuan": status, note, evidence (and re-planning for the meeting roles). */
export function ProgressForm({ a, r, manager, people, busy }: ProgressFormProps) {
  return (
    <section className="card" aria-labelledby="h-progress-form">
      <h2 id="h-progress-form">Laporkan kemajuan</h2>
      <Form method="post" className="stack" aria-describedby={r?.status === 'error' ? 'progress-error' : undefined}>
        <CsrfInput />
        <input type="hidden" name="version" value={typedValue(r, 'version', String(a.version))} />
        <FormMessages result={r?.status === 'error' ? r : null} id="progress-error" />
        <Field r={r} name="status" label="Status" htmlFor="aksi-status">
          <select id="aksi-status" name="status" defaultValue={typedValue(r, 'status', a.status)} {...invalid(r, 'status')}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field r={r} name="catatan" label="Catatan kemajuan" htmlFor="aksi-catatan">
          <textarea id="aksi-catatan" name="catatan" rows={3} maxLength={4000} defaultValue={typedValue(r, 'catatan', '')} {...invalid(r, 'catatan')} />
        </Field>
        <Field r={r} name="bukti" label="Bukti (uraian: nomor surat, dokumen, foto kegiatan)" htmlFor="aksi-bukti">
          <textarea id="aksi-bukti" name="bukti" rows={2} maxLength={2000} defaultValue={typedValue(r, 'bukti', '')} {...invalid(r, 'bukti')} />
        </Field>
        <Field r={r} name="tautan" label="Tautan bukti (opsional)" htmlFor="aksi-tautan">
          <input type="url" id="aksi-tautan" name="tautan" maxLength={1000} placeholder="https://…" defaultValue={typedValue(r, 'tautan', '')} {...invalid(r, 'tautan')} />
        </Field>
        {manager ? <ReplanFields a={a} r={r} people={people} /> : null}
        <div>
          <SaveButton busy={busy}>Simpan kemajuan</SaveButton>
        </div>
      </Form>
    </section>
  )
}

/** The progress reports, newest first. */
export function ProgressHistory({ history, canReport }: { history: ProgressEntryView[]; canReport: boolean }) {
  return (
    <section className="card" aria-labelledby="h-history">
      <h2 id="h-history">Riwayat kemajuan</h2>
      {history.length === 0 ? (
        <p className="muted">Belum ada laporan kemajuan.{canReport ? ' Laporkan kemajuan pertama lewat formulir di atas.' : ''}</p>
      ) : (
        <ul data-testid="aksi-history">
          {history.map((h) => (
            <li key={h.id}>
              <strong>{h.statusLabel}</strong> · {h.at} · {h.createdByName ?? '–'}
              {h.note ? <div>{h.note}</div> : null}
              {h.evidenceText ? <div className="muted">Bukti: {h.evidenceText}</div> : null}
              {h.evidenceLink ? (
                <div>
                  <a href={h.evidenceLink} rel="noopener noreferrer nofollow" target="_blank">
                    {h.evidenceLink}
                  </a>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
