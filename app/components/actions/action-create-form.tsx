// The parts of /aksi/baru: where the actions come from, the cell and indicators of a direct
// action, and one row per action (ADR 0024: messages beside the fields, everything typed kept).
import { Form, Link } from '@remix-run/react'
import type { ActionFormView } from '../../presenters/action-form.server'
import { fieldError, typedValue, type FormResult } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FormMessages } from '../form-result'
import { SaveButton } from '../save-button'

type Source = ActionFormView['source']
type Row = ActionFormView['rows'][number]
type Option = { id: number; label: string }

/** One line on where the new actions come from. */
export function SourceIntro({ s }: { s: Source }) {
  return (
    <p className="page-sub">
      {s.kind === 'catatan' ? (
        <>
          Dari rekomendasi catatan rapat <strong>{s.cellLabel}</strong>, {s.periodLabel}. Setiap rekomendasi menjadi satu rencana aksi.
        </>
      ) : s.kind === 'tindak_lanjut' ? (
        <>
          Dari tindak lanjut indikator{' '}
          <strong>
            {s.code} {s.name}
          </strong>{' '}
          ({s.cellLabel}), {s.periodLabel}.
        </>
      ) : (
        <>Rencana aksi langsung, dicatat untuk rapat {s.periodLabel}.</>
      )}
    </p>
  )
}

/** A note with no rekomendasi left to turn into actions. */
export function NothingToCreate({ s, empty }: { s: Extract<Source, { kind: 'catatan' }>; empty: boolean }) {
  return empty ? (
    <div className="empty">
      <p>Catatan rapat ini belum berisi rekomendasi.</p>
      <p>
        Tulis rekomendasi pada <Link to={s.backTo}>catatan rapat sel ini</Link> (satu rekomendasi per baris), lalu kembali ke sini.
      </p>
    </div>
  ) : (
    <div className="empty">
      <p>Semua rekomendasi catatan ini sudah menjadi rencana aksi.</p>
      <p>
        Lihat di <Link to={`${s.backTo}#aksi`}>halaman sel</Link> atau di <Link to="/aksi">daftar rencana aksi</Link>.
      </p>
    </div>
  )
}

/** A direct action: the cell and/or the indicators it serves. */
function DirectTarget({ a, cells, indicators }: { a: FormResult | undefined; cells: { value: string; label: string }[]; indicators: Option[] }) {
  const chosen = typedValue(a, 'indikator', '').split('\n').filter(Boolean)
  return (
    <fieldset>
      <legend>Yang dilayani</legend>
      <label htmlFor="aksi-sel">Sel (aspek × strategi)</label>
      <select id="aksi-sel" name="sel" defaultValue={typedValue(a, 'sel', '')}>
        <option value="">— tanpa sel (pilih indikator) —</option>
        {cells.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <label htmlFor="aksi-indikator">Indikator (boleh lebih dari satu)</label>
      <select id="aksi-indikator" name="indikator" multiple size={6} defaultValue={chosen}>
        {indicators.map((i) => (
          <option key={i.id} value={i.id}>
            {i.label}
          </option>
        ))}
      </select>
    </fieldset>
  )
}

/** aria attributes of a field that has a message. */
const invalid = (a: FormResult | undefined, name: string) => (fieldError(a, name) ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {})

function Message({ a, name }: { a: FormResult | undefined; name: string }) {
  const m = fieldError(a, name)
  return m ? (
    <p className="field-error" id={`${name}-error`}>
      {m}
    </p>
  ) : null
}

/** The editable fields of one row: use it (from a note), title, owner, due date. */
function RowFields({ a, i, r, kind, people }: { a: FormResult | undefined; i: number; r: Row; kind: Source['kind']; people: Option[] }) {
  const use = a?.status === 'error' ? a.values[`pakai_${i}`] === 'ya' : true
  return (
    <>
      {kind === 'catatan' ? (
        <label>
          <input type="checkbox" name={`pakai_${i}`} value="ya" defaultChecked={use} /> Jadikan rencana aksi
        </label>
      ) : (
        <input type="hidden" name={`pakai_${i}`} value="ya" />
      )}
      <div>
        <label htmlFor={`judul_${i}`}>Judul rencana aksi</label>
        <textarea id={`judul_${i}`} name={`judul_${i}`} rows={2} maxLength={500} defaultValue={typedValue(a, `judul_${i}`, r.title)} {...invalid(a, `judul_${i}`)} />
        <Message a={a} name={`judul_${i}`} />
      </div>
      <div>
        <label htmlFor={`pj_${i}`}>Penanggung jawab</label>
        <select id={`pj_${i}`} name={`pj_${i}`} defaultValue={typedValue(a, `pj_${i}`, r.ownerUserId)} {...invalid(a, `pj_${i}`)}>
          <option value="">— pilih —</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <Message a={a} name={`pj_${i}`} />
      </div>
      <div>
        <label htmlFor={`tenggat_${i}`}>Tenggat</label>
        <input type="date" id={`tenggat_${i}`} name={`tenggat_${i}`} defaultValue={typedValue(a, `tenggat_${i}`, r.dueDate)} {...invalid(a, `tenggat_${i}`)} />
        <Message a={a} name={`tenggat_${i}`} />
      </div>
    </>
  )
}

/** The form: one fieldset per row (a row already turned into an action links to it). */
export function CreateActionsForm({ v, a, busy }: { v: ActionFormView; a: FormResult | undefined; busy: boolean }) {
  const s = v.source
  const failed = a?.status === 'error'
  return (
    <Form method="post" className="stack action-rows" aria-describedby={failed ? 'aksi-form-error' : undefined}>
      <CsrfInput />
      <input type="hidden" name="jumlah" value={v.rows.length} />
      <FormMessages result={failed ? a : null} id="aksi-form-error" />
      {s.kind === 'langsung' ? <DirectTarget a={a} cells={v.cells} indicators={v.indicators} /> : null}
      {v.rows.map((r, i) => (
        <fieldset key={i} data-testid={`aksi-row-${i}`}>
          <legend>{s.kind === 'catatan' ? `Rekomendasi ${i + 1}` : 'Rencana aksi'}</legend>
          <input type="hidden" name={`indeks_${i}`} value={r.index ?? ''} />
          {r.doneActionId != null ? (
            <p className="muted">
              “{r.title}” sudah menjadi <Link to={`/aksi/${r.doneActionId}`}>rencana aksi</Link>.
            </p>
          ) : (
            <RowFields a={a} i={i} r={r} kind={s.kind} people={v.people} />
          )}
        </fieldset>
      ))}
      <div>
        <SaveButton busy={busy}>{s.kind === 'catatan' ? `Buat rencana aksi dari rekomendasi` : 'Buat rencana aksi'}</SaveButton> <Link to={s.backTo}>Batal</Link>
      </div>
    </Form>
  )
}
