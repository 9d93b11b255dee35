// Admin › Organisasi: the "Tambah unit" form (FormResult of ADR 0024: messages beside the fields,
// what was typed kept on a failed answer).
import { Form, Link, useNavigation } from '@remix-run/react'
import { fieldError, typedValue, type FormResult } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FormMessages } from '../form-result'
import { FieldError, TextField, errorProps } from '../admin/form-bits'
import { SaveButton } from '../save-button'

/** The create form's answer: a FormResult, and the new unit's id when it was added. */
export type CreateUnitAnswer = FormResult & { intent: 'create'; createdId: number | null }

export function CreateUnitForm(props: {
  cityLevel: boolean
  parents: { id: number; label: string }[]
  kinds: { value: string; label: string }[]
  created: CreateUnitAnswer | undefined
}) {
  const { cityLevel, parents, kinds, created } = props
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'
  const v = (name: string) => typedValue(created, name, '')
  const e = (name: string) => fieldError(created, name)
  return (
    <section className="card admin-form" aria-labelledby="tambah-unit">
      <h2 id="tambah-unit">Tambah unit</h2>
      {created?.status === 'success' ? (
        <div className="banner banner-ok" role="status">
          {created.message}
          {created.createdId ? (
            <>
              {' '}
              <Link to={`/admin/organisasi/${created.createdId}`}>Lihat unit</Link>
            </>
          ) : null}
        </div>
      ) : (
        <FormMessages result={created} />
      )}
      <Form method="post" className="stack admin-wide" key={created?.status === 'success' ? `ok-${created.createdId}` : 'form'} noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <div className="admin-form-grid">
          <div>
            <label htmlFor="o-parent">Unit induk</label>
            <select id="o-parent" name="parentId" defaultValue={v('parentId')} {...errorProps('o-parent', e('parentId'))}>
              {cityLevel ? <option value="">— Tanpa induk (puncak pohon: kota/kabupaten atau OPD) —</option> : <option value="">— Pilih unit induk —</option>}
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <FieldError id="o-parent" error={e('parentId')} />
          </div>
          <div>
            <label htmlFor="o-kind">Jenis</label>
            <select id="o-kind" name="kind" defaultValue={v('kind')} required {...errorProps('o-kind', e('kind'))}>
              <option value="">— Pilih jenis —</option>
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
            <FieldError id="o-kind" error={e('kind')} />
          </div>
          <TextField id="o-code" name="code" label="Kode" defaultValue={v('code')} error={e('code')} maxLength={40} required hint="Unik dalam satu OPD; misalnya IKP atau SEK-2." />
          <TextField id="o-name" name="name" label="Nama unit" defaultValue={v('name')} error={e('name')} maxLength={255} required />
          <TextField id="o-short" name="shortName" label="Nama singkat (opsional)" defaultValue={v('shortName')} error={e('shortName')} maxLength={100} />
          {cityLevel ? <TextField id="o-city" name="city" label="Kota/kabupaten (untuk OPD, opsional)" defaultValue={v('city')} error={e('city')} maxLength={100} /> : null}
        </div>
        <div className="admin-actions">
          <SaveButton busy={busy}>Tambah unit</SaveButton>
        </div>
      </Form>
    </section>
  )
}
