import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { requireUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import { renstraPeriodsOf } from '../services/scoring.server'
import { commitRealisasiImport, previewRealisasiImport, type RealisasiImportPlan } from '../services/excel/import-realisasi.server'
import { fileOf, requireUploadAction } from '../services/excel/upload.server'
import { currentQuarterOf, romanQuarter } from '../domain'
import { now } from '../utils/clock.server'
import { parseForm } from '../utils/forms'
import { FILE_HAS_ERRORS, importCommitted, importIntentOf, importPreviewed, importRefused, importSchema, NO_PREVIEW, type ImportAnswer } from '../utils/import-forms'
import { ChangeTable, ImportBanner, ImportCounts, ImportUploadForm, importView, IssueTable, PreviewSection } from '../components/import/preview'
import { ExcelDownloadForm } from '../components/excel-download'
import styles from '../styles/excel.css'

// (labels live here: a .server module is empty in the browser bundle)
const ROW_KIND_LABELS = { baru: 'Baru', berubah: 'Berubah', tetap: 'Tidak berubah', kosong: 'Kosong (dilewati)', ditolak: 'Ditolak (ada kesalahan)' } as const

export const meta: MetaFunction = () => [{ title: 'Impor Realisasi — Dasbor Kinerja Strategi' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'realisasi:write' })
  const db = getDb()
  const settings = (await getSettings(db)).scoring
  const cur = currentQuarterOf(now(), settings.timeZone)
  const years = new Set<number>([cur.year])
  for (const s of await renstraPeriodsOf(db, user.opdId)) for (let y = s.startYear; y <= s.endYear; y++) years.add(y)
  return { unitName: user.unitName, hasUnit: user.unitId != null, current: cur, years: [...years].sort((a, b) => b - a) }
}

type Answer = ImportAnswer<RealisasiImportPlan>

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireUploadAction(request, 'realisasi:write')
  const db = getDb()
  const parsed = parseForm(form, importSchema, { intent: importIntentOf(form), summary: NO_PREVIEW })
  if (!parsed.ok) return data<Answer>({ ...parsed.result, intent: importIntentOf(form), plan: null }, { status: 400 })
  const file = await fileOf(form, 'berkas')
  if (!file) return answer(importRefused('Pilih berkas .xlsx hasil pengisian templat terlebih dahulu.', parsed.value.intent))
  if (parsed.value.intent === 'simpan')
    return answer(importCommitted(await commitRealisasiImport(db, user, file.bytes, file.name, parsed.value.rencana, context?.requestId ?? null)))
  return answer(importPreviewed(await previewRealisasiImport(db, user, file.bytes, file.name), FILE_HAS_ERRORS))
}

const answer = ({ status, result }: { status: number; result: Answer }) => data<Answer>(result, { status })

export default function ImporRealisasi() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { plan, done, previewing, fileError } = importView(result)
  const canSave = previewing && plan && plan.errors.length === 0 && plan.counts.baru + plan.counts.berubah > 0

  return (
    <div className="excel-page">
      <h1>Impor realisasi triwulan</h1>
      <p className="muted">
        Untuk {d.unitName ?? 'bidang Anda'}. Unduh templat berisi indikator bidang Anda, isi di luar jaringan, lalu unggah kembali. Aplikasi memeriksa berkas dan menampilkan
        pratinjau; tidak ada yang disimpan sebelum Anda menekan <strong>Simpan</strong>. Penyimpanan dilakukan sekaligus (semua atau tidak sama sekali) dan tercatat di jejak audit
        sebagai draf.
      </p>
      {!d.hasUnit ? <div className="banner banner-warn">Akun Anda belum terhubung ke bidang; hubungi admin.</div> : null}
      <TemplateSection years={d.years} current={d.current} />
      <section className="card" aria-labelledby="h-unggah">
        <h2 id="h-unggah">2. Unggah berkas yang sudah diisi</h2>
        <ImportUploadForm
          busyPath="/impor/realisasi"
          formKey={done ? `done-${plan?.hash}` : 'upload'}
          fileLabel="Berkas templat (.xlsx, paling besar 5 MB, paling banyak 5.000 baris)"
          fileError={fileError}
          saveHash={canSave ? plan.hash : null}
          saveLabel={plan ? `Simpan ${plan.counts.baru + plan.counts.berubah} perubahan` : ''}
          liveStatus
          readyHint="Berkas yang dipilih di atas dikirim lagi saat menyimpan; pastikan sama dengan yang diperiksa."
        />
      </section>
      <ImportBanner answer={result}>
        <Link to="/realisasi">Buka Input Realisasi</Link>
      </ImportBanner>
      {plan && previewing ? <PreviewView plan={plan} /> : null}
    </div>
  )
}

function TemplateSection({ years, current }: { years: number[]; current: { year: number; quarter: number } }) {
  return (
    <section className="card" aria-labelledby="h-templat">
      <h2 id="h-templat">1. Unduh templat</h2>
      <ExcelDownloadForm id="templat-form" buttons={[{ action: '/laporan/templat-realisasi.xlsx', label: 'Unduh templat realisasi' }]}>
        <div className="toolbar excel-pickers">
          <div>
            <label htmlFor="tp-tahun">Tahun</label>
            <select id="tp-tahun" name="tahun" defaultValue={String(current.year)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="tp-triwulan">Triwulan</label>
            <select id="tp-triwulan" name="triwulan" defaultValue={String(current.quarter)}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  Triwulan {romanQuarter(q)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </ExcelDownloadForm>
    </section>
  )
}

function PreviewView({ plan }: { plan: RealisasiImportPlan }) {
  const changed = plan.rows.filter((r) => r.kind === 'baru' || r.kind === 'berubah')
  const unchanged = plan.rows.filter((r) => r.kind === 'tetap')
  const c = plan.counts
  return (
    <PreviewSection title={`3. Pratinjau ${plan.period ? `— Triwulan ${romanQuarter(plan.period.quarter)} ${plan.period.year}` : ''}`}>
      <p>
        Berkas <strong>{plan.fileName}</strong>:{' '}
        <ImportCounts
          items={[
            { kind: 'baru', count: c.baru, label: 'baru' },
            { kind: 'berubah', count: c.berubah, label: 'berubah' },
            { kind: 'tetap', count: c.tetap, label: 'tidak berubah' },
            { kind: 'kosong', count: c.kosong, label: 'kosong' },
            { kind: 'ditolak', count: c.ditolak, label: 'ditolak', optional: true },
          ]}
        />
      </p>
      {plan.errors.length ? (
        <IssueTable title={`${plan.errors.length} kesalahan — tidak ada yang disimpan. Perbaiki berkas lalu unggah lagi.`} issues={plan.errors} kind="error" />
      ) : null}
      {plan.errors.length === 0 && changed.length === 0 ? <div className="banner banner-info">Tidak ada perubahan dibanding data di aplikasi.</div> : null}
      {plan.warnings.length ? <IssueTable title="Perlu dilengkapi sebelum diajukan (tidak menghalangi penyimpanan draf)" issues={plan.warnings} kind="warn" /> : null}
      <ChangeTable caption="Baris yang akan disimpan" rows={changed} kindLabels={ROW_KIND_LABELS} />
      {unchanged.length ? (
        <details>
          <summary>{unchanged.length} baris tidak berubah</summary>
          <p className="muted">{unchanged.map((r) => r.code).join(', ')}</p>
        </details>
      ) : null}
    </PreviewSection>
  )
}

export function ErrorBoundary() {
  return (
    <RouteError
      back={{ to: '/impor/realisasi', label: 'Kembali ke halaman impor' }}
      generic="Maaf, impor tidak dapat diproses. Tidak ada data yang disimpan. Silakan coba lagi; bila berulang, laporkan kode permintaan di bawah ini kepada admin."
    />
  )
}
