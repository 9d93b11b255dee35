// /impor/historis — perencanaan imports past quarters (data historis) from one workbook.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { fileOf, requireUploadAction } from '../services/excel/upload.server'
import { buildHistorisTemplate, commitHistorisImport, previewHistorisImport, type HistorisPlan } from '../services/budget/import-historis.server'
import { attachmentHeaders } from '../services/excel/style.server'
import { parseForm } from '../utils/forms'
import { importCommitted, importIntentOf, importPreviewed, importRefused, importSchema, NO_PREVIEW, type ImportAnswer } from '../utils/import-forms'
import { ImportBanner, ImportUploadForm, importView, IssueList } from '../components/import/preview'

export const meta: MetaFunction = () => [{ title: 'Impor Data Historis — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'renstra:manage' })
  if (new URL(request.url).searchParams.get('templat') === '1') {
    return new Response(new Uint8Array(await buildHistorisTemplate()), { headers: attachmentHeaders('templat-data-historis.xlsx') })
  }
  return null
}

type Answer = ImportAnswer<HistorisPlan>

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUploadAction(request, 'renstra:manage')
  const db = getDb()
  const answer = ({ status, result }: { status: number; result: Answer }) => data<Answer>(result, { status })
  const parsed = parseForm(form, importSchema, { intent: importIntentOf(form), summary: NO_PREVIEW })
  if (!parsed.ok) return answer({ status: 400, result: { ...parsed.result, intent: importIntentOf(form), plan: null } })
  const file = await fileOf(form, 'berkas')
  if (!file) return answer(importRefused('Pilih berkas .xlsx data historis terlebih dahulu.', parsed.value.intent))
  if (parsed.value.intent === 'simpan')
    return answer(importCommitted(await commitHistorisImport(db, user, file.bytes, file.name, parsed.value.rencana, context?.requestId ?? null)))
  return answer(importPreviewed(await previewHistorisImport(db, user, file.bytes, file.name)))
}

export default function ImporHistoris() {
  const r = useActionData<typeof action>()
  const { plan, done, previewing, fileError } = importView(r)
  const canSave = previewing && plan && !plan.errors.length && r?.intent === 'periksa'
  return (
    <div className="excel-page">
      <h1>Impor data historis</h1>
      <p className="muted">
        Triwulan sebelum aplikasi dipakai: satu berkas memuat semua tahun dan triwulan OPD Anda (lembar Historis untuk indikator, lembar Anggaran untuk realisasi anggaran). Baris
        disimpan terverifikasi, ditandai historis dan tidak pernah terlambat; satu kesalahan membatalkan seluruh impor.{' '}
        <a href="/impor/historis?templat=1">Unduh templat data historis</a> · <Link to="/impor/historis/isi">Isi satu triwulan tanpa berkas</Link> ·{' '}
        <Link to="/impor/renstra">Impor Renstra</Link>
      </p>
      <ImportBanner answer={r} showPreviewErrors />
      {plan ? <IssueList kind="error" items={plan.messages} /> : null}
      {canSave ? (
        <p>
          Pratinjau: {plan.historis.length} realisasi indikator dan {plan.anggaran.length} realisasi anggaran akan disimpan sebagai data historis. Unggah berkas yang sama lagi
          dengan tombol Simpan.
        </p>
      ) : null}
      <ImportUploadForm
        busyPath="/impor/historis"
        formKey={done ? `done-${plan?.hash}` : 'upload'}
        fileLabel="Berkas data historis (.xlsx)"
        fileError={fileError}
        saveHash={canSave ? plan.hash : null}
        checkLabel="Periksa (pratinjau)"
        saveLabel="Simpan data historis"
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
