// The drill-down of a heatmap cell: the cell's score with its flags and the meeting's note, and
// the indicators of the cell with their kendala / tindak lanjut.
import { Link } from '@remix-run/react'
import type { CellPageView } from '../../../presenters/cell.server'
import { CellContent } from '../../charts/heatmap'
import { capaianColumns, DataTable, ListOrDash, type Column } from '../../data-table'
import { PredikatBadge } from '../banners'

/** The cell's score, flags and the meeting's note (with the saved notice after a save). */
export function CellSummary({ c, saved }: { c: CellPageView['cell']; saved: boolean }) {
  return (
    <section className="card" aria-labelledby="h-cell">
      <h2 id="h-cell">Skor sel dan catatan rapat</h2>
      <div className="cell-summary">
        <div className={`hm-cell p-${c.predikatKey}${c.flags.length ? ' hm-flagged' : ''}`} data-testid="cell-score">
          <div className="hm-link">
            <CellContent c={c} />
          </div>
        </div>
        <div className="note-box" id="catatan">
          <h3>Catatan rapat evaluasi</h3>
          {saved ? (
            <p className="banner banner-ok" role="status">
              Catatan rapat tersimpan.
            </p>
          ) : null}
          {c.note ? (
            <dl className="meta">
              <dt>Penilaian rapat</dt>
              <dd data-testid="note-judgement">{c.note.judgementLabel}</dd>
              <dt>Skor terhitung</dt>
              <dd>
                {c.text} <PredikatBadge predikatKey={c.predikatKey} label={c.predikatLabel} />
              </dd>
              <dt>Kendala</dt>
              <dd>{c.note.kendala ?? '–'}</dd>
              <dt>Rekomendasi</dt>
              <dd>{c.note.rekomendasi ?? '–'}</dd>
              <dt>Dicatat</dt>
              <dd>
                {c.note.updatedByName ?? '–'}, {c.note.updatedAtText}
              </dd>
            </dl>
          ) : (
            <p className="muted">Belum ada catatan rapat untuk sel ini pada periode ini.</p>
          )}
          {c.disagreement ? (
            <p className="disagreement" data-testid="disagreement">
              <span aria-hidden="true">≠</span> Tidak sejalan: {c.disagreement}.
            </p>
          ) : null}
        </div>
      </div>
      {c.flags.length ? (
        <div className="banner banner-warn">
          <strong>
            <span aria-hidden="true">⚠</span> Perlu perhatian
          </strong>
          <ul>
            {c.flags.map((f, i) => (
              <li key={i}>
                {f.kindLabel}: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}

type CellIndicator = CellPageView['indicators'][number]

const CELL_COLUMNS: Column<CellIndicator>[] = [
  { key: 'code', label: 'Kode', className: 'nowrap', cell: (i) => <Link to={i.href}>{i.code}</Link> },
  {
    key: 'name',
    label: 'Indikator',
    cell: (i) => (
      <>
        <Link to={i.href}>{i.name}</Link>
        <div className="muted">
          {i.satuan} · {i.polarity} · {i.polaUkur}
        </div>
      </>
    ),
  },
  { key: 'unit', label: 'Bidang', cell: (i) => i.unitName },
  ...capaianColumns<CellIndicator>(),
  {
    key: 'status',
    label: 'Status',
    cell: (i) => (
      <>
        {i.statusLabel}
        {i.flags.map((f, k) => (
          <div key={k} className="muted">
            <span aria-hidden="true">⏱</span> {f.reason}
          </div>
        ))}
      </>
    ),
  },
  {
    key: 'narratives',
    label: 'Kendala / tindak lanjut',
    cell: (i) => (
      <ListOrDash
        className="narratives"
        items={i.narratives.map((n) => (
          <>
            <strong>{n.quarterLabel}</strong> ({n.status}){n.kendala ? <div>Kendala: {n.kendala}</div> : null}
            {n.tindakLanjut ? <div>Tindak lanjut: {n.tindakLanjut}</div> : null}
          </>
        ))}
      />
    ),
  },
]

/** The indicators of the cell, each with its capaian, status, flags and narratives. */
export function CellIndicators({ v }: { v: CellPageView }) {
  return (
    <section className="card" aria-labelledby="h-ind">
      <h2 id="h-ind">Indikator pada sel ini ({v.indicators.length})</h2>
      {v.indicators.length === 0 ? (
        <p className="empty">Belum ada indikator yang dipetakan ke aspek dan strategi ini.</p>
      ) : (
        <DataTable columns={CELL_COLUMNS} rows={v.indicators} rowKey={(i) => i.id} rowProps={(i) => ({ 'data-indicator': i.code })} />
      )}
    </section>
  )
}
