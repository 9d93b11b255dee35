// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import { Form } from '@remix-run/react'
import type { verificationPageData } from '../../presenters/verification.server'

type Page = Awaited<ReturnType<typeof verificationPageData>>

/** The GET form: OPD (city level), year, quarter and bidang. */
export function PeriodFilters({ d }: { d: Pick<Page, 'opds' | 'opdId' | 'year' | 'quarter' | 'bidangFilter' | 'allBidang'> }) {
  return (
    <Form method="get" className="toolbar" aria-label="Pilih periode dan bidang">
      {d.opds.length > 1 ? (
        <div>
          <label htmlFor="f-opd">Perangkat daerah</label>
          <select id="f-opd" name="opd" defaultValue={d.opdId ?? ''}>
            {d.opds.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="f-tahun">Tahun</label>
        <input id="f-tahun" name="tahun" type="text" inputMode="numeric" maxLength={4} size={5} defaultValue={d.year} />
      </div>
      <div>
        <label htmlFor="f-tw">Triwulan</label>
        <select id="f-tw" name="triwulan" defaultValue={d.quarter}>
          <option value="1">TW I</option>
          <option value="2">TW II</option>
          <option value="3">TW III</option>
          <option value="4">TW IV</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-bidang">Bidang</label>
        <select id="f-bidang" name="bidang" defaultValue={d.bidangFilter ?? ''}>
          <option value="">Semua bidang</option>
          {d.allBidang.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-secondary">
        Tampilkan
      </button>
    </Form>
  )
}
