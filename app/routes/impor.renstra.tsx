import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { RouteError } from '../components/route-error'
import { getDb } from '../utils/db.server'
import { forbidden, isSameOrigin, requireAction, requireUser } from '../services/auth.server'
import { getSettings } from '../models/settings.server'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import { commitRenstraImport, previewRenstraImport, type RenstraImportPlan } from '../services/excel/import-renstra.server'
import { fileOf, readUploadForm } from '../services/excel/upload.server'
import { renstraPeriodOf } from '../services/excel/templates.server'
import { yearInZone } from '../utils/time'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
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
  const raw = (form?.get('opd') as string | null) ?? new URL(request.url).searchParams.get('opd')
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

type ActionData =
  | { stage: 'error'; message: string }
  | { stage: 'preview'; message: string | null; plan: RenstraImportPlan; reason: string; mapping?: MappingView | null }
  | { stage: 'done'; message: string; plan: RenstraImportPlan; mapping?: MappingView | null }

export async function action({ request, context }: ActionFunctionArgs) {
  // Origin first (a cross-site post is refused even without a session), then session and
  // permission before the body is read; the size cap while it is read (413).
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  await requireUser(request, { permission: 'renstra:manage' })
  const form = await readUploadForm(request)
  const { user } = await requireAction(request, { permission: 'renstra:manage', form })
  const db = getDb()
  const opdId = await opdOf(request, user.opdId, form)
  if (opdId == null)
    return data<ActionData>(
      { stage: 'error', message: 'Belum ada perangkat daerah di basis data. Admin membuatnya dengan npm run setup atau di halaman Admin › Organisasi.' },
      { status: 400 },
    )
  const file = await fileOf(form, 'berkas')
  if (!file) return data<ActionData>({ stage: 'error', message: 'Pilih berkas .xlsx Renstra terlebih dahulu.' }, { status: 400 })
  const settings = (await getSettings(db)).scoring
  const year = yearInZone(now(), settings.timeZone)
  const reason = String(form.get('alasan') ?? '')
  // T-C.27 / T-C.28 / SIPD-RI: the column-mapping step, then the same preview and commit.
  const detected = await detectRenstraUpload(file.bytes)
  if (detected.kind === 'source') {
    const mapping = form.get('sumber') === detected.source ? mappingFromForm(form) : null
    const opts = { mapping, defaultUnit: mapping ? String(form.get('unit_bawaan') ?? '') || null : null }
    const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null
    if (form.get('intent') === 'simpan') {
      const res = await commitSourceImport(db, user, opdId, file.bytes, file.name, year, { ...opts, previewHash: String(form.get('rencana') ?? ''), requestId })
      if (res.ok) return data<ActionData>({ stage: 'done', message: res.message, plan: res.plan, mapping: res.mapping })
      return data<ActionData>({ stage: 'preview', message: res.message, plan: res.plan, reason, mapping: res.mapping }, { status: res.status })
    }
    const sp = await planSourceImport(db, user, opdId, file.bytes, file.name, year, opts)
    return data<ActionData>({ stage: 'preview', message: null, plan: sp.plan, reason, mapping: sp.mapping }, { status: sp.plan.errors.length ? 400 : 200 })
  }
  if (form.get('intent') === 'simpan') {
    const res = await commitRenstraImport(
      db,
      user,
      opdId,
      file.bytes,
      file.name,
      year,
      String(form.get('rencana') ?? ''),
      reason,
      (context as { requestId?: string } | undefined)?.requestId ?? null,
    )
    if (res.ok) return data<ActionData>({ stage: 'done', message: res.message, plan: res.plan })
    return data<ActionData>({ stage: 'preview', message: res.message, plan: res.plan, reason }, { status: res.status })
  }
  const plan = await previewRenstraImport(db, user, opdId, file.bytes, file.name, year)
  return data<ActionData>({ stage: 'preview', message: null, plan, reason }, { status: plan.errors.length ? 400 : 200 })
}

export default function ImporRenstra() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting' && navigation.formAction?.startsWith('/impor/renstra')
  const intent = submitting ? navigation.formData?.get('intent') : null
  const plan = result && result.stage !== 'error' ? result.plan : null
  const canSave =
    result?.stage === 'preview' && plan && plan.errors.filter((e) => !/Alasan perubahan wajib/.test(e.message)).length === 0 && plan.counts.baru + plan.counts.berubah > 0
  const reasonMissing = result?.stage === 'preview' && plan?.errors.some((e) => /Alasan perubahan wajib/.test(e.message))
  const fileError = result?.stage === 'error' ? result.message : null
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
      <section className="card" aria-labelledby="h-templat">
        <h2 id="h-templat">1. Unduh templat (berisi indikator saat ini)</h2>
        <ExcelDownloadForm id="renstra-templat" buttons={[{ action: '/laporan/templat-renstra.xlsx', label: 'Unduh templat Renstra' }]}>
          {d.opds.length ? (
            <div className="toolbar excel-pickers">
              <div>
                <label htmlFor="rt-opd">Perangkat daerah</label>
                <select id="rt-opd" name="opd" defaultValue={String(d.opdId ?? '')}>
                  {d.opds.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ) : null}
          <input type="hidden" name="tahun" value={d.year} />
        </ExcelDownloadForm>
      </section>

      <section className="card" aria-labelledby="h-unggah">
        <h2 id="h-unggah">2. Unggah berkas Renstra</h2>
        <Form
          method="post"
          action={`/impor/renstra${opdParam}`}
          encType="multipart/form-data"
          className="stack excel-upload"
          key={result?.stage === 'done' ? `done-${plan?.hash}` : 'upload'}
        >
          <CsrfInput />
          {d.opds.length ? <input type="hidden" name="opd" value={d.opdId ?? ''} /> : null}
          <div>
            <label htmlFor="berkas">Berkas Renstra (.xlsx, paling besar 5 MB)</label>
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
          {plan?.needsReason && result?.stage === 'preview' ? (
            <div>
              <label htmlFor="alasan">Alasan perubahan target (wajib: ada tahun yang sudah memiliki realisasi terverifikasi)</label>
              <textarea
                id="alasan"
                name="alasan"
                rows={3}
                maxLength={2000}
                defaultValue={result.reason}
                aria-invalid={reasonMissing ? true : undefined}
                aria-describedby={reasonMissing ? 'alasan-error' : undefined}
              />
              {reasonMissing ? (
                <p id="alasan-error" className="field-error">
                  Alasan perubahan wajib diisi.
                </p>
              ) : null}
            </div>
          ) : null}
          {result?.stage === 'preview' && result.mapping ? <RenstraMappingFields key={plan?.hash} mapping={result.mapping} /> : null}
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
            {submitting ? (intent === 'simpan' ? 'Menyimpan perubahan…' : 'Mengunggah dan memeriksa…') : ''}
          </p>
        </Form>
      </section>

      {result?.stage === 'done' ? (
        <div className="banner banner-ok" role="status">
          {result.message} <Link to="/renstra">Lihat Renstra &amp; IKU</Link>
        </div>
      ) : null}
      {result?.stage === 'preview' && result.message ? (
        <div className="banner banner-error" role="alert">
          {result.message}
        </div>
      ) : null}
      {plan && result?.stage === 'preview' ? (
        <section className="card" aria-labelledby="h-pratinjau">
          <h2 id="h-pratinjau">3. Pratinjau{plan.period ? ` — ${plan.period.name}` : ''}</h2>
          <p>
            <span className="excel-kind kind-baru">{plan.counts.baru} baru</span> <span className="excel-kind kind-berubah">{plan.counts.berubah} berubah</span>{' '}
            <span className="excel-kind kind-tetap">{plan.counts.tetap} tidak berubah</span>
          </p>
          {plan.errors.length ? (
            <div className="banner banner-error" role="alert">
              <p>
                <strong>{plan.errors.length} kesalahan — tidak ada yang disimpan.</strong>
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
                    {plan.errors.slice(0, 500).map((i, n) => (
                      <tr key={n}>
                        <td className="num">{i.row ?? '–'}</td>
                        <td>{i.column ? `${i.column}${i.columnName ? ` (${i.columnName})` : ''}` : '–'}</td>
                        <td>{i.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : null}
          {plan.warnings.length ? (
            <div className="banner banner-warn">
              <ul>
                {plan.warnings.map((w, n) => (
                  <li key={n}>
                    {w.row ? `Baris ${w.row}: ` : ''}
                    {w.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {plan.rows.some((r) => r.kind !== 'tetap') ? (
            <div className="table-wrap" tabIndex={0}>
              <table className="excel-preview">
                <caption>Indikator yang akan disimpan</caption>
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
                  {plan.rows
                    .filter((r) => r.kind !== 'tetap')
                    .map((r) => (
                      <tr key={r.rowNumber}>
                        <td className="num">{r.rowNumber}</td>
                        <td>{r.code}</td>
                        <td>{r.name}</td>
                        <td>
                          <span className={`excel-kind kind-${r.kind}`}>{KIND_LABELS[r.kind]}</span>
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
        </section>
      ) : null}
    </div>
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
