import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { clearKeptDrafts, useKeptScope } from '../components/kept-textarea'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import { verificationPageData } from '../presenters/verification.server'
import { runVerificationAction } from '../services/realisasi/verification-form.server'
import { CsrfInput } from '../components/csrf'
import { RouteError } from '../components/route-error'
import { AnggaranReview } from '../components/entry/anggaran-review'
import { AnswerBanner } from '../components/verification/answer-banner'
import { BidangSummary } from '../components/verification/bidang-summary'
import { DeadlineAndClosure } from '../components/verification/deadline-closure'
import { PeriodFilters } from '../components/verification/period-filters'
import { BidangTable } from '../components/verification/review-table'
import { anggaranReviewData } from '../services/budget/page-data.server'
import styles from '../styles/entry.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Verifikasi Realisasi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'realisasi:verify' })
  const d = await verificationPageData(getDb(), user, new URL(request.url).searchParams)
  return { ...d, anggaran: await anggaranReviewData(getDb(), d.opdId, d.year, d.quarter) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'realisasi:verify' })
  const { status, body } = await runVerificationAction(getDb(), user, form, context?.requestId ?? null)
  return data(body, { status })
}

export default function VerifikasiPage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' ? `${navigation.formData?.get('intent') ?? ''}:${navigation.formData?.get('id') ?? ''}` : null
  const qs = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams({ tahun: String(d.year), triwulan: String(d.quarter), ...(d.opdId && d.opds.length ? { opd: String(d.opdId) } : {}) })
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v))
    return `?${p.toString()}`
  }
  const anySubmitted = d.bidang.some((b) => b.rows.some((r) => r.row?.status === 'diajukan'))
  // the server accepted a return or an unlock: its note no longer needs the copy on this device
  const keptScope = useKeptScope()
  useEffect(() => {
    if (a?.status === 'success' && a.targetId != null) clearKeptDrafts(keptScope, 'verif', a.targetId)
  }, [a, keptScope])

  return (
    <div>
      <h1>Verifikasi Realisasi — {d.quarterTitle}</h1>
      {d.notices.map((n) => (
        <div key={n} className="banner banner-warn" role="note">
          {n}
        </div>
      ))}
      <PeriodFilters d={d} />
      <AnswerBanner a={a} />
      <DeadlineAndClosure d={d} a={a} busy={busy} />
      <BidangSummary d={d} qs={qs} />
      {anySubmitted ? (
        <Form method="post" id="verif-bulk" className="toolbar">
          <CsrfInput />
          <button type="submit" name="intent" value="verify_selected" className="btn" disabled={busy === 'verify_selected:'}>
            {busy === 'verify_selected:' ? 'Memverifikasi…' : 'Verifikasi baris yang dipilih'}
          </button>
          <span className="muted">Centang baris berstatus Diajukan di tabel di bawah.</span>
        </Form>
      ) : null}

      {d.bidang.map((b) => (
        <BidangTable key={b.id} b={b} a={a} busy={busy} />
      ))}
      <AnggaranReview lines={d.anggaran} quarterTitle={d.quarterTitle} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
