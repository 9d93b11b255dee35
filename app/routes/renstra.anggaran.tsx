// /renstra/anggaran?tahun=2026 — perencanaan sets the pagu of every program / kegiatan / sub kegiatan for a year.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { paguPageData } from '../services/budget/page-data.server'
import { setPagu } from '../services/budget/set-pagu.server'
import { parseVersion } from '../services/budget/common.server'
import { currentQuarterOf } from '../domain'
import { getSettings } from '../models/settings.server'
import { now } from '../utils/clock.server'
import { CsrfInput } from '../components/csrf'
import { RouteError } from '../components/route-error'

export const meta: MetaFunction = () => [{ title: 'Pagu Anggaran — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'renstra:manage' })
  const db = getDb()
  const raw = new URL(request.url).searchParams.get('tahun') ?? ''
  const year = /^\d{4}$/.test(raw) ? Number(raw) : currentQuarterOf(now(), (await getSettings(db)).scoring.timeZone).year
  return { year, lines: await paguPageData(db, user.opdId, year) }
}

interface PaguReply {
  ok: boolean
  message: string
  problems: string[]
  values: Record<string, string>
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'renstra:manage' })
  const year = Number(form.get('tahun'))
  const items: { programId: number; pagu: string; version: number | null }[] = []
  const values: Record<string, string> = {}
  for (const [k, v] of form.entries()) {
    const m = /^p\.(\d{1,9})\.pagu$/.exec(k)
    if (!m || typeof v !== 'string') continue
    const version = parseVersion(form.get(`p.${m[1]}.version`))
    if (version === 'invalid') return data<PaguReply>({ ok: false, message: 'Versi baris tidak valid; muat ulang halaman.', problems: [], values }, { status: 400 })
    items.push({ programId: Number(m[1]), pagu: v, version })
    values[m[1]!] = v
  }
  if (items.length > 1000) return data<PaguReply>({ ok: false, message: 'Terlalu banyak baris.', problems: [], values }, { status: 400 })
  const r = await setPagu(getDb(), user, year, items, context?.requestId ?? null)
  return r.ok
    ? data<PaguReply>({ ok: true, message: r.message, problems: [], values: {} })
    : data<PaguReply>({ ok: false, message: r.message, problems: r.problems, values }, { status: r.status })
}

export default function PaguPage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>() as PaguReply | undefined
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
      {a ? (
        <div className={`banner ${a.ok ? 'banner-ok' : 'banner-error'}`} role={a.ok ? 'status' : 'alert'}>
          <strong>{a.message}</strong>
        </div>
      ) : null}
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
                    <input type="hidden" name={`p.${l.programId}.version`} value={l.version ?? ''} />
                    <input
                      name={`p.${l.programId}.pagu`}
                      aria-label={`Pagu ${l.code}`}
                      inputMode="decimal"
                      defaultValue={a && !a.ok ? (a.values[l.programId] ?? l.pagu) : l.pagu}
                      disabled={l.closed}
                    />
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
