// Admin › Organisasi: the import of the organisation-and-users workbook — the upload form (the
// shared import form), the preview (units and users in the file) and, once saved, the initial
// passwords shown once.
import { Form, Link } from '@remix-run/react'
import type { Credential, OrgImportPlan } from '../../services/organisation/import-workbook.server'
import type { ImportAnswer } from '../../utils/import-forms'
import { ImportBanner, ImportUploadForm, importView, IssueList } from './preview'
import { ColumnHeads } from '../data-table'

/** The organisation import's answer: the plan, and the initial passwords once saved. */
export type OrgImportAnswer = ImportAnswer<OrgImportPlan, { credentials: Credential[] }>

/** How a problem and a unit kind read (given by the route: they come from the organisation rules). */
export interface OrgWords {
  issueText: (issue: OrgImportPlan['errors'][number]) => string
  kindLabels: Record<string, string>
}

export function OrgImportSection(props: { cityLevel: boolean; opdId: number | null; opds: { id: number; name: string }[]; answer: OrgImportAnswer | undefined; words: OrgWords }) {
  const { cityLevel, opdId, opds, answer, words } = props
  const { plan, done, previewing, fileError } = importView(answer)
  const canSave = previewing && plan && plan.errors.length === 0
  const opdParam = cityLevel && opdId ? `?opd=${opdId}` : ''
  return (
    <section className="card" aria-labelledby="impor-organisasi">
      <h2 id="impor-organisasi">Impor buku kerja organisasi dan pengguna</h2>
      <p className="muted">
        Lembar <strong>Unit</strong> (kode, nama, jenis, kode induk) dan <strong>Pengguna</strong> (nama pengguna, nama lengkap, peran, kode unit). Templat berisi contoh susunan
        Diskominfotiksan Kota Dumai. Tidak ada kolom kata sandi: setiap akun baru mendapat kata sandi awal acak yang ditampilkan <strong>sekali</strong> setelah disimpan. Bila ada
        satu saja kesalahan, tidak ada yang disimpan.
      </p>
      {cityLevel && opds.length ? <OpdPicker opds={opds} opdId={opdId} /> : null}
      <p>
        <a href={`/admin/organisasi/templat${opdParam}`} download>
          Unduh templat organisasi dan pengguna (.xlsx)
        </a>
      </p>
      {opdId == null ? (
        <p className="muted">Impor tersedia setelah ada OPD.</p>
      ) : (
        <ImportUploadForm
          action={`/admin/organisasi${opdParam}`}
          busyPath="/admin/organisasi"
          formKey={done ? `done-${plan?.hash}` : 'upload'}
          fileLabel="Berkas organisasi dan pengguna (.xlsx, paling besar 5 MB)"
          fileError={fileError}
          saveHash={canSave ? plan.hash : null}
          saveLabel={plan ? `Simpan ${plan.counts.unitsNew} unit dan ${plan.counts.users} pengguna` : ''}
          checkingLabel="Memeriksa…"
        >
          <input type="hidden" name="opd" value={opdId} />
        </ImportUploadForm>
      )}
      {answer && plan ? (
        <div className="stack" aria-live="polite">
          <ImportBanner answer={answer} />
          {done ? <Credentials credentials={answer.credentials} /> : null}
          <PlanSummary plan={plan} previewing={previewing} issueText={words.issueText} />
          <UnitsInFile units={plan.units} kindLabels={words.kindLabels} />
          <UsersInFile users={plan.users} />
        </div>
      ) : null}
    </section>
  )
}

function OpdPicker({ opds, opdId }: { opds: { id: number; name: string }[]; opdId: number | null }) {
  return (
    <Form method="get" className="toolbar">
      <label htmlFor="imp-opd">Perangkat daerah tujuan</label>
      <select id="imp-opd" name="opd" defaultValue={String(opdId ?? '')}>
        {opds.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-secondary">
        Pilih
      </button>
    </Form>
  )
}

function PlanSummary({ plan, previewing, issueText }: { plan: OrgImportPlan; previewing: boolean; issueText: OrgWords['issueText'] }) {
  if (plan.errors.length)
    return (
      <IssueList
        kind="error"
        title={
          <>
            <strong>{plan.errors.length} kesalahan</strong> — perbaiki berkas lalu periksa lagi; tidak ada yang disimpan.
          </>
        }
        items={plan.errors.map(issueText)}
      />
    )
  if (!previewing) return null
  return (
    <p>
      Pratinjau untuk <strong>{plan.opd.name}</strong>: {plan.counts.unitsNew} unit baru, {plan.counts.unitsSame} unit sudah ada (dilewati), {plan.counts.users} pengguna baru.
      Periksa daftar di bawah, lalu simpan.
    </p>
  )
}

function Credentials({ credentials }: { credentials: Credential[] }) {
  if (!credentials.length) return null
  return (
    <div className="banner banner-warn" role="note">
      <p>
        <strong>Kata sandi awal — hanya ditampilkan sekali.</strong> Catat atau cetak sekarang, sampaikan kepada masing-masing pengguna secara langsung, dan minta mereka
        menggantinya di halaman Akun. Bila terlewat, atur ulang di <Link to="/admin/pengguna">Pengguna</Link>.
      </p>
      <table>
        <caption className="sr-only">Kata sandi awal pengguna baru</caption>
        <ColumnHeads labels={['Nama pengguna', 'Nama lengkap', 'Kata sandi awal']} />
        <tbody>
          {credentials.map((c) => (
            <tr key={c.username}>
              <td>{c.username}</td>
              <td>{c.fullName}</td>
              <td>
                <code className="admin-token">{c.password}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function UnitsInFile({ units, kindLabels }: { units: OrgImportPlan['units']; kindLabels: OrgWords['kindLabels'] }) {
  if (!units.length) return null
  return (
    <div className="table-wrap">
      <table>
        <caption>Unit dalam berkas</caption>
        <ColumnHeads labels={['Baris', 'Kode', 'Nama', 'Jenis', 'Induk', 'Keterangan']} />
        <tbody>
          {units.map((u) => (
            <tr key={u.row}>
              <td>{u.row}</td>
              <td>
                <code>{u.code}</code>
              </td>
              <td>{u.name}</td>
              <td>{kindLabels[u.kind]}</td>
              <td>{u.parentName}</td>
              <td>{u.status === 'baru' ? 'Baru' : 'Sudah ada (dilewati)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function UsersInFile({ users }: { users: OrgImportPlan['users'] }) {
  if (!users.length) return null
  return (
    <div className="table-wrap">
      <table>
        <caption>Pengguna dalam berkas</caption>
        <ColumnHeads labels={['Baris', 'Nama pengguna', 'Nama lengkap', 'Peran', 'Unit']} />
        <tbody>
          {users.map((u) => (
            <tr key={u.row}>
              <td>{u.row}</td>
              <td>{u.username}</td>
              <td>{u.fullName}</td>
              <td>{u.roleLabel}</td>
              <td>{u.unitName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
