// Entry completeness of a quarter per bidang: who has reported, and which indicators are missing,
// late, still draft or waiting for an external release (named, with the reason in words).
import { DataTable, type Column } from '../data-table'
import type { CompletenessView } from '../../presenters/completeness.server'

type Unit = CompletenessView['units'][number]

const UNIT_COLUMNS: Column<Unit>[] = [
  { key: 'unit', label: 'Bidang / unit', rowHeader: true, cell: (u) => u.unitName },
  { key: 'reported', label: 'Dilaporkan', num: true, cell: (u) => `${u.reported} / ${u.total}` },
  { key: 'late', label: 'Terlambat', num: true, className: (u) => (u.late ? 'cell-late' : undefined), cell: (u) => u.late },
  { key: 'pending', label: 'Belum / draf', num: true, cell: (u) => u.pending },
  { key: 'release', label: 'Menunggu rilis', num: true, cell: (u) => u.waitingRelease },
  {
    key: 'items',
    label: 'Indikator yang belum lengkap',
    cell: (u) =>
      u.items.length === 0 ? (
        <span>Lengkap</span>
      ) : (
        <ul className="plain-list">
          {u.items.map((i) => (
            <li key={i.indicatorId} className={`entry-${i.state}`}>
              <strong>{i.code}</strong> {i.name}: <em>{i.stateLabel}</em>
            </li>
          ))}
        </ul>
      ),
  },
]

export function Completeness({ view, headingLevel = 3, large = false }: { view: CompletenessView; headingLevel?: 2 | 3; large?: boolean }) {
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const id = `kelengkapan-${view.year}-${view.quarter}`
  return (
    <section className={`completeness${large ? ' completeness-large' : ''}`} aria-labelledby={id}>
      <H id={id}>Kelengkapan entri {view.label}</H>
      <p className="muted">
        Batas waktu pelaporan: {view.deadlineText}
        {view.pastDeadline ? ' (sudah lewat)' : ' (belum jatuh tempo)'} · {view.totals.reported} dari {view.totals.total} indikator sudah dilaporkan
        {view.totals.late ? `, ${view.totals.late} terlambat` : ''}
        {view.totals.waitingRelease ? `, ${view.totals.waitingRelease} menunggu rilis` : ''}
      </p>
      <DataTable className="completeness-table" columns={UNIT_COLUMNS} rows={view.units} rowKey={(u) => u.unitId} />
    </section>
  )
}
