// Adding a Renstra period (e.g. 2027–2031): start and end year, optional name.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { ProblemList, TextField } from './controls'
import type { KelolaAnswer } from './tree'

export function PeriodForm({ action, answer, busy, suggestStart }: { action: string; answer: KelolaAnswer | null; busy: boolean; suggestStart: number }) {
  const failed = answer?.formKey === 'periode:baru' && !answer.ok ? answer : null
  const val = (f: string, d: string) => failed?.values?.[f] ?? d
  return (
    <details className="renstra-details renstra-period-add" open={!!failed}>
      <summary>+ Tambah periode Renstra</summary>
      <Form method="post" action={action} className="stack renstra-node-form" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="periode.tambah" />
        <input type="hidden" name="form_key" value="periode:baru" />
        {failed ? <ProblemList message={failed.message} problems={failed.problems} idPrefix="periode" /> : null}
        <div className="renstra-grid">
          <TextField
            idPrefix="periode"
            name="start_year"
            label="Tahun awal"
            required
            inputMode="numeric"
            maxLength={4}
            defaultValue={val('start_year', String(suggestStart))}
            error={failed?.errors.start_year}
          />
          <TextField
            idPrefix="periode"
            name="end_year"
            label="Tahun akhir"
            required
            inputMode="numeric"
            maxLength={4}
            defaultValue={val('end_year', String(suggestStart + 4))}
            error={failed?.errors.end_year}
          />
        </div>
        <TextField
          idPrefix="periode"
          name="name"
          label="Nama periode (opsional)"
          defaultValue={val('name', '')}
          error={failed?.errors.name}
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
