// A minimal reader of a zip file's central directory (the container of every .xlsx), with no
// dependency: enough to check an upload before any spreadsheet parser touches it, to inflate
// every entry with a bound on the bytes it really produces (the declared sizes of a zip are the
// sender's word, not a fact), and to read one entry back (tests inspect the sheet XML of the
// files the app produces).
//
// The directory is read the way JSZip (ExcelJS's unzipper) reads it, so the entries checked
// here are the entries ExcelJS will inflate: the end record found from the end of the file, the
// directory records read while their signature repeats, the data of each entry taken at its
// local header after the local name and extra field, `compressedSize` bytes long. Anything where
// the two readings could differ (bytes before the archive, a record count that does not match
// the records, a directory that does not end where the end record starts) is refused.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createInflateRaw, inflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  /** 0 = stored, 8 = deflate; anything else is refused by the readers. */
  method: number
  compressedSize: number
  uncompressedSize: number
  /** General purpose flag bit 0: the entry is encrypted. */
  encrypted: boolean
  localHeaderOffset: number
}

export class ZipFormatError extends Error {}

const EOCD_SIG = 0x06054b50
const CDH_SIG = 0x02014b50
const LFH_SIG = 0x04034b50

/** True when the buffer starts with a zip local file header: `PK\x03\x04`. */
export function hasZipSignature(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04
}

function view(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
}

/**
 * Lists the entries of a zip from its central directory. Throws ZipFormatError on anything
 * malformed, truncated or ZIP64 (an .xlsx under the upload cap never needs ZIP64).
 */
export function listZipEntries(buf: Uint8Array, maxEntries = 10_000): ZipEntry[] {
  const dv = view(buf)
  const len = buf.length
  if (len < 22) throw new ZipFormatError('Berkas terlalu pendek untuk sebuah zip')
  // End of central directory: 22 bytes plus a comment of at most 65 535 bytes.
  let eocd = -1
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipFormatError('Direktori pusat zip tidak ditemukan')
  const total = dv.getUint16(eocd + 10, true)
  const cdSize = dv.getUint32(eocd + 12, true)
  const cdOffset = dv.getUint32(eocd + 16, true)
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipFormatError('Zip64 tidak didukung')
  if (total > maxEntries) throw new ZipFormatError(`Zip berisi terlalu banyak berkas (${total})`)
  // JSZip shifts every offset when the directory ends before the end record (bytes prepended to
  // the archive); we would then read other bytes than it does. An .xlsx never has them.
  if (cdOffset + cdSize !== eocd) throw new ZipFormatError('Direktori pusat zip rusak')
  const out: ZipEntry[] = []
  let p = cdOffset
  const decoder = new TextDecoder('utf-8', { fatal: false })
  // JSZip reads records while the signature repeats, whatever the count says: so do we, and
  // the count and the directory's size must then agree with what was read.
  while (p + 4 <= len && dv.getUint32(p, true) === CDH_SIG) {
    if (out.length >= maxEntries) throw new ZipFormatError(`Zip berisi terlalu banyak berkas (lebih dari ${maxEntries})`)
    if (p + 46 > len) throw new ZipFormatError('Entri direktori pusat zip rusak')
    const flags = dv.getUint16(p + 8, true)
    const method = dv.getUint16(p + 10, true)
    const compressedSize = dv.getUint32(p + 20, true)
    const uncompressedSize = dv.getUint32(p + 24, true)
    const nameLen = dv.getUint16(p + 28, true)
    const extraLen = dv.getUint16(p + 30, true)
    const commentLen = dv.getUint16(p + 32, true)
    const localHeaderOffset = dv.getUint32(p + 42, true)
    if (p + 46 + nameLen > len) throw new ZipFormatError('Nama entri zip terpotong')
    const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen))
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ZipFormatError('Zip64 tidak didukung')
    }
    out.push({ name, method, compressedSize, uncompressedSize, encrypted: (flags & 1) === 1, localHeaderOffset })
    p += 46 + nameLen + extraLen + commentLen
  }
  if (out.length !== total || p !== cdOffset + cdSize) throw new ZipFormatError('Direktori pusat zip rusak')
  return out
}

/** Where the data of an entry starts and ends (after its local header, name and extra field). */
function dataRange(buf: Uint8Array, entry: ZipEntry): { start: number; end: number } {
  const dv = view(buf)
  const p = entry.localHeaderOffset
  if (p + 30 > buf.length || dv.getUint32(p, true) !== LFH_SIG) throw new ZipFormatError('Header lokal zip rusak')
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true)
  const end = start + entry.compressedSize
  if (end > buf.length) throw new ZipFormatError('Data entri zip terpotong')
  return { start, end }
}

/** Thrown when an entry inflates to more bytes than allowed; inflating stopped there. */
export class ZipLimitError extends ZipFormatError {
  constructor(
    message: string,
    readonly entry: string,
    readonly inflated: number,
  ) {
    super(message)
  }
}

/**
 * Bytes produced by `inflateEntryBounded` since the process started. Tests read it to prove
 * that inflating stopped at the limit instead of running to the end of a zip bomb.
 */
export const inflateStats = { bytes: 0 }

class Stop extends Error {}
const FEED_SLICE = 64 * 1024

/**
 * Inflates one entry as a stream, counting the bytes it really produces, and stops as soon as
 * they pass `limit` (throws ZipLimitError) — the whole output is never held, only the current
 * chunk, which goes to `onChunk`. `onChunk` may return false to stop early (e.g. a row cap was
 * passed). Runs on the libuv thread pool, so other requests keep being served meanwhile.
 * Returns the bytes produced (up to the stop) and whether the entry was read to its end.
 */
export async function inflateEntryBounded(
  buf: Uint8Array,
  entry: ZipEntry,
  limit: number,
  onChunk?: (chunk: Buffer) => boolean | void,
): Promise<{ bytes: number; complete: boolean }> {
  if (entry.encrypted) throw new ZipFormatError('Entri zip terenkripsi')
  const { start, end } = dataRange(buf, entry)
  const data = buf.subarray(start, end)
  let bytes = 0
  const take = (chunk: Buffer): void => {
    bytes += chunk.length
    inflateStats.bytes += chunk.length
    if (bytes > limit) throw new ZipLimitError(`Entri ${entry.name} lebih besar dari batas`, entry.name, bytes)
    if (onChunk && onChunk(chunk) === false) throw new Stop()
  }
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += FEED_SLICE) {
      try {
        take(Buffer.from(data.buffer, data.byteOffset + i, Math.min(FEED_SLICE, data.length - i)))
      } catch (e) {
        if (e instanceof Stop) return { bytes, complete: false }
        throw e
      }
    }
    return { bytes, complete: true }
  }
  if (entry.method !== 8) throw new ZipFormatError(`Metode kompresi zip ${entry.method} tidak didukung`)
  function* slices() {
    for (let i = 0; i < data.length; i += FEED_SLICE) yield Buffer.from(data.buffer, data.byteOffset + i, Math.min(FEED_SLICE, data.length - i))
  }
  // The error thrown by the consumer reaches the caller as an AbortError: keep the real one.
  let failure: unknown = null
  try {
    await pipeline(Readable.from(slices()), createInflateRaw(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        try {
          take(chunk)
        } catch (e) {
          failure = e
          throw e
        }
      }
    })
    return { bytes, complete: true }
  } catch (caught) {
    const e = failure ?? caught
    if (e instanceof Stop) return { bytes, complete: false }
    if (e instanceof ZipFormatError) throw e
    throw new ZipFormatError(`Data entri ${entry.name} tidak dapat diekstrak`)
  }
}

/** The uncompressed bytes of one entry (stored or deflated), or null when absent. */
export function readZipEntry(buf: Uint8Array, name: string, maxBytes = 200 * 1024 * 1024): Buffer | null {
  const entry = listZipEntries(buf).find((e) => e.name === name)
  if (!entry) return null
  if (entry.encrypted) throw new ZipFormatError('Entri zip terenkripsi')
  if (entry.uncompressedSize > maxBytes) throw new ZipFormatError('Entri zip terlalu besar')
  const { start, end } = dataRange(buf, entry)
  const data = buf.subarray(start, end)
  if (entry.method === 0) return Buffer.from(data)
  if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes })
  throw new ZipFormatError(`Metode kompresi zip ${entry.method} tidak didukung`)
}
