import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import { commitRenstraImport, previewRenstraImport, type RenstraImportPlan } from '../services/excel/import-renstra.server'
import { fileOf, requireUploadAction } from '../services/excel/upload.server'
import { renstraPeriodOf } from '../services/excel/templates.server'
import { yearInZone } from '../utils/time'
import { now } from '../utils/clock.server'
import { parseForm } from '../utils/forms'
import { importCommitted, importIntentOf, importPreviewed, importRefused, importSteps, NO_PREVIEW, type ImportAnswer } from '../utils/import-forms'
import { ChangeTable, ImportBanner, ImportCounts, ImportUploadForm, importView, IssueList, IssueTable, PreviewSection } from '../components/import/preview'
import { ExcelDownloadForm } from '../components/excel-download'
import { RenstraMappingFields } from '../components/renstra-mapping'
import { commitSourceImport, detectRenstraUpload, planSourceImport, type MappingView } from '../services/excel/renstra-sources/import-source.server'
import { mappingFromForm } from '../services/excel/renstra-sources/fields.server'
import styles from '../styles/excel.css'

export const meta: MetaFunction = () => [{ title: 'Impor Renstra — Dasbor Kinerja Strategi' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

const KIND_LABELS = { baru: 'Baru', berubah: 'Berubah', tetap: 'Tidak berubah' } as const

async function opdOf(request: Request, userOpd: number | null, form?: FormData) {
  const db = getDb()
  const posted = form?.get('opd')
  const raw = typeof posted === 'string' ? posted : new URL(request.url).searchParams.get('opd')
  return resolveOpdId(db, userOpd, Number(raw) || null)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  const db = getDb()
  const opdId = await opdOf(request, user.opdId)
  const settings = (await getSettings(db)).scoring
  const year = yearInZone(now(), settings.timeZone)
  const period = opdId ? await renstraPeriodOf(db, opdId, year) : null
  const opds = user.opdId == null ? (await listOpd(db)).map((o) => ({ id: o.id, name: o.short_name ?? o.name })) : []
  return { opdId, opds, year, period: period ? { name: period.name, start: period.start_year, end: period.end_year, closed: period.closed === 1 } : null }
}

type Answer = ImportAnswer<RenstraImportPlan, { mapping: MappingView | null; reason: string }>
const text = z.string().optional().default('')
const schema = z.discriminatedUnion('intent', [
  importSteps.periksa.extend({ alasan: text, sumber: text, unit_bawaan: text }),
  importSteps.simpan.extend({ alasan: text, sumber: text, unit_bawaan: text }),
])

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUploadAction(request, 'renstra:manage')
  const db = getDb()
  const answer = ({ status, result }: { status: number; result: ImportAnswer<RenstraImportPlan> }, mapping: MappingView | null = null) =>
    data<Answer>({ ...result, mapping, reason: String(form.get('alasan') ?? '') }, { status })
  const parsed = parseForm(form, schema, { intent: importIntentOf(form), summary: NO_PREVIEW })
  if (!parsed.ok) return answer({ status: 400, result: { ...parsed.result, intent: importIntentOf(form), plan: null } })
  const v = parsed.value
  const opdId = await opdOf(request, user.opdId, form)
  if (opdId == null) return answer(importRefused('Belum ada perangkat daerah di basis data. Admin membuatnya dengan npm run setup atau di halaman Admin › Organisasi.', v.intent))
  const file = await fileOf(form, 'berkas')
  if (!file) return answer(importRefused('Pilih berkas .xlsx Renstra terlebih dahulu.', v.intent))
  const year = yearInZone(now(), (await getSettings(db)).scoring.timeZone)
  const requestId = context?.requestId ?? null
  // T-C.27 / T-C.28 / SIPD-RI: the column-mapping step, then the same preview and commit.
  const detected = await detectRenstraUpload(file.bytes)
  if (detected.kind === 'source') {
    const mapping = v.sumber === detected.source ? mappingFromForm(form) : null
    const opts = { mapping, defaultUnit: mapping ? v.unit_bawaan || null : null }
    if (v.intent === 'simpan') {
      const res = await commitSourceImport(db, user, opdId, file.bytes, file.name, year, { ...opts, previewHash: v.rencana, requestId })
      return answer(importCommitted(res), res.mapping)
    }
    const sp = await planSourceImport(db, user, opdId, file.bytes, file.name, year, opts)
    return answer(importPreviewed(sp.plan), sp.mapping)
  }
  if (v.intent === 'simpan') return answer(importCommitted(await commitRenstraImport(db, user, opdId, file.bytes, file.name, year, v.rencana, v.alasan, requestId)))
  return answer(importPreviewed(await previewRenstraImport(db, user, opdId, file.bytes, file.name, year)))
}

const isReasonIssue = (e: { message: string }) => /Alasan perubahan wajib/.test(e.message)

export default function ImporRenstra() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { plan, done, previewing, fileError } = importView(result)
  const canSave = previewing && plan && plan.errors.filter((e) => !isReasonIssue(e)).length === 0 && plan.counts.baru + plan.counts.berubah > 0
  const opdParam = d.opds.length ? `?opd=${d.opdId}` : ''

  return (
    <div className="excel-page">
      <h1>Impor Renstra</h1>
      <p className="muted">
        Triwulan sebelum aplikasi dipakai? <Link to="/impor/historis">Impor data historis</Link>
      </p>
      <p className="muted">
        Indikator kinerja beserta pemetaannya (satuan, polaritas, pola ukur, aspek, strategi, bobot, unit, sasaran, program, baseline, target akhir) dan target setiap tahun
        Renstra. Kode yang sudah ada diperbarui, kode baru ditambahkan, indikator yang tidak tercantum tidak diubah atau dihapus. Selain templat aplikasi, berkas ekspor tabel
        T-C.27 dan T-C.28 dokumen Renstra serta daftar Renstra SIPD-RI juga diterima: kolomnya dipetakan pada langkah pemetaan, lalu pratinjau dan simpan seperti biasa.
        {d.period ? ` Periode: ${d.period.name}${d.period.name.includes(String(d.period.start)) ? '' : ` (${d.period.start}–${d.period.end})`}.` : ''}
      </p>
      {d.period?.closed ? <div className="banner banner-warn">Periode ini sudah ditutup; impor akan ditolak.</div> : null}
      <TemplateSection opds={d.opds} opdId={d.opdId} year={d.year} />
      <section className="card" aria-labelledby="h-unggah">
        <h2 id="h-unggah">2. Unggah berkas Renstra</h2>
        <ImportUploadForm
          action={`/impor/renstra${opdParam}`}
          busyPath="/impor/renstra"
          formKey={done ? `done-${plan?.hash}` : 'upload'}
          fileLabel="Berkas Renstra (.xlsx, paling besar 5 MB)"
          fileError={fileError}
          saveHash={canSave ? plan.hash : null}
          saveLabel={plan ? `Simpan ${plan.counts.baru + plan.counts.berubah} perubahan` : ''}
          liveStatus
        >
          {d.opds.length ? <input type="hidden" name="opd" value={d.opdId ?? ''} /> : null}
          {plan?.needsReason && previewing ? <ReasonField defaultValue={result?.reason ?? ''} missing={plan.errors.some(isReasonIssue)} /> : null}
          {previewing && result?.mapping ? <RenstraMappingFields key={plan?.hash} mapping={result.mapping} /> : null}
        </ImportUploadForm>
      </section>
      <ImportBanner answer={result}>
        <Link to="/renstra">Lihat Renstra &amp; IKU</Link>
      </ImportBanner>
      {plan && previewing ? <PreviewView plan={plan} /> : null}
    </div>
  )
}

function TemplateSection({ opds, opdId, year }: { opds: { id: number; name: string }[]; opdId: number | null; year: number }) {
  return (
    <section className="card" aria-labelledby="h-templat">
      <h2 id="h-templat">1. Unduh templat (berisi indikator saat ini)</h2>
      <ExcelDownloadForm id="renstra-templat" buttons={[{ action: '/laporan/templat-renstra.xlsx', label: 'Unduh templat Renstra' }]}>
        {opds.length ? (
          <div className="toolbar excel-pickers">
            <div>
              <label htmlFor="rt-opd">Perangkat daerah</label>
              <select id="rt-opd" name="opd" defaultValue={String(opdId ?? '')}>
                {opds.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
        <input type="hidden" name="tahun" value={year} />
      </ExcelDownloadForm>
    </section>
  )
}

function ReasonField({ defaultValue, missing }: { defaultValue: string; missing: boolean }) {
  return (
    <div>
      <label htmlFor="alasan">Alasan perubahan target (wajib: ada tahun yang sudah memiliki realisasi terverifikasi)</label>
      <textarea
        id="alasan"
        name="alasan"
        rows={3}
        maxLength={2000}
        defaultValue={defaultValue}
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? 'alasan-error' : undefined}
      />
      {missing ? (
        <p id="alasan-error" className="field-error">
          Alasan perubahan wajib diisi.
        </p>
      ) : null}
    </div>
  )
}

function PreviewView({ plan }: { plan: RenstraImportPlan }) {
  return (
    <PreviewSection title={`3. Pratinjau${plan.period ? ` — ${plan.period.name}` : ''}`}>
      <p>
        <ImportCounts
          items={[
            { kind: 'baru', count: plan.counts.baru, label: 'baru' },
            { kind: 'berubah', count: plan.counts.berubah, label: 'berubah' },
            { kind: 'tetap', count: plan.counts.tetap, label: 'tidak berubah' },
          ]}
        />
      </p>
      {plan.errors.length ? <IssueTable title={`${plan.errors.length} kesalahan — tidak ada yang disimpan.`} issues={plan.errors} kind="error" /> : null}
      <IssueList kind="warn" items={plan.warnings.map((w) => `${w.row ? `Baris ${w.row}: ` : ''}${w.message}`)} />
      <ChangeTable caption="Indikator yang akan disimpan" rows={plan.rows.filter((r) => r.kind !== 'tetap')} kindLabels={KIND_LABELS} />
    </PreviewSection>
  )
}

export function ErrorBoundary() {
  return (
    <RouteError
      back={{ to: '/impor/renstra', label: 'Kembali ke halaman impor' }}
      generic="Maaf, impor tidak dapat diproses. Tidak ada data yang disimpan. Silakan coba lagi; bila berulang, laporkan kode permintaan di bawah ini kepada admin."
    />
  )
}
