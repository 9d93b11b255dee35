// Adding a Renstra period (e.g. 2027–2031): start and end year, optional name.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { TextField } from './controls'
import { FormMessages } from '../form-result'
import { fieldError, typedValue, type FormResult } from '../../utils/forms'

const KEY = 'periode.tambah'

export function PeriodForm({ action, answer, busy, suggestStart }: { action: string; answer: FormResult | undefined; busy: boolean; suggestStart: number }) {
  const failed = answer?.status === 'error' && answer.intent === KEY
  const val = (f: string, d: string) => typedValue(answer, f, d, KEY)
  return (
    <details className="renstra-details renstra-period-add" open={failed}>
      <summary>+ Tambah periode Renstra</summary>
      <Form method="post" action={action} className="stack renstra-node-form" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="periode.tambah" />
        {failed ? <FormMessages result={answer} intent={KEY} /> : null}
        <div className="renstra-grid">
          <TextField
            idPrefix="periode"
            name="start_year"
            label="Tahun awal"
            required
            inputMode="numeric"
            maxLength={4}
            defaultValue={val('start_year', String(suggestStart))}
            error={fieldError(answer, 'start_year', KEY)}
          />
          <TextField
            idPrefix="periode"
            name="end_year"
            label="Tahun akhir"
            required
            inputMode="numeric"
            maxLength={4}
            defaultValue={val('end_year', String(suggestStart + 4))}
            error={fieldError(answer, 'end_year', KEY)}
          />
        </div>
        <TextField
          idPrefix="periode"
          name="name"
          label="Nama periode (opsional)"
          defaultValue={val('name', '')}
          error={fieldError(answer, 'name', KEY)}
          maxLength={200}
          hint={`Kosong = "Renstra <tahun awal>–<tahun akhir>". Tahunnya tidak boleh bertumpang tindih dengan periode lain.`}
        />
        <div>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {busy ? 'Menambahkan…' : 'Tambah periode'}
          </button>
        </div>
      </Form>
    </details>
  )
}
