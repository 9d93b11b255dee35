// The workbook import pages' shared view (Renstra, realisasi, data historis, organisation): the
// upload form with its two steps (check → preview, then save the previewed plan by its hash), the
// answer banner, the summary counts, the problems by row and column, and the per-row change table.
import type { ReactNode } from 'react'
import { Form, useNavigation } from '@remix-run/react'
import type { ImportAnswer } from '../../utils/import-forms'
import { CsrfInput } from '../csrf'
import { ColumnHeads } from '../data-table'

export interface ImportIssueView {
  row: number | null
  column: string | null
  columnName: string | null
  message: string
}

/** What a page needs from an answer: the plan, whether it was saved, and the file's own problem. */
export function importView<P>(answer: ImportAnswer<P> | undefined) {
  const plan = answer?.plan ?? null
  const done = answer?.status === 'success' && answer.intent === 'simpan'
  const fileError = answer?.status === 'error' && !plan ? (answer.formErrors[0] ?? null) : null
  return { plan, done, previewing: plan != null && !done, fileError }
}

/** The saved message (with `children`, e.g. a link onward), or why a save or a preview failed. */
export function ImportBanner({ answer, showPreviewErrors = false, children }: { answer: ImportAnswer<unknown> | undefined; showPreviewErrors?: boolean; children?: ReactNode }) {
  if (!answer) return null
  if (answer.status === 'success')
    return answer.intent === 'simpan' ? (
      <div className="banner banner-ok" role="status">
        {answer.message}
        {children ? <> {children}</> : null}
      </div>
    ) : null
  if (answer.plan == null || (answer.intent !== 'simpan' && !showPreviewErrors) || !answer.formErrors.length) return null
  return (
    <div className="banner banner-error" role="alert">
      {answer.formErrors[0]}
    </div>
  )
}

interface UploadFormProps {
  /** Where the form posts (with its query), and the path that marks this form busy. */
  action?: string
  busyPath: string
  formKey: string
  fileLabel: string
  fileError: string | null
  /** The previewed plan's hash when it can be saved (then the save button shows). */
  saveHash: string | null
  saveLabel: string
  checkLabel?: string
  checkingLabel?: string
  /** The live line under the buttons (what is happening; `readyHint` once a save is possible). */
  liveStatus?: boolean
  readyHint?: string
  /** Hidden inputs and fields between the file and the buttons. */
  children?: ReactNode
}

/** The upload form: the file, the page's own fields, "Periksa" and, after a clean preview, "Simpan". */
export function ImportUploadForm(p: UploadFormProps) {
  const navigation = useNavigation()
  const sent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const submitting = (sent === 'periksa' || sent === 'simpan') && !!navigation.formAction?.startsWith(p.busyPath)
  const canSave = p.saveHash != null
  const checking = p.checkingLabel ?? 'Mengunggah dan memeriksa…'
  return (
    <Form method="post" action={p.action} encType="multipart/form-data" className="stack excel-upload" key={p.formKey}>
      <CsrfInput />
      <div>
        <label htmlFor="berkas">{p.fileLabel}</label>
        <input
          id="berkas"
          name="berkas"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-invalid={p.fileError ? true : undefined}
          aria-describedby={p.fileError ? 'berkas-error' : undefined}
        />
        {p.fileError ? (
          <p id="berkas-error" className="field-error">
            {p.fileError}
          </p>
        ) : null}
      </div>
      {p.children}
      {canSave ? <input type="hidden" name="rencana" value={p.saveHash!} /> : null}
      <div className="toolbar">
        <button type="submit" name="intent" value="periksa" className={canSave ? 'btn btn-secondary' : 'btn'} disabled={submitting}>
          {submitting && sent === 'periksa' ? checking : (p.checkLabel ?? 'Periksa berkas (pratinjau)')}
        </button>
        {canSave ? (
          <button type="submit" name="intent" value="simpan" className="btn" disabled={submitting}>
            {submitting && sent === 'simpan' ? 'Menyimpan…' : p.saveLabel}
          </button>
        ) : null}
      </div>
      {p.liveStatus ? (
        <p role="status" aria-live="polite" className="muted">
          {submitting ? (sent === 'simpan' ? 'Menyimpan perubahan…' : checking) : canSave ? (p.readyHint ?? '') : ''}
        </p>
      ) : null}
    </Form>
  )
}

/** The preview card. */
export function PreviewSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby="h-pratinjau">
      <h2 id="h-pratinjau">{title}</h2>
      {children}
    </section>
  )
}

/** "3 baru 1 berubah 20 tidak berubah" as coloured chips (a count of 0 with `optional` is left out). */
export function ImportCounts({ items }: { items: { kind: string; count: number; label: string; optional?: boolean }[] }) {
  const shown = items.filter((i) => !(i.optional && i.count === 0))
  return (
    <>
      {shown.map((i, n) => (
        <span key={i.kind}>
          {n ? ' ' : null}
          <span className={`excel-kind kind-${i.kind}`}>
            {i.count} {i.label}
          </span>
        </span>
      ))}
    </>
  )
}

/** Problems by row and column (the first 500), as a table inside an error or warning banner. */
export function IssueTable({ title, issues, kind }: { title: string; issues: ImportIssueView[]; kind: 'error' | 'warn' }) {
  return (
    <div className={kind === 'error' ? 'banner banner-error' : 'banner banner-warn'} role={kind === 'error' ? 'alert' : undefined}>
      <p>
        <strong>{title}</strong>
      </p>
      <div className="table-wrap" tabIndex={0}>
        <table className="excel-issues">
          <ColumnHeads labels={['Baris', 'Kolom', 'Masalah']} />
          <tbody>
            {issues.slice(0, 500).map((i, n) => (
              <tr key={n}>
                <td className="num">{i.row ?? '–'}</td>
                <td>{i.column ? `${i.column}${i.columnName ? ` (${i.columnName})` : ''}` : '–'}</td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {issues.length > 500 ? <p>… dan {issues.length - 500} masalah lain.</p> : null}
    </div>
  )
}

/** Problems as sentences, in an error or warning banner. */
export function IssueList({ items, kind, title }: { items: string[]; kind: 'error' | 'warn'; title?: ReactNode }) {
  if (!items.length) return null
  return (
    <div className={kind === 'error' ? 'banner banner-error' : 'banner banner-warn'} role={kind === 'error' && title ? 'alert' : undefined}>
      {title ? <p>{title}</p> : null}
      <ul>
        {items.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    </div>
  )
}

export interface ChangeRowView {
  rowNumber: number
  code: string
  name: string
  kind: string
  status?: string | null
  changes: { field: string; before: string; after: string }[]
}

/** The rows a save would write: row, code, name, kind, and each field's before → after. */
export function ChangeTable({ caption, rows, kindLabels }: { caption: string; rows: ChangeRowView[]; kindLabels: Record<string, string> }) {
  if (!rows.length) return null
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="excel-preview">
        <caption>{caption}</caption>
        <ColumnHeads labels={['Baris', 'Kode', 'Indikator', 'Jenis', 'Perubahan']} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.rowNumber}>
              <td className="num">{r.rowNumber}</td>
              <td>{r.code}</td>
              <td>{r.name}</td>
              <td>
                <span className={`excel-kind kind-${r.kind}`}>{kindLabels[r.kind] ?? r.kind}</span>
                {r.status ? <span className="muted"> ({r.status})</span> : null}
              </td>
              <td>
                <ul className="excel-changes">
                  {r.changes.map((c) => (
                    <li key={c.field}>
                      <strong>{c.field}</strong>: <del>{c.before}</del> → <ins>{c.after}</ins>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
