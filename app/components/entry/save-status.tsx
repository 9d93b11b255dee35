// What the entry page says about saving over a bad line, an ended session and leaving with
// unsaved input (the state comes from use-entry-drafts.ts).
import { Link, useBlocker } from '@remix-run/react'
import { useEffect, useRef, type MutableRefObject } from 'react'
import type { SaveStatus } from './use-save-queue'

export function SaveStatusBanner({
  status,
  online,
  sessionEnded,
  loginUrl,
  onRetry,
}: {
  status: SaveStatus
  online: boolean
  sessionEnded: boolean
  loginUrl: string
  onRetry: () => void
}) {
  if (status.kind === 'network' || status.kind === 'unavailable') {
    const when =
      status.retryAt === null
        ? 'Akan dikirim lagi otomatis begitu koneksi kembali.'
        : `Akan dicoba lagi otomatis dalam ${Math.max(1, Math.round((status.retryAt - Date.now()) / 1000))} detik.`
    return (
      <div className="banner banner-error entry-save-status" role="alert" id="status-simpan">
        <p>
          <strong>{status.kind === 'network' ? 'Koneksi terputus saat menyimpan.' : 'Server sedang tidak dapat dihubungi (coba lagi).'}</strong> Semua isian Anda tetap ada di
          halaman ini dan tersimpan di perangkat ini. {when}
        </p>
        <button type="button" className="btn" onClick={onRetry}>
          Coba kirim lagi
        </button>
      </div>
    )
  }
  if (status.kind === 'session' || sessionEnded) {
    return (
      <div className="banner banner-error entry-save-status" role="alert" id="status-simpan">
        <p>
          <strong>Sesi Anda sudah berakhir.</strong> Isian Anda tersimpan di perangkat ini. Setelah masuk lagi Anda kembali ke halaman ini dengan isian yang sama, siap disimpan.
        </p>
        <Link className="btn" to={loginUrl}>
          Masuk lagi
        </Link>
      </div>
    )
  }
  if (status.kind === 'refused') {
    return (
      <div className="banner banner-error entry-save-status" role="alert" id="status-simpan">
        <strong>Tidak tersimpan:</strong> {status.message} Isian Anda tetap tersimpan di perangkat ini.
      </div>
    )
  }
  if (!online) {
    return (
      <div className="banner banner-warn entry-save-status" role="status" id="status-simpan">
        Perangkat sedang luring. Anda tetap dapat mengetik; isian tersimpan di perangkat ini dan dapat disimpan ke server saat koneksi kembali.
      </div>
    )
  }
  return null
}

/** Asks before an in-app navigation leaves unsaved input (the copy stays on this device either way). */
export function LeaveGuard({ dirty, leaving }: { dirty: boolean; leaving: MutableRefObject<boolean> }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  )
  const stay = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (blocker.state === 'blocked') stay.current?.focus()
  }, [blocker.state])
  if (blocker.state !== 'blocked') return null
  return (
    <div className="leave-guard" role="alertdialog" aria-modal="true" aria-labelledby="tinggalkan-judul" aria-describedby="tinggalkan-isi">
      <div className="leave-guard-box">
        <h2 id="tinggalkan-judul">Ada isian yang belum disimpan</h2>
        <p id="tinggalkan-isi">Isian ini belum tersimpan di server. Salinannya tetap ada di perangkat ini dan akan muncul lagi saat Anda kembali ke halaman ini.</p>
        <div className="toolbar">
          <button type="button" className="btn" ref={stay} onClick={() => blocker.reset?.()}>
            Tetap di halaman ini
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => blocker.proceed?.()}>
            Tinggalkan halaman
          </button>
        </div>
      </div>
    </div>
  )
}
