// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import { Form } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import type { verificationPageData } from '../../presenters/verification.server'
import type { VerificationAnswer } from '../../services/realisasi/types'
import { typedValue } from '../../utils/forms'

type Page = Awaited<ReturnType<typeof verificationPageData>>

/** The deadline card and the quarter's closure card (close once ended, reopen with a reason). */
export function DeadlineAndClosure({ d, a, busy }: { d: Page; a: VerificationAnswer | undefined; busy: string | null }) {
  const reopenRefused = a?.intent === 'reopen_quarter' && a.status === 'error' ? a : undefined
  return (
    <div className="grid grid-2">
      <section className="card" aria-labelledby="h-deadline">
        <h2 id="h-deadline">Batas waktu</h2>
        <p>
          Batas pengisian {d.quarterTitle}: <strong>{d.deadline.dueLabel}</strong> — <strong>{d.deadline.countdown}</strong>
        </p>
        {d.future ? <p className="muted">Triwulan ini belum dimulai.</p> : null}
      </section>
      <section className="card" aria-labelledby="h-closure">
        <h2 id="h-closure">Penutupan triwulan</h2>
        {d.closure ? (
          <>
            <p>
              Ditutup oleh {d.closure.by ?? 'perencanaan'} pada {d.closure.at}. Kepala bidang tidak dapat lagi mengisi; baris yang dikembalikan masih dapat diperbaiki.
            </p>
            <details open={!!reopenRefused}>
              <summary>Buka kembali triwulan…</summary>
              <Form method="post" className="stack">
                <CsrfInput />
                <input type="hidden" name="opd" value={d.opdId ?? ''} />
                <input type="hidden" name="tahun" value={d.year} />
                <input type="hidden" name="triwulan" value={d.quarter} />
                <label htmlFor="alasan-buka">Alasan (wajib)</label>
                <textarea id="alasan-buka" name="alasan" required maxLength={2000} defaultValue={typedValue(reopenRefused, 'alasan', '')} />
                <button type="submit" name="intent" value="reopen_quarter" className="btn btn-secondary" disabled={busy === 'reopen_quarter:'}>
                  {busy === 'reopen_quarter:' ? 'Membuka…' : 'Buka kembali'}
                </button>
              </Form>
            </details>
          </>
        ) : d.canClose ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="opd" value={d.opdId ?? ''} />
            <input type="hidden" name="tahun" value={d.year} />
            <input type="hidden" name="triwulan" value={d.quarter} />
            <p className="muted">Setelah ditutup, kepala bidang tidak dapat lagi mengisi realisasi {d.quarterTitle}.</p>
            <button type="submit" name="intent" value="close_quarter" className="btn btn-danger" disabled={busy === 'close_quarter:'}>
              {busy === 'close_quarter:' ? 'Menutup…' : `Tutup ${d.quarterTitle}`}
            </button>
          </Form>
        ) : (
          <p className="muted">Triwulan belum berakhir; dapat ditutup setelah berakhir.</p>
        )}
      </section>
    </div>
  )
}
