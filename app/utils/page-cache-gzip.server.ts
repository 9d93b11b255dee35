// Gzip answers of the page cache (ADR 0035 §6) built from pieces deflated once. A stored answer is
// static text cut at per-request values (CSP nonce, request id); each static piece is deflated on
// its own, ending on a byte boundary (sync flush, no final block), so pieces concatenate into one
// deflate stream with the per-request values between them as stored (uncompressed) blocks. The
// gzip trailer needs the CRC-32 of the whole plain body: it is combined from each piece's CRC and
// length (zlib's crc32_combine, ported below) — no byte of the page is read again per request.
import zlib from 'node:zlib'
import { promisify } from 'node:util'

const deflateRaw = promisify(zlib.deflateRaw)

/** Deflated static pieces of one answer, with what the trailer needs of each. */
export interface GzipPieces {
  /** Raw deflate of each piece: non-final blocks ending byte-aligned (empty piece: no bytes). */
  deflated: Buffer[]
  /** CRC-32 of each plain piece. */
  crcs: number[]
  /** The CRC shift operator of each piece's length (x^(8·len) mod P, see combine). */
  ops: number[]
  /** Plain length of each piece in bytes. */
  lengths: number[]
  /** Bytes held (deflated pieces + bookkeeping). */
  bytes: number
}

// ---- CRC-32 combination (zlib crc32.c: multmodp, x2nmodp, crc32_combine_gen/op) ----
const POLY = 0xedb88320

/** a·b modulo the CRC polynomial (reflected bit order, as zlib). */
function multmodp(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if (a & m) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}

const X2N: number[] = []
for (let n = 0, p = 1 << 30; n < 32; n++) {
  X2N.push(p >>> 0)
  p = multmodp(p, p)
}

/** x^(n·2^k) modulo P: the operator that shifts a CRC over n bytes when k = 3. */
function x2nmodp(n: number, k: number): number {
  let p = 0x80000000
  while (n > 0) {
    if (n & 1) p = multmodp(X2N[k & 31]!, p)
    n = Math.floor(n / 2)
    k++
  }
  return p >>> 0
}

/** Operator for appending `len` bytes: crc(A‖B) = combine(op(len B), crc A, crc B). */
export const crcShift = (len: number): number => x2nmodp(len, 3)
export const combineCrc = (op: number, crcA: number, crcB: number): number => (multmodp(op, crcA) ^ crcB) >>> 0

// ---- building the answer ----
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]) // no name, no mtime, OS unknown
const FINAL = zlib.deflateRawSync(Buffer.alloc(0)) // an empty final block (03 00)

/** Deflates the static pieces once (on libuv's thread pool). */
export async function deflatePieces(pieces: string[]): Promise<GzipPieces> {
  const plain = pieces.map((p) => Buffer.from(p, 'utf8'))
  const deflated = await Promise.all(plain.map((b) => (b.length ? deflateRaw(b, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : Buffer.alloc(0))))
  return {
    deflated,
    crcs: plain.map((b) => zlib.crc32(b)),
    ops: plain.map((b) => crcShift(b.length)),
    lengths: plain.map((b) => b.length),
    bytes: deflated.reduce((n, b) => n + b.length, 0) + plain.length * 32 + 64,
  }
}

/** A stored deflate block (non-final) holding `data` as it is (< 64 KiB). */
function storedBlock(data: Buffer): Buffer {
  const n = data.length
  const head = Buffer.from([0x00, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff])
  return Buffer.concat([head, data])
}

/**
 * The gzip bytes of pieces[0] values[0] pieces[1] … values[n-1] pieces[n]: the deflated pieces,
 * each value as a stored block, an empty final block, and the trailer (CRC-32, length mod 2^32).
 */
export function gzipAnswer(g: GzipPieces, values: string[]): Buffer {
  const out: Buffer[] = [HEADER, g.deflated[0]!]
  let crc = g.crcs[0]!
  let length = g.lengths[0]!
  const seen = new Map<string, { block: Buffer; crc: number; op: number; len: number }>()
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let s = seen.get(v)
    if (!s) {
      const b = Buffer.from(v, 'utf8')
      s = { block: b.length ? storedBlock(b) : Buffer.alloc(0), crc: zlib.crc32(b), op: crcShift(b.length), len: b.length }
      seen.set(v, s)
    }
    out.push(s.block, g.deflated[i + 1]!)
    crc = combineCrc(g.ops[i + 1]!, combineCrc(s.op, crc, s.crc), g.crcs[i + 1]!)
    length += s.len + g.lengths[i + 1]!
  }
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(length % 2 ** 32, 4)
  out.push(FINAL, trailer)
  return Buffer.concat(out)
}
