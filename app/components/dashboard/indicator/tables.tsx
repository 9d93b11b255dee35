// The indicator page's tables: target and realisation per Renstra year, the quarters of the
// chosen year, every realisation entry with its evidence, and the audit history of the entries.
import type { IndicatorPageView } from '../../../presenters/indicator.server'
import { capaianColumns, DataTable, ListOrDash, type Column } from '../../data-table'
import { PredikatBadge } from '../banners'

type Year = IndicatorPageView['perYear'][number]
type Quarter = IndicatorPageView['quarters'][number]
type Entry = IndicatorPageView['entries'][number]
type History = IndicatorPageView['history'][number]

const YEAR_COLUMNS: Column<Year>[] = [
  { key: 'year', label: 'Tahun', rowHeader: true, cell: (y) => y.year },
  ...capaianColumns<Year>(),
  { key: 'status', label: 'Status', cell: (y) => y.statusLabel },
]

export function PerYearTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-years">
      <h2 id="h-years">Target dan realisasi per tahun</h2>
      <DataTable columns={YEAR_COLUMNS} rows={v.perYear} rowKey={(y) => y.year} />
    </section>
  )
}

const QUARTER_COLUMNS: Column<Quarter>[] = [
  { key: 'q', label: 'Triwulan', rowHeader: true, cell: (q) => q.label },
  { key: 'target', label: 'Target triwulan', num: true, cell: (q) => q.targetText },
  { key: 'value', label: 'Realisasi', num: true, cell: (q) => q.valueText },
  { key: 'capaian', label: 'Capaian', num: true, cell: (q) => q.capaianText },
  { key: 'predikat', label: 'Predikat', cell: (q) => <PredikatBadge predikatKey={q.predikatKey} label={q.predikatLabel} /> },
  {
    key: 'workflow',
    label: 'Status entri',
    cell: (q) => (
      <>
        {q.workflowKey ? <span className={`badge status-${q.workflowKey}`}>{q.workflow}</span> : q.workflow}
        {q.isLate ? ' · dientri terlambat' : ''}
      </>
    ),
  },
  { key: 'deadline', label: 'Batas waktu', cell: (q) => q.deadlineText },
]

export function QuarterTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-quarters">
      <h2 id="h-quarters">Per triwulan tahun {v.period.year}</h2>
      <DataTable columns={QUARTER_COLUMNS} rows={v.quarters} rowKey={(q) => q.quarter} />
    </section>
  )
}

function Evidence({ e }: { e: Entry }) {
  return (
    <>
      {e.buktiText ? <div>{e.buktiText}</div> : null}
      {e.buktiLink ? (
        <a href={e.buktiLink} rel="noopener noreferrer" target="_blank">
          Tautan bukti
        </a>
      ) : e.buktiLinkRaw ? (
        <span>{e.buktiLinkRaw}</span>
      ) : null}
      {e.buktiInternal ? <div className="badge evidence-internal">Internal (tidak ditampilkan publik)</div> : null}
      {!e.buktiText && !e.buktiLinkRaw ? <span className="muted">–</span> : null}
    </>
  )
}

const ENTRY_COLUMNS: Column<Entry>[] = [
  { key: 'period', label: 'Periode', rowHeader: true, cell: (e) => e.period },
  { key: 'value', label: 'Nilai', num: true, cell: (e) => e.valueText },
  {
    key: 'status',
    label: 'Status',
    cell: (e) => (
      <>
        <span className={`badge status-${e.statusKey}`}>{e.status}</span>
        {e.isLate ? <div className="muted">dientri terlambat</div> : null}
        {e.returnNote ? <div className="muted">Catatan pengembalian: {e.returnNote}</div> : null}
      </>
    ),
  },
  { key: 'bukti', label: 'Bukti dukung', cell: (e) => <Evidence e={e} /> },
  {
    key: 'kendala',
    label: 'Kendala / tindak lanjut',
    cell: (e) => (
      <>
        {e.kendala ? <div>Kendala: {e.kendala}</div> : null}
        {e.tindakLanjut ? <div>Tindak lanjut: {e.tindakLanjut}</div> : null}
        {!e.kendala && !e.tindakLanjut ? <span className="muted">–</span> : null}
      </>
    ),
  },
  { key: 'entered', label: 'Dientri', cell: (e) => e.entered },
  { key: 'submitted', label: 'Diajukan', cell: (e) => e.submitted },
  { key: 'verified', label: 'Diverifikasi', cell: (e) => e.verified },
]

export function EntriesTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-entries">
      <h2 id="h-entries">Entri realisasi dan bukti dukung</h2>
      {v.entries.length === 0 ? <p className="empty">Belum ada entri realisasi.</p> : <DataTable columns={ENTRY_COLUMNS} rows={[...v.entries].reverse()} rowKey={(e) => e.id} />}
    </section>
  )
}

const HISTORY_COLUMNS: Column<History>[] = [
  { key: 'when', label: 'Waktu', cell: (h) => h.when },
  { key: 'period', label: 'Periode', cell: (h) => h.period },
  { key: 'action', label: 'Tindakan', cell: (h) => h.action },
  {
    key: 'actor',
    label: 'Oleh',
    cell: (h) => (
      <>
        {h.actor} <span className="muted">({h.role})</span>
      </>
    ),
  },
  { key: 'changes', label: 'Perubahan', cell: (h) => (h.changes.length ? <ListOrDash items={h.changes} /> : '–') },
  { key: 'reason', label: 'Alasan', cell: (h) => h.reason ?? '–' },
]

export function AuditHistoryTable({ v }: { v: IndicatorPageView }) {
  return (
    <section className="card" aria-labelledby="h-history">
      <h2 id="h-history">Riwayat entri dan verifikasi (jejak audit)</h2>
      {v.history.length === 0 ? (
        <p className="muted">Belum ada catatan jejak audit untuk entri indikator ini (data awal dimuat tanpa riwayat perubahan).</p>
      ) : (
        <DataTable columns={HISTORY_COLUMNS} rows={v.history} rowKey={(h) => h.id} />
      )}
    </section>
  )
}
