import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getDb } from '../utils/db.server'
import { forbidden, requireUser } from '../services/auth.server'
import { listAllUnits, listOpd, resolveOpdId } from '../models/organisation.server'
import { createUnit } from '../services/organisation/create-unit.server'
import { Refusal } from '../services/organisation/common.server'
import { byId, CHILD_KINDS, flattenTree, opdIdOf, UNIT_KIND_LABELS, UNIT_KINDS, isCityKind } from '../services/organisation/rules'
import { commitOrganisationImport, previewOrganisationImport, type Credential, type OrgImportPlan } from '../services/organisation/import-workbook.server'
import { orgIssueText } from '../services/organisation/issue-text'
import { fileOf, requireUploadAction } from '../services/excel/upload.server'
import { formError, formSuccess, formValues, parseForm } from '../utils/forms'
import { importCommitted, importIntentOf, importPreviewed, importRefused, importSteps, NO_PREVIEW, type ImportAnswer } from '../utils/import-forms'
import { RouteError } from '../components/route-error'
import { AdminSubnav } from '../components/admin/subnav'
import { UnitTree } from '../components/organisation/unit-tree'
import { CreateUnitForm, type CreateUnitAnswer } from '../components/organisation/create-unit-form'
import { OrgImportSection, type OrgImportAnswer } from '../components/import/organisation'
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

type Answer = CreateUnitAnswer | OrgImportAnswer
const text = z.string().optional().default('')
const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), parentId: text, kind: text, code: text, name: text, shortName: text, city: text }),
  importSteps.periksa.extend({ opd: text }),
  importSteps.simpan.extend({ opd: text }),
])

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUploadAction(request, 'users:manage')
  const db = getDb()
  const requestId = context?.requestId ?? null
  const intent = importIntentOf(form)
  const parsed = parseForm(form, schema, { intent, summary: intent ? NO_PREVIEW : 'Tindakan tidak dikenal.' })
  if (!parsed.ok) return data<Answer>({ ...parsed.result, intent, plan: null, credentials: [] }, { status: 400 })
  const v = parsed.value
  if (v.intent === 'create') {
    const r = await createUnit(db, user, { ...v, parentId: v.parentId.trim(), kind: v.kind.trim() }, requestId)
    if (r.ok) return data<Answer>({ ...formSuccess(r.message, 'create'), intent: 'create', createdId: r.value.id })
    const result = formError(r.message, { intent: 'create', fieldErrors: r.fieldErrors, values: formValues(form) })
    return data<Answer>({ ...result, intent: 'create', createdId: null }, { status: r.status })
  }
  const answer = ({ status, result }: { status: number; result: ImportAnswer<OrgImportPlan> }, credentials: Credential[] = []) =>
    data<Answer>({ ...result, credentials }, { status })
  const requested = Number(v.opd) || null
  if (user.opdId != null && requested != null && requested !== user.opdId) forbidden('Anda hanya dapat mengimpor ke OPD Anda sendiri.')
  const opdId = await resolveOpdId(db, user.opdId, requested)
  if (opdId == null) return answer(importRefused('Belum ada OPD. Tambahkan OPD terlebih dahulu (formulir "Tambah unit" dengan jenis OPD) atau jalankan npm run setup.', v.intent))
  const file = await fileOf(form, 'berkas')
  if (!file) return answer(importRefused('Pilih berkas .xlsx organisasi dan pengguna terlebih dahulu.', v.intent))
  try {
    if (v.intent === 'simpan') {
      const r = await commitOrganisationImport(db, user, opdId, file.bytes, file.name, v.rencana, requestId)
      return answer(importCommitted(r), r.ok ? r.credentials : [])
    }
    return answer(importPreviewed(await previewOrganisationImport(db, user, opdId, file.bytes, file.name)))
  } catch (e) {
    if (e instanceof Refusal) return answer(importRefused(e.message, v.intent, e.status))
    throw e
  }
}

const ORG_WORDS = { issueText: orgIssueText, kindLabels: UNIT_KIND_LABELS }

export default function OrganisasiPage() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const created = result?.intent === 'create' ? result : undefined
  const imported = result && result.intent !== 'create' ? result : undefined
  return (
    <div>
      <h1>Organisasi</h1>
      <AdminSubnav />
      <p className="muted">
        Susunan unit: {d.cityLevel ? 'pemerintah kota/kabupaten → ' : ''}OPD → sekretariat, bidang, UPT → subbagian, seksi. Unit yang sudah punya riwayat tidak dihapus, hanya
        dinonaktifkan. Setiap perubahan tercatat di <Link to="/audit">jejak audit</Link>. Akun pengguna dikelola di <Link to="/admin/pengguna">Pengguna</Link>.
      </p>
      <UnitTree tree={d.tree} unitCount={d.unitCount} />
      <CreateUnitForm cityLevel={d.cityLevel} parents={d.parents} kinds={d.kinds} created={created} />
      <OrgImportSection cityLevel={d.cityLevel} opdId={d.opdId} opds={d.opds} answer={imported} words={ORG_WORDS} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
