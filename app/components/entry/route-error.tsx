// The error panel of the entry, verification, audit and history routes: 403/404 in Indonesian,
// never a stack trace.
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

export function RouteError() {
  const error = useRouteError()
  let title = 'Terjadi kesalahan'
  let message = 'Maaf, halaman ini tidak dapat ditampilkan. Silakan coba lagi; bila berulang, laporkan kepada admin.'
  if (isRouteErrorResponse(error)) {
    const text = typeof error.data === 'string' && error.data ? error.data : null
    if (error.status === 403) {
      title = 'Akses ditolak'
      message = text ?? 'Anda tidak memiliki izin untuk membuka halaman ini.'
    } else if (error.status === 404) {
      title = 'Data tidak ditemukan'
      message = text ?? 'Data yang Anda cari tidak ada.'
    } else if (error.status < 500) {
      title = `Permintaan tidak dapat diproses (${error.status})`
      message = text ?? message
    }
  }
  return (
    <div className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Kembali ke beranda</Link>
      </p>
    </div>
  )
}
