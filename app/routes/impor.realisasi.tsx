import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { forbidden, isSameOrigin, requireAction, requireUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import { renstraPeriodsOf } from '../services/scoring.server'
import { commitRealisasiImport, previewRealisasiImport, type RealisasiImportPlan } from '../services/excel/import-realisasi.server'
import { fileOf, readUploadForm } from '../services/excel/upload.server'
import { currentQuarterOf, romanQuarter } from '../domain'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
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

type ActionData =
  { stage: 'error'; message: string } | { stage: 'preview'; message: string | null; plan: RealisasiImportPlan } | { stage: 'done'; message: string; plan: RealisasiImportPlan }

export async function action({ request, context }: ActionFunctionArgs) {
  // Origin first (a cross-site post is refused even without a session), then session and
  // permission before the body is read; the size cap while it is read (413).
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  await requireUser(request, { permission: 'realisasi:write' })
  const form = await readUploadForm(request)
  const { user } = await requireAction(request, { permission: 'realisasi:write', form })
  const db = getDb()
  const intent = String(form.get('intent') ?? 'periksa')
  const file = await fileOf(form, 'berkas')
  if (!file) return data<ActionData>({ stage: 'error', message: 'Pilih berkas .xlsx hasil pengisian templat terlebih dahulu.' }, { status: 400 })
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null
  if (intent === 'simpan') {
    const hash = String(form.get('rencana') ?? '')
    const res = await commitRealisasiImport(db, user, file.bytes, file.name, hash, requestId)
    if (res.ok) return data<ActionData>({ stage: 'done', message: res.message, plan: res.plan })
    return data<ActionData>({ stage: 'preview', message: res.message, plan: res.plan }, { status: res.status })
  }
  const plan = await previewRealisasiImport(db, user, file.bytes, file.name)
  return data<ActionData>({ stage: 'preview', message: null, plan }, { status: plan.errors.length ? 400 : 200 })
}

export default function ImporRealisasi() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting' && navigation.formAction?.startsWith('/impor/realisasi')
  const intent = submitting ? navigation.formData?.get('intent') : null
  const plan = result && result.stage !== 'error' ? result.plan : null
  const canSave = result?.stage === 'preview' && plan && plan.errors.length === 0 && plan.counts.baru + plan.counts.berubah > 0
  const fileError = result?.stage === 'error' ? result.message : null

  return (
    <div className="excel-page">
      <h1>Impor realisasi triwulan</h1>
      <p className="muted">
        Untuk {d.unitName ?? 'bidang Anda'}. Unduh templat berisi indikator bidang Anda, isi di luar jaringan, lalu unggah kembali. Aplikasi memeriksa berkas dan menampilkan
        pratinjau; tidak ada yang disimpan sebelum Anda menekan <strong>Simpan</strong>. Penyimpanan dilakukan sekaligus (semua atau tidak sama sekali) dan tercatat di jejak audit
        sebagai draf.
      </p>
      {!d.hasUnit ? <div className="banner banner-warn">Akun Anda belum terhubung ke bidang; hubungi admin.</div> : null}

      <section className="card" aria-labelledby="h-templat">
        <h2 id="h-templat">1. Unduh templat</h2>
        <ExcelDownloadForm id="templat-form" buttons={[{ action: '/laporan/templat-realisasi.xlsx', label: 'Unduh templat realisasi' }]}>
          <div className="toolbar excel-pickers">
            <div>
              <label htmlFor="tp-tahun">Tahun</label>
              <select id="tp-tahun" name="tahun" defaultValue={String(d.current.year)}>
                {d.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="tp-triwulan">Triwulan</label>
              <select id="tp-triwulan" name="triwulan" defaultValue={String(d.current.quarter)}>
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

      <section className="card" aria-labelledby="h-unggah">
        <h2 id="h-unggah">2. Unggah berkas yang sudah diisi</h2>
        <Form method="post" encType="multipart/form-data" className="stack excel-upload" key={result?.stage === 'done' ? `done-${plan?.hash}` : 'upload'}>
          <CsrfInput />
          <div>
            <label htmlFor="berkas">Berkas templat (.xlsx, paling besar 5 MB, paling banyak 5.000 baris)</label>
            <input
              id="berkas"
              name="berkas"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'berkas-error' : undefined}
            />
            {fileError ? (
              <p id="berkas-error" className="field-error">
                {fileError}
              </p>
            ) : null}
          </div>
          {canSave ? <input type="hidden" name="rencana" value={plan!.hash} /> : null}
          <div className="toolbar">
            <button type="submit" name="intent" value="periksa" className={canSave ? 'btn btn-secondary' : 'btn'} disabled={submitting}>
              {submitting && intent === 'periksa' ? 'Mengunggah dan memeriksa…' : 'Periksa berkas (pratinjau)'}
            </button>
            {canSave ? (
              <button type="submit" name="intent" value="simpan" className="btn" disabled={submitting}>
                {submitting && intent === 'simpan' ? 'Menyimpan…' : `Simpan ${plan!.counts.baru + plan!.counts.berubah} perubahan`}
              </button>
            ) : null}
          </div>
          <p role="status" aria-live="polite" className="muted">
            {submitting
              ? intent === 'simpan'
                ? 'Menyimpan perubahan…'
                : 'Mengunggah dan memeriksa…'
              : canSave
                ? 'Berkas yang dipilih di atas dikirim lagi saat menyimpan; pastikan sama dengan yang diperiksa.'
                : ''}
          </p>
        </Form>
      </section>

      {result?.stage === 'done' ? (
        <div className="banner banner-ok" role="status">
          {result.message} <Link to="/realisasi">Buka Input Realisasi</Link>
        </div>
      ) : null}
      {result?.stage === 'preview' && result.message ? (
        <div className="banner banner-error" role="alert">
          {result.message}
        </div>
      ) : null}
      {plan && result?.stage === 'preview' ? <PreviewView plan={plan} /> : null}
    </div>
  )
}

function PreviewView({ plan }: { plan: RealisasiImportPlan }) {
  const changed = plan.rows.filter((r) => r.kind === 'baru' || r.kind === 'berubah')
  const unchanged = plan.rows.filter((r) => r.kind === 'tetap')
  return (
    <section className="card" aria-labelledby="h-pratinjau">
      <h2 id="h-pratinjau">3. Pratinjau {plan.period ? `— Triwulan ${romanQuarter(plan.period.quarter)} ${plan.period.year}` : ''}</h2>
      <p>
        Berkas <strong>{plan.fileName}</strong>: <span className="excel-kind kind-baru">{plan.counts.baru} baru</span>{' '}
        <span className="excel-kind kind-berubah">{plan.counts.berubah} berubah</span> <span className="excel-kind kind-tetap">{plan.counts.tetap} tidak berubah</span>{' '}
        <span className="excel-kind kind-kosong">{plan.counts.kosong} kosong</span>
        {plan.counts.ditolak ? (
          <>
            {' '}
            <span className="excel-kind kind-ditolak">{plan.counts.ditolak} ditolak</span>
          </>
        ) : null}
      </p>
      {plan.errors.length ? (
        <IssueTable title={`${plan.errors.length} kesalahan — tidak ada yang disimpan. Perbaiki berkas lalu unggah lagi.`} issues={plan.errors} kind="error" />
      ) : null}
      {plan.errors.length === 0 && changed.length === 0 ? <div className="banner banner-info">Tidak ada perubahan dibanding data di aplikasi.</div> : null}
      {plan.warnings.length ? <IssueTable title="Perlu dilengkapi sebelum diajukan (tidak menghalangi penyimpanan draf)" issues={plan.warnings} kind="warn" /> : null}
      {changed.length ? (
        <div className="table-wrap" tabIndex={0}>
          <table className="excel-preview">
            <caption>Baris yang akan disimpan</caption>
            <thead>
              <tr>
                <th scope="col">Baris</th>
                <th scope="col">Kode</th>
                <th scope="col">Indikator</th>
                <th scope="col">Jenis</th>
                <th scope="col">Perubahan</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((r) => (
                <tr key={r.rowNumber}>
                  <td className="num">{r.rowNumber}</td>
                  <td>{r.code}</td>
                  <td>{r.name}</td>
                  <td>
                    <span className={`excel-kind kind-${r.kind}`}>{ROW_KIND_LABELS[r.kind]}</span>
                    {r.status ? <span className="muted"> ({r.status})</span> : null}
                  </td>
                  <td>
                    <ul className="excel-changes">
                      {r.changes.map((c) => (
                        <li key={c.field}>
                          <strong>{c.field}</strong>: <del>{c.before}</del> → <ins>{c.after}</ins>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {unchanged.length ? (
        <details>
          <summary>{unchanged.length} baris tidak berubah</summary>
          <p className="muted">{unchanged.map((r) => r.code).join(', ')}</p>
        </details>
      ) : null}
    </section>
  )
}

function IssueTable({ title, issues, kind }: { title: string; issues: RealisasiImportPlan['errors']; kind: 'error' | 'warn' }) {
  return (
    <div className={kind === 'error' ? 'banner banner-error' : 'banner banner-warn'} role={kind === 'error' ? 'alert' : undefined}>
      <p>
        <strong>{title}</strong>
      </p>
      <div className="table-wrap" tabIndex={0}>
        <table className="excel-issues">
          <thead>
            <tr>
              <th scope="col">Baris</th>
              <th scope="col">Kolom</th>
              <th scope="col">Masalah</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, 500).map((i, n) => (
              <tr key={n}>
                <td className="num">{i.row ?? '–'}</td>
                <td>{i.column ? `${i.column}${i.columnName ? ` (${i.columnName})` : ''}` : '–'}</td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {issues.length > 500 ? <p>… dan {issues.length - 500} masalah lain.</p> : null}
    </div>
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
