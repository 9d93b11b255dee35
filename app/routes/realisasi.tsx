import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { randomUUID } from 'node:crypto'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { entryPageData } from '../presenters/entry.server'
import { runEntryAction } from '../services/realisasi/entry-form.server'
import { CsrfInput, useCsrfToken } from '../components/csrf'
import { EntryRow } from '../components/entry/entry-row'
import { fieldId, SUBMISSION_KEY_FIELD } from '../utils/entry-fields'
import { useEntryDrafts } from '../components/entry/use-entry-drafts'
import { LeaveGuard, SaveStatusBanner } from '../components/entry/save-status'
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
  const page = await entryPageData(getDb(), user, new URL(request.url).searchParams)
  // whose copy on this device the page reads (user and OPD), and a key for a form posted without JavaScript
  return { ...page, anggaran: await anggaranEntryData(getDb(), user, page.year, page.quarter), draftScope: `${user.id}:${user.opdId ?? 'kota'}`, submissionKey: randomUUID() }
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
    if (version === 'invalid')
      return data({ anggaran: { ok: false, message: 'Versi baris tidak valid; muat ulang halaman.', problems: [], values } satisfies AnggaranReply }, { status: 400 })
    items.push({ programId: Number(m[1]), amount: v, version })
    values[m[1]!] = v
  }
  if (items.length > 500) return data({ anggaran: { ok: false, message: 'Terlalu banyak baris.', problems: [], values } satisfies AnggaranReply }, { status: 400 })
  const r = await saveAnggaran(getDb(), user, { year, quarter, items, submit: form.get('intent') === 'anggaran_ajukan' }, requestId)
  const reply: AnggaranReply = r.ok ? { ok: true, message: r.message, problems: [], values: {} } : { ok: false, message: r.message, problems: r.problems, values }
  return data({ anggaran: reply }, { status: r.ok ? 200 : r.status })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'realisasi:write' })
  const intent = form.get('intent')
  if (intent === 'anggaran' || intent === 'anggaran_ajukan') return anggaranAction(user, form, context?.requestId ?? null)
  const { status, body } = await runEntryAction(getDb(), user, form, context?.requestId ?? null)
  return data(body, { status })
}

export default function RealisasiPage() {
  const d = useLoaderData<typeof loader>()
  const rawAny = useActionData<typeof action>()
  const anggaranReply = rawAny && 'anggaran' in rawAny ? rawAny.anggaran : null
  const raw = rawAny && !('anggaran' in rawAny) ? rawAny : undefined
  const posted = raw && (raw.year == null || (raw.year === d.year && raw.quarter === d.quarter)) ? raw : undefined
  const navigation = useNavigation()
  const entry = useEntryDrafts({ scope: d.draftScope, year: d.year, quarter: d.quarter, rows: d.rows, csrfToken: useCsrfToken(), posted })
  const fromClient = entry.result && entry.result.year === d.year && entry.result.quarter === d.quarter ? entry.result : undefined
  const a = fromClient ?? posted
  const busyIntent = entry.busyIntent ?? (navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? 'simpan') : null)
  const editable = d.rows.filter((r) => r.editable)
  const quarter = d.quarter as Quarter
  const loginUrl = `/login?redirectTo=${encodeURIComponent(`/realisasi?tahun=${d.year}&triwulan=${d.quarter}`)}`
  const localCount = entry.dirtyIds.length
  const staleCount = Object.keys(entry.stale).length

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

      <SaveStatusBanner status={entry.status} online={entry.online} sessionEnded={entry.sessionEnded} loginUrl={loginUrl} onRetry={entry.retryNow} />
      {localCount || staleCount ? (
        <div className="banner banner-info" role="status" id="draf-perangkat">
          {localCount ? `${localCount} baris berisi draf di perangkat ini yang belum tersimpan di server. ` : ''}
          {staleCount ? `${staleCount} baris punya draf lama di perangkat ini yang berbeda dengan data server (ditampilkan di baris itu).` : ''}
        </div>
      ) : null}
      <LeaveGuard dirty={entry.dirty} leaving={entry.leaving} />

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
        <div className="empty">
          Tidak ada indikator bidang Anda pada periode Renstra tahun {d.year}. Perencanaan menyusun Renstra di Kelola Renstra atau mengimpornya di Impor Renstra; lihat yang sudah
          ada di <Link to="/renstra">Renstra &amp; IKU</Link>.
        </div>
      ) : (
        <Form
          method="post"
          className="entry-form"
          noValidate
          aria-busy={entry.saving ? true : undefined}
          onSubmit={(e) => {
            e.preventDefault()
            entry.submit(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter)
          }}
        >
          <CsrfInput />
          <input type="hidden" name={SUBMISSION_KEY_FIELD} value={d.submissionKey} />
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
              key={`${view.indicatorId}-${d.year}-${d.quarter}`}
              view={view}
              year={d.year}
              quarter={quarter}
              settings={d.settings}
              fields={entry.fieldsOf(view)}
              baseVersion={entry.baseVersionOf(view)}
              local={entry.drafts[view.indicatorId]?.saved === false}
              stale={entry.stale[view.indicatorId] ?? null}
              onChange={(patch) => entry.change(view, patch)}
              onDiscard={() => entry.discard(view)}
              onAdoptStale={() => entry.adoptStale(view)}
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
