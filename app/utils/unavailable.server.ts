// The answer when the database cannot be reached: a 503 in Indonesian, with the security headers,
// rendered without React (nothing to hydrate, nothing that needs the database).
import { securityHeaders } from './headers.server'

export const DATABASE_UNAVAILABLE_TITLE = 'Basis data tidak dapat dihubungi'
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Basis data tidak dapat dihubungi; isian Anda tidak hilang, coba lagi dalam beberapa saat. Jika masalah berlanjut, laporkan kode permintaan di bawah ini kepada admin.'
export const RETRY_AFTER_SECONDS = 10

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function databaseUnavailableHtml(requestId: string): string {
  return (
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(DATABASE_UNAVAILABLE_TITLE)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5">` +
    `<main><h1>${escapeHtml(DATABASE_UNAVAILABLE_TITLE)}</h1><p>${escapeHtml(DATABASE_UNAVAILABLE_MESSAGE)}</p>` +
    (requestId ? `<p>Kode permintaan: <code>${escapeHtml(requestId)}</code></p>` : '') +
    `<p><a href="">Coba lagi</a> · <a href="/">Kembali ke beranda</a></p></main></body></html>`
  )
}

export function databaseUnavailablePage(requestId: string): Response {
  return new Response(databaseUnavailableHtml(requestId), {
    status: 503,
    headers: {
      ...securityHeaders('none'),
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(RETRY_AFTER_SECONDS),
    },
  })
}
