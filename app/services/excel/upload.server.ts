// Reading a spreadsheet upload from a multipart form, within the size cap: the declared
// Content-Length is checked before anything is read (413), and the parser stops as soon as the
// received bytes pass the cap (413), so an oversized upload never reaches the spreadsheet parser.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { UPLOAD_LIMIT_BYTES } from '../../utils/limits'
import type { Permission } from '../../utils/permissions'
import { forbidden, isSameOrigin, requireAction, requireUser, type SessionUser } from '../auth.server'

export interface UploadedFile {
  name: string
  size: number
  bytes: Uint8Array
}

export class UploadTooLarge extends Error {}

/** A 413 response in Indonesian (plain text; the import pages show it in their error boundary). */
export function payloadTooLarge(limit = UPLOAD_LIMIT_BYTES): Response {
  return new Response(`Ukuran berkas melebihi batas ${Math.round(limit / 1024 / 1024)} MB. Pecah berkas menjadi beberapa bagian atau hapus lembar yang tidak perlu.`, {
    status: 413,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' },
  })
}

/** Throws a 413 Response when the request declares a body larger than the cap. */
export function assertDeclaredSize(request: Request, limit = UPLOAD_LIMIT_BYTES): void {
  const declared = Number(request.headers.get('Content-Length') ?? NaN)
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit)
}

/**
 * Parses a multipart form (or an urlencoded one, for the steps without a file) with a cap on the
 * total bytes received. Throws a 413 Response when the cap is passed.
 */
export async function readUploadForm(request: Request, limit = UPLOAD_LIMIT_BYTES): Promise<FormData> {
  assertDeclaredSize(request, limit)
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.startsWith('multipart/form-data')) return request.formData()
  let total = 0
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: limit })
  try {
    return await unstable_parseMultipartFormData(request, async (part) => {
      // Count the bytes of every part against one cap.
      const counted = {
        ...part,
        data: (async function* () {
          for await (const chunk of part.data) {
            total += chunk.byteLength
            if (total > limit) throw new UploadTooLarge()
            yield chunk
          }
        })(),
      }
      return memory(counted)
    })
  } catch (e) {
    if (e instanceof UploadTooLarge || e instanceof MaxPartSizeExceededError) throw payloadTooLarge(limit)
    throw e
  }
}

/** The uploaded file of a field, or null when none was chosen. Throws 413 over the cap. */
export async function fileOf(form: FormData, field: string, limit = UPLOAD_LIMIT_BYTES): Promise<UploadedFile | null> {
  const v = form.get(field)
  if (!v || typeof v === 'string') return null
  const f = v as File
  if (f.size === 0 && !f.name) return null
  if (f.size > limit) throw payloadTooLarge(limit)
  return { name: f.name || 'berkas.xlsx', size: f.size, bytes: new Uint8Array(await f.arrayBuffer()) }
}

/**
 * The guard of an upload action, in its order: the origin first (a cross-site post is refused even
 * without a session), then session and permission before the body is read, the size cap while it
 * is read (413), then the form's CSRF token.
 */
export async function requireUploadAction(request: Request, permission: Permission): Promise<{ user: SessionUser; form: FormData }> {
  if (!isSameOrigin(request)) forbidden('Permintaan ditolak: asal permintaan tidak sah (CSRF).')
  await requireUser(request, { permission })
  const form = await readUploadForm(request)
  const { user } = await requireAction(request, { permission, form })
  return { user, form }
}
