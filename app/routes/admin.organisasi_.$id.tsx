import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { forbidden, requireAction, requireUser } from '../services/auth.server'
import { activeUsage } from '../models/organisation.server'
import { loadTree, scopeProblem, type UnitFieldErrors } from '../services/organisation/common.server'
import { renameUnit, renameUnitInputOf, type RenameUnitInput } from '../services/organisation/rename-unit.server'
import { moveUnit } from '../services/organisation/move-unit.server'
import { setUnitActive } from '../services/organisation/set-unit-active.server'
import { CHILD_KINDS, flattenTree, isCityKind, kindProblem, opdIdOf, subtreeIds, UNIT_KIND_LABELS } from '../services/organisation/rules'
import { RouteError } from '../components/route-error'
import { CsrfInput } from '../components/csrf'
import { FieldError, TextField, errorProps } from '../components/admin/form-bits'
import { AdminSubnav } from '../components/admin/subnav'
import styles from '../styles/admin.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]
export const meta: MetaFunction = () => [{ title: 'Kelola unit — Dasbor Kinerja Strategi' }]

const notFound = () => new Response('Unit tidak ditemukan.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requireUser(request, { permission: 'users:manage' })
  const db = getDb()
  const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : null
  const tree = await loadTree(db)
  const unit = id == null ? undefined : tree.index.get(id)
  if (!unit) throw notFound()
  const scope = scopeProblem(me, tree, unit)
  if (scope) forbidden(scope.message)
  const below = subtreeIds(tree.rows, unit.id)
  const unitOpd = opdIdOf(tree.index, unit.id)
  // where it may go: active units that take its kind, not itself or below it, within its OPD (an OPD: under a kota or the top)
  const candidates = tree.rows.filter(
    (r) => r.active === 1 && !below.has(r.id) && !kindProblem(unit.kind, r.kind) && (isCityKind(unit.kind) || opdIdOf(tree.index, r.id) === unitOpd),
  )
  const parents = flattenTree(candidates, candidates).map(({ unit: p }) => ({ id: p.id, label: `${p.name} (${p.code})` }))
  const usage = await activeUsage(db, [unit.id])
  const parent = unit.parent_id == null ? null : (tree.index.get(unit.parent_id) ?? null)
  return {
    unit: {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      shortName: unit.short_name,
      city: unit.city,
      kind: unit.kind,
      kindLabel: UNIT_KIND_LABELS[unit.kind],
      active: unit.active === 1,
      parentId: unit.parent_id,
      parentName: parent?.name ?? null,
    },
    canBeTop: !kindProblem(unit.kind, null) && me.opdId == null,
    parents,
    childKinds: CHILD_KINDS[unit.kind].map((k) => UNIT_KIND_LABELS[k].toLowerCase()),
    activeChildren: tree.rows.filter((r) => r.parent_id === unit.id && r.active === 1).map((r) => r.name),
    users: usage.users.map((u) => u.username),
    indicators: usage.indicators.map((i) => i.code),
  }
}

interface AnswerData {
  intent: string
  ok: boolean
  message: string
  fieldErrors: UnitFieldErrors
  values: RenameUnitInput | null
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'users:manage' })
  const db = getDb()
  const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : null
  if (id == null) throw notFound()
  const requestId = context?.requestId ?? null
  const intent = String(form.get('intent') ?? '')
  let r
  let values: RenameUnitInput | null = null
  if (intent === 'rename') {
    values = renameUnitInputOf(form)
    r = await renameUnit(db, user, id, values, requestId)
  } else if (intent === 'move') r = await moveUnit(db, user, id, String(form.get('parentId') ?? ''), requestId)
  else if (intent === 'deactivate' || intent === 'activate') r = await setUnitActive(db, user, id, intent === 'activate', requestId)
  else return data<AnswerData>({ intent, ok: false, message: 'Tindakan tidak dikenal.', fieldErrors: {}, values: null }, { status: 400 })
  if (!r.ok && r.status === 404) throw notFound()
  if (!r.ok && r.status === 403) forbidden(r.message)
  return data<AnswerData>({ intent, ok: r.ok, message: r.message, fieldErrors: r.ok ? {} : r.fieldErrors, values: r.ok ? null : values }, { status: r.ok ? 200 : r.status })
}

function Banner({ answer, intent }: { answer: AnswerData | undefined; intent: string | string[] }) {
  if (!answer || !(Array.isArray(intent) ? intent.includes(answer.intent) : answer.intent === intent)) return null
  return (
    <div className={`banner ${answer.ok ? 'banner-ok' : 'banner-error'}`} role={answer.ok ? 'status' : 'alert'}>
      {answer.message}
    </div>
  )
}

export default function KelolaUnitPage() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as AnswerData | undefined
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const e = answer && !answer.ok ? answer.fieldErrors : {}
  const v = answer && !answer.ok && answer.intent === 'rename' ? answer.values : null
  const u = d.unit
  const blockers = [
    d.activeChildren.length ? `${d.activeChildren.length} unit aktif di bawahnya` : null,
    d.users.length ? `${d.users.length} pengguna aktif` : null,
    d.indicators.length ? `${d.indicators.length} indikator Renstra yang berjalan` : null,
  ].filter(Boolean)

  return (
    <div>
      <p>
        <Link to="/admin/organisasi">← Kembali ke pohon organisasi</Link>
      </p>
      <h1>{u.name}</h1>
      <AdminSubnav />
      <dl className="admin-dl card">
        <dt>Jenis</dt>
        <dd>{u.kindLabel}</dd>
        <dt>Kode</dt>
        <dd>
          <code>{u.code}</code>
        </dd>
        <dt>Induk</dt>
        <dd>{u.parentName ?? 'Puncak pohon'}</dd>
        <dt>Status</dt>
        <dd>{u.active ? 'Aktif' : 'Nonaktif (riwayat tetap tersimpan)'}</dd>
        <dt>Di bawahnya boleh</dt>
        <dd>{d.childKinds.length ? d.childKinds.join(', ') : 'tidak ada unit lagi'}</dd>
      </dl>

      <section className="card admin-form" aria-labelledby="h-ubah">
        <h2 id="h-ubah">Ubah nama dan kode</h2>
        <Banner answer={answer} intent="rename" />
        <Form method="post" className="stack" noValidate key={answer?.intent === 'rename' && answer.ok ? `ok-${u.code}-${u.name}` : 'rename'}>
          <CsrfInput />
          <input type="hidden" name="intent" value="rename" />
          <div className="admin-form-grid">
            <TextField id="r-code" name="code" label="Kode" defaultValue={v?.code ?? u.code} error={e.code} maxLength={40} required hint="Unik dalam satu OPD." />
            <TextField id="r-name" name="name" label="Nama unit" defaultValue={v?.name ?? u.name} error={e.name} maxLength={255} required />
            <TextField id="r-short" name="shortName" label="Nama singkat (opsional)" defaultValue={v?.shortName ?? u.shortName ?? ''} error={e.shortName} maxLength={100} />
            {u.kind === 'opd' || u.kind === 'kota' ? (
              <TextField id="r-city" name="city" label="Kota/kabupaten" defaultValue={v?.city ?? u.city ?? ''} error={e.city} maxLength={100} />
            ) : null}
          </div>
          <div className="admin-actions">
            <button type="submit" className="btn" disabled={busy === 'rename'}>
              {busy === 'rename' ? 'Menyimpan…' : 'Simpan'}
            </button>
          </div>
        </Form>
      </section>

      <section className="card admin-form" aria-labelledby="h-pindah">
        <h2 id="h-pindah">Pindahkan</h2>
        <Banner answer={answer} intent="move" />
        {d.parents.length === 0 && !d.canBeTop ? (
          <p className="muted">
            Tidak ada induk lain yang cocok untuk {u.kindLabel.toLowerCase()} ini. Tambahkan induk baru di <Link to="/admin/organisasi#tambah-unit">Tambah unit</Link>.
          </p>
        ) : (
          <Form method="post" className="stack" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="move" />
            <div>
              <label htmlFor="m-parent">Induk baru</label>
              <select id="m-parent" name="parentId" defaultValue={String(u.parentId ?? '')} {...errorProps('m-parent', e.parentId)}>
                {d.canBeTop ? <option value="">— Puncak pohon —</option> : null}
                {d.parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
              <FieldError id="m-parent" error={answer?.intent === 'move' ? e.parentId : undefined} />
            </div>
            <div className="admin-actions">
              <button type="submit" className="btn" disabled={busy === 'move'}>
                {busy === 'move' ? 'Memindahkan…' : 'Pindahkan'}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section className="card admin-form" aria-labelledby="h-status">
        <h2 id="h-status">{u.active ? 'Nonaktifkan' : 'Aktifkan kembali'}</h2>
        <Banner answer={answer} intent={['deactivate', 'activate']} />
        {u.active ? (
          <>
            <p className="muted">Unit nonaktif tidak dapat dipilih untuk pengguna atau unit baru; riwayat indikator dan realisasinya tetap tersimpan dan tampil di laporan.</p>
            {blockers.length ? (
              <p>
                Belum dapat dinonaktifkan: masih ada {blockers.join(', ')}. Pindahkan pengguna di <Link to="/admin/pengguna">Pengguna</Link>
                {d.indicators.length ? (
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
          <input type="hidden" name="intent" value={u.active ? 'deactivate' : 'activate'} />
          <button type="submit" className={u.active ? 'btn btn-danger' : 'btn'} disabled={busy === 'deactivate' || busy === 'activate'}>
            {u.active ? 'Nonaktifkan unit' : 'Aktifkan kembali'}
          </button>
        </Form>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
