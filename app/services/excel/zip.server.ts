// A minimal reader of a zip file's central directory (the container of every .xlsx), with no
// dependency: enough to check an upload before any spreadsheet parser touches it, and to read
// one entry back (tests inspect the sheet XML of the files the app produces).
import { inflateRawSync } from 'node:zlib'

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
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('Direktori pusat zip rusak')
  const out: ZipEntry[] = []
  let p = cdOffset
  const decoder = new TextDecoder('utf-8', { fatal: false })
  for (let n = 0; n < total; n++) {
    if (p + 46 > len || dv.getUint32(p, true) !== CDH_SIG) throw new ZipFormatError('Entri direktori pusat zip rusak')
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
  return out
}

/** The uncompressed bytes of one entry (stored or deflated), or null when absent. */
export function readZipEntry(buf: Uint8Array, name: string, maxBytes = 200 * 1024 * 1024): Buffer | null {
  const entry = listZipEntries(buf).find((e) => e.name === name)
  if (!entry) return null
  if (entry.encrypted) throw new ZipFormatError('Entri zip terenkripsi')
  if (entry.uncompressedSize > maxBytes) throw new ZipFormatError('Entri zip terlalu besar')
  const dv = view(buf)
  const p = entry.localHeaderOffset
  if (p + 30 > buf.length || dv.getUint32(p, true) !== LFH_SIG) throw new ZipFormatError('Header lokal zip rusak')
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true)
  const data = buf.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) return Buffer.from(data)
  if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes })
  throw new ZipFormatError(`Metode kompresi zip ${entry.method} tidak didukung`)
}
