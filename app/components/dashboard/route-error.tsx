import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

/** Error boundary of the dashboard routes: 403/404 in Indonesian, never a stack trace. */
export function DashboardError() {
  const error = useRouteError()
  let title = 'Terjadi kesalahan'
  let message = 'Maaf, halaman ini tidak dapat ditampilkan. Silakan coba lagi; bila berulang, laporkan kepada admin.'
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) {
      title = 'Akses ditolak'
      message = typeof error.data === 'string' && error.data ? error.data : 'Anda tidak memiliki izin untuk membuka halaman ini.'
    } else if (error.status === 404) {
      title = 'Halaman tidak ditemukan'
      message = typeof error.data === 'string' && error.data ? error.data : 'Alamat yang Anda buka tidak ada atau sudah dipindahkan.'
    } else if (error.status < 500) {
      title = `Permintaan tidak dapat diproses (${error.status})`
      message = typeof error.data === 'string' && error.data ? error.data : message
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
