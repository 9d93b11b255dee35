import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { forbidden, requireAction, requireUser } from '../services/auth.server'
import { activeUsage } from '../models/organisation.server'
import { INVALID, loadTree, scopeProblem } from '../services/organisation/common.server'
import { renameUnit } from '../services/organisation/rename-unit.server'
import { unitPageSchema } from '../services/organisation/unit-forms'
import { answerOf, parsePageForm } from '../services/form-answer.server'
import { formValues } from '../utils/forms'
import { moveUnit } from '../services/organisation/move-unit.server'
import { setUnitActive } from '../services/organisation/set-unit-active.server'
import { CHILD_KINDS, flattenTree, isCityKind, kindProblem, opdIdOf, subtreeIds, UNIT_KIND_LABELS } from '../services/organisation/rules'
import { RouteError } from '../components/route-error'
import { MoveUnitForm, RenameUnitForm, UnitStatusForm } from '../components/admin/unit-forms'
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'users:manage' })
  const db = getDb()
  const id = /^\d{1,9}$/.test(params.id ?? '') ? Number(params.id) : null
  if (id == null) throw notFound()
  const requestId = context?.requestId ?? null
  const parsed = parsePageForm(form, unitPageSchema, INVALID)
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const input = parsed.value
  const r =
    input.intent === 'rename'
      ? await renameUnit(db, user, id, input, requestId)
      : input.intent === 'move'
        ? await moveUnit(db, user, id, input.parentId, requestId)
        : await setUnitActive(db, user, id, input.intent === 'activate', requestId)
  if (!r.ok && r.status === 404) throw notFound()
  if (!r.ok && r.status === 403) forbidden(r.message)
  const { status, result } = answerOf(r, input.intent, formValues(form))
  return data(result, { status })
}

export default function KelolaUnitPage() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const u = d.unit
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
      <RenameUnitForm result={result} unit={u} />
      <MoveUnitForm result={result} unit={u} parents={d.parents} canBeTop={d.canBeTop} />
      <UnitStatusForm result={result} active={u.active} activeChildren={d.activeChildren} users={d.users} indicators={d.indicators} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
