import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { entryPageData, parseEntryForm, saveEntries, type RowConflict, type RowProblem } from '../services/realisasi.server'
import { CsrfInput } from '../components/csrf'
import { EntryRow } from '../components/entry/entry-row'
import { fieldId, type TypedRow } from '../components/entry/fields'
import { RouteError } from '../components/route-error'
import type { Quarter } from '../domain/types'
import { AnggaranSection, type AnggaranReply } from '../components/entry/anggaran-section'
import { anggaranEntryData } from '../services/budget/page-data.server'
import { saveAnggaran } from '../services/budget/save-anggaran.server'
import { parseVersion } from '../services/budget/common.server'
import styles from '../styles/entry.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Input Realisasi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'realisasi:write' })
  const d = await entryPageData(getDb(), user, new URL(request.url).searchParams)
  return { ...d, anggaran: await anggaranEntryData(getDb(), user, d.year, d.quarter) }
}

/** intent=anggaran / anggaran_ajukan: the "Realisasi anggaran" section (its own form). */
async function anggaranAction(user: Parameters<typeof saveAnggaran>[1], form: FormData, requestId: string | null) {
  const year = Number(form.get('tahun'))
  const quarter = Number(form.get('triwulan'))
  const items: { programId: number; amount: string; version: number | null }[] = []
  const values: Record<string, string> = {}
  for (const [k, v] of form.entries()) {
    const m = /^a\.(\d{1,9})\.amount$/.exec(k)
    if (!m || typeof v !== 'string') continue
    const version = parseVersion(form.get(`a.${m[1]}.version`))
    if (version === 'invalid') return data({ anggaran: { ok: false, message: 'Versi baris tidak valid; muat ulang halaman.', problems: [], values } satisfies AnggaranReply }, { status: 400 })
    items.push({ programId: Number(m[1]), amount: v, version })
    values[m[1]!] = v
  }
  if (items.length > 500) return data({ anggaran: { ok: false, message: 'Terlalu banyak baris.', problems: [], values } satisfies AnggaranReply }, { status: 400 })
  const r = await saveAnggaran(getDb(), user, { year, quarter, items, submit: form.get('intent') === 'anggaran_ajukan' }, requestId)
  const reply: AnggaranReply = r.ok ? { ok: true, message: r.message, problems: [], values: {} } : { ok: false, message: r.message, problems: r.problems, values }
  return data({ anggaran: reply }, { status: r.ok ? 200 : r.status })
}

interface EntryActionData {
  ok: boolean
  message: string
  year: number | null
  quarter: number | null
  general: string[]
  problems: RowProblem[]
  conflicts: RowConflict[]
  /** What was typed, per indicator id (kept when nothing was saved, and for rows a row-level save did not touch). */
  values: Record<string, TypedRow>
  /** The version each kept row was based on. */
  versions: Record<string, string>
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'realisasi:write' })
  const intent = form.get('intent')
  if (intent === 'anggaran' || intent === 'anggaran_ajukan') return anggaranAction(user, form, context?.requestId ?? null)
  const parsed = parseEntryForm(form)
  if (!parsed.ok) {
    const body: EntryActionData = { ok: false, message: parsed.errors.join(' '), year: null, quarter: null, general: parsed.errors, problems: [], conflicts: [], values: {}, versions: {} }
    return data(body, { status: 400 })
  }
  const req = parsed.request
  const result = await saveEntries(getDb(), user, req, context?.requestId ?? null)
  const values: Record<string, TypedRow> = {}
  const versions: Record<string, string> = {}
  for (const r of req.rows) {
    if (result.ok && (req.only == null || req.only === r.indicatorId)) continue // saved: show what the database holds now
    values[r.indicatorId] = { value: r.value, tidakDiukur: r.tidakDiukur, buktiText: r.buktiText, buktiLink: r.buktiLink, kendala: r.kendala, tindakLanjut: r.tindakLanjut }
    const v = r.overrideVersion ?? r.version
    versions[r.indicatorId] = v == null ? '' : String(v)
  }
  const body: EntryActionData = result.ok
    ? { ok: true, message: result.message, year: req.year, quarter: req.quarter, general: [], problems: [], conflicts: [], values, versions }
    : { ok: false, message: result.message, year: req.year, quarter: req.quarter, general: result.general, problems: result.problems, conflicts: result.conflicts, values, versions }
  return data(body, { status: result.ok ? 200 : result.status })
}

export default function RealisasiPage() {
  const d = useLoaderData<typeof loader>()
  const rawAny = useActionData<typeof action>() as EntryActionData | { anggaran: AnggaranReply } | undefined
  const anggaranReply = rawAny && 'anggaran' in rawAny ? rawAny.anggaran : null
  const raw = rawAny && !('anggaran' in rawAny) ? rawAny : undefined
  const a = raw && (raw.year == null || (raw.year === d.year && raw.quarter === d.quarter)) ? raw : undefined
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? 'simpan') : null
  const editable = d.rows.filter((r) => r.editable)
  const quarter = d.quarter as Quarter

  return (
    <div className="entry-page">
      <h1>
        Input Realisasi — {d.quarterTitle}
        {d.unitName ? <span className="muted entry-unit"> · {d.unitName}</span> : null}
      </h1>

      {d.notices.map((n) => (
        <div key={n} className="banner banner-warn" role="note">
          {n}
        </div>
      ))}

      <div className="entry-top">
        <Form method="get" className="toolbar entry-picker" aria-label="Pilih triwulan">
          <div>
            <label htmlFor="pilih-triwulan">Triwulan</label>
            <select id="pilih-triwulan" name="tw" defaultValue={`${d.year}-${d.quarter}`}>
              {d.options.map((o) => (
                <option key={`${o.year}-${o.quarter}`} value={`${o.year}-${o.quarter}`}>
                  {o.label}
                  {o.note ? ` (${o.note})` : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-secondary">
            Tampilkan
          </button>
        </Form>
        <div className={`card entry-deadline${d.deadline.late ? ' entry-deadline-late' : ''}`}>
          <div>
            Batas pengisian {d.quarterTitle}: <strong>{d.deadline.dueLabel}</strong>
          </div>
          <div className="entry-countdown">{d.deadline.countdown}</div>
          {d.deadline.late ? <div className="muted">Realisasi masih diterima, tetapi ditandai terlambat.</div> : null}
        </div>
      </div>

      {d.closure ? (
        <div className="banner banner-info" role="note">
          {d.quarterTitle} sudah ditutup oleh {d.closure.by ?? 'perencanaan'} pada {d.closure.at}. Hanya baris yang dikembalikan yang masih dapat diperbaiki.
        </div>
      ) : null}
      {d.returnedElsewhere.length ? (
        <div className="banner banner-warn" role="note">
          Ada realisasi yang dikembalikan perencanaan dan perlu diperbaiki:{' '}
          {d.returnedElsewhere.map((o, i) => (
            <span key={`${o.year}-${o.quarter}`}>
              {i ? ', ' : ''}
              <Link to={`/realisasi?tahun=${o.year}&triwulan=${o.quarter}`}>
                {o.label} ({o.note})
              </Link>
            </span>
          ))}
        </div>
      ) : null}

      {a ? (
        a.ok ? (
          <div className="banner banner-ok" role="status">
            {a.message}
          </div>
        ) : (
          <div className="banner banner-error" role="alert" id="entry-errors" tabIndex={-1}>
            <p>
              <strong>{a.message}</strong>
            </p>
            {a.general.length || a.problems.length || a.conflicts.length ? (
              <ul>
                {a.general.map((g) => (
                  <li key={g}>{g}</li>
                ))}
                {a.conflicts.map((c) => (
                  <li key={`c-${c.indicatorId}`}>
                    <a href={`#${fieldId(c.indicatorId, 'row')}`}>{c.code}</a>: {c.message}
                  </li>
                ))}
                {a.problems.map((p, i) => (
                  <li key={i}>
                    <a href={`#${fieldId(p.indicatorId, p.field === 'row' ? 'row' : p.field)}`}>{p.code}</a>: {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )
      ) : null}

      {d.unitName == null ? (
        <div className="empty">Akun Anda belum terhubung ke unit kerja. Minta admin mengatur unit Anda.</div>
      ) : d.rows.length === 0 ? (
        <div className="empty">Tidak ada indikator bidang Anda pada periode Renstra tahun {d.year}.</div>
      ) : (
        <Form method="post" className="entry-form" noValidate>
          <CsrfInput />
          <input type="hidden" name="tahun" value={d.year} />
          <input type="hidden" name="triwulan" value={d.quarter} />
          <div className="toolbar entry-toolbar">
            <button type="submit" name="intent" value="simpan" className="btn btn-secondary" disabled={!editable.length || busyIntent === 'simpan'}>
              {busyIntent === 'simpan' ? 'Menyimpan…' : 'Simpan semua sebagai draf'}
            </button>
            <button type="submit" name="intent" value="ajukan" className="btn" disabled={!editable.length || busyIntent === 'ajukan'}>
              {busyIntent === 'ajukan' ? 'Mengajukan…' : 'Ajukan semua'}
            </button>
            <span className="muted">
              {editable.length} dari {d.rows.length} indikator dapat diisi. &quot;Ajukan&quot; memeriksa semua baris dan mengirimnya ke perencanaan untuk verifikasi.
            </span>
          </div>
          {d.rows.map((view) => (
            <EntryRow
              key={`${view.indicatorId}-${view.row?.version ?? 0}-${d.year}-${d.quarter}`}
              view={view}
              year={d.year}
              quarter={quarter}
              settings={d.settings}
              typed={a?.values[view.indicatorId] ?? null}
              postedVersion={a?.versions[view.indicatorId] ?? null}
              problems={a?.problems.filter((p) => p.indicatorId === view.indicatorId) ?? []}
              conflict={a?.conflicts.find((c) => c.indicatorId === view.indicatorId) ?? null}
              busyIntent={busyIntent}
            />
          ))}
          <div className="toolbar entry-toolbar">
            <button type="submit" name="intent" value="simpan" className="btn btn-secondary" disabled={!editable.length || busyIntent === 'simpan'}>
              {busyIntent === 'simpan' ? 'Menyimpan…' : 'Simpan semua sebagai draf'}
            </button>
            <button type="submit" name="intent" value="ajukan" className="btn" disabled={!editable.length || busyIntent === 'ajukan'}>
              {busyIntent === 'ajukan' ? 'Mengajukan…' : 'Ajukan semua'}
            </button>
          </div>
        </Form>
      )}
      <AnggaranSection lines={d.anggaran} year={d.year} quarter={d.quarter} reply={anggaranReply} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
