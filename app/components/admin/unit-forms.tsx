// The forms of /admin/organisasi/:id (rename, move, deactivate/activate), each showing only its
// own answer, messages beside the fields and what was typed after a failed answer (ADR 0024).
import { Form, Link, useNavigation } from '@remix-run/react'
import type { FormResult } from '../../utils/forms'
import { fieldError, typedValue } from '../../utils/forms'
import { CsrfInput } from '../csrf'
import { FieldMessage, FormMessages } from '../form-result'
import { errorProps, TextField } from './form-bits'
import { SaveButton } from '../save-button'

type Answer = FormResult | undefined

function useBusyIntent(): string | null {
  const navigation = useNavigation()
  return navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
}

interface UnitView {
  code: string
  name: string
  shortName: string | null
  city: string | null
  kind: string
  kindLabel: string
  parentId: number | null
}

export function RenameUnitForm({ result, unit: u }: { result: Answer; unit: UnitView }) {
  const busy = useBusyIntent() === 'rename'
  const err = (name: string) => fieldError(result, name, 'rename')
  const typed = (name: string, fallback: string) => typedValue(result, name, fallback, 'rename')
  return (
    <section className="card admin-form" aria-labelledby="h-ubah">
      <h2 id="h-ubah">Ubah nama dan kode</h2>
      <FormMessages result={result} intent="rename" />
      <Form method="post" className="stack" noValidate key={result?.intent === 'rename' && result.status === 'success' ? `ok-${u.code}-${u.name}` : 'rename'}>
        <CsrfInput />
        <input type="hidden" name="intent" value="rename" />
        <div className="admin-form-grid">
          <TextField id="r-code" name="code" label="Kode" defaultValue={typed('code', u.code)} error={err('code')} maxLength={40} required hint="Unik dalam satu OPD." />
          <TextField id="r-name" name="name" label="Nama unit" defaultValue={typed('name', u.name)} error={err('name')} maxLength={255} required />
          <TextField id="r-short" name="shortName" label="Nama singkat (opsional)" defaultValue={typed('shortName', u.shortName ?? '')} error={err('shortName')} maxLength={100} />
          {u.kind === 'opd' || u.kind === 'kota' ? (
            <TextField id="r-city" name="city" label="Kota/kabupaten" defaultValue={typed('city', u.city ?? '')} error={err('city')} maxLength={100} />
          ) : null}
        </div>
        <div className="admin-actions">
          <SaveButton busy={busy}>Simpan</SaveButton>
        </div>
      </Form>
    </section>
  )
}

export function MoveUnitForm({ result, unit: u, parents, canBeTop }: { result: Answer; unit: UnitView; parents: { id: number; label: string }[]; canBeTop: boolean }) {
  const busy = useBusyIntent() === 'move'
  const error = fieldError(result, 'parentId', 'move')
  return (
    <section className="card admin-form" aria-labelledby="h-pindah">
      <h2 id="h-pindah">Pindahkan</h2>
      <FormMessages result={result} intent="move" />
      {parents.length === 0 && !canBeTop ? (
        <p className="muted">
          Tidak ada induk lain yang cocok untuk {u.kindLabel.toLowerCase()} ini. Tambahkan induk baru di <Link to="/admin/organisasi#tambah-unit">Tambah unit</Link>.
        </p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="move" />
          <div>
            <label htmlFor="m-parent">Induk baru</label>
            <select id="m-parent" name="parentId" defaultValue={typedValue(result, 'parentId', String(u.parentId ?? ''), 'move')} {...errorProps('m-parent', error)}>
              {canBeTop ? <option value="">— Puncak pohon —</option> : null}
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <FieldMessage result={result} name="parentId" intent="move" id="m-parent-error" />
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busy}>
              {busy ? 'Memindahkan…' : 'Pindahkan'}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

export function UnitStatusForm(props: { result: Answer; active: boolean; activeChildren: string[]; users: string[]; indicators: string[] }) {
  const { result, active } = props
  const busy = useBusyIntent()
  const blockers = [
    props.activeChildren.length ? `${props.activeChildren.length} unit aktif di bawahnya` : null,
    props.users.length ? `${props.users.length} pengguna aktif` : null,
    props.indicators.length ? `${props.indicators.length} indikator Renstra yang berjalan` : null,
  ].filter(Boolean)
  return (
    <section className="card admin-form" aria-labelledby="h-status">
      <h2 id="h-status">{active ? 'Nonaktifkan' : 'Aktifkan kembali'}</h2>
      <FormMessages result={result} intent="deactivate" />
      <FormMessages result={result} intent="activate" />
      {active ? (
        <>
          <p className="muted">Unit nonaktif tidak dapat dipilih untuk pengguna atau unit baru; riwayat indikator dan realisasinya tetap tersimpan dan tampil di laporan.</p>
          {blockers.length ? (
            <p>
              Belum dapat dinonaktifkan: masih ada {blockers.join(', ')}. Pindahkan pengguna di <Link to="/admin/pengguna">Pengguna</Link>
              {props.indicators.length ? (
                <>
                  , alihkan indikator di <Link to="/renstra/kelola">Kelola Renstra</Link>
                </>
              ) : null}
              , dan nonaktifkan atau pindahkan unit di bawahnya terlebih dahulu.
            </p>
          ) : null}
        </>
      ) : null}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value={active ? 'deactivate' : 'activate'} />
        <button type="submit" className={active ? 'btn btn-danger' : 'btn'} disabled={busy === 'deactivate' || busy === 'activate'}>
          {active ? 'Nonaktifkan unit' : 'Aktifkan kembali'}
        </button>
      </Form>
    </section>
  )
}
