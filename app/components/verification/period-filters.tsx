// Parts of the verification page (/verifikasi). They draw what the page's read model
// (presenters/verification.server.ts) shaped; the forms post to the page's action.
import { Form } from '@remix-run/react'
import { quarterShort } from '../../domain/labels'
import { named, SelectField } from '../select-field'
import type { verificationPageData } from '../../presenters/verification.server'

const TW_OPTIONS = [1, 2, 3, 4].map((q) => ({ value: String(q), label: quarterShort(q) }))

type Page = Awaited<ReturnType<typeof verificationPageData>>

/** The GET form: OPD (city level), year, quarter and bidang. */
export function PeriodFilters({ d }: { d: Pick<Page, 'opds' | 'opdId' | 'year' | 'quarter' | 'bidangFilter' | 'allBidang'> }) {
  return (
    <Form method="get" className="toolbar" aria-label="Pilih periode dan bidang">
      {d.opds.length > 1 ? <SelectField id="f-opd" name="opd" label="Perangkat daerah" options={named(d.opds)} defaultValue={d.opdId ?? ''} /> : null}
      <div>
        <label htmlFor="f-tahun">Tahun</label>
        <input id="f-tahun" name="tahun" type="text" inputMode="numeric" maxLength={4} size={5} defaultValue={d.year} />
      </div>
      <SelectField id="f-tw" name="triwulan" label="Triwulan" options={TW_OPTIONS} defaultValue={d.quarter} />
      <SelectField id="f-bidang" name="bidang" label="Bidang" options={[{ value: '', label: 'Semua bidang' }, ...named(d.allBidang)]} defaultValue={d.bidangFilter ?? ''} />
      <button type="submit" className="btn btn-secondary">
        Tampilkan
      </button>
    </Form>
  )
}
