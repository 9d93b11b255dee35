// A GET form whose submit buttons download workbooks. Without JavaScript it is a plain form
// (each button's formAction points at a resource route answering with an attachment). With
// JavaScript the file is fetched, the button is disabled and says "Menyiapkan berkas…", a status
// line reports progress and errors (in Indonesian), and the browser saves the blob.
import { useRef, useState, type FormEvent, type ReactNode } from 'react'

export interface DownloadButton {
  /** Resource URL, e.g. /laporan/e81.xlsx */
  action: string
  label: string
  /** Secondary look for less common downloads. */
  secondary?: boolean
  description?: ReactNode
}

type State = { busy: string | null; message: string | null; error: boolean }

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1]!)
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(cd)
  return plain?.[1] ?? fallback
}

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString('id-ID')} KB`

/** Why a download failed, in words for the user (the server's own message when it sent one). */
async function failureReason(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 500)
  if (res.status === 403) return 'Anda tidak memiliki izin untuk berkas ini.'
  if (res.status === 401 || res.redirected) return 'Sesi berakhir; silakan masuk lagi.'
  return text || `Kesalahan server (${res.status}).`
}

/** The body, chunk by chunk, telling `progress` the bytes received so far. */
async function readWithProgress(res: Response, progress: (received: number) => void): Promise<{ chunks: Uint8Array[]; received: number }> {
  const reader = res.body?.getReader()
  if (!reader) {
    const buf = new Uint8Array(await res.arrayBuffer())
    return { chunks: [buf], received: buf.byteLength }
  }
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { chunks, received }
    chunks.push(value)
    received += value.byteLength
    progress(received)
  }
}

/** Hands the file to the browser's download (a temporary link, released after 10 s). */
function saveFile(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export function ExcelDownloadForm({ id, children, buttons }: { id: string; children?: ReactNode; buttons: DownloadButton[] }) {
  const [state, setState] = useState<State>({ busy: null, message: null, error: false })
  const formRef = useRef<HTMLFormElement>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const action = submitter?.getAttribute('formaction')
    if (!action || typeof fetch !== 'function' || typeof URL.createObjectURL !== 'function') return // plain form
    event.preventDefault()
    if (state.busy) return
    const params = new URLSearchParams()
    for (const [k, v] of new FormData(event.currentTarget)) if (typeof v === 'string' && v !== '') params.append(k, v)
    const url = `${action}?${params.toString()}`
    setState({ busy: action, message: 'Menyiapkan berkas…', error: false })
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } })
      if (!res.ok) {
        setState({ busy: null, message: `Gagal menyiapkan berkas: ${await failureReason(res)}`, error: true })
        return
      }
      const type = res.headers.get('Content-Type') ?? ''
      if (!type.includes('spreadsheetml')) {
        setState({ busy: null, message: 'Gagal menyiapkan berkas: sesi mungkin berakhir; muat ulang halaman lalu coba lagi.', error: true })
        return
      }
      // Read with progress (the audit workbook streams while it is written).
      const { chunks, received } = await readWithProgress(res, (n) => setState({ busy: action, message: `Menyiapkan berkas… ${kb(n)} diterima`, error: false }))
      const name = filenameOf(res, 'laporan.xlsx')
      saveFile(new Blob(chunks as BlobPart[], { type }), name)
      setState({ busy: null, message: `Berkas ${name} (${kb(received)}) siap dan sedang diunduh.`, error: false })
    } catch {
      setState({ busy: null, message: 'Gagal menyiapkan berkas: koneksi terputus. Coba lagi.', error: true })
    }
  }

  return (
    <form method="get" id={id} ref={formRef} onSubmit={onSubmit} className="excel-download" aria-describedby={`${id}-status`}>
      {children}
      <div className="excel-buttons">
        {buttons.map((b) => {
          const busy = state.busy === b.action
          return (
            <div key={b.action} className="excel-button">
              <button type="submit" formAction={b.action} className={b.secondary ? 'btn btn-secondary' : 'btn'} disabled={!!state.busy} aria-busy={busy}>
                {busy ? 'Menyiapkan berkas…' : b.label}
              </button>
              {b.description ? <p className="muted excel-button-desc">{b.description}</p> : null}
            </div>
          )
        })}
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className={state.error ? 'field-error excel-status' : 'muted excel-status'}>
        {state.message ?? ''}
      </p>
    </form>
  )
}
