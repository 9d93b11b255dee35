import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { forbidden, isSameOrigin, requireAction, requireUser } from '../services/auth.server'
import { listAllUnits, listOpd, resolveOpdId } from '../models/organisation.server'
import { createUnit, createUnitInputOf, type CreateUnitInput } from '../services/organisation/create-unit.server'
import { Refusal, type UnitFieldErrors } from '../services/organisation/common.server'
import { byId, CHILD_KINDS, flattenTree, opdIdOf, UNIT_KIND_LABELS, UNIT_KINDS, isCityKind } from '../services/organisation/rules'
import { commitOrganisationImport, previewOrganisationImport, type Credential, type OrgImportPlan } from '../services/organisation/import-workbook.server'
import { orgIssueText } from '../services/organisation/issue-text'
import { fileOf, readUploadForm } from '../services/excel/upload.server'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { FieldError, TextField, errorProps } from '../components/admin/form-bits'
import { AdminSubnav } from '../components/admin/subnav'
import styles from '../styles/admin.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]
export const meta: MetaFunction = () => [{ title: 'Organisasi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request, { permission: 'users:manage' })
  const db = getDb()
  const rows = await listAllUnits(db)
  const index = byId(rows)
  const cityLevel = me.opdId == null
  const requested = Number(new URL(request.url).searchParams.get('opd')) || null
  const opdId = await resolveOpdId(db, me.opdId, requested)
  const inScope = cityLevel ? rows : rows.filter((r) => opdIdOf(index, r.id) === me.opdId)
  const roots = cityLevel ? rows.filter((r) => r.parent_id == null || !index.has(r.parent_id)) : rows.filter((r) => r.id === me.opdId)
  const tree = flattenTree(inScope, roots).map(({ unit, depth }) => ({
    id: unit.id,
    depth,
    code: unit.code,
    name: unit.name,
    shortName: unit.short_name,
    kind: unit.kind,
    kindLabel: UNIT_KIND_LABELS[unit.kind],
    active: unit.active === 1,
  }))
  const parents = flattenTree(inScope, roots)
    .filter(({ unit }) => unit.active === 1 && CHILD_KINDS[unit.kind].length > 0 && (cityLevel || !isCityKind(unit.kind) || unit.id === me.opdId))
    .map(({ unit, depth }) => ({ id: unit.id, label: `${'— '.repeat(depth)}${unit.name} (${unit.code})` }))
  const kinds = UNIT_KINDS.filter((k) => cityLevel || !isCityKind(k)).map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))
  const opds = cityLevel ? (await listOpd(db)).map((o) => ({ id: o.id, name: o.short_name ?? o.name })) : []
  return { cityLevel, opdId, opds, tree, parents, kinds, unitCount: inScope.filter((r) => r.kind !== 'opd' && r.kind !== 'kota').length }
}

type ActionData =
  | { intent: 'create'; ok: boolean; message: string; fieldErrors: UnitFieldErrors; values: CreateUnitInput | null; createdId: number | null }
  | { intent: 'import'; stage: 'error'; message: string }
  | { intent: 'import'; stage: 'preview'; message: string | null; plan: OrgImportPlan }
  | { intent: 'import'; stage: 'done'; message: string; plan: OrgImportPlan; credentials: Credential[] }

export async function action({ request, context }: ActionFunctionArgs) {
  // Origin, session and permission before the body is read; the size cap while it is read (413).
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  await requireUser(request, { permission: 'users:manage' })
  const form = await readUploadForm(request)
  const { user } = await requireAction(request, { permission: 'users:manage', form })
  const db = getDb()
  const requestId = context?.requestId ?? null
  const intent = form.get('intent')
  if (intent === 'create') {
    const input = createUnitInputOf(form)
    const r = await createUnit(db, user, input, requestId)
    if (!r.ok) return data<ActionData>({ intent: 'create', ok: false, message: r.message, fieldErrors: r.fieldErrors, values: input, createdId: null }, { status: r.status })
    return data<ActionData>({ intent: 'create', ok: true, message: r.message, fieldErrors: {}, values: null, createdId: r.value.id })
  }
  if (intent === 'periksa' || intent === 'simpan') {
    const requested = Number(form.get('opd')) || null
    if (user.opdId != null && requested != null && requested !== user.opdId) forbidden('Anda hanya dapat mengimpor ke OPD Anda sendiri.')
    const opdId = await resolveOpdId(db, user.opdId, requested)
    if (opdId == null)
      return data<ActionData>(
        { intent: 'import', stage: 'error', message: 'Belum ada OPD. Tambahkan OPD terlebih dahulu (formulir "Tambah unit" dengan jenis OPD) atau jalankan npm run setup.' },
        { status: 400 },
      )
    const file = await fileOf(form, 'berkas')
    if (!file) return data<ActionData>({ intent: 'import', stage: 'error', message: 'Pilih berkas .xlsx organisasi dan pengguna terlebih dahulu.' }, { status: 400 })
    try {
      if (intent === 'simpan') {
        const r = await commitOrganisationImport(db, user, opdId, file.bytes, file.name, String(form.get('rencana') ?? ''), requestId)
        if (r.ok) return data<ActionData>({ intent: 'import', stage: 'done', message: r.message, plan: r.plan, credentials: r.credentials })
        if (!r.plan) return data<ActionData>({ intent: 'import', stage: 'error', message: r.message }, { status: r.status })
        return data<ActionData>({ intent: 'import', stage: 'preview', message: r.message, plan: r.plan }, { status: r.status })
      }
      const plan = await previewOrganisationImport(db, user, opdId, file.bytes, file.name)
      return data<ActionData>({ intent: 'import', stage: 'preview', message: null, plan }, { status: plan.errors.length ? 400 : 200 })
    } catch (e) {
      if (e instanceof Refusal) return data<ActionData>({ intent: 'import', stage: 'error', message: e.message }, { status: e.status })
      throw e
    }
  }
  return data<ActionData>({ intent: 'create', ok: false, message: 'Tindakan tidak dikenal.', fieldErrors: {}, values: null, createdId: null }, { status: 400 })
}

export default function OrganisasiPage() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const created = result?.intent === 'create' ? result : null
  const errors = created && !created.ok ? created.fieldErrors : {}
  const values = created && !created.ok ? created.values : null
  const imported = result?.intent === 'import' ? result : null
  const plan = imported && imported.stage !== 'error' ? imported.plan : null
  const canSave = imported?.stage === 'preview' && plan && plan.errors.length === 0
  const opdParam = d.cityLevel && d.opdId ? `?opd=${d.opdId}` : ''

  return (
    <div>
      <h1>Organisasi</h1>
      <AdminSubnav />
      <p className="muted">
        Susunan unit: {d.cityLevel ? 'pemerintah kota/kabupaten → ' : ''}OPD → sekretariat, bidang, UPT → subbagian, seksi. Unit yang sudah punya riwayat tidak dihapus, hanya
        dinonaktifkan. Setiap perubahan tercatat di <Link to="/audit">jejak audit</Link>. Akun pengguna dikelola di <Link to="/admin/pengguna">Pengguna</Link>.
      </p>

      <section className="card" aria-labelledby="h-pohon">
        <h2 id="h-pohon">Pohon organisasi</h2>
        {d.tree.length === 0 ? (
          <div className="empty">
            <p>
              <strong>Belum ada OPD.</strong> Tambahkan OPD pertama dengan formulir <a href="#tambah-unit">Tambah unit</a> di bawah (jenis: OPD), atau jalankan{' '}
              <code>npm run setup</code> di server.
            </p>
          </div>
        ) : (
          <>
            {d.unitCount === 0 ? (
              <div className="banner banner-warn" role="note">
                Belum ada unit di bawah OPD. Tambahkan sekretariat dan bidang lewat <a href="#tambah-unit">Tambah unit</a>, atau{' '}
                <a href="#impor-organisasi">impor buku kerja organisasi</a>.
              </div>
            ) : null}
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Unit organisasi, tersusun menurut induknya</caption>
                <thead>
                  <tr>
                    <th scope="col">Nama unit</th>
                    <th scope="col">Kode</th>
                    <th scope="col">Jenis</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="sr-only">Tindakan</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.tree.map((u) => (
                    <tr key={u.id} className={u.active ? undefined : 'admin-inactive'}>
                      <td>
                        <span style={{ paddingLeft: `${u.depth * 1.5}rem` }}>{u.name}</span>
                      </td>
                      <td>
                        <code>{u.code}</code>
                      </td>
                      <td>{u.kindLabel}</td>
                      <td>{u.active ? <span className="badge admin-badge-on">Aktif</span> : <span className="badge admin-badge-off">Nonaktif</span>}</td>
                      <td>
                        <Link to={`/admin/organisasi/${u.id}`} aria-label={`Kelola ${u.name}`}>
                          Kelola
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card admin-form" aria-labelledby="tambah-unit">
        <h2 id="tambah-unit">Tambah unit</h2>
        {created ? (
          <div className={`banner ${created.ok ? 'banner-ok' : 'banner-error'}`} role={created.ok ? 'status' : 'alert'}>
            {created.message}
            {created.ok && created.createdId ? (
              <>
                {' '}
                <Link to={`/admin/organisasi/${created.createdId}`}>Lihat unit</Link>
              </>
            ) : null}
          </div>
        ) : null}
        <Form method="post" className="stack admin-wide" key={created?.ok ? `ok-${created.createdId}` : 'form'} noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <div className="admin-form-grid">
            <div>
              <label htmlFor="o-parent">Unit induk</label>
              <select id="o-parent" name="parentId" defaultValue={values?.parentId ?? ''} {...errorProps('o-parent', errors.parentId)}>
                {d.cityLevel ? <option value="">— Tanpa induk (puncak pohon: kota/kabupaten atau OPD) —</option> : <option value="">— Pilih unit induk —</option>}
                {d.parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
              <FieldError id="o-parent" error={errors.parentId} />
            </div>
            <div>
              <label htmlFor="o-kind">Jenis</label>
              <select id="o-kind" name="kind" defaultValue={values?.kind ?? ''} required {...errorProps('o-kind', errors.kind)}>
                <option value="">— Pilih jenis —</option>
                {d.kinds.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
              <FieldError id="o-kind" error={errors.kind} />
            </div>
            <TextField
              id="o-code"
              name="code"
              label="Kode"
              defaultValue={values?.code}
              error={errors.code}
              maxLength={40}
              required
              hint="Unik dalam satu OPD; misalnya IKP atau SEK-2."
            />
            <TextField id="o-name" name="name" label="Nama unit" defaultValue={values?.name} error={errors.name} maxLength={255} required />
            <TextField id="o-short" name="shortName" label="Nama singkat (opsional)" defaultValue={values?.shortName} error={errors.shortName} maxLength={100} />
            {d.cityLevel ? (
              <TextField id="o-city" name="city" label="Kota/kabupaten (untuk OPD, opsional)" defaultValue={values?.city} error={errors.city} maxLength={100} />
            ) : null}
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busyIntent === 'create'}>
              {busyIntent === 'create' ? 'Menyimpan…' : 'Tambah unit'}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="impor-organisasi">
        <h2 id="impor-organisasi">Impor buku kerja organisasi dan pengguna</h2>
        <p className="muted">
          Lembar <strong>Unit</strong> (kode, nama, jenis, kode induk) dan <strong>Pengguna</strong> (nama pengguna, nama lengkap, peran, kode unit). Templat berisi contoh susunan
          Diskominfotiksan Kota Dumai. Tidak ada kolom kata sandi: setiap akun baru mendapat kata sandi awal acak yang ditampilkan <strong>sekali</strong> setelah disimpan. Bila
          ada satu saja kesalahan, tidak ada yang disimpan.
        </p>
        {d.cityLevel && d.opds.length ? (
          <Form method="get" className="toolbar">
            <label htmlFor="imp-opd">Perangkat daerah tujuan</label>
            <select id="imp-opd" name="opd" defaultValue={String(d.opdId ?? '')}>
              {d.opds.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn-secondary">
              Pilih
            </button>
          </Form>
        ) : null}
        <p>
          <a href={`/admin/organisasi/templat${opdParam}`} download>
            Unduh templat organisasi dan pengguna (.xlsx)
          </a>
        </p>
        {d.opdId == null ? (
          <p className="muted">Impor tersedia setelah ada OPD.</p>
        ) : (
          <Form
            method="post"
            action={`/admin/organisasi${opdParam}`}
            encType="multipart/form-data"
            className="stack"
            key={imported?.stage === 'done' ? `done-${plan?.hash}` : 'upload'}
          >
            <CsrfInput />
            <input type="hidden" name="opd" value={d.opdId} />
            <div>
              <label htmlFor="berkas">Berkas organisasi dan pengguna (.xlsx, paling besar 5 MB)</label>
              <input
                id="berkas"
                name="berkas"
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                required
                {...errorProps('berkas', imported?.stage === 'error' ? imported.message : undefined)}
              />
              <FieldError id="berkas" error={imported?.stage === 'error' ? imported.message : undefined} />
            </div>
            {canSave ? <input type="hidden" name="rencana" value={plan!.hash} /> : null}
            <div className="toolbar">
              <button type="submit" name="intent" value="periksa" className={canSave ? 'btn btn-secondary' : 'btn'} disabled={busyIntent === 'periksa'}>
                {busyIntent === 'periksa' ? 'Memeriksa…' : 'Periksa berkas (pratinjau)'}
              </button>
              {canSave ? (
                <button type="submit" name="intent" value="simpan" className="btn" disabled={busyIntent === 'simpan'}>
                  {busyIntent === 'simpan' ? 'Menyimpan…' : `Simpan ${plan!.counts.unitsNew} unit dan ${plan!.counts.users} pengguna`}
                </button>
              ) : null}
            </div>
          </Form>
        )}
        {imported && imported.stage !== 'error' ? <ImportResult result={imported} /> : null}
      </section>
    </div>
  )
}

function ImportResult({ result }: { result: Extract<ActionData, { intent: 'import'; stage: 'preview' | 'done' }> }) {
  const { plan } = result
  return (
    <div className="stack" aria-live="polite">
      {result.message ? (
        <div className={`banner ${result.stage === 'done' ? 'banner-ok' : 'banner-error'}`} role={result.stage === 'done' ? 'status' : 'alert'}>
          {result.message}
        </div>
      ) : null}
      {result.stage === 'done' && result.credentials.length ? (
        <div className="banner banner-warn" role="note">
          <p>
            <strong>Kata sandi awal — hanya ditampilkan sekali.</strong> Catat atau cetak sekarang, sampaikan kepada masing-masing pengguna secara langsung, dan minta mereka
            menggantinya di halaman Akun. Bila terlewat, atur ulang di <Link to="/admin/pengguna">Pengguna</Link>.
          </p>
          <table>
            <caption className="sr-only">Kata sandi awal pengguna baru</caption>
            <thead>
              <tr>
                <th scope="col">Nama pengguna</th>
                <th scope="col">Nama lengkap</th>
                <th scope="col">Kata sandi awal</th>
              </tr>
            </thead>
            <tbody>
              {result.credentials.map((c) => (
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
      ) : null}
      {plan.errors.length ? (
        <div className="banner banner-error" role="alert">
          <p>
            <strong>{plan.errors.length} kesalahan</strong> — perbaiki berkas lalu periksa lagi; tidak ada yang disimpan.
          </p>
          <ul>
            {plan.errors.map((e, i) => (
              <li key={i}>{orgIssueText(e)}</li>
            ))}
          </ul>
        </div>
      ) : result.stage === 'preview' ? (
        <p>
          Pratinjau untuk <strong>{plan.opd.name}</strong>: {plan.counts.unitsNew} unit baru, {plan.counts.unitsSame} unit sudah ada (dilewati), {plan.counts.users} pengguna baru.
          Periksa daftar di bawah, lalu simpan.
        </p>
      ) : null}
      {plan.units.length ? (
        <div className="table-wrap">
          <table>
            <caption>Unit dalam berkas</caption>
            <thead>
              <tr>
                <th scope="col">Baris</th>
                <th scope="col">Kode</th>
                <th scope="col">Nama</th>
                <th scope="col">Jenis</th>
                <th scope="col">Induk</th>
                <th scope="col">Keterangan</th>
              </tr>
            </thead>
            <tbody>
              {plan.units.map((u) => (
                <tr key={u.row}>
                  <td>{u.row}</td>
                  <td>
                    <code>{u.code}</code>
                  </td>
                  <td>{u.name}</td>
                  <td>{UNIT_KIND_LABELS[u.kind]}</td>
                  <td>{u.parentName}</td>
                  <td>{u.status === 'baru' ? 'Baru' : 'Sudah ada (dilewati)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {plan.users.length ? (
        <div className="table-wrap">
          <table>
            <caption>Pengguna dalam berkas</caption>
            <thead>
              <tr>
                <th scope="col">Baris</th>
                <th scope="col">Nama pengguna</th>
                <th scope="col">Nama lengkap</th>
                <th scope="col">Peran</th>
                <th scope="col">Unit</th>
              </tr>
            </thead>
            <tbody>
              {plan.users.map((u) => (
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
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
