// /impor/historis/isi — perencanaan types one past quarter of one indicator as data historis
// (no workbook needed). One form, the FormResult convention (app/utils/forms.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { formValues, parseForm, typedValue } from '../utils/forms'
import { enterHistoris, historisFormSchema } from '../services/history/enter-historis.server'
import { HISTORIS_INTENT } from '../utils/page-shared'
import { historisFormData } from '../presenters/historis-form.server'
import { formatNumberTrim } from '../domain/format'
import { quarterName } from '../domain'
import { CsrfInput } from '../components/csrf'
import { FieldMessage, FormMessages } from '../components/form-result'
import { RouteError } from '../components/route-error'
import { ColumnHeads } from '../components/data-table'

export const meta: MetaFunction = () => [{ title: 'Isi Data Historis — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  return historisFormData(getDb(), user)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const parsed = parseForm(form, historisFormSchema, { intent: HISTORIS_INTENT, summary: 'Data historis tidak disimpan: periksa isian yang ditandai.' })
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const { status, result } = await enterHistoris(getDb(), user, parsed.value, formValues(form), (context as { requestId?: string } | undefined)?.requestId ?? null)
  return data(result, { status })
}

export default function IsiHistoris() {
  const d = useLoaderData<typeof loader>()
  const r = useActionData<typeof action>()
  const v = (name: string, fallback = '') => typedValue(r, name, fallback, HISTORIS_INTENT)
  if (!d.indicators.length)
    return (
      <div className="excel-page">
        <h1>Isi data historis</h1>
        <p className="empty-state">
          Renstra OPD Anda belum berisi indikator. Impor Renstra lebih dulu di <Link to="/impor/renstra">Impor Renstra</Link>, lalu kembali ke halaman ini.
        </p>
      </div>
    )
  return (
    <div className="excel-page">
      <h1>Isi data historis</h1>
      <p className="muted">
        Satu indikator, satu triwulan yang sudah lewat (sebelum aplikasi dipakai). Disimpan terverifikasi, ditandai historis dan tidak pernah terlambat; siapa dan kapan tercatat di
        jejak audit. Banyak triwulan sekaligus: <Link to="/impor/historis">impor berkas data historis</Link>.
      </p>
      <FormMessages result={r} intent={HISTORIS_INTENT} />
      <Form method="post" className="stack" key={r?.status === 'success' ? r.message : 'form'}>
        <CsrfInput />
        <label htmlFor="indikator">Indikator</label>
        <select id="indikator" name="indikator" defaultValue={v('indikator')} aria-describedby="indikator-error" required>
          <option value="">— pilih indikator —</option>
          {d.indicators.map((i) => (
            <option key={i.id} value={i.id}>
              {i.code} — {i.name} ({i.satuan})
            </option>
          ))}
        </select>
        <FieldMessage result={r} name="indikator" intent={HISTORIS_INTENT} id="indikator-error" />
        <label htmlFor="tahun">Tahun</label>
        <select id="tahun" name="tahun" defaultValue={v('tahun')} aria-describedby="tahun-error" required>
          <option value="">— pilih tahun —</option>
          {d.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <FieldMessage result={r} name="tahun" intent={HISTORIS_INTENT} id="tahun-error" />
        <label htmlFor="triwulan">Triwulan</label>
        <select id="triwulan" name="triwulan" defaultValue={v('triwulan')} aria-describedby="triwulan-error" required>
          <option value="">— pilih triwulan —</option>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              {quarterName(q)}
            </option>
          ))}
        </select>
        <FieldMessage result={r} name="triwulan" intent={HISTORIS_INTENT} id="triwulan-error" />
        <label htmlFor="nilai">Nilai realisasi</label>
        <input id="nilai" name="nilai" inputMode="decimal" defaultValue={v('nilai')} aria-describedby="nilai-error" required />
        <FieldMessage result={r} name="nilai" intent={HISTORIS_INTENT} id="nilai-error" />
        <label htmlFor="bukti">Bukti (opsional)</label>
        <textarea id="bukti" name="bukti" rows={2} maxLength={2000} defaultValue={v('bukti')} aria-describedby="bukti-error" />
        <FieldMessage result={r} name="bukti" intent={HISTORIS_INTENT} id="bukti-error" />
        <div className="toolbar">
          <button type="submit" className="btn">
            Simpan data historis
          </button>
        </div>
      </Form>
      <RecentHistoris recent={d.recent} />
    </div>
  )
}

/** The last rows entered as data historis. */
function RecentHistoris({ recent }: { recent: { code: string; year: number; quarter: number; value: number | null; bukti: string | null }[] }) {
  if (!recent.length) return null
  return (
    <>
      <h2>Data historis terakhir</h2>
      <table className="table">
        <ColumnHeads labels={['Indikator', 'Periode', 'Nilai', 'Bukti']} />
        <tbody>
          {recent.map((x) => (
            <tr key={`${x.code}-${x.year}-${x.quarter}`}>
              <td>{x.code}</td>
              <td>
                {quarterName(x.quarter)} {x.year}
              </td>
              <td>{x.value == null ? '—' : formatNumberTrim(x.value, 4)}</td>
              <td>{x.bukti ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
