// The marks of the indicator form's copy on this device: "draf di perangkat ini" with a button to
// discard it, and an older copy shown beside the server's values (applied only when asked).
import type { StoredDraft } from '../entry/local-draft'
import { indicatorFieldLabel, type IndicatorFormValues } from '../../utils/renstra-fields'
import { differences } from './use-indicator-draft'
import { formatDateTimeIn } from '../../domain/dates'
import { ColumnHeads } from '../data-table'
import { DraftChoice } from '../draft-choice'

export function DraftNotice({ onDiscard }: { onDiscard: () => void }) {
  return (
    <div className="banner banner-info renstra-draft" role="note" id="renstra-draf">
      <span className="badge renstra-draft-badge">Draf di perangkat ini</span> Isian yang belum disimpan dipulihkan dari perangkat ini; simpan untuk mengirimnya ke server.{' '}
      <button type="button" className="btn btn-secondary" onClick={onDiscard}>
        Buang draf
      </button>
    </div>
  )
}

export function StaleDraftPanel({
  stale,
  server,
  years,
  timeZone,
  onAdopt,
  onDiscard,
}: {
  stale: StoredDraft<IndicatorFormValues>
  server: IndicatorFormValues
  years: number[]
  /** The app's time zone (Pengaturan), as the entry page's draft notice uses. */
  timeZone: string
  onAdopt: () => void
  onDiscard: () => void
}) {
  const diff = differences(stale.fields, server, years)
  return (
    <div className="banner banner-warn renstra-draft-stale" role="note" id="renstra-draf-lama">
      <p>
        <strong>Draf di perangkat ini</strong> (diketik {formatDateTimeIn(new Date(stale.at), timeZone)}, dari versi {stale.version || 'baru'}) berbeda dengan data di server yang
        sudah berubah sejak itu. Draf tidak dipakai kecuali Anda memilihnya.
      </p>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <ColumnHeads labels={['Isian', 'Draf di perangkat ini', 'Di server sekarang']} />
          <tbody>
            {diff.map(([name, mine, theirs]) => (
              <tr key={name}>
                <td>{indicatorFieldLabel(name)}</td>
                <td>{mine || '–'}</td>
                <td>{theirs || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DraftChoice onAdopt={onAdopt} onDiscard={onDiscard} />
    </div>
  )
}
