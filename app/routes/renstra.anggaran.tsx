// /renstra/anggaran?tahun=2026 — perencanaan sets the pagu of every program / kegiatan / sub kegiatan for a year.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { paguPageData } from '../services/budget/page-data.server'
import { paguFormSchema, savePaguForm } from '../services/budget/pagu-form.server'
import { PAGU_INTENT, paguFieldName, paguVersionName } from '../utils/page-shared'
import { formValues, parseForm, typedValue } from '../utils/forms'
import { currentQuarterOf } from '../domain'
import { getSettings } from '../models/settings.server'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
import { RouteError } from '../components/route-error'
import { FieldMessage, FormMessages } from '../components/form-result'

export const meta: MetaFunction = () => [{ title: 'Pagu Anggaran — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  const db = getDb()
  const raw = new URL(request.url).searchParams.get('tahun') ?? ''
  const year = /^\d{4}$/.test(raw) ? Number(raw) : currentQuarterOf(now(), (await getSettings(db)).scoring.timeZone).year
  return { year, lines: await paguPageData(db, user.opdId, year) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const parsed = parseForm(form, paguFormSchema, { intent: PAGU_INTENT, summary: 'Pagu tidak disimpan: periksa isian yang ditandai.' })
  if (!parsed.ok) return data(parsed.result, { status: 400 })
  const { status, result } = await savePaguForm(getDb(), user, parsed.value, formValues(form), context?.requestId ?? null)
  return data(result, { status })
}

export default function PaguPage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  return (
    <div className="entry-page">
      <h1>Pagu anggaran {d.year}</h1>
      <p className="muted">
        Pagu per program, kegiatan dan sub kegiatan untuk tahun {d.year}, dalam rupiah (misalnya 1.250.000 atau 1.250.000,50). Setiap perubahan tercatat di jejak audit.{' '}
        <Link to="/renstra/kelola">Kembali ke kelola Renstra</Link>
      </p>
      <Form method="get" className="toolbar">
        <label htmlFor="pagu-tahun">Tahun</label>
        <input id="pagu-tahun" name="tahun" defaultValue={d.year} inputMode="numeric" size={6} />
        <button type="submit" className="btn btn-secondary">
          Tampilkan
        </button>
      </Form>
      <FormMessages result={a} intent={PAGU_INTENT} />
      {d.lines.length === 0 ? (
        <div className="empty">
          Belum ada program/kegiatan pada Renstra tahun {d.year}. Tambahkan di <Link to="/renstra/kelola">Kelola Renstra</Link> atau <Link to="/impor/renstra">impor Renstra</Link>.
        </div>
      ) : (
        <Form method="post" noValidate>
          <CsrfInput />
          <input type="hidden" name="tahun" value={d.year} />
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Kode</th>
                <th scope="col">Program/Kegiatan/Sub kegiatan</th>
                <th scope="col">Unit</th>
                <th scope="col">Pagu {d.year} (Rp)</th>
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l) => (
                <tr key={l.programId}>
                  <td>{l.code}</td>
                  <td>{l.name}</td>
                  <td>{l.unit ?? '–'}</td>
                  <td>
                    <input type="hidden" name={paguVersionName(l.programId)} value={l.version ?? ''} />
                    <input
                      name={paguFieldName(l.programId)}
                      aria-label={`Pagu ${l.code}`}
                      aria-describedby={`pagu-${l.programId}-error`}
                      inputMode="decimal"
                      defaultValue={typedValue(a, paguFieldName(l.programId), l.pagu, PAGU_INTENT)}
                      disabled={l.closed}
                    />
                    <FieldMessage result={a} name={paguFieldName(l.programId)} intent={PAGU_INTENT} id={`pagu-${l.programId}-error`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="btn">
            Simpan pagu
          </button>
        </Form>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
