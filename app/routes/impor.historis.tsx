// /impor/historis — perencanaan imports past quarters (data historis) from one workbook.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { forbidden, isSameOrigin, requireAction, requireUser } from '../services/auth.server'
import { fileOf, readUploadForm } from '../services/excel/upload.server'
import { buildHistorisTemplate, commitHistorisImport, previewHistorisImport, type HistorisPlan } from '../services/budget/import-historis.server'
import { attachmentHeaders } from '../services/excel/style.server'
import { CsrfInput } from '../components/csrf'

export const meta: MetaFunction = () => [{ title: 'Impor Data Historis — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'renstra:manage' })
  if (new URL(request.url).searchParams.get('templat') === '1') {
    return new Response(new Uint8Array(await buildHistorisTemplate()), { headers: attachmentHeaders('templat-data-historis.xlsx') })
  }
  return null
}

type ActionData = { stage: 'error'; message: string } | { stage: 'preview' | 'done'; message: string | null; plan: HistorisPlan }

export async function action({ request, context }: ActionFunctionArgs) {
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  await requireUser(request, { permission: 'renstra:manage' })
  const form = await readUploadForm(request)
  const { user } = await requireAction(request, { permission: 'renstra:manage', form })
  const db = getDb()
  const file = await fileOf(form, 'berkas')
  if (!file) return data<ActionData>({ stage: 'error', message: 'Pilih berkas .xlsx data historis terlebih dahulu.' }, { status: 400 })
  if (String(form.get('intent') ?? '') === 'simpan') {
    const res = await commitHistorisImport(db, user, file.bytes, file.name, String(form.get('rencana') ?? ''), (context as { requestId?: string } | undefined)?.requestId ?? null)
    return data<ActionData>({ stage: res.ok ? 'done' : 'preview', message: res.message, plan: res.plan }, { status: res.ok ? 200 : res.status })
  }
  const plan = await previewHistorisImport(db, user, file.bytes, file.name)
  return data<ActionData>(
    { stage: 'preview', message: plan.errors.length ? 'Berkas berisi kesalahan; tidak ada yang disimpan.' : null, plan },
    { status: plan.errors.length ? 400 : 200 },
  )
}

export default function ImporHistoris() {
  const r = useActionData<typeof action>() as ActionData | undefined
  const plan = r && r.stage !== 'error' ? r.plan : null
  return (
    <div className="excel-page">
      <h1>Impor data historis</h1>
      <p className="muted">
        Triwulan sebelum aplikasi dipakai: satu berkas memuat semua tahun dan triwulan OPD Anda (lembar Historis untuk indikator, lembar Anggaran untuk realisasi anggaran). Baris
        disimpan terverifikasi, ditandai historis dan tidak pernah terlambat; satu kesalahan membatalkan seluruh impor.{' '}
        <a href="/impor/historis?templat=1">Unduh templat data historis</a> · <Link to="/impor/historis/isi">Isi satu triwulan tanpa berkas</Link> ·{' '}
        <Link to="/impor/renstra">Impor Renstra</Link>
      </p>
      {r?.stage === 'error' ? (
        <div className="banner banner-error" role="alert">
          {r.message}
        </div>
      ) : null}
      {r && r.stage !== 'error' && r.message ? (
        <div className={`banner ${r.stage === 'done' ? 'banner-ok' : 'banner-error'}`} role={r.stage === 'done' ? 'status' : 'alert'}>
          {r.message}
        </div>
      ) : null}
      {plan && plan.messages.length ? (
        <ul className="banner banner-error">
          {plan.messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      {plan && r?.stage === 'preview' && !plan.errors.length ? (
        <p>
          Pratinjau: {plan.historis.length} realisasi indikator dan {plan.anggaran.length} realisasi anggaran akan disimpan sebagai data historis. Unggah berkas yang sama lagi
          dengan tombol Simpan.
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <CsrfInput />
        <label htmlFor="berkas">Berkas data historis (.xlsx)</label>
        <input id="berkas" name="berkas" type="file" accept=".xlsx" required />
        {plan && !plan.errors.length && r?.stage === 'preview' ? <input type="hidden" name="rencana" value={plan.hash} /> : null}
        <div className="toolbar">
          <button type="submit" name="intent" value="periksa" className="btn btn-secondary">
            Periksa (pratinjau)
          </button>
          {plan && !plan.errors.length && r?.stage === 'preview' ? (
            <button type="submit" name="intent" value="simpan" className="btn">
              Simpan data historis
            </button>
          ) : null}
        </div>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
