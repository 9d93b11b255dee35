import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { randomUUID } from 'node:crypto'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { entryPageData } from '../presenters/entry.server'
import { runEntryAction, type EntryAnswer } from '../services/realisasi/entry-form.server'
import { CsrfInput, useCsrfToken } from '../components/csrf'
import { EntryRow } from '../components/entry/entry-row'
import { SUBMISSION_KEY_FIELD } from '../utils/entry-fields'
import { DeviceDraftNote, EntryAnswerBanner, EntryButtons, EntryTop, PeriodNotes } from '../components/entry/entry-page-parts'
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

type PageData = ReturnType<typeof useLoaderData<typeof loader>>
type Entry = ReturnType<typeof useEntryDrafts>

/** The answer this page shows: the client's last save of this period, else what a plain post answered. */
function useEntryAnswer(d: PageData) {
  const rawAny = useActionData<typeof action>()
  const anggaranReply = rawAny && 'anggaran' in rawAny ? rawAny.anggaran : null
  const raw = rawAny && !('anggaran' in rawAny) ? rawAny : undefined
  const posted = raw && (raw.year == null || (raw.year === d.year && raw.quarter === d.quarter)) ? raw : undefined
  return { anggaranReply, posted }
}

/** The entry form: the envelope, the buttons above and below, one EntryRow per indicator. */
function EntryForm({ d, entry, a, busyIntent }: { d: PageData; entry: Entry; a: EntryAnswer | undefined; busyIntent: string | null }) {
  const editable = d.rows.filter((r) => r.editable)
  return (
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
      <EntryButtons canEdit={editable.length > 0} busyIntent={busyIntent}>
        <span className="muted">
          {editable.length} dari {d.rows.length} indikator dapat diisi. &quot;Ajukan&quot; memeriksa semua baris dan mengirimnya ke perencanaan untuk verifikasi.
        </span>
      </EntryButtons>
      {d.rows.map((view) => (
        <EntryRow
          key={`${view.indicatorId}-${d.year}-${d.quarter}`}
          view={view}
          year={d.year}
          quarter={d.quarter as Quarter}
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
      <EntryButtons canEdit={editable.length > 0} busyIntent={busyIntent} />
    </Form>
  )
}

export default function RealisasiPage() {
  const d = useLoaderData<typeof loader>()
  const { anggaranReply, posted } = useEntryAnswer(d)
  const navigation = useNavigation()
  const entry = useEntryDrafts({ scope: d.draftScope, year: d.year, quarter: d.quarter, rows: d.rows, csrfToken: useCsrfToken(), posted })
  const fromClient = entry.result && entry.result.year === d.year && entry.result.quarter === d.quarter ? entry.result : undefined
  const a = fromClient ?? posted
  const busyIntent = entry.busyIntent ?? (navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? 'simpan') : null)
  const loginUrl = `/login?redirectTo=${encodeURIComponent(`/realisasi?tahun=${d.year}&triwulan=${d.quarter}`)}`

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
      <EntryTop year={d.year} quarter={d.quarter} quarterTitle={d.quarterTitle} options={d.options} deadline={d.deadline} />
      <PeriodNotes quarterTitle={d.quarterTitle} closure={d.closure} returnedElsewhere={d.returnedElsewhere} />
      <SaveStatusBanner status={entry.status} online={entry.online} sessionEnded={entry.sessionEnded} loginUrl={loginUrl} onRetry={entry.retryNow} />
      <DeviceDraftNote localCount={entry.dirtyIds.length} staleCount={Object.keys(entry.stale).length} />
      <LeaveGuard dirty={entry.dirty} leaving={entry.leaving} />
      <EntryAnswerBanner a={a} />
      {d.unitName == null ? (
        <div className="empty">Akun Anda belum terhubung ke unit kerja. Minta admin mengatur unit Anda.</div>
      ) : d.rows.length === 0 ? (
        <div className="empty">
          Tidak ada indikator bidang Anda pada periode Renstra tahun {d.year}. Perencanaan menyusun Renstra di Kelola Renstra atau mengimpornya di Impor Renstra; lihat yang sudah
          ada di <Link to="/renstra">Renstra &amp; IKU</Link>.
        </div>
      ) : (
        <EntryForm d={d} entry={entry} a={a} busyIntent={busyIntent} />
      )}
      <AnggaranSection lines={d.anggaran} year={d.year} quarter={d.quarter} reply={anggaranReply} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
