// The one error panel of every route (and the root): 403/404/413 in Indonesian, the request id for
// server errors, never a stack trace.
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { useRequestId } from '../utils/nonce'

interface Props {
  /** Where "back" leads. */
  back?: { to: string; label: string }
  /** Message for an unexpected (5xx) error on this page. */
  generic?: string
}

export function errorText(error: unknown, generic: string): { title: string; message: string; server: boolean } {
  if (!isRouteErrorResponse(error)) return { title: 'Terjadi kesalahan', message: generic, server: true }
  const text = typeof error.data === 'string' && error.data ? error.data : null
  switch (error.status) {
    case 403:
      return { title: 'Akses ditolak', message: text ?? 'Anda tidak memiliki izin untuk membuka halaman ini.', server: false }
    case 404:
      return { title: 'Tidak ditemukan', message: text ?? 'Halaman atau data yang Anda cari tidak ada atau sudah dipindahkan.', server: false }
    case 413:
      return { title: 'Data terlalu besar', message: text ?? 'Ukuran data melebihi batas.', server: false }
    default:
      return error.status < 500
        ? { title: `Permintaan tidak dapat diproses (${error.status})`, message: text ?? generic, server: false }
        : { title: 'Terjadi kesalahan', message: generic, server: true }
  }
}

export function RouteError({
  back = { to: '/', label: 'Kembali ke beranda' },
  generic = 'Maaf, halaman ini tidak dapat ditampilkan. Silakan coba lagi; bila berulang, laporkan kode permintaan di bawah ini kepada admin.',
}: Props) {
  const error = useRouteError()
  const root = useRouteLoaderData('root') as { requestId?: string | null } | undefined
  const renderedId = useRequestId()
  const requestId = root?.requestId ?? (renderedId || null)
  const { title, message, server } = errorText(error, generic)
  return (
    <div className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      {server && requestId ? <p className="muted">Kode permintaan: {requestId}</p> : null}
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  )
}
